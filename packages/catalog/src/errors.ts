import type { Issue } from './issue';

/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link CatalogError}. Codes are public API: they change only in a major release.
 */
export type CatalogErrorCode =
  | 'ERR_CATALOG_INPUT_INVALID'
  | 'ERR_CATALOG_CODE_INVALID'
  | 'ERR_CATALOG_VALIDATION_FAILED'
  | 'ERR_CATALOG_PROFILE_UNKNOWN'
  | 'ERR_CATALOG_CSV_INVALID';

/**
 * The base error of `@zwfw/catalog`. Every error this package throws is an instance, with a stable {@link CatalogErrorCode}.
 *
 * @example
 * ```ts
 * try { run(); } catch (error) {
 *   if (isCatalogError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export class CatalogError extends Error {
  /** @internal */
  readonly [ERROR_MARKER] = true;
  /** The stable error code. */
  readonly code: CatalogErrorCode;

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(code: CatalogErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Whether `error` is a {@link CatalogError}, also across bundles and duplicate installs (no `instanceof`).
 *
 * @param error - any caught value.
 * @returns `true` when it is an error of this package.
 * @example
 * ```ts
 * try { parseUscc(input); } catch (error) {
 *   if (isCatalogError(error) && error.code === 'ERR_CATALOG_CODE_INVALID') showHint(error.message);
 * }
 * ```
 */
export function isCatalogError(error: unknown): error is CatalogError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[ERROR_MARKER] === true &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('ERR_CATALOG_')
  );
}

/**
 * A {@link CatalogError} that carries the {@link Issue}s that made a code, an item or a CSV file invalid.
 * Thrown by the `parse*` functions (`ERR_CATALOG_CODE_INVALID`, `ERR_CATALOG_VALIDATION_FAILED`,
 * `ERR_CATALOG_CSV_INVALID`).
 *
 * @example
 * ```ts
 * try { parseUscc('111111111111111111'); } catch (error) {
 *   if (isCatalogError(error) && error instanceof CatalogValidationError) console.log(error.issues[0]?.code);
 * }
 * ```
 */
export class CatalogValidationError extends CatalogError {
  /** Every problem found (errors and warnings), with bilingual messages. */
  readonly issues: readonly Issue[];

  /**
   * @param code - the stable error code.
   * @param message - what is wrong and how to fix it.
   * @param issues - the problems found.
   * @param options - `cause`: the underlying error, when one is wrapped.
   */
  constructor(code: CatalogErrorCode, message: string, issues: readonly Issue[], options?: { cause?: unknown }) {
    super(code, message, options);
    this.issues = issues;
  }
}
