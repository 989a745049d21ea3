import { ExchangeError } from '../errors';
import type { NewOutboxRecord, OutboxRecord, OutboxRecordPatch, OutboxState, OutboxStore } from './outbox-store';

/**
 * An in-memory {@link OutboxStore}: for tests and for processes that accept losing queued operations on exit.
 *
 * @returns a new empty store.
 * @example
 * ```ts
 * const client = createExchangeClient({ ...options, outbox: { store: createMemoryOutboxStore() } });
 * ```
 */
export function createMemoryOutboxStore(): OutboxStore {
  const records = new Map<string, OutboxRecord>();
  const keys = new Set<string>();
  let seq = 0;
  const copy = (record: OutboxRecord): OutboxRecord => ({ ...record });
  const blocked = (record: OutboxRecord) => {
    if (record.orderingKey === null) return false;
    for (const other of records.values()) {
      if (other.seq >= record.seq) break;
      if (other.orderingKey === record.orderingKey && other.state !== 'sent') return true;
    }
    return false;
  };
  return {
    async add(record: NewOutboxRecord) {
      if (records.has(record.id) || keys.has(record.idempotencyKey)) {
        throw new ExchangeError(
          'ERR_EXCHANGE_OUTBOX_FAILED',
          'outbox record id or Idempotency-Key already stored; use a new key',
        );
      }
      keys.add(record.idempotencyKey);
      const stored: OutboxRecord = {
        ...record,
        seq: ++seq,
        state: 'pending',
        attempts: 0,
        nextAttemptAt: record.createdAt,
        lastError: null,
        sentAt: null,
        response: null,
        receipt: null,
      };
      records.set(record.id, stored);
      return copy(stored);
    },
    async get(id) {
      const record = records.get(id);
      return record && copy(record);
    },
    async due(now, limit) {
      const out: OutboxRecord[] = [];
      const unsentKeys = new Set<string>();
      for (const record of records.values()) {
        if (out.length >= limit) break;
        const isHead = record.orderingKey === null || !unsentKeys.has(record.orderingKey);
        if (record.state === 'pending' && record.nextAttemptAt <= now && isHead) out.push(copy(record));
        if (record.state !== 'sent' && record.orderingKey !== null) unsentKeys.add(record.orderingKey);
      }
      return out;
    },
    async isBlocked(record) {
      return blocked(record);
    },
    async update(id, patch: OutboxRecordPatch) {
      const record = records.get(id);
      if (!record)
        throw new ExchangeError('ERR_EXCHANGE_OUTBOX_FAILED', `outbox record "${id.slice(0, 64)}" does not exist`);
      Object.assign(record, patch);
    },
    async list(filter = {}) {
      const out: OutboxRecord[] = [];
      for (const record of records.values()) {
        if (out.length >= (filter.limit ?? 100)) break;
        if (!filter.state || record.state === filter.state) out.push(copy(record));
      }
      return out;
    },
    async counts() {
      const counts: Record<OutboxState, number> = { pending: 0, sent: 0, dead: 0 };
      for (const record of records.values()) counts[record.state]++;
      return counts;
    },
    async prune(before) {
      let deleted = 0;
      for (const [id, record] of records) {
        if (record.state === 'sent' && record.sentAt !== null && record.sentAt < before) {
          records.delete(id);
          deleted++;
        }
      }
      return deleted;
    },
    async close() {},
  };
}
