import { maskText, maskValue } from './mask';

/** One entry of the simulator's request log (personal data masked). */
export interface RequestLogEntry {
  /** Sequence number, from 1 since the last reset. */
  seq: number;
  /** Receipt time (ISO 8601, `+08:00`), on the simulator clock. */
  receivedAt: string;
  /** HTTP method. */
  method: string;
  /** Path with the query string; ID numbers and mobile numbers masked. */
  url: string;
  /** `X-Request-Id` of the request, or the one the simulator assigned. */
  requestId: string;
  /** `X-Exchange-App-Key`, when sent. */
  appKey?: string;
  /** `Idempotency-Key`, when sent. */
  idempotencyKey?: string;
  /** `X-Exchange-Client` (`{regionCode}/{organizationCode}/{systemCode}`), when sent. */
  client?: string;
  /** `X-Exchange-Issue` (the case the operation concerns), when sent. */
  issue?: string;
  /** `X-Correlation-Id` (one per logical operation, the same on every attempt), when sent. */
  correlationId?: string;
  /** The outcome of the gateway's checks; `skipped` for unauthenticated paths or requests stopped earlier. */
  authentication: { result: 'ok' | 'failed' | 'skipped'; code?: string; detail?: string };
  /** The fault rule that fired, if any. */
  fault?: { id: string; mode: string };
  /** Whether the response was an Idempotency-Key replay. */
  replayed: boolean;
  /** HTTP status sent, or `null` when the connection was dropped. */
  status: number | null;
  /** Envelope code of the response (`"0"` or a platform error code), when one was sent. */
  code?: string;
  /** The request body (JSON), masked; bodies over 4 KiB are cut to a note. */
  body?: unknown;
  /** Processing time in milliseconds. */
  durationMs: number;
}

const BODY_PREVIEW_LIMIT = 4096;

/** Mask a body for the log: parsed JSON is masked field by field, anything else is summarised. */
export function maskBodyForLog(raw: Uint8Array, parsed: unknown): unknown {
  if (raw.length === 0) return undefined;
  if (raw.length > BODY_PREVIEW_LIMIT) return `[${raw.length} bytes]`;
  if (parsed !== undefined) return maskValue(parsed);
  return maskText(new TextDecoder().decode(raw));
}

/** A bounded, in-memory request log. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): void {
    this.seq += 1;
    this.entries.push({ seq: this.seq, ...entry });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): RequestLogEntry[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
  }
}
