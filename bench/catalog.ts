// pnpm bench catalog [--full]: items/s of validateCatalog on N items vs a plain zod safeParse of the same items.
// Default N = 10,000 (the size); --full runs 50,000. Items are the Hengyang fixture, repeated with unique codes.
import { readFileSync } from 'node:fs';
import { ImplementationItemSchema, validateCatalog } from '@zwfw/catalog';
import { metric, report, timeRuns } from './lib';

const full = process.argv.includes('--full');
const count = full ? 50_000 : 10_000;
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/catalog/hengyang-catalog.json', import.meta.url), 'utf8'),
) as {
  items: { implementationCode: string; handlingItemCode?: string }[];
};
const items = Array.from({ length: count }, (_, index) => {
  const base = fixture.items[index % fixture.items.length] as { implementationCode: string };
  const item = structuredClone(base) as { implementationCode: string; handlingItemCode?: string };
  item.handlingItemCode = `${item.implementationCode}${String(Math.floor(index / fixture.items.length) % 100).padStart(2, '0')}`;
  return item;
});

const runs = 3;
const zodMs =
  (await timeRuns(
    () => {
      for (const item of items) ImplementationItemSchema.safeParse(item);
    },
    runs,
    1,
  )) / runs;
let last = validateCatalog(items);
const validateMs =
  (await timeRuns(
    () => {
      last = validateCatalog(items);
    },
    runs,
    1,
  )) / runs;
const zodRate = (count / zodMs) * 1000;
const validateRate = (count / validateMs) * 1000;
const rulesMs = validateMs - zodMs;
report(
  'catalog',
  [
    metric('validateCatalog throughput', 'items/s', validateRate, 'zod safeParse only', zodRate),
    metric('cross-field rules time (validate − parse)', 'ms', rulesMs, 'zod safeParse time', zodMs),
  ],
  [
    `${count} items (Hengyang fixture repeated), mean of ${runs} runs after 1 warm-up; node ${process.version}`,
    `goal: ≥ 20,000 items/s and rules ≤ parse time; errors ${last.errors.length}, warnings ${last.warnings.length}`,
  ],
);
