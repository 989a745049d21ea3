// PDF_VISUAL_DIFF: the signed revision and the final document rendered (poppler pdftoppm) and compared.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type AnalyzedSignature, analyzePdf } from '../../src/internal/pdf/analyze';
import type { PdfFile } from '../../src/internal/pdf/pdf-file';
import {
  checkVisualDifference,
  comparePages,
  createVisualDiffContext,
  visualTolerance,
} from '../../src/internal/pdf/visual-diff';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import type { ValidationReport } from '../../src/report';
import { createPdftoppmRenderer, isPdftoppmAvailable, parsePgm } from '../../src/node/pdftoppm-renderer';
import type { PdfPageRenderer, RenderedPage } from '../../src/types';
import { PdfArray, PdfRef, appendUpdate, dict, firstPage, name, stream, withEntries } from '../attacks/build';
import { pdfLibDocument, testPki } from './helpers';

const renderPage = createPdftoppmRenderer();
const visual = (report: ValidationReport, signature = 0) =>
  report.signatures[signature]?.checks.find((c) => c.id === 'PDF_VISUAL_DIFF');

/** Adds an annotation of `subtype` on page 1 drawing `operators` over `rect` (default: the whole page). */
function annotate(
  pdf: Uint8Array,
  subtype: string,
  operators: string,
  rect: [number, number, number, number] = [0, 0, 595, 842],
): Uint8Array {
  return appendUpdate(pdf, (file, next) => {
    const page = firstPage(file);
    const annot = next();
    const ap = next();
    const annots = file.get(page.dict.get('Annots'));
    const items = annots instanceof PdfArray ? annots.items : [];
    return [
      {
        num: ap,
        value: stream(operators, {
          Type: name('XObject'),
          Subtype: name('Form'),
          BBox: new PdfArray(rect),
        }),
      },
      {
        num: annot,
        value: dict({
          Type: name('Annot'),
          Subtype: name(subtype),
          Rect: new PdfArray(rect),
          P: page.ref,
          F: 4,
          AP: dict({ N: new PdfRef(ap, 0) }),
        }),
      },
      { num: page.ref.num, value: withEntries(page.dict, { Annots: new PdfArray([...items, new PdfRef(annot, 0)]) }) },
    ];
  });
}

/** White box over "Certificate page 1" and a black bar where a new amount would be. */
const COVER = '1 1 1 rg 60 740 300 50 re f 0 0 0 rg 72 755 180 14 re f';

describe('PDF_VISUAL_DIFF', () => {
  it('the verifier itself spawns nothing: child processes only in the opt-in renderer of @zwfw/seal/testing', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (path) => path.endsWith('.ts') && !path.endsWith('.test.ts'),
    );
    const spawning = sources.filter((path) => readFileSync(join(root, path), 'utf8').includes('node:child_process'));
    expect(spawning).toEqual([join('node', 'pdftoppm-renderer.ts')]);
  });

  it('pdftoppm is installed (scripts/bootstrap.sh)', () => {
    expect(isPdftoppmAvailable()).toBe(true);
    expect(isPdftoppmAvailable('/nonexistent/pdftoppm')).toBe(false);
  });

  it('a Stamp or FreeText annotation covering text after signing → FAILED (FORMAT_FAILURE), with the page and the area', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    for (const subtype of ['Stamp', 'FreeText']) {
      const report = await validatePdf(annotate(signed, subtype, COVER), pki.policy({ pdf: { renderPage } }));
      expect(report.indication).toBe('TOTAL_FAILED');
      const check = visual(report);
      expect(check, subtype).toMatchObject({ status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
      const pages = (check?.details?.pages ?? []) as Array<{ page: number; differing: number; box: number[] }>;
      const page = pages[0];
      expect(page?.page).toBe(0);
      expect(page?.differing).toBeGreaterThan(visualTolerance(877 * 1240));
      // The box lies in the top part of the page (y from the top, in pixels of a 1240-pixel-high render).
      expect(page?.box[1]).toBeLessThan(200);
    }
  });

  it('PDF_ANNOT_OVERLAP is judged on the signed render: over the text WARNING, over a blank margin PASSED', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const policy = pki.policy({ pdf: { renderPage } });
    const overText = await validatePdf(annotate(signed, 'Stamp', COVER, [60, 740, 360, 790]), policy);
    const overlap = (report: ValidationReport) =>
      report.signatures[0]?.checks.find((c) => c.id === 'PDF_ANNOT_OVERLAP');
    expect(overlap(overText)).toMatchObject({
      status: 'WARNING',
      details: expect.objectContaining({ rendered: true }),
    });
    expect(overText.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'annotation', overlapsContent: true }),
    );
    const margin = await validatePdf(
      annotate(signed, 'Stamp', '0 0 0 rg 300 100 100 20 re f', [300, 100, 400, 150]),
      policy,
    );
    expect(overlap(margin)?.status).toBe('PASSED');
    expect(margin.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'annotation', overlapsContent: false }),
    );
    // It still adds something visible to the signed page.
    expect(visual(margin)?.status).toBe('FAILED');
    // Without a renderer, geometry alone flags both.
    expect(overlap(await validatePdf(annotate(signed, 'Stamp', '', [300, 100, 400, 150]), pki.policy()))?.status).toBe(
      'WARNING',
    );
  });

  it('an annotation that draws nothing visible → PASSED (the change is still reported and not TOTAL_PASSED)', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const report = await validatePdf(annotate(signed, 'Stamp', ''), pki.policy({ pdf: { renderPage } }));
    expect(visual(report)?.status).toBe('PASSED');
    expect(report.indication).toBe('INDETERMINATE');
    expect(report.signatures[0]?.checks.find((c) => c.id === 'PDF_POST_SIGN_CHANGES')?.status).toBe('INDETERMINATE');
  });

  it('a later signature with an invisible widget → PASSED, the first signature stays TOTAL_PASSED', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const twice = await signPdf(signed, pki.personalSigner);
    const report = await validatePdf(twice, pki.policy({ pdf: { renderPage } }));
    expect(visual(report)).toMatchObject({ status: 'PASSED' });
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(visual(report, 1)).toBeUndefined();
  });

  it('a later visible seal → WARNING (differences only where the later signature is shown), still TOTAL_PASSED', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const twice = await signPdf(signed, pki.personalSigner, {
      appearance: { page: 0, rect: [380, 600, 119, 119], seal: { organizationName: '衡阳市行政审批服务局' } },
    });
    const report = await validatePdf(twice, pki.policy({ pdf: { renderPage } }));
    expect(visual(report)).toMatchObject({ status: 'WARNING' });
    expect(visual(report)?.message.en).toContain('only where later signatures are shown');
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
  });

  it('without a renderer the comparison is INFO (not performed); a failing renderer gives a WARNING', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const attacked = annotate(signed, 'Stamp', COVER);
    const none = await validatePdf(attacked, pki.policy());
    expect(visual(none)).toMatchObject({ status: 'INFO' });
    expect(visual(none)?.message.en).toContain('not performed');
    const broken = await validatePdf(
      attacked,
      pki.policy({ pdf: { renderPage: createPdftoppmRenderer({ command: '/nonexistent/pdftoppm' }) } }),
    );
    expect(visual(broken)).toMatchObject({ status: 'WARNING' });
    expect(visual(broken)?.message.en).toContain('could not be performed');
    // Unchanged documents have no visual check at all.
    expect(visual(await validatePdf(signed, pki.policy({ pdf: { renderPage } })))).toBeUndefined();
  });

  it('the renderer rejects pages that do not exist and oversized input with ERR_SEAL_RENDER_FAILED', async () => {
    const pdf = await pdfLibDocument();
    await expect(renderPage(pdf, 3)).rejects.toMatchObject({ code: 'ERR_SEAL_RENDER_FAILED' });
    await expect(createPdftoppmRenderer({ maxPdfBytes: 100 })(pdf, 0)).rejects.toMatchObject({
      code: 'ERR_SEAL_RENDER_FAILED',
    });
    const page = await renderPage(pdf, 0);
    expect([page.width, page.height]).toEqual([877, 1240]);
    expect(page.data.length).toBe(877 * 1240);
  });
});

