import { createHmac } from 'node:crypto';
import { base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpensslPki, type OpensslPki } from '../../test/json/openssl-pki';
import type { ValidationReport } from '../report';
import { createTestPki, type TestPki } from '../testing/create-test-pki';
import { signJson } from './sign-json';
import { type JsonTrustPolicy, validateJson } from './validate-json';

let pki: OpensslPki;
let testPki: TestPki;
beforeAll(async () => {
  pki = createOpensslPki();
  testPki = await createTestPki();
});
afterAll(() => pki.cleanup());

const ALL = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;
const policy = (overrides: Partial<JsonTrustPolicy> = {}): JsonTrustPolicy => ({
  trustAnchors: [pki.rootPem],
  algorithms: [...ALL],
  revocation: { mode: 'off' },
  ...overrides,
});
const enc = (value: unknown) => base64url.encode(JSON.stringify(value));

function statusOf(report: ValidationReport): Record<string, string> {
  return Object.fromEntries(report.signatures[0]!.checks.map((check) => [check.id, check.status]));
}

describe('validateJson', () => {
  it.each(ALL)('passes a %s JWS chained to the trust anchor, naming the signer', async (alg) => {
    const jws = await signJson({ 证照编号: 'HY-2026-0001' }, pki.leaves[alg].signer);
    const report = await validateJson(jws, policy());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(statusOf(report)).toMatchObject({
      JWS_FORMAT: 'PASSED',
      JWS_ALG_ALLOWED: 'PASSED',
      JWS_PAYLOAD_CANON: 'PASSED',
      JWS_SIGNATURE: 'PASSED',
      JWS_X5C_CHAIN: 'PASSED',
      CERT_CHAIN: 'PASSED',
    });
    expect(report.signatures[0]).toMatchObject({
      format: 'JWS',
      signer: { subject: `CN=电子印章 ${alg}, O=衡阳市行政审批服务局, C=CN` },
    });
  });

  it('passes flattened JSON and detached (RFC 7797) JWS when the payload is supplied', async () => {
    const signer = pki.leaves.ES256.signer;
    const flattened = await signJson({ a: 1 }, signer, { serialization: 'json' });
    expect((await validateJson(flattened, policy())).indication).toBe('TOTAL_PASSED');
    expect((await validateJson(JSON.parse(flattened), policy())).indication).toBe('TOTAL_PASSED');

    const detached = await signJson({ b: 2, a: 1 }, signer, { detached: true });
    expect((await validateJson(detached, policy({ payload: { a: 1, b: 2 } }))).indication).toBe('TOTAL_PASSED');
    const tampered = await validateJson(detached, policy({ payload: { a: 1, b: 3 } }));
    expect(tampered).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
    const missing = await validateJson(detached, policy());
    expect(missing).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' });
  });

  it('fails a tampered payload, and a payload that differs from policy.payload', async () => {
    const jws = await signJson({ amount: 100 }, pki.leaves.RS256.signer);
    const [h, , s] = jws.split('.');
    const forged = await validateJson(`${h}.${enc({ amount: 900 })}.${s}`, policy());
    expect(forged).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
    expect(statusOf(forged).JWS_SIGNATURE).toBe('FAILED');

    const other = await validateJson(jws, policy({ payload: { amount: 101 } }));
    expect(other).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(statusOf(other).JWS_PAYLOAD_CANON).toBe('FAILED');
  });

  it('warns when the signed JSON is not RFC 8785 canonical', async () => {
    const jws = await signJson({ b: 1, a: 2 }, pki.leaves.ES256.signer, { canonicalize: 'none' });
    const report = await validateJson(jws, policy());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(statusOf(report).JWS_PAYLOAD_CANON).toBe('WARNING');
    const same = await validateJson(jws, policy({ payload: { a: 2, b: 1 } }));
    expect(statusOf(same).JWS_PAYLOAD_CANON).toBe('WARNING');
  });

  it('never accepts alg none, HMAC with the public certificate as key, or an algorithm outside the allow-list', async () => {
    const leaf = pki.leaves.ES256;
    const x5c = [Buffer.from(leaf.certificateDer).toString('base64')];
    const payload = enc({ admin: true });
    const none = await validateJson(`${enc({ alg: 'none', x5c })}.${payload}.`, policy());
    expect(none.indication).not.toBe('TOTAL_PASSED');
    expect(none.signatures[0]!.checks.find((c) => c.id === 'JWS_ALG_ALLOWED')).toMatchObject({
      status: 'FAILED',
      subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
      message: {
        en: 'Algorithm "none" is not accepted: unsigned and shared-secret algorithms are never accepted for public-key verification.',
      },
    });

    const header = enc({ alg: 'HS256', x5c });
    const mac = createHmac('sha256', leaf.certificatePem).update(`${header}.${payload}`).digest();
    const hs = await validateJson(
      `${header}.${payload}.${base64url.encode(mac)}`,
      policy({ algorithms: ['HS256' as 'ES256'] }),
    );
    expect(hs.indication).not.toBe('TOTAL_PASSED');
    expect(statusOf(hs)).toMatchObject({ JWS_ALG_ALLOWED: 'FAILED' });
    expect(statusOf(hs).JWS_SIGNATURE).toBeUndefined();

    const rs = await signJson({}, pki.leaves.RS256.signer);
    const notListed = await validateJson(rs, policy({ algorithms: ['ES256'] }));
    expect(notListed).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
    expect(notListed.signatures[0]!.checks.find((c) => c.id === 'JWS_ALG_ALLOWED')?.message.en).toBe(
      'Algorithm "RS256" is not accepted: the allow-list is [ES256].',
    );
  });

  it('does not pass a JWS whose x5c does not chain to the policy anchors', async () => {
    const jws = await signJson({}, pki.stranger.signer);
    const report = await validateJson(jws, policy());
    expect(report.indication).toBe('INDETERMINATE');
    expect(statusOf(report)).toMatchObject({ JWS_SIGNATURE: 'PASSED', JWS_X5C_CHAIN: 'FAILED', CERT_CHAIN: 'FAILED' });
  });

  it('fails when x5c[0] is swapped for another trusted certificate (the signature no longer verifies)', async () => {
    const jws = await signJson({ a: 1 }, pki.leaves.ES256.signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(h)));
    header.x5c[0] = Buffer.from(pki.stranger.certificateDer).toString('base64');
    const report = await validateJson(`${enc(header)}.${p}.${s}`, policy());
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  });

  it('reports a JWS without x5c as INDETERMINATE (no signing certificate)', async () => {
    const jws = await signJson({}, pki.leaves.ES256.signer, { includeX5c: false });
    const report = await validateJson(jws, policy());
    expect(report).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' });
  });

  it('checks x5t#S256 when present', async () => {
    const jws = await signJson({}, pki.leaves.ES256.signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(h)));
    header['x5t#S256'] = base64url.encode(new Uint8Array(32));
    const report = await validateJson(`${enc(header)}.${p}.${s}`, policy());
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  });

  it('uses the seal-crypto path validation: a revoked certificate fails, an expired one is not passed', async () => {
    const ok = await signJson({ a: 1 }, testPki.sealSignerEc);
    const trusted = { ...testPki.policy(), algorithms: ['ES256', 'RS256'] } as JsonTrustPolicy;
    expect((await validateJson(ok, trusted)).indication).toBe('TOTAL_PASSED');

    const revoked = await validateJson(await signJson({ a: 1 }, testPki.revokedSigner), trusted);
    expect(revoked).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(statusOf(revoked).CERT_REVOCATION).toBe('FAILED');

    const later = await validateJson(ok, { ...trusted, validationTime: new Date('2099-01-01T00:00:00Z') });
    expect(later.indication).not.toBe('TOTAL_PASSED');
    expect(statusOf(later).CERT_VALIDITY_AT_TIME).toBe('FAILED');
  });

  it.each([
    ['', 'a compact JWS has 3 dot-separated parts, this one has 1.'],
    ['a.b.c', 'the protected header is not base64url'],
    [`${base64url.encode('{"alg":')}.e30.`, 'the protected header is not UTF-8 JSON.'],
    [null, 'a JWS must be a compact string'],
    [`{${'"a":['.repeat(100000)}`, 'the JWS starts with "{" but is not valid JSON.'],
    [{ protected: 1 }, 'the JWS has no protected header'],
  ])('never throws on garbage %#: TOTAL_FAILED with FORMAT_FAILURE', async (input, message) => {
    const report = await validateJson(input as string, policy());
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(report.signatures[0]!.checks[0]!.message.en).toContain(message);
  });

  it('survives a deeply nested payload (no stack overflow), reporting it as not canonical', async () => {
    const deep = `${'['.repeat(50000)}${']'.repeat(50000)}`;
    const jws = await signJson(new TextEncoder().encode(deep), pki.leaves.ES256.signer);
    const report = await validateJson(jws, policy());
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(statusOf(report).JWS_PAYLOAD_CANON).toBe('WARNING');
  });

  it('reports an unusable policy as INDETERMINATE instead of throwing', async () => {
    const jws = await signJson({}, pki.leaves.ES256.signer);
    const report = await validateJson(jws, { trustAnchors: [] } as unknown as JsonTrustPolicy);
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.signatures[0]!.checks[0]!.message.en).toBe(
      'Invalid policy: policy.trustAnchors must list at least one trusted root certificate.',
    );
  });
});

