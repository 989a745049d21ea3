// One operation = one logical call with a stable correlation id and Idempotency-Key; one or more attempts, each
// signed afresh, sent through ky (retry: 0: the retry policy below is ours, see README "Retries").
import ky, { isTimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import {
  ExchangeError,
  type ExchangeHttpErrorCode,
  ExchangeHttpError,
  ExchangeValidationError,
  isExchangeError,
} from '../errors';
import type { ExchangeHooks, ExchangeLogger, RequestState } from '../hooks';
import { EXCHANGE_HEADERS } from '../signing/headers';
import type { RequestSigner } from '../signing/request-signer';
import { ClockSkewDataSchema, EnvelopeSchema, PLATFORM_SUCCESS_CODE } from '../wire/envelope';
import { toBytes } from './bytes';
import { maskDeep, maskText, maskUrl } from './mask';

export interface RetrySettings {
  limit: number;
  baseDelayMs: number;
  backoffLimitMs: number;
  maxRetryAfterMs: number;
}

export interface TransportSettings {
  baseUrl: string;
  signer: RequestSigner;
  clientIdentity: string;
  timeoutMs: number;
  totalTimeoutMs: number;
  retry: RetrySettings;
  maxResponseBytes: number;
  clockSkewToleranceMs: number;
  fetch: typeof fetch | undefined;
  hooks: ExchangeHooks;
  logger: ExchangeLogger | undefined;
  now: () => Date;
  generateId: () => string;
  random: () => number;
}

export interface Operation<T> {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the base URL, no leading slash. */
  path: string;
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** Serialized JSON body. */
  body?: string | undefined;
  schema: z.ZodType<T>;
  idempotencyKey?: string | undefined;
  issue?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Override of the retry limit (durable sends use 0 and let the relay back off). */
  retryLimit?: number | undefined;
}

export interface OperationResult<T> {
  data: T;
  requestId: string;
}

/** `X-Exchange-Should-Retry` of a failed response, kept beside the error rather than in its public data. */
const shouldRetryOverrides = new WeakMap<ExchangeError, boolean>();

const SAFE_METHODS = new Set(['GET', 'PUT', 'DELETE']);

const HTTP_CODE_BY_PLATFORM_CODE: Record<string, ExchangeHttpErrorCode> = {
  AUTHENTICATION_FAILED: 'ERR_EXCHANGE_AUTHENTICATION_FAILED',
  CLOCK_SKEW: 'ERR_EXCHANGE_CLOCK_SKEW',
  REPLAY: 'ERR_EXCHANGE_REPLAY_DETECTED',
  PERMISSION_DENIED: 'ERR_EXCHANGE_PERMISSION_DENIED',
  RATE_LIMITED: 'ERR_EXCHANGE_RATE_LIMITED',
  IDEMPOTENCY_IN_PROGRESS: 'ERR_EXCHANGE_IDEMPOTENCY_IN_PROGRESS',
  IDEMPOTENCY_MISMATCH: 'ERR_EXCHANGE_IDEMPOTENCY_MISMATCH',
};

function httpCodeFor(status: number, platformCode: string | undefined): ExchangeHttpErrorCode {
  const mapped = platformCode ? HTTP_CODE_BY_PLATFORM_CODE[platformCode] : undefined;
  if (mapped) return mapped;
  if (platformCode?.endsWith('NOT_FOUND') || status === 404) return 'ERR_EXCHANGE_NOT_FOUND';
  if (status === 401) return 'ERR_EXCHANGE_AUTHENTICATION_FAILED';
  if (status === 403) return 'ERR_EXCHANGE_PERMISSION_DENIED';
  if (status === 429) return 'ERR_EXCHANGE_RATE_LIMITED';
  if (status >= 500) return 'ERR_EXCHANGE_PLATFORM_UNAVAILABLE';
  return 'ERR_EXCHANGE_BUSINESS_RULE';
}

const RETRYABLE_HTTP_CODES = new Set<string>([
  'ERR_EXCHANGE_RATE_LIMITED',
  'ERR_EXCHANGE_PLATFORM_UNAVAILABLE',
  'ERR_EXCHANGE_IDEMPOTENCY_IN_PROGRESS',
]);

const FIXES: Partial<Record<ExchangeHttpErrorCode, string>> = {
  ERR_EXCHANGE_AUTHENTICATION_FAILED:
    'check credentials.appKey / appSecret and the signing algorithm agreed with the platform',
  ERR_EXCHANGE_CLOCK_SKEW:
    'the local clock differs from the platform by more than its window even after one resync; fix NTP',
  ERR_EXCHANGE_REPLAY_DETECTED: 'a nonce was reused; make generateId() return unique values',
  ERR_EXCHANGE_PERMISSION_DENIED: 'ask the platform to grant this app key access to the resource',
  ERR_EXCHANGE_IDEMPOTENCY_MISMATCH:
    'the same Idempotency-Key was used with a different payload; use a new key for a changed operation',
  ERR_EXCHANGE_RATE_LIMITED: 'slow down or raise retry.limit / totalTimeout',
  ERR_EXCHANGE_PLATFORM_UNAVAILABLE: 'the platform failed; retry later (durable operations stay in the outbox)',
};

function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function describePath(path: PropertyKey[]): string {
  return path.length === 0
    ? '(root)'
    : path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '');
}

