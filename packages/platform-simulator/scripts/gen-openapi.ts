// Writes docs/openapi.json from the wire zod schemas: `pnpm --filter @zwfw/platform-simulator openapi`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { createOpenApiDocument } from '../src/internal/openapi';

const target = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(createOpenApiDocument(pkg.version), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
