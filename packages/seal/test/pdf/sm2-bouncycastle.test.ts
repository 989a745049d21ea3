// BouncyCastle 1.72 (Debian libbcprov-java, libbcpkix-java, libbcutil-java) as the external oracle of our SM2
// (GB/T 32918, SM2-with-SM3) signatures, both ways: BouncyCastle verifies the CMS of PDFs signed by signPdf, and we
// verify CMS (BER and DER, its default and CAdES attributes), PDF signatures and bare signatures that BouncyCastle
// makes, with keys and certificates of the test PKI and of a PKI BouncyCastle makes itself. OpenSSL 3.0 cannot be
// this oracle: `openssl cms -sign` with an SM2 key fails ("illegal zero content") and `openssl cms -verify` rejects
// valid SM2 CMS. The Java side is ../fixtures/bouncycastle/Sm2CmsOracle.java, compiled once per run.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeSignatureAlgorithm, verifyWithKey } from '../../src/internal/asn1/algorithms';
import { type ParsedCertificate, parseCertificate } from '../../src/internal/asn1/certificate';
import { oid, sequence } from '../../src/internal/asn1/der';
import { decodePemBlocks } from '../../src/internal/asn1/input';
import { OID } from '../../src/internal/asn1/oids';
import { parseSignedData } from '../../src/internal/cms/parse-signed-data';
import { validateCmsSignature } from '../../src/internal/cms/validate-cms-signature';
import { type SignatureUpdateInput, appendSignature } from '../../src/internal/pdf/signature-update';
import { readPdfForUpdate, signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { createSoftwareSigner } from '../../src/signer';
import { aggregateIndication } from '../../src/report';
import { SM2_DEFAULT_USER_ID, type TrustPolicy } from '../../src/types';
import { expectCaught } from '../attacks/helpers';
import { pdfLibDocument, testPki } from './helpers';

const JAVA_DIR = '/usr/share/java';
const JARS = ['bcprov.jar', 'bcpkix.jar', 'bcutil.jar'].map((jar) => join(JAVA_DIR, jar));
const SOURCE = fileURLToPath(new URL('../fixtures/bouncycastle/Sm2CmsOracle.java', import.meta.url));
const INSTALL =
  'apt-get install -y default-jdk-headless libbcprov-java libbcpkix-java libbcutil-java (scripts/bootstrap.sh does it)';
/** Hang guard for one JVM run and for one test (a loaded CI machine starts a JVM slowly); not a speed check. */
const JAVA_TIMEOUT_MS = 120_000;
const run = promisify(execFile);

let dir: string;
let classpath: string;

/** Fails (never skips) when the JDK or the BouncyCastle jars are missing, saying what to install. */
function requireJava(): void {
  for (const tool of ['java', 'javac']) {
    const probe = spawnSync(tool, ['-version'], { encoding: 'utf8' });
    if (probe.error !== undefined || probe.status !== 0) {
      throw new Error(`the BouncyCastle SM2 oracle needs \`${tool}\` (a JDK, Java 11+) on PATH: ${INSTALL}`);
    }
  }
  const missing = JARS.filter((jar) => !existsSync(jar));
  if (missing.length > 0) throw new Error(`the BouncyCastle SM2 oracle needs ${missing.join(', ')}: ${INSTALL}`);
}

/** Output of one oracle run: its exit status and its `key=value` lines. */
interface OracleResult {
  status: number;
  values: Record<string, string>;
}

/** Runs the oracle; exit 0 and 1 are answers, anything else (2: unreadable input, a crash) fails the test. */
async function oracle(...args: string[]): Promise<OracleResult> {
  let status = 0;
  let stdout: string;
  try {
    stdout = (await run('java', ['-cp', classpath, 'Sm2CmsOracle', ...args], { timeout: JAVA_TIMEOUT_MS })).stdout;
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    if (failure.code !== 1) {
      throw new Error(`Sm2CmsOracle ${args[0]} failed (${String(failure.code)}): ${failure.stderr ?? String(error)}`);
    }
    status = 1;
    stdout = failure.stdout ?? '';
  }
  const values: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1);
  }
  return { status, values };
}

