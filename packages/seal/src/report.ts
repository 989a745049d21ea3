/**
 * The validation result model (ETSI EN 319 102-1 indications, as in EU DSS) shared by PDF, JSON and SES validation.
 */

/** Overall outcome: passed, failed (format wrong or signature value fails), or not enough information. */
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** Why a result is TOTAL_FAILED or INDETERMINATE (ETSI EN 319 102-1 names). */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'TIMESTAMP_ORDER_FAILURE'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'NO_POE'
  | 'TRY_LATER'
  | 'SIGNED_DATA_NOT_FOUND';

/** Status of one check. */
export type CheckStatus = 'PASSED' | 'FAILED' | 'WARNING' | 'INFO' | 'NOT_APPLICABLE' | 'INDETERMINATE';

/** Stable identifiers of the checks a validation runs (the catalogue of the seal design, §6). */
export type CheckId =
  | 'PDF_PARSE_STRICT'
  | 'PDF_SIGNATURE_PRESENT'
  | 'PDF_SIGDICT_PRESENT'
  | 'PDF_BYTERANGE_SHAPE'
  | 'PDF_BYTERANGE_GAP'
  | 'PDF_CONTENTS_DER'
  | 'PDF_BYTERANGE_REVISION'
  | 'PDF_BYTERANGE_COLLISION'
  | 'PDF_SIGDICT_CONSISTENT'
  | 'PDF_POST_SIGN_CHANGES'
  | 'PDF_DOCMDP'
  | 'PDF_ANNOT_OVERLAP'
  | 'PDF_SHADOW_RISK'
  | 'PDF_VISUAL_DIFF'
  | 'PDF_METADATA_CHANGES'
  | 'CMS_FORMAT'
  | 'CMS_MESSAGE_DIGEST'
  | 'CMS_SIGNATURE_VALUE'
  | 'CMS_CONTENT_TYPE'
  | 'CMS_SIGNING_CERT_FOUND'
  | 'CMS_SIGNING_CERT_V2'
  | 'CMS_SIGNING_TIME_ATTR'
  | 'CMS_ALGORITHM_PROTECTION'
  | 'CRYPTO_ALG_ALLOWED'
  | 'CERT_CHAIN'
  | 'CERT_VALIDITY_AT_TIME'
  | 'CERT_REVOCATION'
  | 'CERT_KEY_USAGE'
  | 'TS_TOKEN_VALID'
  | 'TS_ORDER'
  | 'LT_DATA_COMPLETE'
  | 'SES_FORMAT'
  | 'SES_SIGNATURE_VALUE'
  | 'SES_SIGNER_IN_SEAL'
  | 'SEAL_MAKER_SIGNATURE'
  | 'SEAL_MAKER_CERT'
  | 'SEAL_VALIDITY'
  | 'SES_TIMESTAMP'
  | 'SES_DATA_HASH'
  | 'SEAL_IMAGE'
  | 'JWS_FORMAT'
  | 'JWS_ALG_ALLOWED'
  | 'JWS_SIGNATURE'
  | 'JWS_X5C_CHAIN'
  | 'JWS_PAYLOAD_CANON';

/** A message in Chinese and English. */
export interface LocalizedMessage {
  /** 中文说明. */
  zh: string;
  /** English text. */
  en: string;
}

/** The result of one check (the design's `CheckResult`; named so to avoid clashing with `@zwfw/catalog`). */
export interface ValidationCheck {
  /** Which check. */
  id: CheckId;
  /** Outcome. */
  status: CheckStatus;
  /** For FAILED / INDETERMINATE: why, in ETSI terms. */
  subIndication?: SubIndication;
  /** What was checked and found, in Chinese and English. Never contains personal data in clear. */
  message: LocalizedMessage;
  /** Machine-readable details (offsets, algorithm names, times). */
  details?: Record<string, unknown>;
}

/** One change made to a PDF after a signature, classified. */
export interface Change {
  /** Index of the revision (0 = original file) that made the change. */
  revision: number;
  /** Affected objects, as `"num gen"`. */
  objects: string[];
  /** Whether the change is allowed (later signature, DSS, document timestamp, what DocMDP and the policy permit). */
  permitted: boolean;
  /** Whether a new annotation or widget overlaps page content. */
  overlapsContent?: boolean;
  /**
   * What kind of change it is. `metadata`: the trailer `/Info` dictionary or the catalog's XMP `/Metadata` stream
   * (and nothing else); whether it is permitted depends on `TrustPolicy.pdf.metadataChanges`.
   */
  kind:
    | 'signature'
    | 'dss'
    | 'doc-timestamp'
    | 'metadata'
    | 'form-fill'
    | 'annotation'
    | 'content'
    | 'xref-only'
    | 'unknown';
}

