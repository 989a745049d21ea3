// PDFs signed by real third-party products: iText 5.5.13.3 (PdfStamper.createSignature + MakeSignature.signDetached,
// CMS and CAdES) and Apache PDFBox 2.0.27 (addSignature + saveIncremental, BouncyCastle 1.72 CMSSignedDataGenerator).
// The files were made by ../fixtures/third-party/generate.sh and are committed, so these tests need no Java; see
// ../fixtures/third-party/SOURCES.md. Each is validated against the committed public trust anchor at a fixed
// validation time, compared with pdfsig, then tampered with (a flipped byte, an appended content change).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../src/internal/asn1/certificate';
import { decodePemBlocks } from '../../src/internal/asn1/input';
import { parseSignedData } from '../../src/internal/cms/parse-signed-data';
import { inspectPdfSignatures } from '../../src/pdf/inspect-pdf-signatures';
import { validatePdf } from '../../src/pdf/validate-pdf';
import type { Change, SignatureReport } from '../../src/report';
import type { TrustPolicy } from '../../src/types';
import { PdfArray, PdfRef, appendUpdate, dict, firstPage, name, withEntries } from '../attacks/build';
import { expectCaught } from '../attacks/helpers';
import { pdfsig } from './helpers';
import { appendContentChange } from './third-party-helpers';

const fixture = (file: string) => new URL(`../fixtures/third-party/${file}`, import.meta.url);
const pem = (file: string) => readFileSync(fixture(file), 'utf8');
const pdf = (file: string) => new Uint8Array(readFileSync(fixture(file)));
const pki = JSON.parse(pem('pki.json')) as {
  generatedAt: string;
  validationTime: string;
  signers: { 'seal-rsa': string; 'seal-ec': string; 'seal-revoked': string };
};
const [intermediateDer] = decodePemBlocks(pem('intermediate.pem'), ['CERTIFICATE']);
const intermediate = parseCertificate(intermediateDer!);

/** The committed anchor, intermediate and CRLs, validated at a fixed time inside the certificates' and CRLs' validity. */
const policy = (overrides: Partial<TrustPolicy> = {}): TrustPolicy => ({
  trustAnchors: [pem('root.pem')],
  intermediates: [pem('intermediate.pem')],
  revocation: { crls: [pem('intermediate.crl.pem'), pem('root.crl.pem')], mode: 'require' },
  validationTime: new Date(pki.validationTime),
  ...overrides,
});

type Key = 'seal-rsa' | 'seal-ec';
const commonName: Record<Key, string> = {
  'seal-rsa': '衡阳市行政审批服务局电子印章',
  'seal-ec': '衡阳市行政审批服务局业务专用章',
};

interface Expected {
  id: string;
  key: Key;
  subFilter: 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached';
  revision: number;
  wholeFile: boolean;
  /** Kinds of the changes after signing, each permitted. */
  changes: Change['kind'][];
  /** Checks that are WARNING for this product (everything else PASSED, NOT_APPLICABLE or INFO). */
  warnings: string[];
  certification?: number;
}

// CMS-mode iText and PDFBox/BouncyCastle put no ESS signing-certificate(-v2) attribute in the CMS: a WARNING, as
// for any adbe.pkcs7.detached signature without it (the certificate is still bound by issuer + serial).
const NO_ESS = ['CMS_SIGNING_CERT_V2'];
const CMS = 'adbe.pkcs7.detached';
const CADES = 'ETSI.CAdES.detached';
/** One expected signature; `last` ones cover the whole file and have no later changes. */
const last = (id: string, key: Key, subFilter: Expected['subFilter'], revision: number, warnings: string[] = []) =>
  ({ id, key, subFilter, revision, wholeFile: true, changes: [], warnings }) satisfies Expected;
