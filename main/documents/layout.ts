// What every reader produces: pages of lines of words with boxes, in reading order.
// Boxes are relative to the page (0..1, origin top-left) so that they survive rendering at any scale.

/** [x0, y0, x1, y1], each 0..1 of the page's width or height; origin at the top-left corner. */
export type Box = [number, number, number, number];

export interface Word {
  text: string;
  box: Box;
  /** Font size in points where the source tells it (PDF text layer); absent for OCR. */
  fontSize?: number;
  /** Recognition confidence 0..1 for OCR words; absent for a text layer. */
  confidence?: number;
}

export interface Line {
  words: Word[];
  box: Box;
  /** Index of the block (paragraph or column piece) this line belongs to, in reading order. */
  block: number;
}

export type TextSource = 'text-layer' | 'ocr' | 'none';

export interface Page {
  pageNumber: number;
  /** Page size in PDF points (text layer) or pixels (images). */
  width: number;
  height: number;
  /** Clockwise rotation in degrees (0, 90, 180, 270) that was applied to read the page upright. */
  rotation: number;
  textSource: TextSource;
  /** Lines in reading order: blocks in order, lines top to bottom within a block. */
  lines: Line[];
}

/** A row of a table-like file (CSV, XLSX); tickets and CRM imports map these to records later. */
export interface TableRow {
  /** 1-based row number in the source sheet, counting the header. */
  rowNumber: number;
  values: Record<string, string>;
}

export interface Table {
  /** Sheet name for XLSX; the file name for CSV. */
  name: string;
  columns: string[];
  /** Whether the first row was recognised as a header (otherwise columns are "Column 1", ...). */
  hasHeader: boolean;
  rows: TableRow[];
}

/** A file found inside another (an email's attachment); imported as its own document, linked to the parent. */
export interface Attachment {
  fileName: string;
  mediaType: string | undefined;
  bytes: Uint8Array;
}

export interface ReadResult {
  /** Detected media type, from the content (not the extension). */
  mediaType: string;
  /** A short title for lists: the PDF's or email's title/subject when it has one. */
  title?: string | undefined;
  /** Document metadata (author, dates, email headers, encoding, sheet names, ...); JSON-serialisable. */
  metadata: Record<string, unknown>;
  pages: Page[];
  /** Plain text of the whole document in reading order (what search indexes). */
  text: string;
  tables?: Table[];
  attachments?: Attachment[];
}
