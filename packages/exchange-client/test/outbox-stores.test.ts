// The same contract for every OutboxStore: ordering, due selection, updates, durability across reopen (SQLite).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryOutboxStore, type NewOutboxRecord, type OutboxStore } from '../src/index';
import { createSqliteOutboxStore } from '../src/sqlite/index';

const dir = mkdtempSync(join(tmpdir(), 'zwfw-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNumber = 0;

const T0 = new Date('2026-05-01T00:00:00Z');
const record = (id: string, orderingKey: string | null, overrides: Partial<NewOutboxRecord> = {}): NewOutboxRecord => ({
  id,
  operation: 'cases.submit',
  method: 'POST',
  path: 'cases',
  body: `{"caseNo":"${orderingKey}"}`,
  idempotencyKey: `key-${id}`,
  orderingKey,
  version: 1,
  payloadSha256: 'a'.repeat(64),
  createdAt: T0,
  ...overrides,
});

const stores: [string, () => Promise<OutboxStore>][] = [
  ['memory', async () => createMemoryOutboxStore()],
  ['sqlite', () => createSqliteOutboxStore({ path: join(dir, `store-${++fileNumber}.db`) })],
];

describe.each(stores)('%s outbox store', (_name, open) => {
  it('returns only the oldest unsent record of each ordering key, in insertion order', async () => {
    const store = await open();
    const a1 = await store.add(record('a1', 'A'));
    await store.add(record('a2', 'A', { operation: 'cases.addEvent', version: 2 }));
    await store.add(record('b1', 'B'));
    await store.add(record('n1', null));
    expect((await store.due(T0, 10)).map((entry) => entry.id)).toEqual(['a1', 'b1', 'n1']);
    expect(await store.isBlocked({ ...a1, id: 'x', seq: a1.seq + 1 })).toBe(true);
    await store.update('a1', { state: 'sent', sentAt: T0, response: '{}', attempts: 1 });
    expect((await store.due(T0, 10)).map((entry) => entry.id)).toEqual(['a2', 'b1', 'n1']);
    await store.update('b1', { nextAttemptAt: new Date(T0.getTime() + 1000), attempts: 1, lastError: 'ERR: x' });
    expect((await store.due(T0, 10)).map((entry) => entry.id)).toEqual(['a2', 'n1']);
    expect(await store.get('b1')).toMatchObject({ attempts: 1, lastError: 'ERR: x', state: 'pending' });
    await store.update('a2', { state: 'dead', lastError: 'ERR_EXCHANGE_BUSINESS_RULE: no' });
    expect(await store.counts()).toEqual({ pending: 2, sent: 1, dead: 1 });
    expect((await store.list({ state: 'dead' })).map((entry) => entry.id)).toEqual(['a2']);
    await store.close();
  });

  it('prunes only sent records older than the cut-off', async () => {
    const store = await open();
    await store.add(record('p1', 'P1'));
    await store.add(record('p2', 'P2'));
    await store.add(record('p3', 'P3'));
    await store.update('p1', { state: 'sent', sentAt: T0 });
    await store.update('p2', { state: 'sent', sentAt: new Date(T0.getTime() + 60_000) });
    await store.update('p3', { state: 'dead', lastError: 'ERR: x' });
    expect(await store.prune(new Date(T0.getTime() + 1))).toBe(1);
    expect((await store.list()).map((entry) => entry.id)).toEqual(['p2', 'p3']);
    await store.close();
  });

  it('refuses a duplicate id or Idempotency-Key', async () => {
    const store = await open();
    await store.add(record('d1', 'D'));
    await expect(store.add(record('d1', 'D'))).rejects.toThrow();
    await store.close();
  });
});

describe('createSqliteOutboxStore', () => {
  it('keeps records across close and reopen', async () => {
    const path = join(dir, 'reopen.db');
    const first = await createSqliteOutboxStore({ path });
    await first.add(record('r1', 'R'));
    await first.close();
    const second = await createSqliteOutboxStore({ path });
    expect(await second.get('r1')).toMatchObject({
      id: 'r1',
      state: 'pending',
      idempotencyKey: 'key-r1',
      createdAt: T0,
    });
    await second.close();
    await expect(second.get('r1')).rejects.toMatchObject({ code: 'ERR_EXCHANGE_OUTBOX_FAILED' });
  });

  it('throws ERR_EXCHANGE_CONFIGURATION_INVALID without a path, and ERR_EXCHANGE_OUTBOX_FAILED for an unusable one', async () => {
    await expect(createSqliteOutboxStore({})).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_CONFIGURATION_INVALID',
      message: expect.stringContaining('options.path'),
    });
    await expect(createSqliteOutboxStore({ path: join(dir, 'missing-dir', 'x.db') })).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_OUTBOX_FAILED',
      message: expect.stringContaining('cannot open the outbox database'),
    });
  });

  it('encrypts bodies and responses at rest with encryptionKey', async () => {
    const path = join(dir, 'encrypted.db');
    const key = new Uint8Array(32).fill(7);
    const store = await createSqliteOutboxStore({ path, encryptionKey: key });
    await store.add(record('e1', 'E', { body: '{"idNumber":"430421199001011234"}' }));
    await store.update('e1', { state: 'sent', response: '{"mobile":"13812345678"}' });
    expect(await store.get('e1')).toMatchObject({
      body: '{"idNumber":"430421199001011234"}',
      response: '{"mobile":"13812345678"}',
    });
    await store.close();
    const raw = new Database(path, { readonly: true });
    const row = raw.prepare('SELECT body, response FROM exchange_outbox').get() as { body: string; response: string };
    raw.close();
    expect(row.body).toMatch(/^enc:v1:/);
    expect(`${row.body}${row.response}`).not.toMatch(/430421199001011234|13812345678/);
    const wrong = await createSqliteOutboxStore({ path, encryptionKey: new Uint8Array(32).fill(8) });
    await expect(wrong.get('e1')).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_OUTBOX_FAILED',
      message: expect.stringContaining('encryptionKey'),
    });
    await wrong.close();
    await expect(createSqliteOutboxStore({ path, encryptionKey: new Uint8Array(16) })).rejects.toMatchObject({
      code: 'ERR_EXCHANGE_CONFIGURATION_INVALID',
      message: expect.stringContaining('32 bytes'),
    });
  });
});
