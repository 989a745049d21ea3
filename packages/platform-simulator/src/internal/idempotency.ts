import type { HandlerResponse } from './http';

/** How long a completed Idempotency-Key is remembered (the server's published expiry policy). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

type Entry =
  | { state: 'in-flight'; fingerprint: string; since: number }
  | { state: 'done'; fingerprint: string; since: number; response: HandlerResponse };

/** The outcome of claiming a key for a new request. */
export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; response: HandlerResponse };

/**
 * Idempotency-Key bookkeeping per draft-ietf-httpapi-idempotency-key-header: a completed key replays its stored
 * response, a key still being processed answers 409, the same key with another payload answers 422.
 */
export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  claim(scope: string, key: string, fingerprint: string, now: number): ClaimResult {
    // Entries are roughly in claim order: drop expired completed ones from the front, so a long CI run stays bounded.
    for (const [id, entry] of this.entries) {
      if (now - entry.since <= IDEMPOTENCY_RETENTION_MS) break;
      if (entry.state === 'done') this.entries.delete(id);
    }
    const id = `${scope}\n${key}`;
    const entry = this.entries.get(id);
    if (entry !== undefined && entry.state === 'done' && now - entry.since > IDEMPOTENCY_RETENTION_MS) {
      this.entries.delete(id);
    } else if (entry !== undefined) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (entry.state === 'in-flight') return { kind: 'in-flight' };
      return { kind: 'replay', response: entry.response };
    }
    this.entries.set(id, { state: 'in-flight', fingerprint, since: now });
    return { kind: 'claimed' };
  }

  complete(scope: string, key: string, response: HandlerResponse, now: number): void {
    const id = `${scope}\n${key}`;
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.set(id, { state: 'done', fingerprint: entry.fingerprint, since: now, response });
  }

  release(scope: string, key: string): void {
    this.entries.delete(`${scope}\n${key}`);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Remembers nonces per app key for a window; entries are pruned in insertion order. */
export class NonceStore {
  private seen = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  /** `true` when the nonce is new (and records it), `false` on a replay inside the window. */
  remember(appKey: string, nonce: string, now: number): boolean {
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(id);
    }
    const id = `${appKey}\n${nonce}`;
    const expiresAt = this.seen.get(id);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.delete(id);
    this.seen.set(id, now + this.windowMs);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}
