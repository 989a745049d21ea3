// Visual attacks after signing, caught by PDF_VISUAL_DIFF when a renderer is configured (poppler pdftoppm here).
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { createPdftoppmRenderer } from '../../src/node/pdftoppm-renderer';
import type { UpdateObject } from '../../src/internal/pdf/writer';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import { signWithExtras, withXmp } from '../pdf/metadata-fixtures';
import { PdfArray, PdfRef, dict, firstPage, name, stream, withEntries } from './build';
import { expectCaught } from './helpers';

const renderPage = createPdftoppmRenderer();

describe('visual attacks with a later signature', () => {
  it('a real later signature whose appearance blanks the page and writes over it → PDF_VISUAL_DIFF FAILED for the first', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const covered = await signPdf(signed, pki.personalSigner, {
      appearance: {
        page: 0,
        rect: [0, 0, 595, 842],
        operators: '1 1 1 rg 0 0 595 842 re f 0 0 0 rg 72 755 180 14 re f',
      },
    });
    const report = await validatePdf(covered, pki.policy({ pdf: { renderPage } }));
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_VISUAL_DIFF');
    // Without a renderer the structure alone accepts it (a later signature is a permitted change): the reason for
    // configuring one.
    const structural = await validatePdf(covered, pki.policy());
    expect(structural.signatures[0]?.checks.find((c) => c.id === 'PDF_VISUAL_DIFF')?.status).toBe('INFO');
  });

  it('many small signature widgets tiling the page (each under the share, together over it) → PDF_VISUAL_DIFF FAILED', async () => {
    const pki = await testPki();
    const signed = await signPdf(withXmp(await pdfLibDocument({ useObjectStreams: false })), pki.sealSigner);
    const tiled = await signWithExtras(signed, pki.personalSigner, (file, next, signature) => {
      const page = firstPage(file);
      const objects: UpdateObject[] = [];
      const tiles: PdfRef[] = [];
      for (let row = 0; row < 4; row++) {
        for (let column = 0; column < 4; column++) {
          const [ap, widget] = [next(), next()];
          const rect = [column * 148.75, row * 210.5, (column + 1) * 148.75, (row + 1) * 210.5];
          objects.push(
            {
              num: ap,
              value: stream('1 1 1 rg 0 0 148.75 210.5 re f', {
                Type: name('XObject'),
                Subtype: name('Form'),
                BBox: new PdfArray([0, 0, 148.75, 210.5]),
              }),
            },
            {
              num: widget,
              value: dict({
                Type: name('Annot'),
                Subtype: name('Widget'),
                FT: name('Sig'),
                V: signature ?? null,
                F: 4,
                Rect: new PdfArray(rect),
                P: page.ref,
                AP: dict({ N: new PdfRef(ap, 0) }),
              }),
            },
          );
          tiles.push(new PdfRef(widget, 0));
        }
      }
      const annots = file.get(page.dict.get('Annots')) as PdfArray;
      objects.push({
        num: page.ref.num,
        value: withEntries(page.dict, { Annots: new PdfArray([...annots.items, ...tiles]) }),
      });
      return { objects };
    });
    const report = await validatePdf(tiled, pki.policy({ pdf: { renderPage } }));
    expect(report.signatures[1]?.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.changesAfterSigning.every((c) => c.kind === 'signature' && c.permitted)).toBe(true);
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_VISUAL_DIFF');
  });
});
