import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_RETENTION_MS, IdempotencyStore, NonceStore } from './idempotency';

const response = { status: 201, body: { code: '0' } };

describe('IdempotencyStore', () => {
  it('claims, reports in-flight, replays, detects mismatches, and scopes keys per app', () => {
    const store = new IdempotencyStore();
    expect(store.claim('app', 'k', 'f1', 0)).toEqual({ kind: 'claimed' });
    expect(store.claim('app', 'k', 'f1', 1)).toEqual({ kind: 'in-flight' });
    expect(store.claim('app', 'k', 'f2', 1)).toEqual({ kind: 'mismatch' });
    store.complete('app', 'k', response, 2);
    expect(store.claim('app', 'k', 'f1', 3)).toEqual({ kind: 'replay', response });
    expect(store.claim('other', 'k', 'f2', 3)).toEqual({ kind: 'claimed' });
  });

  it('forgets a completed key after the retention period, and a released one at once', () => {
    const store = new IdempotencyStore();
    store.claim('app', 'old', 'f', 0);
    store.complete('app', 'old', response, 0);
    expect(store.claim('app', 'old', 'other', IDEMPOTENCY_RETENTION_MS + 1)).toEqual({ kind: 'claimed' });
    store.claim('app', 'failed', 'f', 0);
    store.release('app', 'failed');
    expect(store.claim('app', 'failed', 'g', 1)).toEqual({ kind: 'claimed' });
  });
});

describe('NonceStore', () => {
  it('rejects a nonce inside the window and accepts it again after', () => {
    const nonces = new NonceStore(1000);
    expect(nonces.remember('app', 'n', 0)).toBe(true);
    expect(nonces.remember('app', 'n', 999)).toBe(false);
    expect(nonces.remember('other', 'n', 999)).toBe(true);
    expect(nonces.remember('app', 'n', 1001)).toBe(true);
  });
});
