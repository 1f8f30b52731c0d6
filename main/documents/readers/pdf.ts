// The PDF reader: pdfjs-dist's text layer, laid out into words, lines and blocks in reading order;
// pages without usable text go to OCR when an engine is given.
//
// Layout, per page (all steps O(n log n) in the number of words, repeated at most MAX_DEPTH levels):
//  1. Text items become word fragments with boxes. Items are whole runs ("THIS AMENDED AND"); each word's
//     x range is estimated from the run's width and Helvetica-like glyph widths.
//  2. Coordinates are turned so that the page's main text direction reads left to right (a page whose
//     text runs down the page, e.g. drawn unrotated on a /Rotate 90 page, is read along the text).
//  3. Reading order by whitespace: the words are cut into horizontal bands (no text crosses the gap
//     between two bands). Consecutive bands that share a vertical whitespace gutter form a zone; a zone
//     with a gutter whose sides are both running text (long lines) is read column by column, each column
//     laid out again the same way. A zone without a gutter, or whose sides are short cells (tables, forms,
//     numbered lists), is read row by row. So a title spanning the page comes first, then the left column,
//     then the right; an invoice table stays row by row.
//  4. Rows become lines; lines become blocks at column changes, wide vertical gaps and font-size changes.
//
// Boxes are relative to the page as displayed (after /Rotate), which is also what render-pdf-page draws.
// Page.rotation is the clockwise turn of the page as stored that reads it upright: /Rotate for ordinary
// pages, plus the OCR engine's rotation for OCRed pages.
//
// Pages with no text, garbage text (unmapped glyphs), a handful of characters, or a large image and little
// text are rendered at 200 dpi and OCRed one at a time, when input.ocr is given; otherwise they come back
// with textSource 'none' (or keep their few real words).
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Box, Line, Page, ReadResult, Word } from '../layout.ts';
import { ReadError } from '../read-error.ts';
import type { OcrEngine, Reader } from '../reader.ts';
import { closePdf, openPdf, renderPage } from '../render-pdf-page.ts';

/** Pages whose text is read at the same time (pdfjs overlaps parsing of one with messaging of another). */
const PAGE_CONCURRENCY = 4;
/** Fewer visible characters than this on a page: treat it as having no text layer (when OCR is available). */
const MIN_PAGE_CHARS = 20;
/** Up to this many characters, a page with a large image is taken to be a scan and OCRed (when available). */
const SCAN_CHECK_MAX_CHARS = 200;
/** An image with at least this many pixels on a page with little text makes it a scan. */
const SCAN_IMAGE_PIXELS = 1_000_000;
/** More than this share of unusable characters (U+FFFD, controls, private use): the text layer is garbage. */
const MAX_BAD_CHAR_SHARE = 0.3;
/** OCR renders at this resolution, capped in pixels. */
const OCR_DPI = 200;
const OCR_MAX_SIDE = 3000;
const OCR_MAX_PIXELS = 8_000_000;
/** Column recursion depth. */
const MAX_DEPTH = 6;
/** A column piece reads as running text when its rows average at least this many characters. */
const MIN_COLUMN_ROW_CHARS = 15;

