import { ExchangeError, isExchangeError } from '../errors';
import type { ExchangeHooks, ExchangeLogger } from '../hooks';
import { maskText } from '../internal/mask';
import {
  isTransientFailure,
  type ReceiptChecker,
  sendWrite,
  type WriteOutcome,
  type WriteRequest,
} from '../internal/operations';
import type { Transport } from '../internal/transport';
import type { OutboxRecord, OutboxState, OutboxStore } from './outbox-store';

/** Relay backoff and batching. */
export interface OutboxRelayOptions {
  /**
   * First retry delay of a queued operation; doubles per attempt, with full jitter.
   * @defaultValue 1000
   */
  baseDelayMs?: number;
  /**
   * Cap of the retry delay.
   * @defaultValue 300000 (5 minutes)
   */
  maxDelayMs?: number;
  /**
   * Operations sent in parallel by `flush()` (always at most one per case).
   * @defaultValue 8
   */
  concurrency?: number;
  /**
   * Client retries inside the immediate send of a durable operation before it is queued (0: queue on the first
   * transport failure and let the relay back off).
   * @defaultValue 0
   */
  immediateRetries?: number;
}

/** Result of {@link ExchangeOutbox.flush}. */
export interface FlushResult {
  /** Operations accepted by the platform (including duplicates it already held). */
  sent: number;
  /** Operations that failed in transport and wait for a later attempt. */
  requeued: number;
  /** Operations the platform rejected (now dead letters). */
  dead: number;
}

/** Result of {@link ExchangeOutbox.drain}. */
export interface DrainResult extends FlushResult {
  /** Operations still pending when drain returned (timeout, or blocked behind a dead letter of the same case). */
  pending: number;
}

/** Options of {@link ExchangeOutbox.drain}. */
export interface DrainOptions {
  /**
   * Give up waiting after this long.
   * @defaultValue 30000
   */
  timeoutMs?: number;
}

/**
 * The client's outbox: inspect, flush, drain and replay durable operations. Present when the client was created
 * with `outbox`.
 */
export interface ExchangeOutbox {
  /**
   * Flush due operations once: each case's oldest pending operation, in insertion order.
   * @returns what happened.
   * @throws ExchangeError `ERR_EXCHANGE_OUTBOX_FAILED` when the store fails.
   */
  flush(): Promise<FlushResult>;
  /**
   * Stop the background relay and flush until nothing is pending or `timeoutMs` passes (waits for backoff).
   * @param options - timeout.
   * @returns totals and what is still pending.
   * @throws ExchangeError `ERR_EXCHANGE_OUTBOX_FAILED` when the store fails.
   */
  drain(options?: DrainOptions): Promise<DrainResult>;
  /**
   * Put a dead letter back in the queue (after fixing its cause on the platform side); sent at the next flush.
   * @param id - outbox record id.
   * @returns the record, now pending.
   * @throws ExchangeError `ERR_EXCHANGE_OUTBOX_FAILED` when the record is unknown or not dead.
   */
  replay(id: string): Promise<OutboxRecord>;
  /**
   * Pending operations, oldest first.
   * @param limit - at most this many. @defaultValue 100
   */
  pending(limit?: number): Promise<OutboxRecord[]>;
  /**
   * Dead letters, oldest first.
   * @param limit - at most this many. @defaultValue 100
   */
  dead(limit?: number): Promise<OutboxRecord[]>;
  /** Number of records per state. */
  counts(): Promise<Record<OutboxState, number>>;
  /**
   * Delete records the platform accepted before `before` (pending and dead ones are never pruned).
   * @param before - cut-off of `sentAt`.
   * @returns the number of records deleted.
   * @throws ExchangeError `ERR_EXCHANGE_OUTBOX_FAILED` when the store fails.
   */
  prune(before: Date): Promise<number>;
  /**
   * Start the background relay: flush every `intervalMs`.
   * @param options - interval. @defaultValue 1000 ms
   */
  start(options?: { intervalMs?: number }): void;
  /** Stop the background relay (an in-progress flush completes). */
  stop(): void;
}

/** Outcome of one durable write. */
export type DurableOutcome =
  | (WriteOutcome & { record: OutboxRecord })
  | { kind: 'queued'; record: OutboxRecord; error: ExchangeError | undefined };

