/**
 * E-seals (电子印章): drawn seals, PDF and JSON signing, and a strict verifier.
 *
 * Exported from `@zwfw/seal`.
 *
 * @module
 */
export { SealError, isSealError } from './errors';
export type { SealErrorCode } from './errors';
export { createSoftwareSigner } from './signer';
export type { Signer, SoftwareSignerOptions, SoftwareSignerKeyOptions, SoftwareSignerPkcs12Options } from './signer';
export { SM2_DEFAULT_USER_ID } from './types';
export type {
  SignatureAlgorithm,
  HashAlgorithm,
  TimestampClient,
  TrustPolicy,
  RevocationPolicy,
  PdfMetadataChangePolicy,
  PdfPageRenderer,
  RenderedPage,
} from './types';
export type {
  Indication,
  SubIndication,
  CheckStatus,
  CheckId,
  LocalizedMessage,
  ValidationCheck,
  Change,
  SignerInfoSummary,
  SealSummary,
  SignatureReport,
  ValidationReport,
} from './report';
export { createTimestampClient } from './internal/tsp/create-timestamp-client';
export type { TimestampClientOptions } from './internal/tsp/create-timestamp-client';
export { parseSealRecord, SEAL_TYPES } from './seal-record';
export type { SealRecord, SealType, SealImage } from './seal-record';
export type { BytesInput } from './internal/asn1/input';
