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
  let modules: { size: number; data: Uint8Array };
  try {
    modules = QRCode.create(content, { errorCorrectionLevel: 'M' }).modules as unknown as {
      size: number;
      data: Uint8Array;
    };
  } catch (cause) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `QR content of ${content.length} characters does not fit a QR code; shorten it (e.g. use the identifier or a URL)`,
      { cause },
    );
  }
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
