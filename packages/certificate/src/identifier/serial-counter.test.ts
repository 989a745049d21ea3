import { describe, expect, it } from 'vitest';
import { createCertificateId } from './certificate-id';
import { createMemorySerialCounter } from './serial-counter';

const a = { typeCode: '11100000000013338W032', issuerCode: '114304001000001120' };
const b = { typeCode: '11100000000013338W011', issuerCode: '114304001000001120' };

describe('createMemorySerialCounter', () => {
  it('counts monotonically per type and issuer, and the serials make valid identifiers', () => {
    const counter = createMemorySerialCounter({ prefix: 'HY2025', width: 6 });
    expect([counter.next(a), counter.next(a), counter.next(b), counter.next(a)]).toEqual([
      'HY2025000001',
      'HY2025000002',
      'HY2025000001',
      'HY2025000003',
    ]);
    expect(createCertificateId({ ...a, serial: 'HY2025000001' })).toBe(
      '1.2.156.3005.2.11100000000013338W032.114304001000001120.HY2025000001.001.9',
    );
    expect(counter.snapshot()).toEqual({ [`${a.typeCode}.${a.issuerCode}`]: 3, [`${b.typeCode}.${b.issuerCode}`]: 1 });
  });

  it('resumes from restored state', () => {
    const counter = createMemorySerialCounter({ width: 3, lastUsed: { [`${a.typeCode}.${a.issuerCode}`]: 41 } });
    expect(counter.next(a)).toBe('042');
  });

  it('refuses to overflow its width (ERR_CERTIFICATE_INPUT_INVALID)', () => {
    const counter = createMemorySerialCounter({ width: 1, lastUsed: { [`${a.typeCode}.${a.issuerCode}`]: 9 } });
    expect(() => counter.next(a)).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_INPUT_INVALID',
        message: `Serial counter for ${a.typeCode}.${a.issuerCode} is exhausted at width 1; use a larger width or a new prefix`,
      }),
    );
  });

  it('rejects a prefix outside 0-9A-Z', () => {
    expect(() => createMemorySerialCounter({ prefix: 'hy-' })).toThrow(
      expect.objectContaining({
        code: 'ERR_CERTIFICATE_INPUT_INVALID',
        message: 'Serial prefix may only contain 0-9 and A-Z',
      }),
    );
  });
});
