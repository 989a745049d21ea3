import { loadNotoSansSc } from '@zwfw/fonts';
import * as fontkit from 'fontkit';
import { SealError } from '../errors';
import { describeInput } from '../internal/asn1/input';
import {
  circlePath,
  formatNumber,
  type Matrix,
  multiply,
  type PathCommand,
  rotate,
  scale,
  toPdfPathOperators,
  toSvgPathData,
  transformPath,
  translate,
} from './vector-path';

/** Default seal diameter: 42 mm, the usual size of an enterprise 公章 and of a township government seal. */
export const DEFAULT_SEAL_DIAMETER_MM = 42;

/** Default seal red (`#E60012`), as used for official seals on screen and in PDF. */
export const DEFAULT_SEAL_COLOR = '#E60012';

/** Options of {@link drawSeal}. Sizes are in millimetres. */
export interface DrawSealOptions {
  /** Organisation name (单位名称), set clockwise along the upper arc. 1 to 40 characters. */
  organizationName: string;
  /** Horizontal text under the star, e.g. `合同专用章` or `财务专用章`. Omit it for a 公章. */
  bottomText?: string;
  /** Seal code (印章编码, usually 13 digits), set small along the lower arc. */
  sealCode?: string;
  /**
   * Centre symbol: a filled five-pointed star (五角星), or nothing (专用章 of some provinces).
   * @default 'star'
   */
  centerSymbol?: 'star' | 'none';
  /**
   * Outer diameter.
   * @default 42
   */
  diameterMm?: number;
  /**
   * Ring width.
   * @default 1.2
   */
  borderMm?: number;
  /**
   * Star size, tip to tip (the diameter of its circumscribed circle).
   * @default 14
   */
  starDiameterMm?: number;
  /**
   * Ink colour, `#RRGGBB`.
   * @default '#E60012'
   */
  color?: string;
  /**
   * TrueType/OpenType font (or collection) whose glyph outlines are drawn. Default: Noto Sans SC from `@zwfw/fonts`.
   * Pass a 宋体-style font (e.g. an FZ or AR PL licence you hold) for the classic look.
   */
  font?: Uint8Array | ArrayBuffer;
  /** PostScript name of the face to use when `font` is a collection (`.ttc`); default: its first face. */
  fontName?: string;
  /**
   * Angle covered by the organisation name, in degrees (60 to 300). Default: grows with the name length, up to 250.
   */
  arcDegrees?: number;
}

/** The drawn seal, as SVG and as PDF drawing operators. */
export interface DrawnSeal {
  /** A standalone SVG document (`width`/`height` in mm); text is glyph outlines, no font is needed to view it. */
  svg: string;
  /** Width and height of the drawing, in millimetres (the diameter). */
  sizeMm: number;
  /** Width and height in PDF points (1 pt = 1/72 in). */
  sizePt: number;
  /**
   * PDF content-stream operators that draw the seal in the box `[0 0 sizePt sizePt]` (origin lower-left): use them as
   * the content of a Form XObject with that `/BBox` (a signature appearance), or wrap them in `q … cm … Q` on a page.
   * They use only path and colour operators: no resources (fonts, images) are needed.
   */
  pdfOperators: string;
}

type Font = fontkit.Font;

const fontCache = new WeakMap<Uint8Array, Map<string, Font>>();

function openFont(bytes: Uint8Array, fontName: string | undefined): Font {
  let faces = fontCache.get(bytes);
  if (faces === undefined) {
    faces = new Map();
    fontCache.set(bytes, faces);
  }
  const key = fontName ?? '';
  const cached = faces.get(key);
  if (cached !== undefined) return cached;
  let opened: fontkit.Font | fontkit.FontCollection;
  try {
    opened = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fontName);
  } catch (cause) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `drawSeal(): options.font (${describeInput(bytes)}) is not a TrueType/OpenType font fontkit can read${fontName === undefined ? '' : `, or has no face "${fontName}"`}; pass the .ttf/.otf/.ttc file bytes.`,
      { cause },
    );
  }
  const font = 'fonts' in opened ? opened.fonts[0] : opened;
  if (font === undefined || typeof (font as Font).glyphForCodePoint !== 'function') {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `drawSeal(): options.font is ${fontName === undefined ? 'an empty font collection' : `a collection without the face "${fontName}"`}; pass a font file or a valid fontName.`,
    );
  }
  faces.set(key, font);
  return font;
}

