import { writeFile } from 'node:fs/promises';
import { BUSINESS_LICENCE_TEMPLATE, BUSINESS_LICENCE_TYPE, issueCertificates } from '@zwfw/certificate';

declare const records: AsyncIterable<unknown>; // e.g. a database cursor: pulled lazily, memory stays bounded

for await (const result of issueCertificates(records, {
  template: BUSINESS_LICENCE_TEMPLATE,
  types: { [BUSINESS_LICENCE_TYPE.typeCode]: BUSINESS_LICENCE_TYPE }, // validate each record first
  concurrency: 4, // worker threads
  sink: ({ record, pdf }) => writeFile(`out/${record.number}.pdf`, pdf), // awaited: back-pressure
  onProgress: ({ done, failed }) => process.stdout.write(`\r${done} done, ${failed} failed`),
})) {
  if (!result.ok) console.error(result.index, result.error.code, result.error.message);
}
