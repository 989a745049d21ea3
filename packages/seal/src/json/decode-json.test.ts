import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeJson } from './decode-json';

const enc = (value: unknown) => base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));
const sig = base64url.encode(new Uint8Array(64).fill(1));

describe('decodeJson', () => {
  it('reads header, payload and x5c without verifying', () => {
    const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    const jws = `${enc({ alg: 'ES256', x5c: [Buffer.from(der).toString('base64')] })}.${enc({ 名称: '营业执照' })}.${sig}`;
    const decoded = decodeJson(jws);
    expect(decoded).toMatchObject({
      header: { alg: 'ES256' },
      payload: { 名称: '营业执照' },
      detached: false,
      serialization: 'compact',
    });
    expect(decoded.certificates).toEqual([der]);
  });

  it('reads flattened, general (one signature) and detached RFC 7797 forms', () => {
    const header = enc({ alg: 'ES256', b64: false, crit: ['b64'] });
    expect(decodeJson({ protected: header, signature: sig })).toMatchObject({
      detached: true,
      serialization: 'flattened',
      payload: undefined,
    });
    expect(
      decodeJson(
        JSON.stringify({ payload: enc([1]), signatures: [{ protected: enc({ alg: 'RS256' }), signature: sig }] }),
      ),
    ).toMatchObject({
      serialization: 'general',
      payload: [1],
    });
    expect(decodeJson(`${enc({ alg: 'RS256' })}.${enc('not json')}.${sig}`).payload).toBeUndefined();
  });

  it.each([
    ['a.b', 'a compact JWS has 3 dot-separated parts, this one has 2.'],
    [`${enc({ alg: 'ES256' })}=.${enc({})}.${sig}`, 'the protected header is not base64url'],
    [`${enc({ alg: 'ES256' })}.${enc({})}.${sig.slice(0, -1)}B`, 'the signature is not canonical base64url'],
    [`${enc('[1]')}.${enc({})}.${sig}`, 'the protected header is not a JSON object.'],
    [
      `${enc({ alg: 'ES256', crit: ['exp'], exp: 1 })}.${enc({})}.${sig}`,
      '"crit" requires "exp", which this verifier does not support.',
    ],
    [`${enc({ alg: 'ES256', b64: false })}..${sig}`, '"b64" is used without listing it in "crit" (RFC 7797 §6).'],
    [
      `${enc({ alg: 'ES256', crit: ['b64'] })}..${sig}`,
      '"crit" lists "b64", but the protected header does not contain it.',
    ],
    [{ protected: enc({ alg: 'ES256' }), header: { kid: 'x' }, payload: '', signature: sig }, 'unprotected "header"'],
    [{ payload: '', signatures: [] }, 'exactly one signature'],
    [`${enc({ alg: 'ES256', x5c: ['not base64!'] })}.${enc({})}.${sig}`, '"x5c"[0] is not padded standard base64'],
    [42, 'a JWS must be a compact string, JSON text or a parsed JWS JSON object.'],
  ] as const)('rejects malformed input %# with ERR_SEAL_INPUT_INVALID', (input, message) => {
    expect(() => decodeJson(input as string)).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_INPUT_INVALID', message: expect.stringContaining(message) }),
    );
  });
});
