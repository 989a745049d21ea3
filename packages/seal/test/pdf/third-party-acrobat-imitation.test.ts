// IMITATION, NOT AN ADOBE SAMPLE. Adobe Acrobat cannot run here and no genuine Acrobat-signed PDF is in this
// repository. This test hand-builds revisions with the structural features Acrobat is documented to write when it
// signs (Adobe "Digital Signature Build Dictionary Specification"; ISO 32000-1 §12.8), signed with keys of our test
// PKI, to show the verifier accepts that structure:
// - signature dictionary keys in alphabetical order (/ByteRange before /Contents), /Filter /Adobe.PPKLite,
//   /SubFilter /ETSI.CAdES.detached, /M with a +08'00' offset, /Name, and /Prop_Build with /Filter, /PubSec and /App
//   build data (/REx, /OS, /TrustedMode);
// - a certification signature: /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams
//   << /Type /TransformParams /P 2 /V /1.2 >> /Data <catalog> /DigestMethod /SHA256 >>] and catalog /Perms /DocMDP;
// - an indirect /AcroForm with /SigFlags 3 and /DA + /DR (Helv, ZaDb) added by the signing revision, widgets with
//   /F 132 (print + locked);
// - the signing revision also rewrites the XMP /Metadata stream (same object, new xmp:ModifyDate / MetadataDate)
//   and the /Info /ModDate, as Acrobat does on every signature.
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import { PdfStream, encodeTextString } from '../../src/internal/pdf/objects';
import { type UpdateObject, appendIncrementalUpdate, serialize } from '../../src/internal/pdf/writer';
import { validatePdf } from '../../src/pdf/validate-pdf';
import type { Signer } from '../../src/signer';
import { PdfArray, type PdfDict, PdfRef, dict, firstPage, name, stream, withEntries } from '../attacks/build';
import { expectCaught } from '../attacks/helpers';
import { pdfsig, testPki } from './helpers';
import { BYTE_RANGE, fillPlaceholder } from './metadata-fixtures';
import { appendContentChange } from './third-party-helpers';

const PLACEHOLDER_BYTES = 12_000;

/** `D:YYYYMMDDHHmmSS+08'00'`, as Acrobat writes local time in China. */
function acrobatDate(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `D:${local.slice(0, 19).replace(/[-T:]/g, '')}+08'00'`;
}

/** An XMP packet as Acrobat rewrites it on signing (ModifyDate, MetadataDate, Producer). */
function xmpPacket(date: Date): Uint8Array {
  const iso = `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  return new Uint8Array(
    Buffer.from(
      `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
   <xmp:ModifyDate>${iso}</xmp:ModifyDate>
   <xmp:MetadataDate>${iso}</xmp:MetadataDate>
   <pdf:Producer>pdf-lib</pdf:Producer>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">行政许可决定书</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`,
      'utf8',
    ),
  );
}

/** A one-page document with /Info and an XMP /Metadata stream (classic xref table). */
async function baseDocument(created: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Licence decision (Acrobat-structured imitation)', { x: 72, y: 760, font });
  doc.setTitle('行政许可决定书');
  const metadata = doc.context.stream(xmpPacket(created), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** Updated XMP stream and /Info /ModDate: what Acrobat writes in every revision it saves. */
function metadataUpdate(file: PdfFile, catalog: PdfDict, time: Date): UpdateObject[] {
  const xmp = catalog.get('Metadata') as PdfRef;
  const infoRef = file.last.trailer.get('Info') as PdfRef;
  const info = file.dict(infoRef) as PdfDict;
  return [
    { num: xmp.num, value: new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), xmpPacket(time)) },
    { num: infoRef.num, value: withEntries(info, { ModDate: encodeTextString(acrobatDate(time)) }) },
  ];
}

