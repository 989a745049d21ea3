import { createHash } from 'node:crypto';
import { loadNotoSansSc } from '@zwfw/fonts';
import * as fontkit from 'fontkit';
import type { PDFContext, PDFDocument, PDFFont, PDFRef } from './pdf-lib';
import { CertificateError, CertificateGlyphMissingError } from '../errors';
import { describe } from '../internal/describe';
import { type FontSubset, type GlyfSource, readGlyfSource } from './font-subset';
import { PDFRawObject } from './pdf-writer';

/** A font a caller registers for certificate text: TrueType/OpenType bytes, or one face of a TTC collection. */
export interface CertificateFont {
  /** The font file (`.ttf`, `.otf`, or `.ttc` with `postscriptName`). Keep the same array to hit the parse cache. */
  bytes: Uint8Array | ArrayBuffer;
  /** PostScript name of the face to use from a collection (`.ttc`), e.g. `WenQuanYiMicroHei`. */
  postscriptName?: string;
}

/** A parsed font, shared by every document that uses it (parsing a 10 MB CJK font takes ~20 ms). */
export interface ParsedFont {
  /** The bytes pdf-lib embeds (identity is the cache key for the fontkit adapter). */
  bytes: Uint8Array;
  font: fontkit.Font;
  /** code point → advance width in font units, or -1 when the font has no glyph. */
  advances: Map<number, number>;
  /** `font.unitsPerEm`, read once (fontkit re-reads the head table on every access). */
  unitsPerEm: number;
  /** Process-unique number of this parsed font (cache keys). */
  id: number;
  /** The tables our own subsetter needs; undefined for CFF-based fonts, which pdf-lib embeds. */
  glyf: GlyfSource | undefined;
}

let nextFontId = 0;

const cache = new WeakMap<object, Map<string, ParsedFont>>();
const byBytes = new WeakMap<Uint8Array, ParsedFont>();

/**
 * Parse `input` once and return the shared object. fontkit 2.0.4 is adapted for pdf-lib here (approach A of
 * certificate.md §6.2): pdf-lib wants `subset.encodeStream()`, fontkit 2 only has `encode()`.
 */
export function parseFont(input: CertificateFont): ParsedFont {
  if (typeof input !== 'object' || input === null) {
    throw new CertificateError(
      'ERR_CERTIFICATE_FONT_INVALID',
      `A font must be { bytes, postscriptName? }, got ${describe(input)}`,
    );
  }
  const { bytes } = input;
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new CertificateError(
      'ERR_CERTIFICATE_FONT_INVALID',
      `Font bytes must be a Uint8Array or ArrayBuffer, got ${describe(bytes)}`,
    );
  }
  const key = input.postscriptName ?? '';
  let faces = cache.get(bytes);
  const hit = faces?.get(key);
  if (hit) return hit;
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = fontkit.create(Buffer.from(array.buffer, array.byteOffset, array.byteLength), input.postscriptName);
  } catch (cause) {
    throw new CertificateError(
      'ERR_CERTIFICATE_FONT_INVALID',
      'Font bytes could not be parsed as TrueType/OpenType; pass a .ttf, .otf or .ttc file',
      { cause },
    );
  }
  if (!parsed || typeof (parsed as fontkit.Font).createSubset !== 'function') {
    const names = ((parsed as fontkit.FontCollection | undefined)?.fonts ?? []).map((f) => f.postscriptName);
    throw new CertificateError(
      'ERR_CERTIFICATE_FONT_INVALID',
      input.postscriptName
        ? `Font collection has no face "${input.postscriptName}"; available: ${names.join(', ')}`
        : `Font is a collection (.ttc); set postscriptName to one of: ${names.join(', ')}`,
    );
  }
  const font = parsed as fontkit.Font;
  const createSubset = font.createSubset.bind(font);
  (font as { createSubset: () => unknown }).createSubset = () => {
    const subset = createSubset() as ReturnType<typeof createSubset> & { encodeStream?: () => unknown };
    // pdf-lib only calls on('data'|'end'|'error') on the stream: a minimal emitter (no node:stream) is enough.
    subset.encodeStream ??= () => {
      const handlers: Record<string, (value?: unknown) => void> = {};
      queueMicrotask(() => {
        try {
          handlers.data?.(subset.encode());
          handlers.end?.();
        } catch (error) {
          handlers.error?.(error);
        }
      });
      const emitter = {
        on(event: string, handler: (value?: unknown) => void) {
          handlers[event] = handler;
          return emitter;
        },
      };
      return emitter as never;
    };
    return subset;
  };
  // pdf-lib lays text out with fontkit's full OpenType shaper on every drawText. Certificates are horizontal CJK
  // and Latin text with no required shaping, so map characters straight through the cmap: several times faster,
  // and the widths the layout code measures (advanceOf) are then exactly the widths drawn.
  (font as { layout: unknown }).layout = (text: string) => ({
    glyphs: Array.from(text, (character) => font.glyphForCodePoint(character.codePointAt(0) as number)),
  });
  // fontkit's subsetter fully decodes every glyph it copies (only to see whether it is composite), in every
  // document. Glyph objects are cached per font, so memoising their decoded outline makes that a one-time cost.
  const getGlyph = font.getGlyph.bind(font);
  const memoised = new WeakSet<object>();
  (font as { getGlyph: unknown }).getGlyph = (id: number, codePoints?: number[]) => {
    const glyph = getGlyph(id, codePoints) as fontkit.Glyph & { _decode?: () => unknown };
    if (typeof glyph._decode === 'function' && !memoised.has(glyph)) {
      memoised.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      let done = false;
      glyph._decode = () => {
        if (!done) {
          decoded = decode();
          done = true;
        }
        return decoded;
      };
    }
    return glyph;
  };
  const result: ParsedFont = {
    bytes: array,
    font,
    advances: new Map(),
    unitsPerEm: font.unitsPerEm,
    id: nextFontId++,
    glyf: readGlyfSource(array, font),
  };
  if (!faces) {
    faces = new Map();
    cache.set(bytes, faces);
  }
  faces.set(key, result);
  byBytes.set(array, result);
  return result;
}

