/**
 * The durable SQLite outbox store (Node only; needs the optional peer dependency better-sqlite3 12).
 *
 * Exported from `@zwfw/exchange-client/sqlite`.
 *
 * @module
 */
export { createSqliteOutboxStore } from './create-sqlite-outbox-store';
export type {
  SqliteDatabase,
  SqliteMessageLog,
  SqliteOutboxStore,
  SqliteOutboxStoreOptions,
} from './create-sqlite-outbox-store';
