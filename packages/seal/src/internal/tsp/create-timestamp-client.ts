import { randomBytes } from 'node:crypto';
import { SealError } from '../../errors';
import type { HashAlgorithm, TimestampClient } from '../../types';
import { bytesEqual, describeInput } from '../asn1/input';
import { parseTimestampToken } from './read-timestamp-token';
import { decodeTimestampResponse, encodeTimestampRequest, hashLength } from './timestamp-request';

/** Options of {@link createTimestampClient}. */
export interface TimestampClientOptions {
  /** The TSA endpoint (HTTP POST, `application/timestamp-query`). */
  url: string;
  /** Requested TSA policy OID. */
  policy?: string;
  /** Extra HTTP headers (e.g. `Authorization`). Never logged. */
  headers?: Record<string, string>;
  /**
   * Request timeout in milliseconds.
   * @default 10000
   */
  timeoutMs?: number;
  /** Custom fetch (for proxies or tests); default the global `fetch`. */
  fetch?: typeof fetch;
}

const MAX_RESPONSE_BYTES = 1 << 20;

/**
 * Creates an RFC 3161 time-stamp client over HTTP. Each request carries a random nonce and `certReq`; the response
 * must have status granted, echo the nonce and time-stamp exactly the given imprint.
 *
 * @param options - TSA URL, policy, headers, timeout.
 * @returns a {@link TimestampClient} for `signPdf({ tsa })`, `addDocumentTimestamp` and CMS creation.
 * @throws SealError `ERR_SEAL_INPUT_INVALID` for a URL that is not http(s); the client's `timestamp()` rejects with
 * `ERR_SEAL_TIMESTAMP_FAILED` on network errors, HTTP errors, TSA rejections and mismatching tokens.
 * @example
 * ```ts
 * const tsa = createTimestampClient({ url: 'http://tsa.example.gov.cn/tsa' });
 * const signed = await signPdf(pdf, signer, { tsa });
 * ```
 */
export function createTimestampClient(options: TimestampClientOptions): TimestampClient {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `url must be an absolute http(s) URL, got ${describeInput(options?.url)}.`,
      {
        cause,
      },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `url must use http or https, got ${url.protocol}; pass the TSA's HTTP endpoint.`,
    );
  }
  // fetch() refuses credentials in URLs: move them into a Basic Authorization header.
  const headers: Record<string, string> = { ...options.headers };
  if (url.username !== '' || url.password !== '') {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization ??= `Basic ${Buffer.from(credentials).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const where = `${url.protocol}//${url.host}${url.pathname}`; // no credentials or query in messages
  return {
    async timestamp(imprint: Uint8Array, hash: HashAlgorithm): Promise<Uint8Array> {
      if (!(imprint instanceof Uint8Array) || imprint.length !== hashLength(hash)) {
        throw new SealError(
          'ERR_SEAL_INPUT_INVALID',
          `imprint must be a ${String(hash)} digest (${hashLength(hash) ?? '?'} bytes), got ${describeInput(imprint)}.`,
        );
      }
      const nonce = new Uint8Array(randomBytes(8));
      nonce[0] = (nonce[0]! & 0x7f) | 0x01;
      const request = encodeTimestampRequest(imprint, hash, nonce, options.policy);
      let body: Uint8Array;
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/timestamp-query',
            accept: 'application/timestamp-reply',
          },
          body: new Uint8Array(request),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        body = new Uint8Array(await response.arrayBuffer());
      } catch (cause) {
        throw new SealError(
          'ERR_SEAL_TIMESTAMP_FAILED',
          `the TSA at ${where} did not answer (${describeFailure(cause, url)}); check the URL and network.`,
          {
            cause,
          },
        );
      }
      if (body.length > MAX_RESPONSE_BYTES) {
        throw new SealError(
          'ERR_SEAL_TIMESTAMP_FAILED',
          `the TSA at ${where} sent ${body.length} bytes, more than 1 MiB.`,
        );
      }
      return checkResponse(body, imprint, nonce, where);
    },
  };
}

function checkResponse(body: Uint8Array, imprint: Uint8Array, nonce: Uint8Array, where: string): Uint8Array {
  let token: Uint8Array | undefined;
  try {
    const response = decodeTimestampResponse(body);
    if (response.status !== 0 && response.status !== 1) {
      throw new Error(
        `the TSA rejected the request with status ${response.status}${response.statusText ? ` (${response.statusText})` : ''}`,
      );
    }
    token = response.token;
    if (token === undefined) throw new Error('the response has no token');
    const { tstInfo } = parseTimestampToken(token);
    if (!bytesEqual(tstInfo.hashedMessage, imprint)) throw new Error('the token time-stamps a different imprint');
    if (tstInfo.nonce === undefined || !bytesEqual(trimInteger(tstInfo.nonce), trimInteger(nonce))) {
      throw new Error('the token does not echo the request nonce');
    }
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_TIMESTAMP_FAILED',
      `unusable response from the TSA at ${where}: ${(cause as Error).message}.`,
      { cause },
    );
  }
  return token;
}

function trimInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

/** A failure description without the URL's query string (which may carry an API key). */
function describeFailure(cause: unknown, url: URL): string {
  const error = cause as { message?: string; name?: string; cause?: { code?: string } };
  if (error?.name === 'TimeoutError') return 'timeout';
  const code = error?.cause?.code;
  const message = String(error?.message ?? 'error')
    .split(url.href)
    .join('<url>');
  return code === undefined ? message : `${message}: ${code}`;
}
