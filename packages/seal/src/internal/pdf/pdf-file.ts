// Read-only, hostile-safe view of a PDF file: revisions (one per xref section / %%EOF), per-revision object resolution,
// xref tables and xref streams, object streams, limits and cycle guards. Throws PdfFormatError; never repairs.
import { decodeStream } from './filters';
import { Keyword, Lexer, isWhite } from './lexer';
import { DEFAULT_PDF_LIMITS, PdfFormatError, type PdfReadLimits } from './limits';
import { type IndirectObject, PdfArray, PdfDict, type PdfObject, PdfRef, PdfStream, ascii } from './objects';

/** One xref entry: type 0 free, 1 in use at `offset`, 2 compressed in object stream `stream` at `index`. */
export interface XrefEntry {
  type: 0 | 1 | 2;
  offset: number;
  gen: number;
  stream: number;
  index: number;
}

/** One revision of the file: the original body or one incremental update. */
export interface Revision {
  index: number;
  kind: 'table' | 'stream';
  /** Offset of this revision's xref section (the `startxref` value). */
  xrefOffset: number;
  trailer: PdfDict;
  /** Entries of this revision's own xref section(s). */
  entries: Map<number, XrefEntry>;
  /** First byte of the revision (0 or the end of the previous revision). */
  start: number;
  /** Offset just after `%%EOF`. */
  eofEnd: number;
  /** Offset after `%%EOF` and one end-of-line marker, if present. */
  end: number;
  /** Linearized first-page and main xref sections merged into this revision. */
  linearized: boolean;
}

const STARTXREF = ascii('startxref');
const EOF_MARK = ascii('%%EOF');
const ENDSTREAM = ascii('endstream');

