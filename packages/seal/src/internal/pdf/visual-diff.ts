// PDF_VISUAL_DIFF: renders the pages that later annotations, form fills and signatures touch, once as the signed
// revision and once as the final document, through the policy's renderer, and compares the pixels. The library
// does no rendering itself (it stays runtime-neutral); without a renderer the check is reported as not performed.
import { type Change, type ValidationCheck, createCheck } from '../../report';
import type { PdfPageRenderer, RenderedPage } from '../../types';
import type { AnalyzedSignature } from './analyze';
import { PdfArray, type PdfDict, type PdfObject, PdfRef } from './objects';
import { listPages } from './page-tree';
import type { PdfFile } from './pdf-file';

/** Change kinds that may alter what a page shows without being a content change (those fail on their own). */
const VISUAL_KINDS: ReadonlySet<Change['kind']> = new Set(['annotation', 'form-fill', 'signature', 'doc-timestamp']);
/** A pixel differs when its grey level moves by more than this (of 255): anti-aliasing noise stays below it. */
export const VISUAL_PIXEL_DELTA = 48;
/** Pages compared per signature at most; further pages are reported as not compared (WARNING). */
const MAX_PAGES = 20;
/** Largest rendered page accepted from a renderer, in pixels. */
const MAX_PIXELS = 16_000_000;
/**
 * Largest share of the page the appearances of later signatures may cover together and still be set apart (a 42 mm
 * seal on A4 is under 3 %, so about eight fit); larger ones are compared like any other annotation, so they cannot blank out the page.
 */
const MAX_SIGNATURE_SHARE = 0.25;
/** Time all renders of one validation may take together, whatever the renderer does itself. */
const RENDER_BUDGET_MS = 120_000;

/** Differing pixels tolerated on a page of `total` pixels: a handful, never a glyph. */
export function visualTolerance(total: number): number {
  return Math.max(8, Math.ceil(total / 200_000));
}

type Box = [number, number, number, number];

interface PageInfo {
  num: number;
  annots: number[];
  /** Crop box [llx, lly, urx, ury] in user space, and /Rotate (0, 90, 180, 270). */
  box: Box;
  rotate: number;
}

/** Shared by all signatures of one validation: the final page list, the final document's renders, the time left. */
export interface VisualDiffContext {
  file: PdfFile;
  bytes: Uint8Array;
  renderer: PdfPageRenderer | undefined;
  /** Renders of the final document by page (the signed revisions differ per signature and are not kept). */
  finals: Map<number, Promise<RenderedPage>>;
  /** `Date.now()` after which no render is started. */
  deadline: number;
  pages?: PageInfo[] | string;
}

/** The comparison of one page. */
export interface PageComparison {
  page: number;
  width: number;
  height: number;
  /** Pixels that differ outside the appearances of later signatures. */
  differing: number;
  /** Pixels that differ inside them. */
  differingInSignatures: number;
  /** Bounding box [x0, y0, x1, y1] of the differing pixels outside later signatures (pixels, top-left origin). */
  box?: Box;
}

/** Creates the context for one document. */
export function createVisualDiffContext(
  file: PdfFile,
  bytes: Uint8Array,
  renderer: PdfPageRenderer | undefined,
  budgetMs = RENDER_BUDGET_MS,
): VisualDiffContext {
  return {
    file,
    bytes,
    renderer: typeof renderer === 'function' ? renderer : undefined,
    finals: new Map(),
    deadline: Date.now() + budgetMs,
  };
}

function inherited(file: PdfFile, page: PdfDict, key: string): PdfObject | undefined {
  let node: PdfDict | undefined = page;
  for (let depth = 0; node && depth < 64; depth++) {
    const value = node.get(key);
    if (value !== undefined) return file.get(value);
    node = file.dict(node.get('Parent'));
  }
  return undefined;
}

