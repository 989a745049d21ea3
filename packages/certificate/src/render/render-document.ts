import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, PDFName, type PDFRef } from './pdf-lib';
import { CertificateError, CertificateValidationError } from '../errors';
import { describe } from '../internal/describe';
import { maskCode } from '../internal/mask';
import type { CertificateRecord } from '../model/certificate-record';
import type {
  CertificateTemplate,
  FieldSource,
  RgbColor,
  TemplateDecoration,
  TemplateField,
} from '../templates/certificate-template';
import { qrOperators } from './draw-qr';
import { FontSubset, type GlyfSource } from './font-subset';
import {
  type CertificateFont,
  type ParsedFont,
  assertGlyphs,
  defaultFont,
  embedFonts,
  embedSubset,
  parseFont,
  subsetName,
  toRuns,
  wrapText,
} from './fonts';
import {
  ATTACHMENT_NAME,
  attachFile,
  buildXmp,
  pdfDate,
  setDocumentId,
  setXmp,
  useNativeDeflate,
} from './pdf-structures';
import { writePdf } from './pdf-writer';

declare const __PACKAGE_VERSION__: string;
/**
 * Producer string written into every PDF.
 *
 * @example
 * ```ts
 * (await readCertificatePdf(pdf)).metadata.producer === CERTIFICATE_PRODUCER; // true for our PDFs
 * ```
 */
export const CERTIFICATE_PRODUCER = `@zwfw/certificate ${typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-source'}`;

/** Options of `renderCertificatePdf`. */
export interface RenderCertificateOptions {
  /**
   * Text encoded in the QR code: the identifier, a verification URL, or a compact signed token (e.g. from
   * `@zwfw/seal`). Long tokens need a larger `template.qr.size` to stay scannable.
   * @defaultValue the record's identifier
   */
  qrContent?: string;
  /**
   * Primary font for all text.
   * @defaultValue Noto Sans SC Regular from `@zwfw/fonts`
   */
  font?: CertificateFont;
  /** Fallback fonts, tried in order for characters the primary font lacks (e.g. a CJK Ext-B font for rare names). */
  fallbackFonts?: CertificateFont[];
  /**
   * Clock for the document dates (Info, XMP, attachment). Same record + template + clock → same bytes.
   * @defaultValue `() => new Date()`
   */
  now?: () => Date;
}

/**
 * `renderCertificatePdf` for a record that already passed `CertificateRecordSchema` (batch issuing and its worker
 * threads, which then need neither the schema nor zod).
 */
