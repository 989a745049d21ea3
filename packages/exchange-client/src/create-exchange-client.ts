import { decodeProtectedHeader, importJWK } from 'jose';
import { type ExchangeCodec, normalizedCodec } from './codec';
import { ExchangeError } from './errors';
import type { ExchangeHooks, ExchangeLogger } from './hooks';
import type { MessageLog } from './message-log';
import type { ReceiptChecker } from './internal/operations';
import { Transport } from './internal/transport';
import { type ExchangeOutbox, Outbox, type OutboxRelayOptions } from './outbox/outbox';
import type { OutboxStore } from './outbox/outbox-store';
import { type CasesResource, createCasesResource } from './resources/cases';
import { type CertificatesResource, createCertificatesResource } from './resources/certificates';
import { createEvaluationsResource, type EvaluationsResource } from './resources/evaluations';
import { createItemsResource, type ItemsResource, type ItemValidation } from './resources/items';
import {
  type AppointmentsResource,
  createAppointmentsResource,
  createPreAcceptancesResource,
  type PreAcceptancesResource,
} from './resources/services';
import type { ReadOptions, ResourceContext } from './resources/shared';
import { createSharingResource, type SharingResource } from './resources/sharing';
import type { SigningAlgorithm } from './signing/headers';
import { createHmacSigner, type RequestSigner } from './signing/request-signer';
import { DEFAULT_RECEIPT_ALGORITHMS, decodeReceipt, type ReceiptKey, verifyReceipt } from './verify-receipt';
import { type Health, HealthSchema } from './wire/envelope';

/** Default per-attempt timeout: 10 s. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default total timeout of one operation, all attempts and waits included: 60 s. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 60_000;
/** Default largest accepted response body: 8 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Retry policy of idempotent operations (GET/PUT/DELETE, and POST with an Idempotency-Key — every mutating call). */
export interface RetryOptions {
  /** Retries after the first attempt. @defaultValue 3 */
  limit?: number;
  /** First backoff ceiling; doubles per retry, full jitter in [0, ceiling). @defaultValue 300 */
  baseDelayMs?: number;
  /** Cap of the backoff ceiling. @defaultValue 30000 */
  backoffLimitMs?: number;
  /** Cap of a `Retry-After` wait. @defaultValue 60000 */
  maxRetryAfterMs?: number;
}

/** The calling system's identity, sent as `X-Exchange-Client: {regionCode}/{organizationCode}/{systemCode}`. */
export interface ClientIdentity {
  /** 12-digit region code. */
  regionCode: string;
  /** The organisation's USCC. */
  organizationCode: string;
  /** The system id assigned by the platform (BELONGSYSTEM). */
  systemCode: string;
}

