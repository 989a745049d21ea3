import { describe, expect, it } from 'vitest';
import { pdfLibDocument, pdfsig, testPki } from '../../test/pdf/helpers';
import { createTimestampClient } from '../internal/tsp/create-timestamp-client';
import { addDocumentTimestamp } from './add-document-timestamp';
import { addValidationData } from './add-validation-data';
import { signPdf } from './sign-pdf';
import { validatePdf } from './validate-pdf';

describe('addValidationData', () => {
  it('adds a DSS update that keeps the signature valid and supplies the intermediate and CRLs to validation', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const offline = pki.policy({ intermediates: [], revocation: { mode: 'require' } });
    expect((await validatePdf(signed, offline)).indication).not.toBe('TOTAL_PASSED');

    const lt = await addValidationData(signed, {
      certificates: [pki.intermediateCertificate.der],
      crls: [pki.crl.der, pki.rootCrl.der],
    });
    expect(lt.subarray(0, signed.length)).toEqual(signed);
    const report = await validatePdf(lt, offline);
    expect(report.signatures[0]?.changesAfterSigning).toEqual([
      expect.objectContaining({ kind: 'dss', permitted: true }),
    ]);
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(pdfsig(lt)[0]?.valid).toBe(true);

    // A second DSS update merges with the first.
    const again = await addValidationData(lt, { certificates: [pki.rootCertificate.der] });
    expect((await validatePdf(again, offline)).indication).toBe('TOTAL_PASSED');
  });

  it('rejects empty or non-DER data with ERR_SEAL_INPUT_INVALID', async () => {
    const pdf = await pdfLibDocument();
    await expect(addValidationData(pdf, { certificates: [] })).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('no certificate and no CRL'),
    });
    await expect(addValidationData(pdf, { certificates: ['pem' as never] })).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('DER bytes'),
    });
  });

  it('reports B-LT after a DSS update and B-LTA after a document time-stamp over it', async () => {
    const pki = await testPki();
    const responder = await pki.tsa.startResponder();
    try {
      const tsa = createTimestampClient({ url: responder.url });
      const signed = await signPdf(await pdfLibDocument(), pki.sealSigner, { tsa });
      expect((await validatePdf(signed, pki.policy())).signatures[0]?.level).toBe('B-T');
      const lt = await addValidationData(signed, {
        certificates: [pki.intermediateCertificate.der, pki.tsa.certificate.der],
        crls: [pki.crl.der, pki.rootCrl.der],
      });
      const ltReport = await validatePdf(lt, pki.policy());
      expect(ltReport.signatures[0]?.level).toBe('B-LT');
      expect(ltReport.signatures[0]?.checks.find((c) => c.id === 'LT_DATA_COMPLETE')?.status).toBe('PASSED');
      const lta = await addDocumentTimestamp(lt, tsa);
      const ltaReport = await validatePdf(lta, pki.policy());
      expect(ltaReport.signatures.map((s) => s.level)).toEqual(['B-LTA', 'NONE']);
      expect(ltaReport.indication).toBe('TOTAL_PASSED');
    } finally {
      await responder.close();
    }
  });
});
