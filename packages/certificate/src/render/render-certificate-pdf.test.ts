import { readFileSync } from 'node:fs';
import { NOTO_SANS_SC } from '@zwfw/fonts';
import * as fontkit from 'fontkit';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, type PDFRawStream, PDFStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, inkIn, loadFixture, renderGray, run, workspace, zbar } from '../../test/tools';
import {
  BUSINESS_LICENCE_TEMPLATE,
  type CertificateTemplate,
  PROOF_CERTIFICATE_TEMPLATE,
  REAL_ESTATE_CERTIFICATE_TEMPLATE,
  readCertificatePdf,
  renderCertificatePdf,
} from '../index';

const ws = workspace();
afterAll(() => ws.cleanup());

const CASES = [
  ['business-licence', BUSINESS_LICENCE_TEMPLATE],
  ['real-estate-certificate', REAL_ESTATE_CERTIFICATE_TEMPLATE],
  ['proof', PROOF_CERTIFICATE_TEMPLATE],
] as const;

describe('renderCertificatePdf', () => {
  it.each(CASES)(
    'renders %s: qpdf --check passes, pdftotext returns every face value, zbarimg reads the QR',
    async (name, template) => {
      const record = loadFixture(name);
      const url = `https://zwfw.hengyang.gov.cn/v/${record.identifier}`;
      const pdf = await renderCertificatePdf(record, template, { now: FIXED_NOW, qrContent: url });
      const file = ws.file(`${name}.pdf`, pdf);

      const check = run('qpdf', ['--check', file]);
      expect(check.status).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors found');

      const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).stdout;
      const flat = text.replace(/\s+/g, '');
      for (const value of [record.holder.name, record.number, ...Object.values(record.face)]) {
        expect(flat).toContain(value.replace(/\s+/g, ''));
      }
      // A single-line value comes back exactly on its own line, with its label.
      expect(text).toContain(record.holder.name);

      run('pdftoppm', ['-png', '-r', '100', '-singlefile', file, ws.file(name)], ws.nocjk);
      expect(zbar(ws.file(`${name}.png`))).toBe(url);
    },
  );

  it('embeds a subset with real glyph outlines: glyphs render with CJK fonts hidden from poppler', async () => {
    const template: CertificateTemplate = {
      ...PROOF_CERTIFICATE_TEMPLATE,
      decorations: [
        { kind: 'text', text: '营', x: 100, y: 400, size: 72 },
        { kind: 'text', text: '一', x: 300, y: 400, size: 72 },
      ],
    };
    const pdf = await renderCertificatePdf(loadFixture('proof'), template, { now: FIXED_NOW });
    const file = ws.file('glyphs.pdf', pdf);
    const image = renderGray(file, ws.nocjk, 72);
    expect(image.stderr).not.toMatch(/Couldn't create a font|may be invalid|Syntax Error/);
    const complex = inkIn(image, 841.89, 72, { x: 100, y: 390, width: 80, height: 80 });
    const simple = inkIn(image, 841.89, 72, { x: 300, y: 390, width: 80, height: 80 });
    // 营 has far more strokes than 一; a missing glyph (blank) or a .notdef box would give equal or zero ink.
    expect(simple).toBeGreaterThan(50);
    expect(complex).toBeGreaterThan(simple * 2);
    const fonts = run('pdffonts', [file]).stdout;
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('embeds a font subset that fontkit can parse glyph by glyph (pure-JS regression test)', async () => {
    const pdf = await renderCertificatePdf(loadFixture('business-licence'), BUSINESS_LICENCE_TEMPLATE, {
      now: FIXED_NOW,
    });
    const document = await PDFDocument.load(pdf);
    const fontFiles = document.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.has(PDFName.of('FontFile2')))
      .map((descriptor) => descriptor.lookup(PDFName.of('FontFile2'), PDFStream) as PDFRawStream);
    expect(fontFiles).toHaveLength(1);
    const subset = fontkit.create(
      Buffer.from(decodePDFRawStream(fontFiles[0] as PDFRawStream).decode()),
    ) as fontkit.Font;
    expect(subset.numGlyphs).toBeGreaterThan(150);
    let drawn = 0;
    for (let id = 1; id < subset.numGlyphs; id++) if (subset.getGlyph(id).path.commands.length > 0) drawn++;
    expect(drawn).toBeGreaterThan(150);
  });

  it('is deterministic: same record, template and clock give the same bytes', async () => {
    const record = loadFixture('proof');
    const first = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW });
    const second = await renderCertificatePdf(structuredClone(record), PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW });
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const later = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, {
      now: () => new Date('2025-06-02T08:00:00Z'),
    });
    expect(Buffer.from(later).equals(Buffer.from(first))).toBe(false);
  });

  it('gives the same bytes whether the template parts were just built or reused after other records', async () => {
    // A template id no other test renders: the first call builds its shared parts (subset prefix, content, outlines).
    const template = { ...PROOF_CERTIFICATE_TEMPLATE, id: 'test.fresh-template-cache' };
    const record = loadFixture('proof');
    const cold = await renderCertificatePdf(record, template, { now: FIXED_NOW });
    const other = {
      ...record,
      holder: { ...record.holder, name: '欧阳明轩' },
      face: { ...record.face, purpose: '办理营业执照' },
    };
    await renderCertificatePdf(other, template, { now: FIXED_NOW });
    const warm = await renderCertificatePdf(record, template, { now: FIXED_NOW });
    expect(Buffer.from(warm).equals(Buffer.from(cold))).toBe(true);
  });

  it('writes Info and XMP metadata (holder code masked) and embeds certificate.json as an associated file', async () => {
    const record = loadFixture('proof');
    const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW });
    const file = ws.file('meta.pdf', pdf);
    const info = run('pdfinfo', ['-meta', file]).stdout;
    expect(info).toContain(`<zzcert:Identifier>${record.identifier}</zzcert:Identifier>`);
    expect(info).toContain('<zzcert:HolderCodeMasked>4304************37</zzcert:HolderCodeMasked>');
    expect(info).not.toContain(record.holder.code);
    const details = run('pdfinfo', [file]).stdout;
    expect(details).toContain(`Subject:         ${record.identifier}`);
    expect(details).toMatch(/CreationDate:\s+Sun Jun\s+1 08:00:00 2025 UTC/);
    const attachments = run('pdfdetach', ['-list', file]).stdout;
    expect(attachments).toContain('1: certificate.json');
    const document = await PDFDocument.load(pdf);
    expect(document.catalog.get(PDFName.of('AF'))).toBeDefined();

    const read = await readCertificatePdf(pdf);
    expect(read.record).toEqual(record);
    expect(read.consistent).toBe(true);
    expect(read.metadata).toMatchObject({
      templateId: PROOF_CERTIFICATE_TEMPLATE.id,
      sealArea: { pageIndex: 0, rect: PROOF_CERTIFICATE_TEMPLATE.sealArea },
      creationDate: FIXED_NOW(),
    });
  });

  it('throws ERR_CERTIFICATE_GLYPH_MISSING listing characters no font has, unless a fallback covers them', async () => {
    const record = { ...loadFixture('proof'), holder: { ...loadFixture('proof').holder, name: '王Աա𪚥' } };
    await expect(renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW })).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_GLYPH_MISSING',
      characters: ['Ա', 'ա', '𪚥'],
      fields: ['holder.name'],
      message:
        'No registered font has a glyph for Ա (U+0531), ա (U+0561), 𪚥 (U+2A6A5) in holder.name; register a fallback font that covers them (renderCertificatePdf options.fallbackFonts), e.g. a CJK Ext-B font',
    });
    const dejavu = { bytes: new Uint8Array(readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')) };
    await expect(
      renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW, fallbackFonts: [dejavu] }),
    ).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_GLYPH_MISSING',
      characters: ['𪚥'],
    });
    const covered = { ...record, holder: { ...record.holder, name: '王Աա' } };
    const pdf = await renderCertificatePdf(covered, PROOF_CERTIFICATE_TEMPLATE, {
      now: FIXED_NOW,
      fallbackFonts: [dejavu],
    });
    const file = ws.file('fallback.pdf', pdf);
    expect(run('pdftotext', ['-raw', file, '-']).stdout).toContain('王Աա');
    expect(run('pdffonts', [file]).stdout).toContain('DejaVuSans');
  });

  it('mixes a CFF font (embedded by pdf-lib) with the TrueType subset (embedded by our subsetter)', async () => {
    const record = loadFixture('proof');
    const nimbus = {
      bytes: new Uint8Array(readFileSync('/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf')),
    };
    const noto = { bytes: new Uint8Array(readFileSync(NOTO_SANS_SC.path)) };
    const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, {
      now: FIXED_NOW,
      font: nimbus,
      fallbackFonts: [noto],
    });
    const file = ws.file('cff.pdf', pdf);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    const fonts = run('pdffonts', [file]).stdout;
    expect(fonts).toMatch(/[A-Z]{6}\+NimbusSans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const flat = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).stdout.replace(/\s+/g, '');
    for (const value of [record.holder.name, record.number, ...Object.values(record.face)]) {
      expect(flat).toContain(value.replace(/\s+/g, ''));
    }
  });

  it('subsets a TrueType face of a collection (.ttc, second face)', async () => {
    const record = loadFixture('proof');
    const ttc = {
      bytes: new Uint8Array(readFileSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc')),
      postscriptName: 'WenQuanYiMicroHeiMono',
    };
    const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW, font: ttc });
    const file = ws.file('ttc.pdf', pdf);
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    expect(run('pdffonts', [file]).stdout).toMatch(
      /[A-Z]{6}\+WenQuanYiMicroHeiMono\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/,
    );
    expect(run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).stdout).toContain(record.holder.name);
  });

  it('throws ERR_CERTIFICATE_TEXT_OVERFLOW when a value cannot fit its box', async () => {
    const record = loadFixture('proof');
    const long = { ...record, face: { ...record.face, purpose: '办理'.repeat(80) } };
    await expect(renderCertificatePdf(long, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW })).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_TEXT_OVERFLOW',
      message:
        '用　　途： (160 characters) needs 5 lines at 10 pt but the template allows 2; shorten the value or enlarge the field (maxLines, width, minSize)',
    });
  });

  it('throws ERR_CERTIFICATE_RECORD_INVALID for a bad record, without echoing personal data', async () => {
    const record = loadFixture('proof');
    const bad = { ...record, holder: { ...record.holder, codeType: '1' }, issueDate: '2025-02-30' };
    const error = await renderCertificatePdf(bad, PROOF_CERTIFICATE_TEMPLATE).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ERR_CERTIFICATE_RECORD_INVALID',
      issues: [{ path: ['holder', 'codeType'] }, { path: ['issueDate'] }],
    });
    expect((error as Error).message).not.toContain(record.holder.code);
  });
});