describe('renderers that misbehave', () => {
  async function context(renderer: PdfPageRenderer, budgetMs: number) {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const bytes = annotate(signed, 'Stamp', COVER);
    const analysis = analyzePdf(bytes);
    return {
      signature: analysis.signatures[0] as AnalyzedSignature,
      context: createVisualDiffContext(analysis.file as PdfFile, bytes, renderer, budgetMs),
    };
  }

  it('a renderer that never answers is cut off by the time budget → WARNING (not performed)', async () => {
    const { signature, context: ctx } = await context(() => new Promise<never>(() => {}), 50);
    const check = await checkVisualDifference(ctx, signature);
    expect(check).toMatchObject({ status: 'WARNING' });
    expect(check?.message.en).toContain('did not answer within');
    // The budget is spent: nothing more is rendered in this validation.
    expect((await checkVisualDifference(ctx, signature))?.message.en).toContain('budget');
  });

  it('pixel data of the wrong size or an oversized page → WARNING (not performed)', async () => {
    for (const page of [
      { width: 10, height: 10, data: new Uint8Array(7) },
      { width: 5000, height: 5000, data: new Uint8Array(0) },
    ]) {
      const { signature, context: ctx } = await context(async () => page, 60_000);
      expect(await checkVisualDifference(ctx, signature)).toMatchObject({ status: 'WARNING' });
    }
  });
});

describe('comparePages', () => {
  const grey = (width: number, height: number, fill = 255): RenderedPage => ({
    width,
    height,
    data: new Uint8Array(width * height).fill(fill),
  });

  it('counts pixels beyond the grey tolerance, apart inside masks; RGBA is composited over white', () => {
    const a = grey(100, 100);
    const b = grey(100, 100);
    for (let i = 0; i < 20; i++) (b.data as Uint8Array)[10 * 100 + i] = 0; // a 20-pixel line at y = 10
    (b.data as Uint8Array)[50 * 100 + 50] = 230; // within tolerance
    expect(comparePages(a, b, [])).toMatchObject({ differing: 20, differingInSignatures: 0, box: [0, 10, 20, 11] });
    expect(comparePages(a, b, [[0, 0, 10, 100]])).toMatchObject({ differing: 10, differingInSignatures: 10 });
    const transparentBlack: RenderedPage = { width: 100, height: 100, data: new Uint8Array(100 * 100 * 4) };
    expect(comparePages(a, transparentBlack, []).differing).toBe(0);
    expect(comparePages(a, grey(100, 101), []).differing).toBe(100 * 101);
    expect(() => comparePages(a, { width: 100, height: 100, data: new Uint8Array(7) }, [])).toThrow(
      /grey, RGB or RGBA/,
    );
  });

  it('parses binary PGM and refuses anything else', () => {
    const pgm = new Uint8Array([...Buffer.from('P5\n# c\n2 1\n255\n'), 0, 255]);
    expect(parsePgm(pgm)).toEqual({ width: 2, height: 1, data: new Uint8Array([0, 255]) });
    expect(() => parsePgm(new Uint8Array(Buffer.from('P6\n2 1\n255\n')))).toThrow(/P5/);
    expect(() => parsePgm(new Uint8Array([...Buffer.from('P5\n2 2\n255\n'), 0]))).toThrow(/truncated/);
  });
});
