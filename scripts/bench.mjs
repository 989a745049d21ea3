// `pnpm bench` runs every bench/<name>.ts; `pnpm bench <name>...` runs the named ones; `--flags` go to each script. Each prints a table and
// writes bench/results/<name>.json. Run on a quiet machine: the numbers are ratios against a baseline measured
// in the same run, but both sides still share the two cores with whatever else is running.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const available = readdirSync('bench')
  .filter((file) => file.endsWith('.ts') && file !== 'lib.ts')
  .map((file) => file.slice(0, -3))
  .sort();
const args = process.argv.slice(2);
const wanted = args.filter((arg) => !arg.startsWith('--'));
const flags = args.filter((arg) => arg.startsWith('--')); // passed to every script, e.g. --full
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const names = wanted.length > 0 ? wanted : available;
if (names.length === 0) console.log('No benchmarks yet: add bench/<name>.ts.');
let failed = 0;
for (const name of names) {
  const result = spawnSync('pnpm', ['exec', 'tsx', '--conditions=@zwfw/source', `bench/${name}.ts`, ...flags], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
