import { constants, verify, X509Certificate } from 'node:crypto';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpensslPki, type JwsAlgorithm, type OpensslPki } from '../../test/json/openssl-pki';
import type { Signer } from '../signer';
import { decodeJson } from './decode-json';
import { ecdsaDerToRaw, ecdsaRawToDer } from './jws';
import { signJson } from './sign-json';

let pki: OpensslPki;
beforeAll(() => {
  pki = createOpensslPki();
});
afterAll(() => pki.cleanup());

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function nodeVerify(algorithm: JwsAlgorithm, certificatePem: string, data: string, signature: Uint8Array): boolean {
  const key = new X509Certificate(certificatePem).publicKey;
  switch (algorithm) {
    case 'ES256':
    case 'ES384':
      return verify(
        algorithm === 'ES256' ? 'sha256' : 'sha384',
        Buffer.from(data),
        { key, dsaEncoding: 'ieee-p1363' },
        signature,
      );
    case 'RS256':
      return verify('sha256', Buffer.from(data), key, signature);
    case 'PS256':
      return verify(
        'sha256',
        Buffer.from(data),
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        signature,
      );
    case 'EdDSA':
      return verify(null, Buffer.from(data), key, signature);
  }
}

describe('signJson', () => {
  it('makes a compact ES256 JWS with protected alg/typ/kid/x5c, a JCS payload and a raw 64-byte signature', async () => {
    const leaf = pki.leaves.ES256;
    const jws = await signJson({ b: 1, a: '衡阳' }, leaf.signer, { keyId: 'seal-1', type: 'JOSE' });
    const [h, p, s] = jws.split('.') as [string, string, string];
    expect(JSON.parse(text(base64url.decode(h)))).toEqual({
      alg: 'ES256',
      typ: 'JOSE',
      kid: 'seal-1',
      x5c: [b64(leaf.certificateDer), b64(pki.intermediateDer)],
    });
    expect(text(base64url.decode(p))).toBe('{"a":"衡阳","b":1}');
    const signature = base64url.decode(s);
    expect(signature.length).toBe(64);
    expect(nodeVerify('ES256', leaf.certificatePem, `${h}.${p}`, signature)).toBe(true);
  });

  it.each(['ES384', 'RS256', 'PS256', 'EdDSA'] as const)(
    'signs with %s in the JWS form of that algorithm',
    async (alg) => {
      const leaf = pki.leaves[alg];
      const jws = await signJson([1, 'two'], leaf.signer);
      const [h, p, s] = jws.split('.') as [string, string, string];
      expect(JSON.parse(text(base64url.decode(h))).alg).toBe(alg);
      const signature = base64url.decode(s);
      expect(signature.length).toBe({ ES384: 96, RS256: 256, PS256: 256, EdDSA: 64 }[alg]);
      expect(nodeVerify(alg, leaf.certificatePem, `${h}.${p}`, signature)).toBe(true);
    },
  );

  it('makes a flattened JSON serialization, and omits the payload when detached (RFC 7797 b64: false)', async () => {
    const leaf = pki.leaves.ES256;
    const flattened = JSON.parse(await signJson({ x: 1 }, leaf.signer, { serialization: 'json', includeX5c: false }));
    expect(Object.keys(flattened).sort()).toEqual(['payload', 'protected', 'signature']);
    expect(JSON.parse(text(base64url.decode(flattened.protected)))).toEqual({ alg: 'ES256' });

    const detached = await signJson({ x: 1 }, leaf.signer, { detached: true });
    const [h, p, s] = detached.split('.') as [string, string, string];
    expect(p).toBe('');
    expect(JSON.parse(text(base64url.decode(h)))).toMatchObject({ b64: false, crit: ['b64'] });
    expect(nodeVerify('ES256', leaf.certificatePem, `${h}.{"x":1}`, base64url.decode(s))).toBe(true);
    const json = JSON.parse(await signJson({ x: 1 }, leaf.signer, { detached: true, serialization: 'json' }));
    expect('payload' in json).toBe(false);
  });

  it('signs bytes as they are, and JSON.stringify output with canonicalize: none', async () => {
    const leaf = pki.leaves.EdDSA;
    const raw = await signJson(new TextEncoder().encode('not json {'), leaf.signer);
    expect(text(base64url.decode(raw.split('.')[1]!))).toBe('not json {');
    const none = await signJson({ b: 1, a: 2 }, leaf.signer, { canonicalize: 'none' });
    expect(text(base64url.decode(none.split('.')[1]!))).toBe('{"b":1,"a":2}');
    expect(decodeJson(none).payload).toEqual({ b: 1, a: 2 });
  });

  it('converts a DER ECDSA signature with short r/s (leading zeros stripped) to fixed-size r||s', async () => {
    const r = new Uint8Array(31).fill(1);
    const s = new Uint8Array(33).fill(2);
    s[0] = 0;
    s[1] = 0x80;
    const der = new Uint8Array([0x30, 2 + 31 + 2 + 33, 0x02, 31, ...r, 0x02, 33, ...s]);
    const signer: Signer = { ...pki.leaves.ES256.signer, sign: async () => der };
    const jws = await signJson({}, signer);
    const raw = base64url.decode(jws.split('.')[2]!);
    expect(Array.from(raw.subarray(0, 1))).toEqual([0]);
    expect(Array.from(raw.subarray(1, 32))).toEqual(Array.from(r));
    expect(Array.from(raw.subarray(32))).toEqual(Array.from(s.subarray(1)));
    // And back: the minimal DER form (SM2 verification and CMS use it).
    expect(Array.from(ecdsaDerToRaw(ecdsaRawToDer(raw), 32))).toEqual(Array.from(raw));
    expect(Array.from(ecdsaRawToDer(raw).subarray(0, 4))).toEqual([0x30, 2 + 31 + 2 + 33, 0x02, 31]);
  });

  it('rejects bad input with typed errors', async () => {
    const leaf = pki.leaves.ES256;
    await expect(signJson({ a: Number.NaN }, leaf.signer)).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('$.a is the number NaN'),
    });
    await expect(signJson({}, { ...leaf.signer, algorithm: 'HS256' as 'ES256' })).rejects.toMatchObject({
      code: 'ERR_SEAL_ALGORITHM_UNSUPPORTED',
      message:
        'signJson(): the signer\'s algorithm "HS256" cannot make a JWS; use one of ES256, ES384, RS256, PS256, EdDSA, SM2-SM3.',
    });
    await expect(signJson({}, null as unknown as Signer)).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('signer (null) is not a Signer'),
    });
    await expect(signJson({}, leaf.signer, { keyId: '' })).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: 'signJson(): options.keyId (string(0 chars)) must be a non-empty string.',
    });
    const failing: Signer = { ...leaf.signer, sign: () => Promise.reject(new Error('UKey removed')) };
    await expect(signJson({}, failing)).rejects.toMatchObject({
      code: 'ERR_SEAL_SIGNER_FAILED',
      message: 'signJson(): the ES256 signer failed; see the cause.',
      cause: expect.objectContaining({ message: 'UKey removed' }),
    });
    const garbage: Signer = { ...leaf.signer, sign: async () => new Uint8Array(70).fill(7) };
    await expect(signJson({}, garbage)).rejects.toMatchObject({
      code: 'ERR_SEAL_SIGNER_FAILED',
      message: expect.stringContaining('the signer returned 70 bytes that are neither a DER Ecdsa-Sig-Value'),
    });
  });
});
