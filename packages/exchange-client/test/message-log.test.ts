// The append-only message log of the SQLite store (design §4): one row per attempt, hashes instead of bodies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '@zwfw/platform-simulator';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteOutboxStore } from '../src/sqlite/index';
import { caseInput, clientFor, ID_NUMBER, PHONE, withSimulator } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'zwfw-message-log-'));
let sim: Simulator;
beforeAll(async () => {
  sim = await withSimulator();
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite message log', () => {
  it('appends one row per attempt, bound to the platform request hash, without personal data', async () => {
    const path = join(dir, 'log.db');
    const store = await createSqliteOutboxStore({ path });
    const platformHashes = new Map<string, string | null>();
    const recordingFetch = (async (input, init) => {
      const response = await fetch(input, init);
      platformHashes.set(response.headers.get('x-request-id') ?? '', response.headers.get('x-exchange-request-hash'));
      return response;
    }) as typeof fetch;
    const client = clientFor(sim, { outbox: { store }, messageLog: store.messageLog, fetch: recordingFetch });
    sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'status', status: 503, times: 1 }]);
    // Durable: the 503 queues the submission, the relay sends it on drain.
    expect((await client.cases.submit(caseInput('HY-LOG-1'))).status).toBe('queued');
    await client.outbox?.drain();
    expect(await store.counts()).toMatchObject({ sent: 1, pending: 0 });
    sim.addFaults([{ match: { method: 'GET', path: '/api/v1/certificates' }, mode: 'status', status: 503, times: 1 }]);
    await client.certificates
      .findByHolder({ holderCode: ID_NUMBER, holderType: '111', useCause: '办理食品经营许可' })
      .toArray();

    // Appends are asynchronous (committed with the store's next group commit): wait for the last one.
    await expect.poll(async () => (await store.messageLog.list()).length).toBe(4);
    const entries = await store.messageLog.list();
    const submits = entries.filter((entry) => entry.operation === 'cases.submit');
    expect(submits.map((entry) => [entry.status, entry.errorCode])).toEqual([
      [503, 'ERR_EXCHANGE_PLATFORM_UNAVAILABLE'],
      [201, null],
    ]);
    // The relay's send is a new operation; the client's own retry of the query keeps its correlation id.
    const queries = entries.filter((entry) => entry.operation === 'certificates.findByHolder');
    expect(queries.map((entry) => entry.status)).toEqual([503, 200]);
    expect(await store.messageLog.list({ correlationId: queries[0]?.correlationId })).toEqual(queries);
    for (const entry of entries) {
      expect(entry.responseSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    // The injected 503s come from the gateway layer, before the signature check; the others were verified.
    const verified = entries.filter((entry) => entry.status !== 503);
    expect(verified).toHaveLength(2);
    for (const entry of verified) {
      expect(entry.requestHash).toBe(platformHashes.get(entry.requestId));
      expect(entry.platformRequestId).toEqual(expect.any(String));
    }
    expect(queries[1]).toMatchObject({ method: 'GET', url: expect.stringContaining('holderCode=') });
    await store.close();

    const raw = new Database(path);
    try {
      const dump = JSON.stringify(raw.prepare('SELECT * FROM exchange_outbox_message_log').all());
      expect(dump).not.toContain(ID_NUMBER);
      expect(dump).not.toContain(PHONE);
      expect(() => raw.prepare('UPDATE exchange_outbox_message_log SET status = 200').run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM exchange_outbox_message_log').run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('records an attempt that got no response', async () => {
    const store = await createSqliteOutboxStore({ path: join(dir, 'down.db') });
    const client = clientFor(sim, { messageLog: store.messageLog, retry: { limit: 0 } });
    sim.addFaults([{ match: { method: 'GET' }, mode: 'down', times: 1 }]);
    await expect(client.health()).rejects.toMatchObject({ code: 'ERR_EXCHANGE_NETWORK_FAILED' });
    await expect.poll(() => store.messageLog.list()).toHaveLength(1);
    expect((await store.messageLog.list())[0]).toMatchObject({
      operation: 'health',
      status: null,
      responseSha256: null,
      errorCode: 'ERR_EXCHANGE_NETWORK_FAILED',
    });
    await store.close();
  });
});
