import {
  type PDFPage,
  PDFOperator,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setFillingColor,
  fill,
  PDFNumber,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { CertificateError } from '../errors';

/** QR quiet zone in modules (ISO/IEC 18004 asks for 4). */
const QUIET_ZONE = 4;

/**
 * Draw `content` as a QR code (error correction M) into the square at (`x`, `y`) of side `size`: a white square
 * with the quiet zone, then one `re` operator per horizontal run of dark modules, filled once. Vector output is
 * small and deterministic.
 */
export function drawQr(page: PDFPage, content: string, x: number, y: number, size: number): void {
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
  const unit = size / (count + 2 * QUIET_ZONE);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0))];
  const n = (value: number) => PDFNumber.of(Math.round(value * 1000) / 1000);
  for (let row = 0; row < count; row++) {
    let column = 0;
    while (column < count) {
      if (!modules.data[row * count + column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < count && modules.data[row * count + column]) column++;
      const left = x + (QUIET_ZONE + start) * unit;
      const top = y + size - (QUIET_ZONE + row + 1) * unit;
      operators.push(PDFOperator.of('re' as never, [n(left), n(top), n((column - start) * unit), n(unit)]));
    }
  }
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}