/** Finds `needle` in `haystack` from `from`, up to `to` (exclusive). */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0, to = haystack.length): number {
  const first = needle[0] as number;
  const last = to - needle.length;
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && haystack[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** Last occurrence of `needle` starting before `before`. */
export function lastIndexOfBytes(haystack: Uint8Array, needle: Uint8Array, before = haystack.length): number {
  const first = needle[0] as number;
  for (let i = haystack.lastIndexOf(first, before - needle.length); i >= 0; i = haystack.lastIndexOf(first, i - 1)) {
    let k = 1;
    while (k < needle.length && haystack[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
    if (i === 0) break;
  }
  return -1;
}

/** A parsed PDF file. */
export class PdfFile {
  readonly revisions: Revision[] = [];
  /** Non-fatal strictness problems (e.g. wrong stream /Length). */
  readonly problems: string[] = [];
  /** Number of non-whitespace bytes after the end of the last revision. */
  trailingGarbage = 0;
  private readonly cache = new Map<string, IndirectObject | null>();
  private readonly objStmCache = new Map<string, { offsets: Map<number, number>; data: Uint8Array; first: number }>();
  private resolving = 0;
  private decodedTotal = 0;

  private constructor(
    readonly bytes: Uint8Array,
    readonly limits: PdfReadLimits,
  ) {}

  /** Parses the file structure (header, all xref sections through /Prev). Throws PdfFormatError. */
  static read(bytes: Uint8Array, limits: Partial<PdfReadLimits> = {}): PdfFile {
    const file = new PdfFile(bytes, { ...DEFAULT_PDF_LIMITS, ...limits });
    file.load();
    return file;
  }

  get last(): Revision {
    return this.revisions[this.revisions.length - 1] as Revision;
  }

  private load(): void {
    const b = this.bytes;
    if (b.length > this.limits.maxFileSize)
      throw new PdfFormatError(`file larger than ${this.limits.maxFileSize} bytes`);
    const header = indexOfBytes(b, ascii('%PDF-'), 0, Math.min(b.length, 1024));
    if (header < 0) throw new PdfFormatError('no %PDF- header in the first 1024 bytes');
    if (header !== 0) this.problems.push(`header at offset ${header}, not 0`);
    const sx = lastIndexOfBytes(b, STARTXREF);
    if (sx < 0) throw new PdfFormatError('no startxref');
    const first = this.readStartxref(sx);
    // Follow /Prev chain (newest first).
    const sections: Array<Omit<Revision, 'index' | 'start' | 'linearized'>> = [];
    const seen = new Set<number>();
    let offset: number | undefined = first;
    while (offset !== undefined) {
      if (seen.has(offset)) throw new PdfFormatError('cycle in the /Prev chain', offset);
      if (seen.size >= this.limits.maxRevisions) throw new PdfFormatError('too many xref sections');
      seen.add(offset);
      const section = this.readXrefSection(offset);
      sections.push(section);
      const prev = section.trailer.get('Prev');
      if (prev === undefined) offset = undefined;
      else if (typeof prev === 'number' && Number.isInteger(prev) && prev >= 0 && prev < b.length) offset = prev;
      else throw new PdfFormatError('invalid /Prev in trailer');
    }
    sections.reverse();
    // Merge linearized pairs: a newer section located before an older one in the file.
    const merged: Revision[] = [];
    for (const s of sections) {
      const prev = merged[merged.length - 1];
      if (prev && s.xrefOffset < prev.xrefOffset && merged.length === 1) {
        for (const [num, entry] of s.entries) prev.entries.set(num, entry);
        prev.trailer = mergeTrailers(prev.trailer, s.trailer);
        prev.linearized = true;
        // The newer (first-page) section is what `startxref` and a later /Prev must point to.
        prev.xrefOffset = s.xrefOffset;
        prev.kind = s.kind;
        continue;
      }
      if (prev && s.xrefOffset < prev.end && !(prev.linearized && s.xrefOffset === prev.xrefOffset)) {
        throw new PdfFormatError(
          'xref sections out of order (a later revision points into an earlier one)',
          s.xrefOffset,
        );
      }
      merged.push({ ...s, index: merged.length, start: prev ? prev.end : 0, linearized: false });
    }
    this.revisions.push(...merged);
    const end = this.last.end;
    for (let i = end; i < b.length; i++) if (!isWhite(b[i])) this.trailingGarbage++;
  }

  private readStartxref(sx: number): number {
    const lexer = new Lexer(this.bytes, this.limits, sx + STARTXREF.length);
    const n = lexer.peekUint();
    if (!n || n.value >= this.bytes.length) throw new PdfFormatError('invalid startxref value', sx);
    return n.value;
  }

  /** Finds `startxref … %%EOF` after `from`; returns the revision end offsets. */
  private findEof(from: number, xrefOffset: number): { eofEnd: number; end: number } {
    const b = this.bytes;
    const sx = indexOfBytes(b, STARTXREF, from);
    if (sx < 0) throw new PdfFormatError('no startxref after xref section', from);
    if (this.readStartxref(sx) !== xrefOffset)
      this.problems.push(`startxref at ${sx} does not point to its xref section`);
    const eof = indexOfBytes(b, EOF_MARK, sx);
    if (eof < 0) throw new PdfFormatError('no %%EOF after startxref', sx);
    for (let i = sx + STARTXREF.length; i < eof; i++) {
      const c = b[i] as number;
      if (!isWhite(c) && !(c >= 0x30 && c <= 0x39)) throw new PdfFormatError('garbage between startxref and %%EOF', i);
    }
    const eofEnd = eof + EOF_MARK.length;
    let end = eofEnd;
    if (b[end] === 0x0d) end++;
    if (b[end] === 0x0a) end++;
    return { eofEnd, end };
  }

  private readXrefSection(offset: number): Omit<Revision, 'index' | 'start' | 'linearized'> {
    const b = this.bytes;
    const lexer = new Lexer(b, this.limits, offset);
    const entries = new Map<number, XrefEntry>();
    if (b[offset] === 0x78 /* x */) {
      lexer.expectKeyword('xref');
      for (;;) {
        const token = lexer.next(0);
        if (token instanceof Keyword && token.word === 'trailer') break;
        const count = lexer.next(0);
        if (
          typeof token !== 'number' ||
          typeof count !== 'number' ||
          !Number.isInteger(token) ||
          !Number.isInteger(count) ||
          token < 0 ||
          count < 0
        ) {
          throw new PdfFormatError('malformed xref subsection header', lexer.pos);
        }
        if (token + count > this.limits.maxObjects) throw new PdfFormatError('xref section too large', lexer.pos);
        for (let i = 0; i < count; i++) {
          const off = lexer.next(0);
          const gen = lexer.next(0);
          const kind = lexer.next(0);
          if (
            typeof off !== 'number' ||
            typeof gen !== 'number' ||
            !(kind instanceof Keyword) ||
            (kind.word !== 'n' && kind.word !== 'f')
          ) {
            throw new PdfFormatError('malformed xref entry', lexer.pos);
          }
          const num = token + i;
          if (entries.has(num)) throw new PdfFormatError(`object ${num} listed twice in one xref section`, lexer.pos);
          entries.set(num, { type: kind.word === 'n' ? 1 : 0, offset: off, gen, stream: 0, index: 0 });
        }
      }
      const trailer = lexer.readObject();
      if (!(trailer instanceof PdfDict)) throw new PdfFormatError('trailer is not a dictionary', lexer.pos);
      const xrefStm = trailer.get('XRefStm');
      if (typeof xrefStm === 'number') {
        const hybrid = this.readXrefStream(xrefStm);
        for (const [num, entry] of hybrid.entries) {
          const existing = entries.get(num);
          if (!existing || existing.type === 0) entries.set(num, entry);
        }
      }
      return { kind: 'table', xrefOffset: offset, trailer, entries, ...this.findEof(lexer.pos, offset) };
    }
    const stream = this.readXrefStream(offset);
    return {
      kind: 'stream',
      xrefOffset: offset,
      trailer: stream.dict,
      entries: stream.entries,
      ...this.findEof(stream.end, offset),
    };
  }

  private readXrefStream(offset: number): { dict: PdfDict; entries: Map<number, XrefEntry>; end: number } {
    const object = this.parseIndirectAt(offset, undefined);
    const stream = object.value;
    if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'XRef') {
      throw new PdfFormatError('startxref does not point to an xref table or an /XRef stream', offset);
    }
    const dict = stream.dict;
    const size = dict.get('Size');
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > this.limits.maxObjects) {
      throw new PdfFormatError('invalid /Size in xref stream', offset);
    }
    const w = dict.get('W');
    const widths = w instanceof PdfArray ? w.items : [];
    if (widths.length !== 3 || widths.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 8)) {
      throw new PdfFormatError('invalid /W in xref stream', offset);
    }
    const [w0, w1, w2] = widths as [number, number, number];
    const indexValue = dict.get('Index');
    const index = indexValue instanceof PdfArray ? indexValue.items : [0, size];
    const data = this.decode(stream);
    const rowLength = w0 + w1 + w2;
    if (rowLength === 0) throw new PdfFormatError('zero-width xref stream rows', offset);
    const entries = new Map<number, XrefEntry>();
    let pos = 0;
    const field = (width: number, fallback: number): number => {
      if (width === 0) return fallback;
      let value = 0;
      for (let i = 0; i < width; i++) value = value * 256 + (data[pos++] as number);
      return value;
    };
    for (let k = 0; k + 1 < index.length; k += 2) {
      const start = index[k];
      const count = index[k + 1];
      if (
        typeof start !== 'number' ||
        typeof count !== 'number' ||
        start < 0 ||
        count < 0 ||
        start + count > this.limits.maxObjects
      ) {
        throw new PdfFormatError('invalid /Index in xref stream', offset);
      }
      for (let i = 0; i < count; i++) {
        if (pos + rowLength > data.length) throw new PdfFormatError('xref stream data too short', offset);
        const type = field(w0, 1);
        const a = field(w1, 0);
        const c = field(w2, 0);
        const num = start + i;
        if (entries.has(num)) throw new PdfFormatError(`object ${num} listed twice in one xref stream`, offset);
        if (type === 0) entries.set(num, { type: 0, offset: 0, gen: c, stream: 0, index: 0 });
        else if (type === 1) entries.set(num, { type: 1, offset: a, gen: c, stream: 0, index: 0 });
        else if (type === 2) entries.set(num, { type: 2, offset: 0, gen: 0, stream: a, index: c });
        // other types are reserved: treated as null objects
      }
    }
    return { dict, entries, end: object.end };
  }

  /** The xref entry of `num` as seen by revision `rev`, and the revision that defined it. */
  entryAt(num: number, rev = this.revisions.length - 1): { entry: XrefEntry; revision: number } | undefined {
    for (let r = Math.min(rev, this.revisions.length - 1); r >= 0; r--) {
      const entry = this.revisions[r]?.entries.get(num);
      if (entry) return { entry, revision: r };
    }
    return undefined;
  }

  /** Resolves object `num` as seen by revision `rev`; undefined when absent or free. Throws PdfFormatError. */
  object(num: number, rev = this.revisions.length - 1): IndirectObject | undefined {
    const found = this.entryAt(num, rev);
    if (!found || found.entry.type === 0) return undefined;
    const { entry } = found;
    // Compressed objects are read through the object stream as the viewing revision sees it (as viewers do).
    const containerRevision =
      entry.type === 2 ? (this.entryAt(entry.stream, rev)?.revision ?? found.revision) : found.revision;
    const key =
      entry.type === 1 ? `o${entry.offset}:${found.revision}` : `s${entry.stream}:${entry.index}:${containerRevision}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (this.resolving > 32) throw new PdfFormatError('reference chain too deep (cycle?)');
    this.resolving++;
    try {
      let result: IndirectObject;
      if (entry.type === 1) {
        if (entry.offset <= 0 || entry.offset >= this.bytes.length)
          throw new PdfFormatError(`xref offset of object ${num} out of range`);
        result = this.parseIndirectAt(entry.offset, found.revision);
        if (result.num !== num || result.gen !== entry.gen) {
          throw new PdfFormatError(
            `xref entry of object ${num} points to object ${result.num} ${result.gen}`,
            entry.offset,
          );
        }
      } else {
        result = this.compressedObject(num, entry.stream, entry.index, containerRevision);
      }
      this.cache.set(key, result);
      return result;
    } finally {
      this.resolving--;
    }
  }

  /** Dereferences `value` (following references) in revision `rev`. */
  get(value: PdfObject | undefined, rev = this.revisions.length - 1): PdfObject | undefined {
    let current = value;
    for (let hops = 0; current instanceof PdfRef; hops++) {
      if (hops > 16) throw new PdfFormatError('reference chain too long');
      current = this.object(current.num, rev)?.value ?? null;
    }
    return current;
  }

  /** Dereferences and returns a dictionary (a stream's dictionary counts), else undefined. */
  dict(value: PdfObject | undefined, rev = this.revisions.length - 1): PdfDict | undefined {
    const v = this.get(value, rev);
    if (v instanceof PdfDict) return v;
    if (v instanceof PdfStream) return v.dict;
    return undefined;
  }

  /** Decodes a stream with the per-stream and per-file caps. */
  decode(stream: PdfStream): Uint8Array {
    const remaining = this.limits.maxTotalDecodedBytes - this.decodedTotal;
    const data = decodeStream(stream.dict, stream.raw, Math.min(this.limits.maxDecodedStreamBytes, remaining));
    this.decodedTotal += data.length;
    return data;
  }

  private compressedObject(num: number, streamNum: number, index: number, rev: number): IndirectObject {
    const key = `${streamNum}:${rev}`;
    let objStm = this.objStmCache.get(key);
    if (!objStm) {
      const container = this.object(streamNum, rev);
      const stream = container?.value;
      if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'ObjStm') {
        throw new PdfFormatError(`object ${num} points to ${streamNum}, which is not an object stream`);
      }
      const n = stream.dict.get('N');
      const first = stream.dict.get('First');
      if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || first < 0 || n > this.limits.maxObjects) {
        throw new PdfFormatError(`object stream ${streamNum} has invalid /N or /First`);
      }
      const data = this.decode(stream);
      const lexer = new Lexer(data, this.limits, 0, false);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const objNum = lexer.next(0);
        const off = lexer.next(0);
        if (typeof objNum !== 'number' || typeof off !== 'number' || first + off > data.length) {
          throw new PdfFormatError(`object stream ${streamNum} has a malformed header`);
        }
        if (!offsets.has(objNum)) offsets.set(objNum, first + off);
        offsets.set(-1 - i, objNum);
        offsets.set(-1_000_000_000 - i, first + off);
      }
      objStm = { offsets, data, first };
      this.objStmCache.set(key, objStm);
    }
    const at = objStm.offsets.get(-1_000_000_000 - index);
    if (objStm.offsets.get(-1 - index) !== num || at === undefined) {
      throw new PdfFormatError(`object ${num} is not at index ${index} of object stream ${streamNum}`);
    }
    const lexer = new Lexer(objStm.data, this.limits, at, false);
    const value = lexer.readObject();
    if (value instanceof PdfStream) throw new PdfFormatError('stream inside an object stream');
    return { num, gen: 0, value, offset: -1, end: -1, inStream: streamNum };
  }

  /** Parses `n g obj … endobj` at a file offset. `rev` resolves an indirect /Length. */
  parseIndirectAt(offset: number, rev: number | undefined): IndirectObject {
    const b = this.bytes;
    const lexer = new Lexer(b, this.limits, offset);
    const num = lexer.next(0);
    const gen = lexer.next(0);
    if (typeof num !== 'number' || typeof gen !== 'number' || !Number.isInteger(num) || !Number.isInteger(gen)) {
      throw new PdfFormatError('expected "n g obj"', offset);
    }
    lexer.expectKeyword('obj');
    let value = lexer.readObject();
    const save = lexer.pos;
    const token = lexer.next(0);
    if (token instanceof Keyword && token.word === 'stream') {
      if (!(value instanceof PdfDict)) throw new PdfFormatError('stream without a dictionary', offset);
      let dataStart = lexer.pos;
      if (b[dataStart] === 0x0d && b[dataStart + 1] === 0x0a) dataStart += 2;
      else if (b[dataStart] === 0x0a) dataStart += 1;
      else throw new PdfFormatError('"stream" not followed by an end-of-line', dataStart);
      let length = value.get('Length');
      if (length instanceof PdfRef) {
        if (rev === undefined) throw new PdfFormatError('indirect /Length in an xref stream', offset);
        length = this.object(length.num, rev)?.value ?? undefined;
      }
      let dataEnd = -1;
      if (typeof length === 'number' && Number.isInteger(length) && length >= 0 && dataStart + length <= b.length) {
        let p = dataStart + length;
        if (b[p] === 0x0d) p++;
        if (b[p] === 0x0a) p++;
        if (indexOfBytes(b, ENDSTREAM, p, p + ENDSTREAM.length) === p) dataEnd = dataStart + length;
      }
      if (dataEnd < 0) {
        const found = indexOfBytes(b, ENDSTREAM, dataStart);
        if (found < 0) throw new PdfFormatError('stream without endstream', offset);
        this.problems.push(`object ${num} ${gen}: stream /Length does not match the data`);
        dataEnd = found;
        if (b[dataEnd - 1] === 0x0a) dataEnd--;
        if (b[dataEnd - 1] === 0x0d) dataEnd--;
      }
      value = new PdfStream(value, b.subarray(dataStart, dataEnd));
      lexer.pos = dataEnd;
      lexer.expectKeyword('endstream');
    } else {
      lexer.pos = save;
    }
    lexer.expectKeyword('endobj');
    return { num, gen, value, offset, end: lexer.pos };
  }
}

function mergeTrailers(older: PdfDict, newer: PdfDict): PdfDict {
  const out = new PdfDict(new Map(older.map));
  for (const [key, value] of newer.map) if (key !== 'Prev') out.set(key, value);
  return out;
}
