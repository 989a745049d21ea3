/**
 * HTTP header names of the normalized exchange API (design §6). Header names are case-insensitive on the wire; these
 * are the canonical spellings.
 */
export const EXCHANGE_HEADERS = {
  /** The caller's app key (assigned by the platform). */
  appKey: 'X-Exchange-App-Key',
  /** Milliseconds since the epoch when the attempt was signed; the platform accepts ±5 minutes. */
  timestamp: 'X-Exchange-Timestamp',
  /** Unique per app key for 15 minutes; fresh on every attempt. */
  nonce: 'X-Exchange-Nonce',
  /** base64 HMAC of the canonical request. */
  signature: 'X-Exchange-Signature',
  /** `HMAC-SHA256` (default when absent) or `HMAC-SM3`. */
  signatureMethod: 'X-Exchange-Signature-Method',
  /** Client identity `{regionCode}/{organizationCode}/{systemCode}`. */
  client: 'X-Exchange-Client',
  /** The case an operation concerns (≈ X-Road-Issue). */
  issue: 'X-Exchange-Issue',
  /** Correlation id: one per logical operation, the same on every attempt. */
  correlationId: 'X-Correlation-Id',
  /** Request id: one per attempt; echoed by the platform. */
  requestId: 'X-Request-Id',
  /** Idempotency key of a mutating operation; never changes across attempts. */
  idempotencyKey: 'Idempotency-Key',
  /** Response: the platform's id of the exchange. */
  exchangeId: 'X-Exchange-Id',
  /** Response: hex SHA-256 of the canonical request the platform verified. */
  requestHash: 'X-Exchange-Request-Hash',
  /** Response: set to `gateway` when the gateway layer (not the business system) failed. */
  error: 'X-Exchange-Error',
  /** Response: the platform clock in milliseconds since the epoch (sent with `CLOCK_SKEW`). */
  serverTime: 'X-Exchange-Server-Time',
  /** Response: `true` / `false` overrides the client's retry decision. */
  shouldRetry: 'X-Exchange-Should-Retry',
} as const;

/** Values of {@link EXCHANGE_HEADERS}.signatureMethod for each built-in algorithm. */
export const SIGNATURE_METHODS = { 'hmac-sha256': 'HMAC-SHA256', 'hmac-sm3': 'HMAC-SM3' } as const;

/** Built-in HMAC algorithms. */
export type SigningAlgorithm = keyof typeof SIGNATURE_METHODS;