interface OutboxDependencies {
  store: OutboxStore;
  transport: Transport;
  checkReceipt: ReceiptChecker;
  hooks: ExchangeHooks;
  logger: ExchangeLogger | undefined;
  now: () => Date;
  generateId: () => string;
  random: () => number;
  relay: OutboxRelayOptions;
}

async function guardStore<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isExchangeError(error)) throw error;
    throw new ExchangeError(
      'ERR_EXCHANGE_OUTBOX_FAILED',
      `outbox store failed to ${action} (${maskText(error instanceof Error ? error.message : String(error)).slice(0, 200)}); check the database file, disk space and permissions`,
      { cause: error },
    );
  }
}

const END_OF_TIME = new Date(8.64e15);

export class Outbox implements ExchangeOutbox {
  readonly #deps: OutboxDependencies;
  readonly #inflight = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #flushing: Promise<FlushResult> | undefined;

  constructor(dependencies: OutboxDependencies) {
    this.#deps = dependencies;
  }

  /** Write first, then try to send. Throws only for store failures and business rejections. */
  async write(request: WriteRequest): Promise<DurableOutcome> {
    const { store, now } = this.#deps;
    const id = this.#deps.generateId();
    // Claimed before it exists in the store, so a concurrent flush() never sends it a second time.
    this.#inflight.add(id);
    let record: OutboxRecord;
    try {
      record = await guardStore('add a record', () => store.add({ id, createdAt: now(), ...request }));
      if (await guardStore('read the queue', () => store.isBlocked(record))) {
        this.#queued(record, undefined, record.nextAttemptAt);
        return { kind: 'queued', record, error: undefined };
      }
    } finally {
      this.#inflight.delete(id);
    }
    const outcome = await this.#deliver(record, this.#deps.relay.immediateRetries ?? 0);
    if (outcome.kind === 'dead') throw outcome.error;
    return outcome;
  }