export const readPdf: Reader = async (input) => {
  if (input.bytes.length > input.limits.maxBytes) {
    throw new ReadError(
      'too_large',
      `The PDF is ${formatBytes(input.bytes.length)}; the limit is ${formatBytes(input.limits.maxBytes)}.`,
    );
  }
  const doc = await openPdf(input.bytes, input.password);
  try {
    const pageCount = doc.numPages;
    if (pageCount > input.limits.maxPages) {
      throw new ReadError(
        'too_many_pages',
        `The PDF has ${pageCount} pages; the limit is ${input.limits.maxPages}.`,
      );
    }
    const metadata = await readMetadata(doc);
    const pages = await mapLimit(pageCount, PAGE_CONCURRENCY, async (index) => {
      try {
        return await readTextLayer(doc, index + 1, input.ocr !== undefined);
      } catch (error) {
        if (error instanceof ReadError) throw error;
        return undefined;
      }
    });
    // Pages that could not be read at all (the rest of the file still is).
    const damaged = pages.flatMap((page, index) => (page ? [] : [index + 1]));
    if (pageCount > 0 && damaged.length === pageCount) {
      throw new ReadError('corrupt', 'The PDF is damaged: none of its pages could be read.');
    }
    const result: Page[] = [];
    const ocrPages: number[] = [];
    const ocrFailed: number[] = [];
    // OCR one page at a time: each holds a large image.
    for (let index = 0; index < pageCount; index++) {
      const read = pages[index];
      if (!read) {
        result.push({
          pageNumber: index + 1,
          width: 0,
          height: 0,
          rotation: 0,
          textSource: 'none',
          lines: [],
        });
        continue;
      }
      if (read.needsOcr && input.ocr) {
        try {
          const ocred = await ocrPage(doc, read.page, input.ocr);
          if (ocred) {
            result.push(ocred);
            ocrPages.push(read.page.pageNumber);
            continue;
          }
        } catch (error) {
          // One page that cannot be rendered or recognised keeps what its text layer has.
          if (error instanceof ReadError) throw error;
          ocrFailed.push(read.page.pageNumber);
        }
      }
      result.push(read.usable ? read.page : { ...read.page, textSource: 'none', lines: [] });
    }
    const title = metadata.title;
    return {
      mediaType: 'application/pdf',
      title: typeof title === 'string' && title !== '' ? title : undefined,
      metadata: {
        ...metadata,
        pageCount,
        ...(ocrPages.length ? { ocrPages } : {}),
        ...(ocrFailed.length ? { ocrFailedPages: ocrFailed } : {}),
        ...(damaged.length ? { damagedPages: damaged } : {}),
      },
      pages: result,
      text: result.map(pageText).join('\f'),
    } satisfies ReadResult;
  } finally {
    await closePdf(doc);
  }
};

// ---------------------------------------------------------------------------------------------------
// Document metadata

const infoFields: [string, string][] = [
  ['Title', 'title'],
  ['Author', 'author'],
  ['Subject', 'subject'],
  ['Keywords', 'keywords'],
  ['Creator', 'creator'],
  ['Producer', 'producer'],
];

async function readMetadata(doc: PDFDocumentProxy): Promise<Record<string, unknown>> {
  let info: Record<string, unknown> = {};
  let xmpTitle: unknown;
  try {
    const meta = await doc.getMetadata();
    info = (meta.info ?? {}) as Record<string, unknown>;
    xmpTitle = meta.metadata?.get('dc:title');
  } catch {
    // Metadata is optional; a broken Info dictionary does not stop the text.
  }
  const out: Record<string, unknown> = {};
  for (const [pdfName, key] of infoFields) {
    const value = cleanString(info[pdfName]);
    if (value) out[key] = value;
  }
  if (!out.title) {
    const value = cleanString(xmpTitle);
    if (value) out.title = value;
  }
  for (const [pdfName, key] of [
    ['CreationDate', 'creationDate'],
    ['ModDate', 'modDate'],
  ] as const) {
    const value = cleanString(info[pdfName]);
    if (value) out[key] = parsePdfDate(value) ?? value;
  }
  const version = cleanString(info.PDFFormatVersion);
  if (version) out.pdfVersion = version;
  out.encrypted = info.EncryptFilterName !== null && info.EncryptFilterName !== undefined;
  return out;
}

function cleanString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f\ufffd\s]+/g, ' ').trim();
  return text || undefined;
}

/** PDF dates look like D:YYYYMMDDHHmmSS+HH'mm'; returns an ISO string, or undefined when unparseable. */
export function parsePdfDate(value: string): string | undefined {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz]|[+-]\d{2}'?(?:\d{2})?'?)?/.exec(
    value,
  );
  if (!m) return undefined;
  const [year, month = '01', day = '01', hour = '00', minute = '00', second = '00'] = m.slice(1, 7);
  let offsetMinutes = 0;
  const zone = m[7];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(/'/g, '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
  }
  const utc =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) -
    offsetMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime()) || Number(month) > 12 || Number(day) > 31) return undefined;
  return date.toISOString();
}

// ---------------------------------------------------------------------------------------------------
// Pages

interface TextLayerRead {
  page: Page;
  /** The text layer has enough real text to use. */
  usable: boolean;
  /** OCR would do better than the text layer (no text, garbage, or a scan with a few stamped words). */
  needsOcr: boolean;
}

