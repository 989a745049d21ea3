import { describe, expect, it } from 'vitest';
import { caseInput, useSimulator } from '../../test/helpers';
import { FaultInjector } from './faults';

describe('FaultInjector', () => {
  it('matches method and path globs and stops after `times`', () => {
    const faults = new FaultInjector(1);
    faults.add([{ match: { method: 'post', path: '/api/v1/cases/*/events' }, mode: 'status', status: 500, times: 2 }]);
    expect(faults.pick('GET', '/api/v1/cases/C-1/events')).toBeUndefined();
    expect(faults.pick('POST', '/api/v1/cases/C-1/completion')).toBeUndefined();
    expect(faults.pick('POST', '/api/v1/cases/C-1/events')?.mode).toBe('status');
    expect(faults.pick('POST', '/api/v1/cases/C-2/events')?.mode).toBe('status');
    expect(faults.pick('POST', '/api/v1/cases/C-3/events')).toBeUndefined();
    expect(faults.list()[0]).toMatchObject({ id: 'fault-1', hits: 2, times: 2 });
  });

  it('fires a `forMs` rule only inside its window', () => {
    let now = 1_000;
    const faults = new FaultInjector(1, () => now);
    const [rule] = faults.add([{ mode: 'down', forMs: 500 }]);
    expect(rule?.activeUntil).toBe(new Date(1_500).toISOString());
    expect(faults.pick('GET', '/health')?.mode).toBe('down');
    now = 1_500;
    expect(faults.pick('GET', '/health')?.mode).toBe('down');
    now = 1_501;
    expect(faults.pick('GET', '/health')).toBeUndefined();
  });

  it('gives probabilistic rules disjoint bands of one seeded draw, reproducibly', () => {
    const run = () => {
      const faults = new FaultInjector(7);
      faults.add([
        { mode: 'status', status: 503, probability: 0.2 },
        { mode: 'latency', ms: 10, probability: 0.1 },
        { mode: 'drop-after-commit', probability: 0.05 },
      ]);
      const counts: Record<string, number> = { status: 0, latency: 0, 'drop-after-commit': 0, none: 0 };
      const sequence: string[] = [];
      for (let i = 0; i < 10_000; i++) {
        const mode = faults.pick('POST', '/api/v1/cases')?.mode ?? 'none';
        counts[mode] = (counts[mode] ?? 0) + 1;
        if (i < 50) sequence.push(mode);
      }
      return { counts, sequence };
    };
    const first = run();
    expect(run()).toEqual(first);
    // 10,000 draws: each share within 1.5 percentage points of its probability.
    expect(first.counts.status! / 10_000).toBeCloseTo(0.2, 1);
    expect(Math.abs(first.counts.latency! / 10_000 - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(first.counts['drop-after-commit']! / 10_000 - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(first.counts.none! / 10_000 - 0.65)).toBeLessThan(0.015);
  });

  it('rejects malformed rules with the offending field', () => {
    const faults = new FaultInjector(1);
    expect(() => faults.add([{ mode: 'latency' }])).toThrow(/ms/);
    expect(() => faults.add([{ mode: 'explode' as 'down' }])).toThrow(/mode/);
    expect(() => faults.add([{ mode: 'down', probability: 2 }])).toThrow(/probability/);
  });
});

const { holder, call } = useSimulator();

describe('fault modes over HTTP', () => {
  it('down: resets the connection and stores nothing', async () => {
    holder.sim.addFaults([{ mode: 'down', times: 1 }]);
    await expect(call('POST', '/api/v1/cases', { body: caseInput('C-DOWN') })).rejects.toThrow('fetch failed');
    expect(holder.sim.cases()).toEqual([]);
    expect(holder.sim.requests().at(-1)).toMatchObject({ status: null, fault: { mode: 'down' } });
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('status: answers the configured status as a gateway error with Retry-After', async () => {
    holder.sim.addFaults([{ mode: 'status', status: 503, retryAfterSeconds: 2, times: 1 }]);
    const response = await call('GET', '/api/v1/items');
    expect(response.status).toBe(503);
    expect(response.json.code).toBe('UNAVAILABLE');
    expect(response.json.message).toBe('simulated gateway failure (HTTP 503)');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('x-exchange-error')).toBe('gateway');
    expect(response.headers.get('x-exchange-should-retry')).toBe('true');
  });

  it('rate-limit: answers 429 RATE_LIMITED with Retry-After', async () => {
    holder.sim.addFaults([{ match: { path: '/api/v1/**' }, mode: 'rate-limit', retryAfterSeconds: 3, times: 2 }]);
    for (let i = 0; i < 2; i++) {
      const response = await call('GET', '/api/v1/items');
      expect(response.status).toBe(429);
      expect(response.json.code).toBe('RATE_LIMITED');
      expect(response.headers.get('retry-after')).toBe('3');
    }
    expect((await call('GET', '/api/v1/items')).status).toBe(200);
  });

  it('drop-before-commit: closes the socket and stores nothing; a retry with the same key succeeds', async () => {
    holder.sim.addFaults([{ match: { method: 'POST' }, mode: 'drop-before-commit', times: 1 }]);
    const key = 'key-drop-before';
    await expect(call('POST', '/api/v1/cases', { body: caseInput('C-DB'), idempotencyKey: key })).rejects.toThrow(
      'fetch failed',
    );
    expect(holder.sim.cases()).toEqual([]);
    const retry = await call('POST', '/api/v1/cases', { body: caseInput('C-DB'), idempotencyKey: key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('drop-after-commit: stores the case, drops the answer, and the retry replays the original receipt', async () => {
    holder.sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', times: 1 }]);
    const key = 'key-drop-after';
    await expect(call('POST', '/api/v1/cases', { body: caseInput('C-DA'), idempotencyKey: key })).rejects.toThrow(
      'fetch failed',
    );
    expect(holder.sim.cases()).toEqual([{ caseNo: 'C-DA', version: 1, status: 'submitted', submissions: 1 }]);
    const retry = await call('POST', '/api/v1/cases', { body: caseInput('C-DA'), idempotencyKey: key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const stored = await call('GET', '/api/v1/cases/C-DA');
    expect(retry.json.data).toMatchObject({ caseNo: 'C-DA', platformId: stored.json.data.platformId, version: 1 });
    expect(holder.sim.cases()).toHaveLength(1);
  });

  it('latency: delays the answer and still commits', async () => {
    holder.sim.addFaults([{ mode: 'latency', ms: 50, times: 1 }]);
    const response = await call('POST', '/api/v1/cases', { body: caseInput('C-LAT') });
    expect(response.status).toBe(201);
    expect(holder.sim.requests().at(-1)?.fault?.mode).toBe('latency');
  });

  it('never faults the /__sim controls', async () => {
    holder.sim.addFaults([{ mode: 'down' }]);
    const response = await fetch(`${holder.sim.url}/__sim/faults`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data.rules).toHaveLength(1);
  });
});
