import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ExchangeError } from '../errors';
import type { MessageLog, MessageLogEntry } from '../message-log';
import type {
  NewOutboxRecord,
  OutboxRecord,
  OutboxRecordPatch,
  OutboxState,
  OutboxStore,
} from '../outbox/outbox-store';

/** The part of a better-sqlite3 `Database` the store uses (so you can pass your own handle). */
export interface SqliteDatabase {
  /** Prepare a statement. */
  prepare(source: string): {
    run(...parameters: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    get(...parameters: unknown[]): unknown;
    all(...parameters: unknown[]): unknown[];
  };
  /** Run SQL without results. */
  exec(source: string): unknown;
  /** Run a pragma. */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  /** Wrap a function in a transaction (nested calls use savepoints). */
  transaction<F extends (...parameters: never[]) => unknown>(fn: F): F;
  /** Close the database. */
  close(): unknown;
}

interface WriteJob {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Options of {@link createSqliteOutboxStore}. */
export interface SqliteOutboxStoreOptions {
  /** Database file (created if missing). Ignored when `database` is given. */
  path?: string;
  /**
   * An open better-sqlite3 database to use instead (e.g. your application's, so outbox rows can be written in your
   * own transactions). The store sets WAL and `synchronous = FULL` on it and does not close it.
   */
  database?: SqliteDatabase;
  /**
   * Table name.
   * @defaultValue 'exchange_outbox'
   */
  table?: string;
  /**
   * A 32-byte key: bodies and responses (which carry ID numbers and phone numbers) are stored encrypted with
   * AES-256-GCM. Keep the key outside the database (KMS, environment). Records written without a key stay readable.
   */
  encryptionKey?: Uint8Array;
}

/** The SQLite store's append-only message log (table `<table>_message_log`). */
export interface SqliteMessageLog extends MessageLog {
  /**
   * Entries, oldest first.
   * @param filter - only the attempts of one operation (`correlationId`); at most `limit`. @defaultValue limit 100
   * @returns the entries.
   */
  list(filter?: { correlationId?: string; limit?: number }): Promise<MessageLogEntry[]>;
}

/** The SQLite outbox store, with its message log. */
export interface SqliteOutboxStore extends OutboxStore {
  /**
   * Append-only log of every attempt (design §4), committed with the outbox's writes: pass it to the client as
   * `messageLog`. Rows cannot be updated or deleted (SQLite triggers refuse it).
   */
  readonly messageLog: SqliteMessageLog;
}

interface MessageRow {
  at: number;
  operation: string;
  request_id: string;
  correlation_id: string;
  method: string;
  url: string;
  request_hash: string;
  status: number | null;
  response_sha256: string | null;
  platform_request_id: string | null;
  error_code: string | null;
  duration_ms: number;
}

const ENCRYPTED_PREFIX = 'enc:v1:';

function createCipher(key: Uint8Array | undefined) {
  if (key === undefined) return { seal: (text: string) => text, open: (text: string) => text };
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new ExchangeError(
      'ERR_EXCHANGE_CONFIGURATION_INVALID',
      `option encryptionKey must be 32 bytes (AES-256), got ${key instanceof Uint8Array ? `${key.length} bytes` : typeof key}`,
    );
  }
  return {
    seal(text: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const encrypted = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return `${ENCRYPTED_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64')}`;
    },
    open(text: string): string {
      if (!text.startsWith(ENCRYPTED_PREFIX)) return text;
      const raw = Buffer.from(text.slice(ENCRYPTED_PREFIX.length), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new ExchangeError(
          'ERR_EXCHANGE_OUTBOX_FAILED',
          'an outbox record cannot be decrypted: wrong encryptionKey, or the database was altered',
          { cause: error },
        );
      }
    },
  };
}

interface Row {
  seq: number;
  id: string;
  operation: string;
  method: string;
  path: string;
  body: string;
  idempotency_key: string;
  ordering_key: string | null;
  version: number | null;
  payload_sha256: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  response: string | null;
  receipt: string | null;
}

const toRecordWith =
  (open: (text: string) => string) =>
  (row: Row): OutboxRecord => ({
    id: row.id,
    seq: row.seq,
    operation: row.operation,
    method: row.method as OutboxRecord['method'],
    path: row.path,
    body: open(row.body),
    idempotencyKey: row.idempotency_key,
    orderingKey: row.ordering_key,
    version: row.version,
    payloadSha256: row.payload_sha256,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    lastError: row.last_error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    response: row.response === null ? null : open(row.response),
    receipt: row.receipt,
  });

const PATCH_COLUMNS: Record<keyof OutboxRecordPatch, string> = {
  state: 'state',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastError: 'last_error',
  sentAt: 'sent_at',
  response: 'response',
  receipt: 'receipt',
};

async function openDatabase(path: string): Promise<SqliteDatabase> {
  let module: { default: new (file: string) => SqliteDatabase };
  try {
    module = (await import('better-sqlite3')) as unknown as typeof module;
  } catch (error) {
    throw new ExchangeError(
      'ERR_EXCHANGE_CONFIGURATION_INVALID',
      'createSqliteOutboxStore needs the optional peer dependency better-sqlite3 12.x; install it (npm i better-sqlite3@12) — 13.x needs Node 22',
      { cause: error },
    );
  }
  try {
    return new module.default(path);
  } catch (error) {
    throw new ExchangeError(
      'ERR_EXCHANGE_OUTBOX_FAILED',
      `cannot open the outbox database (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}); check the path and its directory permissions`,
      { cause: error },
    );
  }
}

/**
 * A durable {@link OutboxStore} on SQLite (better-sqlite3 12, an optional peer dependency loaded on first use), in
 * WAL mode with `synchronous = FULL`: a record is on disk when `add` or `update` resolves, so a process killed at any
 * point loses nothing; resends reuse the stored Idempotency-Key, so nothing is applied twice. One relay process per
 * database file.
 *
 * @param options - file path or an open database, table name.
 * @returns the store (the schema is created if missing).
 * @throws ExchangeError `ERR_EXCHANGE_CONFIGURATION_INVALID` when better-sqlite3 is missing or options are bad;
 *   `ERR_EXCHANGE_OUTBOX_FAILED` when the database cannot be opened.
 * @example
 * ```ts
 * import { createSqliteOutboxStore } from '@zwfw/exchange-client/sqlite';
 * const store = await createSqliteOutboxStore({ path: './exchange-outbox.db' });
 * const client = createExchangeClient({ ...options, outbox: { store } });
 * ```
 */
export async function createSqliteOutboxStore(options: SqliteOutboxStoreOptions): Promise<SqliteOutboxStore> {
  const table = options.table ?? 'exchange_outbox';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
    throw new ExchangeError(
      'ERR_EXCHANGE_CONFIGURATION_INVALID',
      'option table must be a plain SQL identifier (letters, digits, _)',
    );
  }
  if (!options.database && (typeof options.path !== 'string' || options.path === '')) {
    throw new ExchangeError(
      'ERR_EXCHANGE_CONFIGURATION_INVALID',
      'createSqliteOutboxStore needs options.path (a file) or options.database',
    );
  }
  const cipher = createCipher(options.encryptionKey);
  const toRecord = toRecordWith(cipher.open);
  const db = options.database ?? (await openDatabase(options.path as string));
  const owned = options.database === undefined;
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${table} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      operation TEXT NOT NULL,
      method TEXT NOT NULL,
      path TEXT NOT NULL,
      body TEXT NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      ordering_key TEXT,
      version INTEGER,
      payload_sha256 TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER,
      response TEXT,
      receipt TEXT
    );
    CREATE INDEX IF NOT EXISTS ${table}_due ON ${table} (state, next_attempt_at);
    CREATE INDEX IF NOT EXISTS ${table}_unsent ON ${table} (ordering_key, seq) WHERE state != 'sent';
    CREATE TABLE IF NOT EXISTS ${table}_message_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      operation TEXT NOT NULL,
      request_id TEXT NOT NULL,
      correlation_id TEXT NOT NULL,
      method TEXT NOT NULL,
      url TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER,
      response_sha256 TEXT,
      platform_request_id TEXT,
      error_code TEXT,
      duration_ms REAL NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${table}_message_log_correlation ON ${table}_message_log (correlation_id, seq);
    CREATE TRIGGER IF NOT EXISTS ${table}_message_log_no_update BEFORE UPDATE ON ${table}_message_log
      BEGIN SELECT RAISE(ABORT, 'the message log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS ${table}_message_log_no_delete BEFORE DELETE ON ${table}_message_log
      BEGIN SELECT RAISE(ABORT, 'the message log is append-only'); END;
  `);
  const insertMessage = db.prepare(
    `INSERT INTO ${table}_message_log (at, operation, request_id, correlation_id, method, url, request_hash, status, response_sha256, platform_request_id, error_code, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const listMessages = db.prepare(`SELECT * FROM ${table}_message_log ORDER BY seq LIMIT ?`);
  const listMessagesOf = db.prepare(`SELECT * FROM ${table}_message_log WHERE correlation_id = ? ORDER BY seq LIMIT ?`);
  const toEntry = (row: MessageRow): MessageLogEntry => ({
    at: new Date(row.at),
    operation: row.operation,
    requestId: row.request_id,
    correlationId: row.correlation_id,
    method: row.method,
    url: row.url,
    requestHash: row.request_hash,
    status: row.status,
    responseSha256: row.response_sha256,
    platformRequestId: row.platform_request_id,
    errorCode: row.error_code,
    durationMs: row.duration_ms,
  });
  const insert = db.prepare(
    `INSERT INTO ${table} (id, operation, method, path, body, idempotency_key, ordering_key, version, payload_sha256, state, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) RETURNING *`,
  );
  const byId = db.prepare(`SELECT * FROM ${table} WHERE id = ?`);
  const blocked = db.prepare(`SELECT 1 FROM ${table} WHERE ordering_key = ? AND seq < ? AND state != 'sent' LIMIT 1`);
  const due = db.prepare(
    `SELECT * FROM ${table} AS o WHERE o.state = 'pending' AND o.next_attempt_at <= ?
       AND (o.ordering_key IS NULL OR NOT EXISTS (
         SELECT 1 FROM ${table} AS p WHERE p.ordering_key = o.ordering_key AND p.seq < o.seq AND p.state != 'sent'))
     ORDER BY o.seq LIMIT ?`,
  );
  const listAll = db.prepare(`SELECT * FROM ${table} ORDER BY seq LIMIT ?`);
  const listState = db.prepare(`SELECT * FROM ${table} WHERE state = ? ORDER BY seq LIMIT ?`);
  const counts = db.prepare(`SELECT state, COUNT(*) AS n FROM ${table} GROUP BY state`);
  const prune = db.prepare(`DELETE FROM ${table} WHERE state = 'sent' AND sent_at < ?`);
  const updates = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  let closed = false;
  const open = () => {
    if (closed) throw new ExchangeError('ERR_EXCHANGE_OUTBOX_FAILED', 'the outbox store is closed; create a new one');
  };
  // Group commit: writes issued in the same event-loop turn share one transaction, hence one fsync of the WAL
  // (synchronous = FULL). Each write runs in its own savepoint, so one failing write does not undo the others, and
  // every promise settles only after the commit.
  let queue: WriteJob[] = [];
  const inSavepoint = db.transaction((run: () => unknown) => run());
  const commitBatch = db.transaction((jobs: WriteJob[]) =>
    jobs.map((job) => {
      try {
        return { ok: true as const, value: inSavepoint(job.run) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  const flushQueue = () => {
    const jobs = queue;
    queue = [];
    let results: ReturnType<typeof commitBatch>;
    try {
      results = commitBatch(jobs);
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    results.forEach((result, index) => {
      const job = jobs[index] as WriteJob;
      if (result.ok) job.resolve(result.value);
      else job.reject(result.error);
    });
  };
  const write = <T>(run: () => T): Promise<T> => {
    open();
    return new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flushQueue);
      queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
    });
  };
  return {
    messageLog: {
      async append(entry) {
        await write(() =>
          insertMessage.run(
            entry.at.getTime(),
            entry.operation,
            entry.requestId,
            entry.correlationId,
            entry.method,
            entry.url,
            entry.requestHash,
            entry.status,
            entry.responseSha256,
            entry.platformRequestId,
            entry.errorCode,
            entry.durationMs,
          ),
        );
      },
      async list(filter = {}) {
        open();
        const limit = filter.limit ?? 100;
        const rows = (
          filter.correlationId === undefined ? listMessages.all(limit) : listMessagesOf.all(filter.correlationId, limit)
        ) as MessageRow[];
        return rows.map(toEntry);
      },
    },
    async add(record: NewOutboxRecord) {
      const row = await write(
        () =>
          insert.get(
            record.id,
            record.operation,
            record.method,
            record.path,
            cipher.seal(record.body),
            record.idempotencyKey,
            record.orderingKey,
            record.version,
            record.payloadSha256,
            record.createdAt.getTime(),
            record.createdAt.getTime(),
          ) as Row,
      );
      return toRecord(row);
    },
    async get(id) {
      open();
      const row = byId.get(id) as Row | undefined;
      return row && toRecord(row);
    },
    async due(now, limit) {
      open();
      return (due.all(now.getTime(), limit) as Row[]).map(toRecord);
    },
    async isBlocked(record) {
      open();
      return record.orderingKey !== null && blocked.get(record.orderingKey, record.seq) !== undefined;
    },
    async update(id, patch) {
      const keys = (Object.keys(patch) as (keyof OutboxRecordPatch)[]).filter((key) => patch[key] !== undefined);
      if (keys.length === 0) return;
      const signature = keys.join(',');
      let statement = updates.get(signature);
      if (!statement) {
        statement = db.prepare(
          `UPDATE ${table} SET ${keys.map((key) => `${PATCH_COLUMNS[key]} = ?`).join(', ')} WHERE id = ?`,
        );
        updates.set(signature, statement);
      }
      const values = keys.map((key) => {
        const value = patch[key];
        if (key === 'response' && typeof value === 'string') return cipher.seal(value);
        return value instanceof Date ? value.getTime() : value;
      });
      const run = statement.run.bind(statement);
      const { changes } = await write(() => run(...values, id));
      if (changes !== 1)
        throw new ExchangeError('ERR_EXCHANGE_OUTBOX_FAILED', `outbox record "${id.slice(0, 64)}" does not exist`);
    },
    async list(filter = {}) {
      open();
      const limit = filter.limit ?? 100;
      const rows = (filter.state ? listState.all(filter.state, limit) : listAll.all(limit)) as Row[];
      return rows.map(toRecord);
    },
    async counts() {
      open();
      const result: Record<OutboxState, number> = { pending: 0, sent: 0, dead: 0 };
      for (const row of counts.all() as { state: OutboxState; n: number }[]) result[row.state] = row.n;
      return result;
    },
    async prune(before) {
      const { changes } = await write(() => prune.run(before.getTime()));
      return changes;
    },
    async close() {
      if (closed) return;
      if (queue.length > 0) flushQueue();
      closed = true;
      if (owned) db.close();
    },
  };
}
