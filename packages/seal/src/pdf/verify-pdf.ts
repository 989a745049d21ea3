import type { BytesInput } from '../internal/asn1/input';
import type { ValidationReport } from '../report';
import type { TrustPolicy } from '../types';
import { SealVerificationError } from './seal-verification-error';
import { validatePdf } from './validate-pdf';

/**
 * Validates a PDF like {@link validatePdf} and throws unless the result is TOTAL_PASSED.
 *
 * @param pdf - the PDF bytes (`Uint8Array` or `ArrayBuffer`).
 * @param policy - trust anchors, intermediates, CRLs and strictness options.
 * @returns the report, whose indication is TOTAL_PASSED.
 * @throws SealVerificationError `ERR_SEAL_VERIFICATION_FAILED` carrying `.report` when the document is TOTAL_FAILED or
 * INDETERMINATE (including a PDF with no signature).
 * @example
 * ```ts
 * try {
 *   await verifyPdf(pdf, policy);
 * } catch (error) {
 *   if (isSealVerificationError(error)) showReport(error.report);
 * }
 * ```
 */
export async function verifyPdf(pdf: BytesInput, policy: TrustPolicy): Promise<ValidationReport> {
  const report = await validatePdf(pdf, policy);
  if (report.indication === 'TOTAL_PASSED') return report;
  const failedCheck = [...report.document, ...report.signatures.flatMap((s) => s.checks)].find(
    (c) => c.status === 'FAILED' || c.status === 'INDETERMINATE',
  );
  const reason = failedCheck ? ` First problem: ${failedCheck.id} — ${failedCheck.message.en}.` : '';
  throw new SealVerificationError(
    report,
    `PDF verification failed: ${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}.${reason} Inspect error.report for every check.`,
  );
}
