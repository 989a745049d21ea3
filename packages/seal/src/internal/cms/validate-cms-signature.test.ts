import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckId, type ValidationCheck, aggregateIndication } from '../../report';
import { type TestPki, createTestPki } from '../../testing/create-test-pki';
import { createCmsSignature } from './create-cms-signature';
import { parseSignedData } from './parse-signed-data';
import { validateCmsSignature } from './validate-cms-signature';

let pki: TestPki;
let dir: string;
const content = [new TextEncoder().encode('%PDF-1.7 衡阳'), randomBytes(3000)];

function statusOf(checks: ValidationCheck[], id: CheckId): string | undefined {
  return checks.find((check) => check.id === id)?.status;
}

/** `openssl cms -sign` over the test content with the RSA seal key and its chain. */
function opensslSign(out: string, extra: string[]): Uint8Array {
  const args = ['cms', '-sign', '-binary', ...extra, '-outform', 'DER', '-in', 'content.bin', '-md', 'sha256'];
  execFileSync(
    'openssl',
    [...args, '-signer', 'signer.pem', '-inkey', 'signer.key', '-certfile', 'chain.pem', '-out', out],
    {
      cwd: dir,
    },
  );
  return new Uint8Array(readFileSync(join(dir, out)));
}

function byId(checks: ValidationCheck[], id: CheckId): ValidationCheck | undefined {
  return checks.find((check) => check.id === id);
}

