/**
 * A stateful simulator of the provincial platform's HTTP API.
 *
 * Exported from `@zwfw/platform-simulator`.
 *
 * @module
 */
export { SimulatorError, isSimulatorError } from './errors';
export type { SimulatorErrorCode } from './errors';
