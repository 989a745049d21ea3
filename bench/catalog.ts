// pnpm bench catalog [--full]: items/s of validateCatalog (schema + every cross-field rule) on N items vs a plain zod
// safeParse of the same items (the baseline), both measured in this run. Default N = 10,000 (the size);
// --full runs 100 × the fixture (the 2-digit handling-item suffix keeps every code unique). Items are the Hengyang
// fixture, repeated with unique handling-item codes. Wall-clock and CPU
// time are both reported: on a shared machine CPU time is the steadier of the two.
import { readFileSync } from 'node:fs';
import { ImplementationItemSchema, validateCatalog } from '@zwfw/catalog';
import { metric, report } from './lib';

const full = process.argv.includes('--full');
const runs = 7;
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/catalog/hengyang-catalog.json', import.meta.url), 'utf8'),
) as {
  items: { implementationCode: string }[];
};
const count = full ? 100 * fixture.items.length : 10_000;
const items = Array.from({ length: count }, (_, index) => {
  const item = structuredClone(fixture.items[index % fixture.items.length]) as {
    implementationCode: string;
    handlingItemCode?: string;
  };
  item.handlingItemCode = `${item.implementationCode}${String(Math.floor(index / fixture.items.length) % 100).padStart(2, '0')}`;
  return item;
});

/** Wall and CPU milliseconds of one call. */
function measureOnce(fn: () => void): { wall: number; cpu: number } {
  const startCpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(startCpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const parseAll = () => {
  for (const item of items) ImplementationItemSchema.safeParse(item);
};
let last = validateCatalog(items);
const validateAll = () => {
  last = validateCatalog(items);
};
parseAll();
validateAll();
// Interleaved pairs, so that load changes on the shared machine hit both sides alike; medians of each side and of
// the per-pair CPU difference (the cost of the cross-field rules).
const pairs = Array.from({ length: runs }, () => ({ zod: measureOnce(parseAll), validate: measureOnce(validateAll) }));
const zod = { wall: median(pairs.map((p) => p.zod.wall)), cpu: median(pairs.map((p) => p.zod.cpu)) };
const validate = { wall: median(pairs.map((p) => p.validate.wall)), cpu: median(pairs.map((p) => p.validate.cpu)) };
const rulesCpu = median(pairs.map((p) => p.validate.cpu - p.zod.cpu));
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
    metric(
      'cross-field rules = validate − parse (CPU, median of pairs)',
      'ms',
      rulesCpu,
      'zod safeParse (CPU)',
      zod.cpu,
    ),
  ],
  [
    `${count} items (Hengyang fixture repeated), median of ${runs} interleaved runs after 1 warm-up; node ${process.version}`,
    `goal: ≥ 20,000 items/s and rules ≤ parse time; errors ${last.errors.length}, warnings ${last.warnings.length}`,
  ],
);
