/**
 * Exported from `@zwfw/seal/testing`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
