import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, createTestPki } from '../../testing/create-test-pki';
import { parseCertificate } from '../asn1/certificate';
import { validateCertificatePath } from './validate-certificate-path';

let pki: TestPki;
let other: TestPki;
let dir: string;

beforeAll(async () => {
  [pki, other] = await Promise.all([createTestPki(), createTestPki()]);
  dir = mkdtempSync(join(tmpdir(), 'zwfw-path-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validateCertificatePath', () => {
  it('builds leaf → intermediate → root and passes every check', async () => {
    const result = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'signing',
    });
    expect(result.checks.map((check) => [check.id, check.status])).toEqual([
      ['CERT_CHAIN', 'PASSED'],
      ['CERT_VALIDITY_AT_TIME', 'PASSED'],
      ['CERT_KEY_USAGE', 'PASSED'],
      ['CERT_REVOCATION', 'PASSED'],
    ]);
    expect(result.path).toEqual([pki.sealSigner.certificate, pki.intermediateCertificate.der, pki.rootCertificate.der]);
  });

  it('finds no chain without the intermediate, or with another PKI as anchor', async () => {
    const noIntermediate = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: { trustAnchors: [pki.rootCertificate.pem] },
      time: new Date(),
      purpose: 'signing',
    });
    expect(noIntermediate.checks[0]).toMatchObject({
      id: 'CERT_CHAIN',
      status: 'FAILED',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      message: { en: expect.stringContaining('no certificate path from CN=衡阳市行政审批服务局电子印章') },
    });
    expect(noIntermediate.path).toEqual([]);
    // same names, different keys: name matching alone must not build a path
    const lookalike = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [other.intermediateCertificate.der],
      policy: { trustAnchors: [other.rootCertificate.der] },
      time: new Date(),
      purpose: 'signing',
    });
    expect(lookalike.checks[0]).toMatchObject({ status: 'FAILED', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    const empty = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: { trustAnchors: [] },
      time: new Date(),
      purpose: 'signing',
    });
    expect(empty.checks[0]?.message.en).toBe(
      'the trust policy has no usable trust anchor; add the root certificate to trustAnchors',
    );
  });

  it('requires the critical timeStamping EKU for TSA certificates', async () => {
    const seal = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'timestamping',
    });
    expect(seal.checks[2]).toMatchObject({
      id: 'CERT_KEY_USAGE',
      status: 'FAILED',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    });
    const tsa = await validateCertificatePath({
      leaf: pki.tsa.certificate.der,
      candidates: [],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'timestamping',
    });
    expect(tsa.checks.map((check) => check.status)).toEqual(['PASSED', 'PASSED', 'PASSED', 'PASSED']);
    const tsaAsSigner = await validateCertificatePath({
      leaf: pki.tsa.certificate.der,
      candidates: [],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'signing',
    });
    expect(tsaAsSigner.checks[2]).toMatchObject({
      status: 'FAILED',
      message: { en: expect.stringContaining('no document-signing purpose') },
    });
  });

  it('rejects a path through an end-entity certificate (not a CA)', async () => {
    writeFileSync(join(dir, 'seal.pem'), pki.sealSigner.testCertificate.pem);
    writeFileSync(join(dir, 'seal.key'), pki.sealSigner.privateKeyPem);
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'sub.key',
        '-subj',
        '/CN=sub',
        '-out',
        'sub.csr',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    execFileSync(
      'openssl',
      [
        'x509',
        '-req',
        '-in',
        'sub.csr',
        '-CA',
        'seal.pem',
        '-CAkey',
        'seal.key',
        '-CAcreateserial',
        '-days',
        '5',
        '-out',
        'sub.pem',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const leaf = new Uint8Array(new X509Certificate(readFileSync(join(dir, 'sub.pem'))).raw);
    const result = await validateCertificatePath({
      leaf,
      candidates: [pki.sealSigner.certificate],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'signing',
    });
    expect(result.checks[0]).toMatchObject({
      id: 'CERT_CHAIN',
      status: 'FAILED',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
      message: { en: expect.stringContaining('is not a CA') },
    });
  });

  it('reports NOT_YET_VALID and EXPIRED at the given time when it is a proof of existence', async () => {
    const before = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: pki.policy(),
      time: new Date(Date.now() - 10 * 86_400_000),
      purpose: 'signing',
      timeIsProofOfExistence: true,
    });
    expect(before.checks[1]).toMatchObject({
      id: 'CERT_VALIDITY_AT_TIME',
      status: 'FAILED',
      subIndication: 'NOT_YET_VALID',
    });
    const after = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: pki.policy(),
      time: new Date(Date.now() + 800 * 86_400_000),
      purpose: 'signing',
      timeIsProofOfExistence: true,
    });
    expect(after.checks[1]).toMatchObject({ status: 'FAILED', subIndication: 'EXPIRED' });
  });

  it('consults every usable CRL: an older CRL without the entry does not hide a revocation', async () => {
    const older = await pki.issueCrl({ thisUpdate: new Date(Date.now() - 2 * 86_400_000) });
    const newerListing = await pki.issueCrl({ revoked: [pki.sealSigner.testCertificate] });
    const validate = (crls: Uint8Array[]) =>
      validateCertificatePath({
        leaf: pki.sealSigner.certificate,
        candidates: [],
        policy: pki.policy({ revocation: { crls: [...crls, pki.rootCrl.der], mode: 'require' } }),
        time: new Date(),
        purpose: 'signing',
      });
    // The older, still-fresh CRL comes first (as an embedded CRL would) and does not list the certificate.
    expect((await validate([older.der, newerListing.der])).checks[3]).toMatchObject({
      id: 'CERT_REVOCATION',
      status: 'FAILED',
      subIndication: 'REVOKED',
    });
    // A permanent revocation in an older CRL is not undone by a newer CRL that omits it.
    const olderListing = await pki.issueCrl({
      thisUpdate: new Date(Date.now() - 2 * 86_400_000),
      revoked: [pki.sealSigner.testCertificate],
    });
    const newer = await pki.issueCrl();
    expect((await validate([newer.der, olderListing.der])).checks[3]).toMatchObject({ subIndication: 'REVOKED' });
    // Two usable CRLs, neither listing it: passed.
    expect((await validate([older.der, newer.der])).checks[3]).toMatchObject({ status: 'PASSED' });
  });

  it('ignores CRLs signed by another key with the same issuer name', async () => {
    const result = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [],
      policy: pki.policy({ revocation: { crls: [other.crl.der, other.rootCrl.pem], mode: 'require' } }),
      time: new Date(),
      purpose: 'signing',
    });
    expect(result.checks[3]).toMatchObject({
      id: 'CERT_REVOCATION',
      status: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      message: { en: expect.stringContaining('no usable CRL') },
    });
    const revoked = await validateCertificatePath({
      leaf: pki.revokedSigner.certificate,
      candidates: [],
      policy: pki.policy(),
      time: new Date(),
      purpose: 'signing',
    });
    expect(revoked.checks[3]).toMatchObject({ status: 'FAILED', subIndication: 'REVOKED' });
  });

  it('stays bounded on a bag of cross-signed look-alike CAs (no search explosion)', async () => {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n');
    const keys = 5;
    const bag: Uint8Array[] = [];
    for (let i = 0; i < keys; i++) {
      run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `x${i}.key`);
      run('req', '-x509', '-new', '-key', `x${i}.key`, '-subj', '/CN=X', '-days', '2', '-out', `x${i}.pem`);
      run('req', '-new', '-key', `x${i}.key`, '-subj', '/CN=X', '-out', `x${i}.csr`);
    }
    for (let i = 0; i < keys; i++) {
      for (let j = 0; j < keys; j++) {
        run(
          'x509',
          '-req',
          '-in',
          `x${i}.csr`,
          '-CA',
          `x${j}.pem`,
          '-CAkey',
          `x${j}.key`,
          '-set_serial',
          String(100 + i * keys + j),
          '-extfile',
          'ca.ext',
          '-days',
          '2',
          '-out',
          `x${i}-${j}.pem`,
        );
        bag.push(new Uint8Array(new X509Certificate(readFileSync(join(dir, `x${i}-${j}.pem`))).raw));
      }
    }
    run(
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'xleaf.key',
      '-subj',
      '/CN=leaf',
      '-out',
      'xleaf.csr',
    );
    run(
      'x509',
      '-req',
      '-in',
      'xleaf.csr',
      '-CA',
      'x0.pem',
      '-CAkey',
      'x0.key',
      '-set_serial',
      '7',
      '-days',
      '2',
      '-out',
      'xleaf.pem',
    );
    const leaf = new Uint8Array(new X509Certificate(readFileSync(join(dir, 'xleaf.pem'))).raw);
    const result = await validateCertificatePath({
      leaf,
      candidates: bag,
      policy: pki.policy(),
      time: new Date(),
      purpose: 'signing',
    });
    expect(result.checks[0]).toMatchObject({
      id: 'CERT_CHAIN',
      status: 'FAILED',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
    // 25 mutually issuing CAs give 600+ verifiable edges; the search must stop at its budget of 64 signature checks.
    expect(result.checks[0]?.details).toMatchObject({ candidates: 25 + 1, signatureChecks: 64 });
  });

  it('uses OCSP responses (openssl ocsp) for certificates no CRL covers', async () => {
    const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
    write('int.pem', pki.intermediateCertificate.pem);
    write('int.key', pki.caKeys.intermediate);
    write('other-int.pem', other.intermediateCertificate.pem);
    write('other-int.key', other.caKeys.intermediate);
    write('good.pem', pki.sealSignerEc.testCertificate.pem);
    write('bad.pem', pki.revokedSigner.testCertificate.pem);
    const expiry = '301231000000Z';
    write(
      'index.txt',
      `V\t${expiry}\t\t${pki.sealSignerEc.testCertificate.serialHex.toUpperCase()}\tunknown\t/CN=good\n` +
        `R\t${expiry}\t250101000000Z,keyCompromise\t${pki.revokedSigner.testCertificate.serialHex.toUpperCase()}\tunknown\t/CN=bad\n`,
    );
    const respond = (cert: string, signer: string, out: string) => {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
      run('ocsp', '-issuer', 'int.pem', '-cert', cert, '-no_nonce', '-reqout', `${out}.req`);
      run(
        'ocsp',
        '-index',
        'index.txt',
        '-rsigner',
        `${signer}.pem`,
        '-rkey',
        `${signer}.key`,
        '-CA',
        'int.pem',
        '-reqin',
        `${out}.req`,
        '-respout',
        `${out}.der`,
        '-ndays',
        '1',
      );
      return new Uint8Array(readFileSync(join(dir, `${out}.der`)));
    };
    const good = respond('good.pem', 'int', 'good');
    const bad = respond('bad.pem', 'int', 'bad');
    const forged = respond('good.pem', 'other-int', 'forged');
    const policy = (ocspResponses: Uint8Array[]) =>
      pki.policy({ revocation: { mode: 'require', crls: [pki.rootCrl.der], ocspResponses } });
    const ok = await validateCertificatePath({
      leaf: pki.sealSignerEc.certificate,
      candidates: [],
      policy: policy([bad, good]),
      time: new Date(),
      purpose: 'signing',
    });
    expect(ok.checks[3]).toMatchObject({
      id: 'CERT_REVOCATION',
      status: 'PASSED',
      message: { en: expect.stringContaining('(OCSP)') },
    });
    const revoked = await validateCertificatePath({
      leaf: pki.revokedSigner.certificate,
      candidates: [],
      policy: policy([bad]),
      time: new Date(),
      purpose: 'signing',
    });
    expect(revoked.checks[3]).toMatchObject({
      status: 'FAILED',
      subIndication: 'REVOKED',
      details: { source: 'OCSP' },
    });
    // signed by a look-alike intermediate (same name, other key): not authorised, so no revocation information
    const rejected = await validateCertificatePath({
      leaf: pki.sealSignerEc.certificate,
      candidates: [],
      policy: policy([forged]),
      time: new Date(),
      purpose: 'signing',
    });
    expect(rejected.checks[3]).toMatchObject({ status: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    // a fetcher is asked when nothing else covers the certificate
    const asked: Uint8Array[] = [];
    const fetched = await validateCertificatePath({
      leaf: pki.sealSignerEc.certificate,
      candidates: [],
      policy: pki.policy({
        revocation: {
          mode: 'require',
          crls: [pki.rootCrl.der],
          ocsp: async (certificate) => {
            asked.push(certificate);
            return good;
          },
        },
      }),
      time: new Date(),
      purpose: 'signing',
    });
    expect(fetched.checks[3]?.status).toBe('PASSED');
    expect(asked).toEqual([pki.sealSignerEc.certificate]);
  });

  it('never builds a path for a mutated certificate unless its signed parts are intact', async () => {
    const original = parseCertificate(pki.sealSignerEc.certificate);
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 150; round++) {
      const leaf = pki.sealSignerEc.certificate.slice();
      leaf[next() % leaf.length] = next() % 256;
      const result = await validateCertificatePath({
        leaf,
        candidates: [],
        policy: pki.policy(),
        time: new Date(),
        purpose: 'signing',
      });
      if (result.checks[0]?.status !== 'PASSED') continue;
      const mutated = parseCertificate(leaf);
      expect(Buffer.from(mutated.tbs).equals(Buffer.from(original.tbs))).toBe(true);
      expect(Buffer.from(mutated.signatureValue).equals(Buffer.from(original.signatureValue))).toBe(true);
    }
  });

  it('never throws on garbage', async () => {
    const result = await validateCertificatePath({
      leaf: new Uint8Array([0x30, 0x03, 1, 2, 3]),
      candidates: [new Uint8Array(5)],
      policy: { trustAnchors: ['junk'] },
      time: new Date(),
      purpose: 'signing',
    });
    expect(result.checks[0]).toMatchObject({ id: 'CERT_CHAIN', status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    const badAnchor = await validateCertificatePath({
      leaf: pki.sealSigner.certificate,
      candidates: [new Uint8Array(5)],
      policy: { trustAnchors: ['junk', pki.rootCertificate.der], intermediates: [pki.intermediateCertificate.pem] },
      time: new Date(),
      purpose: 'signing',
    });
    expect(badAnchor.checks[0]?.status).toBe('PASSED');
  });
});
