import { definePackageConfig } from '../../tsup.config.base';
import pkg from './package.json' with { type: 'json' };

// Besides the package entry, the worker threads of issueCertificates() load their own small bundle (the renderer
// only, without zod and @zwfw/catalog): dist/render-worker.{js,cjs}, found beside the entry at run time. Types are
// only emitted for the package entry.
export default definePackageConfig(pkg, {
  entry: { index: 'src/index.ts', 'render-worker': 'src/batch/render-worker.ts' },
  dts: {
    entry: { index: 'src/index.ts' },
    compilerOptions: { customConditions: [], composite: false, declarationMap: false },
  },
});
