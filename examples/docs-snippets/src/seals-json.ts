import { createTestPki } from '@zwfw/seal/testing';
import { decodeJson, signJson, validateJson } from '@zwfw/seal/json';

const pki = await createTestPki(); // test keys; use createSoftwareSigner or your own Signer in production
const record = { id: '1.2.156.3005.2.…', holder: '衡阳市示范科技有限公司', issued: '2026-01-05' };
const jws = await signJson(record, pki.sealSignerEc); // RFC 8785 canonical JSON, x5c header, compact JWS

const report = await validateJson(jws, { ...pki.policy(), algorithms: ['ES256'] }); // algorithms are required
console.log(report.indication); // TOTAL_PASSED
console.log(decodeJson(jws).payload); // read without verifying (never trust it for decisions)
