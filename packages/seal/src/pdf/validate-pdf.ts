import { type BytesInput, describeInput } from '../internal/asn1/input';
import { validateCmsSignature } from '../internal/cms/validate-cms-signature';
import { type AnalyzedSignature, analyzePdf } from '../internal/pdf/analyze';
import { type DssData, readDss } from '../internal/pdf/dss';
import type { PdfFile } from '../internal/pdf/pdf-file';
import { checkVisualDifference, createVisualDiffContext } from '../internal/pdf/visual-diff';
import { validateTimestampToken } from '../internal/tsp/validate-timestamp-token';
import {
  type CheckId,
  type SignatureReport,
  type ValidationCheck,
  type ValidationReport,
  aggregateDocumentIndication,
  aggregateIndication,
  createCheck,
} from '../report';
import type { PdfMetadataChangePolicy, TrustPolicy } from '../types';

/** Checks that must be present and PASSED for a PDF signature to be TOTAL_PASSED. */
const REQUIRED_CHECKS: readonly CheckId[] = [
  'PDF_SIGDICT_PRESENT',
  'PDF_BYTERANGE_SHAPE',
  'PDF_BYTERANGE_GAP',
  'PDF_CONTENTS_DER',
  'PDF_BYTERANGE_REVISION',
  'PDF_BYTERANGE_COLLISION',
  'PDF_SIGDICT_CONSISTENT',
  'PDF_POST_SIGN_CHANGES',
  'CMS_MESSAGE_DIGEST',
  'CMS_SIGNATURE_VALUE',
  'CERT_CHAIN',
];

/** The metadata policy; an unknown value (plain JavaScript callers) is the strictest, `reject`. */
function metadataPolicy(value: unknown): PdfMetadataChangePolicy {
  if (value === undefined) return 'allow-with-signature';
  return value === 'allow' || value === 'allow-with-signature' ? value : 'reject';
}

/** Default largest PDF accepted by {@link validatePdf}: 256 MiB. */
export const DEFAULT_MAX_PDF_BYTES = 256 * 1024 * 1024;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/** The policy plus the /DSS certificates (as intermediates, never anchors) and CRLs of the document. */
function withDocumentValidationData(file: PdfFile | undefined, policy: TrustPolicy): TrustPolicy {
  if (!file) return policy;
  let dss: DssData;
  try {
    dss = readDss(file);
  } catch {
    return policy;
  }
  if (dss.certificates.length === 0 && dss.crls.length === 0) return policy;
  const revocation = policy.revocation ?? { mode: 'prefer' as const };
  return {
    ...policy,
    intermediates: [...(policy.intermediates ?? []), ...dss.certificates],
    revocation: { ...revocation, crls: [...(revocation.crls ?? []), ...dss.crls] },
  };
}

/**
 * PAdES B-LT: a B-T signature followed by a /DSS update with validation data, and revocation checked successfully.
 * B-LTA: additionally a valid document time-stamp in a revision after that DSS update. Adds LT_DATA_COMPLETE (INFO).
 */
function assignLongTermLevels(
  reports: SignatureReport[],
  analyzed: AnalyzedSignature[],
  file: PdfFile | undefined,
): void {
  let dss: DssData = { certificates: [], crls: [] };
  try {
    if (file) dss = readDss(file);
  } catch {
    // unreadable DSS: no long-term level
  }
  reports.forEach((report, index) => {
    if (analyzed[index]?.type === 'doc-timestamp' || report.level !== 'B-T') return;
    const dssRevision = Math.max(
      -1,
      ...report.changesAfterSigning.filter((c) => c.kind === 'dss').map((c) => c.revision),
    );
    const revocationPassed = report.checks.some((c) => c.id === 'CERT_REVOCATION' && c.status === 'PASSED');
    const complete = dssRevision >= 0 && dss.certificates.length + dss.crls.length > 0 && revocationPassed;
    const archived =
      complete &&
      reports.some(
        (other, j) =>
          analyzed[j]?.type === 'doc-timestamp' &&
          (analyzed[j]?.revision ?? -1) > dssRevision &&
          other.checks.some((c) => c.id === 'TS_TOKEN_VALID' && c.status === 'PASSED'),
      );
    if (complete) report.level = archived ? 'B-LTA' : 'B-LT';
    const details = {
      dssCertificates: dss.certificates.length,
      dssCrls: dss.crls.length,
      dssRevision,
      revocationPassed,
    };
    report.checks.push(
      complete
        ? createCheck(
            'LT_DATA_COMPLETE',
            'PASSED',
            `文档安全存储（DSS）含有长期验证数据（${report.level}）`,
            `The DSS holds long-term validation data (${report.level})`,
            { details },
          )
        : createCheck(
            'LT_DATA_COMPLETE',
            'INFO',
            '签名之后没有可用的 DSS 长期验证数据（级别保持 B-T）',
            'No usable DSS validation data after the signature (level stays B-T)',
            { details },
          ),
    );
  });
}