/** One glyph's outline in font units (y up), raised to cubic curves, with its advance width. */
interface GlyphOutline {
  path: PathCommand[];
  advance: number;
  minY: number;
  maxY: number;
}

function glyphOutline(font: Font, character: string, field: string): GlyphOutline {
  const glyph = font.glyphForCodePoint(character.codePointAt(0)!);
  if (glyph.id === 0) {
    throw new SealError(
      'ERR_SEAL_INPUT_INVALID',
      `drawSeal(): the font has no glyph for "${character}" (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) in ${field}; use a font that covers it.`,
    );
  }
  const path: PathCommand[] = [];
  let x0 = 0;
  let y0 = 0;
  for (const { command, args } of glyph.path.commands) {
    const a = args as number[];
    if (command === 'moveTo' || command === 'lineTo') {
      path.push({ op: command === 'moveTo' ? 'M' : 'L', x: a[0]!, y: a[1]! });
      [x0, y0] = [a[0]!, a[1]!];
    } else if (command === 'quadraticCurveTo') {
      // Raise the quadratic to a cubic: control points at 2/3 of the way to the quadratic control point.
      const [qx, qy, x, y] = a as [number, number, number, number];
      path.push({
        op: 'C',
        x1: x0 + ((qx - x0) * 2) / 3,
        y1: y0 + ((qy - y0) * 2) / 3,
        x2: x + ((qx - x) * 2) / 3,
        y2: y + ((qy - y) * 2) / 3,
        x,
        y,
      });
      [x0, y0] = [x, y];
    } else if (command === 'bezierCurveTo') {
      const [x1, y1, x2, y2, x, y] = a as [number, number, number, number, number, number];
      path.push({ op: 'C', x1, y1, x2, y2, x, y });
      [x0, y0] = [x, y];
    } else if (command === 'closePath') {
      path.push({ op: 'Z' });
    }
  }
  const { minY, maxY } = glyph.bbox;
  return { path, advance: glyph.advanceWidth, minY, maxY };
}

/** Vertical centre (font units) of a run of glyphs: the middle of their union bounding box. */
function verticalCentre(glyphs: readonly GlyphOutline[], font: Font): number {
  const drawn = glyphs.filter((glyph) => glyph.path.length > 0);
  if (drawn.length === 0) return (font.ascent + font.descent) / 2;
  return (Math.min(...drawn.map((g) => g.minY)) + Math.max(...drawn.map((g) => g.maxY))) / 2;
}

/**
 * Places glyphs on a circle. `centreAngle(i)` is the angle (radians, 0 = straight up, clockwise) of glyph i;
 * `outward` selects whether glyph tops face out (upper arc) or in (lower arc, read upright from below).
 */
function arcText(
  glyphs: readonly GlyphOutline[],
  font: Font,
  geometry: { cx: number; cy: number; radius: number; heightMm: number; widthScale: number; angles: number[] },
  outward: boolean,
): PathCommand[] {
  const unitsPerEm = font.unitsPerEm;
  const sv = geometry.heightMm / unitsPerEm;
  const sh = sv * geometry.widthScale;
  const vc = verticalCentre(glyphs, font);
  const out: PathCommand[] = [];
  glyphs.forEach((glyph, index) => {
    const angle = geometry.angles[index]!;
    const x = geometry.cx + geometry.radius * Math.sin(angle);
    const y = outward
      ? geometry.cy - geometry.radius * Math.cos(angle)
      : geometry.cy + geometry.radius * Math.cos(angle);
    const m: Matrix = multiply(
      multiply(translate(x, y), rotate(outward ? angle : -angle)),
      multiply(scale(sh, -sv), translate(-glyph.advance / 2, -vc)),
    );
    out.push(...transformPath(glyph.path, m));
  });
  return out;
}

function starPath(cx: number, cy: number, outerRadius: number): PathCommand[] {
  // Regular pentagram: inner radius = outer · sin 18° / sin 54°.
  const innerRadius = (outerRadius * Math.sin(Math.PI / 10)) / Math.sin((3 * Math.PI) / 10);
  const path: PathCommand[] = [];
  for (let i = 0; i < 10; i += 1) {
    const radius = i % 2 === 0 ? outerRadius : innerRadius;
    const angle = (i * Math.PI) / 5; // 0 = up, clockwise
    path.push({ op: i === 0 ? 'M' : 'L', x: cx + radius * Math.sin(angle), y: cy - radius * Math.cos(angle) });
  }
  path.push({ op: 'Z' });
  return path;
}

