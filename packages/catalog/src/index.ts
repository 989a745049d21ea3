/**
 * Government service items (政务服务事项): models, codes, validation and catalog operations.
 *
 * Exported from `@zwfw/catalog`.
 *
 * @module
 */
export { CatalogError, isCatalogError } from './errors';
export type { CatalogErrorCode } from './errors';
export type { BilingualMessage, CheckResult, Issue, IssueSeverity } from './issue';
