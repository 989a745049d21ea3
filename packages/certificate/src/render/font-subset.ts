import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import type * as fontkit from 'fontkit';

/** Where a table sits in the font file. */
interface TableRange {
  offset: number;
  length: number;
}

/**
 * The parts of a TrueType-outline (`glyf`) font that subsetting needs, read once per parsed font: the raw bytes,
 * table ranges, and a code point → glyph id cache. CFF-based fonts have no `glyf` table and are embedded by pdf-lib.
 */
export interface GlyfSource {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tables: ReadonlyMap<string, TableRange>;
  readonly longLoca: boolean;
  readonly numGlyphs: number;
  readonly numberOfHMetrics: number;
  readonly unitsPerEm: number;
  /** code point → glyph id in the full font (0 when the font has none). */
  readonly glyphIds: Map<number, number>;
  /** The FontDescriptor entries other than /FontName and /FontFile2, as PDF text. */
  readonly descriptor: string;
  readonly font: fontkit.Font;
}

/** Tables a CIDFontType2 program needs (ISO 32000-1 §9.9); hinting tables are kept when present. */
const REQUIRED = ['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'] as const;
const OPTIONAL = ['cvt ', 'fpgm', 'prep'] as const;

/** A PDF number with at most 3 decimals. */
const pdfNumber = (value: number) => String(Math.round(value * 1000) / 1000);

/** Read the table directory of `font` (fontkit's parse) and check that it can be subset here; `undefined` if not. */
export function readGlyfSource(bytes: Uint8Array, font: fontkit.Font): GlyfSource | undefined {
  const directory = (font as unknown as { directory?: { tables?: Record<string, TableRange> } }).directory?.tables;
  if (!directory) return undefined;
  const tables = new Map<string, TableRange>();
  for (const tag of [...REQUIRED, ...OPTIONAL]) {
    const entry = directory[tag];
    if (entry && entry.offset + entry.length <= bytes.length)
      tables.set(tag, { offset: entry.offset, length: entry.length });
  }
  if (!REQUIRED.every((tag) => tables.has(tag))) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = tables.get('head') as TableRange;
  const hhea = tables.get('hhea') as TableRange;
  const maxp = tables.get('maxp') as TableRange;
  if (head.length < 54 || hhea.length < 36 || maxp.length < 6) return undefined;
  const unitsPerEm = view.getUint16(head.offset + 18);
  const scale = 1000 / unitsPerEm;
  const bbox = font.bbox;
  const familyClass = (font as unknown as { 'OS/2'?: { sFamilyClass?: number } })['OS/2']?.sFamilyClass ?? 0;
  const italic = (view.getUint16(head.offset + 44) & 2) !== 0;
  const fixedPitch = Boolean((font as unknown as { post?: { isFixedPitch?: number } }).post?.isFixedPitch);
  // Flags as pdf-lib (and pdfkit) derive them: symbolic always, fixed pitch, serif and script from the family class.
  const flags =
    (fixedPitch ? 1 : 0) |
    (familyClass >= 1 && familyClass <= 7 ? 2 : 0) |
    4 |
    (familyClass === 10 ? 8 : 0) |
    (italic ? 64 : 0);
  const descriptor = [
    `/Flags ${flags}`,
    `/FontBBox [${[bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => pdfNumber(v * scale)).join(' ')}]`,
    `/ItalicAngle ${pdfNumber(font.italicAngle)}`,
    `/Ascent ${pdfNumber(font.ascent * scale)}`,
    `/Descent ${pdfNumber(font.descent * scale)}`,
    `/CapHeight ${pdfNumber((font.capHeight || font.ascent) * scale)}`,
    `/XHeight ${pdfNumber((font.xHeight || 0) * scale)}`,
    '/StemV 0',
  ].join(' ');
  return {
    bytes,
    view,
    tables,
    longLoca: view.getInt16(head.offset + 50) === 1,
    numGlyphs: view.getUint16(maxp.offset + 4),
    numberOfHMetrics: Math.max(1, view.getUint16(hhea.offset + 34)),
    unitsPerEm,
    glyphIds: new Map(),
    descriptor,
    font,
  };
}

/** Glyph id of `codePoint` in the full font, 0 when missing (cached). */
export function glyphIdOf(source: GlyfSource, codePoint: number): number {
  let id = source.glyphIds.get(codePoint);
  if (id === undefined) {
    id = source.font.hasGlyphForCodePoint(codePoint) ? source.font.glyphForCodePoint(codePoint).id : 0;
    source.glyphIds.set(codePoint, id);
  }
  return id;
}

