import { SealError, isSealError } from '../errors';
import { type BytesInput, describeInput, toBytes } from '../internal/asn1/input';
import { createCmsSignature } from '../internal/cms/create-cms-signature';
import { defaultSealOperators } from '../internal/pdf/default-appearance';
import { PdfFormatError } from '../internal/pdf/limits';
import { PdfFile } from '../internal/pdf/pdf-file';
import {
  type AppearanceInput,
  PlaceholderTooSmall,
  type SignatureUpdateInput,
  UnsupportedDocument,
  appendSignature,
} from '../internal/pdf/signature-update';
import type { DrawSealOptions } from '../draw/draw-seal';
import type { Signer } from '../signer';
import type { TimestampClient } from '../types';

/** Default DER bytes reserved for the CMS in `/Contents` (the hex string is twice as long). */
export const DEFAULT_PLACEHOLDER_BYTES = 16384;

/** Where and how a visible signature is drawn. */
export interface PdfSealAppearance {
  /** Zero-based page index. Default 0. */
  page?: number;
  /** `[x, y, width, height]` in PDF points (1/72 inch), origin at the bottom-left of the page. */
  rect: [number, number, number, number];
  /**
   * Draw the round official seal (`drawSeal` of `@zwfw/seal/draw`) scaled into the rectangle: organisation name, star,
   * bottom text and code as glyph outlines, so no font is embedded. Ignored when `operators` is given.
   */
  seal?: DrawSealOptions;
  /**
   * Your own PDF content-stream operators, drawn in the box `[0 0 width height]`.
   * Default (no `seal`, no `operators`): a red ring with a five-pointed star.
   */
  operators?: string;
}

/** Options of {@link signPdf}. */
export interface PdfSealOptions {
  /** `ETSI.CAdES.detached` (PAdES, default) or `adbe.pkcs7.detached`. */
  subFilter?: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';
  /** Time-stamp client: adds an RFC 3161 signature time-stamp (PAdES B-T). */
  tsa?: TimestampClient;
  /** Make this a certification signature with DocMDP permissions P (1 no changes, 2 form fill and signing, 3 also annotations). Only for the first signature. */
  certify?: 1 | 2 | 3;
  /**
   * Lock form fields once signed (FieldMDP, ISO 32000 §12.8.2.4): `true` locks every field, a list locks the named
   * (fully qualified) fields. Later changes to locked fields make this signature fail validation.
   */
  lockFields?: true | string[];
  /** Visible signature; omit for an invisible one. */
  appearance?: PdfSealAppearance;
  /** Name of the new signature field. Default `Signature1`, `Signature2`, … */
  fieldName?: string;
  /** Reason for signing (`/Reason`). */
  reason?: string;
  /** Place of signing (`/Location`). */
  location?: string;
  /** Contact information of the signer (`/ContactInfo`). */
  contactInfo?: string;
  /** Claimed signing time written to `/M` (and, for `adbe.pkcs7.detached`, the signing-time attribute). Default: now. */
  signingTime?: Date;
  /** DER bytes reserved for the CMS. Default: sized automatically (at least {@link DEFAULT_PLACEHOLDER_BYTES}). */
  placeholderBytes?: number;
}

const MAX_PLACEHOLDER_BYTES = 1024 * 1024;

