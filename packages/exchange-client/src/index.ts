/**
 * A typed client for the provincial integrated platform (省一体化平台).
 *
 * Exported from `@zwfw/exchange-client`.
 *
 * @module
 */
export { ExchangeError, isExchangeError } from './errors';
export type { ExchangeErrorCode } from './errors';
