// Shared fixtures for PDF tests: sample PDFs from several producers, and external verifiers (pdfsig, openssl, qpdf).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createTestPki } from '../../src/testing/create-test-pki';
import type { TestPki } from '../../src/testing/create-test-pki';

let pkiPromise: Promise<TestPki> | undefined;
/** One test PKI per test file. */
export const testPki = (): Promise<TestPki> => {
  pkiPromise ??= createTestPki();
  return pkiPromise;
};

/** A one-page PDF made by pdf-lib (xref stream + object streams by default). */
export async function pdfLibDocument(
  options: { useObjectStreams?: boolean; pages?: number } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < (options.pages ?? 1); i++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Certificate page ${i + 1}`, { x: 72, y: 760, size: 18, font });
  }
  return doc.save({ useObjectStreams: options.useObjectStreams ?? true, updateFieldAppearances: false });
}

/** Runs a tool on `input` in a temporary directory, returns the output file. */
function transform(input: Uint8Array, run: (inPath: string, outPath: string) => void): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'seal-pdf-'));
  try {
    const inPath = join(dir, 'in.pdf');
    const outPath = join(dir, 'out.pdf');
    writeFileSync(inPath, input);
    run(inPath, outPath);
    return new Uint8Array(readFileSync(outPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Re-writes `input` with qpdf (`--object-streams=generate|disable`, or `--linearize`). */
export function qpdfRewrite(input: Uint8Array, mode: 'generate' | 'disable' | 'linearize'): Uint8Array {
  return transform(input, (i, o) => {
    const args = mode === 'linearize' ? ['--linearize', i, o] : [`--object-streams=${mode}`, i, o];
    execFileSync('qpdf', args, { stdio: 'pipe' });
  });
}

/** Re-writes `input` with mutool clean (classic xref table). */
export function mutoolRewrite(input: Uint8Array): Uint8Array {
  return transform(input, (i, o) => execFileSync('mutool', ['clean', '-gg', i, o], { stdio: 'pipe' }));
}

/** The sample documents every signing test runs over. */
export async function sampleDocuments(): Promise<Array<{ name: string; pdf: Uint8Array }>> {
  const base = await pdfLibDocument();
  return [
    { name: 'pdf-lib (xref stream, object streams)', pdf: base },
    { name: 'pdf-lib (xref table)', pdf: await pdfLibDocument({ useObjectStreams: false }) },
    { name: 'qpdf --object-streams=generate', pdf: qpdfRewrite(base, 'generate') },
    { name: 'qpdf --object-streams=disable', pdf: qpdfRewrite(base, 'disable') },
    { name: 'qpdf --linearize', pdf: qpdfRewrite(base, 'linearize') },
    { name: 'mutool clean', pdf: mutoolRewrite(base) },
  ];
}

/** One `Signature #N` block of pdfsig output. */
export interface PdfsigBlock {
  text: string;
  valid: boolean;
  totalDocumentSigned: boolean;
  commonName?: string;
}

/** Runs `pdfsig -nocert` and splits the output per signature (pdfsig exits 0 even on failure: parse the text). */
export function pdfsig(pdf: Uint8Array): PdfsigBlock[] {
  const dir = mkdtempSync(join(tmpdir(), 'seal-pdfsig-'));
  try {
    const path = join(dir, 'f.pdf');
    writeFileSync(path, pdf);
    const result = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8', timeout: 30_000 });
    const output = `${result.stdout}\n${result.stderr}`;
    return output
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((text) => {
        const block: PdfsigBlock = {
          text,
          valid: /Signature Validation: Signature is Valid\./.test(text),
          totalDocumentSigned: /Total document signed/.test(text) && !/Not total document signed/.test(text),
        };
        const cn = /Signer Certificate Common Name: (.*)/.exec(text)?.[1];
        if (cn !== undefined) block.commonName = cn.trim();
        return block;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `openssl cms -verify` on a CMS over the byte ranges; returns status and output. */
export function opensslCmsVerify(
  pdf: Uint8Array,
  byteRange: [number, number, number, number],
  cms: Uint8Array,
  caPem: string,
): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'seal-cms-'));
  try {
    const [, b, c, d] = byteRange;
    writeFileSync(join(dir, 'content.bin'), Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]));
    writeFileSync(join(dir, 'sig.der'), cms);
    writeFileSync(join(dir, 'ca.pem'), caPem);
    const result = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.der'),
        '-content',
        join(dir, 'content.bin'),
        '-CAfile',
        join(dir, 'ca.pem'),
        '-purpose',
        'any',
        '-out',
        join(dir, 'out.bin'),
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    const output = `${result.stdout}${result.stderr}`;
    return { ok: result.status === 0 && /Verification successful/.test(output), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check` exit status and output (qpdf exits 0 on success, 3 on warnings, 2 on errors). */
export function qpdfCheck(pdf: Uint8Array): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'seal-qpdf-'));
  try {
    const path = join(dir, 'f.pdf');
    writeFileSync(path, pdf);
    const result = spawnSync('qpdf', ['--check', path], { encoding: 'utf8', timeout: 30_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Signs `content` with `openssl cms -sign` (a CMS built by another product). */
export function opensslCmsSign(
  content: Uint8Array[],
  certPem: string,
  keyPem: string,
  extra: string[] = [],
): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'seal-sign-'));
  try {
    writeFileSync(join(dir, 'content.bin'), Buffer.concat(content));
    writeFileSync(join(dir, 'cert.pem'), certPem);
    writeFileSync(join(dir, 'key.pem'), keyPem);
    execFileSync(
      'openssl',
      [
        'cms',
        '-sign',
        '-binary',
        '-outform',
        'DER',
        '-signer',
        join(dir, 'cert.pem'),
        '-inkey',
        join(dir, 'key.pem'),
        '-in',
        join(dir, 'content.bin'),
        '-out',
        join(dir, 'sig.der'),
        ...extra,
      ],
      { stdio: 'pipe' },
    );
    return new Uint8Array(readFileSync(join(dir, 'sig.der')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `<dir>/<name>.p12` (password `test`) holding the signer's key and its certificate chain; returns its path. */
export function exportPkcs12(
  dir: string,
  signer: { privateKeyPem: string; testCertificate: { pem: string } },
  chainPem: string,
  name = 'signer',
): string {
  writeFileSync(join(dir, `${name}.key.pem`), signer.privateKeyPem);
  writeFileSync(join(dir, `${name}.chain.pem`), signer.testCertificate.pem + chainPem);
  const path = join(dir, `${name}.p12`);
  execFileSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-inkey',
      join(dir, `${name}.key.pem`),
      '-in',
      join(dir, `${name}.chain.pem`),
      '-name',
      name,
      '-passout',
      'pass:test',
      '-out',
      path,
    ],
    { stdio: 'pipe' },
  );
  return path;
}
