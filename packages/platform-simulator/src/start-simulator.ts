import type { AddressInfo } from 'node:net';
import { DEFAULT_CREDENTIALS, DEFAULT_SEED } from './default-seed';
import { SimulatorError } from './errors';
import { ApiError } from './internal/http';
import { loadFixtureCertificates, renderFixtureCertificate } from './internal/fixture-certificates';
import { createPlaceholderPdf } from './internal/minimal-pdf';
import { createReceiptKeys } from './internal/receipts';
import type { RequestLogEntry } from './internal/request-log';
import { advanceCase } from './internal/routes/cases';
import { SeedInputSchema, summariseCases } from './internal/routes/controls';
import { createSimulatorRuntime } from './internal/server';
import { SimulatorState } from './internal/state';
import type {
  AddFaultsOptions,
  AdvanceCaseInput,
  FaultRule,
  FaultRuleInput,
  SimulatorCaseSummary,
  SimulatorCredentials,
  SimulatorSeed,
} from './types';

/** Largest accepted request body by default: 1 MiB (larger → 413 `PAYLOAD_TOO_LARGE`). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Bookings per appointment slot by default. */
export const DEFAULT_SLOT_CAPACITY = 2;
/** Request-log entries kept by default (oldest dropped first). */
export const DEFAULT_REQUEST_LOG_LIMIT = 1000;
/** Accepted clock distance of a request timestamp by default: ±5 minutes (design §6). */
export const DEFAULT_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;
/** Nonces stay used for 15 minutes per app key by default (design §6). */
export const DEFAULT_NONCE_WINDOW_MS = 15 * 60_000;

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /**
   * TCP port; `0` picks a free one (read it from {@link Simulator.port}).
   * @defaultValue 0
   */
  port?: number;
  /**
   * Interface to bind. Keep the loopback default unless the simulator runs in a container that others reach.
   * @defaultValue '127.0.0.1'
   */
  host?: string;
  /**
   * Data to start with. Each list given replaces the built-in list of that kind ({@link DEFAULT_SEED}); `reset()`
   * returns to this seed.
   */
  seed?: SimulatorSeed;
  /**
   * Largest accepted request body in bytes.
   * @defaultValue {@link DEFAULT_MAX_BODY_BYTES}
   */
  maxBodyBytes?: number;
  /**
   * Bookings per appointment slot, unless a hall sets its own.
   * @defaultValue {@link DEFAULT_SLOT_CAPACITY}
   */
  slotCapacity?: number;
  /**
   * Request-log entries kept.
   * @defaultValue {@link DEFAULT_REQUEST_LOG_LIMIT}
   */
  requestLogLimit?: number;
  /**
   * Seed of the random generator behind probabilistic fault rules (re-seed later with `addFaults(rules, { seed })`).
   * @defaultValue 1
   */
  faultSeed?: number;
  /** The simulator's base clock (the clock offset is added to it). Default: the system clock. */
  now?: () => Date;
  /**
   * Signature algorithms the gateway accepts; a province that demands SM3 is `['hmac-sm3']`.
   * @defaultValue ['hmac-sha256', 'hmac-sm3']
   */
  signatureAlgorithms?: ('hmac-sha256' | 'hmac-sm3')[];
  /**
   * Accepted distance of `X-Exchange-Timestamp` from the simulator clock, in ms.
   * @defaultValue {@link DEFAULT_TIMESTAMP_TOLERANCE_MS} (±5 minutes)
   */
  timestampToleranceMs?: number;
  /**
   * How long a nonce stays used per app key, in ms.
   * @defaultValue {@link DEFAULT_NONCE_WINDOW_MS} (15 minutes)
   */
  nonceWindowMs?: number;
}

/** The receipt verification key: a public EC P-256 JWK (ES256). */
export interface SimulatorPublicJwk {
  /** `EC`. */
  kty: string;
  /** `P-256`. */
  crv: string;
  /** Public point, x coordinate (base64url). */
  x: string;
  /** Public point, y coordinate (base64url). */
  y: string;
  /** RFC 7638 thumbprint; the receipts' JWS header carries the same `kid`. */
  kid: string;
  /** `ES256`. */
  alg: string;
  /** `sig`. */
  use: string;
}

