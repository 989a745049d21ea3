// Builders for the attack corpus: text edits that keep offsets, and hand-written incremental updates.
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import {
  PdfArray,
  PdfDict,
  type PdfObject,
  PdfRef,
  PdfStream,
  ascii,
  dict,
  name,
} from '../../src/internal/pdf/objects';
import { type UpdateObject, appendIncrementalUpdate } from '../../src/internal/pdf/writer';

export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
export const bytesOf = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'latin1'));

/** Replaces `search` (the `nth` occurrence from `from`) with `replacement` padded with spaces to the same length. */
export function replaceSameLength(pdf: Uint8Array, search: RegExp, replacement: (match: string) => string): Uint8Array {
  const source = text(pdf);
  const matches = [...source.matchAll(new RegExp(search.source, `${search.flags.replace('g', '')}g`))];
  const match = matches[matches.length - 1];
  if (!match || match.index === undefined) throw new Error(`pattern ${search} not found`);
  let value = replacement(match[0]);
  if (value.length > match[0].length) value = value.trimEnd();
  if (value.length > match[0].length) throw new Error('replacement longer than the original');
  return bytesOf(
    source.slice(0, match.index) + value.padEnd(match[0].length, ' ') + source.slice(match.index + match[0].length),
  );
}

/** Appends an incremental update with the given objects (xref of the same kind as the last revision). */
export function appendUpdate(
  pdf: Uint8Array,
  build: (file: PdfFile, next: () => number) => UpdateObject[],
): Uint8Array {
  const file = PdfFile.read(pdf);
  let next = file.last.trailer.get('Size') as number;
  return appendIncrementalUpdate(
    file,
    build(file, () => next++),
  ).bytes;
}

/** The first page: reference and dictionary. */
export function firstPage(file: PdfFile): { ref: PdfRef; dict: PdfDict } {
  const catalog = file.dict(file.last.trailer.get('Root')) as PdfDict;
  const pages = file.dict(catalog.get('Pages')) as PdfDict;
  const ref = (file.get(pages.get('Kids')) as PdfArray).items[0] as PdfRef;
  return { ref, dict: file.dict(ref) as PdfDict };
}

/** A content stream (uncompressed). */
export const stream = (content: string, entries: Record<string, PdfObject> = {}): PdfStream =>
  new PdfStream(dict(entries), ascii(content));

/** Copy of a dictionary with changes. */
export function withEntries(source: PdfDict, entries: Record<string, PdfObject>): PdfDict {
  const copy = new PdfDict(new Map(source.map));
  for (const [key, value] of Object.entries(entries)) copy.set(key, value);
  return copy;
}

export { PdfArray, PdfDict, PdfRef, dict, name };
