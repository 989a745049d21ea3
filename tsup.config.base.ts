import { defineConfig, type Options } from 'tsup';

interface PackageJsonLike {
  name: string;
  version: string;
  exports: Record<string, string | { '@zwfw/source'?: string }>;
  bin?: Record<string, string>;
}

/**
 * The one tsup preset of the workspace. Entry points are derived from the package's `exports` map (its
 * `@zwfw/source` conditions) and `bin` map, so the two cannot drift apart. `__PACKAGE_VERSION__` is replaced by
 * the package's version.
 */
export function definePackageConfig(pkg: PackageJsonLike, overrides: Options = {}) {
  const entry: Record<string, string> = {};
  for (const target of Object.values(pkg.exports)) {
    const source = typeof target === 'string' ? undefined : target['@zwfw/source'];
    if (!source) continue;
    entry[source.replace(/^\.\/src\//, '').replace(/\.ts$/, '')] = source.replace(/^\.\//, '');
  }
  const bins = Object.values(pkg.bin ?? {}).map((file) => file.replace(/^\.\/dist\//, '').replace(/\.js$/, ''));
  const library: Options = {
    entry,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { customConditions: [], composite: false, declarationMap: false } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
    outDir: 'dist',
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
    ...overrides,
  };
  if (bins.length === 0) return defineConfig(library);
  const binaries: Options = {
    entry: Object.fromEntries(bins.map((name) => [name, `src/${name}.ts`])),
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    outDir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  };
  return defineConfig([library, binaries]);
}
