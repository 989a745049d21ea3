/**
 * Round official seal images (圆形公章) drawn as vector graphics: an SVG document and PDF drawing operators, with
 * text converted to glyph outlines so no font is needed to view them.
 *
 * Exported from `@zwfw/seal/draw`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
export { drawSeal, DEFAULT_SEAL_COLOR, DEFAULT_SEAL_DIAMETER_MM } from './draw-seal';
export type { DrawSealOptions, DrawnSeal } from './draw-seal';
