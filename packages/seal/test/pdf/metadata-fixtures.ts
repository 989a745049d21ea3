// Fixtures for metadata changes after signing: a document with an XMP packet, and a second signature written the
// way Adobe Acrobat and iText write it (the /Info dictionary and the XMP stream updated in the signature's revision).
import { createHash } from 'node:crypto';
import { createCmsSignature } from '../../src/internal/cms/create-cms-signature';
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import {
  PdfArray,
  PdfDict,
  type PdfObject,
  PdfRef,
  ascii,
  dict,
  encodeTextString,
  name,
} from '../../src/internal/pdf/objects';
import { type UpdateObject, appendIncrementalUpdate } from '../../src/internal/pdf/writer';
import type { Signer } from '../../src/signer';
import type { TimestampClient } from '../../src/types';
import { appendUpdate, firstPage, stream, text, withEntries } from '../attacks/build';

/** An XMP packet with a modification date. */
export const xmpPacket = (modifyDate: string): string =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${modifyDate}</xmp:ModifyDate></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** An XMP metadata stream object value. */
export const xmpStream = (modifyDate: string) =>
  stream(xmpPacket(modifyDate), { Type: name('Metadata'), Subtype: name('XML') });

/** An XMP stream object written verbatim with an indirect `/Length lengthNum 0 R` (as Ghostscript and pdfTeX do). */
export const xmpWithIndirectLength = (body: string, lengthNum: number) => ({
  raw: `<< /Type /Metadata /Subtype /XML /Length ${lengthNum} 0 R >>\nstream\n${body}\nendstream`,
});

/** Adds an XMP /Metadata stream to the catalog (an unsigned revision, before any signature). */
export function withXmp(pdf: Uint8Array): Uint8Array {
  return appendUpdate(pdf, (file, next) => {
    const root = file.last.trailer.get('Root') as PdfRef;
    const xmp = next();
    return [
      { num: xmp, value: xmpStream('2026-11-25T08:00:00Z') },
      { num: root.num, value: withEntries(file.dict(root) as PdfDict, { Metadata: new PdfRef(xmp, 0) }) },
    ];
  });
}

/** The trailer /Info and catalog /Metadata references of the last revision. */
export function metadataRefs(pdf: Uint8Array): { info: PdfRef; xmp: PdfRef; infoDict: PdfDict } {
  const file = PdfFile.read(pdf);
  const info = file.last.trailer.get('Info') as PdfRef;
  const xmp = (file.dict(file.last.trailer.get('Root')) as PdfDict).get('Metadata') as PdfRef;
  return { info, xmp, infoDict: file.dict(info) as PdfDict };
}

/** What a signing product (or an attacker) changes besides the signature, in the same incremental revision. */
export type SignatureRevisionExtras = (
  file: PdfFile,
  next: () => number,
  /** The new signature dictionary (for extra widgets of the same signature); given by signWithExtras. */
  signature?: PdfRef,
) => {
  /** Extra objects (Info, XMP, or an attacker's objects); a first-page object gets the signature widget appended. */
  objects?: UpdateObject[];
  /** Entries set on the catalog copy that the signature update writes anyway. */
  catalog?: Record<string, PdfObject>;
  /** Trailer /Info of the new revision (the writer keeps the previous one otherwise). */
  info?: PdfRef;
};

/** Fixed-width /ByteRange placeholder. */
export const BYTE_RANGE = '[0 0000000000 0000000000 0000000000]';

/**
 * Adds an invisible approval signature (PAdES) in one incremental revision together with `extras`, like Acrobat
 * and iText do when they also update /Info /ModDate and the XMP packet.
 */
export async function signWithExtras(
  pdf: Uint8Array,
  signer: Signer,
  extras: SignatureRevisionExtras = () => ({}),
): Promise<Uint8Array> {
  const { bytes, updateStart, placeholder } = appendWithExtras(pdf, 'Sig', extras);
  return fillPlaceholder(bytes, updateStart, placeholder, signer);
}

/** Adds a document time-stamp (ETSI.RFC3161) in one incremental revision together with `extras`. */
export async function timestampWithExtras(
  pdf: Uint8Array,
  tsa: TimestampClient,
  extras: SignatureRevisionExtras = () => ({}),
): Promise<Uint8Array> {
  const { bytes, updateStart, placeholder } = appendWithExtras(pdf, 'DocTimeStamp', extras);
  return fillPlaceholder(bytes, updateStart, placeholder, async (content) => {
    const hash = createHash('sha256');
    for (const chunk of content) hash.update(chunk);
    return tsa.timestamp(new Uint8Array(hash.digest()), 'SHA-256');
  });
}

