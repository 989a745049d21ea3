import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
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
import { type CaseWriteResult, createExchangeClient } from '@zwfw/exchange-client';
import { createSqliteOutboxStore } from '@zwfw/exchange-client/sqlite';
import { startSimulator } from '@zwfw/platform-simulator';
import type { TrustPolicy, ValidationReport } from '@zwfw/seal';
import { drawSeal } from '@zwfw/seal/draw';
import { signJson, validateJson } from '@zwfw/seal/json';
import { signPdf, validatePdf } from '@zwfw/seal/pdf';
import { createTestPki } from '@zwfw/seal/testing';

/** The synthetic company the demo issues a business licence to (not a real company). */
export const DEMO_COMPANY = {
  name: '衡阳市雁峰区示范智慧政务科技有限公司',
  uscc: '91430408MA4T2DEM1P',
  legalRepresentative: '欧阳明轩',
  entityType: '有限责任公司（自然人投资或控股）',
  registeredCapital: '伍佰万元整',
  address: '湖南省衡阳市雁峰区先锋路 88 号',
  businessScope: '一般项目：软件开发；信息系统集成服务；数据处理和存储支持服务；技术服务、技术开发、技术咨询。',
} as const;

/** The item whose result the demo issues: 企业设立登记 at city level, in the synced catalog. */
export const DEMO_ITEM_NAME = '企业设立登记';

/** One step of the demo, with its timing. */
export interface DemoStep {
  id: string;
  title: { zh: string; en: string };
  detail: { zh: string; en: string };
  ms: number;
}

/** What {@link runDemo} produced. */
export interface DemoResult {
  outDir: string;
  steps: DemoStep[];
  files: Record<
    'certificatePdf' | 'certificateJws' | 'trustAnchor' | 'sealCertificates' | 'verification' | 'catalogReport',
    string
  >;
  pdfIndication: ValidationReport['indication'];
  jwsIndication: ValidationReport['indication'];
  submission: CaseWriteResult['status'];
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Output folder; created, and emptied of the demo's own files first. */
  outDir: string;
  /** Called after each step (for live output). */
  onStep?: (step: DemoStep) => void;
  /** Clock (the certificate's dates and the case's submission time). */
  now?: () => Date;
}

