// Page tree traversal with cycle and depth guards.
import { PdfFormatError } from './limits';
import { PdfArray, type PdfDict, PdfRef } from './objects';
import type { PdfFile } from './pdf-file';

/** A page: its reference and dictionary. */
export interface PageEntry {
  ref: PdfRef;
  dict: PdfDict;
}

/** Lists the pages of revision `rev` in order (at most `maxPages`). Throws PdfFormatError on a malformed tree. */
export function listPages(file: PdfFile, rev = file.revisions.length - 1, maxPages = 100_000): PageEntry[] {
  const catalog = file.dict(file.revisions[rev]?.trailer.get('Root'), rev);
  if (!catalog) throw new PdfFormatError('trailer /Root is not a dictionary');
  const pagesRef = catalog.get('Pages');
  const pages: PageEntry[] = [];
  const seen = new Set<string>();
  const walk = (ref: unknown, depth: number): void => {
    if (!(ref instanceof PdfRef)) throw new PdfFormatError('page tree node is not an indirect reference');
    if (depth > 64) throw new PdfFormatError('page tree too deep');
    if (seen.has(ref.key)) throw new PdfFormatError('cycle in the page tree');
    seen.add(ref.key);
    const node = file.dict(ref, rev);
    if (!node) throw new PdfFormatError(`page tree node ${ref.key} is missing`);
    const type = node.name('Type');
    if (type === 'Page') {
      if (pages.length >= maxPages) throw new PdfFormatError('too many pages');
      pages.push({ ref, dict: node });
      return;
    }
    const kids = file.get(node.get('Kids'), rev);
    if (!(kids instanceof PdfArray)) throw new PdfFormatError(`page tree node ${ref.key} has no /Kids array`);
    for (const kid of kids.items) walk(kid, depth + 1);
  };
  walk(pagesRef, 0);
  return pages;
}
