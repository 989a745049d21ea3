// pnpm bench certificate — certificates/s and bytes/PDF for business licences: @zwfw/certificate (cached parsed
// font, own TrueType subsetter, template marks prebuilt) on one thread and with worker threads, vs a baseline that
// uses pdf-lib the plain way (stock @pdf-lib/fontkit, the font parsed and embedded per document, no reuse), measured
// in the same run. The single-thread figures run the TypeScript sources; the worker comparison runs the built package
// (packages/certificate/dist, rebuilt first when older than src/), as an installed package would: 1 thread vs
// N worker threads, both through issueCertificates(). Per CPU-second = certificates / process.cpuUsage() (all threads
// of the process, GC included): the honest "per core" figure.
// 1,000 licences (the issue's figure; baseline 30). `--full` (or BENCH_FULL=1): baseline 100 (~10 s more).
// `--batch=N` (or BENCH_BATCH=N): additionally issue N licences through issueCertificates() with 2 workers into a
// counting sink and report time and peak RSS (the 103,598-record run of issue #4; takes many minutes).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  BUSINESS_LICENCE_TEMPLATE,
  BUSINESS_LICENCE_TYPE,
  type CertificateRecord,
  createCertificateId,
  issueCertificates,
} from '@zwfw/certificate';
import type * as Certificate from '@zwfw/certificate';
import { loadNotoSansSc } from '@zwfw/fonts';
import { createRequire } from 'node:module';
import { metric, report } from './lib';

// pdf-lib, stock @pdf-lib/fontkit and qrcode are dependencies of @zwfw/certificate, not of the workspace root.
interface PlainFont {
  readonly name: string;
}
interface PlainPage {
  drawText(text: string, options: Record<string, unknown>): void;
  drawImage(image: unknown, options: Record<string, unknown>): void;
}
interface PlainDocument {
  registerFontkit(fontkit: unknown): void;
  embedFont(bytes: Uint8Array, options: { subset: boolean }): Promise<PlainFont>;
  embedPng(bytes: Uint8Array): Promise<unknown>;
  addPage(size: [number, number]): PlainPage;
  attach(bytes: Uint8Array, name: string, options: { mimeType: string }): Promise<void>;
  save(): Promise<Uint8Array>;
}
const requireDependency = createRequire(new URL('../packages/certificate/package.json', import.meta.url));
const { PDFDocument, rgb } = requireDependency('pdf-lib') as {
  PDFDocument: { create(): Promise<PlainDocument> };
  rgb(r: number, g: number, b: number): unknown;
};
const pdfLibFontkit = requireDependency('@pdf-lib/fontkit') as unknown;
const QRCode = requireDependency('qrcode') as {
  toBuffer(text: string, options: Record<string, unknown>): Promise<Uint8Array>;
};

const args = process.argv.slice(2);
const full = args.includes('--full') || process.env.BENCH_FULL === '1';
const batchArg = args.find((a) => a.startsWith('--batch='))?.slice(8) ?? process.env.BENCH_BATCH;
const count = 1000;
const baselineCount = full ? 100 : 30;
const workers = Math.max(2, Math.min(4, cpus().length));

const base = JSON.parse(
  readFileSync(new URL('../fixtures/certificate/business-licence.json', import.meta.url), 'utf8'),
) as CertificateRecord;
const NAMES = ['衡阳市', '蒸湘区', '雁峰区', '石鼓区', '珠晖区', '南岳区', '耒阳市', '常宁市', '衡南县', '祁东县'];
const TRADES = [
  '科技',
  '商贸',
  '建筑工程',
  '餐饮管理',
  '物流',
  '农业开发',
  '文化传媒',
  '医疗器械',
  '教育咨询',
  '新能源',
];
const SCOPES = [
  '软件开发；信息技术咨询服务；信息系统集成服务；数据处理和存储支持服务',
  '日用百货销售；五金产品零售；家用电器销售；食品销售（仅销售预包装食品）',
  '房屋建筑和市政基础设施项目工程总承包；建设工程施工；住宅室内装饰装修',
  '餐饮服务；食品经营；酒类经营；烟草制品零售；外卖递送服务',
  '道路货物运输（不含危险货物）；国内货物运输代理；普通货物仓储服务',
];