export async function renderParsedCertificate(
  value: CertificateRecord,
  template: CertificateTemplate,
  options: RenderCertificateOptions = {},
): Promise<Uint8Array> {
  assertTemplate(template);
  const now = options.now ? options.now() : new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `options.now must return a valid Date, got ${describe(now)}`,
    );
  }
  const qrContent = options.qrContent ?? value.identifier;
  if (typeof qrContent !== 'string' || qrContent.length === 0) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `options.qrContent must be a non-empty string, got ${describe(qrContent)}`,
    );
  }

  const fonts = [
    options.font ? parseFont(options.font) : defaultFont(),
    ...(options.fallbackFonts ?? []).map(parseFont),
  ];
  const title = template.title.text ?? value.name;
  const fieldTexts = template.fields.map((field) => [field, fieldText(value, field)] as const);
  const texts: Array<[string, string]> = [
    ['title', title],
    ...template.decorations.flatMap(
      (d): Array<[string, string]> => (d.kind === 'text' ? [['template text', d.text]] : []),
    ),
    ...(template.qr.caption ? ([['qr caption', template.qr.caption]] as Array<[string, string]>) : []),
    ...template.fields.flatMap(
      (field): Array<[string, string]> => (field.label ? [[`label:${field.source}`, field.label]] : []),
    ),
    ...fieldTexts.map(([field, text]): [string, string] => [field.source, text]),
  ];
  assertGlyphs(fonts, texts);

  const document = await PDFDocument.create({ updateMetadata: false });
  useNativeDeflate(document);
  const context = document.context;
  const page = document.addPage([template.pageSize[0], template.pageSize[1]]);
  const seed = texts.map(([, text]) => text).join('\u0000');
  const statics = templateStatics(template, fonts);
  // TrueType fonts: this document's subset continues the template's (the template's own text keeps its glyph
  // numbers, so its content stream is shared); CFF fonts are embedded by pdf-lib.
  const subsets = fonts.map(
    (font, index) => statics.subsets[index]?.clone() ?? (font.glyf ? new FontSubset(font.glyf) : undefined),
  );
  const pdfLibFonts = await embedFonts(
    document,
    fonts.filter((_, index) => !subsets[index]),
    seed,
  );
  const encoders = subsets.map((subset): Encoder => {
    if (subset) return subset;
    const font = pdfLibFonts.shift() as PDFFont;
    return { encode: (text) => font.encodeText(text).toString(), ref: font.ref };
  });
  const painter = new Painter(fonts, encoders);
  const staticContents = statics.contents ?? deflateSync(latin1(painter.paint(() => drawStatic(painter, template))));
  const dynamicContents = painter.paint(() => {
    if (template.title.text === undefined) drawTitle(painter, template, title);
    for (const [field, text] of fieldTexts) painter.value(field, text);
    painter.raw(qrOperators(qrContent, template.qr.x, template.qr.y, template.qr.size));
  });
  for (const [index, encoder] of encoders.entries()) {
    const ref =
      encoder instanceof FontSubset
        ? embedSubset(context, encoder, subsetName(fonts[index] as ParsedFont, index, seed))
        : encoder.ref;
    if (ref) page.node.setFontDictionary(PDFName.of(`F${index}`), ref);
  }
  await document.flush(); // fonts embedded by pdf-lib, if any
  page.node.set(
    PDFName.of('Contents'),
    context.obj([
      context.register(context.stream(staticContents, { Filter: 'FlateDecode' })),
      context.register(context.flateStream(latin1(dynamicContents))),
    ]),
  );

  const json = new TextEncoder().encode(JSON.stringify(value));
  const titleText = `${value.name}（${value.number}）`;
  document.setTitle(titleText, { showInWindowTitleBar: true });
  document.setAuthor(value.issuer.name);
  document.setSubject(value.identifier);
  document.setKeywords([value.identifier, value.typeCode, value.number]);
  document.setCreator(`@zwfw/certificate template ${template.id}`);
  document.setProducer(CERTIFICATE_PRODUCER);
  document.setCreationDate(now);
  document.setModificationDate(now);
  document.setLanguage('zh-CN');
  const { sealArea } = template;
  setXmp(
    document,
    buildXmp({
      title: titleText,
      creator: value.issuer.name,
      description: `${value.name} ${value.identifier}`,
      keywords: [value.identifier, value.typeCode, value.number].join(', '),
      producer: CERTIFICATE_PRODUCER,
      creatorTool: `@zwfw/certificate template ${template.id}`,
      date: now,
      certificate: {
        Identifier: value.identifier,
        TypeCode: value.typeCode,
        Name: value.name,
        Number: value.number,
        IssuerName: value.issuer.name,
        IssuerCode: value.issuer.uscc,
        IssueDate: value.issueDate,
        ValidFrom: value.validFrom,
        ValidUntil: value.validUntil ?? '长期',
        HolderName: value.holder.name,
        HolderCodeType: value.holder.codeType,
        HolderCodeMasked: maskCode(value.holder.code),
        State: value.state,
        Version: value.version,
        TemplateId: template.id,
        SealArea: [1, sealArea.x, sealArea.y, sealArea.width, sealArea.height].join(' '),
        RecordSha256: createHash('sha256').update(json).digest('hex'),
      },
    }),
  );
  attachFile(document, ATTACHMENT_NAME, json, {
    mimeType: 'application/json',
    description: '电子证照数据 (certificate record)',
    date: now,
  });
  setDocumentId(
    document,
    createHash('sha256').update(json).update(template.id).update(pdfDate(now)).digest().subarray(0, 16),
  );
  return writePdf(context);
}

