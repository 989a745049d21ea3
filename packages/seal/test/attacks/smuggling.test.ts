// Changes disguised as permitted ones: content smuggled into a DSS update, an overlay widget reusing an existing
// signature value, and a trailer-only update that switches /Root to another catalog.
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import {
  PdfArray,
  type PdfDict,
  PdfRef,
  appendUpdate,
  bytesOf,
  dict,
  firstPage,
  name,
  stream,
  text,
  withEntries,
} from './build';
import { expectCaught } from './helpers';

describe('changes disguised as permitted ones', () => {
  it('a page content change referenced from a new /DSS is not a DSS change → PDF_POST_SIGN_CHANGES', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    const attacked = appendUpdate(signed, (file, next) => {
      const page = firstPage(file);
      const contents = page.dict.get('Contents');
      const contentRef = (contents instanceof PdfRef ? contents : (contents as PdfArray).items[0]) as PdfRef;
      const root = file.last.trailer.get('Root') as PdfRef;
      const dss = next();
      return [
        { num: contentRef.num, value: stream('BT /F1 24 Tf 72 700 Td (forged) Tj ET') },
        { num: dss, value: dict({ Certs: new PdfArray([contentRef]) }) },
        { num: root.num, value: withEntries(file.dict(root) as PdfDict, { DSS: new PdfRef(dss, 0) }) },
      ];
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'content', permitted: false }),
    );
  });

  it('a new signature widget whose /V is the existing signature (overlay, no new signature) → not a signature change', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    const sigRef = /\/V (\d+) 0 R/.exec(text(signed))?.[1];
    const attacked = appendUpdate(signed, (file, next) => {
      const page = firstPage(file);
      const widget = next();
      const ap = next();
      const annots = file.get(page.dict.get('Annots')) as PdfArray;
      return [
        {
          num: ap,
          value: stream('BT /Helv 30 Tf 72 700 Td (overlay) Tj ET', {
            Type: name('XObject'),
            Subtype: name('Form'),
            BBox: new PdfArray([0, 0, 595, 842]),
          }),
        },
        {
          num: widget,
          value: dict({
            Type: name('Annot'),
            Subtype: name('Widget'),
            FT: name('Sig'),
            V: new PdfRef(Number(sigRef), 0),
            Rect: new PdfArray([0, 0, 595, 842]),
            AP: dict({ N: new PdfRef(ap, 0) }),
          }),
        },
        {
          num: page.ref.num,
          value: withEntries(page.dict, { Annots: new PdfArray([...annots.items, new PdfRef(widget, 0)]) }),
        },
      ];
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(report.signatures[0]?.changesAfterSigning.some((c) => c.kind === 'signature')).toBe(false);
    expectCaught(report, 'PDF_POST_SIGN_CHANGES', ['INDETERMINATE', 'FAILED']);
  });

  it('a trailer-only update switching /Root to another catalog → PDF_POST_SIGN_CHANGES', async () => {
    const pki = await testPki();
    const base = await pdfLibDocument({ useObjectStreams: false });
    // The signed document carries an unused alternative catalog (listed in the xref, referenced by nothing).
    const prepared = appendUpdate(base, (file, next) => {
      const catalog = file.dict(file.last.trailer.get('Root')) as PdfDict;
      return [{ num: next(), value: withEntries(catalog, { OpenAction: dict({ S: name('URI'), URI: null }) }) }];
    });
    const alternative = (PdfFile.read(prepared).last.trailer.get('Size') as number) - 1;
    const signed = await signPdf(prepared, pki.sealSigner);
    const last = PdfFile.read(signed).last;
    const update = `xref\ntrailer\n<< /Size ${last.trailer.get('Size')} /Root ${alternative} 0 R /Prev ${last.xrefOffset} >>\nstartxref\n${signed.length}\n%%EOF\n`;
    const report = await validatePdf(new Uint8Array([...signed, ...bytesOf(update)]), pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'content', objects: expect.arrayContaining(['trailer /Root']) }),
    );
  });
});

describe('signature field hijacking', () => {
  it("a later revision re-points the first signer's field to another value → PDF_SIGDICT_CONSISTENT", async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    const attacked = appendUpdate(signed, (file, next) => {
      const page = firstPage(file);
      const widgetRef = (file.get(page.dict.get('Annots')) as PdfArray).items[0] as PdfRef;
      const fake = next();
      return [
        {
          num: fake,
          value: dict({ Type: name('Sig'), Filter: name('Adobe.PPKLite'), SubFilter: name('ETSI.CAdES.detached') }),
        },
        { num: widgetRef.num, value: withEntries(file.dict(widgetRef) as PdfDict, { V: new PdfRef(fake, 0) }) },
      ];
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_SIGDICT_CONSISTENT');
  });
});
