// County vendor (县级厂商) integration: sync the item library, issue a business licence, seal it, and submit the case
// through the durable SQLite outbox while the provincial platform is down. The vendor's process "restarts" with the
// case still queued; once the platform is back, `outbox.drain()` sends it and the platform holds it exactly once.
//
// Run: pnpm --filter @example/county-vendor start [--out DIR]
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Catalog, type ImplementationItem, validateCatalog } from '@zwfw/catalog';
import {
  BUSINESS_LICENCE_TEMPLATE,
  BUSINESS_LICENCE_TYPE,
  type CertificateRecordInput,
  createCertificateId,
  createMemorySerialCounter,
  renderCertificatePdf,
  validateCertificateRecord,
} from '@zwfw/certificate';
import { createExchangeClient, type OutboxStore } from '@zwfw/exchange-client';
import { createSqliteOutboxStore } from '@zwfw/exchange-client/sqlite';
import { type Simulator, startSimulator } from '@zwfw/platform-simulator';
import { drawSeal } from '@zwfw/seal/draw';
import { signPdf, validatePdf } from '@zwfw/seal/pdf';
import { createTestPki } from '@zwfw/seal/testing';

const HENGYANG = '430400000000';
const VENDOR_SYSTEM = { regionCode: HENGYANG, organizationCode: '91430408MA4T2DEM1P', systemCode: 'HY-COUNTY-VENDOR' };

