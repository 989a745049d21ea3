// Converts fixtures/catalog/hengyang-catalog.json into seed/hengyang-items.json (the simulator's built-in items):
// `pnpm --filter @zwfw/platform-simulator seed`. A test fails when the two drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { itemsFromCatalog } from '../src/internal/catalog-seed';

const source = fileURLToPath(new URL('../../../fixtures/catalog/hengyang-catalog.json', import.meta.url));
const target = fileURLToPath(new URL('../seed/hengyang-items.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(itemsFromCatalog(JSON.parse(readFileSync(source, 'utf8'))))}\n`);
process.stdout.write(`wrote ${target}\n`);