describe('validateJson with a compact token (x5t#S256, no x5c)', () => {
  const signAndPolicy = async () => {
    const signer = testPki.sealSignerEc;
    const jws = await signJson({ id: 'HY-2026-0001' }, signer, { includeX5c: false, includeThumbprint: true });
    const base = testPki.policy();
    return { jws, signer, base };
  };

  it('carries no certificate, and passes when the policy lists the seal certificate', async () => {
    const { jws, signer, base } = await signAndPolicy();
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[0] as string)));
    expect(header.x5c).toBeUndefined();
    expect(typeof header['x5t#S256']).toBe('string');
    const report = await validateJson(jws, {
      ...base,
      intermediates: [...(base.intermediates ?? []), signer.certificate],
      algorithms: ['ES256'],
    });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.signer?.subject).toContain('衡阳市行政审批服务局');
  });

  it('finds no signing certificate when the policy does not list it', async () => {
    const { jws, base } = await signAndPolicy();
    const report = await validateJson(jws, { ...base, algorithms: ['ES256'] });
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(statusOf(report).JWS_X5C_CHAIN).toBe('FAILED');
    expect(report.signatures[0]?.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
  });

  it('does not verify with another listed certificate: the thumbprint must match', async () => {
    const { jws, base } = await signAndPolicy();
    const report = await validateJson(jws, {
      ...base,
      intermediates: [
        ...(base.intermediates ?? []),
        testPki.sealSigner.certificate,
        testPki.personalSigner.certificate,
      ],
      algorithms: ['ES256'],
    });
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(statusOf(report).JWS_X5C_CHAIN).toBe('FAILED');
  });

  it('fails the signature when the thumbprint is swapped for another listed certificate', async () => {
    const { jws, base } = await signAndPolicy();
    const [, payload, signature] = jws.split('.');
    const other = testPki.personalSigner.certificate; // also ES256: the key differs
    const { createHash } = await import('node:crypto');
    const forgedHeader = enc({
      alg: 'ES256',
      'x5t#S256': base64url.encode(createHash('sha256').update(other).digest()),
    });
    const report = await validateJson(`${forgedHeader}.${payload}.${signature}`, {
      ...base,
      intermediates: [...(base.intermediates ?? []), other],
      algorithms: ['ES256'],
    });
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(statusOf(report).JWS_SIGNATURE).toBe('FAILED');
  });
});
