import { readFile } from 'node:fs/promises';
import type { TrustPolicy } from '@zwfw/seal';
import { isSealVerificationError, validatePdf, verifyPdf } from '@zwfw/seal/pdf';

const policy: TrustPolicy = {
  trustAnchors: [await readFile('trust/root.pem', 'utf8')],
  intermediates: [await readFile('trust/intermediates.pem', 'utf8')],
  revocation: { crls: [await readFile('trust/crls.pem', 'utf8')], mode: 'require' },
};
const pdf = await readFile('licence-sealed.pdf');

const report = await validatePdf(pdf, policy); // a report; never throws on a bad document
for (const signature of report.signatures) {
  console.log(signature.id, signature.indication, signature.signer?.subject, signature.claimedSigningTime);
  for (const check of signature.checks.filter((c) => c.status === 'FAILED' || c.status === 'INDETERMINATE')) {
    console.log('  ', check.id, check.subIndication, check.message.zh);
  }
  for (const change of signature.changesAfterSigning) console.log('  changed after signing:', change);
}

try {
  await verifyPdf(pdf, policy); // the same, but throws unless TOTAL_PASSED
} catch (error) {
  if (isSealVerificationError(error)) console.log(error.code, error.report.indication, error.report.subIndication);
}
