import { toBase64, toBytes, timingSafeEqual } from '../internal/bytes';
import { nodeCrypto } from '../internal/native-crypto';
import { createCanonicalRequest, sha256Hex } from './canonical-request';
import { EXCHANGE_HEADERS, SIGNATURE_METHODS, type SigningAlgorithm } from './headers';
import { hmacSm3 } from './sm3';

/** What a {@link RequestSigner} signs: one attempt of one request. */
export interface SigningInput {
  /** HTTP method. */
  method: string;
  /** Full request URL (path and query are signed). */
  url: string;
  /** Body bytes (empty for none). */
  body: Uint8Array;
  /** Milliseconds since the epoch; fresh per attempt. */
  timestamp: number;
  /** Fresh per attempt. */
  nonce: string;
}

/**
 * Signs requests: returns the headers to add. Pluggable so gateways with other schemes (x-tif, X-Ca) can be served;
 * it is called on every attempt.
 */
export interface RequestSigner {
  /** A label for logs, e.g. `hmac-sha256`. */
  readonly algorithm: string;
  /**
   * Compute the signature headers of one attempt.
   *
   * @param input - the attempt to sign.
   * @returns header name → value.
   */
  sign(input: SigningInput): Promise<Record<string, string>>;
}

/** Options of {@link createHmacSigner}. */
export interface HmacSignerOptions {
  /** The app key (sent in clear). */
  appKey: string;
  /** The shared secret. Never logged. */
  appSecret: string;
  /**
   * `hmac-sha256` (node:crypto when the runtime has it, else WebCrypto) or `hmac-sm3` (pure TypeScript).
   * @defaultValue 'hmac-sha256'
   */
  algorithm?: SigningAlgorithm;
}

/**
 * Compute the base64 HMAC of a canonical request string.
 *
 * @param algorithm - `hmac-sha256` or `hmac-sm3`.
 * @param secret - the shared secret.
 * @param canonicalRequest - from {@link createCanonicalRequest}.
 * @returns the base64 signature.
 * @example
 * ```ts
 * const signature = await computeSignature('hmac-sm3', secret, canonical);
 * ```
 */
export async function computeSignature(
  algorithm: SigningAlgorithm,
  secret: string,
  canonicalRequest: string,
): Promise<string> {
  if (algorithm === 'hmac-sm3') return toBase64(hmacSm3(secret, canonicalRequest));
  const native = nodeCrypto();
  if (native) return native.createHmac('sha256', secret).update(canonicalRequest).digest('base64');
  return toBase64(await hmacSha256(await cachedHmacKey(secret), canonicalRequest));
}

// A server verifies many requests per secret: keep the imported keys of the last few secrets (WebCrypto key import was
// the largest single CPU cost of signature checks in the simulator's profile).
const KEY_CACHE_SIZE = 64;
const keyCache = new Map<string, Promise<CryptoKey>>();

function cachedHmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (key === undefined) {
    key = importHmacKey(secret);
    key.catch(() => keyCache.delete(secret));
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(secret, key);
  }
  return key;
}

function importHmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    toBytes(secret) as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

async function hmacSha256(key: CryptoKey, data: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, toBytes(data) as Uint8Array<ArrayBuffer>));
}

function splitUrl(url: string): { path: string; query: string } {
  const parsed = new URL(url, 'http://localhost');
  return { path: parsed.pathname, query: parsed.search };
}

/**
 * The built-in HMAC signer of the normalized API: sets app key, timestamp, nonce, signature method and signature.
 *
 * @param options - app key, secret and algorithm.
 * @returns a {@link RequestSigner}.
 * @example
 * ```ts
 * const signer = createHmacSigner({ appKey: 'hengyang-ga', appSecret: process.env.SECRET!, algorithm: 'hmac-sm3' });
 * ```
 */
export function createHmacSigner(options: HmacSignerOptions): RequestSigner {
  const algorithm = options.algorithm ?? 'hmac-sha256';
  const { appKey, appSecret } = options;
  let key: Promise<CryptoKey> | undefined;
  return {
    algorithm,
    async sign(input) {
      const { path, query } = splitUrl(input.url);
      const canonical = createCanonicalRequest({
        method: input.method,
        path,
        query,
        bodySha256: await sha256Hex(input.body),
        timestamp: String(input.timestamp),
        nonce: input.nonce,
      });
      let signature: string;
      const native = nodeCrypto();
      if (algorithm === 'hmac-sm3') signature = toBase64(hmacSm3(appSecret, canonical));
      else if (native) signature = native.createHmac('sha256', appSecret).update(canonical).digest('base64');
      else {
        key ??= importHmacKey(appSecret);
        signature = toBase64(await hmacSha256(await key, canonical));
      }
      return {
        [EXCHANGE_HEADERS.appKey]: appKey,
        [EXCHANGE_HEADERS.timestamp]: String(input.timestamp),
        [EXCHANGE_HEADERS.nonce]: input.nonce,
        [EXCHANGE_HEADERS.signatureMethod]: SIGNATURE_METHODS[algorithm],
        [EXCHANGE_HEADERS.signature]: signature,
      };
    },
  };
}

