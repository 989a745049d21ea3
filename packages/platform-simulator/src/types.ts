import type { CertificateRecord, DataResource, ItemRecord } from '@zwfw/exchange-client';

/** App credentials of the simulated gateway (`X-Exchange-App-Key` and the HMAC secret). */
export interface SimulatorCredentials {
  /** Sent in `X-Exchange-App-Key`. */
  appKey: string;
  /** The HMAC secret. Test-only: never use a real platform secret with the simulator. */
  appSecret: string;
}

/** An app known to the simulated gateway, with the 有条件共享 resources it was approved for. */
export interface SimulatorApp extends SimulatorCredentials {
  /** Display name. */
  name?: string;
  /** Codes of conditionally shared (有条件共享) resources this app may query. */
  approvedResources?: string[];
}

/**
 * One item (事项) served by `GET /items`: the wire's item record (`implementationCode`, `name`, `version`,
 * `regionCode`, `updatedAt`, `status`) plus any further catalog fields, served as seeded.
 */
export type SimulatorItem = ItemRecord;

/** A certificate held by the simulator: the record served by the API plus the file content. */
export interface SimulatorCertificate extends CertificateRecord {
  /** The file served by `GET /certificates/{certId}/file` (bytes). Default: a small generated PDF. */
  file?: Uint8Array | ArrayBuffer;
}

/** A shared-data resource (目录) plus the rows a query can return. */
export interface SimulatorResource extends DataResource {
  /** Rows; a query returns those whose fields equal every query parameter. */
  rows?: Record<string, string | number | boolean | null>[];
}

/** A service hall (办事大厅) that offers appointment slots. */
export interface SimulatorHall {
  /** Hall identifier used in `hallId`. */
  hallId: string;
  /** Display name. */
  name: string;
  /** Slot start times (`HH:mm`), 30 minutes each. Default: 09:00–11:30 and 14:00–17:00. */
  slotTimes?: string[];
  /** Bookings per slot. Default {@link SimulatorOptions.slotCapacity}. */
  capacity?: number;
}

/**
 * Data loaded by `seed()` / `POST /__sim/seed`. Each list given replaces the current one of that kind.
 *
 * @example
 * ```ts
 * sim.seed({ apps: [{ appKey: 'ci-app', appSecret: 'ci-app-secret-0123456789', approvedResources: ['430400-GA-0002'] }] });
 * ```
 */
export interface SimulatorSeed {
  /** Items served by `GET /items` (事项下发). */
  items?: SimulatorItem[];
  /** E-certificates served by `GET /certificates` and verified by `POST /certificates/verify`. */
  certificates?: SimulatorCertificate[];
  /** Shared-data catalogue resources with their rows. */
  resources?: SimulatorResource[];
  /** Apps the gateway accepts; the first one becomes `Simulator.credentials`. */
  apps?: SimulatorApp[];
  /** Service halls offering appointment slots. */
  halls?: SimulatorHall[];
}

/** How a fault rule breaks matching requests. */
export type FaultMode = 'down' | 'latency' | 'status' | 'rate-limit' | 'drop-before-commit' | 'drop-after-commit';

/**
 * A fault rule for `addFaults()` / `POST /__sim/faults`.
 *
 * - `down`: reset the connection before reading the request.
 * - `latency`: wait `ms`, then process the request normally (a client that timed out may still see it committed).
 * - `status`: answer `status` (default 503) with a gateway error; `retryAfterSeconds` adds `Retry-After`.
 * - `rate-limit`: answer 429 `RATE_LIMITED` with `Retry-After: retryAfterSeconds` (default 1).
 * - `drop-before-commit`: read the request, then destroy the socket without storing anything.
 * - `drop-after-commit`: process and store the request, then destroy the socket instead of answering.
 *
 * @example
 * ```ts
 * sim.addFaults([
 *   { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'status', status: 503, probability: 0.2 },
 *   { match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', probability: 0.05 },
 * ], { seed: 42 });
 * ```
 */
export interface FaultRuleInput {
  /** Which requests: `method` (any case) and a `path` glob (`*` within a segment, `**` across). Default: all API requests. */
  match?: { method?: string; path?: string };
  /** What the fault does, see above. */
  mode: FaultMode;
  /** HTTP status of a `status` fault (400–599). */
  status?: number;
  /** Delay of a `latency` fault, in milliseconds (required for `latency`). */
  ms?: number;
  /** `Retry-After` seconds for `rate-limit` and `status` faults. */
  retryAfterSeconds?: number;
  /** Fire at most this many times. Default: unlimited. */
  times?: number;
  /** Fire only during this many milliseconds after the rule is added ("province down for 2 minutes"). */
  forMs?: number;
  /**
   * Fire on this share of matching requests (0 < p ≤ 1). Probabilistic rules share one seeded random draw per
   * request and occupy consecutive bands, so their shares add up instead of overlapping.
   */
  probability?: number;
}

/** An installed fault rule with its id and how often it fired. */
export interface FaultRule extends FaultRuleInput {
  /** Rule id (`fault-1`, …). */
  id: string;
  /** For `forMs` rules: when the rule stops firing (ISO 8601, real time). */
  activeUntil?: string;
  /** Times this rule fired. */
  hits: number;
}

/** Options of `addFaults()`. */
export interface AddFaultsOptions {
  /** Re-seed the random generator that decides probabilistic rules, to replay a mix exactly. */
  seed?: number;
}

/** Input of `advanceCase()` / `POST /__sim/cases/{caseNo}/advance`: a platform-side stage change. */
export interface AdvanceCaseInput {
  /** Target status; must be allowed from the case's current status. */
  status: string;
  /** Opinion recorded with the event. */
  opinion?: string;
}

/** One case as the test controls summarise it. */
export interface SimulatorCaseSummary {
  /** 申办流水号. */
  caseNo: string;
  /** Current version (DATAVER). */
  version: number;
  /** Current status (a `CaseStatus` of the wire). */
  status: string;
  /** Number of `POST /cases` requests that created or collided with this case (replays excluded). */
  submissions: number;
}