/** Validates the option bag; throws ERR_SEAL_INPUT_INVALID. */
function checkOptions(options: PdfSealOptions): void {
  const bad = (message: string) => new SealError('ERR_SEAL_INPUT_INVALID', message);
  if (typeof options !== 'object' || options === null)
    throw bad(`options must be an object, got ${describeInput(options)}.`);
  if (
    options.subFilter !== undefined &&
    options.subFilter !== 'ETSI.CAdES.detached' &&
    options.subFilter !== 'adbe.pkcs7.detached'
  ) {
    throw bad(
      `options.subFilter must be 'ETSI.CAdES.detached' or 'adbe.pkcs7.detached', got ${String(options.subFilter).slice(0, 40)}.`,
    );
  }
  if (options.certify !== undefined && ![1, 2, 3].includes(options.certify))
    throw bad(`options.certify must be 1, 2 or 3, got ${String(options.certify)}.`);
  if (
    options.placeholderBytes !== undefined &&
    (!Number.isInteger(options.placeholderBytes) ||
      options.placeholderBytes < 256 ||
      options.placeholderBytes > MAX_PLACEHOLDER_BYTES)
  ) {
    throw bad(
      `options.placeholderBytes must be an integer between 256 and ${MAX_PLACEHOLDER_BYTES}, got ${String(options.placeholderBytes)}; omit it to size the placeholder automatically.`,
    );
  }
  if (
    options.signingTime !== undefined &&
    (!(options.signingTime instanceof Date) || Number.isNaN(options.signingTime.getTime()))
  ) {
    throw bad('options.signingTime must be a valid Date; omit it to use the current time.');
  }
  const locks = options.lockFields;
  if (
    locks !== undefined &&
    locks !== true &&
    (!Array.isArray(locks) || locks.length === 0 || locks.some((f) => typeof f !== 'string' || f.length === 0))
  ) {
    throw bad('options.lockFields must be true (all fields) or a non-empty list of field names.');
  }
  const appearance = options.appearance;
  if (appearance !== undefined) {
    const rect = appearance.rect;
    if (
      !Array.isArray(rect) ||
      rect.length !== 4 ||
      rect.some((n) => typeof n !== 'number' || !Number.isFinite(n)) ||
      rect[2] <= 0 ||
      rect[3] <= 0
    ) {
      throw bad('options.appearance.rect must be [x, y, width, height] in points with a positive width and height.');
    }
    if (appearance.page !== undefined && (!Number.isInteger(appearance.page) || appearance.page < 0)) {
      throw bad(`options.appearance.page must be a zero-based page index, got ${String(appearance.page)}.`);
    }
  }
  for (const key of ['reason', 'location', 'contactInfo', 'fieldName'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 1000))
      throw bad(`options.${key} must be a string of at most 1000 characters.`);
  }
}

function checkSigner(signer: Signer): void {
  if (
    typeof signer !== 'object' ||
    signer === null ||
    typeof signer.sign !== 'function' ||
    !(signer.certificate instanceof Uint8Array)
  ) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `signer must be a Signer ({ algorithm, certificate, sign() }), got ${describeInput(signer)}; create one with createSoftwareSigner().`,
    );
  }
}

/** Reads a PDF for updating; maps reader errors to SealError codes. */
export function readPdfForUpdate(bytes: Uint8Array): PdfFile {
  try {
    return PdfFile.read(bytes);
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_PDF_UNSUPPORTED',
      `the PDF cannot be read strictly (${(cause as Error).message}); re-save it with a standard tool (e.g. qpdf) before the first signature.`,
      { cause },
    );
  }
}

/** Runs the appender and maps its errors to SealError codes. */
export async function runUpdate(
  file: PdfFile,
  input: SignatureUpdateInput,
  produce: (content: Uint8Array[]) => Promise<Uint8Array>,
  explicitSize: boolean,
): Promise<Uint8Array> {
  try {
    try {
      return await appendSignature(file, input, produce);
    } catch (error) {
      if (!(error instanceof PlaceholderTooSmall) || explicitSize) throw error;
      // Automatic sizing: retry once with room for what was actually produced.
      return await appendSignature(file, { ...input, placeholderBytes: error.needed + 2048 }, produce);
    }
  } catch (error) {
    if (error instanceof PlaceholderTooSmall) {
      throw new SealError(
        'ERR_SEAL_PLACEHOLDER_TOO_SMALL',
        `the signature needs ${error.needed} bytes but the placeholder has ${error.available}; set options.placeholderBytes to at least ${error.needed} or omit it.`,
      );
    }
    if (error instanceof UnsupportedDocument)
      throw new SealError('ERR_SEAL_PDF_UNSUPPORTED', `cannot sign this PDF: ${error.message}.`, { cause: error });
    if (error instanceof PdfFormatError) {
      throw new SealError(
        'ERR_SEAL_PDF_UNSUPPORTED',
        `the PDF structure is not usable for signing (${error.message}); re-save it with a standard tool before the first signature.`,
        { cause: error },
      );
    }
    if (isSealError(error)) throw error;
    throw new SealError('ERR_SEAL_SIGNER_FAILED', `signing failed: ${(error as Error)?.message ?? String(error)}.`, {
      cause: error,
    });
  }
}

