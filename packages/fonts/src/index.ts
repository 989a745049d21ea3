/**
 * Open-licence CJK font files used by `@zwfw/certificate` (PDF text) and `@zwfw/seal` (seal drawing).
 *
 * The bundled face is **Noto Sans SC Regular** (Google Fonts TrueType build, OFL-1.1), re-saved with every glyph
 * record padded to 4 bytes so that `@pdf-lib/fontkit` subsets it correctly as well as upstream `fontkit` 2.x
 * (see `packages/fonts/SOURCES.md`). It covers ASCII, GB2312, nearly all of U+4E00–9FFF (20,976 characters),
 * 6,582 CJK Ext-A characters and rare name characters such as 堃喆镕.
 *
 * Exported from `@zwfw/fonts`.
 *
 * @module
 */
export { loadNotoSansSc, NOTO_SANS_SC } from './noto-sans-sc';
export type { BundledFont } from './noto-sans-sc';
