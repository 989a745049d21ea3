// `@zwfw/seal/json` must stay light: no pdf-lib, no node-forge, no @peculiar ASN.1/CMS stack, no PDF or CMS internals
// (style.md §4, seal.md §12). esbuild bundles the entry exactly as tsup does and its metafile gives the import graph.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const requireFromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
/** The part of esbuild's API used here (esbuild is tsup's dependency, not ours, so its types are not in scope). */
interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{
    metafile: {
      inputs: Record<string, unknown>;
      outputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
    };
  }>;
}
const esbuild = requireFromTsup('esbuild') as EsbuildLike;
const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

async function importGraph(entry: string) {
  const result = await esbuild.build({
    absWorkingDir: packageRoot,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    conditions: ['@zwfw/source'],
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const imports = Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((item) => item.external),
  );
  const externals = (kind: (kind: string) => boolean) =>
    [...new Set(imports.filter((item) => kind(item.kind)).map((item) => item.path))].sort();
  return {
    inputs,
    externals: externals((kind) => kind !== 'dynamic-import'),
    dynamic: externals((kind) => kind === 'dynamic-import'),
  };
}

describe('@zwfw/seal/json bundle', () => {
  it('imports only jose and node built-ins (SM2 code on demand), and none of the PDF/CMS internals', async () => {
    const { inputs, externals, dynamic } = await importGraph('src/json/index.ts');
    expect(externals.filter((name) => !name.startsWith('node:'))).toEqual(['jose']);
    expect(dynamic).toEqual(['sm-crypto-v2']);
    expect(inputs.filter((file) => /internal\/(pdf|cms|tsp)\/|node_modules/.test(file))).toEqual([]);
    expect(inputs).toContain('src/internal/trust/validate-certificate-path.ts');
  });

  it('would notice a forbidden import (the graph check is not vacuous)', async () => {
    const { externals } = await importGraph('src/signer.ts');
    expect(externals).toContain('node-forge');
  });
});
