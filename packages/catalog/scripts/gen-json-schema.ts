// Regenerates packages/catalog/schema/*.schema.json from the zod schemas. The test src/json-schema.test.ts fails when
// the committed files drift from the schemas: run this script and commit the result.
//   pnpm exec tsx --conditions=@zwfw/source packages/catalog/scripts/gen-json-schema.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildJsonSchemas, serialiseJsonSchema } from '../src/internal/json-schemas';

const dir = new URL('../schema/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(buildJsonSchemas())) {
  writeFileSync(new URL(`${name}.schema.json`, dir), serialiseJsonSchema(schema));
  process.stdout.write(`wrote schema/${name}.schema.json\n`);
}
