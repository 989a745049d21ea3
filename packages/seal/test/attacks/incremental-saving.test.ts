// ISA: content appended after the signature, with and without a proper xref/trailer.
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import { PdfRef, appendUpdate, bytesOf, firstPage, stream, text, withEntries } from './build';
import { expectCaught } from './helpers';

const signedDocument = async (useObjectStreams: boolean) => {
  const pki = await testPki();
  return { pki, signed: await signPdf(await pdfLibDocument({ useObjectStreams }), pki.sealSigner) };
};

describe('incremental saving attacks', () => {
  for (const useObjectStreams of [false, true]) {
    const kind = useObjectStreams ? 'xref stream' : 'xref table';
    it(`full incremental update replacing the page content (${kind}) → PDF_POST_SIGN_CHANGES`, async () => {
      const { pki, signed } = await signedDocument(useObjectStreams);
      const attacked = appendUpdate(signed, (file, next) => {
        const page = firstPage(file);
        const content = next();
        return [
          { num: content, value: stream('BT /F1 24 Tf 72 700 Td (PAID IN FULL) Tj ET') },
          { num: page.ref.num, value: withEntries(page.dict, { Contents: new PdfRef(content, 0) }) },
        ];
      });
      const report = await validatePdf(attacked, pki.policy());
      expect(report.indication).toBe('TOTAL_FAILED');
      expectCaught(report, 'PDF_POST_SIGN_CHANGES');
      expect(report.signatures[0]?.coverage?.wholeFile).toBe(false);
      expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
        expect.objectContaining({ revision: 2, kind: 'content', permitted: false }),
      );
    });
  }

  it('appended catalog with /OpenAction → PDF_POST_SIGN_CHANGES (content)', async () => {
    const { pki, signed } = await signedDocument(false);
    const attacked = appendUpdate(signed, (file) => {
      const root = file.last.trailer.get('Root') as PdfRef;
      const catalog = file.dict(root);
      if (!catalog) throw new Error('no catalog');
      return [{ num: root.num, value: withEntries(catalog, { OpenAction: new PdfRef(1, 0) }) }];
    });
    expectCaught(await validatePdf(attacked, pki.policy()), 'PDF_POST_SIGN_CHANGES');
  });

  it('appended object without xref and trailer → PDF_POST_SIGN_CHANGES (trailing bytes)', async () => {
    const { pki, signed } = await signedDocument(false);
    const attacked = new Uint8Array([
      ...signed,
      ...bytesOf('99 0 obj\n<< /Type /Annot /Subtype /FreeText >>\nendobj\n'),
    ]);
    const report = await validatePdf(attacked, pki.policy());
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    expect(report.signatures[0]?.coverage?.wholeFile).toBe(false);
  });

  it('appended object and trailer but no xref (startxref points to the old xref) → caught', async () => {
    const { pki, signed } = await signedDocument(false);
    const oldStartxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text(signed))?.[1];
    const attacked = new Uint8Array([
      ...signed,
      ...bytesOf(
        `4 0 obj\n<< /Length 20 >>\nstream\nBT (forged) Tj ET  \nendstream\nendobj\ntrailer\n<< /Size 20 /Root 1 0 R /Prev ${oldStartxref} >>\nstartxref\n${oldStartxref}\n%%EOF\n`,
      ),
    ]);
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).not.toBe('TOTAL_PASSED');
    const checks = [...report.document, ...report.signatures.flatMap((s) => s.checks)]
      .filter((c) => c.status === 'FAILED')
      .map((c) => c.id);
    expect(
      checks.some(
        (id) => id === 'PDF_POST_SIGN_CHANGES' || id === 'PDF_PARSE_STRICT' || id === 'PDF_BYTERANGE_REVISION',
      ),
    ).toBe(true);
  });
});
