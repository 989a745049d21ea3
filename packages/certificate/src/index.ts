/**
 * E-certificates (电子证照): types, identifiers, records, PDF rendering and batch issuing.
 *
 * Exported from `@zwfw/certificate`.
 *
 * @module
 */
export {
  CertificateError,
  CertificateGlyphMissingError,
  CertificateValidationError,
  isCertificateError,
} from './errors';
export type { AnyCertificateError, CertificateErrorCode } from './errors';
export {
  CERTIFICATE_IDENTIFIER_ROOT,
  checkCertificateId,
  computeCertificateCheckCharacter,
  createCertificateId,
  parseCertificateId,
} from './identifier/certificate-id';
export type { CertificateIdInput, CertificateIdParts } from './identifier/certificate-id';
export { createMemorySerialCounter } from './identifier/serial-counter';
export type { MemorySerialCounterOptions, SerialCounter, SerialScope } from './identifier/serial-counter';
