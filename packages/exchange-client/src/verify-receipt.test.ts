import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyReceipt } from './verify-receipt';

const payload = { caseNo: 'C-1', version: 1, acceptedAt: '2026-05-01T09:30:00+08:00', payloadSha256: 'a'.repeat(64) };
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

async function signed(value: unknown = payload, alg = 'ES256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jws = await new CompactSign(encode(value)).setProtectedHeader({ alg }).sign(privateKey);
  return { jws, jwk: await exportJWK(publicKey), publicKey };
}

describe('verifyReceipt', () => {
  it('verifies an ES256 receipt against a JWK and a CryptoKey, and checks its binding', async () => {
    const { jws, jwk, publicKey } = await signed();
    expect(await verifyReceipt(jws, jwk, { expected: { caseNo: 'C-1', version: 1 } })).toEqual({
      jws,
      payload,
      verified: true,
    });
    expect((await verifyReceipt(jws, publicKey as CryptoKey)).verified).toBe(true);
  });

  it('throws ERR_EXCHANGE_RECEIPT_INVALID for another key, a tampered payload, a wrong binding or algorithm', async () => {
    const { jws } = await signed();
    const other = await signed();
    await expect(verifyReceipt(jws, other.jwk)).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RECEIPT_INVALID',
      message: expect.stringContaining('does not verify'),
    });
    const [header, , signature] = jws.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...payload, version: 2 })).toString('base64url')}.${signature}`;
    await expect(verifyReceipt(forged, (await signed()).jwk)).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RECEIPT_INVALID',
    });
    const { jws: good, jwk } = await signed();
    await expect(verifyReceipt(good, jwk, { expected: { payloadSha256: 'b'.repeat(64) } })).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RECEIPT_INVALID',
      message: expect.stringContaining('payloadSha256 does not match'),
    });
    await expect(verifyReceipt(good, jwk, { algorithms: ['EdDSA'] })).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RECEIPT_INVALID',
      message: expect.stringContaining('"ES256" is not accepted'),
    });
    await expect(verifyReceipt('not-a-jws', jwk)).rejects.toMatchObject({ code: 'ERR_EXCHANGE_RECEIPT_INVALID' });
  });

  it('rejects a correctly signed payload that is not a receipt, naming the field', async () => {
    const { jws, jwk } = await signed({ ...payload, version: 'one' });
    await expect(verifyReceipt(jws, jwk)).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_RECEIPT_INVALID',
      message: expect.stringContaining('"version"'),
    });
  });
});
