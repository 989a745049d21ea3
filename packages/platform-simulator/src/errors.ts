/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link SimulatorError}. Codes are public API: they change only in a major release.
 */
export type SimulatorErrorCode = 'ERR_SIMULATOR_START_FAILED';

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
