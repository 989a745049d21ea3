/**
 * A stateful simulator of the provincial platform's HTTP API (the normalized exchange API of `@zwfw/exchange-client`),
 * with request signing checks, idempotency, JWS receipts and fault injection, for tests and integrators' CI.
 *
 * Exported from `@zwfw/platform-simulator`.
 *
 * @module
 */
export { SimulatorError, isSimulatorError } from './errors';
export type { SimulatorErrorCode } from './errors';
export {
  startSimulator,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SLOT_CAPACITY,
  DEFAULT_REQUEST_LOG_LIMIT,
  DEFAULT_TIMESTAMP_TOLERANCE_MS,
  DEFAULT_NONCE_WINDOW_MS,
} from './start-simulator';
export type { Simulator, SimulatorOptions, SimulatorPublicJwk } from './start-simulator';
export { DEFAULT_CREDENTIALS, DEFAULT_SEED } from './default-seed';
export type {
  SimulatorCredentials,
  SimulatorApp,
  SimulatorItem,
  SimulatorCertificate,
  SimulatorResource,
  SimulatorHall,
  SimulatorSeed,
  FaultMode,
  FaultRuleInput,
  FaultRule,
  AddFaultsOptions,
  AdvanceCaseInput,
  SimulatorCaseSummary,
} from './types';
export type { RequestLogEntry } from './internal/request-log';
