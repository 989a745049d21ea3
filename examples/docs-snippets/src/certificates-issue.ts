import { writeFile } from 'node:fs/promises';
import {
  BUSINESS_LICENCE_TEMPLATE,
  BUSINESS_LICENCE_TYPE,
  type CertificateRecordInput,
  createCertificateId,
  createMemorySerialCounter,
  readCertificatePdf,
  renderCertificatePdf,
  validateCertificateRecord,
} from '@zwfw/certificate';

declare const draft: Omit<CertificateRecordInput, 'identifier'>; // your record, from your database

const counter = createMemorySerialCounter({ prefix: 'HY2026' }); // production: a database sequence
const scope = { typeCode: BUSINESS_LICENCE_TYPE.typeCode, issuerCode: '11430400M54DRXAH81' };
const record = { ...draft, identifier: createCertificateId({ ...scope, serial: await counter.next(scope) }) };

const report = validateCertificateRecord(record, BUSINESS_LICENCE_TYPE); // never throws
if (!report.valid) throw new Error(report.issues.map((issue) => issue.message.zh).join('\n'));
const pdf = await renderCertificatePdf(record, BUSINESS_LICENCE_TEMPLATE, { qrContent: record.identifier });
await writeFile('licence.pdf', pdf);
const { metadata } = await readCertificatePdf(pdf); // the record is attached; metadata.sealArea is where the seal goes
console.log(metadata.sealArea);