function appendWithExtras(
  pdf: Uint8Array,
  type: 'Sig' | 'DocTimeStamp',
  extras: SignatureRevisionExtras,
): { bytes: Uint8Array; updateStart: number; placeholder: number } {
  const file = PdfFile.read(pdf);
  let size = file.last.trailer.get('Size') as number;
  const next = () => size++;
  const page = firstPage(file);
  const sigNum = next();
  const widgetNum = next();
  const placeholder = 12_000;
  const rootRef = file.last.trailer.get('Root') as PdfRef;
  const catalog = file.dict(rootRef) as PdfDict;
  const form = file.dict(catalog.get('AcroForm')) as PdfDict;
  const fields = file.get(form.get('Fields')) as PdfArray;
  const widget = new PdfRef(widgetNum, 0);
  const extra = extras(file, next, new PdfRef(sigNum, 0));
  const extraPage = extra.objects?.find((o) => o.num === page.ref.num)?.value;
  const pageDict = extraPage instanceof PdfDict ? extraPage : page.dict;
  const annots = file.get(pageDict.get('Annots')) as PdfArray | undefined;
  const objects: UpdateObject[] = [
    {
      num: sigNum,
      value: {
        raw:
          type === 'Sig'
            ? `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${BYTE_RANGE} /Contents <${'0'.repeat(placeholder * 2)}> /M (D:20261126000000Z)>>`
            : `<</Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161 /ByteRange ${BYTE_RANGE} /Contents <${'0'.repeat(placeholder * 2)}>>>`,
      },
    },
    {
      num: widgetNum,
      value: dict({
        Type: name('Annot'),
        Subtype: name('Widget'),
        FT: name('Sig'),
        T: encodeTextString(type === 'Sig' ? 'Approval' : 'Timestamp'),
        V: new PdfRef(sigNum, 0),
        F: 132,
        Rect: new PdfArray([0, 0, 0, 0]),
        P: page.ref,
      }),
    },
    {
      num: page.ref.num,
      value: withEntries(pageDict, { Annots: new PdfArray([...(annots?.items ?? []), widget]) }),
    },
    ...(extra.objects ?? []).filter((o) => o.num !== page.ref.num),
  ];
  const newForm = withEntries(form, { Fields: new PdfArray([...fields.items, widget]), SigFlags: 3 });
  const formRef = catalog.get('AcroForm');
  const catalogEntries = { ...extra.catalog };
  if (formRef instanceof PdfRef) objects.push({ num: formRef.num, value: newForm });
  else catalogEntries.AcroForm = newForm;
  if (Object.keys(catalogEntries).length > 0)
    objects.push({ num: rootRef.num, value: withEntries(catalog, catalogEntries) });
  if (extra.info) file.last.trailer.set('Info', extra.info); // the writer copies /Info from the last trailer
  return { ...appendIncrementalUpdate(file, objects), placeholder };
}

/**
 * Writes the byte range into the first `/ByteRange` {@link BYTE_RANGE} placeholder after `updateStart` and a CAdES CMS
 * (our builder) into the `/Contents` placeholder of `placeholder` bytes that follows it.
 */
export async function fillPlaceholder(
  bytes: Uint8Array,
  updateStart: number,
  placeholder: number,
  signer: Signer | ((content: Uint8Array[]) => Promise<Uint8Array>),
): Promise<Uint8Array> {
  const source = text(bytes);
  const rangeAt = source.indexOf(`/ByteRange ${BYTE_RANGE}`, updateStart) + '/ByteRange '.length;
  const b = source.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const c = b + placeholder * 2 + 2;
  bytes.set(ascii(`[0 ${b} ${c} ${bytes.length - c}]`.padEnd(BYTE_RANGE.length, ' ')), rangeAt);
  const content = [bytes.subarray(0, b), bytes.subarray(c)];
  const der =
    typeof signer === 'function'
      ? await signer(content)
      : await createCmsSignature({ content, signer, profile: 'PAdES' });
  bytes.set(ascii(Buffer.from(der).toString('hex').toUpperCase()), b + 1);
  return bytes;
}

/** The usual Acrobat/iText extras: /Info with a new /ModDate, and a new XMP packet in the existing stream object. */
export function modDateAndXmp(pdf: Uint8Array): SignatureRevisionExtras {
  const { info, xmp, infoDict } = metadataRefs(pdf);
  return () => ({
    objects: [
      { num: info.num, value: withEntries(infoDict, { ModDate: encodeTextString('D:20261126000000Z') }) },
      { num: xmp.num, value: xmpStream('2026-11-26T00:00:00Z') },
    ],
  });
}
