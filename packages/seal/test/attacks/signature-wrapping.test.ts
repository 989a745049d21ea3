// SWA: content hidden in the /Contents zero padding; byte-range collision between two signatures.
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import { bytesOf, replaceSameLength, text } from './build';
import { expectCaught } from './helpers';

describe('signature wrapping', () => {
  it('object injected into the /Contents zero padding → PDF_BYTERANGE_GAP', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    const attacked = replaceSameLength(signed, /\/Contents <[0-9A-F]+?0{600,}>/, (match) => {
      const der = /<([0-9A-F]+?)0{600,}>/.exec(match)?.[1] ?? '';
      const evenDer = der.length % 2 === 0 ? der : `${der}0`;
      const injected = '>/Wrapped << /Type /Annot /Subtype /FreeText /Contents (forged) >> /Pad <';
      const head = `/Contents <${evenDer}${injected}`;
      return `${head}${'0'.repeat(match.length - head.length - 1)}>`;
    });
    expect(attacked.length).toBe(signed.length);
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_BYTERANGE_GAP');
  });

  it('/ByteRange moved so the gap covers a different hex string → PDF_BYTERANGE_GAP', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    // Point the gap at the first 100 bytes of the hex string only (both ranges still inside the file).
    const attacked = replaceSameLength(signed, /\/ByteRange \[0 (\d+) (\d+) (\d+)\] */, (match) => {
      const [, b, c, d] = /\[0 (\d+) (\d+) (\d+)/.exec(match)?.map(Number) ?? [];
      return `/ByteRange [0 ${b} ${(b as number) + 100} ${(d as number) + ((c as number) - (b as number) - 100)}]`;
    });
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_BYTERANGE_GAP');
  });

  it('byte-range collision: the second signature claims the first revision → PDF_BYTERANGE_COLLISION', async () => {
    const pki = await testPki();
    const once = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    const twice = await signPdf(once, pki.sealSignerEc);
    const firstRange = /\/ByteRange \[0 \d+ \d+ \d+\]/.exec(text(once))?.[0] ?? '';
    const attacked = replaceSameLength(twice, /\/ByteRange \[0 \d+ \d+ \d+\] */, () => firstRange);
    expect(attacked.length).toBe(twice.length);
    const report = await validatePdf(attacked, pki.policy());
    expect(report.indication).toBe('TOTAL_FAILED');
    expectCaught(report, 'PDF_BYTERANGE_COLLISION');
  });

  it('bytes appended after a valid signature (pdfsig still says "valid") → not whole file, PDF_POST_SIGN_CHANGES', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    const report = await validatePdf(new Uint8Array([...signed, ...bytesOf('%garbage\n')]), pki.policy());
    expectCaught(report, 'PDF_POST_SIGN_CHANGES');
  });
});
