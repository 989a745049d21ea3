// Metadata updates after signing: honest multi-signed documents (Acrobat/iText update /Info and XMP in the revision
// of a later signature) keep the first signature valid by default; policies 'reject' and 'allow'.
import { describe, expect, it } from 'vitest';
import { PdfRef, encodeTextString } from '../../src/internal/pdf/objects';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import type { ValidationReport } from '../../src/report';
import { appendUpdate, withEntries } from '../attacks/build';
import { pdfLibDocument, pdfsig, testPki } from './helpers';
import {
  metadataRefs,
  modDateAndXmp,
  signWithExtras,
  timestampWithExtras,
  withXmp,
  xmpPacket,
  xmpStream,
  xmpWithIndirectLength,
} from './metadata-fixtures';

const check = (report: ValidationReport, signature: number, id: string) =>
  report.signatures[signature]?.checks.find((c) => c.id === id);

async function firstSigned(useObjectStreams = false): Promise<Uint8Array> {
  const pki = await testPki();
  return signPdf(withXmp(await pdfLibDocument({ useObjectStreams })), pki.sealSigner);
}

describe('metadata changes after signing', () => {
  it.each([
    ['xref table', false],
    ['xref stream, /Info in an object stream', true],
  ])(
    'a second signature with /ModDate and XMP updated in its revision keeps the first TOTAL_PASSED (default policy; %s)',
    async (_name, objectStreams) => {
      const pki = await testPki();
      const signed = await firstSigned(objectStreams);
      const twice = await signWithExtras(signed, pki.personalSigner, modDateAndXmp(signed));
      const report = await validatePdf(twice, pki.policy());
      expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
      expect(report.indication).toBe('TOTAL_PASSED');
      const { info, xmp } = metadataRefs(signed);
      expect(report.signatures[0]?.changesAfterSigning).toContainEqual({
        revision: 3,
        kind: 'metadata',
        permitted: true,
        objects: expect.arrayContaining([`${info.num} 0`, `${xmp.num} 0`]),
      });
      expect(check(report, 0, 'PDF_METADATA_CHANGES')).toMatchObject({ status: 'WARNING' });
      expect(check(report, 0, 'PDF_METADATA_CHANGES')?.message.en).toContain('together with a later signature');
      expect(check(report, 0, 'PDF_POST_SIGN_CHANGES')?.status).toBe('PASSED');
      expect(check(report, 1, 'PDF_METADATA_CHANGES')).toBeUndefined();
    },
  );

  it('an XMP stream rewritten with an indirect /Length (a new number object) is metadata too', async () => {
    const pki = await testPki();
    const signed = await firstSigned();
    const { xmp } = metadataRefs(signed);
    let lengthNum = 0;
    const twice = await signWithExtras(signed, pki.personalSigner, (_file, next) => {
      lengthNum = next();
      const body = xmpPacket('2026-11-26T00:00:00Z');
      return {
        objects: [
          { num: lengthNum, value: body.length },
          { num: xmp.num, value: xmpWithIndirectLength(body, lengthNum) },
        ],
      };
    });
    const report = await validatePdf(twice, pki.policy());
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(report.signatures[0]?.changesAfterSigning.find((c) => c.kind === 'metadata')?.objects).toEqual(
      expect.arrayContaining([`${xmp.num} 0`, `${lengthNum} 0`]),
    );
  });

  it("policy metadataChanges: 'reject' fails the first signature on the same document", async () => {
    const pki = await testPki();
    const signed = await firstSigned();
    const twice = await signWithExtras(signed, pki.personalSigner, modDateAndXmp(signed));
    const report = await validatePdf(twice, pki.policy({ pdf: { metadataChanges: 'reject' } }));
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_FAILED', 'TOTAL_PASSED']);
    expect(check(report, 0, 'PDF_METADATA_CHANGES')).toMatchObject({
      status: 'FAILED',
      subIndication: 'FORMAT_FAILURE',
    });
    expect(check(report, 0, 'PDF_METADATA_CHANGES')?.message.en).toContain("'reject'");
    expect(check(report, 0, 'PDF_POST_SIGN_CHANGES')).toMatchObject({ status: 'FAILED' });
  });

  it('a new /Info object (trailer switched) and a new XMP stream (catalog re-pointed) in the signature revision are metadata', async () => {
    const pki = await testPki();
    const signed = await firstSigned();
    const { infoDict } = metadataRefs(signed);
    let infoNum = 0;
    const twice = await signWithExtras(signed, pki.personalSigner, (_file, next) => {
      infoNum = next();
      const xmp = next();
      return {
        objects: [
          { num: infoNum, value: withEntries(infoDict, { Title: encodeTextString('批复') }) },
          { num: xmp, value: xmpStream('2026-11-26T00:00:00Z') },
        ],
        catalog: { Metadata: new PdfRef(xmp, 0) },
        info: new PdfRef(infoNum, 0),
      };
    });
    const report = await validatePdf(twice, pki.policy());
    expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    const metadata = report.signatures[0]?.changesAfterSigning.find((c) => c.kind === 'metadata');
    expect(metadata?.objects).toEqual(expect.arrayContaining(['catalog /Metadata', 'trailer /Info', `${infoNum} 0`]));
  });

  it('a metadata-only revision without a signature fails the signature by default; a later signature does not bless it', async () => {
    const pki = await testPki();
    const signed = await firstSigned();
    const touched = appendUpdate(signed, (file, next) => modDateAndXmp(signed)(file, next).objects ?? []);
    const report = await validatePdf(touched, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expect(check(report, 0, 'PDF_METADATA_CHANGES')).toMatchObject({ status: 'FAILED' });
    expect(check(report, 0, 'PDF_METADATA_CHANGES')?.message.en).toContain('adds no signature');

    const later = await signPdf(touched, pki.personalSigner);
    const second = await validatePdf(later, pki.policy());
    expect(second.signatures.map((s) => s.indication)).toEqual(['TOTAL_FAILED', 'TOTAL_PASSED']);
    expect(check(second, 0, 'PDF_METADATA_CHANGES')).toMatchObject({ status: 'FAILED' });

    const allowed = await validatePdf(touched, pki.policy({ pdf: { metadataChanges: 'allow' } }));
    expect(allowed.indication).toBe('TOTAL_PASSED');
    expect(check(allowed, 0, 'PDF_METADATA_CHANGES')).toMatchObject({ status: 'WARNING' });
  });

  it('a document time-stamp with /ModDate and XMP updated in its revision keeps the signature TOTAL_PASSED', async () => {
    const pki = await testPki();
    const responder = await pki.tsa.startResponder();
    try {
      const signed = await firstSigned();
      const stamped = await timestampWithExtras(signed, responder.client, modDateAndXmp(signed));
      const report = await validatePdf(stamped, pki.policy());
      expect(report.signatures.map((s) => s.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
      expect(report.signatures[0]?.changesAfterSigning.map((c) => [c.kind, c.permitted])).toEqual(
        expect.arrayContaining([
          ['metadata', true],
          ['doc-timestamp', true],
        ]),
      );
      expect(check(report, 0, 'PDF_METADATA_CHANGES')?.status).toBe('WARNING');
      const strict = await validatePdf(stamped, pki.policy({ pdf: { metadataChanges: 'reject' } }));
      expect(strict.signatures[0]?.indication).toBe('TOTAL_FAILED');
    } finally {
      await responder.close();
    }
  });

  it('pdfsig on the honest two-signature document (information: it does not diff revisions)', async () => {
    const pki = await testPki();
    const signed = await firstSigned();
    const twice = await signWithExtras(signed, pki.personalSigner, modDateAndXmp(signed));
    const blocks = pdfsig(twice);
    expect(blocks).toHaveLength(2);
    expect(blocks.every((b) => b.valid)).toBe(true);
    expect(blocks.map((b) => b.totalDocumentSigned)).toEqual([false, true]);
  });
});
