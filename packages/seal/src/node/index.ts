/**
 * Node-only helpers for verification services: a page renderer for the `PDF_VISUAL_DIFF` check built on poppler's
 * `pdftoppm` (install `poppler-utils`). The rest of `@zwfw/seal` stays runtime-neutral; pass the renderer in the
 * policy: `validatePdf(pdf, { ...policy, pdf: { renderPage: createPdftoppmRenderer() } })`.
 *
 * Exported from `@zwfw/seal/node`.
 *
 * @module
 */
export { createPdftoppmRenderer, isPdftoppmAvailable, parsePgm } from './pdftoppm-renderer';
export type { PdftoppmRendererOptions } from './pdftoppm-renderer';
export type { PdfPageRenderer, RenderedPage } from '../types';
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
