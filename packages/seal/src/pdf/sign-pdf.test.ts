import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimestampClient } from '../internal/tsp/create-timestamp-client';
import { createTestPki } from '../testing/create-test-pki';
import type { TestPki } from '../testing/create-test-pki';
import type { TimestampResponder } from '../testing/timestamp-responder';
import { pdfLibDocument, pdfsig } from '../../test/pdf/helpers';
import { addDocumentTimestamp } from './add-document-timestamp';
import { inspectPdfSignatures } from './inspect-pdf-signatures';
import { signPdf } from './sign-pdf';
import { validatePdf } from './validate-pdf';

let pki: TestPki;
let responder: TimestampResponder;
beforeAll(async () => {
  pki = await createTestPki();
  responder = await pki.tsa.startResponder();
});
afterAll(async () => {
  await responder.close();
});

const check = (report: Awaited<ReturnType<typeof validatePdf>>, index: number, id: string) =>
  report.signatures[index]?.checks.find((c) => c.id === id)?.status;

describe('signPdf', () => {
  it('rejects bad arguments with ERR_SEAL_INPUT_INVALID', async () => {
    const pdf = await pdfLibDocument();
    await expect(signPdf('x' as unknown as Uint8Array, pki.sealSigner)).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('pdf must be a Uint8Array or ArrayBuffer, got string(1 chars)'),
    });
    await expect(signPdf(pdf, {} as never)).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('createSoftwareSigner'),
    });
    await expect(signPdf(pdf, pki.sealSigner, { certify: 4 as never })).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('certify must be 1, 2 or 3'),
    });
    await expect(signPdf(pdf, pki.sealSigner, { appearance: { rect: [0, 0, -1, 10] } })).rejects.toMatchObject({
      code: 'ERR_SEAL_INPUT_INVALID',
      message: expect.stringContaining('appearance.rect'),
    });
    await expect(signPdf(pdf, pki.sealSigner, { appearance: { page: 3, rect: [0, 0, 10, 10] } })).rejects.toMatchObject(
      {
        code: 'ERR_SEAL_PDF_UNSUPPORTED',
        message: expect.stringContaining('page 3 does not exist (the document has 1 pages)'),
      },
    );
  });

  it('rejects a non-PDF and an encrypted PDF with ERR_SEAL_PDF_UNSUPPORTED', async () => {
    await expect(signPdf(new TextEncoder().encode('hello'), pki.sealSigner)).rejects.toMatchObject({
      code: 'ERR_SEAL_PDF_UNSUPPORTED',
      message: expect.stringContaining('no %PDF- header'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'seal-enc-'));
    try {
      writeFileSync(join(dir, 'in.pdf'), await pdfLibDocument());
      execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
      const encrypted = new Uint8Array(readFileSync(join(dir, 'out.pdf')));
      await expect(signPdf(encrypted, pki.sealSigner)).rejects.toMatchObject({
        code: 'ERR_SEAL_PDF_UNSUPPORTED',
        message: expect.stringContaining('encrypted'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws ERR_SEAL_PLACEHOLDER_TOO_SMALL for an explicit placeholder that cannot hold the CMS', async () => {
    await expect(signPdf(await pdfLibDocument(), pki.sealSigner, { placeholderBytes: 512 })).rejects.toMatchObject({
      code: 'ERR_SEAL_PLACEHOLDER_TOO_SMALL',
      message: expect.stringMatching(/needs \d+ bytes but the placeholder has 512/),
    });
  });

  it('refuses a duplicate field name and a certification that is not the first signature', async () => {
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner, { fieldName: '审批章' });
    await expect(signPdf(signed, pki.sealSigner, { fieldName: '审批章' })).rejects.toMatchObject({
      code: 'ERR_SEAL_PDF_UNSUPPORTED',
      message: expect.stringContaining('already exists'),
    });
    await expect(signPdf(signed, pki.sealSigner, { certify: 2 })).rejects.toMatchObject({
      code: 'ERR_SEAL_PDF_UNSUPPORTED',
      message: expect.stringContaining('first signature'),
    });
    expect(inspectPdfSignatures(signed)[0]?.fieldName).toBe('审批章');
  });

  it('accepts an ArrayBuffer and keeps the original bytes', async () => {
    const pdf = await pdfLibDocument();
    const signed = await signPdf(pdf.slice().buffer, pki.sealSigner);
    expect(signed.subarray(0, pdf.length)).toEqual(pdf);
  });

  it('makes adbe.pkcs7.detached signatures', async () => {
    const signed = await signPdf(await pdfLibDocument(), pki.sealSignerEc, { subFilter: 'adbe.pkcs7.detached' });
    expect(pdfsig(signed)[0]).toMatchObject({ valid: true, totalDocumentSigned: true });
    const report = await validatePdf(signed, pki.policy());
    expect(report.signatures[0]).toMatchObject({ format: 'PKCS7', indication: 'TOTAL_PASSED' });
  });

  it('makes PAdES B-T with a time-stamp client, then a document time-stamp', async () => {
    const tsa = createTimestampClient({ url: responder.url });
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner, { tsa, reason: 'B-T' });
    expect(pdfsig(signed)[0]?.valid).toBe(true);
    const report = await validatePdf(signed, pki.policy());
    expect(report.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'B-T' });
    expect(report.signatures[0]?.bestSignatureTime).toBeInstanceOf(Date);

    const stamped = await addDocumentTimestamp(signed, tsa);
    const infos = inspectPdfSignatures(stamped);
    expect(infos.map((i) => [i.type, i.subFilter])).toEqual([
      ['signature', 'ETSI.CAdES.detached'],
      ['doc-timestamp', 'ETSI.RFC3161'],
    ]);
    const stampedReport = await validatePdf(stamped, pki.policy());
    expect(stampedReport.signatures[0]?.changesAfterSigning).toEqual([
      expect.objectContaining({ kind: 'doc-timestamp', permitted: true }),
    ]);
    expect(check(stampedReport, 1, 'TS_TOKEN_VALID')).toBe('PASSED');
    expect(stampedReport.indication).toBe('TOTAL_PASSED');
  });

  it('treats a PDF with a document time-stamp only as unsigned (TOTAL_FAILED / SIGNED_DATA_NOT_FOUND)', async () => {
    const stamped = await addDocumentTimestamp(await pdfLibDocument(), createTimestampClient({ url: responder.url }));
    const report = await validatePdf(stamped, pki.policy());
    expect(report.signatures[0]?.checks.find((c) => c.id === 'TS_TOKEN_VALID')?.status).toBe('PASSED');
    expect(report).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'SIGNED_DATA_NOT_FOUND' });
  });

  it('certifies with DocMDP and draws a visible appearance', async () => {
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner, {
      certify: 2,
      appearance: { page: 0, rect: [400, 60, 119, 119] },
    });
    expect(inspectPdfSignatures(signed)[0]?.certification).toBe(2);
    const report = await validatePdf(signed, pki.policy());
    expect(check(report, 0, 'PDF_DOCMDP')).toBe('PASSED');
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(pdfsig(signed)[0]?.valid).toBe(true);
  });

  it('draws the official seal (drawSeal) as the visible appearance; poppler renders red ink only inside the rectangle', async () => {
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner, {
      appearance: {
        page: 0,
        rect: [400, 60, 119, 119],
        seal: { organizationName: '衡阳市行政审批服务局', bottomText: '合同专用章' },
      },
    });
    expect(pdfsig(signed)[0]).toMatchObject({ valid: true, totalDocumentSigned: true });
    const dir = mkdtempSync(join(tmpdir(), 'seal-render-'));
    try {
      writeFileSync(join(dir, 'f.pdf'), signed);
      execFileSync('pdftoppm', ['-r', '36', '-singlefile', join(dir, 'f.pdf'), join(dir, 'page')]);
      const ppm = readFileSync(join(dir, 'page.ppm'));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
      const [width, height] = [Number(header?.[1]), Number(header?.[2])];
      const pixels = ppm.subarray(header?.[0].length ?? 0);
      let inside = 0;
      let outside = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 3;
          const red = (pixels[i] ?? 0) > 180 && (pixels[i + 1] ?? 255) < 120 && (pixels[i + 2] ?? 255) < 120;
          if (!red) continue;
          // rect [400, 60, 119, 119] pt at 36 dpi = half scale; y is flipped (page height 842 pt).
          const inRect = x >= 199 && x <= 261 && y >= (842 - 179) / 2 - 1 && y <= (842 - 60) / 2 + 1;
          if (inRect) inside++;
          else outside++;
        }
      }
      expect(inside).toBeGreaterThan(300);
      expect(outside).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