/** Throws (and so fails the example) unless `condition` holds. */
function expectThat(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

/** A client of the (simulated) platform whose durable writes go through `store`. */
function connect(sim: Simulator, store: OutboxStore) {
  return createExchangeClient({
    baseUrl: sim.apiUrl,
    credentials: sim.credentials,
    client: VENDOR_SYSTEM,
    receipts: { verificationKey: sim.publicJwk },
    // Short backoff so the example finishes quickly; production keeps the defaults (1 s doubling up to 5 min).
    outbox: { store, relay: { baseDelayMs: 50, maxDelayMs: 500 } },
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const outDir = resolve(values.out ?? fileURLToPath(new URL('../output', import.meta.url)));
  await mkdir(outDir, { recursive: true });
  const outboxPath = join(outDir, 'outbox.sqlite');
  for (const file of [outboxPath, `${outboxPath}-wal`, `${outboxPath}-shm`]) await rm(file, { force: true });

  const sim = await startSimulator();
  try {
    // 1. Sync the item library (事项下发) and keep a validated local catalog.
    let store = await createSqliteOutboxStore({ path: outboxPath });
    let client = connect(sim, store);
    const synced = await client.items.sync();
    const report = validateCatalog(synced.items);
    const catalog = Catalog.from(synced.items, { onInvalid: 'skip' });
    console.log(`1. items synced: ${report.itemCount} items, ${report.errors.length} errors (cursor ${synced.cursor})`);
    expectThat(report.errors.length === 0, 'the synced catalog has no errors');
    const item = catalog.query({ level: '3' }).find((entry) => entry.name === '企业设立登记');
    expectThat(item !== undefined, 'the catalog holds 企业设立登记 at city level');

    // 2. Issue the business licence (营业执照) and seal it with the department's e-seal (电子印章).
    const pki = await createTestPki();
    const record = await createRecord(item);
    const recordReport = validateCertificateRecord(record, BUSINESS_LICENCE_TYPE);
    expectThat(recordReport.valid, 'the record matches the business-licence type');
    const pdf = await renderCertificatePdf(record, BUSINESS_LICENCE_TEMPLATE);
    const area = BUSINESS_LICENCE_TEMPLATE.sealArea;
    const size = Math.min(area.width, area.height);
    const seal = drawSeal({ organizationName: record.issuer.name });
    const scale = (size / seal.sizePt).toFixed(6);
    const sealed = await signPdf(pdf, pki.sealSignerEc, {
      appearance: {
        rect: [area.x, area.y, size, size],
        operators: `q ${scale} 0 0 ${scale} 0 0 cm\n${seal.pdfOperators}\nQ`,
      },
      reason: '电子证照核发 / e-certificate issued',
      location: '湖南省衡阳市',
    });
    await writeFile(join(outDir, 'certificate.pdf'), sealed);
    const verdict = await validatePdf(sealed, pki.policy());
    console.log(
      `2. certificate ${record.identifier} issued and sealed (${sealed.length} bytes): ${verdict.indication}`,
    );
    expectThat(verdict.indication === 'TOTAL_PASSED', 'the sealed certificate validates');

    // 3. The platform goes down: every connection is reset. The durable submit does not throw; it queues.
    sim.addFaults([{ match: { method: 'POST', path: '/api/v1/cases' }, mode: 'down' }]);
    const caseNo = `HY-${record.number}`;
    const submission = await client.cases.submit({
      caseNo,
      itemCode: item.implementationCode,
      projectName: `${record.holder.name}企业设立登记`,
      kind: 'promised',
      channel: 'online',
      regionCode: HENGYANG,
      applicant: { type: 'enterprise', name: record.holder.name, idType: '001', idNumber: record.holder.code },
      acceptDepartment: { code: item.body.uscc, name: item.body.name },
      materials: [
        {
          code: 'M001',
          name: '营业执照（电子证照）',
          form: 'electronic',
          copy: 'electronic',
          count: 1,
          certificateId: record.identifier,
        },
      ],
      submittedAt: new Date().toISOString(),
    });
    console.log(`3. platform down → submit ${caseNo}: ${submission.status}`);
    expectThat(submission.status === 'queued', 'the submission is queued while the platform is down');
    expectThat(!sim.cases().some((entry) => entry.caseNo === caseNo), 'the platform does not hold the case yet');

    // 4. The vendor's process stops with the case still queued; the SQLite file keeps it.
    const before = await client.outbox?.counts();
    await store.close();
    console.log(`4. process stopped with ${before?.pending ?? 0} pending operation(s) in ${outboxPath}`);
    expectThat(before?.pending === 1, 'one operation is pending in the outbox');

    // 5. The platform is back and the process restarts: reopen the same file and drain the outbox.
    sim.clearFaults();
    store = await createSqliteOutboxStore({ path: outboxPath });
    client = connect(sim, store);
    const drained = await client.outbox?.drain({ timeoutMs: 15_000 });
    const after = await client.outbox?.counts();
    await store.close();
    console.log(`5. platform back → drain: sent ${drained?.sent}, pending ${drained?.pending}, dead ${drained?.dead}`);
    expectThat(drained?.sent === 1 && drained.pending === 0 && drained.dead === 0, 'the drain sent the queued case');
    expectThat(after?.sent === 1 && after.pending === 0, 'the outbox records the case as sent');

    // 6. The platform holds the case exactly once.
    const held = sim.cases().filter((entry) => entry.caseNo === caseNo);
    console.log(
      `6. platform holds ${caseNo}: ${held.length} case, ${held[0]?.submissions} submission, ${held[0]?.status}`,
    );
    expectThat(held.length === 1 && held[0]?.submissions === 1, 'the platform holds the case exactly once');
    console.log('OK county-vendor: the case survived the outage and was delivered exactly once');
  } finally {
    await sim.close();
  }
}

/**
 * The business licence to issue: the synthetic company of `fixtures/certificate/business-licence.json` (its name
 * has the rare characters 堃喆镕), issued today by the body that implements 企业设立登记 in the synced catalog.
 */
async function createRecord(item: ImplementationItem): Promise<CertificateRecordInput & { identifier: string }> {
  const fixture = new URL('../../../fixtures/certificate/business-licence.json', import.meta.url);
  const company: CertificateRecordInput = JSON.parse(await readFile(fixture, 'utf8'));
  const day = new Date().toISOString().slice(0, 10);
  const scope = { typeCode: BUSINESS_LICENCE_TYPE.typeCode, issuerCode: item.body.uscc };
  const serial = await createMemorySerialCounter({ prefix: `HY${day.slice(0, 4)}`, width: 6 }).next(scope);
  return {
    ...company,
    identifier: createCertificateId({ ...scope, serial }),
    number: `430400${day.replace(/-/g, '').slice(2)}0001`,
    issuer: { name: item.body.name, uscc: item.body.uscc },
    issueDate: day,
  };
}

main().catch((error: unknown) => {
  console.error(`FAILED county-vendor: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
