// Limits that keep the reader safe on hostile input.

/** Limits applied while reading a PDF. */
export interface PdfReadLimits {
  /** Largest accepted file, in bytes. */
  maxFileSize: number;
  /** Deepest nesting of arrays and dictionaries. */
  maxDepth: number;
  /** Largest object number accepted in an xref section. */
  maxObjects: number;
  /** Largest decoded stream, in bytes (decompression-bomb guard). */
  maxDecodedStreamBytes: number;
  /** Most revisions (xref sections) followed through `/Prev`. */
  maxRevisions: number;
  /** Most elements in one array or dictionary. */
  maxCollectionItems: number;
  /** Total decoded bytes allowed across all streams of one read. */
  maxTotalDecodedBytes: number;
}

/** Default reader limits. */
export const DEFAULT_PDF_LIMITS: PdfReadLimits = {
  maxFileSize: 256 * 1024 * 1024,
  maxDepth: 64,
  maxObjects: 2_000_000,
  maxDecodedStreamBytes: 64 * 1024 * 1024,
  maxRevisions: 1000,
  maxCollectionItems: 1_000_000,
  maxTotalDecodedBytes: 512 * 1024 * 1024,
};

/** A structural problem found while reading; the reader throws it, validators turn it into a FAILED check. */
export class PdfFormatError extends Error {
  constructor(
    message: string,
    readonly offset = -1,
  ) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message);
    this.name = 'PdfFormatError';
  }
}
