import type { z } from 'zod';

/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link ExchangeError}. Codes are public API: they change only in a major release.
 *
 * | Code | When | Retried by the client |
 * |---|---|---|
 * | `ERR_EXCHANGE_CONFIGURATION_INVALID` | bad client options | no |
 * | `ERR_EXCHANGE_REQUEST_INVALID` | input failed its schema (before sending) | no |
 * | `ERR_EXCHANGE_RESPONSE_INVALID` | response not JSON, too large, or failed its schema | no |
 * | `ERR_EXCHANGE_NETWORK_FAILED` | connection refused/reset/dropped | yes (idempotent operations) |
 * | `ERR_EXCHANGE_TIMEOUT` | per-attempt or total timeout | yes (per attempt, idempotent operations) |
 * | `ERR_EXCHANGE_AUTHENTICATION_FAILED` | 401: unknown key, wrong signature | no |
 * | `ERR_EXCHANGE_CLOCK_SKEW` | 401: timestamp outside the window, still after one resync | once, after resync |
 * | `ERR_EXCHANGE_REPLAY_DETECTED` | 401: nonce reused, still after one fresh nonce | once |
 * | `ERR_EXCHANGE_PERMISSION_DENIED` | 403 | no |
 * | `ERR_EXCHANGE_NOT_FOUND` | 404 | no |
 * | `ERR_EXCHANGE_RATE_LIMITED` | 429 | yes, honouring Retry-After |
 * | `ERR_EXCHANGE_PLATFORM_UNAVAILABLE` | 5xx | yes, honouring Retry-After |
 * | `ERR_EXCHANGE_IDEMPOTENCY_IN_PROGRESS` | 409: the same key is still being processed | yes |
 * | `ERR_EXCHANGE_IDEMPOTENCY_MISMATCH` | 422: same key, different payload | no |
 * | `ERR_EXCHANGE_BUSINESS_RULE` | any other 4xx (`VERSION_CONFLICT`, `SLOT_FULL`, `INVALID_REQUEST`…) | no |
 * | `ERR_EXCHANGE_RECEIPT_INVALID` | receipt signature or binding check failed | no |
 * | `ERR_EXCHANGE_OUTBOX_FAILED` | the durable store failed (the only throw of a durable submit besides input errors) | no |
 */
export type ExchangeErrorCode =
  | ExchangeHttpErrorCode
  | ExchangeValidationErrorCode
  | 'ERR_EXCHANGE_CONFIGURATION_INVALID'
  | 'ERR_EXCHANGE_NETWORK_FAILED'
  | 'ERR_EXCHANGE_TIMEOUT'
  | 'ERR_EXCHANGE_RECEIPT_INVALID'
  | 'ERR_EXCHANGE_OUTBOX_FAILED';

/** Codes carried by {@link ExchangeHttpError}: the platform answered with an error status. */
export type ExchangeHttpErrorCode =
  | 'ERR_EXCHANGE_AUTHENTICATION_FAILED'
  | 'ERR_EXCHANGE_CLOCK_SKEW'
  | 'ERR_EXCHANGE_REPLAY_DETECTED'
  | 'ERR_EXCHANGE_PERMISSION_DENIED'
  | 'ERR_EXCHANGE_NOT_FOUND'
  | 'ERR_EXCHANGE_RATE_LIMITED'
  | 'ERR_EXCHANGE_PLATFORM_UNAVAILABLE'
  | 'ERR_EXCHANGE_IDEMPOTENCY_IN_PROGRESS'
  | 'ERR_EXCHANGE_IDEMPOTENCY_MISMATCH'
  | 'ERR_EXCHANGE_BUSINESS_RULE';

/** Codes carried by {@link ExchangeValidationError}. */
export type ExchangeValidationErrorCode = 'ERR_EXCHANGE_REQUEST_INVALID' | 'ERR_EXCHANGE_RESPONSE_INVALID';

/** Options of the {@link ExchangeError} constructor. */
export interface ExchangeErrorOptions {
  /** The underlying error, when one is wrapped. */
  cause?: unknown;
  /** `X-Request-Id` of the attempt that failed. */
  requestId?: string;
  /** Whether retrying the same operation (same Idempotency-Key) may succeed. */
  isRetryable?: boolean;
}

/**
 * The base error of `@zwfw/exchange-client`. Every error this package throws is an instance, with a stable
 * {@link ExchangeErrorCode}. Messages never contain secrets, ID numbers or phone numbers.
 *
 * @example
 * ```ts
 * try { await client.cases.get('C-1'); } catch (error) {
 *   if (isExchangeError(error) && error.code === 'ERR_EXCHANGE_NOT_FOUND') return undefined;
 *   throw error;
 * }
 * ```
 */