/** Who signed: read from the signing certificate. */
export interface SignerInfoSummary {
  /** Subject distinguished name (RFC 4514 order, most specific first), as in the certificate. */
  subject: string;
  /** Issuer distinguished name. */
  issuer: string;
  /** Certificate serial number, lower-case hex. */
  serialHex: string;
  /** SHA-256 of the certificate DER, lower-case hex. */
  certificateSha256: string;
}

/** GB/T 38540 seal data, for SES signatures. */
export interface SealSummary {
  /** 印章标识. */
  esId: string;
  /** 印章名称. */
  name: string;
  /** 印章类型. */
  type: number;
  /** Start of the seal validity. */
  validStart: Date;
  /** End of the seal validity. */
  validEnd: Date;
  /** Seal maker (subject of the maker certificate). */
  maker: string;
  /** Image type (PNG, SVG, ...). */
  imageType: string;
  /** Image width in millimetres. */
  widthMm: number;
  /** Image height in millimetres. */
  heightMm: number;
}

/** The validation result of one signature. */
export interface SignatureReport {
  /** Identifier within the document (PDF field name, JWS index, ...). */
  id: string;
  /** Signature format. */
  format: 'PAdES' | 'PKCS7' | 'SES-v4' | 'SES-v2' | 'SEAL' | 'JWS';
  /** Outcome of this signature. */
  indication: Indication;
  /** Why, when not TOTAL_PASSED. */
  subIndication?: SubIndication;
  /** PAdES/JAdES baseline level reached. */
  level?: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | 'NONE';
  /** The signer, when the signing certificate was found. */
  signer?: SignerInfoSummary;
  /** Seal data (SES signatures). */
  seal?: SealSummary;
  /** Time claimed by the signer (PDF `/M`, signing-time attribute, SES timeInfo); not trusted. */
  claimedSigningTime?: Date;
  /** Earliest trusted time the signature is known to exist (a validated time-stamp's genTime). */
  bestSignatureTime?: Date;
  /** Which bytes the signature covers (PDF). */
  coverage?: {
    byteRange: [number, number, number, number];
    revision: number;
    totalRevisions: number;
    wholeFile: boolean;
  };
  /** Changes made after this signature (PDF). */
  changesAfterSigning: Change[];
  /** Every check run, in order. */
  checks: ValidationCheck[];
}

/**
 * The validation result of a document.
 *
 * @example
 * ```ts
 * const report = await validatePdf(pdf, policy);
 * if (report.indication !== 'TOTAL_PASSED') {
 *   for (const signature of report.signatures) {
 *     for (const check of signature.checks.filter((c) => c.status === 'FAILED' || c.status === 'INDETERMINATE')) {
 *       console.log(signature.id, check.id, check.subIndication, check.message.zh);
 *     }
 *   }
 * }
 * ```
 */
export interface ValidationReport {
  /** Worst indication over all signatures and document checks. */
  indication: Indication;
  /** Why, when not TOTAL_PASSED. */
  subIndication?: SubIndication;
  /** One report per signature. */
  signatures: SignatureReport[];
  /** Document-level checks (parsing, structure). */
  document: ValidationCheck[];
  /** When validation ran. */
  validationTime: Date;
  /** {@link TrustPolicy.policyId} used. */
  policyId: string;
}

/** Sub-indications that make a FAILED check TOTAL_FAILED (seal.md §6); other FAILED checks are INDETERMINATE. */
const TOTAL_FAILED_SUB_INDICATIONS: ReadonlySet<SubIndication> = new Set<SubIndication>([
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
]);

/** Order used to pick the reported sub-indication when several checks fail. */
const SUB_INDICATION_PRIORITY: readonly SubIndication[] = [
  'FORMAT_FAILURE',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'SIGNED_DATA_NOT_FOUND',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'CRYPTO_CONSTRAINTS_FAILURE',
  'SIG_CONSTRAINTS_FAILURE',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'CHAIN_CONSTRAINTS_FAILURE',
  'CERTIFICATE_CHAIN_GENERAL_FAILURE',
  'EXPIRED',
  'NOT_YET_VALID',
  'REVOKED_NO_POE',
  'OUT_OF_BOUNDS_NO_POE',
  'TIMESTAMP_ORDER_FAILURE',
  'NO_POE',
  'TRY_LATER',
];

