import { toBytes, toHex } from '../internal/bytes';
import { nodeCrypto } from '../internal/native-crypto';

/** The parts of a request that the signature covers. */
export interface CanonicalRequestParts {
  /** HTTP method, any case (upper-cased in the canonical string). */
  method: string;
  /** URL path as sent, percent-encoded (`/api/v1/cases/C-1/events`). */
  path: string;
  /** Query string with or without the leading `?` (`''` when none). */
  query: string;
  /** Lowercase hex SHA-256 of the body bytes (of zero bytes when there is no body). */
  bodySha256: string;
  /** Milliseconds since the epoch, as sent in `X-Exchange-Timestamp`. */
  timestamp: string;
  /** As sent in `X-Exchange-Nonce`. */
  nonce: string;
}

const encodeRfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Canonical query: parameters decoded, re-encoded per RFC 3986, sorted by name then value, joined with `&`.
 *
 * @param query - the query string, with or without `?`.
 * @returns the canonical form (`''` for none).
 * @example
 * ```ts
 * canonicalizeQuery('?b=2&a=1&a=0'); // 'a=0&a=1&b=2'
 * ```
 */
export function canonicalizeQuery(query: string): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of new URLSearchParams(query)) pairs.push([encodeRfc3986(key), encodeRfc3986(value)]);
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/**
 * The string to sign: `METHOD\nPATH\nsortedQuery\nhex(sha256(body))\ntimestamp\nnonce`.
 *
 * @param parts - the request parts.
 * @returns the canonical request string.
 * @example
 * ```ts
 * createCanonicalRequest({ method: 'GET', path: '/api/v1/items', query: 'limit=10', bodySha256: EMPTY_BODY_SHA256,
 *   timestamp: '1767225600000', nonce: 'n-1' });
 * ```
 */
export function createCanonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    parts.path || '/',
    canonicalizeQuery(parts.query),
    parts.bodySha256,
    parts.timestamp,
    parts.nonce,
  ].join('\n');
}

/** SHA-256 of zero bytes, lowercase hex. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * SHA-256 as lowercase hex (node:crypto when the runtime has it, else WebCrypto).
 *
 * @param data - bytes or a string (UTF-8).
 * @returns the hex digest.
 * @example
 * ```ts
 * await sha256Hex('abc'); // 'ba7816bf…'
 * ```
 */
export async function sha256Hex(data: Uint8Array | ArrayBuffer | string): Promise<string> {
  if (typeof data === 'string' ? data === '' : data.byteLength === 0) return EMPTY_BODY_SHA256;
  const native = nodeCrypto();
  if (native)
    return native
      .createHash('sha256')
      .update(typeof data === 'string' ? data : toBytes(data))
      .digest('hex');
  const bytes = toBytes(data);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
