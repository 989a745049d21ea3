/**
 * PAdES PDF seals: sign as an incremental update (visible drawn seal or invisible, B-B / B-T, certification, field
 * locks), add document time-stamps and DSS validation data, and validate strictly against the known PDF signature
 * attacks (DSS-style report; `verifyPdf` throws a {@link SealVerificationError} carrying it).
 *
 * Exported from `@zwfw/seal/pdf`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
export { signPdf, DEFAULT_PLACEHOLDER_BYTES } from './sign-pdf';
export type { PdfSealOptions, PdfSealAppearance } from './sign-pdf';
export { addDocumentTimestamp } from './add-document-timestamp';
export type { DocumentTimestampOptions } from './add-document-timestamp';
export { inspectPdfSignatures } from './inspect-pdf-signatures';
export type { PdfSignatureInfo } from './inspect-pdf-signatures';
export { SealVerificationError, isSealVerificationError } from './seal-verification-error';
export { validatePdf, DEFAULT_MAX_PDF_BYTES } from './validate-pdf';
export { verifyPdf } from './verify-pdf';
export { addValidationData } from './add-validation-data';
export type { PdfValidationData } from './add-validation-data';
