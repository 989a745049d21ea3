/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link CertificateError}. Codes are public API: they change only in a major release.
 */
export type CertificateErrorCode =
  | 'ERR_CERTIFICATE_INPUT_INVALID'
  | 'ERR_CERTIFICATE_ID_INVALID'
  | 'ERR_CERTIFICATE_GLYPH_MISSING';

/**
 * The base error of `@zwfw/certificate`. Every error this package throws is an instance, with a stable {@link CertificateErrorCode}.
 *
 * @example
 * ```ts
 * try { run(); } catch (error) {
 *   if (isCertificateError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class CertificateError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: CertificateErrorCode;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(code: CertificateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Whether `error` is a {@link CertificateError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 */
export function isCertificateError(error: unknown): error is CertificateError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('ERR_CERTIFICATE_')
  );
}
