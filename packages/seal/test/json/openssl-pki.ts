// Test-only PKI for the JSON tests, made with the openssl CLI at run time (no key is committed): a P-256 root, an
// RSA intermediate, and leaf certificates for every JWS algorithm, with Chinese subject names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSoftwareSigner, type Signer } from '../../src/index';
import type { JwsAlgorithm as AnyJwsAlgorithm } from '../../src/json/jws';

/** The algorithms openssl makes software keys for here (SM2 has its own fixture in sm2-jws.test.ts). */
export type JwsAlgorithm = Exclude<AnyJwsAlgorithm, 'SM2-SM3'>;

export interface TestIdentity {
  keyPem: string;
  certificatePem: string;
  certificateDer: Uint8Array;
  signer: Signer;
}

export interface OpensslPki {
  dir: string;
  rootPem: string;
  rootDer: Uint8Array;
  intermediatePem: string;
  intermediateDer: Uint8Array;
  leaves: Record<JwsAlgorithm, TestIdentity>;
  /** A leaf signed directly by a second, untrusted root. */
  stranger: TestIdentity;
  strangerRootDer: Uint8Array;
  cleanup(): void;
}

const KEY_ARGS: Record<JwsAlgorithm, string[]> = {
  ES256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  ES384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  RS256: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  PS256: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  EdDSA: ['-algorithm', 'ED25519'],
};

function run(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function der(dir: string, pemFile: string): Uint8Array {
  run(dir, ['x509', '-in', pemFile, '-outform', 'DER', '-out', `${pemFile}.der`]);
  return new Uint8Array(readFileSync(join(dir, `${pemFile}.der`)));
}

function makeCa(dir: string, name: string, subject: string, issuer?: string): void {
  run(dir, ['genpkey', ...KEY_ARGS.ES256, '-out', `${name}.key`]);
  writeFileSync(
    join(dir, `${name}.ext`),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  if (issuer === undefined) {
    run(dir, [
      'req',
      '-new',
      '-x509',
      '-key',
      `${name}.key`,
      '-subj',
      subject,
      '-utf8',
      '-days',
      '3650',
      '-sha256',
      '-extensions',
      'v3',
      '-config',
      writeReqConfig(dir, name),
      '-out',
      `${name}.pem`,
    ]);
    return;
  }
  issue(dir, name, subject, issuer, `${name}.ext`);
}

function writeReqConfig(dir: string, name: string): string {
  const file = `${name}.cnf`;
  writeFileSync(
    join(dir, file),
    '[req]\ndistinguished_name=dn\nstring_mask=utf8only\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  return file;
}

function issue(dir: string, name: string, subject: string, issuer: string, extFile: string): void {
  run(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-utf8', '-out', `${name}.csr`]);
  run(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${issuer}.pem`,
    '-CAkey',
    `${issuer}.key`,
    '-CAcreateserial',
    '-days',
    '825',
    '-sha256',
    '-extfile',
    extFile,
    '-out',
    `${name}.pem`,
  ]);
}

function makeLeaf(dir: string, name: string, algorithm: JwsAlgorithm, issuer: string, chain: string[]): TestIdentity {
  run(dir, ['genpkey', ...KEY_ARGS[algorithm], '-out', `${name}.key`]);
  writeFileSync(
    join(dir, `${name}.ext`),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n',
  );
  issue(dir, name, `/C=CN/O=衡阳市行政审批服务局/CN=电子印章 ${algorithm}`, issuer, `${name}.ext`);
  const keyPem = readFileSync(join(dir, `${name}.key`), 'utf8');
  const certificatePem = readFileSync(join(dir, `${name}.pem`), 'utf8');
  return {
    keyPem,
    certificatePem,
    certificateDer: der(dir, `${name}.pem`),
    signer: createSoftwareSigner({ privateKey: keyPem, certificate: certificatePem, chain, algorithm }),
  };
}

/** Creates the PKI in a temporary directory (about a second: two RSA keys). */
export function createOpensslPki(): OpensslPki {
  const dir = mkdtempSync(join(tmpdir(), 'zwfw-json-pki-'));
  makeCa(dir, 'root', '/C=CN/O=湖南省电子认证测试根/CN=测试根 CA');
  makeCa(dir, 'intermediate', '/C=CN/O=湖南省电子认证测试/CN=测试中级 CA', 'root');
  makeCa(dir, 'stranger-root', '/C=CN/O=陌生机构/CN=不受信任的根');
  const intermediatePem = readFileSync(join(dir, 'intermediate.pem'), 'utf8');
  const leaves = {} as Record<JwsAlgorithm, TestIdentity>;
  for (const algorithm of Object.keys(KEY_ARGS) as JwsAlgorithm[]) {
    leaves[algorithm] = makeLeaf(dir, `leaf-${algorithm}`, algorithm, 'intermediate', [intermediatePem]);
  }
  return {
    dir,
    rootPem: readFileSync(join(dir, 'root.pem'), 'utf8'),
    rootDer: der(dir, 'root.pem'),
    intermediatePem,
    intermediateDer: der(dir, 'intermediate.pem'),
    leaves,
    stranger: makeLeaf(dir, 'stranger', 'ES256', 'stranger-root', []),
    strangerRootDer: der(dir, 'stranger-root.pem'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
