// Serialisation of PDF objects and the incremental-update appender (original bytes are never touched).
import { deflateSync } from 'node:zlib';
import { PdfArray, PdfDict, PdfName, type PdfObject, PdfRef, PdfStream, PdfString, ascii } from './objects';
import type { PdfFile } from './pdf-file';

const HEX = '0123456789ABCDEF';

function nameToken(value: string): string {
  let out = '/';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || '#()<>[]{}/%'.includes(value[i] as string)) {
      out += `#${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    } else out += value[i];
  }
  return out;
}

function numberToken(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('non-finite number in a PDF object');
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** Serialises an object (not a stream) to PDF syntax. */
export function serialize(value: PdfObject): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numberToken(value);
  if (value instanceof PdfName) return nameToken(value.name);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) {
    let out = '<';
    for (const byte of value.bytes) out += HEX[byte >> 4] + (HEX[byte & 15] as string);
    return `${out}>`;
  }
  if (value instanceof PdfArray) return `[${value.items.map(serialize).join(' ')}]`;
  if (value instanceof PdfDict) {
    let out = '<<';
    for (const [key, item] of value.map) out += `${nameToken(key)} ${serialize(item)}`;
    return `${out}>>`;
  }
  throw new TypeError('streams must be written as indirect objects');
}

/** A new or replaced object for an incremental update. `raw` text is written verbatim (used for placeholders). */
export interface UpdateObject {
  num: number;
  gen?: number;
  value: PdfObject | { raw: string };
}

/** Marks a piece of the appended text whose offset the caller needs (e.g. the /Contents placeholder). */
export interface AppendResult {
  bytes: Uint8Array;
  /** Offset of the first appended byte. */
  updateStart: number;
}

function encodeObject(num: number, gen: number, value: PdfObject | { raw: string }): Uint8Array[] {
  if (value instanceof PdfStream) {
    const dict = new PdfDict(new Map(value.dict.map)).set('Length', value.raw.length);
    return [ascii(`${num} ${gen} obj\n${serialize(dict)}\nstream\n`), value.raw, ascii('\nendstream\nendobj\n')];
  }
  const text =
    value !== null && typeof value === 'object' && 'raw' in value ? value.raw : serialize(value as PdfObject);
  return [ascii(`${num} ${gen} obj\n${text}\nendobj\n`)];
}

/**
 * Appends an incremental update to `file`: the objects, then an xref section of the same kind as the last revision
 * (table or stream), a trailer with /Prev, /Size, /Root, /Info, /ID kept, `startxref` and `%%EOF`.
 */
export function appendIncrementalUpdate(file: PdfFile, objects: UpdateObject[]): AppendResult {
  const original = file.bytes;
  const last = file.last;
  const chunks: Uint8Array[] = [];
  let length = original.length;
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  const endsWithEol = original[original.length - 1] === 0x0a || original[original.length - 1] === 0x0d;
  if (!endsWithEol) push(ascii('\n'));
  const updateStart = original.length;
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const object of [...objects].sort((a, b) => a.num - b.num)) {
    offsets.set(object.num, { offset: length, gen: object.gen ?? 0 });
    for (const chunk of encodeObject(object.num, object.gen ?? 0, object.value)) push(chunk);
  }
  const previousSize = typeof last.trailer.get('Size') === 'number' ? (last.trailer.get('Size') as number) : 0;
  const maxNum = Math.max(previousSize - 1, ...offsets.keys());
  const trailer = new PdfDict();
  for (const key of ['Root', 'Info', 'ID']) {
    const value = last.trailer.get(key);
    if (value !== undefined) trailer.set(key, value);
  }
  trailer.set('Prev', last.xrefOffset);
  const xrefOffset = length;
  if (last.kind === 'stream') {
    const xrefNum = maxNum + 1;
    offsets.set(xrefNum, { offset: xrefOffset, gen: 0 });
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const index: number[] = [];
    const rows: number[] = [];
    for (const n of nums) {
      const previous =
        index.length >= 2 ? (index[index.length - 2] as number) + (index[index.length - 1] as number) : -1;
      if (previous === n) index[index.length - 1] = (index[index.length - 1] as number) + 1;
      else index.push(n, 1);
      const { offset, gen } = offsets.get(n) as { offset: number; gen: number };
      rows.push(1, offset, gen);
    }
    const data = new Uint8Array((rows.length / 3) * 7);
    for (let i = 0; i < rows.length / 3; i++) {
      const offset = rows[i * 3 + 1] as number;
      data[i * 7] = 1;
      data[i * 7 + 1] = Math.floor(offset / 2 ** 32) & 0xff;
      data[i * 7 + 2] = (offset >>> 24) & 0xff;
      data[i * 7 + 3] = (offset >>> 16) & 0xff;
      data[i * 7 + 4] = (offset >>> 8) & 0xff;
      data[i * 7 + 5] = offset & 0xff;
      data[i * 7 + 6] = rows[i * 3 + 2] as number;
    }
    const compressed = new Uint8Array(deflateSync(data));
    const dict = new PdfDict(new Map(trailer.map))
      .set('Type', new PdfName('XRef'))
      .set('Size', xrefNum + 1)
      .set('W', new PdfArray([1, 5, 1]))
      .set('Index', new PdfArray(index))
      .set('Filter', new PdfName('FlateDecode'));
    for (const chunk of encodeObject(xrefNum, 0, new PdfStream(dict, compressed))) push(chunk);
  } else {
    let text = 'xref\n';
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let i = 0;
    while (i < nums.length) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === (nums[j] as number) + 1) j++;
      text += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) {
        const { offset, gen } = offsets.get(nums[k] as number) as { offset: number; gen: number };
        text += `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n`;
      }
      i = j + 1;
    }
    trailer.set('Size', maxNum + 1);
    text += `trailer\n${serialize(trailer)}\n`;
    push(ascii(text));
  }
  push(ascii(`startxref\n${xrefOffset}\n%%EOF\n`));
  const out = new Uint8Array(length);
  out.set(original, 0);
  let pos = original.length;
  for (const chunk of chunks) {
    out.set(chunk, pos);
    pos += chunk.length;
  }
  return { bytes: out, updateStart };
}
