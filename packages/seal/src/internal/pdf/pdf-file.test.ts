import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfLibDocument, qpdfRewrite } from '../../../test/pdf/helpers';
import { analyzePdf } from './analyze';
import { PdfFormatError } from './limits';
import type { PdfArray, PdfDict, PdfStream } from './objects';
import { listPages } from './page-tree';
import { PdfFile } from './pdf-file';

const enc = (text: string) => new TextEncoder().encode(text);

/** Builds a classic-xref PDF from object bodies (index + 1 = object number). */
function buildPdf(bodies: Array<string | Uint8Array>, trailerExtra = '', root = 1): Uint8Array {
  const parts: Uint8Array[] = [enc('%PDF-1.7\n')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  bodies.forEach((body, index) => {
    offsets.push(length);
    const chunk = typeof body === 'string' ? enc(`${index + 1} 0 obj\n${body}\nendobj\n`) : body;
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = `xref\n0 ${bodies.length + 1}\n0000000000 65535 f\r\n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('')}trailer\n<< /Size ${bodies.length + 1} /Root ${root} 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(enc(xref));
  return new Uint8Array(Buffer.concat(parts));
}

const MINIMAL = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>',
];

describe('PdfFile', () => {
  it('reads xref tables, xref streams, object streams and linearized files', async () => {
    const base = await pdfLibDocument();
    for (const pdf of [
      base,
      await pdfLibDocument({ useObjectStreams: false }),
      qpdfRewrite(base, 'generate'),
      qpdfRewrite(base, 'disable'),
      qpdfRewrite(base, 'linearize'),
    ]) {
      const file = PdfFile.read(pdf);
      expect(file.revisions).toHaveLength(1);
      expect(file.last.end).toBe(pdf.length);
      expect(listPages(file)).toHaveLength(1);
    }
    const objStm = PdfFile.read(base);
    expect([...objStm.last.entries.values()].some((entry) => entry.type === 2)).toBe(true);
    expect(PdfFile.read(qpdfRewrite(base, 'linearize')).last.linearized).toBe(true);
  });

  it('parses a minimal hand-written file and resolves strings, names and arrays', () => {
    const file = PdfFile.read(
      buildPdf([...MINIMAL, '<< /A (a\\)b\\051) /B <4142 4> /C /N#20x /D [1 -2.5 .5 true null] >>']),
    );
    const value = file.object(4)?.value as PdfDict;
    expect(new TextDecoder().decode((value.get('A') as { bytes: Uint8Array }).bytes)).toBe('a)b)');
    expect([...(value.get('B') as { bytes: Uint8Array }).bytes]).toEqual([0x41, 0x42, 0x40]);
    expect(value.name('C')).toBe('N x');
    expect((value.get('D') as PdfArray).items).toEqual([1, -2.5, 0.5, true, null]);
  });

  const hostile: Array<[string, Uint8Array, RegExp]> = [
    ['no header', enc('hello world startxref 0 %%EOF'), /no %PDF- header/],
    ['no startxref', enc('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), /no startxref/],
    ['/Prev cycle', buildPdf(MINIMAL, '/Prev 9999999 '), /invalid \/Prev/],
    ['startxref beyond the file', enc('%PDF-1.7\nstartxref\n999999\n%%EOF\n'), /invalid startxref/],
  ];
  for (const [name, pdf, message] of hostile) {
    it(`rejects ${name} with a PdfFormatError`, () => {
      expect(() => PdfFile.read(pdf)).toThrow(PdfFormatError);
      expect(() => PdfFile.read(pdf)).toThrow(message);
    });
  }

  it('detects a /Prev chain that loops', () => {
    const pdf = buildPdf(MINIMAL);
    const xrefAt = Number(/startxref\n(\d+)/.exec(Buffer.from(pdf).toString('latin1'))?.[1]);
    const looped = new Uint8Array(
      Buffer.from(
        Buffer.from(pdf)
          .toString('latin1')
          .replace('/Root 1 0 R ', `/Root 1 0 R /Prev ${xrefAt}`.padEnd(12 + String(xrefAt).length, ' ')),
        'latin1',
      ),
    );
    expect(() => PdfFile.read(looped)).toThrow(/cycle in the \/Prev chain/);
  });

  it('guards nesting depth, reference loops and page-tree cycles', () => {
    const deep = PdfFile.read(buildPdf([...MINIMAL, `${'['.repeat(5000)}${']'.repeat(5000)}`]));
    expect(() => deep.object(4)).toThrow(/nested too deeply/);
    const loop = PdfFile.read(buildPdf([...MINIMAL, '5 0 R', '4 0 R']));
    expect(() => loop.get(loop.object(4)?.value)).toThrow(/reference chain too long/);
    const cyclic = PdfFile.read(
      buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']),
    );
    expect(() => listPages(cyclic)).toThrow(/cycle in the page tree/);
    const selfLength = PdfFile.read(buildPdf([...MINIMAL, '<< /Length 4 0 R >>\nstream\nabc\nendstream']));
    expect(() => selfLength.object(4)).toThrow(PdfFormatError);
  });

  it('rejects duplicate dictionary keys', () => {
    const file = PdfFile.read(buildPdf([...MINIMAL, '<< /A 1 /A 2 >>']));
    expect(() => file.object(4)).toThrow(/duplicate dictionary key \/A/);
  });

  it('caps decompression (bomb guard) and reports it instead of exhausting memory', () => {
    const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024));
    const body = Buffer.concat([
      enc(`4 0 obj\n<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`),
      bomb,
      enc('\nendstream\nendobj\n'),
    ]);
    const file = PdfFile.read(buildPdf([...MINIMAL, new Uint8Array(body)]), { maxDecodedStreamBytes: 1024 * 1024 });
    const stream = file.object(4)?.value as PdfStream;
    expect(() => file.decode(stream)).toThrow(/decompression bomb guard/);
  });

  it('analyzePdf never throws: an xref-stream bomb becomes a FAILED PDF_PARSE_STRICT check', () => {
    const bomb = deflateSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const head = enc('%PDF-1.7\n');
    const xref = Buffer.concat([
      enc(
        `1 0 obj\n<< /Type /XRef /Size 2 /W [1 2 1] /Root 1 0 R /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`,
      ),
      bomb,
      enc(`\nendstream\nendobj\nstartxref\n${head.length}\n%%EOF\n`),
    ]);
    const analysis = analyzePdf(new Uint8Array(Buffer.concat([head, xref])), {
      limits: { maxDecodedStreamBytes: 1024 * 1024 },
    });
    expect(analysis.signatures).toEqual([]);
    expect(analysis.document[0]).toMatchObject({
      id: 'PDF_PARSE_STRICT',
      status: 'FAILED',
      subIndication: 'FORMAT_FAILURE',
    });
    expect(analysis.document[0]?.message.en).toContain('decompression bomb guard');
  });
});