/** Byte range of glyph `id` in the font file (length 0 for an empty glyph such as a space). */
function glyphRange(source: GlyfSource, id: number): TableRange {
  const loca = (source.tables.get('loca') as TableRange).offset;
  const glyf = (source.tables.get('glyf') as TableRange).offset;
  if (id >= source.numGlyphs) return { offset: glyf, length: 0 };
  const start = source.longLoca ? source.view.getUint32(loca + id * 4) : source.view.getUint16(loca + id * 2) * 2;
  const end = source.longLoca ? source.view.getUint32(loca + id * 4 + 4) : source.view.getUint16(loca + id * 2 + 2) * 2;
  return { offset: glyf + start, length: Math.max(0, end - start) };
}

const MORE_COMPONENTS = 0x20;

/** Offsets (relative to the glyph start) of the component glyph ids of a composite glyph. */
function componentOffsets(source: GlyfSource, range: TableRange): number[] {
  const offsets: number[] = [];
  if (range.length < 10 || source.view.getInt16(range.offset) >= 0) return offsets;
  let at = 10;
  for (;;) {
    if (at + 4 > range.length) break;
    const flags = source.view.getUint16(range.offset + at);
    offsets.push(at + 2);
    at += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return offsets;
}

/** Sum of the big-endian 32-bit words of `bytes[offset, offset + length)` (OpenType table checksum). */
function checksum(view: DataView, offset: number, length: number): number {
  let sum = 0;
  const whole = length & ~3;
  for (let at = 0; at < whole; at += 4) sum = (sum + view.getUint32(offset + at)) >>> 0;
  if (whole < length) {
    let last = 0;
    for (let at = whole; at < whole + 4; at++) last = (last << 8) | (at < length ? view.getUint8(offset + at) : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

const pad4 = (length: number) => (length + 3) & ~3;

/** The first `glyphs` glyphs of a family of cloned subsets, with their outlines deflated once. */
interface SharedPrefix {
  readonly glyphs: number;
  length?: number;
  chunk?: Uint8Array;
  adler?: number;
}

const ADLER_BASE = 65521;

/** Adler-32 (RFC 1950) of `bytes`. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(bytes.length, start + 5552);
    for (let i = start; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
}

/** Adler-32 of the concatenation A‖B from adler32(A), adler32(B) and B's length (zlib's adler32_combine). */
function combineAdler32(first: number, second: number, secondLength: number): number {
  const remainder = secondLength % ADLER_BASE;
  let sum1 = first & 0xffff;
  let sum2 = (remainder * sum1) % ADLER_BASE;
  sum1 = (sum1 + (second & 0xffff) + ADLER_BASE - 1) % ADLER_BASE;
  sum2 = (sum2 + (first >>> 16) + (second >>> 16) + ADLER_BASE - remainder) % ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

/**
 * The glyphs of one font used by one document, numbered in order of first use (new id 0 is `.notdef`). The subset
 * font program is written directly from the original tables: glyph outlines are copied byte for byte (composite
 * glyph references renumbered), so building it costs little more than a memory copy.
 */
export class FontSubset {
  /** new glyph id → glyph id in the full font. */
  private readonly originals: number[];
  /** glyph id in the full font → new glyph id. */
  private readonly numbers: Map<number, number>;
  /** new glyph id → the text it stands for (ToUnicode); '' for `.notdef` and composite components. */
  private readonly texts: string[];
  /** Memoised hex codes per code point. */
  private readonly codes: Map<number, string>;
  /** The glyphs this subset shares with the subset it was cloned from, and their compressed outlines (lazily). */
  private prefix: SharedPrefix | undefined;

  constructor(
    readonly source: GlyfSource,
    from?: FontSubset,
  ) {
    this.originals = from ? [...from.originals] : [0];
    this.numbers = new Map(from ? from.numbers : [[0, 0]]);
    this.texts = from ? [...from.texts] : [''];
    this.codes = new Map(from ? from.codes : []);
    this.prefix = from ? { glyphs: from.size } : undefined;
  }

  /** A copy that can grow independently (the per-template glyphs stay numbered the same). */
  clone(): FontSubset {
    const copy = new FontSubset(this.source, this);
    // Clones of one subset share the description (and compressed bytes) of its glyphs.
    this.shared ??= copy.prefix;
    copy.prefix = this.shared;
    return copy;
  }

  private shared: SharedPrefix | undefined;

  /** Number of glyphs, `.notdef` included. */
  get size(): number {
    return this.originals.length;
  }

  private include(original: number, text: string): number {
    let id = this.numbers.get(original);
    if (id !== undefined) {
      if (text && !this.texts[id]) this.texts[id] = text;
      return id;
    }
    id = this.originals.length;
    this.originals.push(original);
    this.numbers.set(original, id);
    this.texts.push(text);
    const range = glyphRange(this.source, original);
    for (const at of componentOffsets(this.source, range)) {
      this.include(this.source.view.getUint16(range.offset + at), '');
    }
    return id;
  }

  /** The hex string operand (`<…>`) showing `text` with this subset (Identity-H: two bytes per glyph). */
  encode(text: string): string {
    let hex = '<';
    for (const character of text) {
      const codePoint = character.codePointAt(0) as number;
      let code = this.codes.get(codePoint);
      if (code === undefined) {
        const id = this.include(glyphIdOf(this.source, codePoint), character);
        code = (id + 0x10000).toString(16).slice(1);
        this.codes.set(codePoint, code);
      }
      hex += code;
    }
    return `${hex}>`;
  }

  /** The `/W` array: widths in 1/1000 em of every glyph, in id order. */
  widths(): string {
    const { view, numberOfHMetrics, unitsPerEm } = this.source;
    const hmtx = (this.source.tables.get('hmtx') as TableRange).offset;
    const parts: string[] = [];
    for (const original of this.originals) {
      const advance = view.getUint16(hmtx + Math.min(original, numberOfHMetrics - 1) * 4);
      parts.push(pdfNumber((advance * 1000) / unitsPerEm));
    }
    return `[0 [${parts.join(' ')}]]`;
  }

  /** The ToUnicode CMap (bfchar entries in blocks of at most 100). */
  toUnicode(): string {
    const entries: string[] = [];
    for (const [id, text] of this.texts.entries()) {
      if (!text) continue;
      let utf16 = '';
      for (let i = 0; i < text.length; i++) utf16 += (text.charCodeAt(i) + 0x10000).toString(16).slice(1);
      entries.push(`<${(id + 0x10000).toString(16).slice(1)}> <${utf16}>`);
    }
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
    }
    return `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${blocks.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
  }

  /**
   * The subset font program (TrueType): `glyf`, `loca` (long), `hmtx`, `head`, `hhea`, `maxp` and the hinting
   * tables of the original, with correct table checksums and `checkSumAdjustment`. `glyf` comes first in the file.
   */
  fontFile(): Uint8Array {
    return this.program().bytes;
  }

  /**
   * The font program deflated as a zlib stream, for /FontFile2. The outlines of the glyphs shared with the template
   * subset come right after the table directory and are compressed once per template: the stream is the directory
   * (a stored block), that precompressed chunk (ended by a sync flush), and the rest deflated now, with the Adler-32
   * of the whole program combined from the parts. Any inflater reads it as one ordinary stream.
   */
  deflatedFontFile(): { stream: Uint8Array; length: number } {
    const { bytes, glyf, prefixLength } = this.program();
    const prefix = this.prefix;
    if (!prefix || prefixLength === 0) return { stream: deflateSync(bytes), length: bytes.length };
    if (!prefix.chunk || prefix.length !== prefixLength) {
      const outlines = bytes.subarray(glyf, glyf + prefixLength);
      prefix.chunk = deflateRawSync(outlines, { finishFlush: constants.Z_SYNC_FLUSH });
      prefix.adler = adler32(outlines);
      prefix.length = prefixLength;
    }
    const directory = bytes.subarray(0, glyf);
    const rest = bytes.subarray(glyf + prefixLength);
    const tail = deflateSync(rest);
    const restAdler = new DataView(tail.buffer, tail.byteOffset + tail.length - 4, 4).getUint32(0);
    const adler = combineAdler32(
      combineAdler32(adler32(directory), prefix.adler as number, prefixLength),
      restAdler,
      rest.length,
    );
    const stream = new Uint8Array(2 + 5 + directory.length + prefix.chunk.length + tail.length - 2);
    let at = 0;
    stream.set([0x78, 0x9c], at); // zlib header: deflate, 32 KB window, default level
    at += 2;
    // A stored (uncompressed, not final) block holding the directory.
    stream.set(
      [0, directory.length & 0xff, directory.length >> 8, ~directory.length & 0xff, (~directory.length >> 8) & 0xff],
      at,
    );
    at += 5;
    stream.set(directory, at);
    at += directory.length;
    stream.set(prefix.chunk, at);
    at += prefix.chunk.length;
    stream.set(tail.subarray(2, tail.length - 4), at); // its blocks, without its own header and checksum
    at += tail.length - 6;
    new DataView(stream.buffer, stream.byteOffset + at, 4).setUint32(0, adler);
    return { stream, length: bytes.length };
  }

  private program(): { bytes: Uint8Array; glyf: number; prefixLength: number } {
    const { source } = this;
    const { view, bytes, numberOfHMetrics } = source;
    const count = this.originals.length;
    const ranges = this.originals.map((original) => glyphRange(source, original));
    const glyfLength = ranges.reduce((sum, range) => sum + pad4(range.length), 0);
    const copied = (['head', 'hhea', 'maxp', ...OPTIONAL] as const).filter((tag) => source.tables.has(tag));
    const lengths = new Map<string, number>([
      ['glyf', glyfLength],
      ['loca', (count + 1) * 4],
      ['hmtx', count * 4],
      ...copied.map((tag): [string, number] => [tag, (source.tables.get(tag) as TableRange).length]),
    ]);
    const tags = [...lengths.keys()];
    const directoryLength = 12 + 16 * tags.length;
    const offsets = new Map<string, number>();
    let total = directoryLength;
    for (const tag of tags) {
      offsets.set(tag, total);
      total += pad4(lengths.get(tag) as number);
    }
    const out = new Uint8Array(total);
    let prefixLength = 0;
    const target = new DataView(out.buffer);

    // glyf and loca
    const glyf = offsets.get('glyf') as number;
    const loca = offsets.get('loca') as number;
    let position = 0;
    for (const [id, range] of ranges.entries()) {
      if (id === this.prefix?.glyphs) prefixLength = position;
      target.setUint32(loca + id * 4, position);
      out.set(bytes.subarray(range.offset, range.offset + range.length), glyf + position);
      for (const at of componentOffsets(source, range)) {
        const component = view.getUint16(range.offset + at);
        target.setUint16(glyf + position + at, this.numbers.get(component) ?? 0);
      }
      position += pad4(range.length);
    }
    target.setUint32(loca + count * 4, position);
    if (this.prefix && this.prefix.glyphs >= count) prefixLength = position;

    // hmtx: one long metric per glyph
    const hmtx = offsets.get('hmtx') as number;
    const sourceHmtx = (source.tables.get('hmtx') as TableRange).offset;
    for (const [id, original] of this.originals.entries()) {
      const advance = view.getUint16(sourceHmtx + Math.min(original, numberOfHMetrics - 1) * 4);
      const bearing =
        original < numberOfHMetrics
          ? view.getInt16(sourceHmtx + original * 4 + 2)
          : view.getInt16(sourceHmtx + numberOfHMetrics * 4 + (original - numberOfHMetrics) * 2);
      target.setUint16(hmtx + id * 4, advance);
      target.setInt16(hmtx + id * 4 + 2, bearing);
    }

    for (const tag of copied) {
      const range = source.tables.get(tag) as TableRange;
      out.set(bytes.subarray(range.offset, range.offset + range.length), offsets.get(tag) as number);
    }
    const head = offsets.get('head') as number;
    target.setUint32(head + 8, 0); // checkSumAdjustment, set below
    target.setInt16(head + 50, 1); // indexToLocFormat: long
    target.setUint16((offsets.get('hhea') as number) + 34, count); // numberOfHMetrics
    target.setUint16((offsets.get('maxp') as number) + 4, count); // numGlyphs

    // Offset table and directory (entries sorted by tag).
    const sorted = [...tags].sort();
    let power = 1;
    let log = 0;
    while (power * 2 <= sorted.length) {
      power *= 2;
      log++;
    }
    target.setUint32(0, 0x00010000);
    target.setUint16(4, sorted.length);
    target.setUint16(6, power * 16);
    target.setUint16(8, log);
    target.setUint16(10, sorted.length * 16 - power * 16);
    for (const [index, tag] of sorted.entries()) {
      const at = 12 + index * 16;
      const offset = offsets.get(tag) as number;
      const length = lengths.get(tag) as number;
      for (let i = 0; i < 4; i++) target.setUint8(at + i, tag.charCodeAt(i));
      target.setUint32(at + 4, checksum(target, offset, length));
      target.setUint32(at + 8, offset);
      target.setUint32(at + 12, length);
    }
    target.setUint32(head + 8, (0xb1b0afba - checksum(target, 0, total)) >>> 0);
    return { bytes: out, glyf, prefixLength };
  }
}
