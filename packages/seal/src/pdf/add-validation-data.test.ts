import { describe, expect, it } from 'vitest';
import { pdfLibDocument, pdfsig, testPki } from '../../test/pdf/helpers';
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
});
