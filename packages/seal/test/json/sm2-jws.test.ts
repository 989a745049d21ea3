// SM2 JWS (seal.md §7): our own code path under a private alg name, raw r||s, SM3 with the SM2 user ID. Oracle:
// OpenSSL 3.0 `dgst -sm3 -sigopt distid:…` verifies the signature we write.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url } from 'jose';
import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from '../../src/index';
import { signJson } from '../../src/json/sign-json';
import { type JsonTrustPolicy, validateJson } from '../../src/json/validate-json';
import type { Signer } from '../../src/signer';
import { SM2_DEFAULT_USER_ID } from '../../src/types';

let dir: string;
let signer: Signer;
let certificatePem: string;

const openssl = (args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

const SM3_WITH_USER_ID = ['-sm3', '-sigopt', `distid:${SM2_DEFAULT_USER_ID}`];

/** A self-signed SM2 certificate for sm2.key, with the given extensions. */
function selfSignedSm2(subject: string, out: string, ...extensions: string[]): void {
  const addext = extensions.flatMap((extension) => ['-addext', extension]);
  openssl([
    'req',
    '-new',
    '-x509',
    '-key',
    'sm2.key',
    ...SM3_WITH_USER_ID,
    '-subj',
    subject,
    '-utf8',
    '-days',
    '365',
    '-out',
    out,
    ...addext,
  ]);
}

function rawToDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let value = Array.from(bytes);
    while (value.length > 1 && value[0] === 0 && value[1]! < 0x80) value = value.slice(1);
    if (value[0]! >= 0x80) value = [0, ...value];
    return [0x02, value.length, ...value];
  };
  const body = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
  return new Uint8Array([0x30, body.length, ...body]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zwfw-sm2-jws-'));
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'sm2.key']);
  selfSignedSm2(
    '/C=CN/O=衡阳市行政审批服务局/CN=SM2 电子印章',
    'sm2.pem',
    'keyUsage=critical,digitalSignature,nonRepudiation',
  );
  openssl(['pkey', '-in', 'sm2.key', '-pubout', '-out', 'sm2.pub']);
  const text = openssl(['pkey', '-in', 'sm2.key', '-text', '-noout']);
  const privateKeyHex = /priv:\s*([0-9a-f:\s]+?)\s*pub:/
    .exec(text)![1]!
    .replace(/[:\s]/g, '')
    .slice(-64)
    .padStart(64, '0');
  certificatePem = readFileSync(join(dir, 'sm2.pem'), 'utf8');
  const der = new Uint8Array(Buffer.from(certificatePem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  signer = {
    algorithm: 'SM2-SM3',
    certificate: der,
    sign: async (data) =>
      fromHex(sm2.doSignature(data, privateKeyHex, { der: true, hash: true, userId: SM2_DEFAULT_USER_ID })),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const policy = (overrides: Partial<JsonTrustPolicy> = {}): JsonTrustPolicy => ({
  trustAnchors: [certificatePem],
  algorithms: ['SM2-SM3'],
  revocation: { mode: 'off' },
  ...overrides,
});
const checkStatus = async (jws: string, p: JsonTrustPolicy) =>
  (await validateJson(jws, p)).signatures[0]!.checks.find((check) => check.id === 'JWS_SIGNATURE')?.status;

describe('SM2 JWS', () => {
  it('writes alg SM2SM3 and a raw 64-byte r||s that OpenSSL verifies with the standard user ID', async () => {
    const jws = await signJson({ 印章: '公章' }, signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(h))).alg).toBe('SM2SM3');
    const raw = base64url.decode(s);
    expect(raw.length).toBe(64);
    writeFileSync(join(dir, 'input'), `${h}.${p}`);
    writeFileSync(join(dir, 'sig.der'), rawToDer(raw));
    const out = openssl([
      'dgst',
      '-sm3',
      '-verify',
      'sm2.pub',
      '-sigopt',
      `distid:${SM2_DEFAULT_USER_ID}`,
      '-signature',
      'sig.der',
      'input',
    ]);
    expect(out.trim()).toBe('Verified OK');
  });

  it('verifies the SM2 signature (JWS_SIGNATURE PASSED) and fails it when the payload or user ID changes', async () => {
    const jws = await signJson({ n: 1 }, signer);
    expect(await checkStatus(jws, policy())).toBe('PASSED');
    // The SM2 certificate is itself the trust anchor here (a pinned seal certificate): the whole report passes.
    expect((await validateJson(jws, policy())).indication).toBe('TOTAL_PASSED');
    const [h, , s] = jws.split('.');
    expect(await checkStatus(`${h}.${base64url.encode('{"n":2}')}.${s}`, policy())).toBe('FAILED');
    expect(await checkStatus(jws, policy({ sm2UserId: '1234' }))).toBe('FAILED');
    const report = await validateJson(`${h}.${base64url.encode('{"n":2}')}.${s}`, policy());
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
  });

  it('accepts SM2 only when listed, and only under the configured private alg name', async () => {
    const jws = await signJson({ n: 1 }, signer);
    const notListed = await validateJson(jws, policy({ algorithms: ['ES256'] }));
    expect(notListed.signatures[0]!.checks.find((c) => c.id === 'JWS_ALG_ALLOWED')?.status).toBe('FAILED');

    const renamed = await signJson({ n: 1 }, signer, { sm2AlgorithmName: 'SM3withSM2' });
    expect(await checkStatus(renamed, policy({ sm2AlgorithmName: 'SM3withSM2' }))).toBe('PASSED');
    const wrongName = await validateJson(renamed, policy());
    expect(wrongName.signatures[0]!.checks.find((c) => c.id === 'JWS_ALG_ALLOWED')?.status).toBe('FAILED');

    const confused = await validateJson(jws, policy({ sm2AlgorithmName: 'ES256' }));
    expect(confused.indication).toBe('INDETERMINATE');
    expect(confused.signatures[0]!.checks[0]!.message.en).toBe(
      'Invalid policy: policy.sm2AlgorithmName must be a private name such as "SM2SM3", not a registered JOSE algorithm.',
    );
  });

  it('passes end to end: software SM2 signer, SM2 root → SM2 seal certificate chain, TOTAL_PASSED', async () => {
    openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'leaf.key']);
    openssl([
      'req',
      '-new',
      '-key',
      'leaf.key',
      '-subj',
      '/C=CN/O=衡阳市行政审批服务局/CN=合同专用章',
      '-utf8',
      '-out',
      'leaf.csr',
      ...SM3_WITH_USER_ID,
    ]);
    writeFileSync(
      join(dir, 'leaf.ext'),
      'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
    );
    selfSignedSm2(
      '/C=CN/O=湖南省测试 SM2 根/CN=SM2 根',
      'root.pem',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    openssl([
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'sm2.key',
      '-CAcreateserial',
      '-days',
      '365',
      ...SM3_WITH_USER_ID,
      '-vfyopt',
      `distid:${SM2_DEFAULT_USER_ID}`,
      '-extfile',
      'leaf.ext',
      '-out',
      'leaf.pem',
    ]);
    const leafSigner = createSoftwareSigner({
      privateKey: readFileSync(join(dir, 'leaf.key'), 'utf8'),
      certificate: readFileSync(join(dir, 'leaf.pem'), 'utf8'),
      algorithm: 'SM2-SM3',
    });
    const jws = await signJson({ 合同编号: 'HT-2026-001' }, leafSigner);
    const report = await validateJson(jws, policy({ trustAnchors: [readFileSync(join(dir, 'root.pem'), 'utf8')] }));
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.signer?.subject).toBe('CN=合同专用章, O=衡阳市行政审批服务局, C=CN');
  });

  it('fails an SM2 alg over a non-SM2 certificate', async () => {
    const jws = await signJson({ n: 1 }, signer);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(h)));
    openssl([
      'req',
      '-new',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'p256.key',
      '-subj',
      '/CN=p256',
      '-out',
      'p256.pem',
    ]);
    const p256 = readFileSync(join(dir, 'p256.pem'), 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
    const forged = `${base64url.encode(JSON.stringify({ ...header, x5c: [p256] }))}.${p}.${s}`;
    expect(await checkStatus(forged, policy())).toBe('FAILED');
  });
});
