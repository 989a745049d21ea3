// Many submissions through a random, seeded mix of faults: the platform must end with every case exactly once.
import { randomUUID } from 'node:crypto';
import { createHmacSigner } from '@zwfw/exchange-client';
import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from './helpers';

const { holder } = useSimulator({ faultSeed: 2026 });
const SUBMISSIONS = 200;

/** Send one case until the platform gives a definitive answer, reusing one Idempotency-Key; fresh signature each try. */
async function submitUntilAnswered(
  caseNo: string,
): Promise<{ attempts: number; status: number; body: { code: string } }> {
  const { sim } = holder;
  const signer = createHmacSigner(sim.credentials);
  const key = randomUUID();
  const body = new TextEncoder().encode(JSON.stringify(caseInput(caseNo)));
  for (let attempt = 1; attempt <= 100; attempt++) {
    const url = `${sim.url}/api/v1/cases`;
    const headers = await signer.sign({ method: 'POST', url, body, timestamp: Date.now(), nonce: randomUUID() });
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(500),
      });
      const json = (await response.json()) as { code: string };
      if (response.status < 500 && response.status !== 429 && json.code !== 'IDEMPOTENCY_IN_PROGRESS') {
        return { attempts: attempt, status: response.status, body: json };
      }
    } catch {
      // dropped connection or client timeout: the operation may or may not have been committed — retry.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`case ${caseNo} got no definitive answer in 100 attempts`);
}

describe('mixed faults', () => {
  it(`stores each of ${SUBMISSIONS} cases exactly once despite 503s, latency beyond the timeout, drops and rate limits`, async () => {
    const { sim } = holder;
    sim.addFaults(
      [
        { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'status', status: 503, probability: 0.2 },
        { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'latency', ms: 1000, probability: 0.1 },
        { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', probability: 0.05 },
        { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-before-commit', probability: 0.05 },
        {
          match: { method: 'POST', path: '/api/v1/cases' },
          mode: 'rate-limit',
          retryAfterSeconds: 0,
          probability: 0.05,
        },
      ],
      { seed: 7 },
    );
    const results: { attempts: number; status: number }[] = [];
    // Ten concurrent senders, like a relay with parallel workers.
    const queue = Array.from({ length: SUBMISSIONS }, (_, i) => `MIX-${String(i).padStart(4, '0')}`);
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let caseNo = queue.shift(); caseNo !== undefined; caseNo = queue.shift()) {
          results.push(await submitUntilAnswered(caseNo));
        }
      }),
    );
    expect(results.every((result) => result.status === 201)).toBe(true);
    const cases = sim.cases();
    expect(cases).toHaveLength(SUBMISSIONS);
    expect(new Set(cases.map((entry) => entry.caseNo)).size).toBe(SUBMISSIONS);
    expect(cases.every((entry) => entry.submissions === 1)).toBe(true);
    // The mix really happened: every mode fired, and some cases needed retries.
    const hits = Object.fromEntries(sim.faults().map((rule) => [rule.mode, rule.hits]));
    for (const mode of ['status', 'latency', 'drop-after-commit', 'drop-before-commit', 'rate-limit']) {
      expect(hits[mode], mode).toBeGreaterThan(0);
    }
    expect(results.some((result) => result.attempts > 1)).toBe(true);
    const replays = sim.requests().filter((entry) => entry.replayed && entry.status === 201);
    expect(replays.length).toBeGreaterThan(0);
  });
});
