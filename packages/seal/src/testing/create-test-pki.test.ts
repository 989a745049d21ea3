import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCertificate } from '../internal/asn1/certificate';
import { parseCrl } from '../internal/trust/crl';
import { validateCertificatePath } from '../internal/trust/validate-certificate-path';
import { parseTimestampToken } from '../internal/tsp/read-timestamp-token';
import { encodeTimestampRequest } from '../internal/tsp/timestamp-request';
import { type TestPki, createTestPki } from './create-test-pki';

let pki: TestPki;
let dir: string;

function run(args: string[]): { status: number | null; out: string } {
  const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  pki = await createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'zwfw-pki-'));
  writeFileSync(join(dir, 'root.pem'), pki.rootCertificate.pem);
  writeFileSync(join(dir, 'intermediate.pem'), pki.intermediateCertificate.pem);
  writeFileSync(join(dir, 'seal.pem'), pki.sealSigner.testCertificate.pem);
  writeFileSync(join(dir, 'seal-ec.pem'), pki.sealSignerEc.testCertificate.pem);
  writeFileSync(join(dir, 'revoked.pem'), pki.revokedSigner.testCertificate.pem);
  writeFileSync(join(dir, 'tsa.pem'), pki.tsa.certificate.pem);
  writeFileSync(join(dir, 'crl.pem'), pki.crl.pem);
  writeFileSync(join(dir, 'root-crl.pem'), pki.rootCrl.pem);
  writeFileSync(join(dir, 'crls.pem'), pki.crl.pem + pki.rootCrl.pem);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createTestPki', () => {
  it('makes certificates openssl reads, with Chinese names encoded as UTF8String', () => {
    const text = run(['x509', '-in', 'seal.pem', '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space,show_type']);
    expect(text.status).toBe(0);
    expect(text.out).toContain('O=UTF8STRING:衡阳市行政审批服务局');
    expect(text.out).toContain('CN=UTF8STRING:衡阳市行政审批服务局电子印章');
    expect(text.out).toContain('C=PRINTABLESTRING:CN');
    expect(text.out).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    const seal = parseCertificate(pki.sealSigner.certificate);
    const intermediate = parseCertificate(pki.intermediateCertificate.der);
    expect(Buffer.from(seal.issuerDer).equals(Buffer.from(intermediate.subjectDer))).toBe(true);
    expect(seal.subject).toBe('CN=衡阳市行政审批服务局电子印章, O=衡阳市行政审批服务局, L=衡阳市, ST=湖南省, C=CN');
    expect(pki.sealSigner.algorithm).toBe('RS256');
    expect(pki.sealSignerEc.algorithm).toBe('ES256');
  });

  it('builds chains openssl verify accepts, with CRL checking, and rejects the revoked certificate', () => {
    for (const leaf of ['seal.pem', 'seal-ec.pem']) {
      const result = run([
        'verify',
        '-CAfile',
        'root.pem',
        '-untrusted',
        'intermediate.pem',
        '-crl_check_all',
        '-CRLfile',
        'crls.pem',
        leaf,
      ]);
      expect(result.out).toContain(': OK');
      expect(result.status).toBe(0);
    }
    const revoked = run([
      'verify',
      '-CAfile',
      'root.pem',
      '-untrusted',
      'intermediate.pem',
      '-crl_check',
      '-CRLfile',
      'crls.pem',
      'revoked.pem',
    ]);
    expect(revoked.status).not.toBe(0);
    expect(revoked.out).toContain('certificate revoked');
  });

  it('makes an SM2 chain that openssl verifies with the standard SM2 user ID', async () => {
    writeFileSync(join(dir, 'sm2-root.pem'), pki.sm2RootCertificate.pem);
    writeFileSync(join(dir, 'sm2-seal.pem'), pki.sealSignerSm2.testCertificate.pem);
    writeFileSync(join(dir, 'sm2-crl.pem'), pki.sm2Crl.pem);
    const text = run(['x509', '-in', 'sm2-seal.pem', '-noout', '-text', '-nameopt', 'utf8']);
    expect(text.out).toContain('Signature Algorithm: SM2-with-SM3');
    expect(text.out).toContain('CN=衡阳市行政审批服务局电子印章（SM2）');
    const result = run(['verify', '-CAfile', 'sm2-root.pem', '-vfyopt', 'distid:1234567812345678', 'sm2-seal.pem']);
    expect(result.out).toContain('sm2-seal.pem: OK');
    // OpenSSL 3.0 verifies CRL signatures with an empty SM2 ID (no -vfyopt for CRLs): check the CRL signature itself.
    const crl = parseCrl(pki.sm2Crl.der);
    writeFileSync(join(dir, 'sm2-crl.tbs'), crl.tbs);
    writeFileSync(join(dir, 'sm2-crl.sig'), crl.signatureValue);
    run(['x509', '-in', 'sm2-root.pem', '-pubkey', '-noout', '-out', 'sm2-root.pub']);
    const signature = run([
      'dgst',
      '-sm3',
      '-verify',
      'sm2-root.pub',
      '-sigopt',
      'distid:1234567812345678',
      '-signature',
      'sm2-crl.sig',
      'sm2-crl.tbs',
    ]);
    expect(signature.out).toContain('Verified OK');
    expect(pki.sealSignerSm2.algorithm).toBe('SM2-SM3');
    const path = await validateCertificatePath({
      leaf: pki.sealSignerSm2.certificate,
      candidates: [],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'signing',
    });
    expect(path.checks.map((check) => check.status)).toEqual(['PASSED', 'PASSED', 'PASSED', 'PASSED']);
  });

  it('makes CRLs openssl verifies, listing the revoked serial', () => {
    const result = run(['crl', '-in', 'crl.pem', '-CAfile', 'intermediate.pem', '-noout', '-text']);
    expect(result.out).toContain('verify OK');
    expect(result.out.toLowerCase()).toContain(pki.revokedSigner.testCertificate.serialHex.toUpperCase().toLowerCase());
    expect(result.out).toContain('Key Compromise');
    expect(run(['crl', '-in', 'root-crl.pem', '-CAfile', 'root.pem', '-noout']).out).toContain('verify OK');
  });

  it('gives the TSA certificate a critical timeStamping EKU', () => {
    const result = run(['x509', '-in', 'tsa.pem', '-noout', '-ext', 'extendedKeyUsage']);
    expect(result.out).toMatch(/Extended Key Usage: critical\s+Time Stamping/);
  });

  it('runs an RFC 3161 responder whose tokens openssl ts -verify accepts', async () => {
    const responder = await pki.tsa.startResponder();
    try {
      const data = randomBytes(100);
      writeFileSync(join(dir, 'data.bin'), data);
      const imprint = new Uint8Array(createHash('sha256').update(data).digest());
      const token = await responder.client.timestamp(imprint, 'SHA-256');
      expect(responder.issued).toBe(1);
      const { tstInfo } = parseTimestampToken(token);
      expect(Buffer.from(tstInfo.hashedMessage).equals(Buffer.from(imprint))).toBe(true);
      writeFileSync(join(dir, 'token.der'), token);
      const result = run([
        'ts',
        '-verify',
        '-data',
        'data.bin',
        '-in',
        'token.der',
        '-token_in',
        '-CAfile',
        'root.pem',
      ]);
      expect(result.out).toContain('Verification: OK');
      // openssl's own request, sent over HTTP, is answered too
      execFileSync('openssl', ['ts', '-query', '-data', 'data.bin', '-sha256', '-cert', '-out', 'q.tsq'], { cwd: dir });
      const response = await fetch(responder.url, { method: 'POST', body: execFileSync('cat', [join(dir, 'q.tsq')]) });
      writeFileSync(join(dir, 'r.tsr'), new Uint8Array(await response.arrayBuffer()));
      const reply = run(['ts', '-verify', '-data', 'data.bin', '-in', 'r.tsr', '-CAfile', 'root.pem']);
      expect(reply.out).toContain('Verification: OK');
    } finally {
      await responder.close();
    }
  });

  it('rejects malformed requests with a TSA rejection status', async () => {
    const responder = await pki.tsa.startResponder();
    try {
      const response = await fetch(responder.url, { method: 'POST', body: new Uint8Array([0x30, 0x03, 1, 2, 3]) });
      const body = new Uint8Array(await response.arrayBuffer());
      // TimeStampResp { PKIStatusInfo { status 2 (rejection), ... } }
      expect(Buffer.from(body.subarray(0, 8)).toString('hex')).toMatch(/^30..30..020102/);
      const truncated = encodeTimestampRequest(new Uint8Array(32), 'SHA-256', new Uint8Array([1])).slice();
      const reply = await fetch(responder.url, { method: 'POST', body: truncated.subarray(0, 5) });
      expect(Buffer.from(new Uint8Array(await reply.arrayBuffer()).subarray(0, 8)).toString('hex')).toMatch(
        /^30..30..020102/,
      );
      await expect(responder.client.timestamp(new Uint8Array(31), 'SHA-256')).rejects.toMatchObject({
        code: 'ERR_SEAL_INPUT_INVALID',
        message: expect.stringContaining('SHA-256 digest (32 bytes)'),
      });
    } finally {
      await responder.close();
    }
  });

  it('makes fresh keys on every call', async () => {
    const other = await createTestPki();
    expect(other.sealSigner.privateKeyPem).not.toBe(pki.sealSigner.privateKeyPem);
    expect(pki.sealSigner.privateKeyPem).toContain('BEGIN PRIVATE KEY');
  });
});