const DATE_ZH = (date: string) => `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;

function fieldText(record: CertificateRecord, field: TemplateField): string {
  const source: FieldSource = field.source;
  let text: string | undefined;
  if (source.startsWith('face.')) text = record.face[source.slice(5)];
  else if (source === 'holder.name') text = record.holder.name;
  else if (source === 'holder.code') text = record.holder.code;
  else if (source === 'issuer.name') text = record.issuer.name;
  else if (source === 'issueDate' || source === 'validFrom') text = DATE_ZH(record[source]);
  else if (source === 'validUntil') text = record.validUntil ? DATE_ZH(record.validUntil) : '长期';
  else if (source === 'validity')
    text = record.validUntil
      ? `${DATE_ZH(record.validFrom)}至${DATE_ZH(record.validUntil)}`
      : `${DATE_ZH(record.validFrom)}至长期`;
  else if (source === 'name' || source === 'number' || source === 'identifier') text = record[source];
  text = text?.trim();
  if (!text) {
    if (field.emptyText !== undefined) return field.emptyText;
    const issue = {
      code: 'RECORD_FACE',
      severity: 'error' as const,
      path: source.split('.'),
      message: {
        zh: `${field.label ?? source} 为空，模板需要打印该项`,
        en: `${source} is empty but the template prints it`,
      },
    };
    throw new CertificateValidationError(
      `${source} is empty but template prints it; fill it in or set emptyText in the template`,
      [issue],
    );
  }
  return text;
}

function assertTemplate(template: CertificateTemplate): void {
  const ok =
    typeof template === 'object' &&
    template !== null &&
    Array.isArray(template.pageSize) &&
    template.pageSize.length === 2 &&
    template.pageSize.every((v) => Number.isFinite(v) && v > 0) &&
    Array.isArray(template.fields) &&
    Array.isArray(template.decorations) &&
    typeof template.qr === 'object' &&
    typeof template.sealArea === 'object' &&
    typeof template.title === 'object';
  if (!ok) {
    throw new CertificateError(
      'ERR_CERTIFICATE_INPUT_INVALID',
      `template must be a CertificateTemplate ({ id, pageSize, decorations, title, fields, qr, sealArea }), got ${describe(template)}`,
    );
  }
}

/** A PDF number with at most 3 decimals (never exponent notation for page-sized values). */
const num = (value: number) => String(Math.round(value * 1000) / 1000);

const rgbOperands = (value: RgbColor) => `${num(value[0])} ${num(value[1])} ${num(value[2])}`;

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** How one font of one document turns text into a string operand: our subset, or a font pdf-lib embeds. */
interface Encoder {
  encode(text: string): string;
  readonly ref?: PDFRef;
}

/** What every document rendered with one template and font list shares. */
interface TemplateStatics {
  /** Per font: the subset holding the template's own glyphs (undefined for fonts pdf-lib embeds). */
  subsets: Array<FontSubset | undefined>;
  /** The deflated content stream of the template's own marks (frame, decorations, labels, fixed title). */
  contents?: Uint8Array;
}

const staticsCache = new Map<string, TemplateStatics>();
const STATICS_CACHE_SIZE = 32;

/**
 * The template's own marks do not depend on the record: with TrueType fonts their glyphs are numbered first in every
 * document's subset, so their content stream is built and deflated once per template and font list (keyed by the
 * template's JSON, so a template object changed in place is not served stale).
 */
function templateStatics(template: CertificateTemplate, fonts: ParsedFont[]): TemplateStatics {
  if (!fonts.every((font) => font.glyf)) return { subsets: [] };
  const key = `${fonts.map((font) => font.id).join(',')}\u0000${JSON.stringify(template)}`;
  const hit = staticsCache.get(key);
  if (hit) return hit;
  const subsets = fonts.map((font) => new FontSubset(font.glyf as GlyfSource));
  const painter = new Painter(fonts, subsets);
  const statics = { subsets, contents: deflateSync(latin1(painter.paint(() => drawStatic(painter, template)))) };
  if (staticsCache.size >= STATICS_CACHE_SIZE) staticsCache.delete(staticsCache.keys().next().value as string);
  staticsCache.set(key, statics);
  return statics;
}

/** Everything the template draws by itself: background, decorations, a fixed title, field labels, QR caption. */
function drawStatic(painter: Painter, template: CertificateTemplate): void {
  if (template.background) painter.background(template.background, template.pageSize[0], template.pageSize[1]);
  for (const decoration of template.decorations) painter.decoration(decoration);
  if (template.title.text !== undefined) drawTitle(painter, template, template.title.text);
  for (const field of template.fields) {
    if (field.label) painter.text(field.label, field.x, field.y, field.size, 'left', field.color);
  }
  const { qr } = template;
  if (qr.caption) {
    const captionSize = Math.max(5, Math.min(8, qr.size / 12));
    for (const [index, line] of painter.wrap(qr.caption, captionSize, qr.size + 40).entries()) {
      painter.text(line, qr.x + qr.size / 2, qr.y - (index + 1) * captionSize * 1.3, captionSize, 'center');
    }
  }
}

function drawTitle(painter: Painter, template: CertificateTemplate, title: string): void {
  const { x, y, size, color, letterSpacing } = template.title;
  painter.text(title, x, y, size, 'center', color, letterSpacing);
}

/**
 * Writes content stream operators for text runs and decorations. Writing `BT … Tj ET` directly is several times
 * cheaper than pdf-lib's `drawText` (which validates, re-splits and formats every operand per call).
 */
class Painter {
  private operators: string[] = [];

  constructor(
    private readonly fonts: ParsedFont[],
    private readonly encoders: Encoder[],
  ) {}

  /** Run `draw` and return what it drew as one content stream (in its own graphics state). */
  paint(draw: () => void): string {
    this.operators = [];
    draw();
    return `q\n${this.operators.join('\n')}\nQ\n`;
  }

  /** Append operators as they are. */
  raw(operators: string): void {
    this.operators.push(operators);
  }

  wrap(text: string, size: number, width: number): string[] {
    return wrapText(this.fonts, text, size, width);
  }

  /** Fill the whole page. */
  background(fill: RgbColor, width: number, height: number): void {
    this.operators.push(`${rgbOperands(fill)} rg 0 0 ${num(width)} ${num(height)} re f`);
  }

  text(
    text: string,
    x: number,
    y: number,
    size: number,
    align: 'left' | 'center' | 'right' = 'left',
    fill?: RgbColor,
    letterSpacing = 0,
  ): void {
    const runs = toRuns(this.fonts, text, size, letterSpacing);
    const width = runs.reduce((sum, run) => sum + run.width, 0) - letterSpacing;
    let cursor = align === 'left' ? x : align === 'center' ? x - width / 2 : x - width;
    for (const run of runs) {
      if (run.text.trim() !== '') {
        const operand = (this.encoders[run.font] as Encoder).encode(run.text);
        this.operators.push(
          `BT /F${run.font} ${num(size)} Tf ${rgbOperands(fill ?? [0, 0, 0])} rg 1 0 0 1 ${num(cursor)} ${num(y)} Tm ${operand} Tj ET`,
        );
      }
      cursor += run.width;
    }
  }

  /** A field's value (its label is part of the template's marks), wrapped and shrunk to fit. */
  value(field: TemplateField, text: string): void {
    const labelWidth = field.labelWidth ?? 0;
    const maxLines = field.maxLines ?? 1;
    const minSize = field.minSize ?? field.size;
    let size = field.size;
    let lines = wrapText(this.fonts, text, size, field.width);
    while (lines.length > maxLines && size > minSize) {
      size = Math.max(minSize, Math.round((size - 0.5) * 10) / 10);
      lines = wrapText(this.fonts, text, size, field.width);
    }
    if (lines.length > maxLines) {
      throw new CertificateError(
        'ERR_CERTIFICATE_TEXT_OVERFLOW',
        `${field.label ?? field.source} (${text.length} characters) needs ${lines.length} lines at ${minSize} pt but the template allows ${maxLines}; shorten the value or enlarge the field (maxLines, width, minSize)`,
      );
    }
    const lineHeight = (field.lineHeight ?? 1.5) * size;
    const left = field.x + labelWidth;
    const anchor =
      field.align === 'center' ? left + field.width / 2 : field.align === 'right' ? left + field.width : left;
    for (const [index, line] of lines.entries()) {
      this.text(line, anchor, field.y - index * lineHeight, size, field.align, field.color);
    }
  }

  decoration(decoration: TemplateDecoration): void {
    switch (decoration.kind) {
      case 'rect': {
        const { x, y, width, height, fillColor, borderColor } = decoration;
        const paint = fillColor && borderColor ? 'B' : fillColor ? 'f' : 'S';
        this.operators.push(
          `q ${fillColor ? `${rgbOperands(fillColor)} rg ` : ''}${borderColor ? `${rgbOperands(borderColor)} RG ${num(decoration.borderWidth ?? 1)} w ` : ''}${num(x)} ${num(y)} ${num(width)} ${num(height)} re ${paint} Q`,
        );
        return;
      }
      case 'line':
        this.operators.push(
          `q ${rgbOperands(decoration.color ?? [0, 0, 0])} RG ${num(decoration.width ?? 0.5)} w ${num(decoration.x1)} ${num(decoration.y1)} m ${num(decoration.x2)} ${num(decoration.y2)} l S Q`,
        );
        return;
      case 'text':
        this.text(
          decoration.text,
          decoration.x,
          decoration.y,
          decoration.size,
          decoration.align,
          decoration.color,
          decoration.letterSpacing,
        );
        return;
      case 'band': {
        // Concentric dashed rules with alternating phase and tint read as a woven frame band.
        const depth = decoration.depth ?? 10;
        const tint = decoration.color.map((channel) => channel * 0.6 + 0.4) as unknown as RgbColor;
        for (let step = 0; step < depth; step += 2) {
          const even = step % 4 === 0;
          this.operators.push(
            `q ${rgbOperands(even ? decoration.color : tint)} RG 1.2 w [2 2] ${even ? 0 : 2} d ${num(decoration.x + step)} ${num(decoration.y + step)} ${num(decoration.width - 2 * step)} ${num(decoration.height - 2 * step)} re S Q`,
          );
        }
        return;
      }
      case 'emblem': {
        // Two rings and a five-pointed star.
        const { cx, cy, radius } = decoration;
        const ink = rgbOperands(decoration.color);
        this.operators.push(
          `q ${ink} RG ${ink} rg ${num(radius / 10)} w ${circle(cx, cy, radius)} S 0.6 w ${circle(cx, cy, radius * 0.82)} S ${star(cx, cy, radius * 0.62)} f Q`,
        );
        return;
      }
      default:
        throw new CertificateError(
          'ERR_CERTIFICATE_INPUT_INVALID',
          `Unknown template decoration kind ${JSON.stringify((decoration as { kind: unknown }).kind)}`,
        );
    }
  }
}

/** A circle path as four cubic Bézier arcs. */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5522847498 * r;
  return [
    `${num(cx + r)} ${num(cy)} m`,
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c h`,
  ].join(' ');
}

/** A five-pointed star centred on (cx, cy), point up. */
function star(cx: number, cy: number, radius: number): string {
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? radius : radius * 0.4;
    const angle = Math.PI / 2 - (i * Math.PI) / 5;
    points.push(`${num(cx + Math.cos(angle) * r)} ${num(cy + Math.sin(angle) * r)} ${i === 0 ? 'm' : 'l'}`);
  }
  return `${points.join(' ')} h`;
}
