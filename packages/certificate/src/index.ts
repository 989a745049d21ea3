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
export {
  addCertificateStatusChange,
  CERTIFICATE_STATE_TRANSITIONS,
  CERTIFICATE_STATES,
  CertificateStateSchema,
  CertificateStatusChangeSchema,
} from './model/certificate-state';
export type {
  CertificateState,
  CertificateStateInfo,
  CertificateStatusChange,
  CertificateStatusChangeInput,
} from './model/certificate-state';
export {
  CalendarDateSchema,
  CertificateRecordSchema,
  HolderCodeTypeSchema,
  isCertificateRecord,
} from './model/certificate-record';
export type { CertificateRecord, CertificateRecordInput } from './model/certificate-record';
export { defineCertificateType } from './model/certificate-type';
export type {
  CertificateType,
  CertificateTypeInput,
  FaceFieldDefinition,
  HolderCategory,
  ValidityRule,
} from './model/certificate-type';
export { validateCertificateRecord } from './model/validate-certificate-record';
export type { CertificateRecordReport } from './model/validate-certificate-record';
export { BUSINESS_LICENCE_TYPE, PROOF_CERTIFICATE_TYPE, REAL_ESTATE_CERTIFICATE_TYPE } from './model/builtin-types';
export {
  BUSINESS_LICENCE_TEMPLATE,
  PROOF_CERTIFICATE_TEMPLATE,
  REAL_ESTATE_CERTIFICATE_TEMPLATE,
} from './templates/builtin-templates';
export type {
  CertificateTemplate,
  FieldSource,
  Rect,
  RgbColor,
  TemplateDecoration,
  TemplateField,
} from './templates/certificate-template';
export type { CertificateFont } from './render/fonts';
export { CERTIFICATE_PRODUCER, renderCertificatePdf } from './render/render-certificate-pdf';
export type { RenderCertificateOptions } from './render/render-certificate-pdf';
export { readCertificatePdf } from './render/read-certificate-pdf';
export type { CertificatePdfContent, CertificatePdfMetadata } from './render/read-certificate-pdf';
export { issueCertificates } from './batch/issue-certificates';
export type {
  IssueCertificatesOptions,
  IssuedCertificate,
  IssueProgress,
  IssueResult,
} from './batch/issue-certificates';
