import { deflateSync } from 'node:zlib';
import { type PDFContext, PDFObject, PDFRawStream, PDFStream } from './pdf-lib';

/**
 * A PDF object given as its serialised text (ASCII), written as is. Used for objects built from cached parts (font
 * dictionaries, widths) where constructing pdf-lib objects only to print them again would cost more than the rest.
 */
export class PDFRawObject extends PDFObject {
  constructor(private readonly text: string) {
    super();
  }

  override clone(): PDFRawObject {
    return new PDFRawObject(this.text);
  }

  override toString(): string {
    return this.text;
  }

  override sizeInBytes(): number {
    return this.text.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    for (let i = 0; i < this.text.length; i++) buffer[offset + i] = this.text.charCodeAt(i) & 0xff;
    return this.text.length;
  }
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/**
 * Serialise every indirect object of `context` as a PDF 1.7 file: streams as they are, all other objects in one
 * object stream deflated with Node's zlib, and a cross-reference stream. Equivalent to pdf-lib's `save()` with
 * object streams, without its pako compression, its size pre-pass or its per-50-objects event-loop ticks.
 */
export function writePdf(context: PDFContext): Uint8Array {
  const objects = context.enumerateIndirectObjects();
  const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0]?.length ?? 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    length += bytes.length;
  };
  const offsets = new Map<number, number>();
  const packed = new Map<number, number>();
  let header = '';
  let body = '';
  for (const [ref, object] of objects) {
    if (object instanceof PDFRawStream) {
      // The contents as they are (pdf-lib's copyBytesInto copies them byte by byte).
      offsets.set(ref.objectNumber, length);
      object.updateDict(); // sets /Length
      push(latin1(`${ref.objectNumber} 0 obj\n${object.dict.toString()}\nstream\n`));
      push(object.getContents());
      push(latin1('\nendstream\nendobj\n'));
    } else if (object instanceof PDFStream) {
      offsets.set(ref.objectNumber, length);
      const bytes = new Uint8Array(object.sizeInBytes());
      object.copyBytesInto(bytes, 0);
      push(latin1(`${ref.objectNumber} 0 obj\n`));
      push(bytes);
      push(latin1('\nendobj\n'));
    } else {
      packed.set(ref.objectNumber, packed.size);
      header += `${ref.objectNumber} ${body.length} `;
      body += `${object.toString()}\n`;
    }
  }
  const objectStream = context.largestObjectNumber + 1;
  const xrefStream = objectStream + 1;
  const compressed = deflateSync(latin1(header + body));
  offsets.set(objectStream, length);
  push(
    latin1(
      `${objectStream} 0 obj\n<< /Type /ObjStm /N ${packed.size} /First ${header.length} /Filter /FlateDecode /Length ${compressed.length} >>\nstream\n`,
    ),
  );
  push(compressed);
  push(latin1('\nendstream\nendobj\n'));

  const xrefOffset = length;
  offsets.set(xrefStream, xrefOffset);
  const size = xrefStream + 1;
  const table = new Uint8Array(size * 7);
  const view = new DataView(table.buffer);
  for (let number = 0; number < size; number++) {
    const at = number * 7;
    const offset = offsets.get(number);
    const index = packed.get(number);
    if (offset !== undefined) {
      view.setUint8(at, 1);
      view.setUint32(at + 1, offset);
    } else if (index !== undefined) {
      view.setUint8(at, 2);
      view.setUint32(at + 1, objectStream);
      view.setUint16(at + 5, index);
    } else if (number === 0) {
      view.setUint16(at + 5, 0xffff); // head of the free list
    }
  }
  const trailer = context.trailerInfo;
  const entries = [
    trailer.Root ? `/Root ${trailer.Root.toString()}` : '',
    trailer.Info ? `/Info ${trailer.Info.toString()}` : '',
    trailer.ID ? `/ID ${trailer.ID.toString()}` : '',
  ].join(' ');
  push(
    latin1(
      `${xrefStream} 0 obj\n<< /Type /XRef /Size ${size} /W [1 4 2] ${entries} /Length ${table.length} >>\nstream\n`,
    ),
  );
  push(table);
  push(latin1(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
