// Stream decoding with a decompression-bomb guard (zlib maxOutputLength) and PNG/TIFF predictors.
import { inflateSync } from 'node:zlib';
import { PdfFormatError } from './limits';
import { PdfArray, PdfDict, PdfName, type PdfObject } from './objects';

/** Decodes `raw` per the stream dictionary's /Filter and /DecodeParms. Output is capped at `maxBytes`. */
export function decodeStream(dict: PdfDict, raw: Uint8Array, maxBytes: number): Uint8Array {
  const filter = dict.get('Filter');
  const filters: PdfObject[] =
    filter instanceof PdfArray ? filter.items : filter === undefined || filter === null ? [] : [filter];
  const parmsValue = dict.get('DecodeParms');
  const parms: PdfObject[] = parmsValue instanceof PdfArray ? parmsValue.items : [parmsValue ?? null];
  let data = raw;
  filters.forEach((f, index) => {
    if (!(f instanceof PdfName)) throw new PdfFormatError('stream /Filter is not a name');
    const p = parms[index];
    if (f.name === 'FlateDecode' || f.name === 'Fl') {
      data = inflateCapped(data, maxBytes);
      if (p instanceof PdfDict) data = unpredict(data, p);
    } else {
      throw new PdfFormatError(`unsupported stream filter /${f.name.slice(0, 32)}`);
    }
  });
  if (data.length > maxBytes) throw new PdfFormatError('decoded stream exceeds the size limit');
  return data;
}

function inflateCapped(data: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return new Uint8Array(inflateSync(data, { maxOutputLength: Math.max(1, maxBytes) }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|too large/i.test(String((error as Error).message))) {
      throw new PdfFormatError(`decoded stream exceeds ${maxBytes} bytes (decompression bomb guard)`);
    }
    throw new PdfFormatError(`FlateDecode failed: ${(error as Error).message}`);
  }
}

function unpredict(data: Uint8Array, parms: PdfDict): Uint8Array {
  const predictor = numberOr(parms.get('Predictor'), 1);
  if (predictor === 1) return data;
  const colors = numberOr(parms.get('Colors'), 1);
  const bits = numberOr(parms.get('BitsPerComponent'), 8);
  const columns = numberOr(parms.get('Columns'), 1);
  if (bits !== 8 || colors < 1 || colors > 4 || columns < 1 || columns > 1 << 20) {
    throw new PdfFormatError('unsupported predictor parameters');
  }
  const bpp = colors;
  const rowLength = colors * columns;
  if (predictor === 2) {
    const out = data.slice();
    for (let row = 0; row + rowLength <= out.length; row += rowLength)
      for (let i = bpp; i < rowLength; i++)
        out[row + i] = ((out[row + i] as number) + (out[row + i - bpp] as number)) & 0xff;
    return out;
  }
  if (predictor < 10 || predictor > 15) throw new PdfFormatError(`unsupported predictor ${predictor}`);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  let prev = new Uint8Array(rowLength);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLength + 1)];
    const src = data.subarray(r * (rowLength + 1) + 1, (r + 1) * (rowLength + 1));
    const cur = out.subarray(r * rowLength, (r + 1) * rowLength);
    for (let i = 0; i < rowLength; i++) {
      const left = i >= bpp ? (cur[i - bpp] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0;
      const x = src[i] as number;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + left;
          break;
        case 2:
          v = x + up;
          break;
        case 3:
          v = x + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw new PdfFormatError(`bad PNG predictor row type ${type}`);
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}

function numberOr(value: PdfObject | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
