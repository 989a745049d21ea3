// Mutation fuzzing: validatePdf must never throw, and no single-byte change of a signed PDF may pass.
import { describe, expect, it } from 'vitest';
import type { PdfDict, PdfRef } from '../../src/internal/pdf/objects';
import { PdfFile } from '../../src/internal/pdf/pdf-file';
import { appendIncrementalUpdate } from '../../src/internal/pdf/writer';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from './helpers';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const sameHexDigit = (a: number, b: number) =>
  isHex(a) && isHex(b) && String.fromCharCode(a).toLowerCase() === String.fromCharCode(b).toLowerCase();

describe('mutation fuzzing of a signed PDF', () => {
  it('no single-byte mutation throws or passes (300 mutations, both xref kinds)', async () => {
    const pki = await testPki();
    const random = prng(20261125);
    for (const useObjectStreams of [false, true]) {
      const signed = await signPdf(await pdfLibDocument({ useObjectStreams }), pki.sealSigner);
      for (let i = 0; i < 150; i++) {
        const mutated = signed.slice();
        const at = Math.floor(random() * signed.length);
        const value = Math.floor(random() * 256);
        if (value === signed[at] || sameHexDigit(value, signed[at] as number)) continue;
        mutated[at] = value;
        const report = await validatePdf(mutated, pki.policy());
        expect(report.indication, `byte ${at} → ${value}`).not.toBe('TOTAL_PASSED');
      }
    }
  });

  it('truncations at every revision-relevant point never throw', async () => {
    const pki = await testPki();
    const signed = await signPdf(await pdfLibDocument(), pki.sealSigner);
    for (const cut of [1, 10, 100, signed.length - 100, signed.length - 10, signed.length - 6, signed.length - 1]) {
      const report = await validatePdf(signed.subarray(0, cut), pki.policy());
      expect(report.indication).not.toBe('TOTAL_PASSED');
    }
  });

  it('a signature followed by 300 no-op incremental updates validates (no quadratic blow-up, no false change)', async () => {
    const pki = await testPki();
    let pdf = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
    for (let i = 0; i < 300; i++) {
      const file = PdfFile.read(pdf);
      const root = file.last.trailer.get('Root') as PdfRef;
      pdf = appendIncrementalUpdate(file, [{ num: root.num, value: file.dict(root) as PdfDict }]).bytes;
    }
    const report = await validatePdf(pdf, pki.policy());
    expect(report.signatures[0]?.coverage).toMatchObject({ revision: 1, totalRevisions: 302, wholeFile: false });
    expect(report.signatures[0]?.changesAfterSigning).toEqual([]);
    expect(report.indication).toBe('TOTAL_PASSED');
  });
});
