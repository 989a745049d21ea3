// Department verification (部门核验): a department receives a sealed certificate PDF and a JWS and checks them
// offline against its own trust list — PEM files on disk, no network. A tampered copy must fail (TOTAL_FAILED) and a
// signature that chains to an anchor the department does not trust must stay undecided (INDETERMINATE).
//
// Run: pnpm --filter @example/department-verification start [--out DIR]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CertificateRecordInput, PROOF_CERTIFICATE_TEMPLATE, renderCertificatePdf } from '@zwfw/certificate';
import type { TrustPolicy, ValidationReport } from '@zwfw/seal';
import { signJson, validateJson } from '@zwfw/seal/json';
import { signPdf, validatePdf } from '@zwfw/seal/pdf';
import { createTestPki } from '@zwfw/seal/testing';

type Indication = ValidationReport['indication'];

/** Throws (and so fails the example) unless `condition` holds. */
function expectThat(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** One line per verdict: 有效 / 无效 / 无法确定, the signer, and the first failed check. */
function describeReport(label: string, report: ValidationReport): string {
  const verdict = { TOTAL_PASSED: '有效 valid', TOTAL_FAILED: '无效 invalid', INDETERMINATE: '无法确定 indeterminate' };
  const signature = report.signatures[0];
  const failed = signature?.checks.find((check) => check.status === 'FAILED' || check.status === 'INDETERMINATE');
  const why = failed ? ` — ${failed.id}: ${failed.message.en}` : '';
  const sub = report.subIndication ? `/${report.subIndication}` : '';
  return `${label}: ${verdict[report.indication]} (${report.indication}${sub}); signer ${signature?.signer?.subject ?? 'unknown'}${why}`;
}

/** The issuing side (setup): a test PKI, a sealed proof certificate (证明) and a JWS of its key facts. */
async function issue(dir: string): Promise<void> {
  const pki = await createTestPki();
  await mkdir(join(dir, 'trust'), { recursive: true });
  await writeFile(join(dir, 'trust', 'root.pem'), pki.rootCertificate.pem);
  await writeFile(join(dir, 'trust', 'intermediates.pem'), pki.intermediateCertificate.pem);
  await writeFile(join(dir, 'trust', 'crls.pem'), `${pki.crl.pem}${pki.rootCrl.pem}`);
  // The synthetic 证明 of fixtures/certificate/proof.json, issued today for one year.
  const fixture = new URL('../../../fixtures/certificate/proof.json', import.meta.url);
  const today = new Date();
  const nextYear = new Date(today.getTime() + 364 * 86_400_000);
  const record = {
    ...(JSON.parse(await readFile(fixture, 'utf8')) as CertificateRecordInput),
    issueDate: today.toISOString().slice(0, 10),
    validFrom: today.toISOString().slice(0, 10),
    validUntil: nextYear.toISOString().slice(0, 10),
  };
  const pdf = await renderCertificatePdf(record, PROOF_CERTIFICATE_TEMPLATE);
  const sealed = await signPdf(pdf, pki.sealSignerEc, { reason: '出具证明', location: '湖南省衡阳市' });
  await writeFile(join(dir, 'certificate.pdf'), sealed);
  const facts = { id: record.identifier, no: record.number, holder: record.holder.name, issued: record.issueDate };
  await writeFile(join(dir, 'certificate.jws'), await signJson(facts, pki.sealSignerEc));
}

/** The department's trust list, read back from its PEM files. */
async function readTrustList(dir: string): Promise<TrustPolicy> {
  const read = (name: string) => readFile(join(dir, 'trust', name), 'utf8');
  return {
    trustAnchors: [await read('root.pem')],
    intermediates: [await read('intermediates.pem')],
    revocation: { crls: [await read('crls.pem')], mode: 'require' },
    policyId: 'hengyang-department-trust-list',
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const dir = resolve(values.out ?? fileURLToPath(new URL('../output', import.meta.url)));
  await issue(dir);
  console.log(`Issuing side wrote certificate.pdf, certificate.jws and trust/*.pem to ${dir}`);

  // The department's side: only files from here on.
  const policy = await readTrustList(dir);
  const pdf = new Uint8Array(await readFile(join(dir, 'certificate.pdf')));
  const jws = (await readFile(join(dir, 'certificate.jws'), 'utf8')).trim();
  const outcomes: Array<[string, ValidationReport, Indication]> = [];

  outcomes.push(['certificate.pdf', await validatePdf(pdf, policy), 'TOTAL_PASSED']);
  outcomes.push(['certificate.jws', await validateJson(jws, { ...policy, algorithms: ['ES256'] }), 'TOTAL_PASSED']);

  // Tampering: one byte changed inside the signed range of the PDF; one character of the JWS payload changed.
  const tampered = pdf.slice();
  const at = Buffer.from(tampered).indexOf('/MediaBox') + 3;
  tampered[at] = (tampered[at] ?? 0) ^ 0x01;
  await writeFile(join(dir, 'certificate-tampered.pdf'), tampered);
  outcomes.push(['tampered PDF', await validatePdf(tampered, policy), 'TOTAL_FAILED']);
  const [header = '', payload = '', signature = ''] = jws.split('.');
  const forged = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const changedPayload = Buffer.from(JSON.stringify({ ...forged, holder: '王某某' })).toString('base64url');
  const forgedJws = `${header}.${changedPayload}.${signature}`;
  outcomes.push(['tampered JWS', await validateJson(forgedJws, { ...policy, algorithms: ['ES256'] }), 'TOTAL_FAILED']);

  // An anchor the department does not know: the same files, checked against another (unrelated) root.
  const stranger = await createTestPki();
  const unknownAnchor: TrustPolicy = { ...policy, trustAnchors: [stranger.rootCertificate.pem], intermediates: [] };
  outcomes.push(['PDF, unknown anchor', await validatePdf(pdf, unknownAnchor), 'INDETERMINATE']);

  for (const [label, report, expected] of outcomes) {
    console.log(describeReport(label, report));
    expectThat(report.indication === expected, `${label} is ${expected}`);
  }
  console.log('OK department-verification: valid documents pass, tampered copies fail, unknown anchors stay undecided');
}

main().catch((error: unknown) => {
  console.error(`FAILED department-verification: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
