import type { Simulator } from '@zwfw/platform-simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { caseInput, clientFor, withSimulator } from '../../test/fixtures';
import type { DeadState, QueuedState } from '../hooks';
import { createMemoryOutboxStore } from './create-memory-outbox-store';
import type { OutboxStore } from './outbox-store';
import { createSqliteOutboxStore } from '../sqlite/create-sqlite-outbox-store';

let sim: Simulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.reset();
  sim.clearFaults();
});

function durableClient(store: OutboxStore = createMemoryOutboxStore()) {
  const queued: QueuedState[] = [];
  const dead: DeadState[] = [];
  const client = clientFor(sim, {
    outbox: { store, relay: { baseDelayMs: 1, maxDelayMs: 5 } },
    hooks: { onQueued: (state) => queued.push(state), onDead: (state) => dead.push(state) },
  });
  return { client, queued, dead, store };
}

describe('outbox', () => {
  it('queues a submission while the platform is down and sends it on drain', async () => {
    const { client, queued, store } = durableClient();
    sim.addFaults([{ mode: 'down' }]);
    const result = await client.cases.submit(caseInput('OB-1'));
    expect(result).toMatchObject({ status: 'queued', caseNo: 'OB-1' });
    expect(queued[0]).toMatchObject({
      operation: 'cases.submit',
      caseNo: 'OB-1',
      error: { code: 'ERR_EXCHANGE_NETWORK_FAILED' },
    });
    expect(sim.cases()).toEqual([]);
    sim.clearFaults();
    expect(await client.outbox?.drain()).toEqual({ sent: 1, requeued: 0, dead: 0, pending: 0 });
    const [record] = await store.list();
    expect(record).toMatchObject({ state: 'sent', orderingKey: 'OB-1', receipt: expect.stringMatching(/^ey/) });
    expect(sim.cases()).toEqual([expect.objectContaining({ caseNo: 'OB-1', submissions: 1 })]);
  });

  it('never sends an event before the submission of its case', async () => {
    const { client, queued } = durableClient();
    sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'status', status: 503, times: 1 }]);
    expect((await client.cases.submit(caseInput('OB-2'))).status).toBe('queued');
    const event = await client.cases.addEvent('OB-2', {
      version: 2,
      status: 'accepted',
      occurredAt: '2026-05-01T10:00:00+08:00',
    });
    expect(event.status).toBe('queued');
    expect(queued[1]).toMatchObject({ operation: 'cases.addEvent', error: undefined });
    expect(sim.requests().filter((entry) => entry.url.includes('/events'))).toEqual([]);
    expect(await client.outbox?.drain()).toMatchObject({ sent: 2, pending: 0 });
    expect(sim.cases()).toEqual([expect.objectContaining({ caseNo: 'OB-2', version: 2, status: 'accepted' })]);
  });

  it('sends each operation once while the relay runs alongside immediate sends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwfw-outbox-relay-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const store = await createSqliteOutboxStore({ path: join(dir, 'relay.db') });
    onTestFinished(() => store.close());
    const { client } = durableClient(store);
    client.outbox?.start({ intervalMs: 1 });
    try {
      await Promise.all(Array.from({ length: 40 }, (_, index) => client.cases.submit(caseInput(`OB-R${index}`))));
    } finally {
      client.outbox?.stop();
    }
    expect(sim.requests().filter((entry) => entry.method === 'POST')).toHaveLength(40);
    expect(await client.outbox?.counts()).toEqual({ pending: 0, sent: 40, dead: 0 });
  });

  it('turns a business rejection into a dead letter, reports it, and replays it on request', async () => {
    const { client, dead, store } = durableClient();
    await expect(client.cases.submit(caseInput('OB-3', { itemCode: 'UNKNOWN-ITEM' }))).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_NOT_FOUND',
      platformCode: 'ITEM_NOT_FOUND',
    });
    expect(dead).toEqual([expect.objectContaining({ operation: 'cases.submit', caseNo: 'OB-3' })]);
    const [letter] = await client.outbox!.dead();
    expect(letter).toMatchObject({ state: 'dead', lastError: expect.stringContaining('ERR_EXCHANGE_NOT_FOUND') });
    await expect(client.outbox!.replay('nope')).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_OUTBOX_FAILED',
      message: expect.stringContaining('unknown'),
    });
    expect(await client.outbox!.replay(letter!.id)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await client.outbox!.flush()).toEqual({ sent: 0, requeued: 0, dead: 1 });
    expect(await store.counts()).toEqual({ pending: 0, sent: 0, dead: 1 });
  });

  it('throws ERR_EXCHANGE_OUTBOX_FAILED when the store cannot write, and sends nothing', async () => {
    const broken: OutboxStore = {
      ...createMemoryOutboxStore(),
      add: async () => Promise.reject(new Error('disk I/O error')),
    };
    const { client } = durableClient(broken);
    await expect(client.cases.submit(caseInput('OB-4'))).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_OUTBOX_FAILED',
      message: expect.stringContaining('disk I/O error'),
    });
    expect(sim.requests()).toEqual([]);
  });

  it('treats an evaluation already on the platform as a duplicate, not a dead letter', async () => {
    const { client } = durableClient();
    const service = {
      caseNo: 'OB-5',
      serviceNumber: 'S-1',
      itemCode: '11430400MB1D03622L4000111400001',
      itemName: '食品经营许可',
      department: { code: '11430400MB1D03622L', name: '衡阳市行政审批服务局' },
      regionCode: '430400000000',
      channel: 'online' as const,
      userType: '1' as const,
      userName: '张三',
      userIdNumber: '430421199001011234',
      acceptedAt: '2026-05-01T09:30:00+08:00',
      promisedLimit: { value: 5, unit: 'workday' as const },
      serviceTime: '2026-05-02T09:30:00+08:00',
    };
    expect(await client.evaluations.registerService(service)).toMatchObject({
      status: 'sent',
      data: { serviceNumber: 'S-1' },
    });
    expect(await client.evaluations.registerService(service)).toMatchObject({
      status: 'duplicate',
      platformCode: 'DUPLICATE_SERVICE',
    });
    const evaluation = {
      caseNo: 'OB-5',
      serviceNumber: 'S-1',
      assessNumber: 'A-1',
      channel: 'pc',
      satisfaction: 5,
      evaluatedAt: '2026-05-03T08:00:00+08:00',
    };
    expect(await client.evaluations.submit(evaluation)).toMatchObject({ status: 'sent', data: { grade: 'good' } });
    expect(await client.outbox!.counts()).toEqual({ pending: 0, sent: 3, dead: 0 });
  });
});
