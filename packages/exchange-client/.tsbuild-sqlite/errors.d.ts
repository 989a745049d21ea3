/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
declare const ERROR_MARKER: unique symbol;
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
export declare class ExchangeError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: ExchangeErrorCode;
  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(
    code: ExchangeErrorCode,
    message: string,
    options?: {
      cause?: unknown;
    },
  );
}
/**
 * Whether `error` is a {@link ExchangeError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 */
export declare function isExchangeError(error: unknown): error is ExchangeError;
//# sourceMappingURL=errors.d.ts.map