/** The signature dictionary, keys sorted as Acrobat writes them, with fixed-width placeholders. */
function signatureDictionary(time: Date, signerName: string, certify: 2 | undefined, catalog: PdfRef): string {
  const buildDate = encodeTextString('Jan 10 2026 00:00:00');
  const propBuild = dict({
    App: dict({
      Name: name('Acrobat Pro'),
      OS: new PdfArray([name('Win')]),
      R: 1_638_400,
      REx: encodeTextString('2026.001.00000 (imitation)'),
      TrustedMode: true,
    }),
    Filter: dict({ Date: buildDate, Name: name('Adobe.PPKLite'), R: 131_104, V: 2 }),
    PubSec: dict({ Date: buildDate, NonEFontNoWarn: true, R: 131_105 }),
  });
  const reference = new PdfArray([
    dict({
      Data: catalog,
      DigestMethod: name('SHA256'),
      TransformMethod: name('DocMDP'),
      TransformParams: dict({ P: 2, Type: name('TransformParams'), V: name('1.2') }),
      Type: name('SigRef'),
    }),
  ]);
  return [
    '<<',
    `/ByteRange ${BYTE_RANGE}`,
    `/Contents <${'0'.repeat(PLACEHOLDER_BYTES * 2)}>`,
    '/Filter /Adobe.PPKLite',
    `/Location ${serialize(encodeTextString('湖南省衡阳市'))}`,
    `/M ${serialize(encodeTextString(acrobatDate(time)))}`,
    `/Name ${serialize(encodeTextString(signerName))}`,
    `/Prop_Build ${serialize(propBuild)}`,
    `/Reason ${serialize(encodeTextString(certify ? '我是本文档的作者' : '我同意本文档'))}`,
    certify ? `/Reference ${serialize(reference)}` : '',
    '/SubFilter /ETSI.CAdES.detached',
    '/Type /Sig',
    '>>',
  ].join('');
}

/** One Acrobat-structured signing revision (certification when `certify` is set, else an approval signature). */
async function acrobatStyleSign(
  pdf: Uint8Array,
  options: { signer: Signer; signerName: string; field: string; rect: number[]; time: Date; certify?: 2 },
): Promise<Uint8Array> {
  const file = PdfFile.read(pdf);
  const rootRef = file.last.trailer.get('Root') as PdfRef;
  const catalog = file.dict(rootRef) as PdfDict;
  const page = firstPage(file);
  let next = file.last.trailer.get('Size') as number;
  const [sig, widget, appearance] = [next++, next++, next++];
  const objects: UpdateObject[] = [
    { num: sig, value: { raw: signatureDictionary(options.time, options.signerName, options.certify, rootRef) } },
    {
      num: widget,
      value: dict({
        AP: dict({ N: new PdfRef(appearance, 0) }),
        F: 132,
        FT: name('Sig'),
        P: page.ref,
        Rect: new PdfArray(options.rect),
        Subtype: name('Widget'),
        T: encodeTextString(options.field),
        Type: name('Annot'),
        V: new PdfRef(sig, 0),
      }),
    },
    ...metadataUpdate(file, catalog, options.time),
  ];
  const annots = file.get(page.dict.get('Annots'));
  objects.push({
    num: page.ref.num,
    value: withEntries(page.dict, {
      Annots: new PdfArray([...(annots instanceof PdfArray ? annots.items : []), new PdfRef(widget, 0)]),
    }),
  });
  const formRef = catalog.get('AcroForm');
  let helv: PdfRef;
  if (formRef instanceof PdfRef) {
    const form = file.dict(formRef) as PdfDict;
    helv = ((form.get('DR') as PdfDict).get('Font') as PdfDict).get('Helv') as PdfRef;
    const fields = (form.get('Fields') as PdfArray).items;
    objects.push({
      num: formRef.num,
      value: withEntries(form, { Fields: new PdfArray([...fields, new PdfRef(widget, 0)]) }),
    });
  } else {
    // Acrobat adds an indirect AcroForm with default appearance resources on the first signature.
    const [form, zadb] = [next++, next++];
    helv = new PdfRef(next++, 0);
    const font = (base: string, alias: string) =>
      dict({ BaseFont: name(base), Name: name(alias), Subtype: name('Type1'), Type: name('Font') });
    objects.push(
      { num: helv.num, value: withEntries(font('Helvetica', 'Helv'), { Encoding: name('WinAnsiEncoding') }) },
      { num: zadb, value: font('ZapfDingbats', 'ZaDb') },
      {
        num: form,
        value: dict({
          DA: encodeTextString('/Helv 0 Tf 0 g '),
          DR: dict({ Encoding: dict({}), Font: dict({ Helv: helv, ZaDb: new PdfRef(zadb, 0) }) }),
          Fields: new PdfArray([new PdfRef(widget, 0)]),
          SigFlags: 3,
        }),
      },
    );
    const perms: Record<string, PdfDict> = options.certify ? { Perms: dict({ DocMDP: new PdfRef(sig, 0) }) } : {};
    objects.push({ num: rootRef.num, value: withEntries(catalog, { AcroForm: new PdfRef(form, 0), ...perms }) });
  }
  const [, , x2, y2] = options.rect as [number, number, number, number];
  const [x1, y1] = options.rect as [number, number];
  objects.push({
    num: appearance,
    value: stream(
      `q 0.9 0.1 0.1 RG 2 w 1 1 ${x2 - x1 - 2} ${y2 - y1 - 2} re S Q BT /Helv 9 Tf 6 8 Td (Digitally signed) Tj ET`,
      {
        BBox: new PdfArray([0, 0, x2 - x1, y2 - y1]),
        Resources: dict({ Font: dict({ Helv: helv }) }),
        Subtype: name('Form'),
        Type: name('XObject'),
      },
    ),
  });
  const { bytes, updateStart } = appendIncrementalUpdate(file, objects);
  return fillPlaceholder(bytes, updateStart, PLACEHOLDER_BYTES, options.signer);
}

