import { CertificateValidationError } from '../errors';
import { type CertificateRecordInput, CertificateRecordSchema } from '../model/certificate-record';
import type { CertificateTemplate } from '../templates/certificate-template';
import { type RenderCertificateOptions, renderParsedCertificate } from './render-document';

export { CERTIFICATE_PRODUCER, type RenderCertificateOptions } from './render-document';

/**
 * Render a certificate record as a one-page PDF with pdf-lib: the template's frame and decorations, the title, the
 * face fields (wrapped and shrunk to fit), a vector QR code, and a free seal area (`template.sealArea`, in points,
 * where `@zwfw/seal` `signPdf` places the visible seal). Text uses a subset of the bundled Noto Sans SC font with real
 * outlines; the parsed font is cached and reused across documents. The PDF carries Info metadata, an XMP packet with
 * the certificate metadata (holder code masked), and the record as an associated `certificate.json` attachment
 * (`/AFRelationship /Data`, catalog `/AF`). Output is deterministic for a fixed `now`.
 *
 * @param record - the record (validated against the record schema).
 * @param template - the layout, e.g. `BUSINESS_LICENCE_TEMPLATE`.
 * @param options - QR content, fonts, clock.
 * @returns the PDF bytes.
 * @throws CertificateValidationError `ERR_CERTIFICATE_RECORD_INVALID` when the record does not match the schema or a
 *   printed face field is empty; CertificateGlyphMissingError `ERR_CERTIFICATE_GLYPH_MISSING` listing characters no
 *   font covers; CertificateError `ERR_CERTIFICATE_TEXT_OVERFLOW` when a value does not fit its box,
 *   `ERR_CERTIFICATE_FONT_INVALID` for unusable fonts, `ERR_CERTIFICATE_INPUT_INVALID` for a bad template, clock or
 *   QR content.
 * @example
 * ```ts
 * const pdf = await renderCertificatePdf(record, BUSINESS_LICENCE_TEMPLATE, {
 *   qrContent: `https://zwfw.hengyang.gov.cn/verify?id=${record.identifier}`,
 * });
 * await writeFile('licence.pdf', pdf);
 * ```
 */
export async function renderCertificatePdf(
  record: CertificateRecordInput,
  template: CertificateTemplate,
  options: RenderCertificateOptions = {},
): Promise<Uint8Array> {
  const parsed = CertificateRecordSchema.safeParse(record);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      code: 'RECORD_SCHEMA',
      severity: 'error' as const,
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: {
        zh: `${issue.path.join('.') || 'record'}：${issue.message}`,
        en: `${issue.path.join('.') || 'record'}: ${issue.message}`,
      },
    }));
    throw new CertificateValidationError(
      `Certificate record is invalid: ${issues.map((i) => i.message.en).join('; ')}; fix the record (validateCertificateRecord gives the full report)`,
      issues,
    );
  }
  return renderParsedCertificate(parsed.data, template, options);
}
