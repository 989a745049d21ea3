import { createHash, randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type SigningAlgorithm, canonicalizeQuery, verifyRequestSignature } from '@zwfw/exchange-client';
import type { SimulatorSeed } from '../types';
import { formatChinaTime } from './clock';
import { FaultInjector, type ActiveFaultRule } from './faults';
import {
  ApiError,
  BodyTooLargeError,
  type HandlerResponse,
  errorEnvelope,
  okEnvelope,
  parseJsonBody,
  readBody,
  writeJson,
} from './http';
import { IdempotencyStore, NonceStore } from './idempotency';
import { maskText } from './mask';
import type { ReceiptKeys } from './receipts';
import { RequestLog, type RequestLogEntry, maskBodyForLog } from './request-log';
import { Router } from './router';
import { registerCaseRoutes } from './routes/cases';
import { registerCertificateRoutes } from './routes/certificates';
import type { RouteContext } from './routes/context';
import { registerControlRoutes } from './routes/controls';
import { registerEvaluationRoutes } from './routes/evaluations';
import { registerItemRoutes } from './routes/items';
import { registerServiceRoutes } from './routes/services';
import { registerSharingRoutes } from './routes/sharing';
import { registerSystemRoutes } from './routes/system';
import type { SimulatorState } from './state';

/** Everything the running server needs. */
export interface ServerConfig {
  state: SimulatorState;
  receipts: ReceiptKeys;
  initialSeed: SimulatorSeed;
  maxBodyBytes: number;
  slotCapacity: number;
  requestLogLimit: number;
  faultSeed: number;
  baseNow: () => Date;
  /** Accepted signature algorithms (a province may demand HMAC-SM3). */
  signatureAlgorithms: readonly SigningAlgorithm[];
  /** Accepted distance of `X-Exchange-Timestamp` from the simulator clock. */
  timestampToleranceMs: number;
  /** How long a nonce stays used. */
  nonceWindowMs: number;
}