/** Writes `bytes` to a new file in the run's folder and returns its path. */
function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The signed bytes and the whole /Contents (zero padding included) of a PDF's last signature, read without our parser. */
function extractSignature(pdf: Uint8Array): { content: Uint8Array; contents: Uint8Array } {
  const text = Buffer.from(pdf).toString('latin1');
  const match = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1);
  if (match === undefined) throw new Error('no /ByteRange in the PDF');
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  expect([a, c + d, text[b], text[c - 1]]).toEqual([0, pdf.length, '<', '>']);
  return {
    content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    contents: new Uint8Array(Buffer.from(text.slice(b + 1, c - 1), 'hex')),
  };
}

/** Changes one byte inside the first signed range: the binary comment on the PDF's second line (still a comment). */
function tamperSignedByte(pdf: Uint8Array): Uint8Array {
  const copy = pdf.slice();
  const at = copy.indexOf(0x25, 1) + 1; // the byte after the second '%'
  const byte = copy[at]!;
  expect(byte).toBeGreaterThanOrEqual(0x80);
  copy[at] = byte ^ 0x01;
  return copy;
}

/** The shape of a DER SM2 signature, as the Java side names it. */
function shapes(der: Uint8Array): string[] {
  const rLength = der[3]!;
  const sLength = der[4 + rLength + 1]!;
  const out: string[] = [];
  if (rLength === 32 && sLength === 32) out.push('r32s32');
  if (rLength !== 32) out.push(rLength < 32 ? 'rShort' : 'rSign');
  if (sLength !== 32) out.push(sLength < 32 ? 'sShort' : 'sSign');
  return out;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const SM2_SM3 = describeSignatureAlgorithm(sequence(oid(OID.sm2WithSm3)));

/** BouncyCastle's own SM2 PKI (root, seal certificate, key), made at run time. */
let bcPki: { rootPath: string; leafPath: string; keyPath: string; root: Uint8Array; leaf: ParsedCertificate };
let bcPolicy: TrustPolicy;

/** Why the oracle could not be set up: every test then fails with it (a failed beforeAll alone reports them skipped). */
let setupError: unknown;

beforeAll(async () => {
  try {
    await setUp();
  } catch (error) {
    setupError = error;
  }
}, 180_000);

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

async function setUp(): Promise<void> {
  requireJava();
  dir = mkdtempSync(join(tmpdir(), 'zwfw-bc-sm2-'));
  classpath = [join(dir, 'classes'), ...JARS].join(':');
  await run('javac', ['-encoding', 'UTF-8', '-d', join(dir, 'classes'), '-cp', JARS.join(':'), SOURCE], {
    timeout: JAVA_TIMEOUT_MS,
  });
  const pkiDir = join(dir, 'bc-pki');
  mkdirSync(pkiDir);
  const [made] = await Promise.all([oracle('pki', pkiDir), testPki()]);
  expect(made.status).toBe(0);
  const pemDer = (path: string) => decodePemBlocks(readFileSync(path, 'utf8'), ['CERTIFICATE'])[0]!;
  bcPki = {
    rootPath: join(pkiDir, 'root.pem'),
    leafPath: join(pkiDir, 'leaf.pem'),
    keyPath: join(pkiDir, 'leaf.key'),
    root: pemDer(join(pkiDir, 'root.pem')),
    leaf: parseCertificate(pemDer(join(pkiDir, 'leaf.pem'))),
  };
  bcPolicy = { trustAnchors: [bcPki.root], revocation: { mode: 'off' } };
}

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('BouncyCastle verifies our SM2 signatures', { timeout: JAVA_TIMEOUT_MS }, () => {
  it.each(['ETSI.CAdES.detached', 'adbe.pkcs7.detached'] as const)(
    'verifies the CMS of a PDF signed by signPdf (%s) and its certificate; a changed byte fails',
    async (subFilter) => {
      const pki = await testPki();
      const pdf = await signPdf(await pdfLibDocument(), pki.sealSignerSm2, { subFilter, reason: '电子证照签发' });
      expect((await validatePdf(pdf, pki.policy())).indication).toBe('TOTAL_PASSED');
      const { content, contents } = extractSignature(pdf);
      const cms = file(`ours-${subFilter}.p7s`, contents);
      const root = file('sm2-root.pem', pki.sm2RootCertificate.pem);

      const good = await oracle('verify', cms, file('content.bin', content), root);
      expect(good.values).toMatchObject({
        digestAlgorithm: OID.sm3,
        signatureAlgorithm: OID.sm2WithSm3,
        signerCertificate: 'C=CN,ST=湖南省,L=衡阳市,O=衡阳市行政审批服务局,CN=衡阳市行政审批服务局电子印章（SM2）',
        signature: 'VERIFIED',
        certificate: 'VERIFIED',
      });
      expect(good.status).toBe(0);

      const tampered = await oracle(
        'verify',
        cms,
        file('tampered.bin', extractSignature(tamperSignedByte(pdf)).content),
        root,
      );
      expect(tampered).toMatchObject({ status: 1, values: { signature: 'FAILED', certificate: 'VERIFIED' } });
      expect(tampered.values.signatureProblem).toMatch(/message-digest attribute value does not match/);
    },
  );

  it('fails a signature made with another SM2 user ID than the standard 1234567812345678 it assumes', async () => {
    const pki = await testPki();
    const signer = createSoftwareSigner({
      privateKey: pki.sealSignerSm2.privateKeyPem,
      certificate: pki.sealSignerSm2.testCertificate.pem,
      sm2UserId: 'zwfw',
    });
    const { content, contents } = extractSignature(await signPdf(await pdfLibDocument(), signer));
    const root = file('sm2-root.pem', pki.sm2RootCertificate.pem);
    const result = await oracle('verify', file('user-id.p7s', contents), file('user-id.bin', content), root);
    expect(result).toMatchObject({ status: 1, values: { signature: 'FAILED', certificate: 'VERIFIED' } });
  });

  it('rejects a certificate that the given issuer did not sign', async () => {
    const pki = await testPki();
    const pdf = await signPdf(await pdfLibDocument(), pki.sealSignerSm2);
    const { content, contents } = extractSignature(pdf);
    // BouncyCastle's own SM2 root has the right algorithm but not the key that signed the seal certificate.
    const result = await oracle('verify', file('ours.p7s', contents), file('content.bin', content), bcPki.rootPath);
    expect(result).toMatchObject({ status: 1, values: { signature: 'VERIFIED', certificate: 'FAILED' } });
  });

  it('verifies bare signatures of every DER shape (short and sign-padded r and s); altered messages fail', async () => {
    const pki = await testPki();
    const wanted = new Set(['r32s32', 'rShort', 'sShort', 'rSign', 'sSign']);
    const lines: string[] = [];
    for (let i = 0; i < 20_000 && wanted.size > 0; i++) {
      const message = new TextEncoder().encode(`电子印章 SM2 ${i}`);
      const signature = await pki.sealSignerSm2.sign(message);
      const found = shapes(signature);
      if (found.some((shape) => wanted.has(shape))) {
        for (const shape of found) wanted.delete(shape);
        lines.push(`${hex(message)} ${hex(signature)}`, `${hex(message)}00 ${hex(signature)}`);
      }
    }
    expect([...wanted]).toEqual([]);
    const result = await oracle(
      'raw-verify',
      file('sm2-seal.pem', pki.sealSignerSm2.testCertificate.pem),
      file('raw.txt', lines.join('\n')),
    );
    expect(Object.values(result.values)).toEqual(lines.map((_, index) => (index % 2 === 0 ? 'VERIFIED' : 'FAILED')));
  });
});

describe('we verify SM2 signatures made by BouncyCastle', { timeout: JAVA_TIMEOUT_MS }, () => {
  const content = [
    new TextEncoder().encode('衡阳市行政审批服务局 营业执照 '),
    Uint8Array.from({ length: 3000 }, (_, i) => i & 0xff),
  ];

  async function bcCms(name: string, ...flags: string[]): Promise<Uint8Array> {
    const out = join(dir, `${name}.p7s`);
    await oracle('sign', bcPki.keyPath, bcPki.leafPath, file(`${name}.bin`, Buffer.concat(content)), out, ...flags);
    return new Uint8Array(readFileSync(out));
  }

  const statuses = (checks: Array<{ id: string; status: string }>) =>
    Object.fromEntries(
      checks
        .filter((check) => check.status !== 'PASSED' && check.status !== 'NOT_APPLICABLE')
        .map((check) => [check.id, check.status]),
    );

  it.each([
    { flags: [], encoding: 'BER' },
    { flags: ['der'], encoding: 'DER' },
  ])(
    'BouncyCastle defaults ($encoding): TOTAL_PASSED as PKCS#7, ESS attribute missing for PAdES',
    async ({ flags, encoding }) => {
      const cms = await bcCms(`default-${encoding}`, ...flags);
      // BER: BouncyCastle's getEncoded() writes indefinite lengths
      expect(cms[1]).toBe(encoding === 'BER' ? 0x80 : 0x82);
      const pkcs7 = await validateCmsSignature({ cms, content, policy: bcPolicy, profile: 'PKCS7' });
      expect(aggregateIndication(pkcs7.checks)).toEqual({ indication: 'TOTAL_PASSED' });
      // content-type, signing-time, CMSAlgorithmProtection, message-digest: no ESS attribute, so only a warning
      expect(statuses(pkcs7.checks)).toEqual({ CMS_SIGNING_CERT_V2: 'WARNING', CMS_SIGNING_TIME_ATTR: 'INFO' });
      expect(pkcs7.checks.find((check) => check.id === 'CMS_SIGNATURE_VALUE')?.message.en).toBe(
        'the SM2-SM3 signature value verifies',
      );
      expect(pkcs7.signer?.subject).toBe(
        'CN=衡阳市行政审批服务局电子印章（BouncyCastle SM2）, O=衡阳市行政审批服务局, C=CN',
      );
      const pades = await validateCmsSignature({ cms, content, policy: bcPolicy, profile: 'PAdES' });
      expect(pades.checks.find((check) => check.id === 'CMS_SIGNING_CERT_V2')?.status).toBe('FAILED');
    },
  );

  it.each([
    { flags: ['cades'], encoding: 'BER' },
    { flags: ['cades', 'der'], encoding: 'DER' },
  ])(
    'BouncyCastle with signing-certificate-v2 ($encoding): TOTAL_PASSED as PAdES; tampering fails',
    async ({ flags, encoding }) => {
      const cms = await bcCms(`cades-${encoding}`, ...flags);
      const result = await validateCmsSignature({ cms, content, policy: bcPolicy, profile: 'PAdES' });
      expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_PASSED' });
      expect(statuses(result.checks)).toEqual({});
      expect(result.level).toBe('B-B');

      const changed = [content[0]!, content[1]!.map((byte, i) => (i === 1500 ? byte ^ 1 : byte))];
      const tampered = await validateCmsSignature({ cms, content: changed, policy: bcPolicy, profile: 'PAdES' });
      expect(aggregateIndication(tampered.checks)).toEqual({
        indication: 'TOTAL_FAILED',
        subIndication: 'HASH_FAILURE',
      });

      // one bit of the signature value
      const value = parseSignedData(cms).signerInfos[0]!.signature;
      const forged = cms.slice();
      forged[Buffer.from(cms).indexOf(Buffer.from(value)) + value.length - 1]! ^= 1;
      const badValue = await validateCmsSignature({ cms: forged, content, policy: bcPolicy, profile: 'PAdES' });
      expect(badValue.checks.find((check) => check.id === 'CMS_SIGNATURE_VALUE')).toMatchObject({
        status: 'FAILED',
        subIndication: 'SIG_CRYPTO_FAILURE',
      });

      // BouncyCastle's root is not our test PKI's SM2 root
      const pki = await testPki();
      const stranger = await validateCmsSignature({ cms, content, policy: pki.policy(), profile: 'PAdES' });
      expect(aggregateIndication(stranger.checks).indication).not.toBe('TOTAL_PASSED');
    },
  );

  it('finds the signing certificate by subject key identifier (SignerInfo version 3), as BouncyCastle does', async () => {
    const cms = await bcCms('ski', 'der', 'cades', 'ski');
    const signerInfo = parseSignedData(cms).signerInfos[0]!;
    expect(signerInfo.sid.kind).toBe('ski');
    const result = await validateCmsSignature({ cms, content, policy: bcPolicy, profile: 'PAdES' });
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_PASSED' });
    const bc = await oracle('verify', join(dir, 'ski.p7s'), join(dir, 'ski.bin'), bcPki.rootPath);
    expect(bc).toMatchObject({ status: 0, values: { signature: 'VERIFIED', certificate: 'VERIFIED' } });
  });

  it('accepts the GM/T 0010 signature OID 1.2.156.10197.1.301.1 (sm2sign) that BouncyCastle itself cannot verify', async () => {
    const cms = await bcCms('sm2sign', 'der', 'cades', 'sm2sign');
    const result = await validateCmsSignature({ cms, content, policy: bcPolicy, profile: 'PAdES' });
    expect(aggregateIndication(result.checks)).toEqual({ indication: 'TOTAL_PASSED' });
    const bc = await oracle('verify', join(dir, 'sm2sign.p7s'), join(dir, 'sm2sign.bin'), bcPki.rootPath);
    expect(bc.values).toMatchObject({ signatureAlgorithm: '1.2.156.10197.1.301.1', signature: 'FAILED' });
  });

  it('verifies bare BouncyCastle signatures of every DER shape; an altered message fails', async () => {
    const out = join(dir, 'bc-raw.txt');
    await oracle('raw-sign', bcPki.keyPath, out);
    const pairs = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map((part) => new Uint8Array(Buffer.from(part, 'hex'))));
    expect(new Set(pairs.flatMap(([, signature]) => shapes(signature!)))).toEqual(
      new Set(['r32s32', 'rShort', 'sShort', 'rSign', 'sSign']),
    );
    for (const [message, signature] of pairs) {
      expect(await verifyWithKey(SM2_SM3, bcPki.leaf, message!, signature!, SM2_DEFAULT_USER_ID)).toBe(true);
      expect(await verifyWithKey(SM2_SM3, bcPki.leaf, Buffer.concat([message!, Uint8Array.of(0)]), signature!)).toBe(
        false,
      );
    }
  });

  it.each([
    { subFilter: 'ETSI.CAdES.detached', flags: ['cades'] },
    { subFilter: 'adbe.pkcs7.detached', flags: [] },
  ] as const)(
    'a PDF whose $subFilter signature BouncyCastle made (BER CMS) is TOTAL_PASSED; a changed byte fails',
    async ({ subFilter, flags }) => {
      const pki = await testPki();
      const signer = pki.sealSignerSm2;
      const key = file('sm2-seal.key', signer.privateKeyPem);
      const certificate = file('sm2-seal.pem', signer.testCertificate.pem);
      const input: SignatureUpdateInput = { type: 'Sig', subFilter, placeholderBytes: 8192, signingTime: new Date() };
      const pdf = await appendSignature(readPdfForUpdate(await pdfLibDocument()), input, async (signed) => {
        const out = join(dir, `pdf-${subFilter}.p7s`);
        await oracle('sign', key, certificate, file(`pdf-${subFilter}.bin`, Buffer.concat(signed)), out, ...flags);
        return new Uint8Array(readFileSync(out));
      });
      const report = await validatePdf(pdf, pki.policy());
      expect(report.indication).toBe('TOTAL_PASSED');
      const [signature] = report.signatures;
      expect(signature?.signer?.subject).toBe(
        'CN=衡阳市行政审批服务局电子印章（SM2）, O=衡阳市行政审批服务局, L=衡阳市, ST=湖南省, C=CN',
      );
      expect(signature?.checks.find((check) => check.id === 'CMS_SIGNATURE_VALUE')?.status).toBe('PASSED');
      // and BouncyCastle agrees on what we embedded
      const { content: signedBytes, contents } = extractSignature(pdf);
      const bc = await oracle(
        'verify',
        file('bc-in-pdf.p7s', contents),
        file('bc-in-pdf.bin', signedBytes),
        file('sm2-root.pem', pki.sm2RootCertificate.pem),
      );
      expect(bc.status).toBe(0);

      expectCaught(await validatePdf(tamperSignedByte(pdf), pki.policy()), 'CMS_MESSAGE_DIGEST');
    },
  );
});
