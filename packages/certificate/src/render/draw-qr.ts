import QRCode from 'qrcode';
import { CertificateError } from '../errors';

/** QR quiet zone in modules (ISO/IEC 18004 asks for 4). */
const QUIET_ZONE = 4;

/**
 * Content stream operators drawing `content` as a QR code (error correction M) into the square at (`x`, `y`) of side
 * `size`: in module units, a white background (the quiet zone included) and one `re` per horizontal run of dark
 * modules, scaled onto the page. Vector output is small, sharp and deterministic.
 */
export function qrOperators(content: string, x: number, y: number, size: number): string {
  const modules = qrMatrix(content);
  const count = modules.size;
  const side = count + 2 * QUIET_ZONE;
  let operators = `1 g 0 0 ${side} ${side} re f 0 g\n`;
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!modules.data[row * count + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.data[row * count + column]) column++;
      operators += `${QUIET_ZONE + start} ${side - QUIET_ZONE - row - 1} ${column - start} 1 re\n`;
    }
  }
  const scale = Math.round((size / side) * 1e6) / 1e6;
  return `q ${scale} 0 0 ${scale} ${Math.round(x * 1000) / 1000} ${Math.round(y * 1000) / 1000} cm\n${operators}f\nQ`;
}

/** A QR symbol: `size` × `size` modules, row-major, 1 = dark. */
export interface QrMatrix {
  size: number;
  data: Uint8Array;
}

/**
 * The QR symbol (error correction M) of `content`, exactly as `qrcode`'s `create` makes it, with a faster mask
 * choice: the symbol is built once with mask 0, and the eight masks are scored (ISO/IEC 18004 penalties N1–N4, the
 * library's rules) on typed arrays instead of the library's per-module accessors.
 */
export function qrMatrix(content: string): QrMatrix {
  let symbol: { modules: { size: number; data: Uint8Array; reservedBit: Uint8Array } };
  try {
    symbol = QRCode.create(content, { errorCorrectionLevel: 'M', maskPattern: 0 }) as unknown as typeof symbol;
  } catch (cause) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `QR content of ${content.length} characters does not fit a QR code; shorten it (e.g. use the identifier or a URL)`,
      { cause },
    );
  }
  const { size, data, reservedBit } = symbol.modules;
  const masks = masksFor(size, reservedBit);
  const base = Uint8Array.from(data);
  xorInto(base, masks[0] as Uint8Array); // undo mask 0
  const grid = new Uint8Array(base.length);
  let best = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let pattern = 0; pattern < 8; pattern++) {
    applyPattern(grid, base, masks, size, pattern);
    const score = penalty(grid, size);
    if (score < lowest) {
      lowest = score;
      best = pattern;
    }
  }
  applyPattern(grid, base, masks, size, best);
  return { size, data: grid };
}

function xorInto(target: Uint8Array, mask: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) ^ (mask[i] as number);
}

function applyPattern(grid: Uint8Array, base: Uint8Array, masks: Uint8Array[], size: number, pattern: number): void {
  grid.set(base);
  xorInto(grid, masks[pattern] as Uint8Array);
  // Format information (level M = 00), placed as qrcode's setupFormatInfo places it.
  const bits = formatBits(pattern);
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    grid[(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i) * size + 8] = bit;
    grid[8 * size + (i < 8 ? size - i - 1 : 15 - i - 1 + (i < 9 ? 1 : 0))] = bit;
  }
}

const maskCache = new Map<number, Uint8Array[]>();

/** The eight data masks of a symbol size, zero on function modules (which depend only on the size). */
function masksFor(size: number, reserved: Uint8Array): Uint8Array[] {
  const hit = maskCache.get(size);
  if (hit) return hit;
  const masks: Uint8Array[] = [];
  for (let pattern = 0; pattern < 8; pattern++) {
    const mask = new Uint8Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        if (!reserved[i * size + j] && maskAt(pattern, i, j)) mask[i * size + j] = 1;
      }
    }
    masks.push(mask);
  }
  maskCache.set(size, masks);
  return masks;
}

function maskAt(pattern: number, i: number, j: number): boolean {
  switch (pattern) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

const G15 = 0b10100110111;
const G15_MASK = 0b101010000010010;
const bchDigit = (value: number) => 32 - Math.clz32(value);

/** The 15 format information bits for error correction level M and `mask` (BCH(15,5), masked). */
function formatBits(mask: number): number {
  let remainder = mask << 10;
  while (bchDigit(remainder) - bchDigit(G15) >= 0) remainder ^= G15 << (bchDigit(remainder) - bchDigit(G15));
  return ((mask << 10) | remainder) ^ G15_MASK;
}

/** Penalty score of a masked symbol: N1 runs, N2 blocks, N3 finder-like patterns, N4 dark balance. */
function penalty(grid: Uint8Array, size: number): number {
  let points = 0;
  let dark = 0;
  // Rows (index = row * size + column), then columns (index = column * size + row): N1 and N3 each way.
  for (let pass = 0; pass < 2; pass++) {
    const step = pass === 0 ? 1 : size;
    const lineStep = pass === 0 ? size : 1;
    for (let line = 0; line < size; line++) {
      let at = line * lineStep;
      let previous = -1;
      let run = 0;
      let bits = 0;
      for (let k = 0; k < size; k++, at += step) {
        const module = grid[at] as number;
        if (module === previous) run++;
        else {
          if (run >= 5) points += run - 2;
          previous = module;
          run = 1;
        }
        bits = ((bits << 1) & 0x7ff) | module;
        if (k >= 10 && (bits === 0x5d0 || bits === 0x05d)) points += 40;
      }
      if (run >= 5) points += run - 2;
    }
  }
  for (let row = 0; row < size - 1; row++) {
    let at = row * size;
    for (let column = 0; column < size - 1; column++, at++) {
      const block =
        (grid[at] as number) + (grid[at + 1] as number) + (grid[at + size] as number) + (grid[at + size + 1] as number);
      if (block === 0 || block === 4) points += 3;
    }
  }
  for (let i = 0; i < grid.length; i++) dark += grid[i] as number;
  return points + Math.abs(Math.ceil((dark * 100) / grid.length / 5) - 10) * 10;
}