/** Our signPdf signature (zwfw-signed.pdf) under a third-party one, with what that product changed after it. */
const zwfwUnder = (changes: Change['kind'][]): Expected => ({
  id: 'Signature1',
  key: 'seal-ec',
  subFilter: CADES,
  revision: 1,
  wholeFile: false,
  changes,
  warnings: changes.includes('metadata') ? ['PDF_METADATA_CHANGES'] : [],
});
const fixtures: Record<string, { producer: string; totalRevisions: number; signatures: Expected[] }> = {
  'itext-cms-invisible.pdf': {
    producer: 'iText 5 (full rewrite)',
    totalRevisions: 1,
    signatures: [last('iTextCms', 'seal-rsa', CMS, 0, NO_ESS)],
  },
  'itext-cades-visible.pdf': {
    producer: 'iText 5',
    totalRevisions: 2,
    signatures: [last('iTextCades', 'seal-ec', CADES, 1)],
  },
  'itext-cades-timestamped.pdf': {
    producer: 'iText 5 with TSAClientBouncyCastle',
    totalRevisions: 2,
    signatures: [last('iTextTimestamped', 'seal-rsa', CADES, 1)],
  },
  'itext-cms-crl.pdf': {
    producer: 'iText 5 with CrlClientOffline',
    totalRevisions: 2,
    signatures: [last('iTextCrl', 'seal-ec', CMS, 1, NO_ESS)],
  },
  'itext-certified.pdf': {
    producer: 'iText 5',
    totalRevisions: 2,
    signatures: [{ ...last('iTextCertified', 'seal-rsa', CADES, 1), certification: 2 }],
  },
  'itext-two-signatures.pdf': {
    producer: 'iText 5, twice',
    totalRevisions: 3,
    signatures: [
      {
        ...last('iTextFirst', 'seal-rsa', CADES, 1, ['PDF_METADATA_CHANGES']),
        wholeFile: false,
        changes: ['metadata', 'signature'],
      },
      last('iTextSecond', 'seal-ec', CMS, 2, NO_ESS),
    ],
  },
  'itext-over-zwfw.pdf': {
    producer: 'signPdf, then iText 5',
    totalRevisions: 3,
    signatures: [zwfwUnder(['metadata', 'signature']), last('iTextOverZwfw', 'seal-rsa', CADES, 2)],
  },
  'pdfbox-invisible.pdf': {
    producer: 'PDFBox 2',
    totalRevisions: 2,
    signatures: [last('Signature1', 'seal-rsa', CMS, 1, NO_ESS)],
  },
  'pdfbox-visible.pdf': {
    producer: 'PDFBox 2',
    totalRevisions: 2,
    signatures: [last('Signature1', 'seal-ec', CMS, 1, NO_ESS)],
  },
  'pdfbox-over-zwfw.pdf': {
    producer: 'signPdf, then PDFBox 2',
    totalRevisions: 3,
    // PDFBox's incremental save leaves /Info and the catalog's other keys alone.
    signatures: [zwfwUnder(['signature']), last('Signature2', 'seal-rsa', CMS, 2, NO_ESS)],
  },
};

const notPassed = (s: SignatureReport) =>
  s.checks.filter((c) => !['PASSED', 'NOT_APPLICABLE', 'INFO'].includes(c.status)).map((c) => `${c.id}:${c.status}`);

/** Flips one byte of the signed part (inside the last signature's own revision, so earlier ones stay intact). */
function flipSignedByte(bytes: Uint8Array): Uint8Array {
  const info = inspectPdfSignatures(bytes).at(-1)!;
  const [, b] = info.byteRange!;
  // The `/M(D:2026...` date of the last signature dictionary: a digit, so the file still parses the same way.
  const text = Buffer.from(bytes.subarray(0, b)).toString('latin1');
  const at = text.lastIndexOf('(D:20') + 4;
  const out = bytes.slice();
  out[at] = out[at] === 0x30 ? 0x31 : 0x30;
  return out;
}

