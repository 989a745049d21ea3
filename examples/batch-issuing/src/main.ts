// Batch issuing (批量制证): 10,000 business licences rendered by worker threads, with progress, bounded memory
// (records are generated lazily and each PDF goes to the sink, not into a result array), and the rate at the end.
//
// Run: pnpm --filter @example/batch-issuing start [--count N] [--concurrency N] [--write-pdfs] [--out DIR]
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { computeOrganizationCodeCheckCharacter, computeUsccCheckCharacter } from '@zwfw/catalog';
import {
  BUSINESS_LICENCE_TEMPLATE,
  BUSINESS_LICENCE_TYPE,
  type CertificateRecordInput,
  createCertificateId,
  type IssuedCertificate,
  issueCertificates,
} from '@zwfw/certificate';

const ISSUER = { name: '衡阳市市场监督管理局', uscc: '11430400M54DRXAH81' };
const DISTRICTS = ['雁峰区', '珠晖区', '石鼓区', '蒸湘区', '南岳区'];

/** `count` synthetic business-licence records, generated one at a time (a database cursor in real life). */
function* syntheticRecords(count: number, day: string): Generator<CertificateRecordInput> {
  for (let index = 0; index < count; index += 1) {
    const organization = `MA${String(index).padStart(6, '0')}`;
    const first17 = `914304${'05'}${organization}${computeOrganizationCodeCheckCharacter(organization)}`;
    const uscc = `${first17}${computeUsccCheckCharacter(first17)}`;
    const district = DISTRICTS[index % DISTRICTS.length] ?? '雁峰区';
    const serial = `HY${day.slice(0, 4)}${String(index + 1).padStart(7, '0')}`;
    yield {
      identifier: createCertificateId({ typeCode: BUSINESS_LICENCE_TYPE.typeCode, issuerCode: ISSUER.uscc, serial }),
      typeCode: BUSINESS_LICENCE_TYPE.typeCode,
      name: '营业执照',
      number: serial,
      holder: { name: `衡阳市${district}示范商贸第${index + 1}号有限公司`, code: uscc, codeType: '001' },
      issuer: ISSUER,
      issueDate: day,
      validFrom: day,
      areaCode: '430400',
      face: {
        entityType: '有限责任公司（自然人投资或控股）',
        legalRepresentative: '测试人员',
        businessScope: '一般项目：日用百货销售；食品销售（仅销售预包装食品）。',
        registeredCapital: '壹佰万元整',
        establishedDate: `${day.slice(0, 4)}年${day.slice(5, 7)}月${day.slice(8, 10)}日`,
        address: `湖南省衡阳市${district}示范路 ${index + 1} 号`,
      },
      version: '001',
      state: 'VALID',
      history: [],
    };
  }
}

/** Progress: one rewritten line on a terminal, a line every 10 % otherwise (logs, CI). */
function progressPrinter(total: number): (done: number, failed: number) => void {
  let lastDecile = 0;
  return (done, failed) => {
    if (process.stdout.isTTY) {
      process.stdout.write(`\r  ${done}/${total} (${((done / total) * 100).toFixed(1)} %), ${failed} failed`);
      if (done === total) process.stdout.write('\n');
      return;
    }
    const decile = Math.floor((done / total) * 10);
    if (decile > lastDecile || done === total) {
      lastDecile = decile;
      console.log(`  progress ${done}/${total}, ${failed} failed`);
    }
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: String(Math.max(1, Math.min(4, availableParallelism()))) },
      'write-pdfs': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `--count and --concurrency must be positive integers, got ${values.count} and ${values.concurrency}`,
    );
  }
  const outDir = resolve(values.out ?? fileURLToPath(new URL('../output', import.meta.url)));
  const pdfDir = join(outDir, 'pdfs');
  await mkdir(values['write-pdfs'] ? pdfDir : outDir, { recursive: true });
  const manifestPath = join(outDir, 'manifest.jsonl');
  const manifest = createWriteStream(manifestPath);

  // The sink stores each PDF (or only counts it) and records its hash; the batch waits for it (back-pressure).
  const sink = async ({ record, pdf, sha256 }: IssuedCertificate): Promise<void> => {
    if (values['write-pdfs']) await writeFile(join(pdfDir, `${record.number}.pdf`), pdf);
    manifest.write(`${JSON.stringify({ identifier: record.identifier, size: pdf.length, sha256 })}\n`);
  };
  const print = progressPrinter(count);
  console.log(`Issuing ${count} business licences with ${concurrency} worker thread(s)…`);
  const started = performance.now();
  const day = new Date().toISOString().slice(0, 10);
  const failures: string[] = [];
  const batch = issueCertificates(syntheticRecords(count, day), {
    template: BUSINESS_LICENCE_TEMPLATE,
    types: { [BUSINESS_LICENCE_TYPE.typeCode]: BUSINESS_LICENCE_TYPE },
    concurrency,
    sink,
    onProgress: ({ done, failed }) => print(done, failed),
  });
  let issued = 0;
  let bytes = 0;
  for await (const result of batch) {
    if (result.ok) {
      issued += 1;
      bytes += result.size;
    } else {
      failures.push(`record ${result.index}: ${result.error.code} ${result.error.message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((done) => manifest.end(done));
  console.log(
    `Issued ${issued} of ${count} certificates, ${(bytes / 1024 / 1024).toFixed(1)} MiB, in ${seconds.toFixed(1)} s`,
  );
  console.log(`Rate: ${(issued / seconds).toFixed(1)} certificates/s (concurrency ${concurrency})`);
  console.log(`Manifest: ${manifestPath}${values['write-pdfs'] ? `; PDFs in ${pdfDir}` : ''}`);
  for (const failure of failures.slice(0, 5)) console.error(`  ${failure}`);
  if (issued !== count) throw new Error(`${count - issued} record(s) failed`);
  console.log('OK batch-issuing');
}

main().catch((error: unknown) => {
  console.error(`FAILED batch-issuing: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