/** Options of {@link createExchangeClient}. */
export interface ExchangeClientOptions {
  /** Base URL of the exchange API, e.g. `https://gateway.example.gov.cn/exchange/api/v1/`. */
  baseUrl: string;
  /** App key and secret for the built-in HMAC signers. The secret is never logged. */
  credentials?: { appKey: string; appSecret: string };
  /** `hmac-sha256` (default), `hmac-sm3`, or your own {@link RequestSigner}. */
  signing?: SigningAlgorithm | RequestSigner;
  /** Who is calling. */
  client: ClientIdentity;
  /** Per-attempt timeout in ms. @defaultValue {@link DEFAULT_TIMEOUT_MS} */
  timeout?: number;
  /** Per-operation timeout in ms (all attempts and waits). @defaultValue {@link DEFAULT_TOTAL_TIMEOUT_MS} */
  totalTimeout?: number;
  /** Retry policy. */
  retry?: RetryOptions;
  /** Largest accepted response body. @defaultValue {@link DEFAULT_MAX_RESPONSE_BYTES} */
  maxResponseBytes?: number;
  /** Platform receipt verification. Without it receipts are decoded and bound to the request but not verified. */
  receipts?: { verificationKey: ReceiptKey; algorithms?: string[] };
  /** Durable mode: case and evaluation writes go through this outbox store first. */
  outbox?: { store: OutboxStore; relay?: OutboxRelayOptions };
  /**
   * Validation of items: `catalog` checks every item against `@zwfw/catalog`'s `ImplementationItemSchema` plus the wire
   * fields `regionCode` and `updatedAt`, and returns it as the catalog parses it (defaults such as empty `materials`
   * applied; a failure is `ERR_EXCHANGE_RESPONSE_INVALID` naming the field); `identity` checks only the wire fields (`implementationCode`,
   * `name`, `version`, `regionCode`, `updatedAt`, `status`) and keeps the rest as sent, for provinces whose item model
   * differs.
   * @defaultValue 'catalog'
   */
  itemValidation?: ItemValidation;
  /** A `Date` header further than this from the local clock resyncs the signing clock. @defaultValue 30000 */
  clockSkewTolerance?: number;
  /**
   * Wire format of the province: encodes each normalized request and decodes each response (see
   * {@link ExchangeCodec}). Signing, retries, timeouts, validation and the outbox work the same over any codec.
   * @defaultValue {@link normalizedCodec}
   */
  codec?: ExchangeCodec;
  /**
   * `fetch` implementation (proxies, tests). It is called as `fetch(request, init)` where `init` carries the attempt's
   * `signal` and the `body`, which override the request's (as in the Fetch standard): a wrapper passes both on, or
   * reads them through `new Request(request, init)`.
   *
   * On Node, `createNodeFetch()` of `@zwfw/exchange-client/node` (keep-alive `node:http`/`node:https`, and `tls`
   * options for a private CA) uses less CPU per call than the built-in fetch; it does not follow redirects or use an
   * undici dispatcher (proxy), which is why it is not the default.
   * @defaultValue globalThis.fetch
   */
  fetch?: typeof fetch;
  /** Observability hooks. */
  hooks?: ExchangeHooks;
  /** Structured logger; fields are masked. */
  logger?: ExchangeLogger;
  /**
   * Append-only evidence of every attempt (hashes, ids, status, timing; no bodies), e.g. the SQLite store's
   * `store.messageLog`. Off by default.
   */
  messageLog?: MessageLog;
  /** Clock used for signing timestamps and outbox times. @defaultValue () => new Date() */
  now?: () => Date;
  /** Ids for nonces, request ids, correlation ids, Idempotency-Keys and outbox ids. @defaultValue crypto.randomUUID */
  generateId?: () => string;
  /** Random source of backoff jitter, in [0, 1). @defaultValue Math.random */
  random?: () => number;
}

/** A client of the provincial platform. Create it with {@link createExchangeClient}. */
export interface ExchangeClient {
  /** 事项库. */
  readonly items: ItemsResource;
  /** 办件. */
  readonly cases: CasesResource;
  /** 网上预受理. */
  readonly preAcceptances: PreAcceptancesResource;
  /** 预约. */
  readonly appointments: AppointmentsResource;
  /** 电子证照. */
  readonly certificates: CertificatesResource;
  /** 资源目录 and shared data. */
  readonly sharing: SharingResource;
  /** 好差评. */
  readonly evaluations: EvaluationsResource;
  /** The outbox, when created with `outbox`. */
  readonly outbox: ExchangeOutbox | undefined;
  /**
   * Platform liveness (`GET /health`).
   * @returns `{ status: 'ok', time }`.
   */
  health(options?: ReadOptions): Promise<Health>;
  /** Platform clock minus local clock in ms, as last observed. */
  readonly clockOffsetMs: number;
  /**
   * A new client with some options replaced (hooks and retry are merged); it shares nothing mutable with this one.
   * @param options - options to change.
   * @returns the new client.
   */
  extend(options: Partial<ExchangeClientOptions>): ExchangeClient;
}

