import { createHash } from 'node:crypto';
import { PDFDocument } from './pdf-lib';
import { CertificateError } from '../errors';
import { describe } from '../internal/describe';
import { type CertificateRecord, CertificateRecordSchema } from '../model/certificate-record';
import type { Rect } from '../templates/certificate-template';
import { ATTACHMENT_NAME, findAttachment, readXmpCertificateFields } from './pdf-structures';

/** Document metadata read back by {@link readCertificatePdf}. */
export interface CertificatePdfMetadata {
  /** Info /Title. */
  title?: string;
  /** Info /Producer. */
  producer?: string;
  /** Info /CreationDate. */
  creationDate?: Date;
  /** The template id recorded in the XMP. */
  templateId?: string;
  /** The seal area recorded in the XMP: page index (0-based) and rectangle in points. */
  sealArea?: { pageIndex: number; rect: Rect };
  /** Every `zzcert:*` XMP property (the holder code is stored masked). */
  xmp: Record<string, string>;
}

/** Result of {@link readCertificatePdf}. */
export interface CertificatePdfContent {
  /** The record embedded as `certificate.json`. */
  record: CertificateRecord;
  /** Document metadata. */
  metadata: CertificatePdfMetadata;
  /** Whether the XMP's record hash equals the SHA-256 of the embedded JSON and its identifier matches. */
  consistent: boolean;
}

/**
 * Read the record and metadata from a PDF made by `renderCertificatePdf` (also after `@zwfw/seal` appended an
 * incremental signature). This reads; it does not verify seals or signatures — use `@zwfw/seal` for that.
 *
 * @param pdf - the PDF bytes.
 * @returns the embedded record, the metadata, and whether XMP and attachment agree.
 * @throws CertificateError `ERR_CERTIFICATE_INPUT_INVALID` when `pdf` is not bytes; `ERR_CERTIFICATE_PDF_INVALID`
 *   when it is not a parseable PDF; `ERR_CERTIFICATE_PDF_UNRECOGNIZED` when it has no valid `certificate.json`.
 * @example
 * ```ts
 * const { record, metadata } = await readCertificatePdf(await readFile('licence.pdf'));
 * console.log(record.identifier, metadata.sealArea);
 * ```
 */
export async function readCertificatePdf(pdf: Uint8Array | ArrayBuffer): Promise<CertificatePdfContent> {
  if (!(pdf instanceof Uint8Array) && !(pdf instanceof ArrayBuffer)) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `readCertificatePdf() expects a Uint8Array or ArrayBuffer, got ${describe(pdf)}`,
    );
  }
  const bytes = pdf instanceof Uint8Array ? pdf : new Uint8Array(pdf);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1024)));
  if (!head.includes('%PDF-')) {
    throw new CertificateError(
      'ERR_CERTIFICATE_PDF_INVALID',
      `Input of ${bytes.length} bytes is not a PDF (no %PDF- header); pass the certificate file itself`,
    );
  }
  let document: PDFDocument;
  try {
    // throwOnInvalidObject: pdf-lib would otherwise log every damaged object to the console and go on.
    document = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (cause) {
    throw new CertificateError(
      'ERR_CERTIFICATE_PDF_INVALID',
      'The PDF could not be parsed (damaged or encrypted); request a new copy from the issuer',
      { cause },
    );
  }
  let json: Uint8Array | undefined;
  try {
    json = findAttachment(document, 'certificate.json');
  } catch (cause) {
    throw new CertificateError(
      'ERR_CERTIFICATE_PDF_UNRECOGNIZED',
      `The PDF's ${ATTACHMENT_NAME} attachment cannot be decoded`,
      { cause },
    );
  }
  if (!json) {
    throw new CertificateError(
      'ERR_CERTIFICATE_PDF_UNRECOGNIZED',
      `The PDF has no ${ATTACHMENT_NAME} attachment: it was not produced by renderCertificatePdf`,
    );
  }
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (cause) {
    throw new CertificateError('ERR_CERTIFICATE_PDF_UNRECOGNIZED', `The PDF's ${ATTACHMENT_NAME} is not UTF-8 JSON`, {
      cause,
    });
  }
  const record = CertificateRecordSchema.safeParse(parsedJson);
  if (!record.success) {
    const where = record.error.issues.map((issue) => issue.path.join('.') || 'record').join(', ');
    throw new CertificateError(
      'ERR_CERTIFICATE_PDF_UNRECOGNIZED',
      `The PDF's ${ATTACHMENT_NAME} is not a certificate record (problems at ${where})`,
    );
  }
  // Damaged metadata must not hide the record: unreadable parts are left out (and `consistent` becomes false).
  const xmp = safely(() => readXmpCertificateFields(document)) ?? {};
  const metadata: CertificatePdfMetadata = { xmp };
  const title = safely(() => document.getTitle());
  if (title !== undefined) metadata.title = title;
  const producer = safely(() => document.getProducer());
  if (producer !== undefined) metadata.producer = producer;
  const creationDate = safely(() => document.getCreationDate());
  if (creationDate !== undefined) metadata.creationDate = creationDate;
  if (xmp.TemplateId) metadata.templateId = xmp.TemplateId;
  const area = xmp.SealArea?.split(' ').map(Number);
  if (area && area.length === 5 && area.every(Number.isFinite)) {
    const [page, x, y, width, height] = area as [number, number, number, number, number];
    metadata.sealArea = { pageIndex: page - 1, rect: { x, y, width, height } };
  }
  const consistent =
    xmp.RecordSha256 === createHash('sha256').update(json).digest('hex') && xmp.Identifier === record.data.identifier;
  return { record: record.data, metadata, consistent };
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
