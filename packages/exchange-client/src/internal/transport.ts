// One operation = one logical call with a stable correlation id and Idempotency-Key; one or more attempts, each
// signed afresh, sent through ky (retry: 0: the retry policy below is ours, see README "Retries").
import ky, { isTimeoutError, type KyInstance } from 'ky';
import type { z } from 'zod';
import {
  type ExchangeCodec,
  type NormalizedRequest,
  type NormalizedResponse,
  normalizedCodec,
  type WireRequest,
} from '../codec';
import {
  ExchangeError,
  type ExchangeHttpErrorCode,
  ExchangeHttpError,
  ExchangeValidationError,
  isExchangeError,
} from '../errors';
import type { ExchangeHooks, ExchangeLogger, RequestState } from '../hooks';
import type { MessageLog } from '../message-log';
import { EXCHANGE_HEADERS } from '../signing/headers';
import type { RequestSigner } from '../signing/request-signer';
import { ClockSkewDataSchema, PLATFORM_ERROR_STATUS, PLATFORM_SUCCESS_CODE } from '../wire/envelope';
import { createCanonicalRequest, sha256Hex } from '../signing/canonical-request';
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
  codec: ExchangeCodec;
  clientIdentity: string;
  timeoutMs: number;
  totalTimeoutMs: number;
  retry: RetrySettings;
  maxResponseBytes: number;
  clockSkewToleranceMs: number;
  fetch: typeof fetch | undefined;
  hooks: ExchangeHooks;
  logger: ExchangeLogger | undefined;
  messageLog: MessageLog | undefined;
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
  /** hex SHA-256 of the body sent, when a codec changed it (receipts then bind to the wire body). */
  wireBodySha256?: string | undefined;
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

async function readCapped(
  response: Response,
  maxBytes: number,
  requestId: string,
  name: string,
  signal: AbortSignal,
): Promise<string> {
  const tooLarge = () =>
    new ExchangeValidationError(
      'response',
      [],
      `${name}: response body exceeds maxResponseBytes (${maxBytes}); raise maxResponseBytes if the platform legitimately sends more`,
      { requestId },
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  // fetch errors the body when the attempt's signal aborts; a custom fetch may not, so cancel the read as well.
  const onAbort = () => reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0] as Uint8Array);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(bytes);
}

const decoder = new TextDecoder();

function normalize(operation: Operation<unknown>): NormalizedRequest {
  const query: Record<string, string> = {};
  if (operation.query)
    for (const [key, value] of Object.entries(operation.query)) if (value !== undefined) query[key] = String(value);
  return { operation: operation.name, method: operation.method, path: operation.path, query, body: operation.body };
}