/** A running simulator: where it listens, its keys and credentials, and the controls of `/__sim` as methods. */
export interface Simulator {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  /** `http://127.0.0.1:<port>/api/v1/`: the `baseUrl` for `createExchangeClient`. */
  readonly apiUrl: string;
  /** The TCP port. */
  readonly port: number;
  /** Public key that verifies the JWS receipts (also served at `GET /api/v1/keys`). */
  readonly publicJwk: SimulatorPublicJwk;
  /** Test-only credentials accepted by the gateway ({@link DEFAULT_CREDENTIALS} unless the seed replaces the apps). */
  readonly credentials: SimulatorCredentials;
  /** Clear cases, bookings, evaluations, idempotency keys, nonces, faults, the log and the clock offset; re-seed. */
  reset(): void;
  /**
   * Load data; each list given replaces the current list of that kind.
   * @param seed - the data, validated against the wire schemas.
   * @throws {@link SimulatorError} `ERR_SIMULATOR_SEED_INVALID` when the data fails the wire schemas.
   */
  seed(seed: SimulatorSeed): void;
  /**
   * Install fault rules (appended after the current ones).
   * @param rules - the rules, see {@link FaultRuleInput}.
   * @param options - `seed` re-seeds the random generator of probabilistic rules.
   * @returns the installed rules with their ids.
   * @throws {@link SimulatorError} `ERR_SIMULATOR_FAULT_INVALID` for a malformed rule.
   */
  addFaults(rules: readonly FaultRuleInput[], options?: AddFaultsOptions): FaultRule[];
  /** Remove every fault rule. */
  clearFaults(): void;
  /** The installed fault rules with their hit counts. */
  faults(): FaultRule[];
  /** The request log, oldest first, with authentication results; ID and mobile numbers masked. */
  requests(): RequestLogEntry[];
  /** Empty the request log. */
  clearRequests(): void;
  /**
   * Skew the simulator clock by `offsetMs` (positive = the platform is ahead), e.g. to provoke `CLOCK_SKEW`.
   * @param offsetMs - milliseconds added to the base clock.
   * @throws {@link SimulatorError} `ERR_SIMULATOR_FAULT_INVALID` when the offset is not an integer within a year.
   */
  setClockOffset(offsetMs: number): void;
  /**
   * Move a case to a new status on the platform side (version + 1), as a department would.
   * @param caseNo - the case.
   * @param input - the target status and an optional opinion.
   * @returns the case's new summary.
   * @throws {@link SimulatorError} `ERR_SIMULATOR_CASE_NOT_FOUND`, `ERR_SIMULATOR_TRANSITION_NOT_ALLOWED`.
   */
  advanceCase(caseNo: string, input: AdvanceCaseInput): SimulatorCaseSummary;
  /** Every case with its submission count: assert "each case exactly once" with it. */
  cases(): SimulatorCaseSummary[];
  /** Stop listening, cut open connections and cancel pending latency faults. */
  close(): Promise<void>;
}

function seedError(error: unknown): never {
  const message = error instanceof ApiError ? error.message : String(error);
  throw new SimulatorError('ERR_SIMULATOR_SEED_INVALID', message, { cause: error });
}

/** Validate a programmatic seed with the same schema as `POST /__sim/seed` (files are bytes here). */
function validateSeed(seed: SimulatorSeed): void {
  const { certificates, ...rest } = seed;
  const result = SeedInputSchema.safeParse({
    ...rest,
    certificates: certificates?.map(({ file: _file, ...record }) => record),
  });
  if (!result.success) {
    const first = result.error.issues[0];
    seedError(
      `the seed is invalid at ${first?.path.join('.') || '(root)'}: ${first?.message}; fix the data (it must match the exchange wire schemas)`,
    );
  }
}