async function readTextLayer(
  doc: PDFDocumentProxy,
  pageNumber: number,
  canOcr: boolean,
): Promise<TextLayerRead> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const laid = layoutTextItems(
      content.items as RawItem[],
      content.styles as Record<string, RawStyle>,
      viewport.transform,
      viewport.width,
      viewport.height,
    );
    const quality = assessTextLayer(laid);
    const garbage = quality === 'none' || quality === 'garbage';
    let needsOcr = quality !== 'ok';
    if (!needsOcr && canOcr && laid.chars <= SCAN_CHECK_MAX_CHARS) needsOcr = await hasLargeImage(page);
    return {
      page: {
        pageNumber,
        width: viewport.width,
        height: viewport.height,
        // Clockwise turn of the page as stored that reads it upright: its /Rotate, plus the turn that made
        // the main text direction left-to-right on the displayed page (0 for ordinary pages).
        rotation: (page.rotate + laid.textRotation) % 360,
        textSource: 'text-layer',
        lines: laid.lines,
      },
      usable: !garbage,
      needsOcr,
    };
  } finally {
    page.cleanup();
  }
}

/**
 * Whether a page's text layer is worth using: 'none' (no text), 'garbage' (mostly replacement, control or
 * private-use characters: glyphs without a Unicode mapping), 'scant' (a handful of characters on a whole
 * page: kept without OCR, replaced by OCR when available) or 'ok'.
 */
export function assessTextLayer(text: {
  chars: number;
  badChars: number;
}): 'none' | 'garbage' | 'scant' | 'ok' {
  if (text.chars === 0) return 'none';
  if (text.badChars / text.chars > MAX_BAD_CHAR_SHARE) return 'garbage';
  if (text.chars < MIN_PAGE_CHARS) return 'scant';
  return 'ok';
}

async function hasLargeImage(page: PDFPageProxy): Promise<boolean> {
  try {
    const list = await page.getOperatorList();
    for (let i = 0; i < list.fnArray.length; i++) {
      const fn = list.fnArray[i];
      if (
        fn !== OPS.paintImageXObject &&
        fn !== OPS.paintInlineImageXObject &&
        fn !== OPS.paintImageMaskXObject
      ) {
        continue;
      }
      const args = list.argsArray[i] as unknown[] | undefined;
      const image = args?.[0] as { width?: unknown; height?: unknown } | undefined;
      const width = Number(args?.[1] ?? image?.width ?? 0);
      const height = Number(args?.[2] ?? image?.height ?? 0);
      if (width * height >= SCAN_IMAGE_PIXELS) return true;
    }
  } catch {
    // Without the operator list, keep the text layer.
  }
  return false;
}

async function ocrPage(doc: PDFDocumentProxy, base: Page, ocr: OcrEngine): Promise<Page | undefined> {
  const rendered = await renderPage(doc, base.pageNumber, {
    dpi: OCR_DPI,
    maxSide: OCR_MAX_SIDE,
    maxPixels: OCR_MAX_PIXELS,
    png: false,
  });
  const result = await ocr.recognize(rendered.image);
  // A page with a few real words whose OCR found nothing keeps its words.
  if (result.lines.length === 0 && base.lines.length > 0 && base.textSource === 'text-layer')
    return undefined;
  return {
    pageNumber: base.pageNumber,
    width: rendered.widthPoints,
    height: rendered.heightPoints,
    // Boxes are relative to the page as displayed (after /Rotate), which is what was rendered.
    rotation: (((rendered.rotation + result.rotation) % 360) + 360) % 360,
    textSource: 'ocr',
    lines: result.lines,
  };
}

