/**
 * Exported from `@zwfw/seal/json`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