/** The default primary font: the bundled Noto Sans SC Regular. */
export function defaultFont(): ParsedFont {
  return parseFont({ bytes: loadNotoSansSc() });
}

/** Advance width in font units of `codePoint`, or -1 when the font has no glyph for it. */
export function advanceOf(font: ParsedFont, codePoint: number): number {
  let advance = font.advances.get(codePoint);
  if (advance === undefined) {
    advance = font.font.hasGlyphForCodePoint(codePoint) ? font.font.glyphForCodePoint(codePoint).advanceWidth : -1;
    font.advances.set(codePoint, advance);
  }
  return advance;
}

/**
 * The PDF name of a font subset, `ABCDEF+PostScriptName` (PDF 32000 §9.6.4), with a tag derived from `seed` (the
 * text drawn), so output is deterministic and differs for different subsets.
 */
export function subsetName(font: ParsedFont, index: number, seed: string): string {
  const digest = createHash('sha256').update(`${index}\u0000${seed}`).digest();
  const tag = Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
  return `${tag}+${(font.font.postscriptName || `Font${index}`).replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;
}

/**
 * Embed fonts that our subsetter does not handle (CFF-based OpenType) through pdf-lib's subset embedder, reusing the
 * parsed font objects.
 */
export async function embedFonts(document: PDFDocument, fonts: ParsedFont[], seed: string): Promise<PDFFont[]> {
  if (fonts.length === 0) return [];
  document.registerFontkit({
    create: (bytes: Uint8Array) => (byBytes.get(bytes) ?? parseFont({ bytes })).font as never,
  });
  const embedded: PDFFont[] = [];
  for (const [index, font] of fonts.entries()) {
    embedded.push(await document.embedFont(font.bytes, { subset: true, customName: subsetName(font, index, seed) }));
  }
  return embedded;
}

/**
 * Write `subset` into `context` as a Type0 font (Identity-H) over a CIDFontType2 with the subset program as
 * /FontFile2, its widths and a ToUnicode CMap (so text stays extractable). Returns the Type0 font's reference.
 */
export function embedSubset(context: PDFContext, subset: FontSubset, name: string): PDFRef {
  const program = subset.deflatedFontFile();
  const file = context.register(context.stream(program.stream, { Filter: 'FlateDecode', Length1: program.length }));
  const toUnicode = context.register(context.flateStream(Buffer.from(subset.toUnicode(), 'latin1')));
  const descriptor = context.register(
    new PDFRawObject(
      `<< /Type /FontDescriptor /FontName /${name} ${subset.source.descriptor} /FontFile2 ${file.toString()} >>`,
    ),
  );
  const cidFont = context.register(
    new PDFRawObject(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor.toString()} /W ${subset.widths()} /CIDToGIDMap /Identity >>`,
    ),
  );
  return context.register(
    new PDFRawObject(
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cidFont.toString()}] /ToUnicode ${toUnicode.toString()} >>`,
    ),
  );
}

/** A piece of text drawn with one font. */
export interface TextRun {
  font: number;
  text: string;
  /** Width in points at `size`. */
  width: number;
}

const WHITESPACE = /\s/u;

/**
 * Check that every character of `texts` has a glyph in one of `fonts`; throws `ERR_CERTIFICATE_GLYPH_MISSING` with
 * every missing character and the places it appears. Whitespace never needs a glyph.
 */
export function assertGlyphs(fonts: ParsedFont[], texts: Array<[where: string, text: string]>): void {
  const missing: string[] = [];
  const places: string[] = [];
  for (const [where, text] of texts) {
    let found = false;
    for (const character of text) {
      if (WHITESPACE.test(character)) continue;
      const codePoint = character.codePointAt(0) as number;
      if (fonts.some((font) => advanceOf(font, codePoint) >= 0)) continue;
      if (!missing.includes(character)) missing.push(character);
      found = true;
    }
    if (found && !places.includes(where)) places.push(where);
  }
  if (missing.length > 0) throw new CertificateGlyphMissingError(missing, places);
}

/** Split `text` into runs by the first font that has each character, measuring each run at `size`. */
export function toRuns(fonts: ParsedFont[], text: string, size: number, letterSpacing = 0): TextRun[] {
  const runs: TextRun[] = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0) as number;
    let index = fonts.findIndex((font) => advanceOf(font, codePoint) >= 0);
    if (index < 0) index = 0; // whitespace without a glyph: measured as 0 by the primary font
    const font = fonts[index] as ParsedFont;
    const width = (Math.max(0, advanceOf(font, codePoint)) / font.unitsPerEm) * size + letterSpacing;
    const last = runs.at(-1);
    if (last && last.font === index && letterSpacing === 0) {
      last.text += character;
      last.width += width;
    } else {
      runs.push({ font: index, text: character, width });
    }
  }
  return runs;
}

/** Width in points of `text` at `size`. */
export function widthOf(fonts: ParsedFont[], text: string, size: number): number {
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) as number;
    const font = fonts.find((candidate) => advanceOf(candidate, codePoint) >= 0) ?? (fonts[0] as ParsedFont);
    width += (Math.max(0, advanceOf(font, codePoint)) / font.unitsPerEm) * size;
  }
  return width;
}

/**
 * Greedy line breaking within `width`: CJK may break between any two characters; a Latin word or number is kept
 * whole when it fits on a line; explicit newlines are kept.
 */
export function wrapText(fonts: ParsedFont[], text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    const tokens = paragraph.match(/[A-Za-z0-9@._\-:/]+|\s+|./gsu) ?? [];
    let line = '';
    let lineWidth = 0;
    for (const token of tokens) {
      const tokenWidth = widthOf(fonts, token, size);
      if (lineWidth + tokenWidth <= width + 1e-6) {
        line += token;
        lineWidth += tokenWidth;
        continue;
      }
      if (/^\s+$/u.test(token)) continue; // a space at a break is dropped
      if (line !== '') lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
      if (tokenWidth <= width) {
        line = token;
        lineWidth = tokenWidth;
        continue;
      }
      for (const character of token) {
        const characterWidth = widthOf(fonts, character, size);
        if (lineWidth + characterWidth > width + 1e-6 && line !== '') {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        line += character;
        lineWidth += characterWidth;
      }
    }
    lines.push(line.trimEnd());
  }
  // 避头点: closing punctuation never starts a line; it hangs at the end of the previous one.
  for (let i = 1; i < lines.length; i++) {
    while (CLOSING.test(lines[i] as string) && (lines[i] as string).length > 0) {
      const character = String.fromCodePoint((lines[i] as string).codePointAt(0) as number);
      lines[i - 1] += character;
      lines[i] = (lines[i] as string).slice(character.length);
    }
  }
  return lines.filter((line, index) => line !== '' || index === 0);
}

const CLOSING = /^[，。、；：！？）」』】》〕,.;:!?)\]]/u;
