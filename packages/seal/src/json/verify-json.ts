import { SealVerificationError } from '../pdf/seal-verification-error';
import type { ValidationReport } from '../report';
import { type JsonTrustPolicy, validateJson } from './validate-json';

/**
 * Validates a JWS like {@link validateJson} and throws unless the result is `TOTAL_PASSED`: the convenient form for
 * code that must not continue with an unverified document.
 *
 * @param jws - a compact JWS, JWS JSON text, or a parsed flattened/general JWS object (one signature).
 * @param policy - trust anchors, algorithm allow-list, revocation data and the expected payload.
 * @returns the report, whose `indication` is `TOTAL_PASSED`.
 * @throws {@link SealVerificationError} `ERR_SEAL_VERIFICATION_FAILED` carrying `.report` when the JWS is
 *   TOTAL_FAILED or INDETERMINATE.
 * @example
 * ```ts
 * try {
 *   await verifyJson(jws, { trustAnchors: [rootPem], algorithms: ['ES256'] });
 * } catch (error) {
 *   if (isSealVerificationError(error)) console.log(error.report.subIndication);
 * }
 * ```
 */
export async function verifyJson(
  jws: string | Record<string, unknown>,
  policy: JsonTrustPolicy,
): Promise<ValidationReport> {
  const report = await validateJson(jws, policy);
  if (report.indication === 'TOTAL_PASSED') return report;
  const failed = report.signatures
    .flatMap((signature) => signature.checks)
    .filter((check) => check.status === 'FAILED' || check.status === 'INDETERMINATE')
    .map((check) => check.id);
  throw new SealVerificationError(
    report,
    `verifyJson(): the JWS is ${report.indication}${report.subIndication === undefined ? '' : ` (${report.subIndication})`}; failed checks: ${[...new Set(failed)].join(', ') || 'none'}. Inspect error.report, or call validateJson() to get the report without throwing.`,
  );
}
