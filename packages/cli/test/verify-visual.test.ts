// `zwfw verify` compares the signed revision with the final document through pdftoppm (PDF_VISUAL_DIFF).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signPdf } from '@zwfw/seal/pdf';
import { createTestPki } from '@zwfw/seal/testing';
import { runCapture } from '../src/testing';

const work = mkdtempSync(join(tmpdir(), 'zwfw-cli-visual-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A one-page PDF (classic xref) whose content is a black bar standing for a line of text. */
function onePagePdf(): Uint8Array {
  const content = '0 0 0 rg 72 700 300 20 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let text = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('zwfw verify: visual comparison', () => {
  it('a later signature whose appearance covers the page fails the first signature (PDF_VISUAL_DIFF); an invisible one passes', async () => {
    const pki = await createTestPki();
    const trust = join(work, 'root.pem');
    writeFileSync(trust, pki.rootCertificate.pem);
    const signed = await signPdf(onePagePdf(), pki.sealSigner);
    const verify = async (name: string, pdf: Uint8Array) => {
      writeFileSync(join(work, name), pdf);
      const result = await runCapture(['verify', name, '--trust', trust, '--revocation', 'off', '--json'], {
        cwd: work,
      });
      const report = JSON.parse(result.stdout);
      return {
        code: result.code,
        report,
        visual: report.signatures[0].checks.find((c: { id: string }) => c.id === 'PDF_VISUAL_DIFF'),
      };
    };

    const honest = await verify('honest.pdf', await signPdf(signed, pki.personalSigner));
    expect(honest.visual).toMatchObject({ status: 'PASSED' });
    expect(honest.report.indication).toBe('TOTAL_PASSED');
    expect(honest.code).toBe(0);

    const cover = '1 1 1 rg 0 0 595 842 re f 0 0 0 rg 72 650 300 20 re f';
    const attacked = await verify(
      'covered.pdf',
      await signPdf(signed, pki.personalSigner, { appearance: { page: 0, rect: [0, 0, 595, 842], operators: cover } }),
    );
    expect(attacked.visual).toMatchObject({ status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(attacked.report.signatures[0].indication).toBe('TOTAL_FAILED');
    expect(attacked.code).toBe(1);
  });
});
