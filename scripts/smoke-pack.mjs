// `pnpm smoke:pack`: packs every package, installs the tarballs into a temporary project outside the workspace,
// and loads every entry point with both `import` and `require` on this Node. Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'zwfw-smoke-'));
const tarballs = join(work, 'tarballs');
const packages = [];
for (const dir of readdirSync('packages')) {
  const pkg = JSON.parse(readFileSync(`packages/${dir}/package.json`, 'utf8'));
  if (pkg.private) continue;
  execFileSync('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', dir), stdio: 'pipe' });
  packages.push(pkg);
}
const files = readdirSync(tarballs);
const tarballOf = (pkg) => {
  const stem = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`;
  const file = files.find((name) => name === stem);
  if (!file) throw new Error(`no tarball ${stem} among ${files.join(', ')}`);
  return `file:${join(tarballs, file)}`;
};
const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, tarballOf(pkg)]));
// Workspace packages depend on each other: point those at the tarballs too.
const overrides = { ...dependencies };
writeFileSync(
  join(work, 'package.json'),
  JSON.stringify({ name: 'zwfw-smoke', private: true, dependencies, overrides }, null, 2),
);
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
  cwd: work,
  stdio: 'inherit',
});
const specifiers = packages.flatMap((pkg) =>
  Object.keys(pkg.exports)
    .filter((sub) => sub !== './package.json')
    .map((sub) => (sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`)),
);
let failed = 0;
for (const specifier of specifiers) {
  for (const mode of ['import', 'require']) {
    const code =
      mode === 'import'
        ? `import(${JSON.stringify(specifier)}).then((m) => { if (Object.keys(m).length === 0) throw new Error('no exports'); })`
        : `const m = require(${JSON.stringify(specifier)}); if (Object.keys(m).length === 0) throw new Error('no exports');`;
    try {
      execFileSync(process.execPath, ['-e', code], { cwd: work, stdio: 'pipe' });
      console.log(`ok   ${mode.padEnd(7)} ${specifier}`);
    } catch (error) {
      const message = String(error.stderr ?? error)
        .split('\n')
        .slice(0, 6)
        .join('\n');
      failed++;
      console.log(`FAIL ${mode.padEnd(7)} ${specifier}\n${message}`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
if (failed > 0) process.exit(1);
