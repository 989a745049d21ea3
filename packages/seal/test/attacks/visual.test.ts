// Visual attacks after signing, caught by PDF_VISUAL_DIFF when a renderer is configured (poppler pdftoppm here).
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { createPdftoppmRenderer } from '../../src/testing/pdftoppm-renderer';
import { pdfLibDocument, testPki } from '../pdf/helpers';
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
});
