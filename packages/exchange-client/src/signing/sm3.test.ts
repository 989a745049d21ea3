import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../internal/bytes';
import { hmacSm3, sm3 } from './sm3';

describe('sm3', () => {
  it('matches the GB/T 32905 test vectors', () => {
    expect(toHex(sm3('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(toHex(sm3('abcd'.repeat(16)))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('matches node:crypto for lengths around the block boundaries', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = randomBytes(length);
      expect(toHex(sm3(new Uint8Array(data)))).toBe(createHash('sm3').update(data).digest('hex'));
    }
  });
});

describe('hmacSm3', () => {
  it('matches node:crypto HMAC-SM3 for short and long keys', () => {
    for (const key of ['k', 'secret-of-hengyang', 'x'.repeat(100)]) {
      expect(toHex(hmacSm3(key, 'GET\n/api/v1/items\n\n'))).toBe(
        createHmac('sm3', key).update('GET\n/api/v1/items\n\n').digest('hex'),
      );
    }
  });
});
