import { expect } from 'vitest';
import type { ValidationReport } from '../../src/report';

/** Asserts the document is not TOTAL_PASSED and that `checkId` caught it (status FAILED unless given). */
export function expectCaught(report: ValidationReport, checkId: string, statuses: string[] = ['FAILED']): void {
  expect(report.indication).not.toBe('TOTAL_PASSED');
  const checks = [...report.document, ...report.signatures.flatMap((s) => s.checks)];
  const hit = checks.filter((c) => c.id === checkId && statuses.includes(c.status));
  expect(
    hit,
    `${checkId} ${statuses.join('/')} expected; got ${checks
      .filter((c) => c.status !== 'PASSED')
      .map((c) => `${c.id}:${c.status}`)
      .join(', ')}`,
  ).not.toHaveLength(0);
}
