// Content smuggled in as a "metadata update" next to a later signature (which the default policy accepts for /Info
// and the catalog's XMP stream): every variant must stay a content change.
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import { PdfStream, encodeTextString } from '../../src/internal/pdf/objects';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import { metadataRefs, signWithExtras, withXmp, xmpStream, xmpWithIndirectLength } from '../pdf/metadata-fixtures';
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
  withEntries,
} from './build';
import { expectCaught } from './helpers';

/** The attack came out as a content change (not metadata): TOTAL_FAILED, caught by PDF_POST_SIGN_CHANGES. */
function expectContentNotMetadata(report: Awaited<ReturnType<typeof validatePdf>>, objects?: string[]): void {
  expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
  expectCaught(report, 'PDF_POST_SIGN_CHANGES');
  if (objects !== undefined)
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'content', objects: expect.arrayContaining(objects) }),
    );
  expect(report.signatures[0]?.changesAfterSigning.some((c) => c.kind === 'metadata')).toBe(false);
}

async function signed(): Promise<Uint8Array> {
  const pki = await testPki();
  return signPdf(withXmp(await pdfLibDocument({ useObjectStreams: false })), pki.sealSigner);
}

/** The first page's (single) content stream. */
function pageContent(pdf: Uint8Array): PdfRef {
  const contents = firstPage(PdfFile.read(pdf)).dict.get('Contents');
  return (contents instanceof PdfArray ? contents.items[0] : contents) as PdfRef;
}

const forged = (extra: Record<string, ReturnType<typeof name>> = {}) =>
  stream('BT /F1 24 Tf 72 700 Td (Amount: 999999 CNY) Tj ET', extra);

