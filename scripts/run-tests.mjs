// `pnpm test [vitest args]`: runs every package's vitest suite from source, then prints the closing line
// `N passed, N failed` from vitest's JSON report (CI reads that line, not vitest's own summary).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = '.vitest/report.json';
mkdirSync('.vitest', { recursive: true });
rmSync(report, { force: true });
const args = ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
const result = spawnSync('pnpm', [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests;
  // A suite that fails to load (syntax error, missing module) has no tests but must count as a failure.
  const brokenFiles = json.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0);
  failed += brokenFiles.length;
}
const status = result.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // vitest failed without a failing test (config error, crash)
console.log(`${passed} passed, ${failed} failed`);
process.exit(status);
