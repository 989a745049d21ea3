// Cross-package: a certificate sealed by @zwfw/seal (incremental update, visible seal in the template's seal area)
// is still read by readCertificatePdf, and the seal area recorded in the XMP is the one signPdf was given.
import { createTestPki } from '@zwfw/seal/testing';
import { signPdf } from '@zwfw/seal/pdf';
import { describe, expect, it } from 'vitest';
import { PROOF_CERTIFICATE_TEMPLATE, readCertificatePdf, renderCertificatePdf } from '../src/index';
import { FIXED_NOW, loadFixture, run, workspace } from './tools';

describe('a certificate sealed with @zwfw/seal signPdf', () => {
  it('keeps its record readable and its seal inside the template seal area', async () => {
    const record = loadFixture('proof');
    const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE, { now: FIXED_NOW });
    const { metadata } = await readCertificatePdf(pdf);
    const area = metadata.sealArea;
    expect(area).toEqual({ pageIndex: 0, rect: PROOF_CERTIFICATE_TEMPLATE.sealArea });
    const pki = await createTestPki({ now: FIXED_NOW() });
    const signed = await signPdf(pdf, pki.sealSignerEc, {
      appearance: {
        page: area?.pageIndex ?? 0,
        rect: [area?.rect.x ?? 0, area?.rect.y ?? 0, area?.rect.width ?? 0, area?.rect.height ?? 0],
      },
    });
    expect(signed.length).toBeGreaterThan(pdf.length);
    expect(Buffer.from(signed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true); // incremental update
    const read = await readCertificatePdf(signed);
    expect(read.record).toEqual(record);
    expect(read.consistent).toBe(true);
    const ws = workspace();
    try {
      const file = ws.file('sealed.pdf', signed);
      expect(run('qpdf', ['--check', file]).status).toBe(0);
      expect(run('pdftotext', ['-raw', file, '-']).stdout).toContain(record.holder.name);
    } finally {
      ws.cleanup();
    }
  });
});
