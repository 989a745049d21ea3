// The wire-format seam: a province whose gateway does not speak the normalized API plugs in a codec that encodes each
// normalized request into its wire request and decodes each wire response back into normalized terms.
import { EnvelopeSchema } from './wire/envelope';

/** One request of the normalized API (design §6), before it is encoded for the wire. */
export interface NormalizedRequest {
  /** The client operation, e.g. `cases.submit`, `cases.get`, `items.list`. */
  readonly operation: string;
  /** HTTP method of the normalized API. */
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the base URL, percent-encoded, no leading slash: `cases`, `cases/C-1/events`. */
  readonly path: string;
  /** Query parameters (parameters without a value are left out). */
  readonly query: Readonly<Record<string, string>>;
  /** The normalized JSON body, already validated; `undefined` for none. */
  readonly body: string | undefined;
}

/**
 * The request as the province's gateway expects it. The client adds its own headers (identity, request and
 * correlation ids, Idempotency-Key, signature) and signs exactly this method, path, query and body, afresh on every
 * attempt.
 */
export interface WireRequest {
  /** HTTP method on the wire. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the base URL, percent-encoded, no leading slash. */
  path: string;
  /** Query parameters. */
  query?: Record<string, string>;
  /** Extra headers (e.g. `content-type` of an XML body); the client's own headers win on a clash. */
  headers?: Record<string, string>;
  /** The body; `undefined` for none. */
  body?: string;
}

/** A response as received: HTTP status, headers and the whole body as text (size-capped by `maxResponseBytes`). */
export interface WireResponse {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** The body, UTF-8 decoded. */
  body: string;
}

/**
 * A response in normalized terms (the envelope of design §6). `code` is `"0"` for success, else a platform error code:
 * map the province's codes onto the names of `PLATFORM_ERROR_STATUS` (`CASE_NOT_FOUND`, `RATE_LIMITED`,
 * `UNAVAILABLE`, `CASE_EXISTS` …) so errors get the right `ExchangeErrorCode` and retry decision even when the
 * province answers every call with HTTP 200. Unknown codes are classified by HTTP status (≥ 500 retryable, other
 * 4xx a business rule).
 */
export interface NormalizedResponse {
  /** `"0"` on success, else a platform error code. */
  code: string;
  /** Human-readable message of the platform (masked before it reaches errors and logs). */
  message: string;
  /** On success, the normalized `data` of the operation (validated by the client); on failure, error details. */
  data: unknown;
  /** The platform's id of the exchange, if it sends one. */
  requestId?: string;
}

/**
 * Wire format of one province: encodes normalized requests, decodes responses. With the `fetch` option (proxies,
 * another HTTP stack) and `signing` (a `RequestSigner` for another gateway scheme), it is the adapter seam of
 * design §5. Both functions must be pure and deterministic: the outbox may send the same operation again after a
 * crash and the platform deduplicates on the Idempotency-Key.
 */
export interface ExchangeCodec {
  /** A label for logs, e.g. `normalized`, `hunan-apas`. */
  readonly name: string;
  /**
   * Encode one normalized request.
   *
   * @param request - the normalized request.
   * @returns the wire request.
   */
  encodeRequest(request: NormalizedRequest): WireRequest;
  /**
   * Decode one response.
   *
   * @param response - status, headers and body text.
   * @param request - the normalized request it answers.
   * @returns the normalized response, or `undefined` when the body is not in this format (the client then fails
   *   with `ERR_EXCHANGE_RESPONSE_INVALID`, or with the HTTP status's error code for a 4xx/5xx). Throwing has the
   *   same effect as returning `undefined`.
   */
  decodeResponse(response: WireResponse, request: NormalizedRequest): NormalizedResponse | undefined;
}

/**
 * The default codec: the normalized API itself (JSON bodies as given; responses are the `{ code, message, data,
 * requestId }` envelope).
 *
 * @example
 * ```ts
 * const client = createExchangeClient({ ...options, codec: normalizedCodec }); // the same as leaving codec out
 * ```
 */
export const normalizedCodec: ExchangeCodec = {
  name: 'normalized',
  encodeRequest: (request) => ({
    method: request.method,
    path: request.path,
    query: { ...request.query },
    body: request.body,
  }),
  decodeResponse(response) {
    if (response.body === '') return undefined;
    const envelope = EnvelopeSchema.safeParse(JSON.parse(response.body));
    return envelope.success ? envelope.data : undefined;
  },
};
