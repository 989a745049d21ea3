// Certification attacks (pdf-insecurity.org): evil annotation (EAA) and sneaky signature (SSA).
import { describe, expect, it } from 'vitest';
import { createTimestampClient } from '../../src/internal/tsp/create-timestamp-client';
import { addDocumentTimestamp } from '../../src/pdf/add-document-timestamp';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import { PdfArray, type PdfDict, PdfRef, appendUpdate, dict, firstPage, name, stream, withEntries } from './build';
import { expectCaught } from './helpers';

/** Adds an annotation (with an appearance stream) to the first page in a new incremental update. */
function addAnnotation(pdf: Uint8Array, build: (apRef: PdfRef, pageRef: PdfRef) => PdfDict): Uint8Array {
  return appendUpdate(pdf, (file, next) => {
    const page = firstPage(file);
    const annot = next();
    const ap = next();
    const annots = page.dict.get('Annots');
    const items =
      annots instanceof PdfArray ? annots.items : annots instanceof PdfRef ? (file.get(annots) as PdfArray).items : [];
    const objects = [
      {
        num: ap,
        value: stream('BT /Helv 30 Tf 72 700 Td (Amount: 999999 CNY) Tj ET', {
          Type: name('XObject'),
          Subtype: name('Form'),
          BBox: new PdfArray([0, 0, 595, 842]),
        }),
      },
      { num: annot, value: build(new PdfRef(ap, 0), page.ref) },
    ];
    if (annots instanceof PdfRef)
      return [...objects, { num: annots.num, value: new PdfArray([...items, new PdfRef(annot, 0)]) }];
    return [
      ...objects,
      { num: page.ref.num, value: withEntries(page.dict, { Annots: new PdfArray([...items, new PdfRef(annot, 0)]) }) },
    ];
  });
}

const freeText = (ap: PdfRef, page: PdfRef) =>
  dict({
    Type: name('Annot'),
    Subtype: name('FreeText'),
    Rect: new PdfArray([0, 0, 595, 842]),
    P: page,
    AP: dict({ N: ap }),
    Contents: null,
  });

const sneakySignature = (ap: PdfRef, page: PdfRef) =>
  dict({
    Type: name('Annot'),
    Subtype: name('Widget'),
    FT: name('Sig'),
    T: null,
    Rect: new PdfArray([0, 0, 595, 842]),
    P: page,
    AP: dict({ N: ap }),
  });

describe('certification attacks', () => {
  it('evil annotation on a P=2 certified document → PDF_DOCMDP FAILED', async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 2 });
    const report = await validatePdf(addAnnotation(certified, freeText), pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_DOCMDP');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'annotation', permitted: false }),
    );
  });

  it('evil annotation on a P=3 certified document (permitted) → never TOTAL_PASSED, flagged by PDF_POST_SIGN_CHANGES and PDF_ANNOT_OVERLAP', async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 3 });
    const report = await validatePdf(addAnnotation(certified, freeText), pki.policy());
    expectCaught(report, 'PDF_POST_SIGN_CHANGES', ['INDETERMINATE']);
    expectCaught(report, 'PDF_ANNOT_OVERLAP', ['WARNING']);
  });

  it('a zero-size annotation on a P=3 certified document is not flagged as covering content, yet is not TOTAL_PASSED', async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 3 });
    const hidden = (ap: PdfRef, page: PdfRef) =>
      withEntries(freeText(ap, page), { Rect: new PdfArray([10, 10, 10, 10]) });
    const report = await validatePdf(addAnnotation(certified, hidden), pki.policy());
    expect(report.signatures[0]?.checks.find((c) => c.id === 'PDF_ANNOT_OVERLAP')?.status).toBe('PASSED');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'annotation', overlapsContent: false }),
    );
    expectCaught(report, 'PDF_POST_SIGN_CHANGES', ['INDETERMINATE']);
  });

  it('sneaky signature: a new unsigned signature widget on a P=2 certified document → PDF_DOCMDP FAILED', async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 2 });
    const report = await validatePdf(addAnnotation(certified, sneakySignature), pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_DOCMDP');
  });

  it('a later approval signature on a P=2 certified document is permitted', async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 2 });
    const approved = await signPdf(certified, pki.personalSigner);
    const report = await validatePdf(approved, pki.policy());
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.signatures[0]?.checks.find((c) => c.id === 'PDF_DOCMDP')?.status).toBe('PASSED');
  });

  it('any signature after a P=1 certification → PDF_DOCMDP FAILED (signPdf refuses, a hand-made one is caught)', async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 1 });
    await expect(signPdf(certified, pki.personalSigner)).rejects.toMatchObject({
      code: 'ERR_SEAL_PDF_UNSUPPORTED',
      message: expect.stringContaining('P=1'),
    });
    const report = await validatePdf(addAnnotation(certified, freeText), pki.policy());
    expectCaught(report, 'PDF_DOCMDP');
  });

  it('a document time-stamp after a P=1 certification is permitted', async () => {
    const pki = await testPki();
    const responder = await pki.tsa.startResponder();
    try {
      const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 1 });
      const stamped = await addDocumentTimestamp(certified, createTimestampClient({ url: responder.url }));
      const report = await validatePdf(stamped, pki.policy());
      expect(report.signatures[0]?.changesAfterSigning).toEqual([
        expect.objectContaining({ kind: 'doc-timestamp', permitted: true }),
      ]);
      expect(report.signatures[0]?.checks.find((c) => c.id === 'PDF_DOCMDP')?.status).toBe('PASSED');
      expect(report.indication).toBe('TOTAL_PASSED');
    } finally {
      await responder.close();
    }
  });

  it("policy allowIncrementalChanges: 'none' fails an annotation that DocMDP P=3 would permit", async () => {
    const pki = await testPki();
    const certified = await signPdf(await pdfLibDocument(), pki.sealSigner, { certify: 3 });
    const attacked = addAnnotation(certified, freeText);
    const strict = await validatePdf(attacked, pki.policy({ pdf: { allowIncrementalChanges: 'none' } }));
    expect(strict.indication).toBe('TOTAL_FAILED');
    expectCaught(strict, 'PDF_POST_SIGN_CHANGES');
  });
});
