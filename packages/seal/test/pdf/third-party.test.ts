// PDFs signed by other products: mutool sign (MuPDF 1.21's own signer, adbe.pkcs7.detached with SHA-1) and poppler's
// `pdfsig -add-signature` (NSS, its own incremental writer) on top of our signature. openssl-built CMS is covered
// in validate-pdf.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { exportPkcs12, pdfLibDocument, pdfsig, testPki } from './helpers';

/** A one-page PDF with an empty signature field (object number returned), as mutool sign requires. */
async function withEmptySignatureField(): Promise<{ pdf: Uint8Array; field: number }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('signed by mutool', { x: 72, y: 760 });
  const widget = doc.context.register(
    doc.context.obj({
      FT: 'Sig',
      Type: 'Annot',
      Subtype: 'Widget',
      Rect: [0, 0, 0, 0],
      T: PDFString.of('Sig1'),
      F: 4,
      P: page.ref,
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([widget]));
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [widget], SigFlags: 3 }));
  return { pdf: await doc.save({ useObjectStreams: false }), field: widget.objectNumber };
}

describe('PDFs signed by other products', () => {
  it('validates a PDF signed by mutool sign, and keeps it valid after our second signature', async () => {
    const pki = await testPki();
    const { pdf, field } = await withEmptySignatureField();
    const dir = mkdtempSync(join(tmpdir(), 'seal-mutool-'));
    let signed: Uint8Array;
    try {
      const p12 = exportPkcs12(dir, pki.sealSigner, pki.intermediateCertificate.pem);
      writeFileSync(join(dir, 'in.pdf'), pdf);
      execFileSync(
        'mutool',
        ['sign', '-s', p12, '-P', 'test', '-o', join(dir, 'out.pdf'), join(dir, 'in.pdf'), String(field)],
        { stdio: 'pipe', timeout: 30_000 },
      );
      signed = new Uint8Array(readFileSync(join(dir, 'out.pdf')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(pdfsig(signed)[0]?.valid).toBe(true);
    const report = await validatePdf(signed, pki.policy());
    const [signature] = report.signatures;
    expect(signature?.id).toBe('Sig1');
    // MuPDF 1.21 signs with SHA-1: read correctly, crypto verified, and rejected by the algorithm policy only.
    expect(signature?.checks.filter((c) => c.status === 'FAILED').map((c) => [c.id, c.message.en])).toEqual([
      ['CRYPTO_ALG_ALLOWED', 'weak digest SHA1'],
    ]);
    for (const id of [
      'PDF_BYTERANGE_SHAPE',
      'PDF_BYTERANGE_GAP',
      'PDF_CONTENTS_DER',
      'PDF_POST_SIGN_CHANGES',
      'CMS_MESSAGE_DIGEST',
      'CMS_SIGNATURE_VALUE',
      'CERT_CHAIN',
    ]) {
      expect(signature?.checks.find((c) => c.id === id)?.status, id).toBe('PASSED');
    }
    expect(signature?.indication).not.toBe('TOTAL_PASSED');
    expect(signature?.coverage?.wholeFile).toBe(true);
    expect(signature?.signer?.subject).toContain('衡阳市行政审批服务局');

    const twice = await signPdf(signed, pki.sealSignerEc);
    const after = await validatePdf(twice, pki.policy());
    expect(after.signatures.map((s) => s.id)).toEqual(['Sig1', 'Signature1']);
    expect(after.signatures[0]?.changesAfterSigning.map((c) => [c.kind, c.permitted])).toEqual([['signature', true]]);
    expect(after.signatures[1]?.indication).toBe('TOTAL_PASSED');
    expect(pdfsig(twice).map((b) => b.valid)).toEqual([true, true]);
  });

  it("keeps our signature valid under a second signature added by poppler's pdfsig -add-signature", async () => {
    const pki = await testPki();
    const ours = await signPdf(await pdfLibDocument(), pki.sealSignerEc, {
      appearance: { page: 0, rect: [400, 60, 119, 119] },
    });
    const dir = mkdtempSync(join(tmpdir(), 'seal-nss-'));
    let twice: Uint8Array;
    try {
      const nss = join(dir, 'nss');
      execFileSync('mkdir', [nss]);
      execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], { stdio: 'pipe' });
      // poppler 22.12 signs with RSA keys only ("unable update signature" with P-256).
      const p12 = exportPkcs12(dir, pki.sealSigner, pki.intermediateCertificate.pem);
      execFileSync('pk12util', ['-i', p12, '-d', `sql:${nss}`, '-W', 'test'], { stdio: 'pipe' });
      writeFileSync(join(dir, 'in.pdf'), ours);
      execFileSync(
        'pdfsig',
        [
          '-add-signature',
          '-nssdir',
          `sql:${nss}`,
          '-nick',
          'signer',
          '-reason',
          'approval',
          join(dir, 'in.pdf'),
          join(dir, 'out.pdf'),
        ],
        { stdio: 'pipe', timeout: 30_000 },
      );
      twice = new Uint8Array(readFileSync(join(dir, 'out.pdf')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(twice.subarray(0, ours.length)).toEqual(ours);
    expect(pdfsig(twice).map((b) => b.valid)).toEqual([true, true]);
    const report = await validatePdf(twice, pki.policy());
    expect(report.signatures[0]?.changesAfterSigning.map((c) => [c.kind, c.permitted])).toEqual([['signature', true]]);
    expect(report.signatures[0]?.indication).toBe('TOTAL_PASSED');
    const poppler = report.signatures[1];
    expect(poppler?.coverage?.wholeFile).toBe(true);
    for (const id of [
      'PDF_BYTERANGE_GAP',
      'PDF_CONTENTS_DER',
      'CMS_MESSAGE_DIGEST',
      'CMS_SIGNATURE_VALUE',
      'CERT_CHAIN',
    ]) {
      expect(poppler?.checks.find((c) => c.id === id)?.status, id).toBe('PASSED');
    }
    expect(poppler?.signer?.subject).toContain('衡阳市行政审批服务局');
  });
});