function box(value: PdfObject | undefined): Box | undefined {
  if (!(value instanceof PdfArray) || value.items.length !== 4 || value.items.some((n) => typeof n !== 'number'))
    return undefined;
  const [a, b, c, d] = value.items as Box;
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function pagesOf(context: VisualDiffContext): PageInfo[] | string {
  if (context.pages !== undefined) return context.pages;
  const { file } = context;
  try {
    context.pages = listPages(file).map((page) => {
      const annots = file.get(page.dict.get('Annots'));
      const media = box(inherited(file, page.dict, 'MediaBox')) ?? [0, 0, 612, 792];
      const crop = box(inherited(file, page.dict, 'CropBox'));
      const rotate = inherited(file, page.dict, 'Rotate');
      return {
        num: page.ref.num,
        annots:
          annots instanceof PdfArray ? annots.items.flatMap((item) => (item instanceof PdfRef ? [item.num] : [])) : [],
        box: crop
          ? [
              Math.max(crop[0], media[0]),
              Math.max(crop[1], media[1]),
              Math.min(crop[2], media[2]),
              Math.min(crop[3], media[3]),
            ]
          : media,
        rotate: typeof rotate === 'number' ? (((Math.round(rotate / 90) * 90) % 360) + 360) % 360 : 0,
      };
    });
  } catch (error) {
    context.pages = error instanceof Error ? error.message.slice(0, 200) : 'the page tree cannot be read';
  }
  return context.pages;
}

const area = (b: Box): number => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);

/** The rectangle of a later signature widget in pixels of a `width` × `height` render of `page`, with a margin. */
function pixelRect(rect: Box, page: PageInfo, width: number, height: number): Box {
  const [llx, lly, urx, ury] = page.box;
  const w = urx - llx || 1;
  const h = ury - lly || 1;
  // Unrotated, top-left origin, 0..1; then the page rotation (clockwise) as viewers apply it.
  const corners = [
    [rect[0], rect[1]],
    [rect[2], rect[3]],
  ].map(([x, y]) => {
    const u = ((x as number) - llx) / w;
    const v = (ury - (y as number)) / h;
    if (page.rotate === 90) return [1 - v, u];
    if (page.rotate === 180) return [1 - u, 1 - v];
    if (page.rotate === 270) return [v, 1 - u];
    return [u, v];
  }) as [[number, number], [number, number]];
  const margin = 2;
  return [
    Math.floor(Math.min(corners[0][0], corners[1][0]) * width) - margin,
    Math.floor(Math.min(corners[0][1], corners[1][1]) * height) - margin,
    Math.ceil(Math.max(corners[0][0], corners[1][0]) * width) + margin,
    Math.ceil(Math.max(corners[0][1], corners[1][1]) * height) + margin,
  ];
}

/** Grey level of pixel `i` (RGBA composited over white). */
function greyAt(page: RenderedPage, channels: number, i: number): number {
  const d = page.data;
  if (channels === 1) return d[i] as number;
  const o = i * channels;
  const lum = ((d[o] as number) * 299 + (d[o + 1] as number) * 587 + (d[o + 2] as number) * 114) / 1000;
  if (channels === 3) return lum;
  const alpha = (d[o + 3] as number) / 255;
  return lum * alpha + 255 * (1 - alpha);
}

function channelsOf(page: RenderedPage): number {
  const { width, height, data } = page;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
    throw new Error('the renderer returned an invalid page size');
  if (width * height > MAX_PIXELS) throw new Error(`the rendered page is larger than ${MAX_PIXELS} pixels`);
  if (!(data instanceof Uint8Array)) throw new Error('the renderer returned no pixel bytes');
  const channels = data.length / (width * height);
  if (channels !== 1 && channels !== 3 && channels !== 4)
    throw new Error('the rendered pixel data is not grey, RGB or RGBA of the stated size');
  return channels;
}

/**
 * Compares two renders of one page pixel by pixel; differences inside `masks` (later signature appearances) are
 * counted apart. Throws when the renders are malformed or differ in size.
 */
export function comparePages(signed: RenderedPage, final: RenderedPage, masks: Box[]): Omit<PageComparison, 'page'> {
  const a = channelsOf(signed);
  const b = channelsOf(final);
  const { width, height } = final;
  if (signed.width !== width || signed.height !== height)
    return { width, height, differing: width * height, differingInSignatures: 0, box: [0, 0, width, height] };
  let differing = 0;
  let differingInSignatures = 0;
  const found: Box = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (Math.abs(greyAt(signed, a, i) - greyAt(final, b, i)) <= VISUAL_PIXEL_DELTA) continue;
      if (masks.some((m) => x >= m[0] && x < m[2] && y >= m[1] && y < m[3])) {
        differingInSignatures++;
        continue;
      }
      differing++;
      if (x < found[0]) found[0] = x;
      if (y < found[1]) found[1] = y;
      if (x + 1 > found[2]) found[2] = x + 1;
      if (y + 1 > found[3]) found[3] = y + 1;
    }
  }
  return differing > 0
    ? { width, height, differing, differingInSignatures, box: found }
    : { width, height, differing, differingInSignatures };
}

