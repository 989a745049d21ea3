/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link ExchangeError}. Codes are public API: they change only in a major release.
 */
export type ExchangeErrorCode = 'ERR_EXCHANGE_INPUT_INVALID' | 'ERR_EXCHANGE_HTTP' | 'ERR_EXCHANGE_RESPONSE_INVALID';

/**
 * The base error of `@zwfw/exchange-client`. Every error this package throws is an instance, with a stable {@link ExchangeErrorCode}.
 *
 * @example
 * ```ts
 * try { run(); } catch (error) {
 *   if (isExchangeError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class ExchangeError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: ExchangeErrorCode;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(code: ExchangeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Whether `error` is a {@link ExchangeError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 */
export function isExchangeError(error: unknown): error is ExchangeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('ERR_EXCHANGE_')
  );
}
