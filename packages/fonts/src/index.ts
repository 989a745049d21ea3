/**
 * Open-licence CJK font files used by `@zwfw/certificate` (PDF text) and `@zwfw/seal` (seal drawing).
 *
 * Exported from `@zwfw/fonts`.
 *
 * @module
 */
export {};