/** The server plus the handles the programmatic control API needs. */
export interface SimulatorRuntime {
  server: Server;
  context: RouteContext;
  faults: FaultInjector;
  log: RequestLog;
  idempotency: IdempotencyStore;
  nonces: NonceStore;
  clock: { offsetMs: number };
  /** Clear all state, faults, log and clock offset, then re-apply the initial seed. */
  reset(): void;
  /** Resolve pending latency waits, so `close()` does not wait for them. */
  cancelWaits(): void;
  /** Every served route, API and controls, as `METHOD /path/{param}`. */
  routes(): string[];
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;
const RETRYABLE_CODES = new Set(['IDEMPOTENCY_IN_PROGRESS', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL']);

/** A header value for the log: cut to 200 characters, personal data masked. */
function maskOptional(value: string | undefined): string | undefined {
  return value === undefined ? undefined : maskText(value.slice(0, 200));
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function gatewayError(code: ApiError['code'], message: string, data?: unknown, status?: number, retryAfter?: number) {
  const headers: Record<string, string> = { 'X-Exchange-Error': 'gateway' };
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  return new ApiError(code, message, data, { status, headers });
}

/** Build the node:http server of the simulator (not yet listening). */
export function createSimulatorRuntime(config: ServerConfig): SimulatorRuntime {
  const clock = { offsetMs: 0 };
  const now = () => new Date(config.baseNow().getTime() + clock.offsetMs);
  const api = new Router();
  const controls = new Router();
  const faults = new FaultInjector(config.faultSeed);
  const log = new RequestLog(config.requestLogLimit);
  const idempotency = new IdempotencyStore();
  const nonces = new NonceStore(config.nonceWindowMs);
  const waits = new Set<() => void>();
  const context: RouteContext = {
    state: config.state,
    router: api,
    now,
    receipts: config.receipts,
    slotCapacity: config.slotCapacity,
  };
  const runtime: SimulatorRuntime = {
    server: undefined as unknown as Server,
    context,
    faults,
    log,
    idempotency,
    nonces,
    clock,
    reset() {
      config.state.reset();
      faults.clear();
      log.clear();
      idempotency.clear();
      nonces.clear();
      clock.offsetMs = 0;
    },
    routes: () => [...api.list(), ...controls.list()],
    cancelWaits() {
      for (const resolve of waits) resolve();
      waits.clear();
    },
  };
  registerSystemRoutes(context);
  registerItemRoutes(context);
  registerCaseRoutes(context);
  registerServiceRoutes(context);
  registerCertificateRoutes(context);
  registerSharingRoutes(context);
  registerEvaluationRoutes(context);
  registerControlRoutes({ ...context, router: controls }, runtime);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waits.add(done);
    });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const target = request.url ?? '/';
    const url = new URL(target, 'http://127.0.0.1');
    const path = url.pathname;
    const sentRequestId = header(request, 'x-request-id');
    const requestId = sentRequestId !== undefined && REQUEST_ID.test(sentRequestId) ? sentRequestId : randomUUID();
    const isControl = path === '/__sim' || path.startsWith('/__sim/');
    const fault: ActiveFaultRule | undefined = isControl ? undefined : faults.pick(method, path);
    const entry: Omit<RequestLogEntry, 'seq'> = {
      receivedAt: formatChinaTime(now()),
      method,
      url: maskText(path + url.search),
      requestId,
      appKey: header(request, 'x-exchange-app-key')?.slice(0, 128),
      idempotencyKey: header(request, 'idempotency-key')?.slice(0, 255),
      client: maskOptional(header(request, 'x-exchange-client')),
      issue: maskOptional(header(request, 'x-exchange-issue')),
      correlationId: maskOptional(header(request, 'x-correlation-id')),
      authentication: { result: 'skipped' },
      fault: fault === undefined ? undefined : { id: fault.id, mode: fault.mode },
      replayed: false,
      status: null,
      durationMs: 0,
    };
    const baseHeaders: Record<string, string> = { 'X-Request-Id': requestId, 'X-Exchange-Id': randomUUID() };
    const finish = () => {
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
      // The log records platform traffic only; test-control calls would drown it.
      if (!isControl) log.add(entry);
    };
    const drop = () => {
      request.socket.destroy();
      finish();
    };
    const send = (result: HandlerResponse, code: string) => {
      entry.status = result.status;
      entry.code = code;
      writeJson(response, result.status, result.body, { ...baseHeaders, ...result.headers });
      finish();
    };
    const toResponse = (error: ApiError): HandlerResponse => {
      const headers: Record<string, string> = {
        ...error.headers,
        'X-Exchange-Should-Retry': String(RETRYABLE_CODES.has(error.code) || error.status >= 500),
      };
      return { status: error.status, body: errorEnvelope(error.code, error.message, requestId, error.data), headers };
    };
    const fail = (error: ApiError) => send(toResponse(error), error.code);

    if (fault?.mode === 'down') return drop();

    let raw: Uint8Array;
    try {
      raw = await readBody(request, config.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) return drop();
      const tooLarge = gatewayError(
        'PAYLOAD_TOO_LARGE',
        `the request body exceeds ${config.maxBodyBytes} bytes; send large materials as e-certificate references, not inline`,
      );
      tooLarge.headers.Connection = 'close';
      return fail(tooLarge);
    }
    entry.body = isControl ? undefined : maskBodyForLog(raw, safeJson(raw));

    if (fault?.mode === 'rate-limit') {
      const seconds = fault.retryAfterSeconds ?? 1;
      return fail(
        gatewayError(
          'RATE_LIMITED',
          `too many requests (simulated); retry after ${seconds} s`,
          undefined,
          429,
          seconds,
        ),
      );
    }
    if (fault?.mode === 'status') {
      const status = fault.status ?? 503;
      const code =
        status === 503
          ? 'UNAVAILABLE'
          : status === 429
            ? 'RATE_LIMITED'
            : status >= 500
              ? 'INTERNAL'
              : 'INVALID_REQUEST';
      return fail(
        gatewayError(code, `simulated gateway failure (HTTP ${status})`, undefined, status, fault.retryAfterSeconds),
      );
    }
    if (fault?.mode === 'drop-before-commit') return drop();

    const match = (isControl ? controls : api).match(method, path);
    if (match.kind !== 'found') {
      const detail =
        match.kind === 'method-not-allowed'
          ? `; this path accepts ${match.allowed.join(', ')}`
          : '; see docs/openapi.json';
      return fail(gatewayError('NOT_FOUND', `no route for ${method} ${maskText(path)}${detail}`));
    }

    let appKey: string | undefined;
    if (match.route.authenticated) {
      const check = await verifyRequestSignature(
        { method, url: target, headers: request.headers, body: raw },
        (key) => config.state.apps.get(key)?.appSecret,
      );
      if (!check.valid) {
        entry.authentication = { result: 'failed', code: 'AUTHENTICATION_FAILED', detail: check.reason };
        return fail(
          gatewayError(
            'AUTHENTICATION_FAILED',
            `authentication failed (${check.reason}): ${check.message}; sign METHOD\\nPATH\\nsortedQuery\\nsha256(body)\\ntimestamp\\nnonce with the app secret`,
            { reason: check.reason },
          ),
        );
      }
      if (!config.signatureAlgorithms.includes(check.algorithm)) {
        entry.authentication = { result: 'failed', code: 'AUTHENTICATION_FAILED', detail: 'UNSUPPORTED_METHOD' };
        return fail(
          gatewayError(
            'AUTHENTICATION_FAILED',
            `authentication failed (UNSUPPORTED_METHOD): this platform accepts ${config.signatureAlgorithms.join(', ')} signatures only; set X-Exchange-Signature-Method accordingly`,
            { reason: 'UNSUPPORTED_METHOD' },
          ),
        );
      }
      const serverTime = now().getTime();
      if (!Number.isFinite(check.timestamp) || Math.abs(check.timestamp - serverTime) > config.timestampToleranceMs) {
        entry.authentication = { result: 'failed', code: 'CLOCK_SKEW' };
        const skew = Number.isFinite(check.timestamp) ? check.timestamp - serverTime : null;
        const error = gatewayError(
          'CLOCK_SKEW',
          `X-Exchange-Timestamp is ${skew === null ? 'not a number of milliseconds' : `${Math.round(skew / 1000)} s away from the platform clock`}; the platform accepts ±${Math.round(config.timestampToleranceMs / 1000)} s — resynchronise with data.serverTime`,
          { serverTime, skewMs: skew },
        );
        error.headers['X-Exchange-Server-Time'] = String(serverTime);
        return fail(error);
      }
      if (!nonces.remember(check.appKey, check.nonce, serverTime)) {
        entry.authentication = { result: 'failed', code: 'REPLAY' };
        return fail(
          gatewayError(
            'REPLAY',
            'X-Exchange-Nonce was already used by this app key within 15 minutes; sign every attempt with a fresh nonce',
          ),
        );
      }
      entry.authentication = { result: 'ok' };
      appKey = check.appKey;
      baseHeaders['X-Exchange-Request-Hash'] = check.requestHash;
    }

    let body: unknown;
    try {
      body = parseJsonBody(raw);
    } catch (error) {
      return fail(error as ApiError);
    }

    let idempotencyKey: string | undefined;
    const scope = appKey ?? '';
    if (method === 'POST' && !isControl) {
      idempotencyKey = header(request, 'idempotency-key');
      if (idempotencyKey === undefined || idempotencyKey.length === 0) {
        return fail(
          new ApiError(
            'IDEMPOTENCY_KEY_MISSING',
            'POST requests need an Idempotency-Key header (a UUID per logical operation, the same on every retry)',
          ),
        );
      }
      if (idempotencyKey.length > 255) {
        return fail(new ApiError('INVALID_REQUEST', 'Idempotency-Key is longer than 255 characters; use a UUID'));
      }
      const fingerprint = createHash('sha256')
        .update(`${method}\n${path}\n${canonicalizeQuery(url.search)}\n`)
        .update(raw)
        .digest('hex');
      const claim = idempotency.claim(scope, idempotencyKey, fingerprint, now().getTime());
      if (claim.kind === 'in-flight') {
        return fail(
          new ApiError(
            'IDEMPOTENCY_IN_PROGRESS',
            'a request with this Idempotency-Key is still being processed; retry later for its result',
          ),
        );
      }
      if (claim.kind === 'mismatch') {
        return fail(
          new ApiError(
            'IDEMPOTENCY_MISMATCH',
            'this Idempotency-Key was used with a different request (method, path or body); use a new key for a new operation',
          ),
        );
      }
      if (claim.kind === 'replay') {
        entry.replayed = true;
        const stored = claim.response;
        if (fault?.mode === 'latency') await sleep(fault.ms ?? 0);
        if (fault?.mode === 'drop-after-commit') return drop();
        return send(
          { ...stored, headers: { ...stored.headers, 'Idempotent-Replayed': 'true' } },
          (stored.body as { code: string }).code,
        );
      }
    }

    if (fault?.mode === 'latency') await sleep(fault.ms ?? 0);

    let result: HandlerResponse;
    let code = '0';
    try {
      const produced = await match.route.handler({
        method,
        path,
        params: match.params,
        query: url.searchParams,
        body,
        rawBody: raw,
        appKey,
        headers: request.headers,
        requestId,
      });
      result = { status: produced.status, body: okEnvelope(produced.body, requestId), headers: produced.headers };
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError('INTERNAL', 'the simulator failed to process the request; see the simulator request log');
      result = toResponse(apiError);
      code = apiError.code;
    }
    if (idempotencyKey !== undefined) {
      if (result.status < 500) idempotency.complete(scope, idempotencyKey, result, now().getTime());
      else idempotency.release(scope, idempotencyKey);
    }
    if (fault?.mode === 'drop-after-commit') return drop();
    send(result, code);
  }

  runtime.server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) {
        writeJson(response, 500, errorEnvelope('INTERNAL', 'unexpected simulator failure', 'unknown'), {});
      } else response.destroy();
    });
  });
  return runtime;
}

function safeJson(raw: Uint8Array): unknown {
  try {
    return raw.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return undefined;
  }
}
