// A page renderer for PDF_VISUAL_DIFF on Node, built on poppler's `pdftoppm -gray` (child process, temporary file,
// time and size limits). Kept out of the runtime-neutral library: validatePdf only sees the PdfPageRenderer type.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { SealError } from '../errors';
import type { PdfPageRenderer, RenderedPage } from '../types';

/** Options of {@link createPdftoppmRenderer}. */
export interface PdftoppmRendererOptions {
  /**
   * The `pdftoppm` executable (a name looked up on PATH, or a path).
   * @default 'pdftoppm'
   */
  command?: string;
  /**
   * Time allowed for one page; the process is killed (SIGKILL) after it.
   * @default 20000
   */
  timeoutMs?: number;
  /**
   * The longer side of the rendered page in pixels (`-scale-to`); bounds memory whatever the page size.
   * @default 1240
   */
  scaleTo?: number;
  /**
   * Largest PDF handed to pdftoppm, in bytes.
   * @default 268435456 (256 MiB)
   */
  maxPdfBytes?: number;
}

/**
 * Whether `command` (default `pdftoppm`) is an executable file, looked up on PATH unless it is a path.
 *
 * @param command - executable name or path.
 * @returns `true` when it can be run.
 */
export function isPdftoppmAvailable(command = 'pdftoppm'): boolean {
  const candidates =
    isAbsolute(command) || command.includes('/')
      ? [command]
      : (process.env.PATH ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map((dir) => join(dir, command));
  return candidates.some((path) => {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}

/** Parses a binary 8-bit PGM (`P5`) image. */
export function parsePgm(bytes: Uint8Array): RenderedPage {
  const fields: number[] = [];
  let i = 2;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x35) throw new Error('not a binary PGM (P5) image');
  while (fields.length < 3 && i < bytes.length && i < 1024) {
    const c = bytes[i] as number;
    if (c === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++; // comment
    } else if (c >= 0x30 && c <= 0x39) {
      let value = 0;
      while (i < bytes.length && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39)
        value = value * 10 + (bytes[i++] as number) - 0x30;
      fields.push(value);
      continue;
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      throw new Error('malformed PGM header');
    }
    i++;
  }
  const [width = 0, height = 0, maxValue = 0] = fields;
  if (fields.length < 3 || maxValue !== 255 || width <= 0 || height <= 0) throw new Error('unsupported PGM header');
  const data = bytes.subarray(i + 1, i + 1 + width * height);
  if (data.length !== width * height) throw new Error('truncated PGM data');
  return { width, height, data };
}

/**
 * Creates a {@link PdfPageRenderer} that runs poppler's `pdftoppm -gray -cropbox` (install `poppler-utils`) on a
 * temporary copy of the PDF, one page per call, killed after `timeoutMs`, the page scaled so its longer side is
 * `scaleTo` pixels. Node only: for `validatePdf(pdf, { …, pdf: { renderPage } })` and the `zwfw verify` command.
 *
 * @param options - executable, time limit, output size and input size limits.
 * @returns the renderer; it rejects with a SealError `ERR_SEAL_RENDER_FAILED` when pdftoppm fails, times out or the
 * PDF is too large.
 * @example
 * ```ts
 * import { createPdftoppmRenderer, isPdftoppmAvailable } from '@zwfw/seal/node';
 * const renderPage = isPdftoppmAvailable() ? createPdftoppmRenderer({ timeoutMs: 10_000 }) : undefined;
 * const report = await validatePdf(pdf, { trustAnchors: [root], ...(renderPage ? { pdf: { renderPage } } : {}) });
 * ```
 */
export function createPdftoppmRenderer(options: PdftoppmRendererOptions = {}): PdfPageRenderer {
  const command = options.command ?? 'pdftoppm';
  const timeoutMs = options.timeoutMs ?? 20_000;
  const scaleTo = options.scaleTo ?? 1240;
  const maxPdfBytes = options.maxPdfBytes ?? 256 * 1024 * 1024;
  if (!Number.isInteger(scaleTo) || scaleTo < 16 || scaleTo > 10_000)
    throw new SealError('ERR_SEAL_INPUT_INVALID', `scaleTo must be an integer from 16 to 10000, got ${scaleTo}.`);
  return async (pdf, pageIndex) => {
    if (!(pdf instanceof Uint8Array) || pdf.length > maxPdfBytes)
      throw new SealError('ERR_SEAL_RENDER_FAILED', `the PDF is not bytes or larger than ${maxPdfBytes} bytes.`);
    if (!Number.isInteger(pageIndex) || pageIndex < 0)
      throw new SealError('ERR_SEAL_RENDER_FAILED', `page index ${pageIndex} is not a non-negative integer.`);
    const dir = await mkdtemp(join(tmpdir(), 'zwfw-render-'));
    try {
      const input = join(dir, 'in.pdf');
      await writeFile(input, pdf);
      const page = String(pageIndex + 1);
      const args = ['-gray', '-cropbox', '-q', '-f', page, '-l', page, '-singlefile', '-scale-to', String(scaleTo)];
      await new Promise<void>((resolve, reject) => {
        execFile(
          command,
          [...args, input, join(dir, 'out')],
          { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true },
          (error) => {
            if (!error) return resolve();
            const why = error.killed ? `did not finish within ${timeoutMs} ms` : `failed (${error.code ?? 'error'})`;
            reject(new SealError('ERR_SEAL_RENDER_FAILED', `pdftoppm ${why} on page ${page}.`, { cause: error }));
          },
        );
      });
      let image: Uint8Array;
      try {
        image = new Uint8Array(await readFile(join(dir, 'out.pgm')));
        return parsePgm(image);
      } catch (cause) {
        throw new SealError('ERR_SEAL_RENDER_FAILED', `pdftoppm wrote no usable image for page ${page}.`, { cause });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