/** An ExchangeValidationError naming the first failing field. */
export function validationError(
  side: 'request' | 'response',
  error: z.ZodError,
  context: string,
  requestId?: string,
): ExchangeValidationError {
  const first = error.issues[0];
  const where = first ? describePath(first.path) : '(root)';
  const message =
    side === 'request'
      ? `${context}: invalid input at "${where}": ${maskText(first?.message ?? 'invalid')}; fix the value before calling`
      : `${context}: the platform's response failed validation at "${where}": ${maskText(first?.message ?? 'invalid')}; the platform's API may differ from the normalized schema (use a province adapter)`;
  return new ExchangeValidationError(side, error.issues, message, { requestId });
}

const BODY_TIMEOUT = new Error('response body timed out');

async function readCapped(
  response: Response,
  maxBytes: number,
  requestId: string,
  name: string,
  timeoutMs: number,
): Promise<string> {
  const tooLarge = () =>
    new ExchangeValidationError(
      'response',
      [],
      `${name}: response body exceeds maxResponseBytes (${maxBytes}); raise maxResponseBytes if the platform legitimately sends more`,
      { requestId },
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      reader.cancel(BODY_TIMEOUT).catch(() => undefined);
    },
    Math.max(1, timeoutMs),
  );
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      clearTimeout(timer);
      throw timedOut ? BODY_TIMEOUT : error;
    }
    const { done, value } = chunk;
    if (done) {
      clearTimeout(timer);
      if (timedOut) throw BODY_TIMEOUT;
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      clearTimeout(timer);
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class Transport {
  readonly settings: TransportSettings;
  readonly #ky: KyInstance;
  /** Platform clock minus local clock, in ms. */
  clockOffsetMs = 0;
  /** Set once the platform told us its exact time (CLOCK_SKEW); coarse Date headers are then ignored. */
  #exactClock = false;

  constructor(settings: TransportSettings) {
    this.settings = settings;
    this.#ky = ky.create({
      prefixUrl: settings.baseUrl,
      retry: 0,
      throwHttpErrors: false,
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
      hooks: {
        // Signing runs here, on every attempt, so the URL is final (prefix and search params merged).
        beforeRequest: [
          (request, options) => (options.context as { sign: (request: Request) => Promise<void> }).sign(request),
        ],
      },
    });
  }

  #log(level: keyof ExchangeLogger, message: string, fields: Record<string, unknown>): void {
    this.settings.logger?.[level]?.(message, maskDeep(fields) as Record<string, unknown>);
  }

  async send<T>(operation: Operation<T>): Promise<OperationResult<T>> {
    const { settings } = this;
    const correlationId = settings.generateId();
    const started = performance.now();
    const deadline = started + settings.totalTimeoutMs;
    const bodyBytes = operation.body === undefined ? new Uint8Array() : toBytes(operation.body);
    const limit = operation.retryLimit ?? settings.retry.limit;
    const mayRetry = SAFE_METHODS.has(operation.method) || operation.idempotencyKey !== undefined;
    let resynced = false;
    let renewedNonce = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      const requestId = settings.generateId();
      const state: RequestState = {
        operation: operation.name,
        method: operation.method,
        url: '',
        attempt,
        requestId,
        correlationId,
        idempotencyKey: operation.idempotencyKey,
      };
      try {
        const remaining = deadline - performance.now();
        const data = await this.#attempt(
          operation,
          state,
          bodyBytes,
          Math.min(settings.timeoutMs, remaining),
          remaining < settings.timeoutMs,
        );
        return { data, requestId };
      } catch (caught) {
        if (operation.signal?.aborted) {
          throw new ExchangeError('ERR_EXCHANGE_NETWORK_FAILED', `${operation.name}: aborted by the caller's signal`, {
            cause: operation.signal.reason,
            requestId,
          });
        }
        const error = isExchangeError(caught)
          ? caught
          : new ExchangeError('ERR_EXCHANGE_NETWORK_FAILED', `${operation.name}: unexpected failure`, {
              cause: caught,
              requestId,
            });
        if (error.code === 'ERR_EXCHANGE_CLOCK_SKEW' && !resynced) {
          resynced = true;
          this.#log('warn', 'clock skew reported by the platform; resynced, retrying once', {
            operation: operation.name,
            clockOffsetMs: this.clockOffsetMs,
            requestId,
          });
          continue;
        }
        if (error.code === 'ERR_EXCHANGE_REPLAY_DETECTED' && !renewedNonce) {
          renewedNonce = true;
          continue;
        }
        const override = shouldRetryOverrides.get(error);
        const retryable = override ?? error.isRetryable;
        if (!retryable || !mayRetry || retries >= limit) throw error;
        retries++;
        const backoff = Math.min(settings.retry.backoffLimitMs, settings.retry.baseDelayMs * 2 ** (retries - 1));
        const retryAfter = error instanceof ExchangeHttpError ? error.retryAfterMs : undefined;
        const delayMs =
          retryAfter !== undefined
            ? Math.min(retryAfter, settings.retry.maxRetryAfterMs)
            : Math.floor(settings.random() * backoff);
        if (performance.now() + delayMs >= deadline) throw error;
        settings.hooks.onRetry?.({ ...state, error, delayMs });
        this.#log('warn', 'retrying', {
          operation: operation.name,
          attempt,
          code: error.code,
          delayMs,
          requestId,
          correlationId,
        });
        await sleep(delayMs, operation.signal);
      }
    }
  }

  async #attempt<T>(
    operation: Operation<T>,
    state: RequestState,
    bodyBytes: Uint8Array,
    timeoutMs: number,
    isTotal: boolean,
  ): Promise<T> {
    const { settings } = this;
    if (timeoutMs <= 0) {
      throw new ExchangeError('ERR_EXCHANGE_TIMEOUT', `${operation.name}: totalTimeout exhausted before the attempt`, {
        requestId: state.requestId,
      });
    }
    const started = performance.now();
    const headers: Record<string, string> = {
      accept: 'application/json',
      [EXCHANGE_HEADERS.client]: settings.clientIdentity,
      [EXCHANGE_HEADERS.requestId]: state.requestId,
      [EXCHANGE_HEADERS.correlationId]: state.correlationId,
    };
    if (operation.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    if (operation.idempotencyKey) headers[EXCHANGE_HEADERS.idempotencyKey] = operation.idempotencyKey;
    if (operation.issue) headers[EXCHANGE_HEADERS.issue] = operation.issue;
    const searchParams: Record<string, string> = {};
    for (const [key, value] of Object.entries(operation.query ?? {}))
      if (value !== undefined) searchParams[key] = String(value);
    const sign = async (request: Request) => {
      const signed = await settings.signer.sign({
        method: request.method,
        url: request.url,
        body: bodyBytes,
        timestamp: settings.now().getTime() + this.clockOffsetMs,
        nonce: settings.generateId(),
      });
      for (const [name, value] of Object.entries(signed)) request.headers.set(name, value);
      state.url = maskUrl(request.url);
      settings.hooks.onRequest?.({ ...state });
      if (settings.logger?.debug) this.#log('debug', 'request', { ...state });
    };
    const timeoutError = (cause: unknown) =>
      new ExchangeError(
        'ERR_EXCHANGE_TIMEOUT',
        `${operation.name}: no response within ${Math.round(timeoutMs)} ms (${isTotal ? 'totalTimeout' : 'timeout'}); raise the option if the platform is slow`,
        { cause, requestId: state.requestId, isRetryable: !isTotal },
      );
    let response: Response;
    try {
      response = await this.#ky(operation.path, {
        method: operation.method,
        searchParams,
        headers,
        body: operation.body,
        timeout: Math.max(1, Math.floor(timeoutMs)),
        context: { sign },
        ...(operation.signal ? { signal: operation.signal } : {}),
      });
    } catch (error) {
      if (isTimeoutError(error)) throw timeoutError(error);
      throw new ExchangeError(
        'ERR_EXCHANGE_NETWORK_FAILED',
        `${operation.name}: network failure (${maskText(error instanceof Error ? error.message : String(error))}); the platform may be down or unreachable`,
        { cause: error, requestId: state.requestId, isRetryable: true },
      );
    }
    let text: string;
    try {
      text = await readCapped(
        response,
        settings.maxResponseBytes,
        state.requestId,
        operation.name,
        timeoutMs - (performance.now() - started),
      );
    } catch (error) {
      if (isExchangeError(error)) throw error;
      if (error === BODY_TIMEOUT) throw timeoutError(error);
      throw new ExchangeError(
        'ERR_EXCHANGE_NETWORK_FAILED',
        `${operation.name}: connection failed while reading the response body`,
        {
          cause: error,
          requestId: state.requestId,
          isRetryable: true,
        },
      );
    }
    this.#observeDate(response.headers.get('date'));
    return this.#interpret(operation, state, response, text, performance.now() - started);
  }

  #observeDate(date: string | null, exactMs?: number): void {
    if (exactMs === undefined && this.#exactClock) return;
    const serverMs = exactMs ?? (date ? Date.parse(date) : Number.NaN);
    if (Number.isNaN(serverMs)) return;
    if (exactMs !== undefined) this.#exactClock = true;
    const offset = serverMs - this.settings.now().getTime();
    // Date has one-second resolution: only act on real skew.
    if (exactMs !== undefined || Math.abs(offset - this.clockOffsetMs) > this.settings.clockSkewToleranceMs) {
      if (exactMs === undefined)
        this.#log('warn', 'clock skew detected from the Date header', { clockOffsetMs: offset });
      this.clockOffsetMs = offset;
    }
  }

  #interpret<T>(operation: Operation<T>, state: RequestState, response: Response, text: string, durationMs: number): T {
    const { requestId } = state;
    let json: unknown;
    let parseFailed = false;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      parseFailed = true;
    }
    const envelope = parseFailed ? undefined : EnvelopeSchema.safeParse(json);
    const platformCode = envelope?.success ? envelope.data.code : undefined;
    this.settings.hooks.onResponse?.({ ...state, status: response.status, platformCode, durationMs });
    this.#log('debug', 'response', {
      operation: operation.name,
      status: response.status,
      platformCode,
      durationMs,
      requestId,
    });
    const failed = response.status >= 400 || (platformCode !== undefined && platformCode !== PLATFORM_SUCCESS_CODE);
    if (failed) {
      const status = Math.max(response.status, 400);
      const code = httpCodeFor(status, platformCode);
      const data = envelope?.success ? envelope.data.data : undefined;
      if (code === 'ERR_EXCHANGE_CLOCK_SKEW') {
        const skew = ClockSkewDataSchema.safeParse(data);
        const header = Number(response.headers.get(EXCHANGE_HEADERS.serverTime) ?? Number.NaN);
        const serverMs = skew.success
          ? skew.data.serverTime
          : Number.isFinite(header)
            ? header
            : Date.parse(response.headers.get('date') ?? '');
        this.#observeDate(null, serverMs);
      }
      const shouldRetryHeader = response.headers.get(EXCHANGE_HEADERS.shouldRetry);
      const platformMessage = envelope?.success ? maskText(envelope.data.message).slice(0, 500) : undefined;
      const fix = FIXES[code];
      const error = new ExchangeHttpError(
        code,
        `${operation.name}: platform answered ${status}${platformCode ? ` ${platformCode}` : ''}${platformMessage ? ` (${platformMessage})` : ''}${fix ? `; ${fix}` : ''}`,
        {
          status,
          platformCode,
          platformMessage,
          source: response.headers.get(EXCHANGE_HEADERS.error) === 'gateway' ? 'gateway' : 'platform',
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
          data,
          requestId,
          isRetryable: RETRYABLE_HTTP_CODES.has(code),
        },
      );
      if (shouldRetryHeader !== null) shouldRetryOverrides.set(error, shouldRetryHeader === 'true');
      throw error;
    }
    if (parseFailed || !envelope?.success) {
      throw new ExchangeValidationError(
        'response',
        envelope && !envelope.success ? envelope.error.issues : [],
        `${operation.name}: the platform's response is not a JSON envelope { code, message, data, requestId } (status ${response.status}); check baseUrl points at the exchange API`,
        { requestId },
      );
    }
    const parsed = operation.schema.safeParse(envelope.data.data);
    if (!parsed.success) {
      const error = parsed.error;
      for (const issue of error.issues) issue.path.unshift('data');
      throw validationError('response', error, operation.name, requestId);
    }
    return parsed.data;
  }
}
