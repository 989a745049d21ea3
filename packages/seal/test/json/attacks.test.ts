// JWS attacks a verifier must not fall for (a false "valid" is the worst bug this SDK can have). Each case must come
// out not TOTAL_PASSED, with the check that caught it named.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../src/index';
import { signJson } from '../../src/json/sign-json';
import { type JsonTrustPolicy, validateJson } from '../../src/json/validate-json';
import type { CheckId, ValidationReport } from '../../src/report';
import { createOpensslPki, type OpensslPki } from './openssl-pki';

let pki: OpensslPki;
beforeAll(() => {
  pki = createOpensslPki();
});
afterAll(() => pki.cleanup());

const enc = (value: unknown) => base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));
const der64 = (der: Uint8Array) => Buffer.from(der).toString('base64');
const policy = (overrides: Partial<JsonTrustPolicy> = {}): JsonTrustPolicy => ({
  trustAnchors: [pki.rootPem],
  algorithms: ['ES256', 'RS256', 'PS256'],
  revocation: { mode: 'off' },
  ...overrides,
});

function caughtBy(report: ValidationReport, id: CheckId, status = 'FAILED'): void {
  expect(report.indication).not.toBe('TOTAL_PASSED');
  expect(report.signatures[0]?.checks.find((check) => check.id === id)?.status).toBe(status);
}

describe('JWS attacks', () => {
  it('embedded jwk: an attacker key in "jwk" next to the victim x5c → JWS_SIGNATURE', async () => {
    const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const header = enc({
      alg: 'ES256',
      jwk: attacker.publicKey.export({ format: 'jwk' }),
      x5c: [der64(pki.leaves.ES256.certificateDer), der64(pki.intermediateDer)],
    });
    const payload = enc({ role: 'admin' });
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: attacker.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    const report = await validateJson(`${header}.${payload}.${base64url.encode(signature)}`, policy());
    expect(report.subIndication).toBe('SIG_CRYPTO_FAILURE');
    caughtBy(report, 'JWS_SIGNATURE');
  });

  it('self-made chain: the attacker ships its own root inside x5c → JWS_X5C_CHAIN / CERT_CHAIN', async () => {
    const signer = { ...pki.stranger.signer, chain: [pki.strangerRootDer] };
    const report = await validateJson(await signJson({ role: 'admin' }, signer), policy());
    expect(report.indication).toBe('INDETERMINATE');
    caughtBy(report, 'JWS_X5C_CHAIN');
    caughtBy(report, 'CERT_CHAIN');
  });

  it('a CA certificate used as a signing certificate (no digitalSignature key usage) → CERT_KEY_USAGE', async () => {
    const signer = createSoftwareSigner({
      privateKey: readFileSync(join(pki.dir, 'intermediate.key'), 'utf8'),
      certificate: pki.intermediatePem,
      algorithm: 'ES256',
    });
    const report = await validateJson(await signJson({ role: 'admin' }, signer), policy());
    caughtBy(report, 'CERT_KEY_USAGE');
  });

  it('algorithm downgrade: a PS256 policy does not accept the same key signing RS256 → JWS_ALG_ALLOWED', async () => {
    const report = await validateJson(await signJson({}, pki.leaves.RS256.signer), policy({ algorithms: ['PS256'] }));
    caughtBy(report, 'JWS_ALG_ALLOWED');
  });

  it('alg header flipped to another allowed algorithm (RS256 → PS256) with the original signature → JWS_SIGNATURE', async () => {
    const jws = await signJson({ n: 1 }, pki.leaves.RS256.signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(h)));
    const report = await validateJson(`${enc({ ...header, alg: 'PS256' })}.${p}.${s}`, policy());
    caughtBy(report, 'JWS_SIGNATURE');
  });

  it.each(['none', 'None', 'NONE', 'HS256', 'hs512'])(
    'alg "%s" with an empty or MAC signature → JWS_ALG_ALLOWED',
    async (alg) => {
      const header = enc({ alg, x5c: [der64(pki.leaves.ES256.certificateDer)] });
      const report = await validateJson(
        `${header}.${enc({ role: 'admin' })}.`,
        policy({ algorithms: [alg as 'ES256'] }),
      );
      caughtBy(report, 'JWS_ALG_ALLOWED');
      expect(
        report.signatures[0]?.checks.some((check) => check.id === 'JWS_SIGNATURE' && check.status === 'PASSED'),
      ).toBe(false);
    },
  );

  it('unprotected header smuggling x5c/alg in the JSON serialization → JWS_FORMAT', async () => {
    const flattened = JSON.parse(await signJson({ n: 1 }, pki.leaves.ES256.signer, { serialization: 'json' }));
    const report = await validateJson({ ...flattened, header: { alg: 'none' } }, policy());
    expect(report.subIndication).toBe('FORMAT_FAILURE');
    caughtBy(report, 'JWS_FORMAT');
  });

  it('two signatures in the general serialization (one good, one forged) are refused → JWS_FORMAT', async () => {
    const flattened = JSON.parse(await signJson({ n: 1 }, pki.leaves.ES256.signer, { serialization: 'json' }));
    const general = {
      payload: flattened.payload,
      signatures: [
        { protected: flattened.protected, signature: flattened.signature },
        { protected: enc({ alg: 'none' }), signature: '' },
      ],
    };
    caughtBy(await validateJson(general, policy()), 'JWS_FORMAT');
  });

  it('b64 confusion: adding b64:false to a normal JWS changes the signing input → JWS_SIGNATURE', async () => {
    const jws = await signJson({ n: 1 }, pki.leaves.ES256.signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(h)));
    const report = await validateJson(`${enc({ ...header, b64: false, crit: ['b64'] })}.${p}.${s}`, policy());
    caughtBy(report, 'JWS_SIGNATURE');
  });

  it('unknown critical header (e.g. a policy the verifier cannot enforce) → JWS_FORMAT', async () => {
    const key = createPrivateKey(pki.leaves.ES256.keyPem);
    const header = enc({ alg: 'ES256', crit: ['exp'], exp: 1, x5c: [der64(pki.leaves.ES256.certificateDer)] });
    const payload = enc({});
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' });
    const report = await validateJson(`${header}.${payload}.${base64url.encode(signature)}`, policy());
    expect(report.signatures[0]?.checks[0]?.message.en).toBe(
      'Malformed JWS: "crit" requires "exp", which this verifier does not support.',
    );
    caughtBy(report, 'JWS_FORMAT');
  });

  it('signature malleability: a DER (non-raw) ECDSA signature in the JWS → JWS_SIGNATURE', async () => {
    const key = createPrivateKey(pki.leaves.ES256.keyPem);
    const header = enc({ alg: 'ES256', x5c: [der64(pki.leaves.ES256.certificateDer), der64(pki.intermediateDer)] });
    const payload = enc({});
    const derSignature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
    caughtBy(await validateJson(`${header}.${payload}.${base64url.encode(derSignature)}`, policy()), 'JWS_SIGNATURE');
  });

  it('payload substitution with policy.payload: a valid JWS over other data → JWS_PAYLOAD_CANON', async () => {
    const jws = await signJson({ licence: 'A' }, pki.leaves.ES256.signer);
    const report = await validateJson(jws, policy({ payload: { licence: 'B' } }));
    expect(report.subIndication).toBe('HASH_FAILURE');
    caughtBy(report, 'JWS_PAYLOAD_CANON');
  });
});
