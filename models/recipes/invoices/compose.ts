// Page composition before drawing: layouts place text runs, rules and fills on pages in points, with y
// growing downwards; each run may carry the invoice field its text is the value of. The PDF writer draws
// the ops, and the truth's boxes come from the runs, so what is drawn and what is labelled cannot differ.
//
// Separately placed runs on one line must stay at least RUN_GAP × size apart: pdf.js merges closer runs into
// one text item, and the reader then places the words inside it by estimated glyph widths.
import type { InvoiceFieldName } from '../../../main/invoices/types.ts';
import type { FontFamily } from './model.ts';

export const FONT_KEYS = [
  'Helvetica',
  'Helvetica-Bold',
  'Times-Roman',
  'Times-Bold',
  'Courier',
  'Courier-Bold',
] as const;
export type FontKey = (typeof FONT_KEYS)[number];

/** What the composer needs of a font (pdf-lib's PDFFont has it). */
export interface FontMetrics {
  widthOfTextAtSize(text: string, size: number): number;
}

export type Rgb = [number, number, number];

/** The smallest gap, in font sizes, that keeps two runs on a line apart in the PDF's text layer. */
export const RUN_GAP = 0.9;

/** Glyph extent above and below the baseline, in font sizes, for the field boxes. */
const ASCENT = 0.78;
const DESCENT = 0.24;

export interface TextOp {
  kind: 'text';
  text: string;
  /** Left edge and baseline, points from the page's top-left corner. */
  x: number;
  baseline: number;
  width: number;
  font: FontKey;
  size: number;
  color: Rgb;
  field?: InvoiceFieldName | undefined;
}

export interface LineOp {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
  color: Rgb;
}

export interface RectOp {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: Rgb | undefined;
  border?: Rgb | undefined;
  borderWidth?: number | undefined;
}

export type DrawOp = TextOp | LineOp | RectOp;

export interface ComposedPage {
  width: number;
  height: number;
  ops: DrawOp[];
}

export interface TextOptions {
  size: number;
  bold?: boolean;
  align?: 'left' | 'right' | 'center';
  field?: InvoiceFieldName | undefined;
  color?: Rgb;
}

const FAMILY_FONTS: Record<FontFamily, { regular: FontKey; bold: FontKey }> = {
  Helvetica: { regular: 'Helvetica', bold: 'Helvetica-Bold' },
  Times: { regular: 'Times-Roman', bold: 'Times-Bold' },
  Courier: { regular: 'Courier', bold: 'Courier-Bold' },
};

export class Composer {
  readonly pages: ComposedPage[] = [];
  readonly width: number;
  /** 0 while a receipt grows; set by fitHeight. */
  height: number;
  readonly family: FontFamily;
  /** The cursor: the top of the next thing to place on the current page. */
  y = 0;
  /** Where content must stop on a page (footers live below). */
  bottom: number;
  private current = 0;
  private readonly fonts: Record<FontKey, FontMetrics>;

  constructor(
    page: { width: number; height: number },
    family: FontFamily,
    fonts: Record<FontKey, FontMetrics>,
  ) {
    this.width = page.width;
    this.height = page.height;
    this.bottom = page.height > 0 ? page.height : Infinity;
    this.family = family;
    this.fonts = fonts;
    this.addPage();
  }

  get pageIndex(): number {
    return this.current;
  }

  addPage(): void {
    this.pages.push({ width: this.width, height: this.height, ops: [] });
    this.current = this.pages.length - 1;
  }

  /** Runs `draw` on another page (footers drawn once the page count is known), then returns. */
  onPage(index: number, draw: () => void): void {
    const saved = this.current;
    this.current = index;
    try {
      draw();
    } finally {
      this.current = saved;
    }
  }

  fontKey(bold = false): FontKey {
    const fonts = FAMILY_FONTS[this.family];
    return bold ? fonts.bold : fonts.regular;
  }

  measure(text: string, size: number, bold = false): number {
    return this.fonts[this.fontKey(bold)].widthOfTextAtSize(text, size);
  }

  /** Places a run; x is its left edge, right edge or centre as aligned. Returns its width. */
  text(text: string, x: number, baseline: number, options: TextOptions): number {
    if (text === '') return 0;
    const font = this.fontKey(options.bold);
    const width = this.fonts[font].widthOfTextAtSize(text, options.size);
    const left = options.align === 'right' ? x - width : options.align === 'center' ? x - width / 2 : x;
    this.ops().push({
      kind: 'text',
      text,
      x: left,
      baseline,
      width,
      font,
      size: options.size,
      color: options.color ?? [0, 0, 0],
      field: options.field,
    });
    return width;
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness = 0.5, color: Rgb = [0, 0, 0]): void {
    this.ops().push({ kind: 'line', x1, y1, x2, y2, thickness, color });
  }

  rect(
    x: number,
    y: number,
    width: number,
    height: number,
    style: { fill?: Rgb; border?: Rgb; borderWidth?: number },
  ): void {
    this.ops().push({ kind: 'rect', x, y, width, height, ...style });
  }

  /** Breaks text into lines no wider than maxWidth (at spaces; an over-long word stays whole). */
  wrap(text: string, maxWidth: number, size: number, bold = false): string[] {
    return wrapWords(text, maxWidth, (line) => this.measure(line, size, bold));
  }

  /** Whether `height` more points fit on the current page below the cursor. */
  fits(height: number): boolean {
    return this.y + height <= this.bottom;
  }

  /** Receipts: the page is as long as its content plus a margin. */
  fitHeight(margin: number): void {
    this.height = Math.ceil(this.y + margin);
    this.bottom = this.height;
    for (const page of this.pages) page.height = this.height;
  }

  private ops(): DrawOp[] {
    const page = this.pages[this.current];
    if (!page) throw new Error(`no page ${this.current}`);
    return page.ops;
  }
}

/** The box of a run, relative to its page (0..1, origin top-left). */
export function runBox(op: TextOp, page: ComposedPage): [number, number, number, number] {
  const clamp = (v: number): number => Math.min(1, Math.max(0, v));
  const round = (v: number): number => Math.round(v * 1e5) / 1e5;
  return [
    round(clamp(op.x / page.width)),
    round(clamp((op.baseline - ASCENT * op.size) / page.height)),
    round(clamp((op.x + op.width) / page.width)),
    round(clamp((op.baseline + DESCENT * op.size) / page.height)),
  ];
}

/**
 * Pairs of runs on a page whose glyphs would overlap: a layout bug, since the reader would then merge their
 * words. Glyph extents are taken a little tighter than the field boxes, so touching lines do not count.
 */
export function overlappingRuns(page: ComposedPage): [TextOp, TextOp][] {
  const runs = page.ops.filter((op): op is TextOp => op.kind === 'text');
  const found: [TextOp, TextOp][] = [];
  for (let i = 0; i < runs.length; i++) {
    const a = runs[i] as TextOp;
    for (let j = i + 1; j < runs.length; j++) {
      const b = runs[j] as TextOp;
      const xOverlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const yOverlap =
        Math.min(a.baseline + 0.18 * a.size, b.baseline + 0.18 * b.size) -
        Math.max(a.baseline - 0.7 * a.size, b.baseline - 0.7 * b.size);
      if (xOverlap > 0.5 && yOverlap > 0.5) found.push([a, b]);
    }
  }
  return found;
}

/** Words into lines no wider than `maxWidth` (a word wider than that gets a line of its own). */
export function wrapWords(text: string, maxWidth: number, width: (line: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && width(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
