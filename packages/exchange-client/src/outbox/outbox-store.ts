/** State of an outbox record: waiting to be sent, accepted by the platform, or rejected for good (dead letter). */
export type OutboxState = 'pending' | 'sent' | 'dead';

/** A durable operation as written to the store before it is sent. */
export interface NewOutboxRecord {
  /** ULID-like unique id. */
  id: string;
  /** Operation name, e.g. `cases.submit`. */
  operation: string;
  /** HTTP method. */
  method: 'POST' | 'PUT' | 'DELETE';
  /** Path relative to the client's base URL. */
  path: string;
  /** Serialized JSON body, sent byte for byte on every attempt. */
  body: string;
  /** The operation's Idempotency-Key; never regenerated. */
  idempotencyKey: string;
  /** Records with the same key are sent strictly in insertion order (the case number). */
  orderingKey: string | null;
  /** Case version (DATAVER) the operation writes, when it concerns a case. */
  version: number | null;
  /** Lowercase hex SHA-256 of `body`. */
  payloadSha256: string;
  /** Creation time. */
  createdAt: Date;
}

/** A stored outbox record. */
export interface OutboxRecord extends NewOutboxRecord {
  /** Insertion order, assigned by the store. */
  seq: number;
  /** Current state. */
  state: OutboxState;
  /** Send attempts made so far (each may include the client's in-call retries). */
  attempts: number;
  /** Not sent before this time (backoff). */
  nextAttemptAt: Date;
  /** `CODE: message` of the last failure (masked). */
  lastError: string | null;
  /** When the platform accepted it. */
  sentAt: Date | null;
  /** The platform's `data` (JSON), once sent. */
  response: string | null;
  /** The platform's receipt (compact JWS), when the operation returns one. */
  receipt: string | null;
}

/** Fields that the outbox updates after an attempt. */
export type OutboxRecordPatch = Partial<
  Pick<OutboxRecord, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt' | 'response' | 'receipt'>
>;

/** Filter of {@link OutboxStore.list}. */
export interface OutboxListFilter {
  /** Only records in this state. */
  state?: OutboxState;
  /** At most this many, oldest first. @defaultValue 100 */
  limit?: number;
}

/**
 * Durable storage of the outbox. `add` and `update` must be durable when their promise resolves (the SQLite store
 * commits with `synchronous = FULL`). Implement it for another database by keeping these semantics.
 */
export interface OutboxStore {
  /**
   * Insert a record in state `pending` with `nextAttemptAt = createdAt`; durable on resolve.
   * @param record - the new record.
   * @returns the stored record (with `seq`).
   */
  add(record: NewOutboxRecord): Promise<OutboxRecord>;
  /**
   * One record.
   * @param id - record id.
   * @returns the record, or `undefined`.
   */
  get(id: string): Promise<OutboxRecord | undefined>;
  /**
   * Pending records due at `now`, oldest first, each the earliest not-yet-sent record of its ordering key.
   * @param now - current time.
   * @param limit - maximum number of records.
   * @returns due records.
   */
  due(now: Date, limit: number): Promise<OutboxRecord[]>;
  /**
   * Whether an earlier record with the same ordering key is not yet sent (so this one must wait).
   * @param record - the record to check.
   * @returns `true` when blocked.
   */
  isBlocked(record: OutboxRecord): Promise<boolean>;
  /**
   * Update a record; durable on resolve.
   * @param id - record id.
   * @param patch - fields to change.
   */
  update(id: string, patch: OutboxRecordPatch): Promise<void>;
  /**
   * Records, oldest first.
   * @param filter - state and limit.
   * @returns matching records.
   */
  list(filter?: OutboxListFilter): Promise<OutboxRecord[]>;
  /**
   * Number of records per state.
   * @returns counts.
   */
  counts(): Promise<Record<OutboxState, number>>;
  /**
   * Delete `sent` records accepted before `before` (their receipts go with them: archive first if you keep evidence).
   * @param before - cut-off of `sentAt`.
   * @returns the number of records deleted.
   */
  prune(before: Date): Promise<number>;
  /** Release resources (close the database). */
  close(): Promise<void>;
}
