import type { Issue } from '@zwfw/catalog';

/** Marker shared by every @zwfw package's errors; survives duplicate installed copies and realms. */
const ERROR_MARKER = Symbol.for('@zwfw/error');

/**
 * Stable codes of {@link CertificateError}. Codes are public API: they change only in a major release.
 */
export type CertificateErrorCode =
  /** An argument has the wrong type or shape (e.g. not bytes, not an object). */
  | 'ERR_CERTIFICATE_INPUT_INVALID'
  /** An identifier (电子证照标识) is malformed, non-conforming or fails its check character. */
  | 'ERR_CERTIFICATE_ID_INVALID'
  /** A record does not satisfy its certificate type; see {@link CertificateValidationError.issues}. */
  | 'ERR_CERTIFICATE_RECORD_INVALID'
  /** A certificate type (证照目录 entry) or template definition is inconsistent. */
  | 'ERR_CERTIFICATE_TYPE_INVALID'
  /** A status change is not allowed from the current state (e.g. 撤销 → 有效). */
  | 'ERR_CERTIFICATE_STATUS_TRANSITION_INVALID'
  /** Characters of the record are in none of the registered fonts; see {@link CertificateGlyphMissingError}. */
  | 'ERR_CERTIFICATE_GLYPH_MISSING'
  /** Font bytes cannot be parsed, or a collection face was not found. */
  | 'ERR_CERTIFICATE_FONT_INVALID'
  /** A face value does not fit its template box even at the smallest allowed font size. */
  | 'ERR_CERTIFICATE_TEXT_OVERFLOW'
  /** Bytes are not a PDF, or the PDF cannot be parsed. */
  | 'ERR_CERTIFICATE_PDF_INVALID'
  /** A PDF parses but was not produced by `renderCertificatePdf` (no `certificate.json`, or it is malformed). */
  | 'ERR_CERTIFICATE_PDF_UNRECOGNIZED'
  /** A batch worker thread failed to start or crashed. */
  | 'ERR_CERTIFICATE_WORKER_FAILED';

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
 *
 * @example
 * ```ts
 * try { parseCertificateId(input); } catch (error) {
 *   if (isCertificateError(error)) console.error(error.code);
 * }
 * ```
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

/**
 * A record failed validation against its certificate type. Carries the issues in the catalog's `Issue` shape.
 *
 * @example
 * ```ts
 * try { assertCertificateRecord(record, type); } catch (error) {
 *   if (isCertificateError(error) && error.code === 'ERR_CERTIFICATE_RECORD_INVALID') console.table(error.issues);
 * }
 * ```
 */
export class CertificateValidationError extends CertificateError {
  /** Every problem found; personal data is masked in the messages. */
  readonly issues: Issue[];

  /**
   * @param message - summary of the problems and the fix.
   * @param issues - the issues found.
   */
  constructor(message: string, issues: Issue[]) {
    super('ERR_CERTIFICATE_RECORD_INVALID', message);
    this.issues = issues;
  }
}

/**
 * Some characters of a record have no glyph in any registered font (生僻字). Rendering never drops them silently.
 *
 * @example
 * ```ts
 * try { await renderCertificatePdf(record, template); } catch (error) {
 *   if (isCertificateError(error) && error.code === 'ERR_CERTIFICATE_GLYPH_MISSING') console.log(error.characters);
 * }
 * ```
 */
export class CertificateGlyphMissingError extends CertificateError {
  /** The missing characters, each once, in order of first appearance. */
  readonly characters: string[];
  /** The face fields (or `title`, `label:<key>`) where they appear. */
  readonly fields: string[];

  /**
   * @param characters - the missing characters.
   * @param fields - where they appear.
   */
  constructor(characters: string[], fields: string[]) {
    const list = characters.map(
      (c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`,
    );
    super(
      'ERR_CERTIFICATE_GLYPH_MISSING',
      `No registered font has a glyph for ${list.join(', ')} in ${fields.join(', ')}; register a fallback font that covers them (renderCertificatePdf options.fallbackFonts), e.g. a CJK Ext-B font`,
    );
    this.characters = characters;
    this.fields = fields;
  }
}

/** Each error class of this package paired with its codes, so `switch (error.code)` narrows. */
export type AnyCertificateError = CertificateError | CertificateValidationError | CertificateGlyphMissingError;