/** An indication with its sub-indication. */
export interface IndicationResult {
  indication: Indication;
  subIndication?: SubIndication;
}

function pickSubIndication(checks: ValidationCheck[]): SubIndication | undefined {
  let best: SubIndication | undefined;
  for (const check of checks) {
    const sub = check.subIndication;
    if (sub === undefined) continue;
    if (best === undefined || SUB_INDICATION_PRIORITY.indexOf(sub) < SUB_INDICATION_PRIORITY.indexOf(best)) best = sub;
  }
  return best;
}

/**
 * Aggregates checks into an indication (seal.md §6): a FAILED check with FORMAT/HASH/SIG_CRYPTO/REVOKED (or with no
 * sub-indication: fail closed) → TOTAL_FAILED; else any other FAILED or INDETERMINATE check, or a `required` check
 * that is missing or not PASSED → INDETERMINATE; else TOTAL_PASSED. WARNING, INFO and NOT_APPLICABLE do not block.
 * An empty list is never TOTAL_PASSED.
 *
 * @param checks - the checks of one signature (or of a document).
 * @param required - checks that must be present and PASSED for TOTAL_PASSED.
 * @param options - `allowNoPassed`: do not require at least one PASSED check (document-level lists).
 * @returns the indication and, when not passed, the most relevant sub-indication.
 */
export function aggregateIndication(
  checks: ValidationCheck[],
  required: readonly CheckId[] = [],
  options: { allowNoPassed?: boolean } = {},
): IndicationResult {
  const failed = checks.filter((check) => check.status === 'FAILED');
  const fatal = failed.filter(
    (check) => check.subIndication === undefined || TOTAL_FAILED_SUB_INDICATIONS.has(check.subIndication),
  );
  if (fatal.length > 0) {
    const subIndication = pickSubIndication(fatal);
    return subIndication === undefined ? { indication: 'TOTAL_FAILED' } : { indication: 'TOTAL_FAILED', subIndication };
  }
  const open = checks.filter((check) => check.status === 'FAILED' || check.status === 'INDETERMINATE');
  const missing = required.filter((id) => !checks.some((check) => check.id === id && check.status === 'PASSED'));
  const nonePassed = options.allowNoPassed !== true && !checks.some((check) => check.status === 'PASSED');
  if (open.length > 0 || missing.length > 0 || nonePassed) {
    const subIndication = pickSubIndication(open) ?? 'SIGNED_DATA_NOT_FOUND';
    return { indication: 'INDETERMINATE', subIndication };
  }
  return { indication: 'TOTAL_PASSED' };
}

const INDICATION_RANK: Record<Indication, number> = { TOTAL_PASSED: 0, INDETERMINATE: 1, TOTAL_FAILED: 2 };

/**
 * Aggregates a document: the worst of its signatures and document checks. No signature at all → TOTAL_FAILED with
 * SIGNED_DATA_NOT_FOUND, never passed.
 *
 * @param signatures - per-signature results (their `indication` already aggregated).
 * @param document - document-level checks.
 * @returns the document indication.
 */
export function aggregateDocumentIndication(
  signatures: ReadonlyArray<Pick<SignatureReport, 'indication' | 'subIndication'>>,
  document: ValidationCheck[],
): IndicationResult {
  if (signatures.length === 0) return { indication: 'TOTAL_FAILED', subIndication: 'SIGNED_DATA_NOT_FOUND' };
  let worst: IndicationResult = { indication: 'TOTAL_PASSED' };
  const documentResult = aggregateIndication(document, [], { allowNoPassed: true });
  for (const candidate of [documentResult, ...signatures]) {
    if (INDICATION_RANK[candidate.indication] > INDICATION_RANK[worst.indication]) {
      worst =
        candidate.subIndication === undefined
          ? { indication: candidate.indication }
          : { indication: candidate.indication, subIndication: candidate.subIndication };
    }
  }
  return worst;
}

/**
 * Builds a {@link ValidationCheck} with a bilingual message.
 *
 * @param id - which check.
 * @param status - its outcome.
 * @param zh - Chinese message.
 * @param en - English message.
 * @param extra - sub-indication and details.
 * @returns the check.
 */
export function createCheck(
  id: CheckId,
  status: CheckStatus,
  zh: string,
  en: string,
  extra: { subIndication?: SubIndication; details?: Record<string, unknown> } = {},
): ValidationCheck {
  const check: ValidationCheck = { id, status, message: { zh, en } };
  if (extra.subIndication !== undefined) check.subIndication = extra.subIndication;
  if (extra.details !== undefined) check.details = extra.details;
  return check;
}
