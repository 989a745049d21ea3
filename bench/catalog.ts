// pnpm bench catalog [--full]: items/s of validateCatalog (schema + every cross-field rule) on N items vs a plain zod
// safeParse of the same items (the baseline), both measured in this run. Default N = 10,000 (the size);
// --full runs 50,000. Items are the Hengyang fixture, repeated with unique handling-item codes. Wall-clock and CPU
// time are both reported: on a shared machine CPU time is the steadier of the two.
import { readFileSync } from 'node:fs';
import { ImplementationItemSchema, validateCatalog } from '@zwfw/catalog';
import { metric, report } from './lib';

const full = process.argv.includes('--full');
const count = full ? 50_000 : 10_000;
const runs = 5;
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/catalog/hengyang-catalog.json', import.meta.url), 'utf8'),
) as {
  items: { implementationCode: string }[];
};
const items = Array.from({ length: count }, (_, index) => {
  const item = structuredClone(fixture.items[index % fixture.items.length]) as {
    implementationCode: string;
    handlingItemCode?: string;
  };
  item.handlingItemCode = `${item.implementationCode}${String(Math.floor(index / fixture.items.length) % 100).padStart(2, '0')}`;
  return item;
});

/** Best of `runs` (after one warm-up) for wall and CPU milliseconds. */
function measure(fn: () => void): { wall: number; cpu: number } {
  fn();
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    fn();
    wall = Math.min(wall, performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const zod = measure(() => {
  for (const item of items) ImplementationItemSchema.safeParse(item);
});
let last = validateCatalog(items);
const validate = measure(() => {
  last = validateCatalog(items);
});
const rate = (ms: number) => (count / ms) * 1000;
report(
  'catalog',
  [
    metric(
      'validateCatalog throughput (wall)',
      'items/s',
      rate(validate.wall),
      'zod safeParse only (wall)',
      rate(zod.wall),
    ),
    metric(
      'validateCatalog throughput (CPU)',
      'items/s',
      rate(validate.cpu),
      'zod safeParse only (CPU)',
      rate(zod.cpu),
    ),
    metric('cross-field rules = validate − parse (CPU)', 'ms', validate.cpu - zod.cpu, 'zod safeParse (CPU)', zod.cpu),
  ],
  [
    `${count} items (Hengyang fixture repeated), best of ${runs} runs after 1 warm-up; node ${process.version}`,
    `goal: ≥ 20,000 items/s and rules ≤ parse time; errors ${last.errors.length}, warnings ${last.warnings.length}`,
  ],
);
