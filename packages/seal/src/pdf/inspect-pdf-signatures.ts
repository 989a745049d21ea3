import { type BytesInput, toBytes } from '../internal/asn1/input';
import { analyzePdf } from '../internal/pdf/analyze';

/** A signature (or document time-stamp) as read from a PDF, without any cryptographic or trust check. */
export interface PdfSignatureInfo {
  /** Fully qualified name of the signature field. */
  fieldName: string;
  /** `signature` (`/Type /Sig`) or `doc-timestamp` (`/Type /DocTimeStamp`). */
  type: 'signature' | 'doc-timestamp';
  /** `/Filter`, e.g. `Adobe.PPKLite`. */
  filter?: string;
  /** `/SubFilter`, e.g. `ETSI.CAdES.detached`. */
  subFilter?: string;
  /** `/ByteRange`, when it has the shape `[0 b c d]`. */
  byteRange?: [number, number, number, number];
  /** The CMS (DER, zero padding removed) when `/Contents` holds exactly one SignedData. */
  cms?: Uint8Array;
  /** Zero-based index of the revision the signature covers, or -1 when it ends at no revision boundary. */
  revision: number;
  /** Number of revisions in the file. */
  totalRevisions: number;
  /** Whether the signature covers the whole file. */
  wholeFile: boolean;
  /** DocMDP permission level when this is a certification signature. */
  certification?: number;
  /** `/M`: the time claimed by the signer (not trusted). */
  claimedSigningTime?: Date;
  /** `/Reason`. */
  reason?: string;
  /** `/Location`. */
  location?: string;
  /** `/ContactInfo`. */
  contactInfo?: string;
  /** `/Name`. */
  signerName?: string;
}

/**
 * Lists the signatures of a PDF — field, sub-filter, byte range, revision, claimed time, reason — without verifying
 * anything. Never throws on a malformed PDF: it returns what it can read (an unreadable file gives an empty list).
 *
 * @param pdf - the PDF bytes (`Uint8Array` or `ArrayBuffer`).
 * @returns one entry per signature field with a signature value, oldest revision first.
 * @throws SealError `ERR_SEAL_INPUT_INVALID` when `pdf` is not bytes.
 * @example
 * ```ts
 * for (const info of inspectPdfSignatures(pdf)) console.log(info.fieldName, info.subFilter, info.wholeFile);
 * ```
 */
export function inspectPdfSignatures(pdf: BytesInput): PdfSignatureInfo[] {
  const bytes = toBytes(pdf, 'pdf');
  const analysis = analyzePdf(bytes);
  return analysis.signatures
    .map((signature) => {
      const info: PdfSignatureInfo = {
        fieldName: signature.fieldName,
        type: signature.type,
        revision: signature.revision,
        totalRevisions: analysis.totalRevisions,
        wholeFile: signature.wholeFile,
      };
      if (signature.filter !== undefined) info.filter = signature.filter;
      if (signature.subFilter !== undefined) info.subFilter = signature.subFilter;
      if (signature.byteRange !== undefined) info.byteRange = signature.byteRange;
      if (signature.contentsValid && signature.contents) info.cms = signature.contents;
      if (signature.certification !== undefined) info.certification = signature.certification;
      if (signature.claimedSigningTime !== undefined) info.claimedSigningTime = signature.claimedSigningTime;
      for (const key of ['reason', 'location', 'contactInfo', 'signerName'] as const) {
        const value = signature[key];
        if (value !== undefined) info[key] = value;
      }
      return info;
    })
    .sort(
      (a, b) =>
        (a.revision < 0 ? Number.MAX_SAFE_INTEGER : a.revision) -
        (b.revision < 0 ? Number.MAX_SAFE_INTEGER : b.revision),
    );
}
