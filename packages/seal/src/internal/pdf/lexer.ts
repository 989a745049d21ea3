// Tokenizer and object parser for PDF bodies (ISO 32000-1 §7.2–7.3). Strict: no repair.
import { type PdfReadLimits, PdfFormatError } from './limits';
import { PdfArray, PdfDict, PdfName, type PdfObject, PdfRef, PdfString } from './objects';

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export const isWhite = (c: number | undefined): boolean => c !== undefined && WHITE[c] === 1;
export const isDelimiter = (c: number | undefined): boolean => c !== undefined && DELIM[c] === 1;
const isRegular = (c: number | undefined): boolean => c !== undefined && WHITE[c] !== 1 && DELIM[c] !== 1;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}
const hexValue = (c: number): number => HEX_VALUE[c] ?? -1;

/** Longest literal string accepted (bytes are collected in a JS array: keep it bounded). */
const MAX_LITERAL_STRING = 4 * 1024 * 1024;

/** Keyword token (true, false, null, obj, R, stream, ...). */
export class Keyword {
  constructor(readonly word: string) {}
}

/** Parses PDF objects from a byte array. `base` is the file offset of `bytes[0]` (for offsets in object streams it is -1). */
export class Lexer {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly limits: PdfReadLimits,
    start = 0,
    readonly trackOffsets = true,
  ) {
    this.pos = start;
  }

  skipWhite(): void {
    const b = this.bytes;
    for (;;) {
      const c = b[this.pos];
      if (c === undefined) return;
      if (WHITE[c] === 1) {
        this.pos++;
      } else if (c === 0x25) {
        // comment to end of line
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** Reads an unsigned integer at the current position (after whitespace), or undefined. Does not move on failure. */
  peekUint(): { value: number; end: number } | undefined {
    const save = this.pos;
    this.skipWhite();
    let p = this.pos;
    const start = p;
    while (isDigit(this.bytes[p])) p++;
    const end = p;
    this.pos = save;
    if (end === start || end - start > 10 || !(this.bytes[end] === undefined || !isRegular(this.bytes[end])))
      return undefined;
    let value = 0;
    for (let i = start; i < end; i++) value = value * 10 + ((this.bytes[i] ?? 0) - 0x30);
    return { value, end };
  }

  /** Expects a keyword next; throws otherwise. */
  expectKeyword(word: string): void {
    const token = this.next(0);
    if (!(token instanceof Keyword) || token.word !== word) {
      throw new PdfFormatError(`expected "${word}"`, this.pos);
    }
  }

  /** Reads one object (handles `n g R`). */
  readObject(depth = 0): PdfObject {
    const token = this.next(depth);
    if (token instanceof Keyword) {
      if (token.word === 'null') return null;
      throw new PdfFormatError(`unexpected keyword "${token.word.slice(0, 20)}"`, this.pos);
    }
    if (typeof token === 'number' && Number.isInteger(token) && token >= 0) {
      // maybe a reference
      const save = this.pos;
      const gen = this.peekUint();
      if (gen) {
        this.pos = gen.end;
        this.skipWhite();
        if (this.bytes[this.pos] === 0x52 && !isRegular(this.bytes[this.pos + 1])) {
          this.pos++;
          return new PdfRef(token, gen.value);
        }
      }
      this.pos = save;
    }
    return token;
  }

  /** Reads one token or composite object; keywords are returned as Keyword. */
  next(depth: number): PdfObject | Keyword {
    if (depth > this.limits.maxDepth) throw new PdfFormatError('objects nested too deeply', this.pos);
    this.skipWhite();
    const b = this.bytes;
    const start = this.pos;
    const c = b[this.pos];
    if (c === undefined) throw new PdfFormatError('unexpected end of data', this.pos);
    if (c === 0x2f) return this.readName();
    if (c === 0x28) return this.readLiteralString(start);
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return this.readDict(depth, start);
      }
      return this.readHexString(start);
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfObject[] = [];
      for (;;) {
        this.skipWhite();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return new PdfArray(items, this.track(start), this.track(this.pos));
        }
        if (this.pos >= b.length) throw new PdfFormatError('unterminated array', start);
        if (items.length >= this.limits.maxCollectionItems) throw new PdfFormatError('array too large', start);
        items.push(this.readObject(depth + 1));
      }
    }
    if (c === 0x2b || c === 0x2d || c === 0x2e || isDigit(c)) return this.readNumber();
    if (isRegular(c)) {
      let p = this.pos;
      while (isRegular(b[p]) && p - this.pos < 64) p++;
      const word = String.fromCharCode(...b.subarray(this.pos, p));
      this.pos = p;
      if (word === 'true') return true;
      if (word === 'false') return false;
      return new Keyword(word);
    }
    throw new PdfFormatError(`unexpected character 0x${c.toString(16)}`, this.pos);
  }

  private track(offset: number): number {
    return this.trackOffsets ? offset : -1;
  }

  private readDict(depth: number, start: number): PdfDict {
    const b = this.bytes;
    const map = new Map<string, PdfObject>();
    for (;;) {
      this.skipWhite();
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(map, this.track(start), this.track(this.pos));
      }
      if (this.pos >= b.length) throw new PdfFormatError('unterminated dictionary', start);
      if (b[this.pos] !== 0x2f) throw new PdfFormatError('dictionary key is not a name', this.pos);
      if (map.size >= this.limits.maxCollectionItems) throw new PdfFormatError('dictionary too large', start);
      const key = this.readName().name;
      const value = this.readObject(depth + 1);
      // Duplicate keys are ambiguous between readers: reject (a shadow-attack enabler).
      if (map.has(key)) throw new PdfFormatError(`duplicate dictionary key /${key}`, this.pos);
      map.set(key, value);
    }
  }

  private readName(): PdfName {
    const b = this.bytes;
    this.pos++; // slash
    const out: number[] = [];
    while (isRegular(b[this.pos])) {
      const c = b[this.pos] as number;
      if (c === 0x23) {
        const h = hexValue(b[this.pos + 1] ?? -1);
        const l = hexValue(b[this.pos + 2] ?? -1);
        if (h < 0 || l < 0) throw new PdfFormatError('bad #xx escape in name', this.pos);
        out.push(h * 16 + l);
        this.pos += 3;
      } else {
        out.push(c);
        this.pos++;
      }
      if (out.length > 1024) throw new PdfFormatError('name too long', this.pos);
    }
    return new PdfName(new TextDecoder('latin1').decode(new Uint8Array(out)));
  }

  private readNumber(): number {
    const b = this.bytes;
    const start = this.pos;
    let p = this.pos;
    if (b[p] === 0x2b || b[p] === 0x2d) p++;
    let digits = 0;
    let dot = false;
    while (isDigit(b[p]) || (b[p] === 0x2e && !dot)) {
      if (b[p] === 0x2e) dot = true;
      else digits++;
      p++;
      if (p - start > 40) throw new PdfFormatError('number too long', start);
    }
    if (digits === 0 || isRegular(b[p])) throw new PdfFormatError('malformed number', start);
    this.pos = p;
    return Number(String.fromCharCode(...b.subarray(start, p)));
  }

  private readHexString(start: number): PdfString {
    const b = this.bytes;
    let p = this.pos + 1;
    const end = b.indexOf(0x3e, p);
    if (end < 0) throw new PdfFormatError('unterminated hex string', start);
    const out = new Uint8Array((end - p + 1) >> 1);
    let n = 0;
    let high = -1;
    for (; p < end; p++) {
      const c = b[p] as number;
      if (WHITE[c] === 1) continue;
      const v = hexValue(c);
      if (v < 0) throw new PdfFormatError('invalid character in hex string', p);
      if (high < 0) high = v;
      else {
        out[n++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[n++] = high * 16;
    this.pos = end + 1;
    return new PdfString(out.slice(0, n), true, this.track(start), this.track(this.pos));
  }

  private readLiteralString(start: number): PdfString {
    const b = this.bytes;
    let p = this.pos + 1;
    let nesting = 1;
    const out: number[] = [];
    for (;;) {
      const c = b[p];
      if (c === undefined) throw new PdfFormatError('unterminated string', start);
      p++;
      if (c === 0x5c) {
        const e = b[p];
        if (e === undefined) throw new PdfFormatError('unterminated string', start);
        p++;
        const simple: Record<number, number> = {
          110: 10,
          114: 13,
          116: 9,
          98: 8,
          102: 12,
          40: 0x28,
          41: 0x29,
          92: 0x5c,
        };
        if (simple[e] !== undefined) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && (b[p] ?? 0) >= 0x30 && (b[p] ?? 0) <= 0x37; k++)
            v = v * 8 + ((b[p++] as number) - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[p] === 0x0a) p++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) nesting++;
      else if (c === 0x29 && --nesting === 0) break;
      out.push(c);
      if (out.length > MAX_LITERAL_STRING) throw new PdfFormatError('literal string too long', start);
    }
    this.pos = p;
    return new PdfString(new Uint8Array(out), false, this.track(start), this.track(this.pos));
  }
}