describe('readCertificatePdf', () => {
  it('rejects bytes that are not a PDF (ERR_CERTIFICATE_PDF_INVALID)', async () => {
    await expect(readCertificatePdf(new TextEncoder().encode('hello'))).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_PDF_INVALID',
      message: 'Input of 5 bytes is not a PDF (no %PDF- header); pass the certificate file itself',
    });
    await expect(readCertificatePdf('x' as never)).rejects.toMatchObject({ code: 'ERR_CERTIFICATE_INPUT_INVALID' });
  });

  it('rejects a PDF that is not ours (ERR_CERTIFICATE_PDF_UNRECOGNIZED)', async () => {
    const other = await PDFDocument.create();
    other.addPage();
    await expect(readCertificatePdf(await other.save())).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_PDF_UNRECOGNIZED',
      message: 'The PDF has no certificate.json attachment: it was not produced by renderCertificatePdf',
    });
    await other.attach(new TextEncoder().encode('{"not":"a record"}'), 'certificate.json', {
      mimeType: 'application/json',
    });
    await expect(readCertificatePdf(await other.save())).rejects.toMatchObject({
      code: 'ERR_CERTIFICATE_PDF_UNRECOGNIZED',
    });
  });

  it('answers damaged files with typed errors, silently (truncation, bit flips)', async () => {
    const pdf = await renderCertificatePdf(loadFixture('proof'), PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW });
    const damaged: Uint8Array[] = [pdf.subarray(0, pdf.length / 2), pdf.subarray(0, 100)];
    for (let i = 0; i < 12; i++) {
      const copy = Uint8Array.from(pdf);
      for (let k = 0; k < 50; k++) {
        const at = (i * 7919 + k * 104729) % copy.length;
        copy[at] = (copy[at] as number) ^ 0xff;
      }
      damaged.push(copy);
    }
    for (const bytes of damaged) {
      const outcome = await readCertificatePdf(bytes).then(
        (read) => (read.consistent ? 'read' : 'inconsistent'),
        (error: { code?: string }) => error.code,
      );
      expect(['read', 'inconsistent', 'ERR_CERTIFICATE_PDF_INVALID', 'ERR_CERTIFICATE_PDF_UNRECOGNIZED']).toContain(
        outcome,
      );
    }
  });

  it('reports an inconsistent file when the attachment was swapped', async () => {
    const pdf = await renderCertificatePdf(loadFixture('proof'), PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW });
    const document = await PDFDocument.load(pdf);
    const other = { ...loadFixture('proof'), number: 'X1' };
    // Replace the embedded file stream's content through the name tree.
    const names = document.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    const spec = names.lookup(PDFName.of('Names')) as unknown as { lookup(i: number, t: typeof PDFDict): PDFDict };
    const ef = spec.lookup(1, PDFDict).lookup(PDFName.of('EF'), PDFDict);
    ef.set(
      PDFName.of('F'),
      document.context.register(document.context.flateStream(new TextEncoder().encode(JSON.stringify(other)))),
    );
    const read = await readCertificatePdf(await document.save());
    expect(read.record.number).toBe('X1');
    expect(read.consistent).toBe(false);
  });
});
