import { describe, expect, it } from 'vitest';
import { createPlaceholderPdf } from './minimal-pdf';

describe('createPlaceholderPdf', () => {
  it('writes a PDF whose xref offsets point at their objects and whose text is escaped', () => {
    const pdf = Buffer.from(createPlaceholderPdf(['Number: (HY1) \\ 张三'])).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => {
      expect(pdf.slice(offset, offset + 8)).toBe(`${index + 1} 0 obj\n`);
    });
    expect(pdf).toContain('(Number: \\(HY1\\) \\\\ ??) Tj');
    const length = Number(/\/Length (\d+)/.exec(pdf)?.[1]);
    const stream = /stream\n([\s\S]*?)\nendstream/.exec(pdf)?.[1] ?? '';
    expect(stream.length).toBe(length);
  });
});