beforeAll(async () => {
  pki = await createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'zwfw-cmsv-'));
  writeFileSync(join(dir, 'content.bin'), Buffer.concat(content));
  writeFileSync(join(dir, 'signer.pem'), pki.sealSigner.testCertificate.pem);
  writeFileSync(join(dir, 'signer.key'), pki.sealSigner.privateKeyPem);
  writeFileSync(join(dir, 'chain.pem'), pki.intermediateCertificate.pem);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validateCmsSignature', () => {
  it('passes our PAdES signature with every check, B-B, and names the Chinese signer', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES' });
    const result = await validateCmsSignature({ cms, content, policy: pki.policy(), profile: 'PAdES' });
    for (const id of [
      'CMS_FORMAT',
      'CMS_CONTENT_TYPE',
      'CRYPTO_ALG_ALLOWED',
      'CMS_MESSAGE_DIGEST',
      'CMS_SIGNING_CERT_FOUND',
      'CMS_SIGNATURE_VALUE',
      'CMS_SIGNING_CERT_V2',
      'CMS_SIGNING_TIME_ATTR',
      'CERT_CHAIN',
      'CERT_VALIDITY_AT_TIME',
      'CERT_KEY_USAGE',
      'CERT_REVOCATION',
    ] as const) {
      expect([id, statusOf(result.checks, id)]).toEqual([id, 'PASSED']);
    }
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_PASSED' });
    expect(result.level).toBe('B-B');
    expect(result.signer?.subject).toBe(
      'CN=衡阳市行政审批服务局电子印章, O=衡阳市行政审批服务局, L=衡阳市, ST=湖南省, C=CN',
    );
    expect(result.signer?.issuer).toContain('CN=衡阳测试电子印章中级证书');
  });

  it('tolerates zero padding but not other trailing bytes', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSignerEc, profile: 'PAdES' });
    const padded = new Uint8Array(cms.length + 100);
    padded.set(cms);
    const ok = await validateCmsSignature({ cms: padded, content, policy: pki.policy(), profile: 'PAdES' });
    expect(aggregateIndication(ok.checks).indication).toBe('TOTAL_PASSED');
    padded[cms.length + 50] = 0x41;
    const bad = await validateCmsSignature({ cms: padded, content, policy: pki.policy(), profile: 'PAdES' });
    expect(bad.checks).toEqual([
      expect.objectContaining({ id: 'CMS_FORMAT', status: 'FAILED', subIndication: 'FORMAT_FAILURE' }),
    ]);
  });

  it('reaches B-T with a valid signature-time-stamp and uses its genTime', async () => {
    const responder = await pki.tsa.startResponder();
    try {
      const cms = await createCmsSignature({
        content,
        signer: pki.sealSigner,
        profile: 'PAdES',
        timestamp: responder.client,
      });
      const result = await validateCmsSignature({
        cms,
        content,
        policy: pki.policy(),
        profile: 'PAdES',
        claimedSigningTime: new Date(Date.now() - 1000),
      });
      expect(statusOf(result.checks, 'TS_TOKEN_VALID')).toBe('PASSED');
      expect(statusOf(result.checks, 'TS_ORDER')).toBe('PASSED');
      expect(result.level).toBe('B-T');
      expect(result.bestSignatureTime).toBeInstanceOf(Date);
      expect(aggregateIndication(result.checks).indication).toBe('TOTAL_PASSED');
      const late = await validateCmsSignature({
        cms,
        content,
        policy: pki.policy(),
        profile: 'PAdES',
        claimedSigningTime: new Date(Date.now() + 3_600_000),
      });
      expect(byId(late.checks, 'TS_ORDER')).toMatchObject({
        status: 'FAILED',
        subIndication: 'TIMESTAMP_ORDER_FAILURE',
      });
      expect(aggregateIndication(late.checks).indication).toBe('INDETERMINATE');
    } finally {
      await responder.close();
    }
  });

  it('fails with HASH_FAILURE when the content changed', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES' });
    const changed = [content[0]!, Buffer.concat([content[1]!, Buffer.from(' ')])];
    const result = await validateCmsSignature({ cms, content: changed, policy: pki.policy(), profile: 'PAdES' });
    expect(byId(result.checks, 'CMS_MESSAGE_DIGEST')).toMatchObject({
      status: 'FAILED',
      subIndication: 'HASH_FAILURE',
      message: { en: 'the digest of the signed content does not match: the content was modified' },
    });
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
  });

  it('fails with SIG_CRYPTO_FAILURE when the signature value is altered', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES' });
    // The RSA signature is the last OCTET STRING before the end: flip a byte near the end.
    const altered = cms.slice();
    altered[altered.length - 10] = altered[altered.length - 10]! ^ 0xff;
    const result = await validateCmsSignature({ cms: altered, content, policy: pki.policy(), profile: 'PAdES' });
    expect(byId(result.checks, 'CMS_SIGNATURE_VALUE')).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    });
    expect(aggregateIndication(result.checks).indication).toBe('TOTAL_FAILED');
  });

  it('reports REVOKED for the revoked signer and NO_CERTIFICATE_CHAIN_FOUND for an untrusted root', async () => {
    const revoked = await createCmsSignature({ content, signer: pki.revokedSigner, profile: 'PAdES' });
    const result = await validateCmsSignature({ cms: revoked, content, policy: pki.policy(), profile: 'PAdES' });
    expect(byId(result.checks, 'CERT_REVOCATION')).toMatchObject({ status: 'FAILED', subIndication: 'REVOKED' });
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });

    const other = await createTestPki();
    const cms = await createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES' });
    const untrusted = await validateCmsSignature({ cms, content, policy: other.policy(), profile: 'PAdES' });
    expect(byId(untrusted.checks, 'CERT_CHAIN')).toMatchObject({
      status: 'FAILED',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
    expect(aggregateIndication(untrusted.checks).indication).toBe('INDETERMINATE');
  });

  it('honours the revocation mode when no CRL is available', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSignerEc, profile: 'PAdES' });
    const base = pki.policy();
    const required = await validateCmsSignature({
      cms,
      content,
      policy: { ...base, revocation: { mode: 'require' } },
      profile: 'PAdES',
    });
    expect(byId(required.checks, 'CERT_REVOCATION')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
    const preferred = await validateCmsSignature({
      cms,
      content,
      policy: { ...base, revocation: { mode: 'prefer' } },
      profile: 'PAdES',
    });
    expect(statusOf(preferred.checks, 'CERT_REVOCATION')).toBe('WARNING');
    expect(aggregateIndication(preferred.checks).indication).toBe('TOTAL_PASSED');
    const off = await validateCmsSignature({
      cms,
      content,
      policy: { ...base, revocation: { mode: 'off' } },
      profile: 'PAdES',
    });
    expect(statusOf(off.checks, 'CERT_REVOCATION')).toBe('NOT_APPLICABLE');
    // validation data from outside the CMS (a PDF DSS) completes the revocation information
    const withDss = await validateCmsSignature({
      cms,
      content,
      policy: { trustAnchors: [pki.rootCertificate.der], revocation: { mode: 'require' } },
      profile: 'PAdES',
      validationData: { certificates: [pki.intermediateCertificate.der], crls: [pki.crl.der, pki.rootCrl.der] },
    });
    expect(statusOf(withDss.checks, 'CERT_REVOCATION')).toBe('PASSED');
    expect(aggregateIndication(withDss.checks).indication).toBe('TOTAL_PASSED');
  });

  it('validates a CMS made by openssl cms -sign (PKCS7 profile), and requires signing-certificate-v2 for PAdES', async () => {
    const plain = opensslSign('plain.p7s', []);
    const pkcs7 = await validateCmsSignature({ cms: plain, content, policy: pki.policy(), profile: 'PKCS7' });
    expect(statusOf(pkcs7.checks, 'CMS_SIGNATURE_VALUE')).toBe('PASSED');
    expect(statusOf(pkcs7.checks, 'CMS_MESSAGE_DIGEST')).toBe('PASSED');
    expect(statusOf(pkcs7.checks, 'CMS_SIGNING_TIME_ATTR')).toBe('INFO');
    expect(pkcs7.claimedSigningTime).toBeInstanceOf(Date);
    expect(aggregateIndication(pkcs7.checks).indication).toBe('TOTAL_PASSED');
    const pades = await validateCmsSignature({ cms: plain, content, policy: pki.policy(), profile: 'PAdES' });
    expect(byId(pades.checks, 'CMS_SIGNING_CERT_V2')).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    });
    expect(byId(pades.checks, 'CMS_SIGNING_TIME_ATTR')?.status).toBe('WARNING');

    const cades = opensslSign('cades.p7s', ['-cades']);
    const result = await validateCmsSignature({ cms: cades, content, policy: pki.policy(), profile: 'PAdES' });
    expect(statusOf(result.checks, 'CMS_SIGNING_CERT_V2')).toBe('PASSED');
    expect(aggregateIndication(result.checks).indication).toBe('TOTAL_PASSED');
  });

  it('never throws on garbage', async () => {
    const inputs = [
      new Uint8Array(0),
      new Uint8Array([0x30, 0x80]),
      randomBytes(200),
      new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    ];
    for (const cms of inputs) {
      const result = await validateCmsSignature({ cms, content, policy: pki.policy(), profile: 'PAdES' });
      expect(result.checks[0]).toMatchObject({ id: 'CMS_FORMAT', status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
      expect(result.level).toBe('NONE');
    }
    const deep = new Uint8Array(400).map((_, index) => (index % 2 === 0 ? 0x30 : 0x80));
    const result = await validateCmsSignature({ cms: deep, content, policy: pki.policy(), profile: 'PAdES' });
    expect(result.checks[0]?.status).toBe('FAILED');
  });

  it('never passes a mutated CMS unless the signed parts are untouched (no false valid)', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSignerEc, profile: 'PAdES' });
    const original = parseSignedData(cms).signerInfos[0]!;
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 120; round++) {
      const mutated = cms.slice();
      const count = 1 + (next() % 3);
      for (let i = 0; i < count; i++) mutated[next() % mutated.length] = next() % 256;
      const result = await validateCmsSignature({ cms: mutated, content, policy: pki.policy(), profile: 'PAdES' });
      if (aggregateIndication(result.checks).indication !== 'TOTAL_PASSED') continue;
      const info = parseSignedData(mutated).signerInfos[0]!;
      expect(Buffer.from(info.signedAttributesDer!).equals(Buffer.from(original.signedAttributesDer!))).toBe(true);
      expect(Buffer.from(info.signature).equals(Buffer.from(original.signature))).toBe(true);
    }
  });

  it('marks an expired signing certificate without time-stamp as OUT_OF_BOUNDS_NO_POE', async () => {
    const old = await createTestPki({ now: new Date(Date.now() - 400 * 86_400_000), leafValidityDays: 30 });
    const cms = await createCmsSignature({ content, signer: old.sealSignerEc, profile: 'PAdES' });
    const claimed = new Date(Date.now() - 390 * 86_400_000);
    const result = await validateCmsSignature({
      cms,
      content,
      policy: old.policy({ revocation: { mode: 'off' } }),
      profile: 'PAdES',
      claimedSigningTime: claimed,
    });
    expect(byId(result.checks, 'CERT_VALIDITY_AT_TIME')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
    });
    const unclaimed = await validateCmsSignature({
      cms,
      content,
      policy: old.policy({ revocation: { mode: 'off' } }),
      profile: 'PAdES',
    });
    expect(byId(unclaimed.checks, 'CERT_VALIDITY_AT_TIME')).toMatchObject({
      status: 'FAILED',
      subIndication: 'EXPIRED',
    });
  });

  it('rejects algorithms outside the policy allow-list', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES' });
    const result = await validateCmsSignature({
      cms,
      content,
      policy: pki.policy({ acceptedAlgorithms: ['ES256'] }),
      profile: 'PAdES',
    });
    expect(byId(result.checks, 'CRYPTO_ALG_ALLOWED')).toMatchObject({
      status: 'FAILED',
      subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    });
    expect(aggregateIndication(result.checks).indication).toBe('INDETERMINATE');
  });
});
