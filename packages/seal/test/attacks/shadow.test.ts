// Shadow attacks (Mainka, Mladenov, Rohlmann, NDSS 2021): hide, replace, hide-and-replace.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import { PdfString, encodeTextString } from '../../src/internal/pdf/objects';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { testPki } from '../pdf/helpers';
import { type PdfDict, PdfRef, appendUpdate, bytesOf, dict, firstPage, name, stream, text, withEntries } from './build';
import { expectCaught } from './helpers';

async function formDocument(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Amount: 100 CNY', { x: 72, y: 760, size: 18, font });
  const field = doc.getForm().createTextField('amount');
  field.setText('100');
  field.addToPage(page, { x: 72, y: 700, width: 200, height: 24, font });
  return doc.save({ useObjectStreams: false });
}

function findFieldRef(file: PdfFile): PdfRef {
  const catalog = file.dict(file.last.trailer.get('Root')) as PdfDict;
  const form = file.dict(catalog.get('AcroForm')) as PdfDict;
  const fields = file.get(form.get('Fields')) as { items: unknown[] };
  return fields.items[0] as PdfRef;
}

describe('shadow attacks', () => {
  it('hide: the update redefines an object the page draws as empty → PDF_POST_SIGN_CHANGES (content)', async () => {
    const pki = await testPki();
    const signed = await signPdf(await formDocument(), pki.sealSigner);
    const attacked = appendUpdate(signed, (file) => {
      const contents = firstPage(file).dict.get('Contents');
      const ref = contents instanceof PdfRef ? contents : ((contents as { items: PdfRef[] }).items[0] as PdfRef);
      return [{ num: ref.num, value: stream('') }];
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
  });

  it('replace (form): the update changes a field value and appearance → not TOTAL_PASSED (form-fill)', async () => {
    const pki = await testPki();
    const signed = await signPdf(await formDocument(), pki.sealSigner);
    const attacked = appendUpdate(signed, (file, next) => {
      const ref = findFieldRef(file);
      const field = file.dict(ref) as PdfDict;
      const ap = next();
      return [
        {
          num: ap,
          value: stream('BT /Helv 12 Tf 2 6 Td (100000) Tj ET', { Type: name('XObject'), Subtype: name('Form') }),
        },
        {
          num: ref.num,
          value: withEntries(field, { V: encodeTextString('100000'), AP: dict({ N: new PdfRef(ap, 0) }) }),
        },
      ];
    });
    const report = await validatePdf(attacked, pki.policy());
    expectCaught(report, 'PDF_POST_SIGN_CHANGES', ['INDETERMINATE', 'FAILED']);
    expect(report.signatures[0]?.changesAfterSigning.map((c) => c.kind)).toEqual(['form-fill']);
  });

  it('replace (form) on a document certified with P=1 → PDF_DOCMDP FAILED', async () => {
    const pki = await testPki();
    const signed = await signPdf(await formDocument(), pki.sealSigner, { certify: 1 });
    const attacked = appendUpdate(signed, (file) => {
      const ref = findFieldRef(file);
      return [
        { num: ref.num, value: withEntries(file.dict(ref) as PdfDict, { V: new PdfString(bytesOf('100000'), false) }) },
      ];
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_DOCMDP');
  });

  it('replace (font): the update redefines the embedded font → PDF_POST_SIGN_CHANGES (content)', async () => {
    const pki = await testPki();
    const signed = await signPdf(await formDocument(), pki.sealSigner);
    const attacked = appendUpdate(signed, (file) => {
      const resources = file.dict(firstPage(file).dict.get('Resources')) as PdfDict;
      const fonts = file.dict(resources.get('Font')) as PdfDict;
      const fontRef = [...fonts.map.values()][0] as PdfRef;
      return [
        { num: fontRef.num, value: dict({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Courier') }) },
      ];
    });
    expectCaught(await validatePdf(attacked, pki.policy()), 'PDF_POST_SIGN_CHANGES');
  });

  it('hide-and-replace: a dead object in the signed part, then an xref-only update → PDF_POST_SIGN_CHANGES (xref-only) + PDF_SHADOW_RISK', async () => {
    const pki = await testPki();
    const base = await formDocument();
    const file = PdfFile.read(base);
    const pageContents = firstPage(file).dict.get('Contents');
    const contents = (
      pageContents instanceof PdfRef ? pageContents : (pageContents as { items: PdfRef[] }).items[0]
    ) as PdfRef;
    // The signer is given a document whose body holds a second, unreferenced definition of the page content.
    const evil = 'BT /F1 24 Tf 72 760 Td (Amount: 999999 CNY) Tj ET';
    const shadowBody = `\n${contents.num} 0 obj\n<< /Length ${evil.length} >>\nstream\n${evil}\nendstream\nendobj\n`;
    const prepared = appendUpdate(new Uint8Array([...base, ...bytesOf(shadowBody)]), (f) => {
      const info = f.last.trailer.get('Root') as PdfRef;
      return [{ num: info.num, value: f.dict(info) as PdfDict }];
    });
    const deadOffset = base.length + 1;
    expect(text(prepared).slice(deadOffset, deadOffset + 10)).toContain(`${contents.num} 0 obj`);
    const signed = await signPdf(prepared, pki.sealSigner);
    const signedReport = await validatePdf(signed, pki.policy());
    expect(signedReport.signatures[0]?.checks.find((c) => c.id === 'PDF_SHADOW_RISK')?.status).toBe('WARNING');
    // Attack: an update made of an xref section only, pointing the content object at the dead definition.
    const prevXref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text(signed))?.[1];
    const size = PdfFile.read(signed).last.trailer.get('Size');
    const rootRef = PdfFile.read(signed).last.trailer.get('Root') as PdfRef;
    const xrefAt = signed.length;
    const update = `xref\n${contents.num} 1\n${String(deadOffset).padStart(10, '0')} 00000 n\r\ntrailer\n<< /Size ${size} /Root ${rootRef.num} 0 R /Prev ${prevXref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const attacked = new Uint8Array([...signed, ...bytesOf(update)]);
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ kind: 'xref-only', permitted: false }),
    );
    expectCaught(report, 'PDF_SHADOW_RISK', ['WARNING']);
  });

  it('replace (form) of a field locked by FieldMDP → PDF_DOCMDP FAILED; an unlocked field stays INDETERMINATE', async () => {
    const pki = await testPki();
    for (const [lockFields, expected] of [
      [['amount'], 'FAILED'],
      [['other'], 'INDETERMINATE'],
      [true, 'FAILED'],
    ] as const) {
      const signed = await signPdf(await formDocument(), pki.sealSigner, {
        lockFields: lockFields === true ? true : [...lockFields],
      });
      expect((await validatePdf(signed, pki.policy())).indication).toBe('TOTAL_PASSED');
      const attacked = appendUpdate(signed, (file) => {
        const ref = findFieldRef(file);
        return [{ num: ref.num, value: withEntries(file.dict(ref) as PdfDict, { V: encodeTextString('100000') }) }];
      });
      const report = await validatePdf(attacked, pki.policy());
      expect(report.indication).not.toBe('TOTAL_PASSED');
      expect(report.signatures[0]?.checks.find((c) => c.id === 'PDF_POST_SIGN_CHANGES')?.status).toBe(expected);
      if (expected === 'FAILED') expectCaught(report, 'PDF_DOCMDP');
    }
  });
});
