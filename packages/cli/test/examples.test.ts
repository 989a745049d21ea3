import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'zwfw-examples-test-'));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `examples/<name>/src/main.ts` from source as a child process (tsx resolves from the repository root). */
function runExample(name: string, ...args: string[]): Promise<Run> {
  const main = join(root, 'examples', name, 'src', 'main.ts');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions=@zwfw/source', main, '--out', join(work, name), ...args],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const runs: Record<string, Run> = {};

beforeAll(async () => {
  // All five at once: most of their time is process start-up and tsx compilation, not CPU-bound work.
  const entries = await Promise.all([
    runExample('county-vendor').then((run) => ['county-vendor', run] as const),
    runExample('department-verification').then((run) => ['department-verification', run] as const),
    runExample('batch-issuing', '--count', '200', '--concurrency', '2').then((run) => ['batch-issuing', run] as const),
    runExample('parallel-approval').then((run) => ['parallel-approval', run] as const),
    runExample('byo-signer').then((run) => ['byo-signer', run] as const),
  ]);
  for (const [name, run] of entries) runs[name] = run;
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The run of `name`, asserted to have exited 0 with nothing on stderr. */
function succeeded(name: string): Run {
  const run = runs[name];
  expect(run, name).toBeDefined();
  expect(run?.stderr).toBe('');
  expect(run?.code).toBe(0);
  return run as Run;
}

describe('examples', () => {
  it('county-vendor queues the case while the platform is down and delivers it exactly once', () => {
    const { stdout } = succeeded('county-vendor');
    expect(stdout).toMatch(/items synced: \d{3} items, 0 errors/);
    expect(stdout).toMatch(/issued and sealed \(\d+ bytes\): TOTAL_PASSED/);
    expect(stdout).toMatch(/platform down → submit HY-\d+: queued/);
    expect(stdout).toContain('process stopped with 1 pending operation(s)');
    expect(stdout).toContain('drain: sent 1, pending 0, dead 0');
    expect(stdout).toMatch(/platform holds HY-\d+: 1 case, 1 submission, submitted/);
    expect(existsSync(join(work, 'county-vendor', 'outbox.sqlite'))).toBe(true);
  });

  it('department-verification gives valid, invalid and indeterminate verdicts from PEM files', () => {
    const { stdout } = succeeded('department-verification');
    expect(stdout).toContain('certificate.pdf: 有效 valid (TOTAL_PASSED)');
    expect(stdout).toContain('certificate.jws: 有效 valid (TOTAL_PASSED)');
    expect(stdout).toContain('tampered PDF: 无效 invalid (TOTAL_FAILED/HASH_FAILURE)');
    expect(stdout).toContain('tampered JWS: 无效 invalid (TOTAL_FAILED/SIG_CRYPTO_FAILURE)');
    expect(stdout).toContain('PDF, unknown anchor: 无法确定 indeterminate (INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND)');
    expect(readFileSync(join(work, 'department-verification', 'trust', 'root.pem'), 'utf8')).toContain(
      '-----BEGIN CERTIFICATE-----',
    );
  });

  it('batch-issuing issues every record with worker threads and reports the rate', () => {
    const { stdout } = succeeded('batch-issuing');
    expect(stdout).toContain('Issuing 200 business licences with 2 worker thread(s)');
    expect(stdout).toContain('progress 200/200, 0 failed');
    expect(stdout).toMatch(/Issued 200 of 200 certificates, [\d.]+ MiB/);
    expect(stdout).toMatch(/Rate: [\d.]+ certificates\/s \(concurrency 2\)/);
    const manifest = readFileSync(join(work, 'batch-issuing', 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(manifest).toHaveLength(200);
    expect(new Set(manifest.map((line) => JSON.parse(line).sha256)).size).toBe(200);
  });

  it('parallel-approval approves all five member cases and completes the lead case', () => {
    const { stdout } = succeeded('parallel-approval');
    expect(stdout).toContain('投资项目报建并联审批 (hy-tzxm-bjbl): 5 member items');
    expect(stdout).toContain('1=approved 2=approved 3=approved 4=approved 5=approved');
    expect(stdout).toMatch(/HY-BJBL-2026-0001 {3}v3 completed/);
    expect(stdout).toMatch(/HY-BJBL-2026-0001-5 v2 supplementRequested/);
    expect(stdout).toContain('OK parallel-approval: 5 departments approved');
  });

  it('byo-signer seals a PDF and signs a JWS with a non-extractable key, one call each', () => {
    const { stdout } = succeeded('byo-signer');
    expect(stdout).toContain('key exportable: false');
    expect(stdout).toContain('signPdf → validatePdf: TOTAL_PASSED (signature calls so far: 1)');
    expect(stdout).toContain('signJson → validateJson: TOTAL_PASSED (signature calls so far: 2)');
    expect(stdout.match(/ sha256=[0-9a-f]{64}/g)).toHaveLength(2);
  });

  it('an example exits non-zero with a readable message when its input is wrong', async () => {
    const run = await runExample('batch-issuing', '--count', 'many');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FAILED batch-issuing: --count and --concurrency must be positive integers');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
