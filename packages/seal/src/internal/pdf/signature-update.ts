// Builds the incremental update that adds a signature (or document time-stamp) field and signs it.
import { PdfFormatError } from './limits';
import { PdfArray, PdfDict, PdfRef, PdfStream, ascii, dict, encodeTextString, name } from './objects';
import { walkFields } from './fields';
import { listPages } from './page-tree';
import type { PdfFile } from './pdf-file';
import { type UpdateObject, appendIncrementalUpdate, serialize } from './writer';

/** Visible appearance: a form XObject drawn in `rect` on `page`. */
export interface AppearanceInput {
  page: number;
  /** [x, y, width, height] in PDF points, origin bottom-left. */
  rect: [number, number, number, number];
  /** Content stream operators, in the XObject's own space [0 0 width height]. */
  operators: string;
  /** Resources of the XObject, if the operators need any. */
  resources?: PdfDict;
}

/** What the update contains. */
export interface SignatureUpdateInput {
  type: 'Sig' | 'DocTimeStamp';
  subFilter: 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached' | 'ETSI.RFC3161';
  /** DER bytes reserved for /Contents (the hex string is twice as long). */
  placeholderBytes: number;
  fieldName?: string;
  reason?: string;
  location?: string;
  contactInfo?: string;
  signerName?: string;
  signingTime?: Date;
  certify?: 1 | 2 | 3;
  /** FieldMDP: lock all fields, or the named ones, once signed. */
  lockFields?: { action: 'All' | 'Include'; fields: string[] };
  appearance?: AppearanceInput;
}

/** Raised when the produced CMS does not fit; `needed` is its DER length. */
export class PlaceholderTooSmall extends Error {
  constructor(
    readonly needed: number,
    readonly available: number,
  ) {
    super(`signature needs ${needed} bytes, placeholder has ${available}`);
  }
}

/** Raised when the document cannot be updated safely (encrypted, certified P1, duplicate field name, ...). */
export class UnsupportedDocument extends Error {}

const BYTE_RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

