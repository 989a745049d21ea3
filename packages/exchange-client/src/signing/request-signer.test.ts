import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { canonicalizeQuery, createCanonicalRequest, EMPTY_BODY_SHA256, sha256Hex } from './canonical-request';
import { EXCHANGE_HEADERS } from './headers';
import { createHmacSigner, verifyRequestSignature } from './request-signer';

const body = new TextEncoder().encode('{"caseNo":"C-1"}');
const input = {
  method: 'post',
  url: 'http://127.0.0.1:9/api/v1/cases?b=2&a=x%20y',
  body,
  timestamp: 1767225600000,
  nonce: 'n-1',
};

describe('createCanonicalRequest', () => {
  it('joins METHOD, path, sorted query, body hash, timestamp and nonce with newlines', async () => {
    expect(canonicalizeQuery('?b=2&a=x+y&a=!')).toBe('a=%21&a=x%20y&b=2');
    expect(await sha256Hex(new Uint8Array())).toBe(EMPTY_BODY_SHA256);
    const canonical = createCanonicalRequest({
      method: 'post',
      path: '/api/v1/cases',
      query: 'b=2&a=1',
      bodySha256: await sha256Hex(body),
      timestamp: '1',
      nonce: 'n',
    });
    expect(canonical).toBe(`POST\n/api/v1/cases\na=1&b=2\n${createHash('sha256').update(body).digest('hex')}\n1\nn`);
  });
});

describe('createHmacSigner', () => {
  it.each(['hmac-sha256', 'hmac-sm3'] as const)('signs with %s as node:crypto computes it', async (algorithm) => {
    const headers = await createHmacSigner({ appKey: 'app', appSecret: 's3cret', algorithm }).sign(input);
    const canonical = `POST\n/api/v1/cases\na=x%20y&b=2\n${createHash('sha256').update(body).digest('hex')}\n1767225600000\nn-1`;
    const expected = createHmac(algorithm === 'hmac-sm3' ? 'sm3' : 'sha256', 's3cret')
      .update(canonical)
      .digest('base64');
    expect(headers[EXCHANGE_HEADERS.signature]).toBe(expected);
    expect(headers[EXCHANGE_HEADERS.appKey]).toBe('app');
  });
});

describe('verifyRequestSignature', () => {
  const received = async (algorithm: 'hmac-sha256' | 'hmac-sm3' = 'hmac-sha256') => ({
    method: 'POST',
    url: '/api/v1/cases?a=x%20y&b=2',
    body,
    headers: Object.fromEntries(
      Object.entries(await createHmacSigner({ appKey: 'app', appSecret: 's3cret', algorithm }).sign(input)).map(
        ([key, value]) => [key.toLowerCase(), value],
      ),
    ),
  });

  it('accepts what the signer produced, for both algorithms', async () => {
    for (const algorithm of ['hmac-sha256', 'hmac-sm3'] as const) {
      const check = await verifyRequestSignature(await received(algorithm), () => 's3cret');
      expect(check).toMatchObject({ valid: true, appKey: 'app', algorithm, timestamp: 1767225600000, nonce: 'n-1' });
    }
  });

  it('rejects a wrong secret, a changed body, an unknown key and missing headers', async () => {
    const request = await received();
    expect(await verifyRequestSignature(request, () => 'other')).toMatchObject({
      valid: false,
      reason: 'SIGNATURE_MISMATCH',
    });
    expect(
      await verifyRequestSignature({ ...request, body: new TextEncoder().encode('{"caseNo":"C-2"}') }, () => 's3cret'),
    ).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(await verifyRequestSignature(request, () => undefined)).toMatchObject({
      valid: false,
      reason: 'UNKNOWN_APP_KEY',
    });
    expect(await verifyRequestSignature({ ...request, headers: new Headers() }, () => 's3cret')).toMatchObject({
      valid: false,
      reason: 'MISSING_HEADER',
      message: expect.stringContaining('X-Exchange-Signature'),
    });
  });
});

describe('runtimes without node:crypto', () => {
  it('sign and verify through WebCrypto with the same results', async () => {
    const native = await createHmacSigner({ appKey: 'k', appSecret: 's' }).sign(input);
    const getBuiltinModule = process.getBuiltinModule;
    vi.resetModules();
    // A runtime without process.getBuiltinModule (browsers, older runtimes): fresh modules fall back to WebCrypto.
    Object.defineProperty(process, 'getBuiltinModule', { value: undefined, configurable: true, writable: true });
    const webCryptoSign = vi.spyOn(crypto.subtle, 'sign');
    try {
      const fallback = await import('./request-signer');
      const hashing = await import('./canonical-request');
      expect(await fallback.createHmacSigner({ appKey: 'k', appSecret: 's' }).sign(input)).toEqual(native);
      expect(await hashing.sha256Hex(body)).toBe(createHash('sha256').update(body).digest('hex'));
      const check = await fallback.verifyRequestSignature(
        { method: 'POST', url: '/api/v1/cases?b=2&a=x%20y', headers: native, body },
        () => 's',
      );
      expect(check).toMatchObject({ valid: true, appKey: 'k' });
      expect(webCryptoSign).toHaveBeenCalledTimes(2);
    } finally {
      webCryptoSign.mockRestore();
      Object.defineProperty(process, 'getBuiltinModule', {
        value: getBuiltinModule,
        configurable: true,
        writable: true,
      });
      vi.resetModules();
    }
  });
});
