// PDF object model used by the hostile-safe reader and the incremental writer.

/** A PDF name (`/Type`), stored decoded (`#xx` escapes resolved). */
export class PdfName {
  constructor(readonly name: string) {}
}

/** A literal `( )` or hex `< >` string; `start`/`end` are file offsets of the token when read from the file body. */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
    readonly start = -1,
    readonly end = -1,
  ) {}
}

/** An indirect reference `n g R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

/** An array; `start`/`end` are file offsets when read from the file body. */
export class PdfArray {
  constructor(
    readonly items: PdfObject[],
    readonly start = -1,
    readonly end = -1,
  ) {}
}

/** A dictionary; keys are decoded names without the slash. */
export class PdfDict {
  constructor(
    readonly map: Map<string, PdfObject> = new Map(),
    readonly start = -1,
    readonly end = -1,
  ) {}
  get(key: string): PdfObject | undefined {
    return this.map.get(key);
  }
  set(key: string, value: PdfObject): this {
    this.map.set(key, value);
    return this;
  }
  /** The name value of `key`, if it is a name. */
  name(key: string): string | undefined {
    const value = this.map.get(key);
    return value instanceof PdfName ? value.name : undefined;
  }
}

/** A stream: its dictionary and the raw (still encoded) data. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly raw: Uint8Array,
  ) {}
}

/** Any PDF object. */
export type PdfObject = null | boolean | number | PdfName | PdfString | PdfArray | PdfDict | PdfRef | PdfStream;

/** An indirect object as found in the file. */
export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfObject;
  /** File offset of `n g obj` (or -1 inside an object stream). */
  offset: number;
  /** File offset just after `endobj` (or -1). */
  end: number;
  /** Object stream number when the object is compressed. */
  inStream?: number;
}

/** Build a name. */
export const name = (value: string): PdfName => new PdfName(value);

/** Build a dictionary from a plain record (undefined values are left out). */
export function dict(entries: Record<string, PdfObject | undefined>): PdfDict {
  const result = new PdfDict();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) result.set(key, value);
  return result;
}

/** Latin-1 bytes of an ASCII string. */
export function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** Latin-1 decode. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'latin1',
    start,
    Math.min(end, bytes.length),
  );
}

/** Decode a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding approximated by Latin-1). */
export function decodeTextString(value: PdfObject | undefined): string | undefined {
  if (!(value instanceof PdfString)) return undefined;
  const bytes = value.bytes;
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return out;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder().decode(bytes.subarray(3));
  }
  return latin1(bytes);
}

/** Encode a text string for a PDF: ASCII stays as is, anything else becomes UTF-16BE with a BOM. */
export function encodeTextString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfString(ascii(text), false);
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + i * 2] = code >> 8;
    out[3 + i * 2] = code & 0xff;
  }
  return new PdfString(out, true);
}
