// One-off generator used to lay out the packages (kept for adding packages later).
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
const [dir, description, entriesArg, depsArg = '{}', devArg = '{}', extraArg = '{}'] = process.argv.slice(2);
const entries = JSON.parse(entriesArg); // { ".": "src/index.ts", "./pdf": "src/pdf/index.ts" }
const exportsMap = {};
for (const [sub, src] of Object.entries(entries)) {
  const base = src.replace(/^src\//, '').replace(/\.ts$/, '');
  exportsMap[sub] = {
    '@zwfw/source': `./${src}`,
    import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
    require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
  };
}
exportsMap['./package.json'] = './package.json';
const pkg = {
  name: `@zwfw/${dir}`,
  version: '0.1.0',
  description,
  license: 'Apache-2.0',
  type: 'module',
  sideEffects: false,
  exports: exportsMap,
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.cts',
  files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
  engines: { node: '>=20.19' },
  scripts: { build: 'tsup', test: 'vitest run --project ' + dir, typecheck: 'tsc -b' },
  ...JSON.parse(extraArg),
  dependencies: JSON.parse(depsArg),
  devDependencies: JSON.parse(devArg),
  publishConfig: { access: 'public', provenance: true },
  repository: { type: 'git', url: 'git+https://example.invalid/zwfw-sdk.git', directory: `packages/${dir}` },
};
mkdirSync(`packages/${dir}/src`, { recursive: true });
writeFileSync(`packages/${dir}/package.json`, JSON.stringify(pkg, null, 2) + '\n');
if (!existsSync(`packages/${dir}/tsup.config.ts`))
  writeFileSync(
    `packages/${dir}/tsup.config.ts`,
    `import { definePackageConfig } from '../../tsup.config.base';\nimport pkg from './package.json' with { type: 'json' };\n\nexport default definePackageConfig(pkg);\n`,
  );
