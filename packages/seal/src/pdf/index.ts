/**
 * Exported from `@zwfw/seal/pdf`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