/** PDF date string `D:YYYYMMDDHHmmSSZ` (UTC). */
export function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z`;
}

/** The fully qualified names of all terminal fields, and whether one of them is a signature field. */
function existingFields(file: PdfFile, rev: number): { names: Set<string>; hasSignature: boolean } {
  const names = new Set<string>();
  let hasSignature = false;
  walkFields(file, rev, (_field, _ref, fullName, ft) => {
    names.add(fullName);
    if (ft === 'Sig') hasSignature = true;
  });
  return { names, hasSignature };
}

/** Whether the catalog of the last revision carries a DocMDP certification, and its P value. */
export function certificationLevel(file: PdfFile, catalog: PdfDict, rev: number): number | undefined {
  const perms = file.dict(catalog.get('Perms'), rev);
  const sig = file.dict(perms?.get('DocMDP'), rev);
  if (!sig) return undefined;
  const refs = file.get(sig.get('Reference'), rev);
  if (refs instanceof PdfArray) {
    for (const item of refs.items) {
      const ref = file.dict(item, rev);
      if (ref?.name('TransformMethod') !== 'DocMDP') continue;
      const p = file.dict(ref.get('TransformParams'), rev)?.get('P');
      return typeof p === 'number' ? p : 2;
    }
  }
  return 2;
}

/**
 * Appends a signature field and signs it. `produce` receives the two byte ranges and returns the DER for /Contents.
 * Returns the signed PDF. Throws PdfFormatError, UnsupportedDocument, PlaceholderTooSmall, or what `produce` throws.
 */
export async function appendSignature(
  file: PdfFile,
  input: SignatureUpdateInput,
  produce: (content: Uint8Array[]) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const rev = file.revisions.length - 1;
  const trailer = file.last.trailer;
  if (trailer.get('Encrypt') !== undefined) throw new UnsupportedDocument('the PDF is encrypted');
  const rootRef = trailer.get('Root');
  if (!(rootRef instanceof PdfRef)) throw new PdfFormatError('trailer /Root is not an indirect reference');
  const catalog = file.dict(rootRef, rev);
  if (!catalog) throw new PdfFormatError('trailer /Root is not a dictionary');
  const size = trailer.get('Size');
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    throw new PdfFormatError('trailer /Size is invalid');
  let next = size;
  const allocate = () => next++;

  const certification = certificationLevel(file, catalog, rev);
  // P=1 forbids further signatures; document time-stamps (and DSS) remain allowed (PAdES).
  if (certification === 1 && input.type === 'Sig') {
    throw new UnsupportedDocument('the PDF is certified with DocMDP P=1 (no further signatures allowed)');
  }
  const acroFormValue = catalog.get('AcroForm');
  const acroForm = file.dict(acroFormValue, rev);
  const existing = existingFields(file, rev);
  const existingNames = existing.names;
  if (input.certify !== undefined && (certification !== undefined || existing.hasSignature)) {
    throw new UnsupportedDocument('a certification signature must be the first signature of the document');
  }
  let fieldName = input.fieldName;
  if (fieldName === undefined) {
    let i = 1;
    while (existingNames.has(`Signature${i}`)) i++;
    fieldName = `Signature${i}`;
  } else if (existingNames.has(fieldName)) {
    throw new UnsupportedDocument(`a field named "${fieldName}" already exists`);
  }

  const pages = listPages(file, rev);
  const pageIndex = input.appearance?.page ?? 0;
  const page = pages[pageIndex];
  if (!page) throw new UnsupportedDocument(`page ${pageIndex} does not exist (the document has ${pages.length} pages)`);

  const sigNum = allocate();
  const fieldNum = allocate();
  const apNum = allocate();
  const sigRef = new PdfRef(sigNum, 0);
  const fieldRef = new PdfRef(fieldNum, 0);
  const objects: UpdateObject[] = [];

  // Signature dictionary (raw text with fixed-width placeholders).
  const entries: string[] = [
    `/Type /${input.type}`,
    '/Filter /Adobe.PPKLite',
    `/SubFilter /${input.subFilter}`,
    `/ByteRange ${BYTE_RANGE_PLACEHOLDER}`,
    `/Contents <${'0'.repeat(input.placeholderBytes * 2)}>`,
  ];
  if (input.type === 'Sig') entries.push(`/M ${serialize(encodeTextString(pdfDate(input.signingTime ?? new Date())))}`);
  if (input.signerName) entries.push(`/Name ${serialize(encodeTextString(input.signerName))}`);
  if (input.reason) entries.push(`/Reason ${serialize(encodeTextString(input.reason))}`);
  if (input.location) entries.push(`/Location ${serialize(encodeTextString(input.location))}`);
  if (input.contactInfo) entries.push(`/ContactInfo ${serialize(encodeTextString(input.contactInfo))}`);
  const lockParams = input.lockFields
    ? dict({
        Type: name('TransformParams'),
        Action: name(input.lockFields.action),
        Fields:
          input.lockFields.action === 'Include'
            ? new PdfArray(input.lockFields.fields.map((f) => encodeTextString(f)))
            : undefined,
        V: name('1.2'),
      })
    : undefined;
  const references: PdfDict[] = [];
  if (lockParams)
    references.push(dict({ Type: name('SigRef'), TransformMethod: name('FieldMDP'), TransformParams: lockParams }));
  if (input.certify !== undefined) {
    const reference = dict({
      Type: name('SigRef'),
      TransformMethod: name('DocMDP'),
      TransformParams: dict({ Type: name('TransformParams'), P: input.certify, V: name('1.2') }),
    });
    references.unshift(reference);
  }
  if (references.length > 0) entries.push(`/Reference ${serialize(new PdfArray(references))}`);
  objects.push({ num: sigNum, value: { raw: `<<${entries.join(' ')}>>` } });

  // Appearance XObject.
  const appearance = input.appearance;
  const width = appearance ? appearance.rect[2] : 0;
  const height = appearance ? appearance.rect[3] : 0;
  const apDict = dict({
    Type: name('XObject'),
    Subtype: name('Form'),
    BBox: new PdfArray([0, 0, width, height]),
    Resources: appearance?.resources ?? new PdfDict(),
  });
  objects.push({ num: apNum, value: new PdfStream(apDict, ascii(appearance?.operators ?? '')) });

  // Merged field + widget annotation.
  const rect = appearance
    ? [appearance.rect[0], appearance.rect[1], appearance.rect[0] + width, appearance.rect[1] + height]
    : [0, 0, 0, 0];
  objects.push({
    num: fieldNum,
    value: dict({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: encodeTextString(fieldName),
      V: sigRef,
      F: 132,
      Rect: new PdfArray(rect),
      P: page.ref,
      AP: dict({ N: new PdfRef(apNum, 0) }),
      Lock: lockParams
        ? dict({
            Type: name('SigFieldLock'),
            Action: lockParams.get('Action') ?? null,
            Fields: lockParams.get('Fields'),
          })
        : undefined,
    }),
  });

  // Page /Annots.
  const annots = page.dict.get('Annots');
  if (annots instanceof PdfRef) {
    const array = file.get(annots, rev);
    if (!(array instanceof PdfArray)) throw new PdfFormatError(`page /Annots ${annots.key} is not an array`);
    objects.push({ num: annots.num, gen: annots.gen, value: new PdfArray([...array.items, fieldRef]) });
  } else {
    const items = annots instanceof PdfArray ? annots.items : [];
    const pageCopy = new PdfDict(new Map(page.dict.map)).set('Annots', new PdfArray([...items, fieldRef]));
    objects.push({ num: page.ref.num, gen: page.ref.gen, value: pageCopy });
  }

  // AcroForm and catalog.
  let catalogChanged = input.certify !== undefined;
  const newCatalog = new PdfDict(new Map(catalog.map));
  const formCopy = new PdfDict(new Map(acroForm?.map ?? []));
  const fields = formCopy.get('Fields');
  if (fields instanceof PdfRef) {
    const array = file.get(fields, rev);
    if (!(array instanceof PdfArray)) throw new PdfFormatError('/AcroForm /Fields is not an array');
    objects.push({ num: fields.num, gen: fields.gen, value: new PdfArray([...array.items, fieldRef]) });
  } else {
    formCopy.set('Fields', new PdfArray([...(fields instanceof PdfArray ? fields.items : []), fieldRef]));
  }
  formCopy.set('SigFlags', 3);
  if (acroFormValue instanceof PdfRef) {
    objects.push({ num: acroFormValue.num, gen: acroFormValue.gen, value: formCopy });
  } else {
    newCatalog.set('AcroForm', formCopy);
    catalogChanged = true;
  }
  if (input.certify !== undefined) newCatalog.set('Perms', dict({ DocMDP: sigRef }));
  if (catalogChanged) objects.push({ num: rootRef.num, gen: rootRef.gen, value: newCatalog });

  const { bytes, updateStart } = appendIncrementalUpdate(file, objects);
  return fillSignature(bytes, updateStart, `${sigNum} 0 obj`, input.placeholderBytes, produce);
}

async function fillSignature(
  bytes: Uint8Array,
  updateStart: number,
  objectHeader: string,
  placeholderBytes: number,
  produce: (content: Uint8Array[]) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const objectStart = text.indexOf(`\n${objectHeader}\n`, updateStart - 1, 'latin1') + 1;
  const rangeAt = text.indexOf(`/ByteRange ${BYTE_RANGE_PLACEHOLDER}`, objectStart, 'latin1') + '/ByteRange '.length;
  const contentsAt = text.indexOf('/Contents <', objectStart, 'latin1') + '/Contents '.length;
  if (objectStart <= 0 || rangeAt < objectStart || contentsAt < objectStart) throw new Error('placeholder not found');
  const b = contentsAt;
  const c = contentsAt + placeholderBytes * 2 + 2;
  const d = bytes.length - c;
  const range = `[0 ${b} ${c} ${d}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ');
  if (range.length !== BYTE_RANGE_PLACEHOLDER.length) throw new Error('byte range does not fit its placeholder');
  bytes.set(ascii(range), rangeAt);
  const der = await produce([bytes.subarray(0, b), bytes.subarray(c)]);
  if (der.length > placeholderBytes) throw new PlaceholderTooSmall(der.length, placeholderBytes);
  bytes.set(ascii(Buffer.from(der).toString('hex').toUpperCase()), b + 1);
  return bytes;
}