/** Lines joined by newlines, blocks separated by a blank line. */
export function pageText(page: Page): string {
  let text = '';
  let block: number | undefined;
  for (const line of page.lines) {
    if (block !== undefined) text += line.block === block ? '\n' : '\n\n';
    block = line.block;
    text += line.words.map((w) => w.text).join(' ');
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------
// Layout

/** The parts of a pdfjs TextItem this reader uses. */
interface RawItem {
  str?: string;
  dir?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
  hasEOL?: boolean;
}
interface RawStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/** A piece of a word (a word can span several items). Frame coordinates: text reads left to right, y down. */
interface Frag {
  text: string;
  x0: number;
  x1: number;
  /** Baseline y in the frame. */
  base: number;
  /** Font size in points. */
  size: number;
  /** Box on the displayed page, in points: x0, y0, x1, y1. */
  box: [number, number, number, number];
  /** Position in the content stream, to join pieces of one word. */
  seq: number;
  /** Whitespace (or a line end) came right before it in the content stream. */
  spaceBefore: boolean;
  rtl: boolean;
}

interface OrderedLine {
  frags: Frag[];
  /** Which leaf (column piece or row zone) of the layout produced it. */
  leaf: number;
  base: number;
  size: number;
}

export interface LaidOutText {
  lines: Line[];
  /** Visible characters and unusable ones (replacement, control, private use). */
  chars: number;
  badChars: number;
  /** Clockwise rotation applied to the displayed page so its main text reads left to right. */
  textRotation: number;
}

type Matrix = number[];

function multiply(m1: Matrix, m2: Matrix): Matrix {
  const [a1 = 0, b1 = 0, c1 = 0, d1 = 0, e1 = 0, f1 = 0] = m1;
  const [a2 = 0, b2 = 0, c2 = 0, d2 = 0, e2 = 0, f2 = 0] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

/** Rotates a display point by -angle (clockwise degrees, a multiple of 90) into the reading frame. */
function toFrame(x: number, y: number, angle: number): [number, number] {
  switch (angle) {
    case 90:
      return [y, -x];
    case 180:
      return [-x, -y];
    case 270:
      return [-y, x];
    default:
      return [x, y];
  }
}

// Advance widths of Helvetica (1/1000 em) for ASCII 32..126, to place words inside a run.
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

function glyphWidth(code: number): number {
  if (code >= 32 && code <= 126) return ASCII_WIDTHS[code - 32] ?? 556;
  if (code >= 0x2e80) return 1000; // CJK and other wide scripts
  return 556;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

function isBad(code: number): boolean {
  return code === 0xfffd || code < 32 || (code >= 0xe000 && code <= 0xf8ff);
}

/**
 * Lays out one page's text items (pdfjs getTextContent) into lines in reading order.
 * `viewportTransform` maps PDF user space to the displayed page (scale 1, /Rotate applied), whose size
 * in points is width × height; boxes come out relative to it.
 */
export function layoutTextItems(
  items: RawItem[],
  styles: Record<string, RawStyle>,
  viewportTransform: Matrix,
  width: number,
  height: number,
): LaidOutText {
  let chars = 0;
  let badChars = 0;
  // Pass 1: geometry of each item on the displayed page, and the main text direction.
  const placed: Placed[] = [];
  const quadrantChars = [0, 0, 0, 0];
  let pendingSpace = true;
  for (const item of items) {
    const str = item.str;
    if (typeof str !== 'string' || !item.transform) {
      continue;
    }
    let visible = 0;
    for (let i = 0; i < str.length; i++) {
      const code = str.charCodeAt(i);
      if (isSpace(code)) continue;
      visible++;
      if (isBad(code)) badChars++;
    }
    if (visible === 0) {
      if (str.length > 0 || item.hasEOL) pendingSpace = true;
      continue;
    }
    const tx = multiply(viewportTransform, item.transform);
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = tx;
    const size = Math.hypot(c, d);
    const style = (item.fontName && styles[item.fontName]) || {};
    const vertical = style.vertical === true || item.dir === 'ttb';
    let angle = (Math.atan2(b, a) * 180) / Math.PI + (vertical ? 90 : 0);
    angle = ((angle % 360) + 360) % 360;
    const rad = (angle * Math.PI) / 180;
    const dir: [number, number] = [Math.cos(rad), Math.sin(rad)];
    const upLength = Math.hypot(c, d) || 1;
    const up: [number, number] = vertical ? [-dir[1], dir[0]] : [c / upLength, d / upLength];
    if (!(size > 0) || !Number.isFinite(size)) {
      pendingSpace = true;
      continue;
    }
    chars += visible;
    let advance = vertical ? Number(item.height ?? 0) : Number(item.width ?? 0);
    if (!(advance > 0)) advance = (estimateWidth(str) / 1000) * size;
    let ascent = typeof style.ascent === 'number' && style.ascent > 0 ? style.ascent : 0;
    let descent = typeof style.descent === 'number' && style.descent < 0 ? style.descent : -0.2;
    if (!ascent) ascent = 1 + descent;
    ascent = Math.min(Math.max(ascent, 0.5), 1.2);
    descent = Math.min(Math.max(descent, -0.5), 0);
    const quadrant = Math.round(angle / 90) % 4;
    quadrantChars[quadrant] = (quadrantChars[quadrant] ?? 0) + visible;
    placed.push({
      item,
      str,
      origin: [e, f],
      dir,
      up,
      size,
      advance,
      ascent,
      descent,
      angle,
      quadrant,
      spaceBefore: pendingSpace || isSpace(str.charCodeAt(0)),
    });
    pendingSpace = item.hasEOL === true || isSpace(str.charCodeAt(str.length - 1));
  }
  let mainQuadrant = 0;
  for (let q = 1; q < 4; q++)
    if ((quadrantChars[q] ?? 0) > (quadrantChars[mainQuadrant] ?? 0)) mainQuadrant = q;

  // Pass 2: words pieces, grouped by reading direction; text more than 10° off a right angle is read last.
  const groups = new Map<number, Frag[]>();
  const skewed: Frag[][] = [];
  let seq = 0;
  for (const p of placed) {
    const frameAngle = p.quadrant * 90;
    const off = Math.abs(((p.angle - frameAngle + 540) % 360) - 180);
    const isSkewed = off > 10;
    const frags = splitItem(p, isSkewed ? 0 : frameAngle, width, height, () => seq++);
    if (frags.length === 0) continue;
    if (isSkewed) {
      skewed.push(frags);
      continue;
    }
    let group = groups.get(frameAngle);
    if (!group) groups.set(frameAngle, (group = []));
    for (const frag of frags) group.push(frag);
  }

  const ordered: OrderedLine[] = [];
  const state = { leaf: 0 };
  const angles = [...groups.keys()].sort((x, y) =>
    x === mainQuadrant * 90 ? -1 : y === mainQuadrant * 90 ? 1 : x - y,
  );
  for (const angle of angles) layoutNode(groups.get(angle) ?? [], 0, ordered, state);
  for (const frags of skewed) {
    const first = frags[0];
    if (first) ordered.push({ frags, leaf: state.leaf++, base: first.base, size: first.size });
  }
  return {
    lines: toLines(ordered, width, height),
    chars,
    badChars,
    textRotation: (360 - mainQuadrant * 90) % 360,
  };
}

function estimateWidth(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += glyphWidth(text.charCodeAt(i));
  return sum;
}

/** A text item placed on the displayed page: its run's geometry and direction. */
interface Placed {
  item: RawItem;
  str: string;
  origin: [number, number];
  dir: [number, number];
  up: [number, number];
  size: number;
  advance: number;
  ascent: number;
  descent: number;
  angle: number;
  quadrant: number;
  spaceBefore: boolean;
}

/** Splits one text item at whitespace into word pieces with estimated positions along the run. */
function splitItem(
  p: Placed,
  frameAngle: number,
  width: number,
  height: number,
  nextSeq: () => number,
): Frag[] {
  const { str, origin, dir, up, size, advance } = p;
  const total = estimateWidth(str) || 1;
  const perUnit = advance / total;
  const rtl = p.item.dir === 'rtl';
  const frags: Frag[] = [];
  let position = 0;
  let start = -1;
  let startPos = 0;
  let first = true;
  const asc = p.ascent * size;
  const desc = -p.descent * size;
  const emit = (end: number, endPos: number): void => {
    let t0 = startPos * perUnit;
    let t1 = endPos * perUnit;
    if (rtl) [t0, t1] = [advance - t1, advance - t0];
    const xs = [t0, t0, t1, t1];
    const hs = [asc, -desc, asc, -desc];
    let bx0 = Infinity;
    let by0 = Infinity;
    let bx1 = -Infinity;
    let by1 = -Infinity;
    for (let k = 0; k < 4; k++) {
      const t = xs[k] ?? 0;
      const h = hs[k] ?? 0;
      const x = origin[0] + t * dir[0] + h * up[0];
      const y = origin[1] + t * dir[1] + h * up[1];
      if (x < bx0) bx0 = x;
      if (x > bx1) bx1 = x;
      if (y < by0) by0 = y;
      if (y > by1) by1 = y;
    }
    // Words whose middle is off the page are not visible.
    const cx = (bx0 + bx1) / 2;
    const cy = (by0 + by1) / 2;
    const spaceBefore = first ? p.spaceBefore : true;
    first = false;
    if (cx < 0 || cy < 0 || cx > width || cy > height) return;
    const mid = (t0 + t1) / 2;
    const [, base] = toFrame(origin[0] + mid * dir[0], origin[1] + mid * dir[1], frameAngle);
    const [fx0, fy0] = toFrame(bx0, by0, frameAngle);
    const [fx1] = toFrame(bx1, by1, frameAngle);
    frags.push({
      text: str.slice(start, end),
      x0: Math.min(fx0, fx1),
      x1: Math.max(fx0, fx1),
      base: Number.isFinite(base) ? base : fy0,
      size,
      box: [bx0, by0, bx1, by1],
      seq: nextSeq(),
      spaceBefore,
      rtl,
    });
  };
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (isSpace(code)) {
      if (start >= 0) {
        emit(i, position);
        start = -1;
      }
    } else if (start < 0) {
      start = i;
      startPos = position;
    }
    position += glyphWidth(code);
  }
  if (start >= 0) emit(str.length, position);
  return frags;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}

/** Vertical extent used to separate bands: the body of the glyphs, without ascender and descender slack. */
const coreTop = (f: Frag): number => f.base - 0.75 * f.size;
const coreBottom = (f: Frag): number => f.base + 0.15 * f.size;

type Interval = [number, number];

/** Lays out a set of fragments (a page, or a column of it) and appends its lines in reading order. */
function layoutNode(frags: Frag[], depth: number, out: OrderedLine[], state: { leaf: number }): void {
  if (frags.length === 0) return;
  const size = median(frags.map((f) => f.size));
  const minGutter = Math.max(1.2 * size, 4);
  let minX = Infinity;
  let maxX = -Infinity;
  for (const f of frags) {
    if (f.x0 < minX) minX = f.x0;
    if (f.x1 > maxX) maxX = f.x1;
  }
  const hasGutter = (free: Interval[]): boolean =>
    free.some(([a, b]) => a > minX && b < maxX && b - a >= minGutter);

  // Bands: maximal runs of fragments whose vertical extents overlap.
  const byTop = [...frags].sort((a, b) => coreTop(a) - coreTop(b));
  const bands: Frag[][] = [];
  let bottom = -Infinity;
  for (const f of byTop) {
    const last = bands[bands.length - 1];
    if (last && coreTop(f) < bottom) {
      last.push(f);
      bottom = Math.max(bottom, coreBottom(f));
    } else {
      bands.push([f]);
      bottom = coreBottom(f);
    }
  }

  // Zones: consecutive bands that share a vertical gutter, or that have none.
  interface Zone {
    frags: Frag[];
    free: Interval[];
  }
  const zones: Zone[] = [];
  for (const band of bands) {
    const free = freeIntervals(band, minX, maxX);
    const zone = zones[zones.length - 1];
    if (zone) {
      const zoneHas = hasGutter(zone.free);
      const common = intersect(zone.free, free);
      // A zone without a gutter does not take a band that would give it one (text on the left above,
      // on the right below, is read top to bottom); a zone with one keeps it while the bands keep it.
      if (zoneHas ? hasGutter(common) : !hasGutter(free) && !hasGutter(common)) {
        for (const f of band) zone.frags.push(f);
        zone.free = common;
        continue;
      }
    }
    zones.push({ frags: [...band], free });
  }

  // Consecutive zones read row by row are emitted together, so that a paragraph whose first line has a
  // tab ("(a)<tab>Text...") stays one leaf and its blocks come from line spacing alone.
  let rowWise: Frag[] = [];
  for (const zone of zones) {
    const gutters = zone.free.filter(([a, b]) => a > minX && b < maxX && b - a >= minGutter);
    if (gutters.length > 0 && depth < MAX_DEPTH) {
      const pieces: Frag[][] = gutters.map(() => []);
      pieces.push([]);
      for (const f of zone.frags) {
        const center = (f.x0 + f.x1) / 2;
        let lo = 0;
        let hi = gutters.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((gutters[mid]?.[0] ?? Infinity) < center) lo = mid + 1;
          else hi = mid;
        }
        pieces[lo]?.push(f);
      }
      const nonEmpty = pieces.filter((p) => p.length > 0);
      if (nonEmpty.length >= 2 && readsAsColumns(nonEmpty)) {
        if (rowWise.length) emitRows(rowWise, out, state);
        rowWise = [];
        for (const piece of nonEmpty) layoutNode(piece, depth + 1, out, state);
        continue;
      }
    }
    for (const f of zone.frags) rowWise.push(f);
  }
  if (rowWise.length) emitRows(rowWise, out, state);
}

/** Whitespace between the fragments' x ranges, from minX to maxX. */
function freeIntervals(frags: Frag[], minX: number, maxX: number): Interval[] {
  const sorted = [...frags].sort((a, b) => a.x0 - b.x0);
  const free: Interval[] = [];
  let reach = minX;
  for (const f of sorted) {
    if (f.x0 > reach) free.push([reach, f.x0]);
    if (f.x1 > reach) reach = f.x1;
  }
  if (reach < maxX) free.push([reach, maxX]);
  return free;
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (hi > lo) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

/** Groups fragments into visual rows (by baseline), top to bottom. */
function rows(frags: Frag[]): Frag[][] {
  const sorted = [...frags].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const result: Frag[][] = [];
  let ref = -Infinity;
  let refSize = 0;
  for (const f of sorted) {
    const last = result[result.length - 1];
    if (last && f.base - ref <= 0.5 * Math.max(refSize, f.size)) {
      last.push(f);
    } else {
      result.push([f]);
      ref = f.base;
      refSize = f.size;
    }
  }
  return result;
}

/** A column of text fills its width: the median row is at least half as wide as the widest. */
function fillsWidth(pieceRows: Frag[][]): boolean {
  let left = Infinity;
  let right = -Infinity;
  const widths = pieceRows.map((row) => {
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const f of row) {
      x0 = Math.min(x0, f.x0);
      x1 = Math.max(x1, f.x1);
    }
    left = Math.min(left, x0);
    right = Math.max(right, x1);
    return x1 - x0;
  });
  return median(widths) >= 0.5 * (right - left);
}

/** Labels of a form ("Invoice date:") end with a colon; a column of them is read with its values. */
function mostlyLabels(pieceRows: Frag[][]): boolean {
  const labels = pieceRows.filter((row) => row[row.length - 1]?.text.endsWith(':')).length;
  return labels >= 0.5 * pieceRows.length;
}

/** Most rows start at the same x (within an em), as a column's lines do; right-aligned blocks do not. */
function leftAligned(pieceRows: Frag[][]): boolean {
  let left = Infinity;
  const starts = pieceRows.map((row) => {
    let x = Infinity;
    let size = 0;
    for (const f of row) {
      if (f.x0 < x) x = f.x0;
      size = Math.max(size, f.size);
    }
    if (x < left) left = x;
    return [x, size] as const;
  });
  const aligned = starts.filter(([x, size]) => x - left <= size).length;
  return aligned >= 0.6 * starts.length;
}

/**
 * Pieces of a zone are read as columns when each is running text (rows average MIN_COLUMN_ROW_CHARS
 * characters: not table cells, labels or list numbers), has at least two rows, fills its width, is not
 * mostly "Label:" rows, starts its rows at one x (after the first piece), and sits beside its neighbour
 * (their heights overlap by half); otherwise the zone is read row by row, so forms keep label and value
 * together. A right-aligned
 * "Exhibit 10.1" next to a letterhead, or blocks staggered down the page, stay in top-to-bottom order.
 */
function readsAsColumns(pieces: Frag[][]): boolean {
  const spans: Interval[] = [];
  for (const piece of pieces) {
    const pieceRows = rows(piece);
    let chars = 0;
    let top = Infinity;
    let bottom = -Infinity;
    for (const f of piece) {
      chars += f.text.length + 1;
      top = Math.min(top, coreTop(f));
      bottom = Math.max(bottom, coreBottom(f));
    }
    if (pieceRows.length < 2 || chars / pieceRows.length < MIN_COLUMN_ROW_CHARS) return false;
    if (spans.length > 0 && !leftAligned(pieceRows)) return false;
    if (!fillsWidth(pieceRows) || mostlyLabels(pieceRows)) return false;
    spans.push([top, bottom]);
  }
  for (let i = 1; i < spans.length; i++) {
    const [a0, a1] = spans[i - 1] as Interval;
    const [b0, b1] = spans[i] as Interval;
    const overlap = Math.min(a1, b1) - Math.max(a0, b0);
    if (overlap < 0.5 * Math.min(a1 - a0, b1 - b0)) return false;
  }
  return true;
}

function emitRows(frags: Frag[], out: OrderedLine[], state: { leaf: number }): void {
  const leaf = state.leaf++;
  for (const row of rows(frags)) {
    let rtlChars = 0;
    for (const f of row) if (f.rtl) rtlChars += f.text.length;
    if (rtlChars * 2 > row.reduce((n, f) => n + f.text.length, 0)) row.sort((a, b) => b.x1 - a.x1);
    else row.sort((a, b) => a.x0 - b.x0 || a.seq - b.seq);
    const first = row[0];
    if (!first) continue;
    out.push({
      frags: row,
      leaf,
      base: median(row.map((f) => f.base)),
      size: median(row.map((f) => f.size)),
    });
  }
}

function round(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}

function relativeBox(box: [number, number, number, number], width: number, height: number): Box {
  const clamp = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : round(v));
  return [clamp(box[0] / width), clamp(box[1] / height), clamp(box[2] / width), clamp(box[3] / height)];
}

/** Joins pieces into words, and assigns blocks: a new block per leaf, at wide gaps and size changes. */
function toLines(ordered: OrderedLine[], width: number, height: number): Line[] {
  // Typical line pitch per leaf, to tell paragraph gaps from line spacing (double-spaced text too).
  const pitches = new Map<number, number[]>();
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1] as OrderedLine;
    const b = ordered[i] as OrderedLine;
    if (a.leaf === b.leaf && b.base > a.base) {
      let list = pitches.get(b.leaf);
      if (!list) pitches.set(b.leaf, (list = []));
      list.push(b.base - a.base);
    }
  }
  const medianPitch = new Map<number, number>();
  for (const [leaf, list] of pitches) medianPitch.set(leaf, median(list));

  const lines: Line[] = [];
  let block = -1;
  let previous: OrderedLine | undefined;
  for (const line of ordered) {
    const words = toWords(line.frags, width, height);
    if (words.length === 0) continue;
    let newBlock = previous === undefined || previous.leaf !== line.leaf;
    if (!newBlock && previous) {
      const pitch = line.base - previous.base;
      const typical = medianPitch.get(line.leaf) ?? pitch;
      const sizeChange = Math.abs(line.size - previous.size) > 0.2 * Math.max(line.size, previous.size);
      newBlock = pitch <= 0 || sizeChange || pitch > Math.max(1.3 * typical, typical + 0.4 * line.size);
    }
    if (newBlock) block++;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const w of words) {
      x0 = Math.min(x0, w.box[0]);
      y0 = Math.min(y0, w.box[1]);
      x1 = Math.max(x1, w.box[2]);
      y1 = Math.max(y1, w.box[3]);
    }
    lines.push({ words, box: [x0, y0, x1, y1], block });
    previous = line;
  }
  return lines;
}

