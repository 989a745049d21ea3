import { execFileSync } from 'node:child_process';
import { X509Certificate, constants, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareSigner } from './signer';

let dir: string;
const SUBJECT = '/C=CN/O=衡阳市行政审批服务局/CN=测试签章人';

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function makeKeyAndCertificate(name: string, keyArgs: string[]): void {
  openssl('genpkey', ...keyArgs, '-out', `${name}.key`);
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    `${name}.key`,
    '-subj',
    SUBJECT,
    '-utf8',
    '-days',
    '2',
    '-out',
    `${name}.crt`,
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zwfw-signer-'));
  makeKeyAndCertificate('rsa', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
  makeKeyAndCertificate('p256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  makeKeyAndCertificate('ed', ['-algorithm', 'ED25519']);
  openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024', '-out', 'weak.key');
  openssl('req', '-x509', '-new', '-key', 'weak.key', '-subj', '/CN=weak', '-days', '2', '-out', 'weak.crt');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = new TextEncoder().encode('衡阳 seal test data');

function read(file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

function opensslVerify(name: string, signature: Uint8Array, digestArgs: string[]): string {
  writeFileSync(join(dir, 'data.bin'), data);
  writeFileSync(join(dir, 'sig.bin'), signature);
  openssl('x509', '-in', `${name}.crt`, '-pubkey', '-noout', '-out', `${name}.pub`);
  return openssl(
    'pkeyutl',
    '-verify',
    '-pubin',
    '-inkey',
    `${name}.pub`,
    '-rawin',
    '-in',
    'data.bin',
    '-sigfile',
    'sig.bin',
    ...digestArgs,
  );
}

describe('createSoftwareSigner', () => {
  it('signs RS256 verifiable by node:crypto and openssl', async () => {
    const signer = createSoftwareSigner({ privateKey: read('rsa.key'), certificate: read('rsa.crt') });
    expect(signer.algorithm).toBe('RS256');
    const signature = await signer.sign(data);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(verify('sha256', data, createPublicKey(read('rsa.key')), signature)).toBe(true);
    expect(opensslVerify('rsa', signature, ['-digest', 'sha256'])).toContain('Signature Verified Successfully');
    const tampered = new Uint8Array(signature);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    expect(verify('sha256', data, createPublicKey(read('rsa.key')), tampered)).toBe(false);
  });

  it('signs PS256 with a 32-byte salt', async () => {
    const signer = createSoftwareSigner({
      privateKey: read('rsa.key'),
      certificate: read('rsa.crt'),
      algorithm: 'PS256',
    });
    const signature = await signer.sign(data);
    const key = { key: createPublicKey(read('rsa.key')), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', data, key, signature)).toBe(true);
  });

  it('signs ES256 with a DER signature that openssl dgst accepts', async () => {
    const signer = createSoftwareSigner({ privateKey: read('p256.key'), certificate: read('p256.crt') });
    expect(signer.algorithm).toBe('ES256');
    const signature = await signer.sign(data);
    expect(signature[0]).toBe(0x30);
    expect(verify('sha256', data, createPublicKey(read('p256.key')), signature)).toBe(true);
    writeFileSync(join(dir, 'data.bin'), data);
    writeFileSync(join(dir, 'sig.der'), signature);
    openssl('x509', '-in', 'p256.crt', '-pubkey', '-noout', '-out', 'p256.pub');
    expect(openssl('dgst', '-sha256', '-verify', 'p256.pub', '-signature', 'sig.der', 'data.bin')).toContain(
      'Verified OK',
    );
  });

  it('signs EdDSA (Ed25519)', async () => {
    const signer = createSoftwareSigner({
      privateKey: new Uint8Array(execFileSync('openssl', ['pkey', '-in', join(dir, 'ed.key'), '-outform', 'DER'])),
      certificate: new X509Certificate(read('ed.crt')).raw,
    });
    expect(signer.algorithm).toBe('EdDSA');
    const signature = await signer.sign(data);
    expect(signature.length).toBe(64);
    expect(verify(null, data, createPublicKey(read('ed.key')), signature)).toBe(true);
    expect(opensslVerify('ed', signature, [])).toContain('Signature Verified Successfully');
  });

  it('opens a PKCS#12 file and keeps the Chinese certificate byte-exact', async () => {
    for (const name of ['rsa', 'p256']) {
      openssl(
        'pkcs12',
        '-export',
        '-inkey',
        `${name}.key`,
        '-in',
        `${name}.crt`,
        '-passout',
        'pass:secret-1',
        '-out',
        `${name}.p12`,
      );
      const signer = createSoftwareSigner({ pkcs12: readFileSync(join(dir, `${name}.p12`)), password: 'secret-1' });
      expect(Buffer.from(signer.certificate).equals(new X509Certificate(read(`${name}.crt`)).raw)).toBe(true);
      const signature = await signer.sign(data);
      expect(verify('sha256', data, createPublicKey(read(`${name}.key`)), signature)).toBe(true);
    }
  });

  it('opens a PKCS#12 file with a Chinese password like OpenSSL (UTF-8 for PBES2, BMPString for the MAC)', async () => {
    openssl(
      'pkcs12',
      '-export',
      '-inkey',
      'p256.key',
      '-in',
      'p256.crt',
      '-passout',
      'pass:衡阳秘密',
      '-out',
      'zh.p12',
    );
    const signer = createSoftwareSigner({ pkcs12: readFileSync(join(dir, 'zh.p12')), password: '衡阳秘密' });
    expect(Buffer.from(signer.certificate).equals(new X509Certificate(read('p256.crt')).raw)).toBe(true);
    expect(verify('sha256', data, createPublicKey(read('p256.key')), await signer.sign(data))).toBe(true);
    expect(() => createSoftwareSigner({ pkcs12: readFileSync(join(dir, 'zh.p12')), password: '衡阳密码' })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_KEY_INVALID',
        message: expect.stringContaining('the password is wrong'),
      }),
    );
  });

  it('rejects a wrong PKCS#12 password with ERR_SEAL_KEY_INVALID', () => {
    openssl('pkcs12', '-export', '-inkey', 'rsa.key', '-in', 'rsa.crt', '-passout', 'pass:right', '-out', 'pw.p12');
    expect(() => createSoftwareSigner({ pkcs12: readFileSync(join(dir, 'pw.p12')), password: 'wrong' })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_KEY_INVALID',
        message: expect.stringContaining('the password is wrong'),
      }),
    );
  });

  it('reads an encrypted PKCS#8 PEM key with its passphrase', async () => {
    openssl(
      'pkcs8',
      '-topk8',
      '-in',
      'p256.key',
      '-passout',
      'pass:口令123',
      '-v2',
      'aes-256-cbc',
      '-out',
      'p256-enc.key',
    );
    const signer = createSoftwareSigner({
      privateKey: read('p256-enc.key'),
      passphrase: '口令123',
      certificate: read('p256.crt'),
    });
    expect(verify('sha256', data, createPublicKey(read('p256.key')), await signer.sign(data))).toBe(true);
    expect(() =>
      createSoftwareSigner({ privateKey: read('p256-enc.key'), passphrase: 'wrong', certificate: read('p256.crt') }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_KEY_INVALID',
        message: expect.stringContaining('wrong format or passphrase'),
      }),
    );
  });

  it('rejects a certificate that does not match the key', () => {
    expect(() => createSoftwareSigner({ privateKey: read('rsa.key'), certificate: read('p256.crt') })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_CERTIFICATE_INVALID',
        message: expect.stringContaining('does not match'),
      }),
    );
  });

  it('rejects RSA keys under 2048 bits', () => {
    expect(() => createSoftwareSigner({ privateKey: read('weak.key'), certificate: read('weak.crt') })).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_KEY_INVALID', message: expect.stringContaining('1024 bits') }),
    );
  });

  it('rejects an algorithm that does not fit the key, and SM2 in software', () => {
    expect(() =>
      createSoftwareSigner({ privateKey: read('p256.key'), certificate: read('p256.crt'), algorithm: 'RS256' }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_ALGORITHM_UNSUPPORTED',
        message: expect.stringContaining('use ES256'),
      }),
    );
    expect(() =>
      createSoftwareSigner({ privateKey: read('p256.key'), certificate: read('p256.crt'), algorithm: 'SM2-SM3' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_SEAL_ALGORITHM_UNSUPPORTED' }));
  });

  it('rejects garbage keys and certificates with typed errors that do not echo the input', () => {
    expect(() =>
      createSoftwareSigner({ privateKey: 'not a key 430524199001011234', certificate: read('rsa.crt') }),
    ).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_KEY_INVALID', message: expect.not.stringContaining('430524') }),
    );
    expect(() => createSoftwareSigner({ privateKey: read('rsa.key'), certificate: new Uint8Array([1, 2, 3]) })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_CERTIFICATE_INVALID',
        message: expect.stringContaining('Uint8Array(3)'),
      }),
    );
    expect(() => createSoftwareSigner({ privateKey: read('rsa.key'), certificate: 'no pem here' })).toThrow(
      expect.objectContaining({
        code: 'ERR_SEAL_INPUT_INVALID',
        message: expect.stringContaining('BEGIN CERTIFICATE'),
      }),
    );
    expect(() => createSoftwareSigner(null as never)).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_INPUT_INVALID' }),
    );
  });
});
