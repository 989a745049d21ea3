/**
 * The SQLite outbox store (Node only, needs better-sqlite3 12).
 *
 * Exported from `@zwfw/exchange-client/sqlite`.
 *
 * @module
 */
export { ExchangeError, isExchangeError } from '../errors';
export type { ExchangeErrorCode } from '../errors';
//# sourceMappingURL=index.d.ts.map
