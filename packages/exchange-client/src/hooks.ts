import type { ExchangeError } from './errors';

/** Passed to `hooks.onRequest` before every attempt (after signing). */
export interface RequestState {
  /** Operation name, e.g. `cases.submit`. */
  operation: string;
  /** HTTP method. */
  method: string;
  /** Request URL with sensitive query values masked. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** `X-Request-Id` of this attempt. */
  requestId: string;
  /** `X-Correlation-Id`, the same on every attempt of the operation. */
  correlationId: string;
  /** The operation's Idempotency-Key, the same on every attempt. */
  idempotencyKey: string | undefined;
}

/** Passed to `hooks.onResponse` after every attempt that got an HTTP response. */
export interface ResponseState extends RequestState {
  /** HTTP status. */
  status: number;
  /** Envelope code (`"0"` on success), when the body was an envelope. */
  platformCode: string | undefined;
  /** Milliseconds from sending to the body being read. */
  durationMs: number;
}

/** Passed to `hooks.onRetry` before waiting for the next attempt. */
export interface RetryState extends RequestState {
  /** Why the attempt failed. */
  error: ExchangeError;
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

/** Passed to `hooks.onQueued` when a durable operation could not be sent and stays in the outbox. */
export interface QueuedState {
  /** Outbox record id. */
  outboxId: string;
  /** Operation name. */
  operation: string;
  /** Case number, when the operation concerns a case. */
  caseNo: string | undefined;
  /** Why sending failed (a transport error), or `undefined` when it waits behind an earlier operation of the case. */
  error: ExchangeError | undefined;
  /** When the relay will try again. */
  nextAttemptAt: Date;
}

/** Passed to `hooks.onDead` when the platform rejected a durable operation for good (a dead letter). */
export interface DeadState {
  /** Outbox record id. */
  outboxId: string;
  /** Operation name. */
  operation: string;
  /** Case number, when the operation concerns a case. */
  caseNo: string | undefined;
  /** The rejection. */
  error: ExchangeError;
}

/** Observability hooks; each receives one state object, so fields can be added without breaking callers. */
export interface ExchangeHooks {
  /** Before every attempt. */
  onRequest?: (state: RequestState) => void;
  /** After every attempt that got a response. */
  onResponse?: (state: ResponseState) => void;
  /** Before a retry. */
  onRetry?: (state: RetryState) => void;
  /** A durable operation was queued. */
  onQueued?: (state: QueuedState) => void;
  /** A durable operation became a dead letter. */
  onDead?: (state: DeadState) => void;
}

/** A structured logger (pino, console, …). Fields are already masked. */
export interface ExchangeLogger {
  /** Per-attempt detail. */
  debug?: (message: string, fields: Record<string, unknown>) => void;
  /** Noteworthy events (queued, resynced). */
  info?: (message: string, fields: Record<string, unknown>) => void;
  /** Retries, clock skew, dead letters. */
  warn?: (message: string, fields: Record<string, unknown>) => void;
}
