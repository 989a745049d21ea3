// AcroForm field-tree traversal with cycle, depth and size guards.
import { PdfFormatError } from './limits';
import { PdfArray, type PdfDict, type PdfObject, PdfRef, decodeTextString } from './objects';
import type { PdfFile } from './pdf-file';

/** Walks the AcroForm field tree of revision `rev`; calls `visit` for every terminal field with its inherited /FT. */
export function walkFields(
  file: PdfFile,
  rev: number,
  visit: (field: PdfDict, ref: PdfRef | undefined, fullName: string, ft: string | undefined) => void,
): void {
  const catalog = file.dict(file.revisions[rev]?.trailer.get('Root'), rev);
  const acroForm = file.dict(catalog?.get('AcroForm'), rev);
  const fields = file.get(acroForm?.get('Fields'), rev);
  if (!(fields instanceof PdfArray)) return;
  const seen = new Set<string>();
  let count = 0;
  const walk = (value: PdfObject, prefix: string, inheritedFt: string | undefined, depth: number) => {
    if (depth > 32 || ++count > 100_000) throw new PdfFormatError('form field tree too deep or too large');
    const ref = value instanceof PdfRef ? value : undefined;
    if (ref) {
      if (seen.has(ref.key)) return;
      seen.add(ref.key);
    }
    const field = file.dict(value, rev);
    if (!field) return;
    const partial = decodeTextString(field.get('T'));
    const fullName = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
    const ft = field.name('FT') ?? inheritedFt;
    const kids = file.get(field.get('Kids'), rev);
    const fieldKids =
      kids instanceof PdfArray ? kids.items.filter((kid) => file.dict(kid, rev)?.get('T') !== undefined) : [];
    if (fieldKids.length > 0) for (const kid of fieldKids) walk(kid, fullName, ft, depth + 1);
    else visit(field, ref, fullName, ft);
  };
  for (const item of fields.items) walk(item, '', undefined, 0);
}
