import { describe, expect, it } from 'vitest';
import { inspectPdfSignatures } from '../../src/pdf/inspect-pdf-signatures';
import { signPdf } from '../../src/pdf/sign-pdf';
import { opensslCmsVerify, pdfsig, qpdfCheck, sampleDocuments, testPki } from './helpers';

describe('signPdf interop (pdfsig, openssl cms, qpdf)', async () => {
  const documents = await sampleDocuments();
  for (const { name, pdf } of documents) {
    it(`two signatures on ${name}: pdfsig valid, openssl accepts the CMS, qpdf --check passes`, async () => {
      const pki = await testPki();
      const once = await signPdf(pdf, pki.sealSigner, { reason: '电子证照签发', location: '衡阳市' });
      expect(once.subarray(0, pdf.length)).toEqual(pdf);
      const twice = await signPdf(once, pki.sealSignerEc, { appearance: { page: 0, rect: [400, 60, 119, 119] } });
      expect(twice.subarray(0, once.length)).toEqual(once);

      const blocks = pdfsig(twice);
      expect(blocks).toHaveLength(2);
      for (const block of blocks) expect(block.valid, block.text).toBe(true);
      expect(blocks[0]?.totalDocumentSigned).toBe(false);
      expect(blocks[1]?.totalDocumentSigned, blocks[1]?.text).toBe(true);
      expect(blocks[0]?.text).toContain('衡阳市行政审批服务局');

      const infos = inspectPdfSignatures(twice);
      expect(infos.map((info) => [info.fieldName, info.subFilter, info.wholeFile])).toEqual([
        ['Signature1', 'ETSI.CAdES.detached', false],
        ['Signature2', 'ETSI.CAdES.detached', true],
      ]);
      expect(infos[0]?.reason).toBe('电子证照签发');
      for (const info of infos) {
        const verdict = opensslCmsVerify(twice, info.byteRange!, info.cms!, pki.rootCertificate.pem);
        expect(verdict.ok, verdict.output).toBe(true);
      }
      const check = qpdfCheck(twice);
      expect(check.output).toContain('No syntax or stream encoding errors found');
      expect(check.status).toBe(0);
    });
  }
});
