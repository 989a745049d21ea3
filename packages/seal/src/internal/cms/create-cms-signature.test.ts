import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, createTestPki } from '../../testing/create-test-pki';
import { aggregateIndication } from '../../report';
import { createSoftwareSigner } from '../../signer';
import { parseCertificate } from '../asn1/certificate';
import { toPem } from '../asn1/input';
import { OID } from '../asn1/oids';
import { createCmsSignature } from './create-cms-signature';
import { parseSignedData } from './parse-signed-data';
import { validateCmsSignature } from './validate-cms-signature';

let pki: TestPki;
let dir: string;
const content = [
  new TextEncoder().encode('%PDF-1.7 第一段'),
  randomBytes(5000),
  new TextEncoder().encode('第二段 %%EOF'),
];

function openssl(args: string[]): { status: number | null; out: string } {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** `openssl cms -verify` of a detached DER CMS over `content` with `anchor` as CAfile. */
function cmsVerify(cms: string, content: string, anchor: string): { status: number | null; out: string } {
  return openssl([
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    cms,
    '-content',
    content,
    '-CAfile',
    anchor,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
}

beforeAll(async () => {
  pki = await createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'zwfw-cms-'));
  writeFileSync(join(dir, 'root.pem'), pki.rootCertificate.pem);
  writeFileSync(join(dir, 'content.bin'), Buffer.concat(content));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createCmsSignature', () => {
  it.each(['sealSigner', 'sealSignerEc'] as const)(
    'makes a PAdES CMS that openssl cms -verify accepts (%s)',
    async (name) => {
      const signer = pki[name];
      const cms = await createCmsSignature({ content, signer, profile: 'PAdES' });
      writeFileSync(join(dir, `${name}.p7s`), cms);
      const result = cmsVerify(`${name}.p7s`, 'content.bin', 'root.pem');
      expect(result.out).toContain('Verification successful');
      expect(result.status).toBe(0);

      const parsed = parseSignedData(cms);
      const [signerInfo] = parsed.signerInfos;
      const certificate = parseCertificate(signer.certificate);
      expect(signerInfo?.sid.kind).toBe('issuerSerial');
      if (signerInfo?.sid.kind === 'issuerSerial') {
        expect(Buffer.from(signerInfo.sid.issuerDer).equals(Buffer.from(certificate.issuerDer))).toBe(true);
      }
      expect([...(signerInfo?.signedAttributes.keys() ?? [])].sort()).toEqual(
        [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort(),
      );
      expect(parsed.content).toBeUndefined();
      expect(parsed.certificates).toHaveLength(2);
      const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', `${name}.p7s`, '-nameopt', 'utf8']);
      expect(printed.out).toContain('CN=衡阳测试电子印章中级证书');
    },
  );

  it('supports PS256, ES384 and EdDSA, verified by openssl and by validateCmsSignature', async () => {
    const keys: Array<[string, string[]]> = [
      ['p384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']],
      ['ed25519', ['-algorithm', 'ED25519']],
    ];
    const signers = [
      createSoftwareSigner({
        privateKey: pki.sealSigner.privateKeyPem,
        certificate: pki.sealSigner.certificate,
        chain: [pki.intermediateCertificate.der],
        algorithm: 'PS256',
      }),
    ];
    for (const [name, args] of keys) {
      openssl(['genpkey', ...args, '-out', `${name}.key`]);
      openssl([
        'req',
        '-x509',
        '-new',
        '-key',
        `${name}.key`,
        '-subj',
        '/C=CN/O=衡阳市行政审批服务局/CN=测试',
        '-utf8',
        '-days',
        '2',
        '-out',
        `${name}.pem`,
      ]);
      signers.push(
        createSoftwareSigner({
          privateKey: readFileSync(join(dir, `${name}.key`), 'utf8'),
          certificate: readFileSync(join(dir, `${name}.pem`), 'utf8'),
        }),
      );
    }
    expect(signers.map((signer) => signer.algorithm)).toEqual(['PS256', 'ES384', 'EdDSA']);
    for (const [index, signer] of signers.entries()) {
      const cms = await createCmsSignature({ content, signer, profile: 'PAdES' });
      writeFileSync(join(dir, `alg${index}.p7s`), cms);
      writeFileSync(join(dir, `alg${index}.pem`), toPem(signer.certificate, 'CERTIFICATE'));
      // OpenSSL 3.0 cannot sign or verify Ed25519 CMS ("no default digest" / "invalid digest"): no oracle for EdDSA.
      if (signer.algorithm !== 'EdDSA') {
        const anchor = index === 0 ? 'root.pem' : `alg${index}.pem`;
        const result = cmsVerify(`alg${index}.p7s`, 'content.bin', anchor);
        expect([signer.algorithm, result.out]).toEqual([
          signer.algorithm,
          expect.stringContaining('Verification successful'),
        ]);
      }
      const policy =
        index === 0 ? pki.policy() : { trustAnchors: [signer.certificate], revocation: { mode: 'off' as const } };
      const validated = await validateCmsSignature({ cms, content, policy, profile: 'PAdES' });
      expect([signer.algorithm, aggregateIndication(validated.checks)]).toEqual([
        signer.algorithm,
        { indication: 'TOTAL_PASSED' },
      ]);
    }
  });

  it('detects tampering of the signed bytes through openssl too', async () => {
    const cms = await createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES' });
    writeFileSync(join(dir, 'tampered.p7s'), cms);
    writeFileSync(join(dir, 'tampered.bin'), Buffer.concat([...content, Uint8Array.of(0x20)]));
    const result = cmsVerify('tampered.p7s', 'tampered.bin', 'root.pem');
    expect(result.out).not.toContain('Verification successful');
    expect(result.status).not.toBe(0);
  });

  it('adds signing-time only for PKCS7', async () => {
    const signingTime = new Date('2026-01-02T03:04:05Z');
    const pkcs7 = parseSignedData(
      await createCmsSignature({ content, signer: pki.sealSignerEc, profile: 'PKCS7', signingTime }),
    );
    expect(pkcs7.signerInfos[0]?.signedAttributes.get(OID.signingTime)?.[0]).toEqual(
      Uint8Array.from([0x17, 0x0d, ...new TextEncoder().encode('260102030405Z')]),
    );
    const pades = parseSignedData(
      await createCmsSignature({ content, signer: pki.sealSignerEc, profile: 'PAdES', signingTime }),
    );
    expect(pades.signerInfos[0]?.signedAttributes.has(OID.signingTime)).toBe(false);
  });

  it('adds a signature-time-stamp from the TSA (B-T) that openssl ts accepts', async () => {
    const responder = await pki.tsa.startResponder();
    try {
      const cms = await createCmsSignature({
        content,
        signer: pki.sealSigner,
        profile: 'PAdES',
        timestamp: responder.client,
      });
      const [signerInfo] = parseSignedData(cms).signerInfos;
      const [token] = signerInfo?.unsignedAttributes.get(OID.signatureTimeStamp) ?? [];
      expect(token).toBeDefined();
      writeFileSync(join(dir, 'ts.der'), token!);
      writeFileSync(join(dir, 'signature.bin'), signerInfo!.signature);
      const verified = openssl([
        'ts',
        '-verify',
        '-data',
        'signature.bin',
        '-in',
        'ts.der',
        '-token_in',
        '-CAfile',
        'root.pem',
      ]);
      expect(verified.out).toContain('Verification: OK');
    } finally {
      await responder.close();
    }
  });

  it('rejects a signer whose signature does not match its certificate', async () => {
    const liar = { ...pki.sealSigner, sign: pki.sealSignerEc.sign, algorithm: 'RS256' as const };
    await expect(createCmsSignature({ content, signer: liar, profile: 'PAdES' })).rejects.toMatchObject({
      code: 'ERR_SEAL_SIGNER_FAILED',
      message: expect.stringContaining('does not verify with signer.certificate'),
    });
    const failing = { ...pki.sealSigner, sign: () => Promise.reject(new Error('UKey removed')) };
    await expect(createCmsSignature({ content, signer: failing, profile: 'PAdES' })).rejects.toMatchObject({
      code: 'ERR_SEAL_SIGNER_FAILED',
      message: 'signer.sign() failed for RS256; check the signing device.',
    });
  });

  it('rejects bad input with typed errors', async () => {
    await expect(
      createCmsSignature({ content: 'abc' as never, signer: pki.sealSigner, profile: 'PAdES' }),
    ).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('content must be an array of Uint8Array chunks'),
    });
    const noCert = { ...pki.sealSigner, certificate: new Uint8Array([1, 2, 3]) };
    await expect(createCmsSignature({ content, signer: noCert, profile: 'PAdES' })).rejects.toMatchObject({
      code: 'ERR_SEAL_CERTIFICATE_INVALID',
    });
    const brokenTsa = { timestamp: async () => new Uint8Array([0x30, 0x00]) };
    await expect(
      createCmsSignature({ content, signer: pki.sealSigner, profile: 'PAdES', timestamp: brokenTsa }),
    ).rejects.toMatchObject({
      code: 'ERR_SEAL_TIMESTAMP_FAILED',
      message: expect.stringContaining('unusable time-stamp token'),
    });
  });
});