function configError(message: string): never {
  throw new ExchangeError('ERR_EXCHANGE_CONFIGURATION_INVALID', message);
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    configError(
      `option ${name} must be a non-negative finite number of milliseconds, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value;
}

function createSigner(options: ExchangeClientOptions): RequestSigner {
  if (typeof options.signing === 'object' && options.signing !== null) {
    if (typeof options.signing.sign !== 'function')
      configError('option signing must be "hmac-sha256", "hmac-sm3" or an object with sign()');
    return options.signing;
  }
  const algorithm = options.signing ?? 'hmac-sha256';
  if (algorithm !== 'hmac-sha256' && algorithm !== 'hmac-sm3') {
    configError(
      `option signing must be "hmac-sha256", "hmac-sm3" or a RequestSigner, got "${String(algorithm).slice(0, 32)}"`,
    );
  }
  const { appKey, appSecret } = options.credentials ?? {};
  if (typeof appKey !== 'string' || appKey === '' || typeof appSecret !== 'string' || appSecret === '') {
    configError(
      'option credentials { appKey, appSecret } (non-empty strings) is required for HMAC signing; get them from the platform',
    );
  }
  return createHmacSigner({ appKey, appSecret, algorithm });
}

function createReceiptChecker(receipts: ExchangeClientOptions['receipts']): ReceiptChecker {
  if (!receipts) return async (jws, expected) => decodeReceipt(jws, expected);
  const { verificationKey } = receipts;
  const algorithms = receipts.algorithms ?? [...DEFAULT_RECEIPT_ALGORITHMS];
  if (!('kty' in verificationKey)) {
    return (jws, expected) => verifyReceipt(jws, verificationKey, { algorithms, expected });
  }
  // Import the JWK once per algorithm; verifyReceipt does the checks with the imported key.
  const imported = new Map<string, Promise<CryptoKey>>();
  return async (jws, expected) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(jws).alg;
    } catch {
      alg = undefined;
    }
    if (!alg || !algorithms.includes(alg)) return verifyReceipt(jws, verificationKey, { algorithms, expected });
    let key = imported.get(alg);
    if (!key) {
      key = importJWK(verificationKey as Parameters<typeof importJWK>[0], alg).then((value) => value as CryptoKey);
      key.catch(() => imported.delete(alg as string));
      imported.set(alg, key);
    }
    return verifyReceipt(jws, await key.catch(() => verificationKey), { algorithms, expected });
  };
}

const defaultId = () => crypto.randomUUID();

/**
 * Create a client of the provincial platform's exchange API: signed requests (fresh nonce and timestamp per attempt),
 * retries with backoff and full jitter on network errors, 429 and 5xx (honouring `Retry-After`), an Idempotency-Key
 * on every mutating call that never changes across attempts, per-attempt and total timeouts, clock-skew resync,
 * zod-validated responses, verified receipts, and — with `outbox` — durable writes that survive crashes.
 *
 * @param options - base URL, credentials, identity and policies.
 * @returns an {@link ExchangeClient}.
 * @throws ExchangeError `ERR_EXCHANGE_CONFIGURATION_INVALID` for bad options.
 * @example
 * ```ts
 * const client = createExchangeClient({
 *   baseUrl: 'https://gateway.example.gov.cn/exchange/api/v1/',
 *   credentials: { appKey: 'hengyang-xzsp', appSecret: process.env.EXCHANGE_SECRET! },
 *   client: { regionCode: '430400000000', organizationCode: '11430400MB1D03622L', systemCode: 'HY-XZSP' },
 *   receipts: { verificationKey: platformJwk },
 * });
 * for await (const item of client.items.list({ regionCode: '430400000000' })) console.log(item.name);
 * ```
 */
export function createExchangeClient(options: ExchangeClientOptions): ExchangeClient {
  if (typeof options !== 'object' || options === null)
    configError('createExchangeClient(options) needs an options object');
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch (error) {
    throw new ExchangeError(
      'ERR_EXCHANGE_CONFIGURATION_INVALID',
      `option baseUrl must be an absolute http(s) URL such as https://gateway.example.gov.cn/exchange/api/v1/, got ${typeof options.baseUrl}`,
      { cause: error },
    );
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:')
    configError('option baseUrl must use http: or https:');
  const identity = options.client;
  if (
    !identity ||
    !/^\d{12}$/.test(identity.regionCode ?? '') ||
    typeof identity.organizationCode !== 'string' ||
    identity.organizationCode === '' ||
    typeof identity.systemCode !== 'string' ||
    identity.systemCode === ''
  ) {
    configError(
      'option client { regionCode (12 digits), organizationCode, systemCode } is required; the platform assigns systemCode',
    );
  }
  const now = options.now ?? (() => new Date());
  const generateId = options.generateId ?? defaultId;
  const random = options.random ?? Math.random;
  const retry = options.retry ?? {};
  const hooks = options.hooks ?? {};
  const codec = options.codec ?? normalizedCodec;
  if (typeof codec?.encodeRequest !== 'function' || typeof codec.decodeResponse !== 'function')
    configError('option codec must be an ExchangeCodec with encodeRequest() and decodeResponse()');
  const transport = new Transport({
    baseUrl: baseUrl.href.endsWith('/') ? baseUrl.href : `${baseUrl.href}/`,
    signer: createSigner(options),
    codec,
    clientIdentity: `${identity.regionCode}/${identity.organizationCode}/${identity.systemCode}`,
    timeoutMs: positive('timeout', options.timeout, DEFAULT_TIMEOUT_MS),
    totalTimeoutMs: positive('totalTimeout', options.totalTimeout, DEFAULT_TOTAL_TIMEOUT_MS),
    retry: {
      limit: Math.floor(positive('retry.limit', retry.limit, 3)),
      baseDelayMs: positive('retry.baseDelayMs', retry.baseDelayMs, 300),
      backoffLimitMs: positive('retry.backoffLimitMs', retry.backoffLimitMs, 30_000),
      maxRetryAfterMs: positive('retry.maxRetryAfterMs', retry.maxRetryAfterMs, 60_000),
    },
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    clockSkewToleranceMs: positive('clockSkewTolerance', options.clockSkewTolerance, 30_000),
    fetch: options.fetch,
    hooks,
    logger: options.logger,
    messageLog: options.messageLog,
    now,
    generateId,
    random,
  });
  const checkReceipt = createReceiptChecker(options.receipts);
  if (options.outbox && typeof options.outbox.store?.add !== 'function') {
    configError('option outbox.store must be an OutboxStore (createMemoryOutboxStore() or createSqliteOutboxStore())');
  }
  const outbox = options.outbox
    ? new Outbox({
        store: options.outbox.store,
        transport,
        checkReceipt,
        hooks,
        logger: options.logger,
        now,
        generateId,
        random,
        relay: options.outbox.relay ?? {},
      })
    : undefined;
  const context: ResourceContext = { transport, outbox, checkReceipt, generateId };
  return {
    items: createItemsResource(context, options.itemValidation ?? 'catalog'),
    cases: createCasesResource(context, now),
    preAcceptances: createPreAcceptancesResource(context),
    appointments: createAppointmentsResource(context),
    certificates: createCertificatesResource(context),
    sharing: createSharingResource(context),
    evaluations: createEvaluationsResource(context),
    outbox,
    async health(readOptions = {}) {
      const { data } = await transport.send({
        name: 'health',
        method: 'GET',
        path: 'health',
        schema: HealthSchema,
        signal: readOptions.signal,
      });
      return data;
    },
    get clockOffsetMs() {
      return transport.clockOffsetMs;
    },
    extend(changes) {
      return createExchangeClient({
        ...options,
        ...changes,
        hooks: { ...options.hooks, ...changes.hooks },
        retry: { ...options.retry, ...changes.retry },
      });
    },
  };
}
