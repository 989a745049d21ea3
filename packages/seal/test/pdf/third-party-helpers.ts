// Shared by the third-party signer tests.
import { PdfRef, appendUpdate, firstPage, stream, withEntries } from '../attacks/build';

/** Appends an incremental update that replaces the first page's content (the classic incremental saving attack). */
export function appendContentChange(bytes: Uint8Array, text = 'PAID IN FULL'): Uint8Array {
  return appendUpdate(bytes, (file, next) => {
    const page = firstPage(file);
    const content = next();
    return [
      { num: content, value: stream(`BT /F1 24 Tf 72 700 Td (${text}) Tj ET`) },
      { num: page.ref.num, value: withEntries(page.dict, { Contents: new PdfRef(content, 0) }) },
    ];
  });
}