async function cryptoChecks(
  bytes: Uint8Array,
  signature: AnalyzedSignature,
  policy: TrustPolicy,
): Promise<Pick<SignatureReport, 'signer' | 'bestSignatureTime' | 'level'> & { checks: ValidationCheck[] }> {
  if (!signature.byteRange || !signature.contentsValid || !signature.contents) {
    return { checks: [], level: 'NONE' };
  }
  const [, b, c, d] = signature.byteRange;
  const content = [bytes.subarray(0, b), bytes.subarray(c, c + d)];
  if (signature.type === 'doc-timestamp') {
    // ETSI.RFC3161: /Contents is a TimeStampToken over the byte ranges.
    const result = await validateTimestampToken({ token: signature.contents, data: content, policy });
    const out: Pick<SignatureReport, 'signer' | 'bestSignatureTime' | 'level'> & { checks: ValidationCheck[] } = {
      level: 'NONE',
      checks: [...result.details, result.check],
    };
    if (result.valid && result.genTime) out.bestSignatureTime = result.genTime;
    return out;
  }
  const profile = signature.subFilter === 'ETSI.CAdES.detached' ? 'PAdES' : 'PKCS7';
  try {
    const result = await validateCmsSignature({
      cms: signature.contents,
      content,
      policy,
      profile,
      ...(signature.claimedSigningTime ? { claimedSigningTime: signature.claimedSigningTime } : {}),
    });
    const out: Pick<SignatureReport, 'signer' | 'bestSignatureTime' | 'level'> & { checks: ValidationCheck[] } = {
      checks: result.checks,
      level: result.level,
    };
    if (result.signer) out.signer = result.signer;
    if (result.bestSignatureTime) out.bestSignatureTime = result.bestSignatureTime;
    return out;
  } catch (error) {
    return {
      level: 'NONE',
      checks: [
        createCheck(
          'CMS_FORMAT',
          'FAILED',
          `CMS 签名无法验证：${describe(error)}`,
          `The CMS signature cannot be validated: ${describe(error)}`,
          { subIndication: 'FORMAT_FAILURE' },
        ),
      ],
    };
  }
}

/**
 * Validates every signature of a PDF and returns a report (ETSI EN 319 102-1 indications, as in EU DSS). Runs the
 * structural checks (byte range shape, gap, revision alignment, collisions, DER contents, changes after signing
 * classified per revision, DocMDP, shadow-attack risk) and the CMS and certificate checks against `policy`. With
 * `policy.pdf.renderPage`, pages that later annotations, form fills or signatures touch are rendered as signed and as
 * final and compared (PDF_VISUAL_DIFF); without it that comparison is reported as not performed (INFO).
 * A PDF without a signature is TOTAL_FAILED / SIGNED_DATA_NOT_FOUND. Never throws on hostile input; size, depth and
 * decompression limits apply.
 *
 * @param pdf - the PDF bytes (`Uint8Array` or `ArrayBuffer`).
 * @param policy - trust anchors, intermediates, CRLs and strictness options.
 * @returns the validation report.
 * @throws never for document content; a non-bytes `pdf` or missing policy gives a TOTAL_FAILED report too.
 * @example
 * ```ts
 * const report = await validatePdf(pdf, { trustAnchors: [rootDer], revocation: { crls: [crlDer], mode: 'require' } });
 * if (report.indication !== 'TOTAL_PASSED') console.log(report.signatures.flatMap((s) => s.checks.filter((c) => c.status === 'FAILED')));
 * ```
 */
export async function validatePdf(pdf: BytesInput, policy: TrustPolicy): Promise<ValidationReport> {
  try {
    return await validate(pdf, policy);
  } catch (error) {
    // Defence in depth: every step already turns problems into checks; nothing may escape as an exception.
    return {
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
      signatures: [],
      document: [
        createCheck(
          'PDF_PARSE_STRICT',
          'FAILED',
          `验证过程出错：${describe(error)}`,
          `Validation failed unexpectedly: ${describe(error)}`,
          { subIndication: 'FORMAT_FAILURE' },
        ),
      ],
      validationTime: new Date(),
      policyId: typeof policy?.policyId === 'string' ? policy.policyId : 'zwfw-default',
    };
  }
}

