// Shared helpers for the benchmark scripts under bench/ (run by `pnpm bench [name]`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/** One measured value next to the same value of the named baseline, run in the same process or run. */
export interface BenchMetric {
  metric: string;
  unit: string;
  value: number;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue. */
  ratio: number;
}

/** Build a metric and compute its ratio. */
export function metric(
  metric: string,
  unit: string,
  value: number,
  baseline: string,
  baselineValue: number,
): BenchMetric {
  return {
    metric,
    unit,
    value,
    baseline,
    baselineValue,
    ratio: baselineValue === 0 ? Number.NaN : value / baselineValue,
  };
}

/** Time an async function: total milliseconds over `runs` calls (after `warmup` unmeasured ones). */
export async function timeRuns(fn: (index: number) => unknown, runs: number, warmup = 0): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn(i);
  return performance.now() - start;
}

/** Percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

const format = (value: number) =>
  Number.isFinite(value) ? (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3)) : String(value);

/** Print a readable table and write `bench/results/<name>.json`. */
export function report(name: string, metrics: BenchMetric[], notes: string[] = []): void {
  const rows = metrics.map((m) => [
    m.metric,
    `${format(m.value)} ${m.unit}`,
    m.baseline,
    `${format(m.baselineValue)} ${m.unit}`,
    `${format(m.ratio)}×`,
  ]);
  const header = ['metric', 'value', 'baseline', 'baseline value', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  process.stdout.write(`\n== bench ${name} ==\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  for (const note of notes) process.stdout.write(`  ${note}\n`);
  const result = {
    name,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    metrics,
    notes,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${name}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
}