function hasHeader(headers: Record<string, string> | undefined, name: string): boolean {
  return headers !== undefined && Object.keys(headers).some((key) => key.toLowerCase() === name);
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
  readonly #fetch: typeof fetch;
  /** Platform clock minus local clock, in ms. */
  clockOffsetMs = 0;
  /** Set once the platform told us its exact time (CLOCK_SKEW); coarse Date headers are then ignored. */
  #exactClock = false;

  constructor(settings: TransportSettings) {
    this.settings = settings;
    // ky only sends: retries (retry: 0), timeouts (timeout: false; one timer per attempt covers headers and body)
    // and signing (done on the final URL before each attempt, see #attempt) are ours; no hooks, so ky never clones
    // a response.
    this.#ky = ky.create({ retry: 0, timeout: false, throwHttpErrors: false });
    this.#fetch = settings.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  #log(level: keyof ExchangeLogger, message: string, fields: Record<string, unknown>): void {
    this.settings.logger?.[level]?.(message, maskDeep(fields) as Record<string, unknown>);
  }

  async send<T>(operation: Operation<T>): Promise<OperationResult<T>> {
    const { settings } = this;
    const correlationId = settings.generateId();
    const started = performance.now();
    const deadline = started + settings.totalTimeoutMs;
    const normalized = normalize(operation);
    const wire = this.#encode(normalized);
    const bodyBytes = wire.body === undefined ? new Uint8Array() : toBytes(wire.body);
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
          { normalized, wire, bodyBytes },
          state,
          Math.min(settings.timeoutMs, remaining),
          remaining < settings.timeoutMs,
        );
        return {
          data,
          requestId,
          wireBodySha256: wire.body === operation.body ? undefined : await sha256Hex(bodyBytes),
        };
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

  /** Encode with the codec once per operation (every attempt sends the same wire request, signed afresh). */
  #encode(normalized: NormalizedRequest): WireRequest {
    try {
      return this.settings.codec.encodeRequest(normalized);
    } catch (error) {
      throw new ExchangeError(
        'ERR_EXCHANGE_REQUEST_INVALID',
        `${normalized.operation}: codec "${this.settings.codec.name}" could not encode the request (${maskText(error instanceof Error ? error.message : String(error))})`,
        { cause: error },
      );
    }
  }

  async #attempt<T>(
    operation: Operation<T>,
    { normalized, wire, bodyBytes }: { normalized: NormalizedRequest; wire: WireRequest; bodyBytes: Uint8Array },
    state: RequestState,
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
      ...wire.headers,
      accept: 'application/json',
      [EXCHANGE_HEADERS.client]: settings.clientIdentity,
      [EXCHANGE_HEADERS.requestId]: state.requestId,
      [EXCHANGE_HEADERS.correlationId]: state.correlationId,
    };
    if (wire.body !== undefined && !hasHeader(wire.headers, 'content-type'))
      headers['content-type'] = 'application/json; charset=utf-8';
    if (operation.idempotencyKey) headers[EXCHANGE_HEADERS.idempotencyKey] = operation.idempotencyKey;
    if (operation.issue) headers[EXCHANGE_HEADERS.issue] = operation.issue;
    // The final URL (as fetch will normalize it) is what gets signed, afresh on every attempt.
    const url = this.#url(wire);
    const signing = {
      method: wire.method,
      url,
      body: bodyBytes,
      timestamp: settings.now().getTime() + this.clockOffsetMs,
      nonce: settings.generateId(),
    };
    const signed = await settings.signer.sign(signing);
    Object.assign(headers, signed);
    if (settings.hooks.onRequest || settings.logger?.debug) {
      state.url = maskUrl(url);
      settings.hooks.onRequest?.({ ...state });
      this.#log('debug', 'request', { ...state });
    }
    const timeoutError = (cause: unknown) =>
      new ExchangeError(
        'ERR_EXCHANGE_TIMEOUT',
        `${operation.name}: no response within ${Math.round(timeoutMs)} ms (${isTotal ? 'totalTimeout' : 'timeout'}); raise the option if the platform is slow`,
        { cause, requestId: state.requestId, isRetryable: !isTotal },
      );
    const startedAt = settings.messageLog ? settings.now() : new Date(0);
    let failure: unknown;
    // One timer per attempt, covering the response headers and the body.
    const timer = new AbortController();
    const timeoutHandle = setTimeout(() => timer.abort(), Math.max(1, Math.floor(timeoutMs)));
    const timedOut = () => timer.signal.aborted && !operation.signal?.aborted;
    // The attempt's signal and the body go straight to fetch (`fetch(request, { signal, body })`, as the Fetch
    // standard allows). Through ky they would cost more than the request itself: ky combines its own signal with ours
    // (AbortSignal.any) and clones every Request before sending, for retries we do not use — with a body, a tee of
    // its stream.
    const signal = operation.signal ? AbortSignal.any([operation.signal, timer.signal]) : timer.signal;
    const baseFetch = this.#fetch;
    const body = wire.body;
    let response: Response | undefined;
    let text: string | undefined;
    try {
      try {
        response = await this.#ky(url, {
          method: wire.method,
          headers,
          fetch: (input, init) =>
            baseFetch(input, body === undefined ? { ...init, signal } : { ...init, signal, body }),
        });
      } catch (error) {
        if (timedOut() || isTimeoutError(error)) throw timeoutError(error);
        throw new ExchangeError(
          'ERR_EXCHANGE_NETWORK_FAILED',
          `${operation.name}: network failure (${maskText(error instanceof Error ? error.message : String(error))}); the platform may be down or unreachable`,
          { cause: error, requestId: state.requestId, isRetryable: true },
        );
      }
      try {
        text = await readCapped(response, settings.maxResponseBytes, state.requestId, operation.name, signal);
      } catch (error) {
        if (isExchangeError(error)) throw error;
        if (timedOut()) throw timeoutError(error);
        throw new ExchangeError(
          'ERR_EXCHANGE_NETWORK_FAILED',
          `${operation.name}: connection failed while reading the response body`,
          { cause: error, requestId: state.requestId, isRetryable: true },
        );
      }
      this.#observeDate(response.headers.get('date'));
      return this.#interpret(operation, normalized, state, response, text, performance.now() - started);
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      clearTimeout(timeoutHandle);
      if (settings.messageLog) {
        void this.#appendMessage(settings.messageLog, operation.name, state, signing, {
          startedAt,
          durationMs: performance.now() - started,
          response,
          text,
          errorCode:
            failure === undefined ? null : isExchangeError(failure) ? failure.code : 'ERR_EXCHANGE_NETWORK_FAILED',
        });
      }
    }
  }

  /** Append the attempt to the message log; a failing log never fails the call. */
  async #appendMessage(
    log: MessageLog,
    operation: string,
    state: RequestState,
    signing: { method: string; url: string; body: Uint8Array; timestamp: number; nonce: string },
    outcome: {
      startedAt: Date;
      durationMs: number;
      response: Response | undefined;
      text: string | undefined;
      errorCode: string | null;
    },
  ): Promise<void> {
    try {
      const parsed = new URL(signing.url);
      const canonical = createCanonicalRequest({
        method: signing.method,
        path: parsed.pathname,
        query: parsed.search,
        bodySha256: await sha256Hex(signing.body),
        timestamp: String(signing.timestamp),
        nonce: signing.nonce,
      });
      await log.append({
        at: outcome.startedAt,
        operation,
        requestId: state.requestId,
        correlationId: state.correlationId,
        method: signing.method,
        url: maskUrl(signing.url),
        requestHash: await sha256Hex(canonical),
        status: outcome.response?.status ?? null,
        responseSha256: outcome.text === undefined ? null : await sha256Hex(outcome.text),
        platformRequestId: outcome.response?.headers.get(EXCHANGE_HEADERS.exchangeId) ?? null,
        errorCode: outcome.errorCode,
        durationMs: outcome.durationMs,
      });
    } catch (error) {
      this.#log('warn', 'message log append failed; the exchange itself is unaffected', {
        operation,
        requestId: state.requestId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Base URL + path + query, normalized as fetch will send it. */
  #url(wire: WireRequest): string {
    let query = '';
    if (wire.query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(wire.query)) params.append(key, value);
      const text = params.toString();
      query = text === '' ? '' : `?${text}`;
    }
    return new URL(`${this.settings.baseUrl}${wire.path}${query}`).href;
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

  #interpret<T>(
    operation: Operation<T>,
    normalized: NormalizedRequest,
    state: RequestState,
    response: Response,
    text: string,
    durationMs: number,
  ): T {
    const { requestId } = state;
    let envelope: NormalizedResponse | undefined;
    try {
      envelope = this.settings.codec.decodeResponse(
        { status: response.status, headers: response.headers, body: text },
        normalized,
      );
    } catch {
      envelope = undefined;
    }
    const platformCode = typeof envelope?.code === 'string' ? envelope.code : undefined;
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
      // A province that answers errors with HTTP 200 is classified by its (normalized) platform code.
      const classifiedStatus =
        response.status >= 400
          ? response.status
          : ((PLATFORM_ERROR_STATUS as Record<string, number>)[platformCode ?? ''] ?? status);
      const code = httpCodeFor(classifiedStatus, platformCode);
      const data = envelope?.data;
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
      const platformMessage =
        typeof envelope?.message === 'string' ? maskText(envelope.message).slice(0, 500) : undefined;
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
    if (!envelope) {
      const codec = this.settings.codec;
      throw new ExchangeValidationError(
        'response',
        [],
        codec === normalizedCodec
          ? `${operation.name}: the platform's response is not a JSON envelope { code, message, data, requestId } (status ${response.status}); check baseUrl points at the exchange API`
          : `${operation.name}: the platform's response is not in the "${codec.name}" wire format (status ${response.status}); check baseUrl and the codec`,
        { requestId },
      );
    }
    const parsed = operation.schema.safeParse(envelope.data);
    if (!parsed.success) {
      const error = parsed.error;
      for (const issue of error.issues) issue.path.unshift('data');
      throw validationError('response', error, operation.name, requestId);
    }
    return parsed.data;
  }
}
