import { readFile } from 'node:fs/promises';
import { validatePdf } from '@zwfw/seal/pdf';

const report = await validatePdf(await readFile('certificate.pdf'), {
  trustAnchors: [await readFile('trust-anchor.pem', 'utf8')], // your trust list: only these roots are trusted
});
console.log(report.indication); // TOTAL_PASSED (有效) | TOTAL_FAILED (无效) | INDETERMINATE (无法确定)
