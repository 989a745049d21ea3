import { SealError, isSealError } from '../errors';
import type { ValidationReport } from '../report';

/**
 * Thrown by `verifyPdf` (code `ERR_SEAL_VERIFICATION_FAILED`) when a document is not TOTAL_PASSED. The full report is
 * attached, so callers can show which check failed.
 *
 * @example
 * ```ts
 * try {
 *   await verifyPdf(pdf, policy);
 * } catch (error) {
 *   if (isSealVerificationError(error)) console.log(error.report.indication, error.report.subIndication);
 * }
 * ```
 */
export class SealVerificationError extends SealError {
  /** The validation report that did not pass. */
  readonly report: ValidationReport;

  /**
   * @param report - the report that did not pass.
   * @param message - what failed and what to do.
   */
  constructor(report: ValidationReport, message: string) {
    super('ERR_SEAL_VERIFICATION_FAILED', message);
    this.report = report;
  }
}

/**
 * Whether `error` is a {@link SealVerificationError} (also across bundles: checks the code and the report field).
 *
 * @param error - any caught value.
 * @returns `true` for a verification failure carrying a report.
 * @example
 * ```ts
 * if (isSealVerificationError(error)) console.log(error.report.signatures.length);
 * ```
 */
export function isSealVerificationError(error: unknown): error is SealVerificationError {
  return (
    isSealError(error) &&
    error.code === 'ERR_SEAL_VERIFICATION_FAILED' &&
    typeof (error as { report?: unknown }).report === 'object' &&
    (error as { report?: unknown }).report !== null
  );
}
