import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCapture } from '../src/testing';

const work = mkdtempSync(join(tmpdir(), 'zwfw-demo-test-'));
const out = join(work, 'demo-output');
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
let demo: Awaited<ReturnType<typeof runCapture>>;

/** Runs the real `zwfw` process (from source through tsx) and returns its exit code and output. */
function zwfw(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@zwfw/source', bin, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)), // where tsx resolves; every path argument is absolute
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  demo = await runCapture(['demo', '--out', out], { cwd: work });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('zwfw demo', () => {
  it('runs every step on embedded defaults and writes its outputs', () => {
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    for (const step of ['simulator', 'Sync', 'PKI', 'record', 'JWS', 'seal', 'Verify', 'outbox']) {
      expect(demo.stdout).toContain(step);
    }
    expect(demo.stdout).toContain('PDF: TOTAL_PASSED, JWS: TOTAL_PASSED');
    expect(demo.stdout).toMatch(/case HY\d{8}[0-9A-F]{8}: sent; outbox sent 1, pending 0/);
    for (const file of [
      'certificate.pdf',
      'certificate.jws',
      'trust-anchor.pem',
      'seal-certificates.pem',
      'verification.json',
      'catalog-report.json',
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const verification = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8'));
    expect(verification.pdf.indication).toBe('TOTAL_PASSED');
    expect(verification.jws.indication).toBe('TOTAL_PASSED');
    const catalog = JSON.parse(readFileSync(join(out, 'catalog-report.json'), 'utf8'));
    expect(catalog.report.itemCount).toBeGreaterThan(300);
    expect(catalog.report.errors).toEqual([]);
  });

  it('produces a sealed PDF that poppler accepts, with the Chinese signer name intact', () => {
    const output = execFileSync('pdfsig', [join(out, 'certificate.pdf')], { encoding: 'utf8' });
    expect(output).toContain('Signature is Valid');
    expect(output).toContain('Total document signed');
    expect(output).toMatch(/Signer Certificate Common Name: .*衡阳/);
  });

  it('puts the JWS in a QR code that a real reader decodes', () => {
    execFileSync('pdftoppm', ['-png', '-r', '300', join(out, 'certificate.pdf'), join(work, 'page')]);
    const decoded = execFileSync('zbarimg', ['-q', '--raw', join(work, 'page-1.png')], { encoding: 'utf8' }).trim();
    expect(decoded).toBe(readFileSync(join(out, 'certificate.jws'), 'utf8').trim());
  });

  it('zwfw verify --trust exits 0 on the sealed PDF and on the JWS', () => {
    const pdf = zwfw('verify', join(out, 'certificate.pdf'), '--trust', join(out, 'trust-anchor.pem'));
    expect(pdf.stderr).toBe('');
    expect(pdf.stdout).toContain('Verdict: valid (TOTAL_PASSED)');
    expect(pdf.code).toBe(0);
    const jws = zwfw(
      'verify',
      join(out, 'certificate.jws'),
      '--trust',
      join(out, 'trust-anchor.pem'),
      '--intermediate',
      join(out, 'seal-certificates.pem'),
    );
    expect(jws.stdout).toContain('Verdict: valid (TOTAL_PASSED)');
    expect(jws.code).toBe(0);
  });

  it('zwfw verify exits 1 on a copy with one byte changed inside the signed range', () => {
    const bytes = readFileSync(join(out, 'certificate.pdf'));
    const changed = Buffer.from(bytes);
    const at = changed.indexOf('/MediaBox');
    changed[at + 3] = (changed[at + 3] as number) ^ 0x01; // inside [0, b) of the byte range
    const file = join(work, 'changed.pdf');
    writeFileSync(file, changed);
    const result = zwfw('verify', file, '--trust', join(out, 'trust-anchor.pem'));
    expect(result.stdout).toContain('Verdict: invalid (TOTAL_FAILED');
    expect(result.code).toBe(1);
  });

  it('zwfw verify exits 1 on a copy with an incremental update appended after signing', () => {
    const bytes = readFileSync(join(out, 'certificate.pdf'));
    const text = bytes.toString('latin1');
    const previous = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
    const root = /\/Root (\d+ \d+ R)/.exec(text)?.[1];
    const object =
      '999 0 obj\n<< /Type /Annot /Subtype /FreeText /Rect [100 100 400 200] /Contents (VOID) >>\nendobj\n';
    const objectOffset = bytes.length + 1;
    const xrefOffset = objectOffset + object.length;
    const update = `\n${object}xref\n999 1\n${String(objectOffset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 1000 /Prev ${previous} /Root ${root} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    const file = join(work, 'appended.pdf');
    writeFileSync(file, Buffer.concat([bytes, Buffer.from(update, 'latin1')]));
    const result = zwfw('verify', file, '--trust', join(out, 'trust-anchor.pem'));
    expect(result.stdout).not.toContain('TOTAL_PASSED');
    expect(result.code).toBe(1);
  });

  it('zwfw verify exits 2 without a trust anchor and 3 on a file that is neither PDF nor JWS', () => {
    expect(zwfw('verify', join(out, 'certificate.pdf')).code).toBe(2);
    const junk = join(work, 'junk.bin');
    writeFileSync(junk, 'hello, this is not a signed document');
    const result = zwfw('verify', junk);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('neither a PDF');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('zwfw verify --json prints the library report unchanged', async () => {
    const result = await runCapture(
      ['verify', join(out, 'certificate.pdf'), '--trust', join(out, 'trust-anchor.pem'), '--json'],
      {
        cwd: work,
      },
    );
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ indication: 'TOTAL_PASSED', policyId: 'zwfw-cli' });
    expect(report.signatures[0].checks.map((check: { id: string }) => check.id)).toContain('CMS_SIGNATURE_VALUE');
  });

  it('zwfw cert inspect reads the record back from the sealed PDF', async () => {
    const result = await runCapture(['cert', 'inspect', join(out, 'certificate.pdf')], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Identifier: 1.2.156.3005.2.');
    expect(result.stdout).toContain('Metadata matches the attachment: yes');
  });
});
