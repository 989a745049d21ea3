/**
 * One exchange (one attempt) in the append-only message log of design §4: enough to prove later what was sent and
 * what came back, without the bodies (so without personal data): hashes, ids, status and timing. The URL is masked
 * (sensitive query values such as `holderCode`).
 */
export interface MessageLogEntry {
  /** When the attempt started. */
  at: Date;
  /** Client operation, e.g. `cases.submit`. */
  operation: string;
  /** `X-Request-Id` of the attempt. */
  requestId: string;
  /** `X-Correlation-Id` of the operation (the same on every attempt). */
  correlationId: string;
  /** HTTP method on the wire. */
  method: string;
  /** Full URL on the wire, sensitive query values masked. */
  url: string;
  /**
   * Lowercase hex SHA-256 of the canonical request (`METHOD\nPATH\nsortedQuery\nhex(sha256(body))\ntimestamp\nnonce`,
   * the string the normalized API signs), comparable with the platform's `X-Exchange-Request-Hash`.
   */
  requestHash: string;
  /** HTTP status, or `null` when no response arrived (network failure, timeout). */
  status: number | null;
  /** Lowercase hex SHA-256 of the response body as received, or `null` without one. */
  responseSha256: string | null;
  /** The platform's id of the exchange (`X-Exchange-Id`), when sent. */
  platformRequestId: string | null;
  /** Error code of a failed attempt (`ERR_EXCHANGE_…`), or `null`. */
  errorCode: string | null;
  /** Milliseconds from sending to the end of the response (or the failure). */
  durationMs: number;
}

/**
 * Where the client appends a {@link MessageLogEntry} after every attempt (option `messageLog`). The SQLite outbox
 * store provides one (`store.messageLog`), committed with the outbox's own writes. A failing append is reported to the
 * logger and never fails the call.
 */
export interface MessageLog {
  /**
   * Append one entry.
   * @param entry - the attempt.
   */
  append(entry: MessageLogEntry): Promise<void>;
}
