/** An RGB colour, each channel 0–1. */
export type RgbColor = readonly [number, number, number];

/** A rectangle in PDF points, origin at the page's lower-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a field's text comes from: a face key (`face.<key>`) or a record property. Date sources are formatted as
 * `YYYY年MM月DD日`; `validity` prints `YYYY年MM月DD日至YYYY年MM月DD日` or `长期`.
 */
export type FieldSource =
  | `face.${string}`
  | 'name'
  | 'number'
  | 'identifier'
  | 'holder.name'
  | 'holder.code'
  | 'issuer.name'
  | 'issueDate'
  | 'validFrom'
  | 'validUntil'
  | 'validity';

/** One printed field: an optional label and its value box. */
export interface TemplateField {
  /** Where the value comes from. */
  source: FieldSource;
  /** Printed label (e.g. `名　　称`); omitted = value only. */
  label?: string;
  /** Left edge of the label (pt). */
  x: number;
  /** Baseline of the first line (pt). */
  y: number;
  /** Horizontal distance from `x` to the value box (pt). @defaultValue 0 */
  labelWidth?: number;
  /** Width of the value box (pt); text wraps (CJK: per character) within it. */
  width: number;
  /** Font size (pt). */
  size: number;
  /** Smallest size the text may shrink to before {@link TemplateField.maxLines} is exceeded. @defaultValue `size` */
  minSize?: number;
  /** Maximum lines of the value. @defaultValue 1 */
  maxLines?: number;
  /** Line height as a multiple of the size. @defaultValue 1.5 */
  lineHeight?: number;
  /** Alignment in the value box. @defaultValue `'left'` */
  align?: 'left' | 'center' | 'right';
  /** Text colour. @defaultValue black */
  color?: RgbColor;
  /** Print this text instead of an empty value (e.g. `长期`); omitted = an empty value is an error. */
  emptyText?: string;
}

/**
 * Decorative, static drawing elements. `band` is a patterned frame band (concentric dashed rules, a few hundred bytes;
 * vector guilloche curves cost 20+ KB per page).
 */
export type TemplateDecoration =
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      borderColor?: RgbColor;
      borderWidth?: number;
      fillColor?: RgbColor;
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color?: RgbColor; width?: number }
  | { kind: 'band'; x: number; y: number; width: number; height: number; color: RgbColor; depth?: number }
  | {
      kind: 'text';
      text: string;
      x: number;
      y: number;
      size: number;
      align?: 'left' | 'center' | 'right';
      color?: RgbColor;
      letterSpacing?: number;
    }
  | { kind: 'emblem'; cx: number; cy: number; radius: number; color: RgbColor };

/**
 * A declarative certificate layout (样式模板). All coordinates in PDF points, origin lower left. Built-ins:
 * `BUSINESS_LICENCE_TEMPLATE`, `REAL_ESTATE_CERTIFICATE_TEMPLATE`, `PROOF_CERTIFICATE_TEMPLATE`.
 */
export interface CertificateTemplate {
  /** Stable id, recorded in the PDF metadata. */
  id: string;
  /** Human name. */
  name: string;
  /** Page width and height (pt). A4 portrait = `[595.28, 841.89]`. */
  pageSize: readonly [number, number];
  /** Page background colour. @defaultValue white */
  background?: RgbColor;
  /** Static elements drawn first, in order. */
  decorations: TemplateDecoration[];
  /** Title (e.g. 营业执照); defaults to the record's `name`. */
  title: { text?: string; x: number; y: number; size: number; color?: RgbColor; letterSpacing?: number };
  /** The printed fields. */
  fields: TemplateField[];
  /** QR code square; its content is set per render (`qrContent` option). */
  qr: { x: number; y: number; size: number; caption?: string };
  /** Area kept free for the visible seal that `@zwfw/seal` `signPdf` places (pt). */
  sealArea: Rect;
}
