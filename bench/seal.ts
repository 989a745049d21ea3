// pnpm bench seal — PDF signing and verification throughput of @zwfw/seal/pdf against @signpdf/signpdf 3.3.0
// (@signpdf/placeholder-pdf-lib + @signpdf/signer-p12, same RSA-2048 key, same input file) and against `pdfsig`
// (poppler) for verification, plus peak memory for the large file, all measured in the same run.
// Default: one-page certificate × 20 and a 10 MB PDF × 3. `--full` (or BENCH_FULL=1): × 100 and × 10.
// `--child=<sign|verify|signpdf>:<file>` is internal: one operation in a fresh process, prints peak RSS growth.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type TrustPolicy, createSoftwareSigner } from '@zwfw/seal';
import { signPdf, validatePdf } from '@zwfw/seal/pdf';
import { metric, report } from './lib';

const requireFromSeal = createRequire(new URL('../packages/seal/package.json', import.meta.url));
// pdf-lib is a dependency of @zwfw/seal, not of the workspace root: a minimal structural type of what is used here.
interface BenchPdfDocument {
  embedFont(name: string): Promise<unknown>;
  addPage(size: [number, number]): {
    drawText(text: string, options: Record<string, unknown>): void;
    node: { setXObject(name: unknown, ref: unknown): void; set(name: unknown, value: unknown): void };
  };
  context: {
    stream(contents: Uint8Array | string, dict?: Record<string, unknown>): unknown;
    register(object: unknown): unknown;
  };
  save(options: { useObjectStreams: boolean }): Promise<Uint8Array>;
}
const { PDFDocument, PDFName, StandardFonts } = requireFromSeal('pdf-lib') as {
  PDFDocument: { create(): Promise<BenchPdfDocument>; load(bytes: Uint8Array): Promise<BenchPdfDocument> };
  PDFName: { of(name: string): unknown };
  StandardFonts: { Helvetica: string };
};
const signpdf = (
  requireFromSeal('@signpdf/signpdf') as { default: { sign(pdf: Uint8Array, signer: unknown): Promise<Buffer> } }
).default;
const { P12Signer } = requireFromSeal('@signpdf/signer-p12') as {
  P12Signer: new (p12: Uint8Array, options?: { passphrase?: string }) => unknown;
};
const { pdflibAddPlaceholder } = requireFromSeal('@signpdf/placeholder-pdf-lib') as {
  pdflibAddPlaceholder(options: {
    pdfDoc: unknown;
    reason: string;
    contactInfo: string;
    name: string;
    location: string;
    signatureLength?: number;
  }): void;
};

const full = process.argv.includes('--full') || process.env.BENCH_FULL === '1';
const smallRuns = full ? 100 : 20;
const largeRuns = full ? 10 : 3;
const LARGE_BYTES = 10 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'bench-seal-'));

async function onePage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Business licence 91430400MA4L0000X1', { x: 72, y: 760, size: 18, font });
  return doc.save({ useObjectStreams: false });
}

async function largePdf(): Promise<Uint8Array> {
  // A page with a 10 MB uncompressed image XObject of random bytes (what a scanned attachment looks like).
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const side = Math.floor(Math.sqrt(LARGE_BYTES / 3));
  const image = doc.context.stream(randomBytes(side * side * 3), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: side,
    Height: side,
    ColorSpace: 'DeviceRGB',
    BitsPerComponent: 8,
  });
  const ref = doc.context.register(image);
  page.node.setXObject(PDFName.of('Im0'), ref);
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream('q 595 0 0 842 0 0 cm /Im0 Do Q')));
  return doc.save({ useObjectStreams: false });
}

async function signpdfSign(pdf: Uint8Array, p12: Uint8Array): Promise<Uint8Array> {
  const pdfDoc = await PDFDocument.load(pdf);
  pdflibAddPlaceholder({
    pdfDoc,
    reason: 'bench',
    contactInfo: 'bench',
    name: 'bench',
    location: 'bench',
    signatureLength: 8192,
  });
  const withPlaceholder = await pdfDoc.save({ useObjectStreams: false });
  return new Uint8Array(await signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase: 'bench' })));
}

function pdfsigOnce(path: string): void {
  const result = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
  if (!/Signature is Valid/.test(result.stdout))
    throw new Error(`pdfsig did not validate ${path}: ${result.stdout}${result.stderr}`);
}