function toWords(frags: Frag[], width: number, height: number): Word[] {
  const words: Word[] = [];
  let text = '';
  let box: [number, number, number, number] | undefined;
  let size = 0;
  let last: Frag | undefined;
  const flush = (): void => {
    if (box && text)
      words.push({ text, box: relativeBox(box, width, height), fontSize: Math.round(size * 100) / 100 });
  };
  for (const f of frags) {
    if (last && box) {
      // The same word drawn twice at (almost) the same place: fake bold or a shadow.
      if (
        f.text === last.text &&
        Math.abs(f.x0 - last.x0) < 0.2 * f.size &&
        Math.abs(f.base - last.base) < 0.2 * f.size
      ) {
        continue;
      }
      const gap = f.x0 - last.x1;
      const adjacent = f.seq === last.seq + 1 || Math.abs(gap) < 0.05 * f.size;
      if (!f.spaceBefore && adjacent && gap < 0.25 * f.size && gap > -0.5 * f.size && f.rtl === last.rtl) {
        text = f.rtl ? f.text + text : text + f.text;
        box = [
          Math.min(box[0], f.box[0]),
          Math.min(box[1], f.box[1]),
          Math.max(box[2], f.box[2]),
          Math.max(box[3], f.box[3]),
        ];
        last = f;
        continue;
      }
      flush();
    }
    text = f.text;
    box = [...f.box];
    size = f.size;
    last = f;
  }
  flush();
  return words;
}

// ---------------------------------------------------------------------------------------------------

/** Runs fn(0..count-1) with at most `limit` at once; results in index order. */
async function mapLimit<T>(count: number, limit: number, fn: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const run = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await fn(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, run));
  return results;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
