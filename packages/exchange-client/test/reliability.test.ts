// Issue #6 reliability: 1,000 submissions through faults (and through a SIGKILL) → exactly 1,000 cases, none twice,
// every one accounted for as sent by the client.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Simulator } from '@zwfw/platform-simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxStore } from '../src/index';
import { createSqliteOutboxStore } from '../src/sqlite/index';
import { clientFor, withSimulator } from './fixtures';
import {
  caseNoOf,
  FAULT_MIX,
  RATE_LIMIT_BURST,
  RELIABILITY_CLIENT,
  RELIABILITY_RELAY,
  submitMany,
} from './submit-many';

const TOTAL = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'zwfw-reliability-'));
let sim: Simulator;
beforeAll(async () => {
  sim = await withSimulator({ requestLogLimit: 0 });
});
beforeEach(() => {
  sim.reset();
  sim.clearFaults();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function expectExactlyOnce(store: OutboxStore): Promise<void> {
  const cases = sim.cases();
  expect(cases).toHaveLength(TOTAL);
  expect(cases.filter((entry) => entry.submissions !== 1)).toEqual([]);
  expect(new Set(cases.map((entry) => entry.caseNo))).toEqual(
    new Set(Array.from({ length: TOTAL }, (_, index) => caseNoOf(index))),
  );
  expect(await store.counts()).toEqual({ pending: 0, sent: TOTAL, dead: 0 });
  const records = await store.list({ limit: TOTAL * 2 });
  expect(records.filter((record) => !record.receipt)).toEqual([]);
}

describe('reliability', () => {
  it('delivers 1,000 submissions exactly once through a fault mix (SQLite outbox)', async () => {
    const store = await createSqliteOutboxStore({ path: join(dir, 'faults.db') });
    const client = clientFor(sim, { ...RELIABILITY_CLIENT, outbox: { store, relay: RELIABILITY_RELAY } });
    const faults = sim.addFaults([...FAULT_MIX], { seed: 6 });
    const results = await submitMany(
      client,
      Array.from({ length: TOTAL }, (_, index) => index),
      16,
      (done) => {
        if (done === TOTAL / 2) sim.addFaults([RATE_LIMIT_BURST]);
      },
    );
    const queued = results.filter((result) => result.status === 'queued').length;
    expect(queued).toBeGreaterThan(100);
    expect(results.filter((result) => result.status === 'sent').length).toBe(TOTAL - queued);
    const drained = await client.outbox?.drain({ timeoutMs: 60_000 });
    expect(drained).toMatchObject({ sent: queued, dead: 0, pending: 0 });
    expect(sim.faults().every((rule) => rule.hits > 0)).toBe(true);
    expect(faults).toHaveLength(FAULT_MIX.length);
    await expectExactlyOnce(store);
    await store.close();
  }, 180_000);

  it('delivers 1,000 submissions exactly once when the client process is SIGKILLed midway', async () => {
    const dbPath = join(dir, 'crash.db');
    sim.addFaults([...FAULT_MIX], { seed: 7 });
    const env = {
      ...process.env,
      SIM_API_URL: sim.apiUrl,
      SIM_APP_KEY: sim.credentials.appKey,
      SIM_APP_SECRET: sim.credentials.appSecret,
      SIM_JWK: JSON.stringify(sim.publicJwk),
      DB_PATH: dbPath,
      TOTAL: String(TOTAL),
    };
    const script = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const run = (killAfterCases?: number) =>
      new Promise<{ code: number | null; signal: string | null; output: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--conditions=@zwfw/source', '--import', 'tsx', script], {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
        });
        child.stderr.on('data', (chunk) => {
          output += chunk;
        });
        let timer: ReturnType<typeof setInterval> | undefined;
        if (killAfterCases !== undefined) {
          timer = setInterval(() => {
            if (sim.cases().length >= killAfterCases) child.kill('SIGKILL');
          }, 5);
        }
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          clearInterval(timer);
          resolve({ code, signal, output });
        });
      });
    const killed = await run(TOTAL / 3);
    expect(killed.signal).toBe('SIGKILL');
    const casesAtKill = sim.cases().length;
    expect(casesAtKill).toBeGreaterThan(0);
    expect(casesAtKill).toBeLessThan(TOTAL);
    const resumed = await run();
    expect(resumed, resumed.output).toMatchObject({ code: 0 });
    const store = await createSqliteOutboxStore({ path: dbPath });
    await expectExactlyOnce(store);
    await store.close();
  }, 240_000);
});