describe('PDFs signed by iText 5 and PDFBox 2 (committed fixtures)', () => {
  for (const [file, expected] of Object.entries(fixtures)) {
    describe(`${file} (${expected.producer})`, () => {
      const bytes = pdf(file);

      it('validates TOTAL_PASSED with the Chinese signer name, coverage and later changes right', async () => {
        const report = await validatePdf(bytes, policy());
        expect(report.signatures.map((s) => s.id)).toEqual(expected.signatures.map((s) => s.id));
        expect(report.indication).toBe('TOTAL_PASSED');
        const inspected = inspectPdfSignatures(bytes);
        expected.signatures.forEach((want, i) => {
          const got = report.signatures[i]!;
          expect(got.indication, `${want.id}: ${notPassed(got).join(', ')}`).toBe('TOTAL_PASSED');
          expect(
            notPassed(got)
              .map((c) => c.split(':')[0])
              .sort(),
          ).toEqual([...want.warnings].sort());
          expect(got.signer?.subject).toBe(
            `CN=${commonName[want.key]}, O=衡阳市行政审批服务局, L=衡阳市, ST=湖南省, C=CN`,
          );
          expect(got.signer?.issuer).toContain('CN=衡阳测试电子印章中级证书');
          expect(got.signer?.serialHex).toBe(pki.signers[want.key]);
          expect(got.coverage).toMatchObject({
            revision: want.revision,
            totalRevisions: expected.totalRevisions,
            wholeFile: want.wholeFile,
          });
          expect(got.changesAfterSigning.map((c) => c.kind).sort()).toEqual(want.changes);
          expect(got.changesAfterSigning.every((c) => c.permitted)).toBe(true);
          const time = got.claimedSigningTime?.getTime() ?? 0;
          expect(time).toBeGreaterThanOrEqual(new Date(pki.generatedAt).getTime());
          expect(time).toBeLessThan(new Date(pki.validationTime).getTime());

          const info = inspected[i]!;
          expect(info.subFilter).toBe(want.subFilter);
          expect(info.certification).toBe(want.certification);
          if (!(i === 0 && file.endsWith('-over-zwfw.pdf'))) {
            // iText and PDFBox write these as UTF-16BE text strings.
            expect([info.reason, info.location]).toEqual(['审批通过', '湖南省衡阳市']);
            if (file.startsWith('pdfbox')) expect(info.signerName).toBe('衡阳市行政审批服务局');
          }
          // The issuer in the SignerInfo is byte-for-byte the certificate's (no re-encoded Chinese names), and
          // the intermediate certificate travels in the CMS unchanged.
          const cms = parseSignedData(info.cms!);
          const sid = cms.signerInfos[0]!.sid;
          expect(sid.kind).toBe('issuerSerial');
          if (sid.kind === 'issuerSerial')
            expect(Buffer.from(sid.issuerDer)).toEqual(Buffer.from(intermediate.subjectDer));
          expect(cms.certificates.some((c) => Buffer.from(c).equals(Buffer.from(intermediateDer!)))).toBe(true);
        });
        if (expected.signatures[0]?.certification !== undefined)
          expect(report.signatures[0]?.checks.find((c) => c.id === 'PDF_DOCMDP')?.status).toBe('PASSED');
      });

      it('pdfsig agrees: every signature valid, the last one covering the whole file, Chinese name intact', () => {
        const blocks = pdfsig(bytes);
        expect(blocks.map((b) => b.valid)).toEqual(expected.signatures.map(() => true));
        expect(blocks.map((b) => b.totalDocumentSigned)).toEqual(expected.signatures.map((s) => s.wholeFile));
        expect(blocks.map((b) => b.commonName)).toEqual(expected.signatures.map((s) => commonName[s.key]));
      });

      it('a flipped byte in the last signed revision → CMS_MESSAGE_DIGEST; earlier signatures unaffected', async () => {
        const tampered = flipSignedByte(bytes);
        const report = await validatePdf(tampered, policy());
        expectCaught(report, 'CMS_MESSAGE_DIGEST');
        const last = report.signatures.at(-1)!;
        expect(last.indication).toBe('TOTAL_FAILED');
        expect(last.subIndication).toBe('HASH_FAILURE');
        for (const earlier of report.signatures.slice(0, -1)) expect(earlier.indication).toBe('TOTAL_PASSED');
        expect(pdfsig(tampered).at(-1)?.valid).toBe(false);
      });

      it('an appended incremental content change → PDF_POST_SIGN_CHANGES for every signature', async () => {
        const tampered = appendContentChange(bytes);
        const report = await validatePdf(tampered, policy());
        expectCaught(report, 'PDF_POST_SIGN_CHANGES');
        for (const signature of report.signatures) {
          expect(signature.indication).not.toBe('TOTAL_PASSED');
          expect(signature.coverage?.wholeFile).toBe(false);
          expect(signature.changesAfterSigning).toContainEqual(
            expect.objectContaining({ revision: expected.totalRevisions, kind: 'content', permitted: false }),
          );
        }
      });
    });
  }

  it("iText's signature time-stamp (B-T): our test TSA's token, validated, gives the best signature time", async () => {
    const report = await validatePdf(pdf('itext-cades-timestamped.pdf'), policy());
    const [signature] = report.signatures;
    expect(signature?.level).toBe('B-T');
    expect(signature?.checks.find((c) => c.id === 'TS_TOKEN_VALID')?.status).toBe('PASSED');
    expect(signature?.checks.find((c) => c.id === 'TS_ORDER')?.status).toBe('PASSED');
    const time = signature?.bestSignatureTime?.getTime() ?? 0;
    expect(time).toBeGreaterThanOrEqual(new Date(pki.generatedAt).getTime());
    expect(time).toBeLessThan(new Date(pki.validationTime).getTime());
  });

  it('uses the CRLs iText embeds (adbe-revocationInfoArchival) when the policy supplies none', async () => {
    const noCrls = policy({ revocation: { mode: 'require' } });
    const embedded = await validatePdf(pdf('itext-cms-crl.pdf'), noCrls);
    expect(embedded.indication).toBe('TOTAL_PASSED');
    expect(embedded.signatures[0]?.checks.find((c) => c.id === 'CERT_REVOCATION')?.status).toBe('PASSED');
    // Without embedded revocation data the same policy cannot decide.
    const without = await validatePdf(pdf('itext-cms-invisible.pdf'), noCrls);
    expect([without.indication, without.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('a revoked seal signed by iText → REVOKED, from the CRL embedded by iText or supplied by the policy', async () => {
    const revoked = pdf('itext-cms-revoked.pdf');
    for (const report of [
      await validatePdf(revoked, policy()),
      await validatePdf(revoked, policy({ revocation: { mode: 'require' } })),
    ]) {
      expectCaught(report, 'CERT_REVOCATION');
      expect([report.indication, report.subIndication]).toEqual(['TOTAL_FAILED', 'REVOKED']);
      expect(report.signatures[0]?.signer?.serialHex).toBe(pki.signers['seal-revoked']);
    }
    // pdfsig -nocert checks the signature value only: it calls this signature valid.
    expect(pdfsig(revoked)[0]?.valid).toBe(true);
  });

  it('the iText certification (DocMDP P=2) rejects an annotation added later → PDF_DOCMDP', async () => {
    const certified = pdf('itext-certified.pdf');
    const annotated = appendUpdate(certified, (file, next) => {
      const page = firstPage(file);
      const note = next();
      const annots = file.get(page.dict.get('Annots'));
      const items = annots instanceof PdfArray ? annots.items : [];
      return [
        {
          num: note,
          value: dict({
            Type: name('Annot'),
            Subtype: name('Square'),
            Rect: new PdfArray([72, 600, 300, 700]),
            P: page.ref,
          }),
        },
        { num: page.ref.num, value: withEntries(page.dict, { Annots: new PdfArray([...items, new PdfRef(note, 0)]) }) },
      ];
    });
    const report = await validatePdf(annotated, policy());
    expectCaught(report, 'PDF_DOCMDP');
    expect(report.signatures[0]?.changesAfterSigning).toContainEqual(
      expect.objectContaining({ revision: 2, kind: 'annotation', permitted: false }),
    );
  });
});
