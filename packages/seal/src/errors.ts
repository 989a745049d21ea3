/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link SealError}. Codes are public API: they change only in a major release.
 */
export type SealErrorCode =
  | 'ERR_SEAL_INPUT_INVALID'
  | 'ERR_SEAL_PLACEHOLDER_TOO_SMALL'
  | 'ERR_SEAL_PDF_UNSUPPORTED'
  | 'ERR_SEAL_SIGNER_FAILED'
  | 'ERR_SEAL_VERIFICATION_FAILED'
  | 'ERR_SEAL_KEY_INVALID'
  | 'ERR_SEAL_CERTIFICATE_INVALID'
  | 'ERR_SEAL_ALGORITHM_UNSUPPORTED'
  | 'ERR_SEAL_TIMESTAMP_FAILED'
  | 'ERR_SEAL_RENDER_FAILED';

/**
 * The base error of `@zwfw/seal`. Every error this package throws is an instance, with a stable {@link SealErrorCode}.
 *
 * @example
 * ```ts
 * try { run(); } catch (error) {
 *   if (isSealError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class SealError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: SealErrorCode;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(code: SealErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Whether `error` is a {@link SealError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 */
export function isSealError(error: unknown): error is SealError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('ERR_SEAL_')
  );
}
