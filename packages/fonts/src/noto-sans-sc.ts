import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Facts about a font file shipped in this package. */
export interface BundledFont {
  /** Family name, as in the font's `name` table (ID 1). */
  readonly family: string;
  /** PostScript name (`name` ID 6); PDF font resources and fontkit use it. */
  readonly postscriptName: string;
  /** Font version string (`name` ID 5). */
  readonly version: string;
  /** Absolute path of the `.ttf` file. */
  readonly path: string;
  /** SPDX identifier of the font's licence. */
  readonly license: 'OFL-1.1';
  /** Absolute path of the licence text shipped beside the font. Redistribute it with the font. */
  readonly licensePath: string;
  /** SHA-256 (hex) of the file, to detect a corrupted or substituted copy. */
  readonly sha256: string;
  /** Outline format: `glyf` (TrueType quadratic outlines). */
  readonly outlines: 'glyf';
}

/** Directory of this module: `src/` when run from source, `dist/` when built; both sit beside `fonts/`. */
function moduleDirectory(): string {
  // ESM (and loaders such as tsx) give a file: URL; in the CJS build `import.meta` is empty and `__dirname` is set.
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return dirname(fileURLToPath(url));
  return __dirname;
}

const FONTS_DIRECTORY = join(moduleDirectory(), '..', 'fonts');

/**
 * Noto Sans SC Regular (思源黑体 SC), the default face of `@zwfw` certificates and seals.
 *
 * @example
 * ```ts
 * import { NOTO_SANS_SC } from '@zwfw/fonts';
 * console.log(NOTO_SANS_SC.path, NOTO_SANS_SC.license); // …/fonts/NotoSansSC-Regular.ttf OFL-1.1
 * ```
 */
export const NOTO_SANS_SC: BundledFont = Object.freeze({
  family: 'Noto Sans SC',
  postscriptName: 'NotoSansSC-Regular',
  version: 'Version 2.004-H2;hotconv 1.0.118;makeotfexe 2.5.65603',
  path: join(FONTS_DIRECTORY, 'NotoSansSC-Regular.ttf'),
  license: 'OFL-1.1',
  licensePath: join(FONTS_DIRECTORY, 'OFL.txt'),
  sha256: '877f8dcfe605d68f1ecb7475680b7e3b8ccdee5e0081e0e300c4f67b39560836',
  outlines: 'glyf',
});

let cached: Uint8Array | undefined;

/**
 * Read the bundled Noto Sans SC Regular font (10.6 MB). The file is read synchronously once per process and the
 * same bytes are returned on every later call, so callers can use the array's identity as a cache key for parsed
 * fonts. Do not modify the returned bytes.
 *
 * @returns the TrueType font file.
 * @throws `Error` with Node's `ENOENT` code when the package was installed without its `fonts/` folder.
 * @example
 * ```ts
 * import * as fontkit from 'fontkit';
 * import { loadNotoSansSc } from '@zwfw/fonts';
 * const font = fontkit.create(Buffer.from(loadNotoSansSc()));
 * const path = font.glyphsForString('印').at(0)?.path; // glyph outline for seal drawing
 * ```
 */
export function loadNotoSansSc(): Uint8Array {
  if (cached === undefined) {
    const buffer = readFileSync(NOTO_SANS_SC.path);
    cached = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  return cached;
}
