/**
 * Exported from `@zwfw/seal/json`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
export { signJson } from './sign-json';
export type { SignJsonOptions } from './sign-json';
export { decodeJson } from './decode-json';
export type { DecodedJson } from './decode-json';
export { canonicalizeJson, MAX_JSON_DEPTH } from './canonicalize-json';
export { DEFAULT_SM2_JWS_ALG } from './jws';
export type { JwsAlgorithm } from './jws';
export type { Signer } from '../signer';
export type { SignatureAlgorithm } from '../types';
export { validateJson } from './validate-json';
export type { JsonTrustPolicy } from './validate-json';
export { verifyJson } from './verify-json';
export { SealVerificationError, isSealVerificationError } from '../pdf/seal-verification-error';
export type { TrustPolicy, RevocationPolicy } from '../types';
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
} from '../report';
