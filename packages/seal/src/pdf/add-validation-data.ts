import { SealError } from '../errors';
import { describeInput, toBytes } from '../internal/asn1/input';
import type { BytesInput } from '../internal/asn1/input';
import { appendDss } from '../internal/pdf/dss';
import { readPdfForUpdate } from './sign-pdf';

/** Validation data for {@link addValidationData}. */
export interface PdfValidationData {
  /** DER certificates (signer chains, TSA chains). */
  certificates: Uint8Array[];
  /** DER CRLs. */
  crls?: Uint8Array[];
}

/**
 * Adds certificates and CRLs to the PDF's Document Security Store (`/DSS`, PAdES B-LT) as an incremental update, so
 * the signatures can be validated later without network access. Earlier signatures stay valid (a DSS update is a
 * permitted change); `validatePdf` uses the DSS content as intermediates and CRLs.
 *
 * @param pdf - the signed PDF (`Uint8Array` or `ArrayBuffer`).
 * @param data - DER certificates and CRLs to store.
 * @returns the PDF with the DSS update appended.
 * @throws SealError `ERR_SEAL_INPUT_INVALID` (not bytes / empty data), `ERR_SEAL_PDF_UNSUPPORTED` (unreadable PDF).
 * @example
 * ```ts
 * const lt = await addValidationData(signed, { certificates: [intermediateDer, rootDer], crls: [crlDer] });
 * ```
 */
export async function addValidationData(pdf: BytesInput, data: PdfValidationData): Promise<Uint8Array> {
  const bytes = toBytes(pdf, 'pdf');
  const certificates = data?.certificates;
  const crls = data?.crls ?? [];
  if (
    !Array.isArray(certificates) ||
    !Array.isArray(crls) ||
    [...certificates, ...crls].some((item) => !(item instanceof Uint8Array))
  ) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `data must be { certificates: Uint8Array[], crls?: Uint8Array[] } of DER bytes, got ${describeInput(data)}.`,
    );
  }
  if (certificates.length + crls.length === 0)
    throw new SealError('ERR_SEAL_INPUT_INVALID', 'data holds no certificate and no CRL; pass at least one.');
  const file = readPdfForUpdate(bytes);
  if (file.last.trailer.get('Encrypt') !== undefined)
    throw new SealError('ERR_SEAL_PDF_UNSUPPORTED', 'cannot add validation data to an encrypted PDF.');
  try {
    return appendDss(file, { certificates, crls });
  } catch (cause) {
    throw new SealError('ERR_SEAL_PDF_UNSUPPORTED', `cannot add validation data: ${(cause as Error).message}.`, {
      cause,
    });
  }
}