/** Content operators of the visible appearance. */
async function appearanceOf(appearance: PdfSealAppearance): Promise<AppearanceInput> {
  const [, , width, height] = appearance.rect;
  let operators = appearance.operators;
  if (operators === undefined && appearance.seal !== undefined) {
    // Loaded only when used: drawing pulls in fontkit and the bundled font.
    const { drawSeal } = await import('../draw/draw-seal');
    const seal = drawSeal(appearance.seal);
    const sx = width / seal.sizePt;
    const sy = height / seal.sizePt;
    operators = `q ${sx.toFixed(6)} 0 0 ${sy.toFixed(6)} 0 0 cm\n${seal.pdfOperators}\nQ`;
  }
  return {
    page: appearance.page ?? 0,
    rect: appearance.rect,
    operators: operators ?? defaultSealOperators(width, height),
  };
}

/** Automatic placeholder size: certificates + signature + attributes, with room for a time-stamp token. */
function estimatePlaceholder(signer: Signer, withTimestamp: boolean): number {
  const certificates = [signer.certificate, ...(signer.chain ?? [])].reduce((sum, cert) => sum + cert.length, 0);
  return Math.max(DEFAULT_PLACEHOLDER_BYTES, certificates + 4096 + (withTimestamp ? 12288 : 0));
}

/**
 * Signs a PDF with a PAdES (or PKCS#7) signature, always as an incremental update: the original bytes are kept
 * unchanged and earlier signatures stay valid.
 *
 * @param pdf - the PDF bytes (`Uint8Array` or `ArrayBuffer`). Encrypted PDFs are not supported.
 * @param signer - the signer (see `createSoftwareSigner`, or an HSM/UKey implementation).
 * @param options - sub-filter, visible appearance, reason/location/contact, certification, time-stamp client.
 * @returns the signed PDF (original bytes + one incremental update).
 * @throws SealError `ERR_SEAL_INPUT_INVALID` (bad arguments), `ERR_SEAL_PDF_UNSUPPORTED` (unreadable, encrypted or
 * certified-P1 PDF, unknown page, duplicate field name, certification not first), `ERR_SEAL_PLACEHOLDER_TOO_SMALL`
 * (explicit `placeholderBytes` too small), `ERR_SEAL_SIGNER_FAILED`, `ERR_SEAL_TIMESTAMP_FAILED`.
 * @example
 * ```ts
 * import { createSoftwareSigner } from '@zwfw/seal';
 * import { signPdf } from '@zwfw/seal/pdf';
 *
 * const signer = createSoftwareSigner({ pkcs12: p12Bytes, password: 'secret' });
 * const signed = await signPdf(pdfBytes, signer, {
 *   reason: '电子证照签发',
 *   location: '衡阳市',
 *   appearance: { page: 0, rect: [400, 60, 119, 119] },
 * });
 * ```
 */
export async function signPdf(pdf: BytesInput, signer: Signer, options: PdfSealOptions = {}): Promise<Uint8Array> {
  const bytes = toBytes(pdf, 'pdf');
  checkSigner(signer);
  checkOptions(options);
  const file = readPdfForUpdate(bytes);
  const subFilter = options.subFilter ?? 'ETSI.CAdES.detached';
  const signingTime = options.signingTime ?? new Date();
  const input: SignatureUpdateInput = {
    type: 'Sig',
    subFilter,
    placeholderBytes: options.placeholderBytes ?? estimatePlaceholder(signer, options.tsa !== undefined),
    signingTime,
  };
  if (options.fieldName !== undefined) input.fieldName = options.fieldName;
  if (options.reason !== undefined) input.reason = options.reason;
  if (options.location !== undefined) input.location = options.location;
  if (options.contactInfo !== undefined) input.contactInfo = options.contactInfo;
  if (options.certify !== undefined) input.certify = options.certify;
  if (options.lockFields !== undefined) {
    input.lockFields =
      options.lockFields === true ? { action: 'All', fields: [] } : { action: 'Include', fields: options.lockFields };
  }
  if (options.appearance) input.appearance = await appearanceOf(options.appearance);
  const profile = subFilter === 'ETSI.CAdES.detached' ? 'PAdES' : 'PKCS7';
  const produce = (content: Uint8Array[]) =>
    createCmsSignature({
      content,
      signer,
      profile,
      ...(profile === 'PKCS7' ? { signingTime } : {}),
      ...(options.tsa ? { timestamp: options.tsa } : {}),
    });
  return runUpdate(file, input, produce, options.placeholderBytes !== undefined);
}
