// Converts the shared fixtures into the simulator's built-in seed (`pnpm --filter @zwfw/platform-simulator seed`):
// fixtures/catalog/hengyang-catalog.json → seed/hengyang-items.json, fixtures/certificate/*.json →
// seed/certificates.json. Tests fail when they drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { itemsFromCatalog } from '../src/internal/catalog-seed';
import { FIXTURE_CERTIFICATE_FILES } from '../src/internal/fixture-certificates';

const fixtures = (path: string) => fileURLToPath(new URL(`../../../fixtures/${path}`, import.meta.url));
const seed = (name: string) => fileURLToPath(new URL(`../seed/${name}`, import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

writeFileSync(
  seed('hengyang-items.json'),
  `${JSON.stringify(itemsFromCatalog(readJson(fixtures('catalog/hengyang-catalog.json'))))}\n`,
);
const certificates = Object.entries(FIXTURE_CERTIFICATE_FILES).map(([file, template]) => ({
  template,
  record: readJson(fixtures(`certificate/${file}`)),
}));
writeFileSync(seed('certificates.json'), `${JSON.stringify(certificates, null, 2)}\n`);
process.stdout.write('wrote seed/hengyang-items.json and seed/certificates.json\n');
