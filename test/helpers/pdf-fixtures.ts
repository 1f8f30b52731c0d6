// Small PDFs built in the test with @cantoo/pdf-lib and the standard fonts, so the PDF tests need no files.
// Coordinates given to these builders are PDF points with the origin at the bottom-left (as pdf-lib draws).
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';

export const LETTER: [number, number] = [612, 792];

export interface TextRun {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  size?: number;
  /** Counter-clockwise rotation of the text in PDF space, in degrees. */
  rotate?: number;
}

export interface PageSpec {
  runs?: TextRun[];
  /** Rectangles to draw (x, y, width, height), e.g. a page with graphics but no text. */
  rects?: [number, number, number, number][];
  size?: [number, number];
  /** PNG images drawn at x, y (bottom-left) with a width and height in points, e.g. a scanned page. */
  images?: { png: Uint8Array; x: number; y: number; width: number; height: number }[];
  /** /Rotate of the page, clockwise degrees. */
  rotate?: 0 | 90 | 180 | 270;
}

export interface DocSpec {
  pages: PageSpec[];
  title?: string;
  author?: string;
  subject?: string;
  creationDate?: Date;
  /** Encrypt with these passwords (AES-256). */
  encrypt?: { userPassword: string; ownerPassword?: string };
}

export async function buildPdf(spec: DocSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (spec.title !== undefined) doc.setTitle(spec.title);
  if (spec.author !== undefined) doc.setAuthor(spec.author);
  if (spec.subject !== undefined) doc.setSubject(spec.subject);
  if (spec.creationDate !== undefined) doc.setCreationDate(spec.creationDate);
  doc.setProducer('Docket test fixtures');
  for (const pageSpec of spec.pages) {
    const page = doc.addPage(pageSpec.size ?? LETTER);
    for (const { png, ...at } of pageSpec.images ?? []) page.drawImage(await doc.embedPng(png), at);
    drawPage(page, font, pageSpec);
  }
  if (spec.encrypt) {
    doc.encrypt({
      userPassword: spec.encrypt.userPassword,
      ownerPassword: spec.encrypt.ownerPassword ?? `${spec.encrypt.userPassword}-owner`,
    });
  }
  return await doc.save();
}

function drawPage(page: PDFPage, font: PDFFont, spec: PageSpec): void {
  if (spec.rotate) page.setRotation(degrees(spec.rotate));
  for (const [x, y, width, height] of spec.rects ?? []) {
    page.drawRectangle({
      x,
      y,
      width,
      height,
      borderColor: rgb(0, 0, 0),
      borderWidth: 2,
      color: rgb(0.8, 0.8, 0.9),
    });
  }
  for (const run of spec.runs ?? []) {
    page.drawText(run.text, {
      x: run.x,
      y: run.y,
      size: run.size ?? 12,
      font,
      color: rgb(0, 0, 0),
      ...(run.rotate ? { rotate: degrees(run.rotate) } : {}),
    });
  }
}

/** Lines of running text from the top of a column down, one run per line. */
export function column(lines: string[], x: number, top: number, size = 11, leading = 15): TextRun[] {
  return lines.map((text, i) => ({ text, x, y: top - i * leading, size }));
}

/**
 * A full-width title over two columns of text. By default their baselines line up, as a layout program
 * sets them; `rightOffset` moves the right column down by that many points.
 */
export function twoColumnPage(rightOffset = 0): {
  spec: PageSpec;
  title: string;
  left: string[];
  right: string[];
} {
  const title = 'Quarterly Report of the Northwind Cooperative Society';
  const left = [
    'Alpha one starts the left column',
    'alpha two continues on the left',
    'alpha three keeps going down here',
    'alpha four is still in the left',
    'alpha five ends the left column.',
  ];
  const right = [
    'Beta one opens the right column',
    'beta two carries on to the right',
    'beta three goes further down now',
    'beta four nearly finishes it off',
    'beta five closes the right side.',
  ];
  const runs: TextRun[] = [
    { text: title, x: 72, y: 720, size: 18 },
    ...column(left, 72, 680),
    ...column(right, 320, 680 - rightOffset),
  ];
  return { spec: { runs }, title, left, right };
}