/** Whether the render shows anything (darker than the pixel tolerance) inside `rect`, beyond a few pixels. */
function inkUnder(page: RenderedPage, rect: Box): boolean {
  const channels = channelsOf(page);
  const x0 = Math.max(0, rect[0]);
  const y0 = Math.max(0, rect[1]);
  const x1 = Math.min(page.width, rect[2]);
  const y1 = Math.min(page.height, rect[3]);
  let ink = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) if (greyAt(page, channels, y * page.width + x) < 255 - VISUAL_PIXEL_DELTA) ink++;
  return ink > visualTolerance(0);
}

/**
 * PDF_ANNOT_OVERLAP judged on the signed render instead of page geometry: when every annotation the geometry flagged
 * was rendered, those over blank parts of the signed page no longer count as overlapping content.
 */
function refineOverlap(signature: AnalyzedSignature, coversInk: Map<number, boolean>): void {
  const check = signature.checks.find((item) => item.id === 'PDF_ANNOT_OVERLAP');
  if (check?.status !== 'WARNING') return;
  const flagged = ((check.details?.objects as string[] | undefined) ?? []).map((o) => Number(o.split(' ')[0]));
  if (flagged.length === 0 || flagged.some((n) => !coversInk.has(n))) return;
  for (const change of signature.changes) {
    if (change.kind === 'annotation')
      change.overlapsContent = change.objects.some((o) => coversInk.get(Number(o.split(' ')[0])) === true);
  }
  const covering = flagged.filter((n) => coversInk.get(n)).map((n) => `${n} 0`);
  check.details = { ...check.details, rendered: true, coveringContent: covering };
  if (covering.length > 0) {
    check.message = {
      zh: '签名后新增或修改的注释覆盖了已签名页面上的内容（经渲染确认）',
      en: 'Annotations added or changed after signing cover content of the signed page (confirmed by rendering)',
    };
    return;
  }
  check.status = 'PASSED';
  check.message = {
    zh: '签名后新增的注释只位于已签名页面的空白处（经渲染确认）',
    en: 'Annotations added after signing lie over blank parts of the signed page only (rendered)',
  };
}

/** Thrown when the render budget of the validation is used up. */
class RenderBudgetExhausted extends Error {}