describe('metadata smuggling next to a later signature', () => {
  it('catalog /Metadata re-pointed to the page content stream, which is rewritten → content (PDF_POST_SIGN_CHANGES)', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const content = pageContent(pdf);
    const attacked = await signWithExtras(pdf, pki.personalSigner, () => ({
      objects: [{ num: content.num, value: forged({ Type: name('Metadata'), Subtype: name('XML') }) }],
      catalog: { Metadata: content },
    }));
    const report = await validatePdf(attacked, pki.policy());
    expectContentNotMetadata(report, [`${content.num} 0`]);
  });

  it('the XMP stream object reused as page content (page re-pointed to it) → content', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const { xmp } = metadataRefs(pdf);
    const attacked = await signWithExtras(pdf, pki.personalSigner, (file) => {
      const page = firstPage(file);
      return {
        objects: [
          { num: xmp.num, value: forged({ Type: name('Metadata') }) },
          { num: page.ref.num, value: withEntries(page.dict, { Contents: xmp }) },
        ],
      };
    });
    const report = await validatePdf(attacked, pki.policy());
    expectContentNotMetadata(report);
  });

  it('the /Info object number reused as a FreeText annotation on the page → not metadata, caught', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const { info } = metadataRefs(pdf);
    const attacked = await signWithExtras(pdf, pki.personalSigner, (file, next) => {
      const page = firstPage(file);
      const ap = next();
      const annots = file.get(page.dict.get('Annots')) as PdfArray;
      return {
        objects: [
          { num: ap, value: forged({ Type: name('XObject'), Subtype: name('Form') }) },
          {
            num: info.num,
            value: dict({
              Type: name('Annot'),
              Subtype: name('FreeText'),
              Rect: new PdfArray([0, 0, 595, 842]),
              AP: dict({ N: new PdfRef(ap, 0) }),
              ModDate: encodeTextString('D:20261126000000Z'),
            }),
          },
          // signWithExtras appends its signature widget to this page's /Annots.
          { num: page.ref.num, value: withEntries(page.dict, { Annots: new PdfArray([...annots.items, info]) }) },
        ],
      };
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.signatures[0]?.indication).not.toBe('TOTAL_PASSED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES', ['FAILED', 'INDETERMINATE']);
    expect(report.signatures[0]?.changesAfterSigning.some((c) => c.kind === 'metadata')).toBe(false);
  });

  it('the trailer /Info switched to the page object → content (trailer /Info)', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const attacked = await signWithExtras(pdf, pki.personalSigner, (file) => ({ info: firstPage(file).ref }));
    const report = await validatePdf(attacked, pki.policy());
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'content', objects: expect.arrayContaining(['trailer /Info']) }),
    );
  });

  it('new objects hanging off /Info (an indirect value pointing at a new stream) → content and unknown', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const { info, infoDict } = metadataRefs(pdf);
    const attacked = await signWithExtras(pdf, pki.personalSigner, (_file, next) => {
      const hanging = next();
      return {
        objects: [
          { num: hanging, value: forged() },
          { num: info.num, value: withEntries(infoDict, { Subject: new PdfRef(hanging, 0) }) },
        ],
      };
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    const kinds = report.signatures[0]?.changesAfterSigning.map((c) => c.kind);
    expect(kinds).not.toContain('metadata');
    expect(kinds).toContain('unknown');
  });

  it('an /Info dictionary that is also a form field parent (reached through /Parent) → content', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const { info, infoDict } = metadataRefs(pdf);
    // A text widget whose field parent is the /Info dictionary, added in an unsigned revision before the approval.
    const prepared = appendUpdate(pdf, (file, next) => {
      const page = firstPage(file);
      const widget = next();
      const annots = file.get(page.dict.get('Annots')) as PdfArray;
      return [
        {
          num: widget,
          value: dict({
            Type: name('Annot'),
            Subtype: name('Widget'),
            Parent: info,
            Rect: new PdfArray([72, 690, 400, 720]),
            P: page.ref,
          }),
        },
        {
          num: page.ref.num,
          value: withEntries(page.dict, { Annots: new PdfArray([...annots.items, new PdfRef(widget, 0)]) }),
        },
      ];
    });
    const attacked = await signWithExtras(prepared, pki.personalSigner, () => ({
      objects: [
        {
          num: info.num,
          value: withEntries(infoDict, {
            FT: name('Tx'),
            T: encodeTextString('amount'),
            V: encodeTextString('999999'),
          }),
        },
      ],
    }));
    const report = await validatePdf(attacked, pki.policy());
    const last = report.signatures.at(-1);
    expect(last?.indication).toBe('TOTAL_PASSED');
    // For the approval signature's predecessor chain, the /Info rewrite must not pass as metadata.
    expect(report.signatures[0]?.indication).not.toBe('TOTAL_PASSED');
    const changes = report.signatures[0]?.changesAfterSigning.filter((c) => c.revision === 4);
    expect(changes?.some((c) => c.kind === 'metadata')).toBe(false);
    expect(changes?.some((c) => !c.permitted)).toBe(true);
  });

  it('an XMP stream with an indirect non-/Length entry, or that is not /Type /Metadata → content', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const { xmp } = metadataRefs(pdf);
    const content = pageContent(pdf);
    for (const value of [
      new PdfStream(dict({ Type: name('Metadata'), Resources: content }), bytesOf('<x/>')),
      stream('<x/>', { Type: name('XObject'), Subtype: name('Form') }),
    ]) {
      const attacked = await signWithExtras(pdf, pki.personalSigner, () => ({ objects: [{ num: xmp.num, value }] }));
      const report = await validatePdf(attacked, pki.policy());
      expectContentNotMetadata(report);
    }
  });

  it("the XMP stream's indirect /Length is the page's /Rotate number: rotating the page as a 'length' → content", async () => {
    const pki = await testPki();
    // Signed document whose page takes /Rotate from an indirect number (0).
    const prepared = appendUpdate(withXmp(await pdfLibDocument({ useObjectStreams: false })), (file, next) => {
      const page = firstPage(file);
      const rotate = next();
      return [
        { num: rotate, value: 0 },
        { num: page.ref.num, value: withEntries(page.dict, { Rotate: new PdfRef(rotate, 0) }) },
      ];
    });
    const pdf = await signPdf(prepared, pki.sealSigner);
    const rotate = firstPage(PdfFile.read(pdf)).dict.get('Rotate') as PdfRef;
    const { xmp } = metadataRefs(pdf);
    const attacked = await signWithExtras(pdf, pki.personalSigner, () => ({
      objects: [
        { num: rotate.num, value: 90 },
        {
          num: xmp.num,
          value: xmpWithIndirectLength(`<x:xmpmeta xmlns:x="adobe:ns:meta/"/>`.padEnd(90, ' '), rotate.num),
        },
      ],
    }));
    const report = await validatePdf(attacked, pki.policy());
    expectContentNotMetadata(report, [`${rotate.num} 0`]);
  });

  it('a metadata update next to a fake signature dictionary (byte range not aligned) is not accepted → PDF_METADATA_CHANGES', async () => {
    const pki = await testPki();
    const pdf = await signed();
    const { xmp } = metadataRefs(pdf);
    const attacked = appendUpdate(pdf, (file, next) => {
      const page = firstPage(file);
      const sig = next();
      const widget = next();
      const annots = file.get(page.dict.get('Annots')) as PdfArray;
      const catalogRef = file.last.trailer.get('Root') as PdfRef;
      const catalog = file.dict(catalogRef) as PdfDict;
      const form = file.dict(catalog.get('AcroForm')) as PdfDict;
      const fields = file.get(form.get('Fields')) as PdfArray;
      return [
        { num: xmp.num, value: xmpStream('2030-01-01T00:00:00Z') },
        {
          num: sig,
          value: dict({
            Type: name('Sig'),
            Filter: name('Adobe.PPKLite'),
            SubFilter: name('ETSI.CAdES.detached'),
            ByteRange: new PdfArray([0, 10, 20, 30]),
            Contents: encodeTextString('x'),
          }),
        },
        {
          num: widget,
          value: dict({
            Type: name('Annot'),
            Subtype: name('Widget'),
            FT: name('Sig'),
            T: encodeTextString('Fake'),
            V: new PdfRef(sig, 0),
            Rect: new PdfArray([0, 0, 0, 0]),
            P: page.ref,
          }),
        },
        {
          num: page.ref.num,
          value: withEntries(page.dict, { Annots: new PdfArray([...annots.items, new PdfRef(widget, 0)]) }),
        },
        {
          num: catalogRef.num,
          value: withEntries(catalog, {
            AcroForm: withEntries(form, { Fields: new PdfArray([...fields.items, new PdfRef(widget, 0)]) }),
          }),
        },
      ];
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.signatures[0]?.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_METADATA_CHANGES');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'metadata', permitted: false }),
    );
  });
});
