import type { z } from 'zod';
import { ApiError, type HandlerResponse } from '../http';
import type { ReceiptKeys } from '../receipts';
import type { Router } from '../router';
import type { SimulatorState } from '../state';

/** What every route module gets. */
export interface RouteContext {
  state: SimulatorState;
  router: Router;
  /** The simulator clock (real time + the configured offset). */
  now(): Date;
  receipts: ReceiptKeys;
  /** Default bookings per appointment slot. */
  slotCapacity: number;
}

/** A success response: the server wraps `data` in the envelope. */
export function ok(data: unknown, status = 200): HandlerResponse {
  return { status, body: data };
}

/** Validate `value` with a wire schema; a failure is a 400 `INVALID_REQUEST` naming each offending field. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const summary = issues
    .slice(0, 5)
    .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ApiError('INVALID_REQUEST', `${what} is invalid — ${summary}; fix these fields and resend`, { issues });
}

/** Query parameters as a plain object (last value wins). */
export function queryObject(query: URLSearchParams): Record<string, string> {
  return Object.fromEntries(query.entries());
}

/** Require `useCause` (用证事由) before any other validation, so its absence gets its own code. */
export function requireUseCause(value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ApiError(
      'USE_CAUSE_REQUIRED',
      'useCause (用证事由) is required on certificate and shared-data queries; state why the data is needed (≤ 200 characters)',
    );
  }
}

const DEFAULT_PAGE_SIZE = 50;

/**
 * Keyset pagination over a list already sorted by `keyOf`: the cursor is the opaque key of the last item served,
 * so inserts between pages neither skip nor repeat items.
 */
export function paginate<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  cursor: string | undefined,
  limit: number | undefined,
): { items: T[]; nextCursor: string | null } {
  let after: string | undefined;
  if (cursor !== undefined) {
    try {
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (typeof decoded !== 'object' || decoded === null || typeof (decoded as { k?: unknown }).k !== 'string') {
        throw new Error('not a cursor');
      }
      after = (decoded as { k: string }).k;
    } catch {
      throw new ApiError(
        'INVALID_REQUEST',
        'cursor is not a cursor this platform issued; pass the nextCursor of the previous page, or omit it to start over',
        { issues: [{ path: 'cursor', message: 'unknown cursor' }] },
      );
    }
  }
  const size = limit ?? DEFAULT_PAGE_SIZE;
  const start = after === undefined ? 0 : sorted.findIndex((item) => keyOf(item) > (after as string));
  const items = start < 0 ? [] : sorted.slice(start, start + size);
  const last = items.at(-1);
  const more = start >= 0 && start + size < sorted.length;
  return {
    items,
    nextCursor:
      more && last !== undefined ? Buffer.from(JSON.stringify({ k: keyOf(last) })).toString('base64url') : null,
  };
}

/** A sortable key from an ISO timestamp and an id. */
export function timeKey(timestamp: string, id: string): string {
  return `${String(Date.parse(timestamp)).padStart(15, '0')}\u0000${id}`;
}