/**
 * The end-to-end demo on embedded defaults: platform simulator, item sync and validation, test PKI and department
 * seal, a business-licence PDF with a signed JWS in its QR code, a visible PAdES seal, verification of both, and the
 * case submitted through the durable SQLite outbox.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const now = options.now ?? (() => new Date());
  const outDir = resolve(options.outDir);
  await mkdir(outDir, { recursive: true });
  const files = {
    certificatePdf: join(outDir, 'certificate.pdf'),
    certificateJws: join(outDir, 'certificate.jws'),
    trustAnchor: join(outDir, 'trust-anchor.pem'),
    sealCertificates: join(outDir, 'seal-certificates.pem'),
    verification: join(outDir, 'verification.json'),
    catalogReport: join(outDir, 'catalog-report.json'),
  };
  const outboxPath = join(outDir, 'outbox.sqlite');
  for (const file of [...Object.values(files), outboxPath, `${outboxPath}-wal`, `${outboxPath}-shm`]) {
    await rm(file, { force: true });
  }
  const steps: DemoStep[] = [];
  const step = async <T>(
    id: string,
    title: DemoStep['title'],
    work: () => Promise<{ value: T; detail: DemoStep['detail'] }>,
  ): Promise<T> => {
    const started = performance.now();
    const { value, detail } = await work();
    const done: DemoStep = { id, title, detail, ms: performance.now() - started };
    steps.push(done);
    options.onStep?.(done);
    return value;
  };

  const sim = await step('simulator', { zh: '启动省平台模拟器', en: 'Start the platform simulator' }, async () => {
    const value = await startSimulator();
    return { value, detail: { zh: `监听 ${value.url}`, en: `listening on ${value.url}` } };
  });
  const store = await createSqliteOutboxStore({ path: outboxPath });
  try {
    const items = await step('sync', { zh: '同步事项库并校验', en: 'Sync and validate the item library' }, async () => {
      const synced = await clientFor(sim, undefined).items.sync();
      const report = validateCatalog(synced.items);
      const catalog = Catalog.from(synced.items, { onInvalid: 'skip' });
      const catalogReport = {
        report,
        statistics: catalog.statistics(),
        readiness: catalog.readiness(),
      };
      await writeFile(files.catalogReport, `${JSON.stringify(catalogReport, null, 2)}\n`);
      return {
        value: catalog,
        detail: {
          zh: `${report.itemCount} 个事项，${report.errors.length} 个错误，${report.warnings.length} 个警告；全程网办 ${(catalogReport.readiness.zeroVisitFullOnline.share * 100).toFixed(1)}%`,
          en: `${report.itemCount} items, ${report.errors.length} errors, ${report.warnings.length} warnings; fully online ${(catalogReport.readiness.zeroVisitFullOnline.share * 100).toFixed(1)}%`,
        },
      };
    });
    const item = pickDemoItem(items);

    const pki = await step(
      'pki',
      { zh: '创建测试 PKI 与部门印章', en: 'Create a test PKI and a department seal' },
      async () => {
        const value = await createTestPki({ now: now() });
        await writeFile(files.trustAnchor, value.rootCertificate.pem);
        await writeFile(
          files.sealCertificates,
          `${value.intermediateCertificate.pem}${value.sealSignerEc.testCertificate.pem}`,
        );
        return {
          value,
          detail: {
            zh: '根证书 → 中级证书 → 印章证书（ES256），仅供测试',
            en: 'root → intermediate → seal certificate (ES256), for tests only',
          },
        };
      },
    );
    const policy: TrustPolicy = pki.policy();
    const trustList: TrustPolicy = {
      ...policy,
      intermediates: [...(policy.intermediates ?? []), pki.sealSignerEc.certificate],
    };

    const record = await step(
      'record',
      { zh: '生成营业执照证照记录', en: 'Create the business-licence record' },
      async () => {
        const value = await createDemoRecord(item, now());
        const report = validateCertificateRecord(value, BUSINESS_LICENCE_TYPE);
        if (!report.valid) {
          throw new Error(
            `the demo record does not match its type: ${report.issues.map((issue) => issue.code).join(', ')}`,
          );
        }
        return { value, detail: { zh: `证照标识 ${value.identifier}`, en: `identifier ${value.identifier}` } };
      },
    );

    // The QR code carries a compact JWS of the record's key facts. It names the seal certificate by its SHA-256
    // thumbprint (x5t#S256) instead of carrying it, so the QR code stays small enough to scan from paper; verifiers
    // get the seal certificates from their trust list (seal-certificates.pem here).
    const jws = await step('jws', { zh: '签署证照数据（JWS）', en: 'Sign the certificate data (JWS)' }, async () => {
      const value = await signJson(qrPayload(record), pki.sealSignerEc, {
        type: 'zwfw-certificate+jws',
        includeX5c: false,
        includeThumbprint: true,
      });
      await writeFile(files.certificateJws, `${value}\n`);
      return {
        value,
        detail: { zh: `${value.length} 字符，放入二维码`, en: `${value.length} characters, put in the QR code` },
      };
    });

    const sealed = await step(
      'seal',
      { zh: '生成证照 PDF 并加盖电子印章', en: 'Render the PDF and seal it' },
      async () => {
        const pdf = await renderCertificatePdf(record, BUSINESS_LICENCE_TEMPLATE, { qrContent: jws, now });
        const area = BUSINESS_LICENCE_TEMPLATE.sealArea;
        const drawn = drawSeal({ organizationName: record.issuer.name });
        const size = Math.min(area.width, area.height);
        const scale = size / drawn.sizePt;
        const value = await signPdf(pdf, pki.sealSignerEc, {
          appearance: {
            rect: [area.x, area.y, size, size],
            operators: `q ${scale.toFixed(6)} 0 0 ${scale.toFixed(6)} 0 0 cm\n${drawn.pdfOperators}\nQ`,
          },
          reason: '电子证照核发 / e-certificate issued',
          location: '湖南省衡阳市',
          signingTime: now(),
        });
        await writeFile(files.certificatePdf, value);
        return {
          value,
          detail: {
            zh: `${(value.length / 1024).toFixed(1)} KB，PAdES 可见印章`,
            en: `${(value.length / 1024).toFixed(1)} KB, visible PAdES seal`,
          },
        };
      },
    );

    const verification = await step(
      'verify',
      { zh: '验证 PDF 印章与 JWS', en: 'Verify the PDF seal and the JWS' },
      async () => {
        const pdfReport = await validatePdf(sealed, policy);
        const jwsReport = await validateJson(jws, { ...trustList, algorithms: ['ES256'] });
        await writeFile(files.verification, `${JSON.stringify({ pdf: pdfReport, jws: jwsReport }, null, 2)}\n`);
        return {
          value: { pdf: pdfReport, jws: jwsReport },
          detail: {
            zh: `PDF：${pdfReport.indication}，JWS：${jwsReport.indication}`,
            en: `PDF: ${pdfReport.indication}, JWS: ${jwsReport.indication}`,
          },
        };
      },
    );

    const submission = await step(
      'submit',
      { zh: '经持久化发件箱提交办件', en: 'Submit the case through the durable outbox' },
      async () => {
        const client = clientFor(sim, store);
        const caseNo = `HY${now().toISOString().slice(0, 10).replace(/-/g, '')}${createHash('sha256').update(record.identifier).digest('hex').slice(0, 8).toUpperCase()}`;
        const result = await client.cases.submit({
          caseNo,
          itemCode: item.implementationCode,
          projectName: `${DEMO_COMPANY.name}${DEMO_ITEM_NAME}`,
          kind: 'promised',
          channel: 'online',
          regionCode: '430400000000',
          applicant: { type: 'enterprise', name: DEMO_COMPANY.name, idType: '001', idNumber: DEMO_COMPANY.uscc },
          acceptDepartment: { code: item.body.uscc, name: item.body.name },
          materials: [
            { code: 'M001', name: '公司登记（备案）申请书', form: 'electronic', copy: 'electronic', count: 1 },
          ],
          submittedAt: now().toISOString(),
        });
        const counts = await client.outbox?.counts();
        return {
          value: result,
          detail: {
            zh: `办件 ${caseNo}：${result.status}；发件箱已发送 ${counts?.sent ?? 0}，待发 ${counts?.pending ?? 0}`,
            en: `case ${caseNo}: ${result.status}; outbox sent ${counts?.sent ?? 0}, pending ${counts?.pending ?? 0}`,
          },
        };
      },
    );

    return {
      outDir,
      steps,
      files,
      pdfIndication: verification.pdf.indication,
      jwsIndication: verification.jws.indication,
      submission: submission.status,
    };
  } finally {
    await store.close();
    await sim.close();
  }
}

function clientFor(
  sim: Awaited<ReturnType<typeof startSimulator>>,
  store: Awaited<ReturnType<typeof createSqliteOutboxStore>> | undefined,
) {
  return createExchangeClient({
    baseUrl: sim.apiUrl,
    credentials: sim.credentials,
    client: { regionCode: '430400000000', organizationCode: DEMO_COMPANY.uscc, systemCode: 'ZWFW-DEMO' },
    receipts: { verificationKey: sim.publicJwk },
    ...(store ? { outbox: { store } } : {}),
  });
}

function pickDemoItem(catalog: Catalog): ImplementationItem {
  const candidates = catalog.query({ level: '3' }).filter((item) => item.name === DEMO_ITEM_NAME);
  const item = candidates[0] ?? catalog.query().find((entry) => entry.name === DEMO_ITEM_NAME);
  if (!item) throw new Error(`the synced catalog has no item "${DEMO_ITEM_NAME}"`);
  return item;
}

async function createDemoRecord(
  item: ImplementationItem,
  at: Date,
): Promise<CertificateRecordInput & { identifier: string }> {
  const day = at.toISOString().slice(0, 10);
  const serial = await createMemorySerialCounter({ prefix: `HY${day.slice(0, 4)}`, width: 6 }).next({
    typeCode: BUSINESS_LICENCE_TYPE.typeCode,
    issuerCode: item.body.uscc,
  });
  const identifier = createCertificateId({
    typeCode: BUSINESS_LICENCE_TYPE.typeCode,
    issuerCode: item.body.uscc,
    serial,
  });
  return {
    identifier,
    typeCode: BUSINESS_LICENCE_TYPE.typeCode,
    name: '营业执照',
    number: `430400${day.replace(/-/g, '').slice(2)}0001`,
    holder: { name: DEMO_COMPANY.name, code: DEMO_COMPANY.uscc, codeType: '001' },
    issuer: { name: item.body.name, uscc: item.body.uscc },
    issueDate: day,
    validFrom: day,
    areaCode: '430406',
    face: {
      entityType: DEMO_COMPANY.entityType,
      legalRepresentative: DEMO_COMPANY.legalRepresentative,
      businessScope: DEMO_COMPANY.businessScope,
      registeredCapital: DEMO_COMPANY.registeredCapital,
      establishedDate: `${day.slice(0, 4)}年${day.slice(5, 7)}月${day.slice(8, 10)}日`,
      address: DEMO_COMPANY.address,
    },
    version: '001',
    state: 'VALID',
    history: [],
  };
}

/** The facts a phone can check offline from the QR code, plus a hash binding the full record. */
function qrPayload(record: CertificateRecordInput & { identifier: string }) {
  return {
    id: record.identifier,
    type: record.typeCode,
    no: record.number,
    holder: record.holder.name,
    holderCode: record.holder.code,
    issuer: record.issuer.uscc,
    issued: record.issueDate,
    recordSha256: createHash('sha256').update(JSON.stringify(record)).digest('base64url'),
  };
}
