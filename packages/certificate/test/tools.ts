// Helpers for tests that run poppler, qpdf and zbar on generated PDFs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertificateRecord } from '../src/index';

export const FIXTURES = new URL('../../../fixtures/certificate/', import.meta.url);
export const FIXED_NOW = () => new Date('2025-06-01T08:00:00Z');

export function loadFixture(name: 'business-licence' | 'real-estate-certificate' | 'proof'): CertificateRecord {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as CertificateRecord;
}

/** A temporary directory with a fontconfig that knows only DejaVu (no CJK fonts): poppler cannot substitute. */
export function workspace(): {
  dir: string;
  nocjk: Record<string, string>;
  file(name: string, bytes?: Uint8Array): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'zwfw-cert-'));
  const conf = join(dir, 'fc-nocjk.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/fc-cache</cachedir></fontconfig>\n`,
  );
  return {
    dir,
    nocjk: { ...process.env, FONTCONFIG_FILE: conf } as Record<string, string>,
    file(name, bytes) {
      const path = join(dir, name);
      if (bytes) writeFileSync(path, bytes);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function run(
  command: string,
  args: string[],
  env?: Record<string, string>,
): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: env ?? process.env });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Render page 1 to a grayscale PGM and return width, height and pixels. */
export function renderGray(
  pdf: string,
  env: Record<string, string>,
  dpi: number,
): { width: number; height: number; pixels: Uint8Array; stderr: string } {
  const prefix = pdf.replace(/\.pdf$/, '');
  const result = spawnSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdf, prefix], {
    env,
    encoding: 'utf8',
  });
  const data = readFileSync(`${prefix}.pgm`);
  const header = data.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  if (!header) throw new Error('pdftoppm did not write a PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: new Uint8Array(data.subarray(header[0].length)), stderr: result.stderr };
}

/** Count dark pixels (< 128) inside a rectangle given in PDF points (origin lower left). */
export function inkIn(
  image: { width: number; height: number; pixels: Uint8Array },
  pageHeight: number,
  dpi: number,
  rect: { x: number; y: number; width: number; height: number },
): number {
  const scale = dpi / 72;
  const x0 = Math.floor(rect.x * scale);
  const x1 = Math.ceil((rect.x + rect.width) * scale);
  const y0 = Math.floor((pageHeight - rect.y - rect.height) * scale);
  const y1 = Math.ceil((pageHeight - rect.y) * scale);
  let ink = 0;
  for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++)
      if ((image.pixels[y * image.width + x] as number) < 128) ink++;
  }
  return ink;
}

export function zbar(png: string): string {
  return execFileSync('zbarimg', ['-q', '--raw', png], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}