async function validate(pdf: BytesInput, policy: TrustPolicy): Promise<ValidationReport> {
  const validationTime = new Date();
  const policyId = typeof policy?.policyId === 'string' ? policy.policyId : 'zwfw-default';
  const failed = (zh: string, en: string): ValidationReport => ({
    indication: 'TOTAL_FAILED',
    subIndication: 'FORMAT_FAILURE',
    signatures: [],
    document: [createCheck('PDF_PARSE_STRICT', 'FAILED', zh, en, { subIndication: 'FORMAT_FAILURE' })],
    validationTime,
    policyId,
  });
  const bytes = pdf instanceof Uint8Array ? pdf : pdf instanceof ArrayBuffer ? new Uint8Array(pdf) : undefined;
  if (!bytes)
    return failed(
      `输入不是字节数据（${describeInput(pdf)}）`,
      `The input is not bytes (${describeInput(pdf)}); pass a Uint8Array or ArrayBuffer`,
    );
  if (typeof policy !== 'object' || policy === null || !Array.isArray(policy.trustAnchors)) {
    return failed('信任策略无效：缺少 trustAnchors', 'The trust policy is invalid: trustAnchors is missing');
  }
  const maxFileSize = policy.pdf?.maxFileSize ?? DEFAULT_MAX_PDF_BYTES;
  if (bytes.length > maxFileSize)
    return failed(
      `文件过大（${bytes.length} 字节，上限 ${maxFileSize}）`,
      `The file is too large (${bytes.length} bytes, limit ${maxFileSize})`,
    );

  const analysis = analyzePdf(bytes, {
    limits: { maxFileSize },
    allowIncrementalChanges: policy.pdf?.allowIncrementalChanges ?? 'docmdp',
    metadataChanges: metadataPolicy(policy.pdf?.metadataChanges),
  });
  const effectivePolicy = withDocumentValidationData(analysis.file, policy);
  const signatures: SignatureReport[] = [];
  const visual = analysis.file ? createVisualDiffContext(analysis.file, bytes, policy.pdf?.renderPage) : undefined;
  for (const signature of analysis.signatures) {
    const crypto = await cryptoChecks(bytes, signature, effectivePolicy);
    const checks = [...signature.checks, ...crypto.checks];
    const visualCheck = visual ? await checkVisualDifference(visual, signature) : undefined;
    if (visualCheck) checks.push(visualCheck);
    const required =
      signature.type === 'doc-timestamp'
        ? REQUIRED_CHECKS.filter((id) => !id.startsWith('CMS_') && id !== 'CERT_CHAIN').concat('TS_TOKEN_VALID')
        : REQUIRED_CHECKS;
    const { indication, subIndication } = aggregateIndication(checks, required);
    const report: SignatureReport = {
      id: signature.fieldName,
      format: signature.subFilter === 'adbe.pkcs7.detached' ? 'PKCS7' : 'PAdES',
      indication,
      changesAfterSigning: signature.changes,
      checks,
    };
    if (subIndication) report.subIndication = subIndication;
    if (crypto.level) report.level = crypto.level;
    if (crypto.signer) report.signer = crypto.signer;
    if (signature.claimedSigningTime) report.claimedSigningTime = signature.claimedSigningTime;
    if (crypto.bestSignatureTime) report.bestSignatureTime = crypto.bestSignatureTime;
    if (signature.byteRange) {
      report.coverage = {
        byteRange: signature.byteRange,
        revision: signature.revision,
        totalRevisions: analysis.totalRevisions,
        wholeFile: signature.wholeFile,
      };
    }
    signatures.push(report);
  }
  assignLongTermLevels(signatures, analysis.signatures, analysis.file);
  const { indication, subIndication } = aggregateDocumentIndication(signatures, analysis.document);
  const report: ValidationReport = { indication, signatures, document: analysis.document, validationTime, policyId };
  if (subIndication) report.subIndication = subIndication;
  // Document time-stamps prove existence, not origin: a PDF with time-stamps only is not a sealed document.
  if (analysis.signatures.length > 0 && !analysis.signatures.some((s) => s.type === 'signature')) {
    analysis.document.push(
      createCheck(
        'PDF_SIGNATURE_PRESENT',
        'FAILED',
        '文档只有文档时间戳，没有签名',
        'The document has document time-stamps only, no signature',
        {
          subIndication: 'SIGNED_DATA_NOT_FOUND',
        },
      ),
    );
    report.indication = 'TOTAL_FAILED';
    report.subIndication = 'SIGNED_DATA_NOT_FOUND';
  }
  return report;
}