function checkOption(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new SimulatorError(
      'ERR_SIMULATOR_OPTIONS_INVALID',
      `option ${name} must be an integer from ${min} to ${max}, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
}

/**
 * Start a simulator of the provincial platform on loopback: a real `node:http` server with the normalized exchange
 * API under `/api/v1`, `/health`, and the `/__sim` test controls.
 *
 * @param options - port, seed data, limits and deterministic seams.
 * @returns the running {@link Simulator}; call `close()` when done.
 * @throws {@link SimulatorError} `ERR_SIMULATOR_OPTIONS_INVALID` for an out-of-range option,
 *   `ERR_SIMULATOR_SEED_INVALID` for bad seed data, `ERR_SIMULATOR_START_FAILED` when it cannot listen.
 * @example
 * ```ts
 * import { startSimulator } from '@zwfw/platform-simulator';
 * import { createExchangeClient } from '@zwfw/exchange-client';
 *
 * const sim = await startSimulator();
 * const client = createExchangeClient({
 *   baseUrl: sim.apiUrl,
 *   credentials: sim.credentials,
 *   client: { regionCode: '430400000000', organizationCode: '11430400MB1D03622L', systemCode: 'HY-TEST' },
 *   receipts: { verificationKey: sim.publicJwk },
 * });
 * sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'drop-after-commit', times: 1 }]);
 * // … submit, then assert sim.cases() holds the case exactly once …
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  checkOption('port', options.port, 0, 65535);
  checkOption('maxBodyBytes', options.maxBodyBytes, 1, 1024 * 1024 * 1024);
  checkOption('slotCapacity', options.slotCapacity, 0, 100_000);
  checkOption('requestLogLimit', options.requestLogLimit, 0, 1_000_000);
  checkOption('faultSeed', options.faultSeed, -(2 ** 31), 2 ** 32);
  checkOption('timestampToleranceMs', options.timestampToleranceMs, 1, 86_400_000);
  checkOption('nonceWindowMs', options.nonceWindowMs, 1, 86_400_000);
  const algorithms = options.signatureAlgorithms ?? ['hmac-sha256', 'hmac-sm3'];
  if (algorithms.length === 0 || algorithms.some((name) => name !== 'hmac-sha256' && name !== 'hmac-sm3')) {
    throw new SimulatorError(
      'ERR_SIMULATOR_OPTIONS_INVALID',
      'option signatureAlgorithms must list at least one of "hmac-sha256", "hmac-sm3"',
    );
  }
  if (options.seed !== undefined) validateSeed(options.seed);
  const initialSeed: SimulatorSeed = { ...DEFAULT_SEED, ...options.seed };
  const state = new SimulatorState(initialSeed, (record) => {
    // Fixture certificates are rendered as real e-certificate PDFs; any other gets a one-page placeholder.
    const fixture = loadFixtureCertificates().find((entry) => entry.record.identifier === record.certId);
    if (fixture !== undefined) return () => renderFixtureCertificate(fixture);
    return async () =>
      createPlaceholderPdf([
        `Electronic certificate (simulator): ${record.certTypeCode}`,
        `Number: ${record.certNo}`,
        `Identifier: ${record.certId}`,
        `Issued: ${record.issuedAt}`,
      ]);
  });
  const receipts = await createReceiptKeys('zwfw-platform-simulator');
  const runtime = createSimulatorRuntime({
    state,
    receipts,
    initialSeed,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    slotCapacity: options.slotCapacity ?? DEFAULT_SLOT_CAPACITY,
    requestLogLimit: options.requestLogLimit ?? DEFAULT_REQUEST_LOG_LIMIT,
    faultSeed: options.faultSeed ?? 1,
    signatureAlgorithms: algorithms,
    timestampToleranceMs: options.timestampToleranceMs ?? DEFAULT_TIMESTAMP_TOLERANCE_MS,
    nonceWindowMs: options.nonceWindowMs ?? DEFAULT_NONCE_WINDOW_MS,
    baseNow: options.now ?? (() => new Date()),
  });
  const host = options.host ?? '127.0.0.1';
  const { server } = runtime;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new SimulatorError(
          'ERR_SIMULATOR_START_FAILED',
          `cannot listen on ${host}:${options.port ?? 0} (${error.code ?? error.message}); pass port 0 for a free port, or stop the process using it`,
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const firstApp = state.apps.values().next().value;
  const credentials = firstApp
    ? { appKey: firstApp.appKey, appSecret: firstApp.appSecret }
    : { ...DEFAULT_CREDENTIALS };
  let closing: Promise<void> | undefined;

  return {
    url,
    apiUrl: `${url}/api/v1/`,
    port,
    publicJwk: receipts.publicJwk as SimulatorPublicJwk,
    credentials,
    reset: () => runtime.reset(),
    seed(seed) {
      validateSeed(seed);
      state.seed(seed);
    },
    addFaults(rules, addOptions) {
      try {
        return runtime.faults.add(rules, addOptions?.seed);
      } catch (error) {
        throw new SimulatorError(
          'ERR_SIMULATOR_FAULT_INVALID',
          `a fault rule is invalid (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 300)}); see FaultRuleInput`,
          { cause: error },
        );
      }
    },
    clearFaults: () => runtime.faults.clear(),
    faults: () => runtime.faults.list(),
    requests: () => runtime.log.list(),
    clearRequests: () => runtime.log.clear(),
    setClockOffset(offsetMs) {
      if (!Number.isInteger(offsetMs) || Math.abs(offsetMs) > 365 * 86_400_000) {
        throw new SimulatorError(
          'ERR_SIMULATOR_FAULT_INVALID',
          'offsetMs must be an integer number of milliseconds within ±1 year',
        );
      }
      runtime.clock.offsetMs = offsetMs;
    },
    advanceCase(caseNo, input) {
      try {
        const advanced = advanceCase(runtime.context, caseNo, input.status, input.opinion);
        return summariseCases(runtime.context).find((entry) => entry.caseNo === advanced.caseNo)!;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'CASE_NOT_FOUND') {
          throw new SimulatorError('ERR_SIMULATOR_CASE_NOT_FOUND', error.message, { cause: error });
        }
        if (error instanceof ApiError) {
          throw new SimulatorError('ERR_SIMULATOR_TRANSITION_NOT_ALLOWED', error.message, { cause: error });
        }
        throw error;
      }
    },
    cases: () => summariseCases(runtime.context),
    close() {
      closing ??= new Promise<void>((resolve) => {
        runtime.cancelWaits();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