/** The i-th synthetic business licence: varying name, representative, scope and address (deterministic). */
function licence(i: number): CertificateRecord {
  const serial = `HY${String(i + 1).padStart(10, '0')}`;
  const scope = `${SCOPES[i % SCOPES.length]}；${SCOPES[(i * 7 + 3) % SCOPES.length]}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`;
  return {
    ...base,
    identifier: createCertificateId({ typeCode: base.typeCode, issuerCode: base.issuer.uscc, serial }),
    number: String(430400000000000 + i),
    holder: {
      ...base.holder,
      name: `${NAMES[i % 10]}${TRADES[(i >> 3) % 10]}${['有限公司', '有限责任公司', '股份有限公司'][i % 3]}`,
    },
    face: {
      ...base.face,
      legalRepresentative: ['欧阳明轩', '李秀英', '王建国', '张丽华', '刘德明'][i % 5] as string,
      businessScope: scope,
      address: `湖南省${NAMES[(i >> 2) % 10]}解放大道${(i % 300) + 1}号${(i % 20) + 1}楼${(i % 9) + 1}0${(i % 5) + 1}室`,
    },
  };
}

/** Baseline: pdf-lib the plain way — stock fontkit registered, the full font passed to embedFont for every document. */
async function plainPdfLib(record: CertificateRecord, fontBytes: Uint8Array): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(pdfLibFontkit);
  const font = await document.embedFont(fontBytes, { subset: true });
  const page = document.addPage([841.89, 595.28]);
  page.drawText('营业执照', { x: 340, y: 440, size: 40, font, color: rgb(0.78, 0.1, 0.1) });
  const lines: Array<[string, string]> = [
    ['统一社会信用代码', record.holder.code],
    ['名称', record.holder.name],
    ['类型', record.face.entityType ?? ''],
    ['法定代表人', record.face.legalRepresentative ?? ''],
    ['注册资本', record.face.registeredCapital ?? ''],
    ['成立日期', record.face.establishedDate ?? ''],
    ['住所', record.face.address ?? ''],
    ['经营范围', record.face.businessScope ?? ''],
  ];
  let y = 400;
  for (const [label, value] of lines) {
    page.drawText(label, { x: 80, y, size: 12, font });
    page.drawText(value, { x: 180, y, size: 11, font, maxWidth: 560, lineHeight: 16 });
    y -= label === '经营范围' ? 80 : 28;
  }
  const qr = await QRCode.toBuffer(record.identifier, { errorCorrectionLevel: 'M', margin: 4, scale: 2 });
  page.drawImage(await document.embedPng(qr), { x: 690, y: 420, width: 86, height: 86 });
  await document.attach(new TextEncoder().encode(JSON.stringify(record)), 'certificate.json', {
    mimeType: 'application/json',
  });
  return document.save();
}

interface Run {
  perSecond: number;
  /** Rate over the last 90% of the results: without worker start-up and JIT warm-up. */
  steadyPerSecond: number;
  perCpuSecond: number;
  meanBytes: number;
  maxBytes: number;
}