describe('Acrobat-structured signatures (IMITATION built with our keys, not an Adobe sample)', () => {
  const start = new Date();
  const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

  /** An Acrobat-style approval signature by the EC seal. */
  const approve = async (pdf: Uint8Array, time: Date) =>
    acrobatStyleSign(pdf, {
      signer: (await testPki()).sealSignerEc,
      signerName: '衡阳市行政审批服务局业务专用章',
      field: 'Signature2',
      rect: [40, 60, 280, 140],
      time,
    });

  async function certifiedThenApproved() {
    const pki = await testPki();
    const certified = await acrobatStyleSign(await baseDocument(start), {
      signer: pki.sealSigner,
      signerName: '衡阳市行政审批服务局',
      field: 'Signature1',
      rect: [300, 60, 540, 140],
      time: minutes(1),
      certify: 2,
    });
    const approved = await approve(certified, minutes(2));
    return { pki, certified, approved };
  }

  it('certification (DocMDP P=2) then an approval signature, each revision rewriting XMP and /Info: both pass', async () => {
    const { pki, approved } = await certifiedThenApproved();
    const report = await validatePdf(approved, pki.policy());
    expect(report.signatures.map((s) => [s.id, s.indication])).toEqual([
      ['Signature1', 'TOTAL_PASSED'],
      ['Signature2', 'TOTAL_PASSED'],
    ]);
    const [first, second] = report.signatures;
    expect(first?.checks.find((c) => c.id === 'PDF_DOCMDP')?.status).toBe('PASSED');
    expect(first?.coverage).toMatchObject({ revision: 1, totalRevisions: 3, wholeFile: false });
    expect(first?.changesAfterSigning.map((c) => [c.kind, c.permitted]).sort()).toEqual([
      ['metadata', true],
      ['signature', true],
    ]);
    expect(first?.checks.find((c) => c.id === 'PDF_METADATA_CHANGES')?.status).toBe('WARNING');
    expect(second?.coverage).toMatchObject({ revision: 2, wholeFile: true });
    expect(second?.changesAfterSigning).toEqual([]);
    expect(second?.signer?.subject).toContain('衡阳市行政审批服务局业务专用章');
    expect(pdfsig(approved).map((b) => [b.valid, b.totalDocumentSigned])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('a later Acrobat-style metadata save without a signature fails the signatures before it', async () => {
    const { pki, approved } = await certifiedThenApproved();
    const file = PdfFile.read(approved);
    const saved = appendIncrementalUpdate(
      file,
      metadataUpdate(file, file.dict(file.last.trailer.get('Root')) as PdfDict, minutes(3)),
    ).bytes;
    const report = await validatePdf(saved, pki.policy());
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    for (const signature of report.signatures) expect(signature.indication).not.toBe('TOTAL_PASSED');
  });

  it('a page content change between the certification and a later Acrobat-style signature → PDF_POST_SIGN_CHANGES, PDF_DOCMDP', async () => {
    const { pki, certified } = await certifiedThenApproved();
    const signedAgain = await approve(appendContentChange(certified, 'REVOKED'), minutes(3));
    const report = await validatePdf(signedAgain, pki.policy());
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
    expectCaught(report, 'PDF_DOCMDP');
    expect(report.signatures[0]?.indication).not.toBe('TOTAL_PASSED');
  });
});
