/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link SimulatorError}. Codes are public API: they change only in a major release.
 *
 * | Code | When |
 * |---|---|
 * | `ERR_SIMULATOR_START_FAILED` | the server could not listen (port in use, bad host) |
 * | `ERR_SIMULATOR_OPTIONS_INVALID` | a `startSimulator` option is out of range |
 * | `ERR_SIMULATOR_SEED_INVALID` | `seed()` data fails the wire schemas |
 * | `ERR_SIMULATOR_FAULT_INVALID` | a fault rule or clock offset is malformed |
 * | `ERR_SIMULATOR_CASE_NOT_FOUND` | `advanceCase()` names an unknown case |
 * | `ERR_SIMULATOR_TRANSITION_NOT_ALLOWED` | `advanceCase()` asks for a status not reachable from the current one |
 */
export type SimulatorErrorCode =
  | 'ERR_SIMULATOR_START_FAILED'
  | 'ERR_SIMULATOR_OPTIONS_INVALID'
  | 'ERR_SIMULATOR_SEED_INVALID'
  | 'ERR_SIMULATOR_FAULT_INVALID'
  | 'ERR_SIMULATOR_CASE_NOT_FOUND'
  | 'ERR_SIMULATOR_TRANSITION_NOT_ALLOWED';

/**
 * The base error of `@zwfw/platform-simulator`. Every error this package throws is an instance, with a stable {@link SimulatorErrorCode}.
 *
 * @example
 * ```ts
 * try { run(); } catch (error) {
 *   if (isSimulatorError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class SimulatorError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: SimulatorErrorCode;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(code: SimulatorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Whether `error` is a {@link SimulatorError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 * @example
 * ```ts
 * if (isSimulatorError(error) && error.code === 'ERR_SIMULATOR_START_FAILED') process.exitCode = 1;
 * ```
 */
export function isSimulatorError(error: unknown): error is SimulatorError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('ERR_SIMULATOR_')
  );
}