async function ours(
  records: number,
  concurrency: number,
  api: Pick<typeof Certificate, 'issueCertificates'> = { issueCertificates },
): Promise<Run> {
  const cpu = process.cpuUsage();
  let bytes = 0;
  let maxBytes = 0;
  let issued = 0;
  const times: number[] = [];
  const start = performance.now();
  for await (const result of api.issueCertificates(
    (function* () {
      for (let i = 0; i < records; i++) yield licence(i);
    })(),
    {
      template: BUSINESS_LICENCE_TEMPLATE,
      types: { [BUSINESS_LICENCE_TYPE.typeCode]: BUSINESS_LICENCE_TYPE },
      concurrency,
      now: () => new Date('2025-06-01T08:00:00Z'),
      sink: ({ pdf }) => {
        bytes += pdf.length;
        maxBytes = Math.max(maxBytes, pdf.length);
      },
    },
  )) {
    if (!result.ok) throw new Error(`record ${result.index}: ${result.error.code} ${result.error.message}`);
    issued++;
    times.push(performance.now());
  }
  const end = performance.now();
  const seconds = (end - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const skip = Math.floor(issued / 10);
  return {
    perSecond: issued / seconds,
    steadyPerSecond: (issued - skip) / ((end - (times[skip - 1] ?? start)) / 1000),
    perCpuSecond: issued / cpuSeconds,
    meanBytes: bytes / issued,
    maxBytes,
  };
}

/** Newest modification time (ms) of the files under `directory`. */
function newest(directory: URL): number {
  let time = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return time;
}

/** The built package (what an install gets), rebuilt when its sources (or @zwfw/fonts) changed since. */
async function builtPackage(): Promise<typeof Certificate> {
  for (const name of ['fonts', 'certificate']) {
    const root = new URL(`../packages/${name}/`, import.meta.url);
    const entry = new URL('dist/index.js', root);
    let built = 0;
    try {
      built = statSync(entry).mtimeMs;
    } catch {}
    if (built < newest(new URL('src/', root))) {
      const build = spawnSync('pnpm', ['--filter', `@zwfw/${name}`, 'build'], { encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`building @zwfw/${name} failed:\n${build.stdout}\n${build.stderr}`);
    }
  }
  return (await import(new URL('../packages/certificate/dist/index.js', import.meta.url).href)) as typeof Certificate;
}

const fontBytes = loadNotoSansSc();
// Warm-up outside the measurement: JIT and the one-time font parse of our path.
await ours(20, 1);
const single = await ours(count, 1);
const built = await builtPackage();
await ours(20, 1, built);
const builtSingle = await ours(count, 1, built);
const threaded = await ours(count, workers, built);

let baselineBytes = 0;
const baselineCpu = process.cpuUsage();
const baselineStart = performance.now();
for (let i = 0; i < baselineCount; i++) baselineBytes += (await plainPdfLib(licence(i), fontBytes)).length;
const baselineSeconds = (performance.now() - baselineStart) / 1000;
const baselinePerSecond = baselineCount / baselineSeconds;
const baselineCpuUsed = process.cpuUsage(baselineCpu);
const baselinePerCpuSecond = baselineCount / ((baselineCpuUsed.user + baselineCpuUsed.system) / 1e6);
const baselineMeanBytes = baselineBytes / baselineCount;

// Wall-clock rates depend on what else runs on the shared cores; certificates per CPU-second ("per core") do not.
const metrics = [
  metric(
    'certificates per CPU-second, 1 thread',
    'cert/cpu-s',
    single.perCpuSecond,
    'plain pdf-lib',
    baselinePerCpuSecond,
  ),
  metric('certificates/s, 1 thread', 'cert/s', single.perSecond, 'plain pdf-lib, 1 thread', baselinePerSecond),
  metric(
    'certificates/s, built package, 1 thread',
    'cert/s',
    builtSingle.perSecond,
    'plain pdf-lib, 1 thread',
    baselinePerSecond,
  ),
  metric(
    `certificates/s, built package, ${workers} workers`,
    'cert/s',
    threaded.perSecond,
    'built package, 1 thread',
    builtSingle.perSecond,
  ),
  metric(
    `certificates per CPU-second, ${workers} workers`,
    'cert/cpu-s',
    threaded.perCpuSecond,
    'built package, 1 thread',
    builtSingle.perCpuSecond,
  ),
  metric('mean bytes per PDF', 'B', single.meanBytes, 'plain pdf-lib', baselineMeanBytes),
  metric('largest PDF', 'B', single.maxBytes, 'goal 40 KB', 40 * 1024),
];
const notes = [
  `${count} business licences (ours), ${baselineCount} (baseline); ${cpus().length} cores; goal ≥150 cert/s per core, ≥10× baseline, ≤40 KB`,
  `worker speed-up on ${Math.min(workers, cpus().length)} cores: ${(threaded.perSecond / builtSingle.perSecond).toFixed(2)}× over the whole run (includes starting the workers: each loads the built package and parses the font); ${(threaded.steadyPerSecond / builtSingle.steadyPerSecond).toFixed(2)}× after the first 10% of results (${threaded.steadyPerSecond.toFixed(1)} vs ${builtSingle.steadyPerSecond.toFixed(1)} cert/s)`,
  `sources, 1 thread: ${single.perSecond.toFixed(1)} cert/s; built package, 1 thread: ${builtSingle.perSecond.toFixed(1)} cert/s, ${builtSingle.perCpuSecond.toFixed(1)} cert/cpu-s`,
];

report('certificate', metrics, notes);

if (batchArg) {
  const size = Number(batchArg);
  const start = performance.now();
  let issued = 0;
  let failed = 0;
  let bytes = 0;
  let lastLog = start;
  for await (const result of built.issueCertificates(
    (function* () {
      for (let i = 0; i < size; i++) yield licence(i);
    })(),
    {
      template: BUSINESS_LICENCE_TEMPLATE,
      concurrency: workers,
      sink: ({ pdf }) => {
        bytes += pdf.length;
      },
    },
  )) {
    if (result.ok) issued++;
    else failed++;
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      process.stdout.write(
        `  batch: ${issued + failed}/${size} after ${((lastLog - start) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB\n`,
      );
    }
  }
  const seconds = (performance.now() - start) / 1000;
  notes.push(
    `batch of ${size} (${workers} workers, counting sink): ${issued} issued, ${failed} failed, ${seconds.toFixed(0)} s (${(issued / seconds).toFixed(1)} cert/s), ${(bytes / 2 ** 20).toFixed(0)} MB of PDF, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process: main thread + ${workers} worker threads)`,
  );
  report('certificate', metrics, notes);
}
