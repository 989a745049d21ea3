import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateIndication } from '../../report';
import { type Signer, createSoftwareSigner } from '../../signer';
import type { TrustPolicy } from '../../types';
import { childrenOf, nodeBytes, oid, readNode, sequence } from '../asn1/der';
import { OID } from '../asn1/oids';
import { validateCertificatePath } from '../trust/validate-certificate-path';
import { createCmsSignature } from './create-cms-signature';
import { buildSignedData } from './signed-data';
import { validateCmsSignature } from './validate-cms-signature';

// SM2 PKI made by OpenSSL 3.0 with the standard user ID (GM/T 0015): an independent producer of SM2 certificates.
const DISTID = 'distid:1234567812345678';
let dir: string;
let signer: Signer;
let policy: TrustPolicy;
const content = [randomBytes(2000), new TextEncoder().encode('衡阳市行政审批服务局')];

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function der(file: string): Uint8Array {
  return new Uint8Array(new X509Certificate(readFileSync(join(dir, file))).raw);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zwfw-sm2-'));
  for (const name of ['root', 'leaf', 'other']) {
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', `${name}.key`);
  }
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'root.key',
    '-sm3',
    '-sigopt',
    DISTID,
    '-subj',
    '/C=CN/O=衡阳/CN=SM2 根证书',
    '-utf8',
    '-days',
    '30',
    '-out',
    'root.pem',
  );
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'other.key',
    '-sm3',
    '-sigopt',
    DISTID,
    '-subj',
    '/C=CN/O=衡阳/CN=SM2 根证书',
    '-utf8',
    '-days',
    '30',
    '-out',
    'other.pem',
  );
  openssl(
    'req',
    '-new',
    '-key',
    'leaf.key',
    '-sm3',
    '-sigopt',
    DISTID,
    '-subj',
    '/C=CN/O=衡阳市行政审批服务局/CN=SM2 印章',
    '-utf8',
    '-out',
    'leaf.csr',
  );
  writeFileSync(
    join(dir, 'leaf.ext'),
    'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=critical,CA:FALSE\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-sm3',
    '-sigopt',
    DISTID,
    '-vfyopt',
    DISTID,
    '-days',
    '10',
    '-extfile',
    'leaf.ext',
    '-out',
    'leaf.pem',
  );
  signer = createSoftwareSigner({
    privateKey: readFileSync(join(dir, 'leaf.key'), 'utf8'),
    certificate: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
  });
  policy = { trustAnchors: [der('root.pem')], revocation: { mode: 'off' } };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SM2 (GB/T 32918) signing and verification', () => {
  it('signs with the standard user ID, verified by openssl dgst -sigopt distid', async () => {
    expect(signer.algorithm).toBe('SM2-SM3');
    const data = new TextEncoder().encode('电子印章 SM2 test');
    writeFileSync(join(dir, 'data.bin'), data);
    writeFileSync(join(dir, 'sig.der'), await signer.sign(data));
    openssl('x509', '-in', 'leaf.pem', '-pubkey', '-noout', '-out', 'leaf.pub');
    expect(
      openssl('dgst', '-sm3', '-verify', 'leaf.pub', '-sigopt', DISTID, '-signature', 'sig.der', 'data.bin'),
    ).toContain('Verified OK');
  });

  it('validates the OpenSSL-made SM2 certificate path (SM2 certificate signatures)', async () => {
    const result = await validateCertificatePath({
      leaf: signer.certificate,
      candidates: [],
      policy,
      time: new Date(),
      purpose: 'signing',
    });
    expect(result.checks.map((check) => check.status)).toEqual(['PASSED', 'PASSED', 'PASSED', 'NOT_APPLICABLE']);
    const lookalike = await validateCertificatePath({
      leaf: signer.certificate,
      candidates: [],
      policy: { trustAnchors: [der('other.pem')] },
      time: new Date(),
      purpose: 'signing',
    });
    expect(lookalike.checks[0]).toMatchObject({ status: 'FAILED', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it('creates and validates an SM2 CMS signature; tampering and a wrong user ID fail', async () => {
    const cms = await createCmsSignature({ content, signer, profile: 'PAdES' });
    const result = await validateCmsSignature({ cms, content, policy, profile: 'PAdES' });
    expect(result.checks.find((check) => check.id === 'CMS_SIGNATURE_VALUE')).toMatchObject({
      status: 'PASSED',
      message: { en: 'the SM2-SM3 signature value verifies' },
    });
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_PASSED' });
    expect(result.signer?.subject).toBe('CN=SM2 印章, O=衡阳市行政审批服务局, C=CN');

    const tampered = await validateCmsSignature({ cms, content: [content[0]!], policy, profile: 'PAdES' });
    expect(aggregateIndication(tampered.checks)).toEqual({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    const otherId = await validateCmsSignature({
      cms,
      content,
      policy: { ...policy, sm2UserId: '31323334' },
      profile: 'PAdES',
    });
    expect(otherId.checks.find((check) => check.id === 'CMS_SIGNATURE_VALUE')).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CRYPTO_FAILURE',
    });
    const notAccepted = await validateCmsSignature({
      cms,
      content,
      policy: { ...policy, acceptedAlgorithms: ['ES256'] },
      profile: 'PAdES',
    });
    expect(notAccepted.checks.find((check) => check.id === 'CRYPTO_ALG_ALLOWED')?.status).toBe('FAILED');
  });

  it('accepts the GM/T 0010 dialect (SM2 signedData / data OIDs)', async () => {
    const digest = new Uint8Array(createHash('sm3').update(Buffer.concat(content)).digest());
    const built = await buildSignedData({ signer, contentType: OID.gmData, contentDigest: digest });
    const [, wrapper] = childrenOf(readNode(built));
    const cms = sequence(oid(OID.gmSignedData), nodeBytes(wrapper!));
    const result = await validateCmsSignature({ cms, content, policy, profile: 'PAdES' });
    expect(result.checks.find((check) => check.id === 'CMS_CONTENT_TYPE')?.status).toBe('PASSED');
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_PASSED' });
  });

  it('uses a configured user ID when signing', async () => {
    const custom = createSoftwareSigner({
      privateKey: readFileSync(join(dir, 'leaf.key'), 'utf8'),
      certificate: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
      sm2UserId: 'zwfw',
    });
    const cms = await createCmsSignature({ content, signer: custom, profile: 'PAdES' });
    const standard = await validateCmsSignature({ cms, content, policy, profile: 'PAdES' });
    expect(standard.checks.find((check) => check.id === 'CMS_SIGNATURE_VALUE')?.status).toBe('FAILED');
    const matching = await validateCmsSignature({
      cms,
      content,
      policy: { ...policy, sm2UserId: 'zwfw' },
      profile: 'PAdES',
    });
    expect(aggregateIndication(matching.checks).indication).toBe('TOTAL_PASSED');
  });
});