export class ExchangeError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: ExchangeErrorCode;
  /** `X-Request-Id` of the failed attempt, when a request was sent. */
  readonly requestId: string | undefined;
  /** Whether the same operation may succeed when retried with the same Idempotency-Key. */
  readonly isRetryable: boolean;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - cause, request id, retryability.
   */
  constructor(code: ExchangeErrorCode, message: string, options: ExchangeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.requestId = options.requestId;
    this.isRetryable = options.isRetryable ?? false;
  }
}

/** Where a rejected request or response failed validation. */
export type ValidationSide = 'request' | 'response';

/**
 * Input or a response failed its zod schema. `issues` are zod's; the message names the first failing field.
 *
 * @example
 * ```ts
 * if (error instanceof ExchangeValidationError) console.error(error.side, error.issues[0]?.path);
 * ```
 */
export class ExchangeValidationError extends ExchangeError {
  declare readonly code: ExchangeValidationErrorCode;
  /** zod issues (paths into the input, or into the response body). */
  readonly issues: z.core.$ZodIssue[];
  /** `request` (nothing was sent) or `response` (the platform answered something unexpected). */
  readonly side: ValidationSide;

  /**
   * @param side - request or response.
   * @param issues - the zod issues.
   * @param message - names the field and the fix.
   * @param options - cause, request id.
   */
  constructor(side: ValidationSide, issues: z.core.$ZodIssue[], message: string, options: ExchangeErrorOptions = {}) {
    super(side === 'request' ? 'ERR_EXCHANGE_REQUEST_INVALID' : 'ERR_EXCHANGE_RESPONSE_INVALID', message, options);
    this.issues = issues;
    this.side = side;
  }
}

/** Fields of an {@link ExchangeHttpError}. */
export interface ExchangeHttpErrorDetails extends ExchangeErrorOptions {
  /** HTTP status. */
  status: number;
  /** The envelope's `code` (e.g. `VERSION_CONFLICT`), when the body was an envelope. */
  platformCode?: string;
  /** The envelope's `message` (masked). */
  platformMessage?: string;
  /** `gateway` when `X-Exchange-Error` says the gateway layer failed; `platform` otherwise. */
  source?: 'gateway' | 'platform';
  /** From `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
  /** The envelope's `data` (e.g. the original result of `CASE_EXISTS`). */
  data?: unknown;
}

/**
 * The platform answered with an error status.
 *
 * @example
 * ```ts
 * if (error instanceof ExchangeHttpError && error.platformCode === 'VERSION_CONFLICT') await refetch();
 * ```
 */
export class ExchangeHttpError extends ExchangeError {
  declare readonly code: ExchangeHttpErrorCode;
  /** HTTP status. */
  readonly status: number;
  /** The envelope's error code, e.g. `SLOT_FULL`. */
  readonly platformCode: string | undefined;
  /** The envelope's message (masked). */
  readonly platformMessage: string | undefined;
  /** Which layer failed. */
  readonly source: 'gateway' | 'platform';
  /** From `Retry-After`. */
  readonly retryAfterMs: number | undefined;
  /** The envelope's `data`. */
  readonly data: unknown;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param details - status, platform code and message, retry hints.
   */
  constructor(code: ExchangeHttpErrorCode, message: string, details: ExchangeHttpErrorDetails) {
    super(code, message, details);
    this.status = details.status;
    this.platformCode = details.platformCode;
    this.platformMessage = details.platformMessage;
    this.source = details.source ?? 'platform';
    this.retryAfterMs = details.retryAfterMs;
    this.data = details.data;
  }
}

/**
 * Whether `error` is a {@link ExchangeError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 * @example
 * ```ts
 * if (isExchangeError(error)) console.error(error.code);
 * ```
 */
export function isExchangeError(error: unknown): error is ExchangeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('ERR_EXCHANGE_')
  );
}

/**
 * Whether `error` is an {@link ExchangeHttpError} (works across bundles).
 *
 * @param error - any caught value.
 * @returns `true` for an HTTP error of this package.
 * @example
 * ```ts
 * if (isExchangeHttpError(error) && error.status === 409) retryLater();
 * ```
 */
export function isExchangeHttpError(error: unknown): error is ExchangeHttpError {
  return isExchangeError(error) && typeof (error as { status?: unknown }).status === 'number';
}
