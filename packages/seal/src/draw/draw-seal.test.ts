import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { drawSeal } from './draw-seal';

const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** A one-page PDF whose page is exactly the seal, drawn by its operators. */
function sealPdf(operators: string, sizePt: number): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${sizePt} ${sizePt}] /Contents 4 0 R >>`,
    `<< /Length ${Buffer.byteLength(operators)} >>\nstream\n${operators}\nendstream`,
  ];
  let pdf = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  return `${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

/** Renders with poppler and returns a pixel reader over the PPM output. */
function render(pdf: string | Uint8Array, dpi: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zwfw-seal-draw-'));
  try {
    writeFileSync(join(dir, 'seal.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-singlefile', join(dir, 'seal.pdf'), join(dir, 'seal')]);
    const ppm = readFileSync(join(dir, 'seal.ppm'));
    const header = ppm.toString('latin1', 0, 32).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
    if (header === null) throw new Error('not a P6 PPM');
    const width = Number(header[1]);
    const start = header[0].length;
    return {
      width,
      isRed(x: number, y: number) {
        const offset = start + (Math.round(y) * width + Math.round(x)) * 3;
        return ppm[offset]! > 180 && ppm[offset + 1]! < 80 && ppm[offset + 2]! < 80;
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('drawSeal', () => {
  it('draws a 42 mm seal: ring, star and name as outlines, with no <text> and no font reference', () => {
    const seal = drawSeal({
      organizationName: '衡阳市行政审批服务局',
      bottomText: '业务专用章',
      sealCode: '4304000012345',
    });
    expect(seal.sizeMm).toBe(42);
    expect(seal.sizePt).toBe(119.055);
    expect(seal.svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="42mm" height="42mm" viewBox="0 0 42 42">/,
    );
    expect(seal.svg).not.toMatch(/<text|font-family|@font-face/);
    expect(seal.svg).toContain('<circle cx="21" cy="21" r="20.4" fill="none" stroke="#E60012" stroke-width="1.2"/>');
    // The star comes first: its top tip 7 mm above the centre, then the inner vertex at 36° (radius 2.674 mm).
    expect(seal.svg).toContain(' d="M21 14L22.572 18.837L27.657 18.837L');
    // Glyph outlines: 10 + 5 + 13 characters of curves.
    expect((seal.svg.match(/C/g) ?? []).length).toBeGreaterThan(300);
    expect(seal.pdfOperators.startsWith('q\n0.902 0 0.071 RG\n0.902 0 0.071 rg\n3.402 w\n')).toBe(true);
    expect(seal.pdfOperators.endsWith('\nB\nQ')).toBe(true);
    expect(seal.pdfOperators).not.toMatch(/\b(BT|Tf|Tj|Do)\b/);
  });

  it('is deterministic, and honours size, colour, centre symbol and a font collection face', () => {
    const options = { organizationName: '某某科技有限公司', fontName: 'WenQuanYiMicroHei', font: readFileSync(WQY) };
    expect(drawSeal(options)).toEqual(drawSeal(options));
    const small = drawSeal({ ...options, diameterMm: 40, color: '#FF0000', centerSymbol: 'none' });
    expect(small.svg).toContain('width="40mm"');
    expect(small.svg).toContain('stroke="#FF0000"');
    expect(small.svg).not.toContain(' d="M20 ');
    expect(small.svg).not.toEqual(drawSeal(options).svg);
  });

  it('renders in a PDF viewer as a red ring, star and upper-arc text (poppler)', () => {
    const seal = drawSeal({ organizationName: '衡阳市行政审批服务局' });
    const dpi = 150;
    const image = render(sealPdf(seal.pdfOperators, seal.sizePt), dpi);
    const px = (mm: number) => (mm / 25.4) * dpi;
    expect(Math.abs(image.width - px(42))).toBeLessThanOrEqual(1);
    expect(image.isRed(px(21), px(21))).toBe(true); // star centre
    expect(image.isRed(px(21), px(0.6))).toBe(true); // ring, top
    expect(image.isRed(px(41.4), px(21))).toBe(true); // ring, right
    expect(image.isRed(px(21), px(4))).toBe(false); // gap between ring and name
    expect(image.isRed(px(4), px(4))).toBe(false); // outside the ring
    // Some ink in the band of the name at the top (the character 审 sits there).
    let ink = 0;
    for (let x = px(18); x < px(24); x += 1) for (let y = px(3); y < px(9); y += 1) if (image.isRed(x, y)) ink += 1;
    expect(ink).toBeGreaterThan(50);
  });

  it('draws onto a pdf-lib page as a Form XObject (the README recipe)', async () => {
    const seal = drawSeal({ organizationName: '衡阳市行政审批服务局', bottomText: '业务专用章' });
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 300]);
    const form = doc.context.register(
      doc.context.stream(seal.pdfOperators, {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, seal.sizePt, seal.sizePt],
      }),
    );
    const name = page.node.newXObject('ZwfwSeal', form);
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(1, 0, 0, 1, 150, 20),
      drawObject(name),
      popGraphicsState(),
    );
    const image = render(await doc.save({ updateFieldAppearances: false }), 72);
    const centre = { x: 150 + seal.sizePt / 2, y: 300 - 20 - seal.sizePt / 2 };
    expect(image.isRed(centre.x, centre.y)).toBe(true); // the star, where the seal was placed
    expect(image.isRed(150 + seal.sizePt / 2, 300 - 20 - seal.sizePt + 1)).toBe(true); // ring bottom
    expect(image.isRed(75, 150)).toBe(false); // elsewhere on the page
  });

  it.each([
    [{ organizationName: '' }, 'drawSeal(): options.organizationName (string(0 chars)) must be a non-empty string.'],
    [
      { organizationName: '某'.repeat(41) },
      'drawSeal(): options.organizationName has 41 characters; at most 40 fit on a seal.',
    ],
    [
      { organizationName: '某', color: 'red' },
      'drawSeal(): options.color (string(3 chars)) must be a #RRGGBB colour such as #E60012.',
    ],
    [
      { organizationName: '某', diameterMm: 500 },
      'drawSeal(): options.diameterMm (number 500) must be a number from 10 to 100.',
    ],
    [
      { organizationName: '某\u{F0000}' },
      'drawSeal(): the font has no glyph for "\u{F0000}" (U+F0000) in organizationName; use a font that covers it.',
    ],
    [
      { organizationName: '某', font: new Uint8Array([1, 2, 3]) },
      'drawSeal(): options.font (Uint8Array(3)) is not a TrueType/OpenType font fontkit can read; pass the .ttf/.otf/.ttc file bytes.',
    ],
    [null, 'drawSeal(): needs an options object, got null; pass { organizationName }.'],
  ])('throws ERR_SEAL_INPUT_INVALID for bad options %#', (options, message) => {
    expect(() => drawSeal(options as never)).toThrow(
      expect.objectContaining({ code: 'ERR_SEAL_INPUT_INVALID', message }),
    );
  });
});