function render(context: VisualDiffContext, end: number, page: number): Promise<RenderedPage> {
  const final = end === context.bytes.length;
  const cached = final ? context.finals.get(page) : undefined;
  if (cached) return cached;
  const left = context.deadline - Date.now();
  if (left <= 0) return Promise.reject(new RenderBudgetExhausted());
  const renderer = context.renderer as PdfPageRenderer;
  const pdf = final ? context.bytes : context.bytes.slice(0, end);
  const pending = withTimeout(
    Promise.resolve().then(() => renderer(pdf, page)),
    left,
  );
  if (final) context.finals.set(page, pending);
  return pending;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the renderer did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

const objectNums = (changes: Change[]): Set<number> =>
  new Set(changes.flatMap((c) => c.objects.map((o) => Number(o.split(' ')[0])).filter(Number.isInteger)));

/**
 * PDF_VISUAL_DIFF for one signature, or undefined when no later annotation, form fill or signature could change what
 * a page shows. FAILED (FORMAT_FAILURE) when a page looks different outside the appearances of later signatures;
 * WARNING when only later signature appearances changed it, or when the comparison could not be made; INFO when no
 * renderer is configured.
 */
export async function checkVisualDifference(
  context: VisualDiffContext,
  signature: AnalyzedSignature,
): Promise<ValidationCheck | undefined> {
  const visual = signature.changes.filter((c) => VISUAL_KINDS.has(c.kind));
  if (signature.revision < 0 || !signature.byteRange || visual.length === 0) return undefined;
  if (!context.renderer) {
    return createCheck(
      'PDF_VISUAL_DIFF',
      'INFO',
      '未进行可视化比对：策略中没有页面渲染器（pdf.renderPage）',
      'Visual comparison not performed: the policy has no page renderer (pdf.renderPage)',
    );
  }
  const notPerformed = (why: string) =>
    createCheck(
      'PDF_VISUAL_DIFF',
      'WARNING',
      `无法进行可视化比对：${why}`,
      `The visual comparison could not be performed: ${why}`,
    );
  const pages = pagesOf(context);
  if (typeof pages === 'string') return notPerformed(pages);
  const touched = objectNums(visual);
  const laterSignatures = objectNums(
    visual.filter((c) => (c.kind === 'signature' || c.kind === 'doc-timestamp') && c.permitted),
  );
  const affected = pages
    .map((page, index) => ({ page, index }))
    .filter(({ page }) => touched.has(page.num) || page.annots.some((n) => touched.has(n)));
  const annotations = objectNums(visual.filter((c) => c.kind === 'annotation'));
  /** Per later annotation: whether the signed page shows something under it. */
  const coversInk = new Map<number, boolean>();
  const [, , c, d] = signature.byteRange;
  const compared: PageComparison[] = [];
  const notCompared = affected.slice(MAX_PAGES).map((a) => a.index);
  let problem: string | undefined;
  for (const [position, { page, index }] of affected.slice(0, MAX_PAGES).entries()) {
    try {
      const signedRender = await render(context, c + d, index);
      const finalRender = await render(context, context.bytes.length, index);
      const rects = page.annots
        .filter((n) => laterSignatures.has(n))
        .flatMap((n) => {
          const widget = context.file.dict(new PdfRef(n, 0));
          const rect = box(context.file.get(widget?.get('Rect')));
          return widget?.name('FT') === 'Sig' && rect ? [rect] : [];
        });
      // Together (many small widgets cannot tile the page either) at most MAX_SIGNATURE_SHARE of the page.
      const small = rects.reduce((sum, rect) => sum + area(rect), 0) <= MAX_SIGNATURE_SHARE * area(page.box);
      const masks = small ? rects.map((rect) => pixelRect(rect, page, finalRender.width, finalRender.height)) : [];
      compared.push({ page: index, ...comparePages(signedRender, finalRender, masks) });
      for (const n of page.annots.filter((num) => annotations.has(num))) {
        const rect = box(context.file.get(context.file.dict(new PdfRef(n, 0))?.get('Rect')));
        const ink =
          rect !== undefined && inkUnder(signedRender, pixelRect(rect, page, signedRender.width, signedRender.height));
        coversInk.set(n, (coversInk.get(n) ?? false) || ink);
      }
    } catch (error) {
      problem =
        error instanceof RenderBudgetExhausted
          ? 'the rendering time budget of this validation is used up'
          : error instanceof Error
            ? error.message.slice(0, 200)
            : String(error).slice(0, 200);
      notCompared.unshift(...affected.slice(position, MAX_PAGES).map((a) => a.index));
      break;
    }
  }
  const changed = compared.filter((p) => p.differing > visualTolerance(p.width * p.height));
  if (problem !== undefined && changed.length === 0) return notPerformed(problem);
  if (problem === undefined) refineOverlap(signature, coversInk);
  const details = {
    pages: compared,
    tolerance: { pixelDelta: VISUAL_PIXEL_DELTA },
    notCompared,
    ...(problem === undefined ? {} : { problem }),
  };
  const list = (items: PageComparison[]) => items.map((p) => p.page + 1).join(', ');
  if (changed.length > 0) {
    return createCheck(
      'PDF_VISUAL_DIFF',
      'FAILED',
      `签名后第 ${list(changed)} 页的显示与签名时不同（${changed[0]?.differing} 个像素）`,
      `Page(s) ${list(changed)} look different from the signed revision (${changed[0]?.differing} pixels differ)`,
      { subIndication: 'FORMAT_FAILURE', details },
    );
  }
  const inSignatures = compared.filter((p) => p.differingInSignatures > visualTolerance(p.width * p.height));
  if (inSignatures.length > 0 || details.notCompared.length > 0) {
    return createCheck(
      'PDF_VISUAL_DIFF',
      'WARNING',
      inSignatures.length > 0
        ? `第 ${list(inSignatures)} 页仅在后续签名的外观处与签名时不同，请查看`
        : `只比较了前 ${MAX_PAGES} 个受影响的页面`,
      inSignatures.length > 0
        ? `Page(s) ${list(inSignatures)} differ from the signed revision only where later signatures are shown; review them`
        : `Only the first ${MAX_PAGES} affected pages were compared`,
      { details },
    );
  }
  return createCheck(
    'PDF_VISUAL_DIFF',
    'PASSED',
    compared.length > 0 ? `第 ${list(compared)} 页的显示与签名时相同` : '签名后的修改不在任何页面上显示',
    compared.length > 0
      ? `Page(s) ${list(compared)} look the same as in the signed revision`
      : 'No page shows the changes made after signing',
    { details },
  );
}
