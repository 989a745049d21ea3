import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestPki, createTestPki } from '../../testing/create-test-pki';
import { type TimestampResponder, startTimestampResponder } from '../../testing/timestamp-responder';
import { validateTimestampToken } from './validate-timestamp-token';
import { createHash } from 'node:crypto';

let pki: TestPki;
let responder: TimestampResponder;
const data = [randomBytes(64), randomBytes(10)];
const imprint = () => new Uint8Array(createHash('sha256').update(Buffer.concat(data)).digest());

beforeAll(async () => {
  pki = await createTestPki();
  responder = await pki.tsa.startResponder();
});

afterAll(() => responder.close());

describe('validateTimestampToken', () => {
  it('passes a token from the TSA and returns genTime', async () => {
    const token = await responder.client.timestamp(imprint(), 'SHA-256');
    const result = await validateTimestampToken({ token, data, policy: pki.policy() });
    expect(result.check).toMatchObject({ id: 'TS_TOKEN_VALID', status: 'PASSED' });
    expect(result.valid).toBe(true);
    expect(Math.abs((result.genTime?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('fails with HASH_FAILURE for other data', async () => {
    const token = await responder.client.timestamp(imprint(), 'SHA-256');
    const result = await validateTimestampToken({ token, data: [randomBytes(5)], policy: pki.policy() });
    expect(result.check).toMatchObject({
      status: 'FAILED',
      subIndication: 'HASH_FAILURE',
      message: { en: 'the time-stamp messageImprint does not match the time-stamped data' },
    });
  });

  it('rejects a token signed by a certificate without the timeStamping EKU', async () => {
    const rogue = await startTimestampResponder(pki.sealSignerEc);
    try {
      const token = await rogue.client.timestamp(imprint(), 'SHA-256');
      const result = await validateTimestampToken({ token, data, policy: pki.policy() });
      expect(result.valid).toBe(false);
      expect(result.check.message.en).toContain('CERT_KEY_USAGE');
      expect(result.check.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
    } finally {
      await rogue.close();
    }
  });

  it('rejects a genTime in the future and a TSA outside the trust anchors', async () => {
    const future = await pki.tsa.startResponder({ now: () => new Date(Date.now() + 86_400_000) });
    try {
      const token = await future.client.timestamp(imprint(), 'SHA-256');
      const result = await validateTimestampToken({ token, data, policy: pki.policy() });
      expect(result.details.find((check) => check.id === 'TS_ORDER')).toMatchObject({
        status: 'FAILED',
        subIndication: 'TIMESTAMP_ORDER_FAILURE',
      });
      expect(result.valid).toBe(false);
    } finally {
      await future.close();
    }
    const other = await createTestPki();
    const token = await responder.client.timestamp(imprint(), 'SHA-256');
    const untrusted = await validateTimestampToken({ token, data, policy: other.policy() });
    expect(untrusted.check).toMatchObject({ status: 'INDETERMINATE', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it('accepts a token made by openssl ts -reply (ESS signing-certificate v1) and rejects it for other data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwfw-ts-'));
    try {
      writeFileSync(join(dir, 'tsa.pem'), pki.tsa.certificate.pem);
      writeFileSync(join(dir, 'tsa.key'), pki.tsa.signer.privateKeyPem);
      writeFileSync(join(dir, 'serial'), '01\n');
      writeFileSync(join(dir, 'data.bin'), Buffer.concat(data));
      writeFileSync(
        join(dir, 'tsa.cnf'),
        '[ tsa ]\ndefault_tsa = tsa_config\n[ tsa_config ]\nserial = ./serial\nsigner_cert = ./tsa.pem\nsigner_key = ./tsa.key\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256\n',
      );
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
      run('ts', '-query', '-data', 'data.bin', '-sha256', '-cert', '-out', 'q.tsq');
      run(
        'ts',
        '-reply',
        '-config',
        'tsa.cnf',
        '-section',
        'tsa_config',
        '-queryfile',
        'q.tsq',
        '-token_out',
        '-out',
        'token.der',
      );
      const token = new Uint8Array(readFileSync(join(dir, 'token.der')));
      const result = await validateTimestampToken({ token, data, policy: pki.policy() });
      expect(result.check).toMatchObject({ id: 'TS_TOKEN_VALID', status: 'PASSED' });
      expect(result.details.find((check) => check.id === 'CMS_SIGNING_CERT_V2')?.message.en).toMatch(
        /ESS signing-certificate(-v2)? matches/,
      );
      const other = await validateTimestampToken({ token, data: [randomBytes(3)], policy: pki.policy() });
      expect(other.check).toMatchObject({ status: 'FAILED', subIndication: 'HASH_FAILURE' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not take a TSA at its word: an expired TSA certificate gives no proof of existence', async () => {
    const then = new Date(Date.now() - 6 * 365 * 86_400_000);
    const old = await createTestPki({ now: then });
    const oldResponder = await old.tsa.startResponder({ now: () => new Date(then.getTime() + 3_600_000) });
    try {
      const token = await oldResponder.client.timestamp(imprint(), 'SHA-256');
      const result = await validateTimestampToken({ token, data, policy: old.policy({ revocation: { mode: 'off' } }) });
      expect(result.valid).toBe(false);
      expect(result.check).toMatchObject({ status: 'INDETERMINATE', subIndication: 'OUT_OF_BOUNDS_NO_POE' });
    } finally {
      await oldResponder.close();
    }
  });

  it('never throws on garbage', async () => {
    for (const token of [new Uint8Array(0), randomBytes(100), new Uint8Array([0x30, 0x80, 0x30, 0x80])]) {
      const result = await validateTimestampToken({ token, data, policy: pki.policy() });
      expect(result.check).toMatchObject({ status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    }
  });
});
