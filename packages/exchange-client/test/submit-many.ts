// Drives many durable submissions with bounded concurrency (used by the reliability tests and the crash child).
import type { CaseWriteResult, ExchangeClient } from '../src/index';
import { caseInput } from './case-data';

export const caseNoOf = (index: number) => `REL-${String(index).padStart(5, '0')}`;

/** Submit cases `indexes` with at most `concurrency` in flight; returns each result (errors are rethrown). */
export async function submitMany(
  client: ExchangeClient,
  indexes: number[],
  concurrency: number,
  onEach?: (done: number) => void,
): Promise<CaseWriteResult[]> {
  const results: CaseWriteResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < indexes.length) {
      const index = indexes[next++] as number;
      results.push(await client.cases.submit(caseInput(caseNoOf(index))));
      onEach?.(results.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The fault mix of the reliability tests, on case submissions. */
export const FAULT_MIX = [
  { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'status', status: 503, probability: 0.2 },
  { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'latency', ms: 1_200, probability: 0.1 },
  { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', probability: 0.05 },
  { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-before-commit', probability: 0.05 },
] as const;

/** A burst of consecutive 429s with Retry-After. */
export const RATE_LIMIT_BURST = {
  match: { method: 'POST' },
  mode: 'rate-limit',
  retryAfterSeconds: 1,
  times: 40,
} as const;

/** Client settings of the reliability runs: a short timeout (the latency fault exceeds it) and short backoff. */
export const RELIABILITY_CLIENT = {
  timeout: 500,
  totalTimeout: 5_000,
  retry: { limit: 2, baseDelayMs: 5, backoffLimitMs: 20, maxRetryAfterMs: 1_000 },
} as const;
export const RELIABILITY_RELAY = { baseDelayMs: 5, maxDelayMs: 100, concurrency: 16 } as const;