/** A received request, as a server sees it. */
export interface ReceivedRequest {
  /** HTTP method. */
  method: string;
  /** Request target: path and query (`/api/v1/items?limit=5`) or an absolute URL. */
  url: string;
  /** Headers: a `Headers` object or a Node-style record (names in any case). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** Raw body bytes. */
  body: Uint8Array | ArrayBuffer;
}

/** Why {@link verifyRequestSignature} rejected a request. */
export type SignatureFailureReason = 'MISSING_HEADER' | 'UNKNOWN_APP_KEY' | 'UNSUPPORTED_METHOD' | 'SIGNATURE_MISMATCH';

/** Result of {@link verifyRequestSignature}. Timestamp window and nonce reuse are the server's own checks. */
export type SignatureCheck =
  | {
      valid: true;
      appKey: string;
      algorithm: SigningAlgorithm;
      /** From `X-Exchange-Timestamp` (ms); check the ±5 min window yourself. */
      timestamp: number;
      nonce: string;
      /** hex SHA-256 of the canonical request (for `X-Exchange-Request-Hash`). */
      requestHash: string;
      /** hex SHA-256 of the body. */
      bodySha256: string;
    }
  | { valid: false; reason: SignatureFailureReason; message: string; appKey?: string };

function readHeader(headers: ReceivedRequest['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name.toLowerCase()] ?? record[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verify the signature of a received request with the same canonicalization the client uses. Never throws on
 * hostile input.
 *
 * @param request - method, URL, headers and raw body.
 * @param resolveSecret - the secret of an app key, or `undefined` if the key is unknown.
 * @returns a {@link SignatureCheck}.
 * @example
 * ```ts
 * const check = await verifyRequestSignature({ method, url, headers, body }, (key) => secrets.get(key));
 * if (!check.valid) return reply(401, 'AUTHENTICATION_FAILED', check.message);
 * ```
 */
export async function verifyRequestSignature(
  request: ReceivedRequest,
  resolveSecret: (appKey: string) => string | undefined,
): Promise<SignatureCheck> {
  const appKey = readHeader(request.headers, EXCHANGE_HEADERS.appKey);
  const timestamp = readHeader(request.headers, EXCHANGE_HEADERS.timestamp);
  const nonce = readHeader(request.headers, EXCHANGE_HEADERS.nonce);
  const signature = readHeader(request.headers, EXCHANGE_HEADERS.signature);
  const method = readHeader(request.headers, EXCHANGE_HEADERS.signatureMethod) ?? SIGNATURE_METHODS['hmac-sha256'];
  if (!appKey || !timestamp || !nonce || !signature) {
    return {
      valid: false,
      reason: 'MISSING_HEADER',
      message: `missing ${[!appKey && EXCHANGE_HEADERS.appKey, !timestamp && EXCHANGE_HEADERS.timestamp, !nonce && EXCHANGE_HEADERS.nonce, !signature && EXCHANGE_HEADERS.signature].filter(Boolean).join(', ')}`,
    };
  }
  const algorithm = (Object.keys(SIGNATURE_METHODS) as SigningAlgorithm[]).find(
    (name) => SIGNATURE_METHODS[name] === method.toUpperCase(),
  );
  if (!algorithm) {
    return {
      valid: false,
      reason: 'UNSUPPORTED_METHOD',
      appKey,
      message: `unsupported signature method "${method.slice(0, 32)}"`,
    };
  }
  const secret = resolveSecret(appKey);
  if (secret === undefined) return { valid: false, reason: 'UNKNOWN_APP_KEY', appKey, message: 'unknown app key' };
  const { path, query } = splitUrl(request.url);
  const bodySha256 = await sha256Hex(request.body);
  const canonical = createCanonicalRequest({ method: request.method, path, query, bodySha256, timestamp, nonce });
  const expected = await computeSignature(algorithm, secret, canonical);
  if (!timingSafeEqual(expected, signature)) {
    return {
      valid: false,
      reason: 'SIGNATURE_MISMATCH',
      appKey,
      message: 'signature does not match the canonical request',
    };
  }
  return {
    valid: true,
    appKey,
    algorithm,
    timestamp: Number(timestamp),
    nonce,
    requestHash: await sha256Hex(canonical),
    bodySha256,
  };
}
