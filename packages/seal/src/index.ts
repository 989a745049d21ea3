/**
 * E-seals (电子印章): drawn seals, PDF and JSON signing, and a strict verifier.
 *
 * Exported from `@zwfw/seal`.
 *
 * @module
 */
export { SealError, isSealError } from './errors';
export type { SealErrorCode } from './errors';
