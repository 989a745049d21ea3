// `pnpm check:packages`: publint --strict and attw on every published package (run after `pnpm build`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let failures = 0;
for (const dir of readdirSync('packages')) {
  const pkg = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
  if (pkg.private) continue;
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', '--strict', `packages/${dir}`]],
    // esm-only: attw may flag the require branch of ESM-only dependencies; we ship dual and check both.
    ['attw', ['exec', 'attw', '--pack', `packages/${dir}`, '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    const result = spawnSync('pnpm', args, { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`.trim();
    const ok = result.status === 0;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${tool} ${pkg.name}`);
    if (!ok) {
      failures++;
      console.log(output);
    }
  }
}
if (failures > 0) {
  console.error(`${failures} package check(s) failed`);
  process.exit(1);
}