  async #deliver(
    record: OutboxRecord,
    retryLimit: number,
  ): Promise<DurableOutcome | { kind: 'dead'; record: OutboxRecord; error: ExchangeError }> {
    const { store, transport, checkReceipt, now } = this.#deps;
    this.#inflight.add(record.id);
    try {
      let outcome: WriteOutcome;
      try {
        outcome = await sendWrite(transport, record, checkReceipt, { retryLimit });
      } catch (caught) {
        const error = isExchangeError(caught)
          ? caught
          : new ExchangeError('ERR_EXCHANGE_NETWORK_FAILED', 'unexpected failure while sending', { cause: caught });
        const attempts = record.attempts + 1;
        const lastError = `${error.code}: ${maskText(error.message).slice(0, 500)}`;
        if (isTransientFailure(error)) {
          const { baseDelayMs = 1000, maxDelayMs = 300_000 } = this.#deps.relay;
          const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(30, attempts - 1));
          const retryAfter = 'retryAfterMs' in error ? (error.retryAfterMs as number | undefined) : undefined;
          const delay = Math.min(maxDelayMs, Math.max(retryAfter ?? 0, Math.floor(this.#deps.random() * backoff)));
          const nextAttemptAt = new Date(now().getTime() + delay);
          await guardStore('update a record', () => store.update(record.id, { attempts, nextAttemptAt, lastError }));
          const updated = { ...record, attempts, nextAttemptAt, lastError };
          this.#queued(updated, error, nextAttemptAt);
          return { kind: 'queued', record: updated, error };
        }
        await guardStore('update a record', () => store.update(record.id, { attempts, state: 'dead', lastError }));
        const updated: OutboxRecord = { ...record, attempts, state: 'dead', lastError };
        this.#deps.hooks.onDead?.({
          outboxId: record.id,
          operation: record.operation,
          caseNo: record.orderingKey ?? undefined,
          error,
        });
        this.#deps.logger?.warn?.('outbox operation rejected (dead letter)', {
          outboxId: record.id,
          operation: record.operation,
          code: error.code,
        });
        return { kind: 'dead', record: updated, error };
      }
      const patch = {
        attempts: record.attempts + 1,
        state: 'sent' as const,
        sentAt: now(),
        response: outcome.data === undefined ? null : JSON.stringify(outcome.data),
        receipt: outcome.receipt?.jws ?? null,
      };
      await guardStore('update a record', () => store.update(record.id, patch));
      return { ...outcome, record: { ...record, ...patch } };
    } finally {
      this.#inflight.delete(record.id);
    }
  }

  #queued(record: OutboxRecord, error: ExchangeError | undefined, nextAttemptAt: Date): void {
    this.#deps.hooks.onQueued?.({
      outboxId: record.id,
      operation: record.operation,
      caseNo: record.orderingKey ?? undefined,
      error,
      nextAttemptAt,
    });
    this.#deps.logger?.info?.('outbox operation queued', {
      outboxId: record.id,
      operation: record.operation,
      code: error?.code,
    });
  }

  flush(): Promise<FlushResult> {
    this.#flushing ??= this.#flushOnce().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #flushOnce(): Promise<FlushResult> {
    const { store, now } = this.#deps;
    const concurrency = Math.max(1, this.#deps.relay.concurrency ?? 8);
    const result: FlushResult = { sent: 0, requeued: 0, dead: 0 };
    for (;;) {
      const due = (await guardStore('read the queue', () => store.due(now(), concurrency * 4))).filter(
        (record) => !this.#inflight.has(record.id),
      );
      if (due.length === 0) return result;
      let progressed = false;
      let index = 0;
      const worker = async () => {
        while (index < due.length) {
          const record = due[index++] as OutboxRecord;
          const outcome = await this.#deliver(record, 0);
          if (outcome.kind === 'queued') result.requeued++;
          else if (outcome.kind === 'dead') result.dead++;
          else result.sent++;
          if (outcome.kind !== 'queued') progressed = true;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
      if (!progressed) return result;
    }
  }

  async drain(options: DrainOptions = {}): Promise<DrainResult> {
    this.stop();
    const { store, now } = this.#deps;
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    const total: FlushResult = { sent: 0, requeued: 0, dead: 0 };
    for (;;) {
      const result = await this.flush();
      total.sent += result.sent;
      total.requeued += result.requeued;
      total.dead += result.dead;
      // Heads of every ordering key regardless of backoff: what could still be sent. Blocked records wait behind them.
      const waiting = await guardStore('read the queue', () => store.due(END_OF_TIME, 1_000_000));
      if (waiting.length === 0 || Date.now() >= deadline) {
        return { ...total, pending: (await guardStore('count records', () => store.counts())).pending };
      }
      const next = waiting.reduce(
        (min, record) => Math.min(min, record.nextAttemptAt.getTime()),
        Number.POSITIVE_INFINITY,
      );
      const wait = Math.max(5, Math.min(next - now().getTime(), deadline - Date.now()));
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  async replay(id: string): Promise<OutboxRecord> {
    const { store, now } = this.#deps;
    const record = await guardStore('read a record', () => store.get(id));
    if (record?.state !== 'dead') {
      throw new ExchangeError(
        'ERR_EXCHANGE_OUTBOX_FAILED',
        `outbox record "${id.slice(0, 64)}" is ${record ? `${record.state}, not dead` : 'unknown'}; only dead letters can be replayed (list them with outbox.dead())`,
      );
    }
    const patch = { state: 'pending' as const, attempts: 0, nextAttemptAt: now(), lastError: null };
    await guardStore('update a record', () => store.update(id, patch));
    return { ...record, ...patch };
  }

  pending(limit = 100): Promise<OutboxRecord[]> {
    return guardStore('list records', () => this.#deps.store.list({ state: 'pending', limit }));
  }

  dead(limit = 100): Promise<OutboxRecord[]> {
    return guardStore('list records', () => this.#deps.store.list({ state: 'dead', limit }));
  }

  counts(): Promise<Record<OutboxState, number>> {
    return guardStore('count records', () => this.#deps.store.counts());
  }

  prune(before: Date): Promise<number> {
    return guardStore('prune records', () => this.#deps.store.prune(before));
  }

  start(options: { intervalMs?: number } = {}): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.flush().catch((error: unknown) =>
        this.#deps.logger?.warn?.('outbox relay flush failed', {
          code: isExchangeError(error) ? error.code : 'UNKNOWN',
        }),
      );
    }, options.intervalMs ?? 1000);
    (this.#timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