async function keys() {
  // node-forge (inside @signpdf/signer-p12) cannot read certificates signed with ECDSA, so both sides use one
  // self-signed RSA-2048 certificate made by openssl; the same PKCS#12 file feeds both signers.
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const p12Path = join(dir, 'bench.p12');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '30',
      '-subj',
      '/C=CN/O=Bench/CN=bench-seal',
      '-addext',
      'keyUsage=critical,digitalSignature,nonRepudiation',
    ],
    { stdio: 'pipe' },
  );
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    keyPath,
    '-in',
    certPath,
    '-passout',
    'pass:bench',
    '-keypbe',
    'PBE-SHA1-3DES',
    '-certpbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
    '-out',
    p12Path,
  ]);
  const p12 = new Uint8Array(readFileSync(p12Path));
  const signer = createSoftwareSigner({ pkcs12: p12, password: 'bench' });
  const policy: TrustPolicy = { trustAnchors: [readFileSync(certPath, 'utf8')], revocation: { mode: 'off' } };
  return { policy, p12, signer };
}

async function child(spec: string): Promise<void> {
  const [operation, path] = spec.split(':') as [string, string];
  const { policy, p12, signer } = await keys();
  const pdf = new Uint8Array(readFileSync(path));
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  if (operation === 'sign') await signPdf(pdf, signer);
  else if (operation === 'signpdf') await signpdfSign(pdf, p12);
  else {
    const report = await validatePdf(pdf, policy);
    if (report.signatures.length === 0) throw new Error('nothing validated');
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ growth: peak - before })}\n`);
}

function peakGrowth(operation: string, path: string): number {
  const result = spawnSync(
    'pnpm',
    ['exec', 'tsx', '--conditions=@zwfw/source', 'bench/seal.ts', `--child=${operation}:${path}`],
    { encoding: 'utf8' },
  );
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return (JSON.parse(line) as { growth: number }).growth;
  } catch {
    throw new Error(`child ${operation} failed: ${result.stdout}${result.stderr}`);
  }
}

async function main(): Promise<void> {
  const childSpec = process.argv.find((arg) => arg.startsWith('--child='));
  if (childSpec) return child(childSpec.slice('--child='.length));
  const { policy, p12, signer } = await keys();
  const metrics = [];
  const notes: string[] = [];
  for (const [label, pdf, runs] of [
    ['one-page certificate', await onePage(), smallRuns],
    ['10 MB PDF', await largePdf(), largeRuns],
  ] as const) {
    // Warm up both paths once.
    const ours = await signPdf(pdf, signer);
    const theirs = await signpdfSign(pdf, p12);
    let start = performance.now();
    for (let i = 0; i < runs; i++) await signPdf(pdf, signer);
    const oursSign = (runs * 1000) / (performance.now() - start);
    start = performance.now();
    for (let i = 0; i < runs; i++) await signpdfSign(pdf, p12);
    const theirsSign = (runs * 1000) / (performance.now() - start);
    metrics.push(
      metric(
        `sign ${label}`,
        'sig/s',
        oursSign,
        '@signpdf/signpdf 3.3.0 + placeholder-pdf-lib + signer-p12',
        theirsSign,
      ),
    );

    const path = join(dir, `${label.replace(/\W+/g, '-')}.pdf`);
    writeFileSync(path, ours);
    const check = await validatePdf(ours, policy);
    if (check.indication !== 'TOTAL_PASSED') throw new Error(`our own signature did not validate: ${check.indication}`);
    pdfsigOnce(path);
    start = performance.now();
    for (let i = 0; i < runs; i++) await validatePdf(ours, policy);
    const oursVerify = (runs * 1000) / (performance.now() - start);
    start = performance.now();
    for (let i = 0; i < runs; i++) pdfsigOnce(path);
    const pdfsigVerify = (runs * 1000) / (performance.now() - start);
    metrics.push(
      metric(
        `verify ${label}`,
        'verif/s',
        oursVerify,
        'pdfsig -nocert (poppler 22.12, process per file)',
        pdfsigVerify,
      ),
    );
    notes.push(
      `${label}: ${pdf.length} bytes in, ${ours.length} bytes signed by us, ${theirs.length} by @signpdf; ${runs} runs each`,
    );
    if (label === '10 MB PDF') {
      const inputPath = join(dir, 'large-input.pdf');
      writeFileSync(inputPath, pdf);
      const mb = 1024 * 1024;
      metrics.push(
        metric(
          'peak RSS growth (2 ms samples), sign 10 MB',
          'MB',
          peakGrowth('sign', inputPath) / mb,
          '@signpdf (same file)',
          peakGrowth('signpdf', inputPath) / mb,
        ),
      );
      metrics.push(
        metric(
          'peak RSS growth (2 ms samples), validate 10 MB',
          'MB',
          peakGrowth('verify', path) / mb,
          'file size',
          pdf.length / mb,
        ),
      );
    }
  }
  notes.push('Goals (issue #5): signing 5x @signpdf, verifying faster than pdfsig, memory < 3x the file size.');
  report('seal', metrics, notes);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
