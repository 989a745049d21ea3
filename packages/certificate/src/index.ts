/**
 * E-certificates (电子证照): types, identifiers, records, PDF rendering and batch issuing.
 *
 * Exported from `@zwfw/certificate`.
 *
 * @module
 */
export { CertificateError, isCertificateError } from './errors';
export type { CertificateErrorCode } from './errors';
