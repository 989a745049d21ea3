import type { z } from 'zod';
import { ExchangeError } from '../errors';
import { validationError } from '../internal/transport';
import type { Transport } from '../internal/transport';
import type { ReceiptChecker, WriteOutcome, WriteRequest } from '../internal/operations';
import { sendWrite } from '../internal/operations';
import type { DurableOutcome, Outbox } from '../outbox/outbox';
import { sha256Hex } from '../signing/canonical-request';
import { createPageSchema, type Page } from '../wire/common';

/** What resources need from the client. */
export interface ResourceContext {
  transport: Transport;
  outbox: Outbox | undefined;
  checkReceipt: ReceiptChecker;
  generateId: () => string;
}

/** Options of every mutating call. */
export interface WriteOptions {
  /** Your own Idempotency-Key (e.g. persisted by your system); default: a fresh one per call, kept across retries. */
  idempotencyKey?: string;
  /** Abort the call (the operation stays in the outbox if it is durable). */
  signal?: AbortSignal;
}

/** Options of every read call. */
export interface ReadOptions {
  /** Abort the call. */
  signal?: AbortSignal;
}

/** An async-iterable list that fetches pages lazily. */
export interface PageIterable<T> extends AsyncIterable<T> {
  /**
   * Collect items into an array.
   * @param options - `limit`: stop after this many items. @defaultValue 10000
   * @returns the items.
   */
  toArray(options?: { limit?: number }): Promise<T[]>;
  /** Iterate page by page. */
  pages(): AsyncIterable<Page<T>>;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, operation: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError('request', parsed.error, operation);
  return parsed.data;
}

export const segment = (value: string, name: string, operation: string): string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new ExchangeError(
      'ERR_EXCHANGE_REQUEST_INVALID',
      `${operation}: ${name} must be a non-empty string of at most 256 characters, got ${typeof value === 'string' ? `length ${value.length}` : typeof value}`,
    );
  }
  return encodeURIComponent(value);
};

/** GET one resource and return its validated `data`. */
export async function getData<T>(
  context: ResourceContext,
  name: string,
  path: string,
  schema: z.ZodType<T>,
  options: ReadOptions = {},
  query?: Record<string, string | undefined>,
): Promise<T> {
  return (await context.transport.send({ name, method: 'GET', path, query, schema, signal: options.signal })).data;
}

/** Send a non-durable mutating call (POST/DELETE) with an Idempotency-Key and return its validated `data`. */
export async function sendData<T>(
  context: ResourceContext,
  name: string,
  request: { method?: 'POST' | 'DELETE'; path: string; body?: unknown; issue?: string },
  schema: z.ZodType<T>,
  options: WriteOptions = {},
): Promise<T> {
  const { data } = await context.transport.send({
    name,
    method: request.method ?? 'POST',
    path: request.path,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    schema,
    idempotencyKey: options.idempotencyKey ?? context.generateId(),
    issue: request.issue,
    signal: options.signal,
  });
  return data;
}

export function paginate<T>(
  context: ResourceContext,
  operation: string,
  path: string,
  query: () => Record<string, string | number | boolean | undefined>,
  item: z.ZodType<T>,
  options: ReadOptions = {},
): PageIterable<T> {
  const schema = createPageSchema(item) as unknown as z.ZodType<Page<T>>;
  async function* pages(): AsyncGenerator<Page<T>> {
    const base = query();
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      const { data } = await context.transport.send({
        name: operation,
        method: 'GET',
        path,
        query: { ...base, cursor },
        schema,
        signal: options.signal,
      });
      yield data;
      cursor = data.nextCursor ?? undefined;
      if (cursor !== undefined) {
        if (seen.has(cursor)) {
          throw new ExchangeError(
            'ERR_EXCHANGE_RESPONSE_INVALID',
            `${operation}: the platform returned the cursor "${cursor.slice(0, 32)}" twice; stopping to avoid an endless loop`,
          );
        }
        seen.add(cursor);
      }
    } while (cursor !== undefined);
  }
  return {
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
    pages,
    async toArray({ limit = 10_000 } = {}) {
      const out: T[] = [];
      for await (const page of pages()) {
        for (const entry of page.items) {
          if (out.length >= limit) return out;
          out.push(entry);
        }
      }
      return out;
    },
  };
}

/** Outcome of a mutating call, durable or direct. */
export type AnyWriteOutcome = WriteOutcome | DurableOutcome;

/** Send a mutating operation: through the outbox when the client has one (and `durable`), else directly. */
export async function performWrite(
  context: ResourceContext,
  request: Omit<WriteRequest, 'payloadSha256' | 'idempotencyKey' | 'body'> & { body: unknown },
  options: WriteOptions,
): Promise<AnyWriteOutcome> {
  const body = JSON.stringify(request.body);
  const full: WriteRequest = {
    ...request,
    body,
    idempotencyKey: options.idempotencyKey ?? context.generateId(),
    payloadSha256: await sha256Hex(body),
  };
  if (context.outbox) return context.outbox.write(full);
  return sendWrite(context.transport, full, context.checkReceipt, { signal: options.signal });
}
