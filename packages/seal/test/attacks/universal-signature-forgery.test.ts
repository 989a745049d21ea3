// USF: the signature dictionary is rewritten in place (offsets kept) so /Contents or /ByteRange is missing or bogus.
import { describe, expect, it } from 'vitest';
import { signPdf } from '../../src/pdf/sign-pdf';
import { validatePdf } from '../../src/pdf/validate-pdf';
import { pdfLibDocument, testPki } from '../pdf/helpers';
import { replaceSameLength } from './build';
import { expectCaught } from './helpers';

const CONTENTS = /\/Contents <[0-9A-Fa-f]+>/;
const BYTE_RANGE = /\/ByteRange \[[^\]]*\] */;

const variants: Array<{ name: string; pattern: RegExp; replace: (match: string) => string; check: string }> = [
  { name: '/Contents removed', pattern: CONTENTS, replace: () => '', check: 'PDF_CONTENTS_DER' },
  { name: '/Contents <>', pattern: CONTENTS, replace: () => '/Contents <>', check: 'PDF_CONTENTS_DER' },
  { name: '/Contents null', pattern: CONTENTS, replace: () => '/Contents null', check: 'PDF_CONTENTS_DER' },
  {
    name: '/Contents non-CMS bytes',
    pattern: CONTENTS,
    replace: (m) => `/Contents <${'41'.repeat((m.length - 12) / 2)}>`,
    check: 'PDF_CONTENTS_DER',
  },
  {
    name: '/Contents two SignedData',
    pattern: CONTENTS,
    replace: (m) =>
      m.replace(
        /<([0-9A-F]+?)(0+)>$/,
        (_all, der: string, zeros: string) =>
          `<${der}${der.length <= zeros.length ? der + zeros.slice(der.length) : zeros}>`,
      ),
    check: 'PDF_CONTENTS_DER',
  },
  { name: '/ByteRange removed', pattern: BYTE_RANGE, replace: () => '', check: 'PDF_BYTERANGE_SHAPE' },
  { name: '/ByteRange null', pattern: BYTE_RANGE, replace: () => '/ByteRange null', check: 'PDF_BYTERANGE_SHAPE' },
  { name: '/ByteRange []', pattern: BYTE_RANGE, replace: () => '/ByteRange []', check: 'PDF_BYTERANGE_SHAPE' },
  {
    name: '/ByteRange [0 0 0 0]',
    pattern: BYTE_RANGE,
    replace: () => '/ByteRange [0 0 0 0]',
    check: 'PDF_BYTERANGE_SHAPE',
  },
  {
    name: '/ByteRange negative',
    pattern: BYTE_RANGE,
    replace: (m) => m.replace(/\[0 (\d+) (\d+) (\d+)/, (_a, b, c, d) => `[0 ${b} -${c} ${d}`),
    check: 'PDF_BYTERANGE_SHAPE',
  },
  {
    name: '/ByteRange overlapping',
    pattern: BYTE_RANGE,
    replace: (m) => m.replace(/\[0 (\d+) (\d+) (\d+)/, (_a, b, _c, d) => `[0 ${b} ${Number(b) - 10} ${d}`),
    check: 'PDF_BYTERANGE_SHAPE',
  },
  {
    name: '/ByteRange not starting at 0',
    pattern: BYTE_RANGE,
    replace: (m) => m.replace(/\[0 (\d+)/, (_a, b) => `[5 ${Number(b) - 5}`),
    check: 'PDF_BYTERANGE_SHAPE',
  },
  {
    name: '/ByteRange with five elements',
    pattern: BYTE_RANGE,
    replace: (m) => m.replace(/\] *$/, ' 0]'),
    check: 'PDF_BYTERANGE_SHAPE',
  },
  {
    name: '/ByteRange covering only the first part',
    pattern: BYTE_RANGE,
    replace: (m) => m.replace(/\[0 (\d+) (\d+) (\d+)/, (_a, b, c) => `[0 ${b} ${c} 1`),
    check: 'PDF_BYTERANGE_REVISION',
  },
];

describe('universal signature forgery', () => {
  for (const variant of variants) {
    it(`${variant.name} → TOTAL_FAILED via ${variant.check}, never unsigned`, async () => {
      const pki = await testPki();
      const signed = await signPdf(await pdfLibDocument({ useObjectStreams: false }), pki.sealSigner);
      const forged = replaceSameLength(signed, variant.pattern, variant.replace);
      expect(forged.length).toBe(signed.length);
      const report = await validatePdf(forged, pki.policy());
      expect(report.indication).toBe('TOTAL_FAILED');
      expect(report.signatures).toHaveLength(1);
      expectCaught(report, variant.check);
    });
  }
});