function inputError(message: string): SealError {
  return new SealError('ERR_SEAL_INPUT_INVALID', `drawSeal(): ${message}`);
}

function checkText(value: unknown, name: string, maxLength: number, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (typeof value !== 'string' || value.trim() === '') {
    throw inputError(`options.${name} (${describeInput(value)}) must be a non-empty string.`);
  }
  const characters = Array.from(value.trim()).filter((character) => character.trim() !== '');
  if (characters.length > maxLength) {
    throw inputError(`options.${name} has ${characters.length} characters; at most ${maxLength} fit on a seal.`);
  }
  return characters;
}

function checkNumber(value: number | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw inputError(
      `options.${name} (${describeInput(value)} ${String(value)}) must be a number from ${min} to ${max}.`,
    );
  }
  return value;
}

function parseColor(color: string): [number, number, number] {
  if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) {
    throw inputError(`options.color (${describeInput(color)}) must be a #RRGGBB colour such as ${DEFAULT_SEAL_COLOR}.`);
  }
  return [1, 3, 5].map((start) => Number.parseInt(color.slice(start, start + 2), 16) / 255) as [number, number, number];
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Draws a round official seal (圆形公章) as vector graphics, following 国发〔1999〕25号 and common enterprise practice: a
 * red ring, a filled five-pointed star in the centre, the organisation name clockwise along the upper arc (each
 * character turned to the arc), optional horizontal bottom text (e.g. 合同专用章) and an optional seal code along the
 * lower arc. All text is converted to glyph outlines, so the SVG and the PDF operators need no font to display, and
 * the output is byte-for-byte deterministic for the same options and font.
 *
 * @param options - the texts, sizes (42 mm by default), colour and font; see {@link DrawSealOptions}.
 * @returns the seal as an SVG document and as PDF content-stream operators; see {@link DrawnSeal}.
 * @throws {@link SealError} `ERR_SEAL_INPUT_INVALID` for a missing or too long name, a size out of range, a colour
 *   that is not `#RRGGBB`, an unreadable font, or a character the font has no glyph for.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { drawSeal } from '@zwfw/seal/draw';
 *
 * const seal = drawSeal({ organizationName: '衡阳市行政审批服务局', bottomText: '业务专用章', sealCode: '4304000012345' });
 * writeFileSync('seal.svg', seal.svg);
 * ```
 */
export function drawSeal(options: DrawSealOptions): DrawnSeal {
  if (typeof options !== 'object' || options === null) {
    throw inputError(`needs an options object, got ${describeInput(options)}; pass { organizationName }.`);
  }
  const name = checkText(options.organizationName, 'organizationName', 40, true);
  const bottom = checkText(options.bottomText, 'bottomText', 12, false);
  const code = checkText(options.sealCode, 'sealCode', 24, false);
  const diameter = checkNumber(options.diameterMm, 'diameterMm', DEFAULT_SEAL_DIAMETER_MM, 10, 100);
  const border = checkNumber(options.borderMm, 'borderMm', diameter * (1.2 / 42), 0.1, diameter / 8);
  const starDiameter = checkNumber(options.starDiameterMm, 'starDiameterMm', diameter / 3, 1, diameter / 2);
  const color = options.color ?? DEFAULT_SEAL_COLOR;
  const rgb = parseColor(color);
  const centerSymbol = options.centerSymbol ?? 'star';
  if (centerSymbol !== 'star' && centerSymbol !== 'none') {
    throw inputError(`options.centerSymbol (${describeInput(centerSymbol)}) must be 'star' or 'none'.`);
  }
  if (options.fontName !== undefined && (typeof options.fontName !== 'string' || options.fontName === '')) {
    throw inputError(`options.fontName (${describeInput(options.fontName)}) must be a PostScript name.`);
  }
  // Long names spread over up to 250°; leave room for a bottom line of text.
  const defaultArc = Math.min(options.bottomText === undefined ? 250 : 225, 60 + name.length * 20);
  const arc = (checkNumber(options.arcDegrees, 'arcDegrees', defaultArc, 60, 300) * Math.PI) / 180;

  let fontBytes: Uint8Array;
  if (options.font === undefined) fontBytes = loadNotoSansSc();
  else if (options.font instanceof Uint8Array) fontBytes = options.font;
  else if (options.font instanceof ArrayBuffer) fontBytes = new Uint8Array(options.font);
  else throw inputError(`options.font (${describeInput(options.font)}) must be the font file as a Uint8Array.`);
  const font = openFont(fontBytes, options.fontName);

  const r = diameter / 2;
  const inner = r - border;
  const paths: PathCommand[] = [];
  if (centerSymbol === 'star') paths.push(...starPath(r, r, starDiameter / 2));

  // Organisation name: glyph tops face the ring, read left to right (clockwise), centred on the top.
  const nameHeight = diameter * 0.155;
  const nameRadius = inner - diameter * 0.03 - nameHeight / 2;
  const step = name.length > 1 ? arc / (name.length - 1) : 0;
  const nameWidth = Math.min(nameHeight * 0.85, nameRadius * step * 0.9 || nameHeight * 0.85);
  const nameGlyphs = name.map((character) => glyphOutline(font, character, 'organizationName'));
  paths.push(
    ...arcText(
      nameGlyphs,
      font,
      {
        cx: r,
        cy: r,
        radius: nameRadius,
        heightMm: nameHeight,
        widthScale: nameWidth / nameHeight,
        angles: name.map((_, index) => -arc / 2 + index * step),
      },
      true,
    ),
  );

  // Seal code: small glyphs along the lower arc, read upright from below, left to right.
  if (code.length > 0) {
    const codeHeight = diameter * 0.06;
    const codeRadius = inner - diameter * 0.015 - codeHeight / 2;
    const codeGlyphs = code.map((character) => glyphOutline(font, character, 'sealCode'));
    const codeStep = (codeHeight * 0.62) / codeRadius;
    paths.push(
      ...arcText(
        codeGlyphs,
        font,
        {
          cx: r,
          cy: r,
          radius: codeRadius,
          heightMm: codeHeight,
          widthScale: 1,
          angles: code.map((_, index) => -((code.length - 1) * codeStep) / 2 + index * codeStep),
        },
        false,
      ),
    );
  }

  // Bottom text: one horizontal line between the star and the lower arc.
  if (bottom.length > 0) {
    const height = diameter * 0.095;
    const glyphs = bottom.map((character) => glyphOutline(font, character, 'bottomText'));
    const sv = height / font.unitsPerEm;
    const sh = sv * 0.9;
    const gap = height * 0.08;
    const widths = glyphs.map((glyph) => glyph.advance * sh);
    const total = widths.reduce((sum, width) => sum + width, 0) + gap * (glyphs.length - 1);
    // Keep the line clear of the ends of the name arc.
    const fit = Math.min(1, (inner * 0.9) / total);
    const vc = verticalCentre(glyphs, font);
    const baselineY = r + (code.length > 0 ? 0.47 : 0.52) * r;
    let x = r - (total * fit) / 2;
    glyphs.forEach((glyph, index) => {
      const width = widths[index]! * fit;
      const m = multiply(
        translate(x + width / 2, baselineY),
        multiply(scale(sh * fit, -sv), translate(-glyph.advance / 2, -vc)),
      );
      paths.push(...transformPath(glyph.path, m));
      x += width + gap * fit;
    });
  }

  const ringRadius = r - border / 2;
  // Outlines are also stroked thinly: seal ink is bolder than a regular text face.
  const embolden = diameter * 0.004;
  const n = (value: number) => formatNumber(value);
  const label = [name.join(''), bottom.join(''), code.join('')].filter(Boolean).join(' ');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(diameter)}mm" height="${n(diameter)}mm" viewBox="0 0 ${n(diameter)} ${n(diameter)}">` +
    `<title>${escapeXml(label)}</title>` +
    `<circle cx="${n(r)}" cy="${n(r)}" r="${n(ringRadius)}" fill="none" stroke="${color}" stroke-width="${n(border)}"/>` +
    `<path fill="${color}" stroke="${color}" stroke-width="${n(embolden)}" stroke-linejoin="round" d="${toSvgPathData(paths)}"/>` +
    '</svg>';

  const k = 72 / 25.4;
  const rgbText = rgb.map((value) => formatNumber(value)).join(' ');
  const pdfOperators = [
    'q',
    `${rgbText} RG`,
    `${rgbText} rg`,
    `${formatNumber(border * k)} w`,
    toPdfPathOperators(circlePath(r, r, ringRadius), diameter),
    'S',
    `${formatNumber(embolden * k)} w`,
    '1 j',
    toPdfPathOperators(paths, diameter),
    'B',
    'Q',
  ].join('\n');

  return { svg, sizeMm: diameter, sizePt: Number(formatNumber(diameter * k)), pdfOperators };
}
