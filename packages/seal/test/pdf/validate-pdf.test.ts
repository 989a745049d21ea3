import { describe, expect, it } from 'vitest';
import { isSealVerificationError } from '../../src/pdf/seal-verification-error';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { verifyPdf } from '../../src/pdf/verify-pdf';
import { inspectPdfSignatures } from '../../src/pdf/inspect-pdf-signatures';
import { opensslCmsSign, pdfLibDocument, sampleDocuments, testPki } from './helpers';
import { appendSignature } from '../../src/internal/pdf/signature-update';
import { PdfFile } from '../../src/internal/pdf/pdf-file';

const statusOf = (checks: Array<{ id: string; status: string }>, id: string) => checks.find((c) => c.id === id)?.status;

describe('validatePdf', async () => {
  const documents = await sampleDocuments();
  for (const { name, pdf } of documents) {
    it(`passes two sequential signatures on ${name}`, async () => {
      const pki = await testPki();
      const once = await signPdf(pdf, pki.sealSigner, { reason: '审批' });
      const twice = await signPdf(once, pki.sealSignerEc, { appearance: { page: 0, rect: [400, 60, 119, 119] } });
      const report = await validatePdf(twice, pki.policy());
      expect(report.signatures.map((s) => [s.id, s.indication])).toEqual([
        ['Signature1', 'TOTAL_PASSED'],
        ['Signature2', 'TOTAL_PASSED'],
      ]);
      expect(report.indication).toBe('TOTAL_PASSED');
      const [first, second] = report.signatures;
      expect(first?.coverage).toMatchObject({ revision: 1, totalRevisions: 3, wholeFile: false });
      expect(first?.changesAfterSigning).toEqual([
        expect.objectContaining({ revision: 2, kind: 'signature', permitted: true }),
      ]);
      expect(second?.coverage?.wholeFile).toBe(true);
      expect(first?.signer?.subject).toContain('衡阳市行政审批服务局');
      expect(first?.level).toBe('B-B');
    });
  }

  it('is TOTAL_FAILED with SIGNED_DATA_NOT_FOUND for an unsigned PDF', async () => {
    const pki = await testPki();
    const report = await validatePdf(await pdfLibDocument(), pki.policy());
    expect(report).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIGNED_DATA_NOT_FOUND',
      signatures: [],
    });
    expect(statusOf(report.document, 'PDF_SIGNATURE_PRESENT')).toBe('FAILED');
  });

  it('never throws on garbage, truncation or non-bytes', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    for (const input of [
      new Uint8Array(0),
      new TextEncoder().encode('%PDF-1.7\n garbage'),
      signed.subarray(0, signed.length / 2),
      'not bytes' as unknown as Uint8Array,
    ]) {
      const report = await validatePdf(input, pki.policy());
      expect(report.indication).toBe('TOTAL_FAILED');
    }
  });

  it('reports an untrusted signer as not passed (CERT_CHAIN)', async () => {
    const pki = await testPki();
    const other = await (await import('../../src/testing/create-test-pki')).createTestPki();
    const signed = await signPdf(await pdfLibDocument(), other.sealSigner);
    const report = await validatePdf(signed, pki.policy());
    expect(report.indication).not.toBe('TOTAL_PASSED');
    expect(statusOf(report.signatures[0]?.checks ?? [], 'CERT_CHAIN')).not.toBe('PASSED');
  });

  it('validates a PDF whose CMS was built by openssl cms -sign (adbe.pkcs7.detached and ETSI.CAdES.detached)', async () => {
    const pki = await testPki();
    const chain = `${pki.sealSigner.testCertificate.pem}`;
    for (const subFilter of ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const) {
      const pdf = await pdfLibDocument();
      const signed = await appendSignature(
        PdfFile.read(pdf),
        { type: 'Sig', subFilter, placeholderBytes: 8192 },
        async (content) =>
          opensslCmsSign(
            content,
            chain,
            pki.sealSigner.privateKeyPem,
            subFilter === 'ETSI.CAdES.detached' ? ['-cades'] : [],
          ),
      );
      const report = await validatePdf(signed, pki.policy());
      expect(report.signatures[0]?.checks.filter((c) => c.status === 'FAILED')).toEqual([]);
      expect(statusOf(report.signatures[0]?.checks ?? [], 'CMS_MESSAGE_DIGEST')).toBe('PASSED');
      expect(statusOf(report.signatures[0]?.checks ?? [], 'CMS_SIGNATURE_VALUE')).toBe('PASSED');
      expect(report.signatures[0]?.signer?.subject).toContain('衡阳市行政审批服务局');
    }
  });

  it('verifyPdf throws SealVerificationError with the report unless TOTAL_PASSED', async () => {
    const pki = await testPki();
    const unsigned = await pdfLibDocument();
    const error = await verifyPdf(unsigned, pki.policy()).catch((e: unknown) => e);
    expect(isSealVerificationError(error)).toBe(true);
    if (!isSealVerificationError(error)) return;
    expect(error.code).toBe('ERR_SEAL_VERIFICATION_FAILED');
    expect(error.message).toContain('TOTAL_FAILED / SIGNED_DATA_NOT_FOUND');
    expect(error.report.indication).toBe('TOTAL_FAILED');
    const signed = await signPdf(unsigned, pki.sealSigner);
    await expect(verifyPdf(signed, pki.policy())).resolves.toMatchObject({ indication: 'TOTAL_PASSED' });
    expect(inspectPdfSignatures(signed)).toHaveLength(1);
  });
});
