// Line items from an invoice's table, by its geometry: rows are rebuilt from the words' vertical centres (a
// reader may split one table row across blocks), the header row is found by its column words in the five
// languages, columns are the header cells' x-ranges, and every row below is read cell by cell until the
// totals block. A row with an amount starts an item; description-only rows below it continue its
// description. A table that runs off the page goes on on the next one, under a repeated header or in the
// previous page's columns. Documents without a table header (receipts) fall back to lines shaped like
// "2 x Coffee 3,00", and only when there are several. A wrong line item is worse than none: when unsure,
// nothing is returned.
import type { Box, Page, Word } from '../documents/layout.ts';
import { unionBox } from './page-words.ts';
import { parseAmount, readAmount, type AmountReading, type NumberFormat } from './rules/amounts.ts';
import { isCurrencyMarker, splitCurrency } from './rules/currency.ts';
import {
  columnOfHeader,
  isHeaderDecoration,
  isPageMarker,
  MAX_HEADER_WORDS,
  mayNameCode,
  MEASURE_UNITS,
  mentionsReceiptNonItem,
  NUMERIC_COLUMNS,
  startsWithCarriedForwardLabel,
  startsWithSumLabel,
  startsWithTotalsLabel,
  type TableColumn,
} from './table-headers.ts';
import type { LineItem } from './types.ts';

export type ExtractedLineItem = LineItem & { page: number; bbox: Box };

export interface LineItemOptions {
  numberFormat: NumberFormat | null;
}

// Distances in "em": a row's height, converted to the page's x scale where horizontal.
/** Words closer than this belong to one phrase or cell; a wider gap separates columns. */
const PHRASE_GAP_EM = 0.8;
/** A header cell's x-range is widened by this much when deciding whether a word sits under it. */
const CORE_TOLERANCE_EM = 0.25;
// Vertical distances, in row heights.
/** The lines of a wrapped header are this close. */
const HEADER_LINE_GAP = 0.8;
/** A continuation line sits this close below its item's previous line. */
const CONTINUATION_GAP = 1.5;
/** A gap this tall ends the table (what follows is a footer or another part of the page). */
const LONG_GAP = 4;
/** Rows with more words than this are prose or noise, never a header. */
const MAX_HEADER_ROW_WORDS = 40;
/** Tax rates printed without "%" are believed only if they are rates some country uses. */
const PLAIN_TAX_RATES = new Set([
  0, 2.1, 2.5, 3, 4, 5, 5.5, 6, 7, 7.7, 8, 8.1, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
  27,
]);

// ---------------------------------------------------------------------------------------------------------
// Rows from geometry

interface Row {
  words: Word[];
  box: Box;
  /** Median word height, in page heights. */
  height: number;
  /** The same height in page widths: the unit of horizontal gaps. */
  em: number;
}

const centreX = (b: Box) => (b[0] + b[2]) / 2;
const centreY = (b: Box) => (b[1] + b[3]) / 2;
/** Degenerate (zero-height) boxes still get a height, far below any printed line's. */
const MIN_HEIGHT = 0.0001;

function isUsableBox(b: Box): boolean {
  return b.every(Number.isFinite) && b[2] >= b[0] && b[3] >= b[1];
}

/** The page's words grouped into rows: a word joins a row when their vertical centres lie within each other. */
function pageRows(page: Page): Row[] {
  const aspect = page.width > 0 && page.height > 0 ? page.height / page.width : Math.SQRT2;
  const words: Word[] = [];
  for (const line of page.lines) {
    for (const word of line.words) if (word.text.trim() && isUsableBox(word.box)) words.push(word);
  }
  words.sort((a, b) => centreY(a.box) - centreY(b.box));
  const groups: Word[][] = [];
  let current: Word[] = [];
  // The running mean top and bottom of the current row: a drifting band, not a chain of neighbours.
  let top = 0;
  let bottom = 0;
  for (const word of words) {
    const y0 = word.box[1];
    const y1 = word.box[3];
    const rowCentre = (top + bottom) / 2;
    const wordBottom = Math.max(y1, y0 + MIN_HEIGHT);
    if (current.length > 0 && centreY(word.box) <= bottom && rowCentre >= y0 && rowCentre <= wordBottom) {
      const n = current.push(word);
      top += (y0 - top) / n;
      bottom += (wordBottom - bottom) / n;
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [word];
    top = y0;
    bottom = wordBottom;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group) => {
    group.sort((a, b) => a.box[0] - b.box[0]);
    const heights = group.map((w) => Math.max(w.box[3] - w.box[1], MIN_HEIGHT)).sort((a, b) => a - b);
    const height = heights[heights.length >> 1]!;
    return { words: group, box: unionBox(group.map((w) => w.box)), height, em: height * aspect };
  });
}

interface PageRows {
  page: Page;
  rows: Row[];
}

/** Runs of words separated by less than a phrase gap: the cells' contents as printed. */
function phrases(words: readonly Word[], em: number): Word[][] {
  const out: Word[][] = [];
  for (const word of words) {
    const last = out.at(-1);
    const previous = last?.at(-1);
    if (last && previous && word.box[0] - previous.box[2] <= PHRASE_GAP_EM * em) last.push(word);
    else out.push([word]);
  }
  return out;
}

const texts = (words: readonly Word[]) => words.map((w) => w.text);
const hasDigit = (words: readonly Word[]) => words.some((w) => /\d/u.test(w.text));
const gapBelow = (upper: Row, lower: Row) => lower.box[1] - upper.box[3];

// ---------------------------------------------------------------------------------------------------------
// The header

interface Column {
  /** Null for a header the vocabulary does not know ("Discount"): its values are read into nothing. */
  kind: TableColumn | null;
  /** The header as printed, without decorations. */
  text: string;
  x0: number;
  x1: number;
}

interface HeaderCell {
  kind: TableColumn | null;
  words: Word[];
  /** Words the vocabulary explains (header words and decorations such as "(EUR)"). */
  covered: Word[];
}

const isDecoration = (text: string) =>
  isHeaderDecoration(text) || isCurrencyMarker(text.replace(/[()[\]]/gu, ''));

/**
 * A word the reader glued from two tightly set headers ("DetallePrecio") as its parts, each with its share
 * of the box; other words as they are.
 */
function unglued(word: Word): Word[] {
  if (!/\p{Ll}\p{Lu}/u.test(word.text) || columnOfHeader(word.text, { compounds: true })) return [word];
  const parts = word.text.split(/(?<=\p{Ll})(?=\p{Lu})/u);
  if (!parts.some((p) => columnOfHeader(p, { compounds: false }))) return [word];
  const [x0, y0, x1, y1] = word.box;
  const perChar = (x1 - x0) / word.text.length;
  let start = x0;
  return parts.map((text) => {
    const box: Box = [start, y0, start + text.length * perChar, y1];
    start = box[2];
    return { ...word, text, box };
  });
}

/** A header line's words as cells: longest known headers first ("Unit price" over "Unit"), then the rest. */
function headerCells(line: readonly Word[], em: number): HeaderCell[] {
  const words = line.flatMap(unglued);
  const cells: HeaderCell[] = [];
  const near = (a: Word, b: Word) => b.box[0] - a.box[2] <= PHRASE_GAP_EM * em;
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    let kind: TableColumn | null = null;
    let text = '';
    for (let k = 0; k < MAX_HEADER_WORDS && i + k < words.length; k++) {
      if (k > 0 && !near(words[i + k - 1]!, words[i + k]!)) break;
      text += ` ${words[i + k]!.text}`;
      // Compound endings ("...preis") only within one word: "Artikel Preis" is two columns.
      const column = columnOfHeader(text, { compounds: k === 0 });
      if (column) {
        matched = k + 1;
        kind = column;
      }
    }
    const previous = cells.at(-1);
    const joinsPrevious = previous !== undefined && i > 0 && near(words[i - 1]!, words[i]!);
    if (matched > 0) {
      const run = words.slice(i, i + matched);
      cells.push({ kind, words: run, covered: [...run] });
      i += matched;
      continue;
    }
    const word = words[i]!;
    const decoration = isDecoration(word.text);
    if (previous && joinsPrevious) {
      previous.words.push(word);
      if (decoration) previous.covered.push(word);
    } else {
      cells.push({ kind: null, words: [word], covered: decoration ? [word] : [] });
    }
    i++;
  }
  // An unknown word just before a known header qualifies it ("Gross Amount"): one cell, not two.
  for (let c = cells.length - 2; c >= 0; c--) {
    const cell = cells[c]!;
    const next = cells[c + 1]!;
    if (cell.kind === null && next.kind !== null && near(cell.words.at(-1)!, next.words[0]!)) {
      next.words.unshift(...cell.words);
      next.covered.unshift(...cell.covered);
      cells.splice(c, 1);
    }
  }
  return cells;
}

interface Stack {
  /** Cells of the band's lines that sit above one another, top line first. */
  cells: HeaderCell[];
  x0: number;
  x1: number;
}

interface HeaderReading {
  columns: Column[];
  /** Index of the header's last line. */
  last: number;
  covered: number;
}

function isHeaderCandidate(row: Row): boolean {
  return row.words.length <= MAX_HEADER_ROW_WORDS && !hasDigit(row.words);
}

/**
 * Reads rows[first..last] as one header: each line cut into cells, cells stacked where they overlap
 * horizontally ("Unit" over "price" is one "Unit price" cell). Null unless it names a table's columns.
 */
function readHeaderBand(
  rows: readonly Row[],
  first: number,
  last: number,
  main: number,
): HeaderReading | null {
  const em = rows[main]!.em;
  const stacks: Stack[] = [];
  const extraWords: Word[] = [];
  const order = [main, ...range(first, last).filter((r) => r !== main)];
  for (const r of order) {
    const row = rows[r]!;
    if (r !== main) extraWords.push(...row.words);
    for (const cell of headerCells(row.words, em)) {
      const x0 = cell.words[0]!.box[0];
      const x1 = cell.words.at(-1)!.box[2];
      let best: Stack | null = null;
      let bestOverlap = 0;
      for (const stack of stacks) {
        const overlap = Math.min(x1, stack.x1) - Math.max(x0, stack.x0);
        if (overlap > bestOverlap) [best, bestOverlap] = [stack, overlap];
      }
      if (best && r !== main) {
        best.cells.push(cell);
        best.x0 = Math.min(best.x0, x0);
        best.x1 = Math.max(best.x1, x1);
      } else {
        stacks.push({ cells: [cell], x0, x1 });
      }
    }
  }
  const covered = new Set<Word>();
  const columns: Column[] = [];
  for (const stack of stacks.sort((a, b) => a.x0 - b.x0)) {
    stack.cells.sort((a, b) => a.words[0]!.box[1] - b.words[0]!.box[1]);
    const words = stack.cells.flatMap((c) => c.words);
    const content = words.filter((w) => !isDecoration(w.text));
    const hyphenated = content.length === 2 && /-$/u.test(content[0]!.text);
    const whole =
      stack.cells.length > 1 ? columnOfHeader(texts(content).join(' '), { compounds: hyphenated }) : null;
    if (whole) {
      for (const w of words) covered.add(w);
    } else {
      for (const c of stack.cells) for (const w of c.covered) covered.add(w);
    }
    const kind = whole ?? stack.cells.find((c) => c.kind !== null)?.kind ?? null;
    columns.push({ kind, text: texts(content).join(' '), x0: stack.x0, x1: stack.x1 });
  }
  // The extra lines of a wrapped header must be header words through and through.
  if (extraWords.some((w) => !covered.has(w))) return null;
  // "Artikel | Bezeichnung", "Item | Description": the first names the code when the other names the text.
  const descriptions = columns.filter((c) => c.kind === 'description');
  if (descriptions.length > 1 && !columns.some((c) => c.kind === 'productCode')) {
    const code = descriptions.find((c) => mayNameCode(c.text));
    if (code) code.kind = 'productCode';
  }
  const seen = new Set<TableColumn>();
  for (const column of columns) {
    if (column.kind === null) continue;
    // A second column of a kind ("Net | VAT | Gross" amounts) is read into nothing: the first one counts.
    if (seen.has(column.kind)) column.kind = null;
    else seen.add(column.kind);
  }
  const total = range(first, last).reduce((n, r) => n + rows[r]!.words.length, 0);
  // A code column alone does not make an item table: tax summaries have "Code | Amount | Tax".
  const describes = seen.has('description') || seen.has('quantity');
  // Without a money column the rows are not priced items (a delivery note, a packing list).
  const prices = seen.has('amount') || seen.has('unitPrice');
  const kinds = [...seen].filter((k) => k !== 'position').length;
  if (kinds < 2 || !describes || !prices || covered.size < 0.5 * total) return null;
  return { columns, last, covered: covered.size };
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** The header whose main line is rows[i], with a wrapped line above (not before `floor`) or below. */
function headerAt(rows: readonly Row[], i: number, floor: number): HeaderReading | null {
  const row = rows[i]!;
  if (!isHeaderCandidate(row) || !row.words.some((w) => columnOfHeader(w.text, { compounds: true }))) {
    return null;
  }
  // A wrapped header's other line: header words, not a rule drawn with characters ("*****", "-----").
  const isHeaderLine = (r: Row) => isHeaderCandidate(r) && r.words.every((w) => /[\p{L}%#]/u.test(w.text));
  const near = (upper: number, lower: number) =>
    upper >= floor &&
    lower < rows.length &&
    isHeaderLine(rows[upper === i ? lower : upper]!) &&
    gapBelow(rows[upper]!, rows[lower]!) <=
      HEADER_LINE_GAP * Math.max(rows[upper]!.height, rows[lower]!.height);
  const above = near(i - 1, i);
  const below = near(i, i + 1);
  const bands: [number, number][] = [[i, i]];
  if (above) bands.push([i - 1, i]);
  if (below) bands.push([i, i + 1]);
  if (above && below) bands.push([i - 1, i + 1]);
  let best: HeaderReading | null = null;
  for (const [first, last] of bands) {
    const reading = readHeaderBand(rows, first, last, i);
    if (reading && (!best || reading.covered > best.covered)) best = reading;
  }
  return best;
}

function findHeader(rows: readonly Row[], from: number): { start: number; header: HeaderReading } | null {
  for (let i = from; i < rows.length; i++) {
    const header = headerAt(rows, i, from);
    if (header) return { start: i, header };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Cells of a row

type Cells = Map<TableColumn, Word[]>;

/**
 * Whether a piece of a row is a number: an amount ("1.234,50", "€7.80", "-12,00"), a quantity with its
 * unit ("3Stk", "10 h") or a rate ("19%"); not a code that starts with digits ("6648-287").
 */
function isNumericStart(words: readonly Word[]): boolean {
  const [first, second] = words.map((w) => w.text);
  const numeric = (t: string) => readAmount(t) !== null || /^\d+(?:[.,]\d+)?(?:\s?%|\p{L}{1,4}\.?)$/u.test(t);
  if (numeric(first!)) return true;
  return second !== undefined && isCurrencyMarker(first!) && numeric(second);
}

/**
 * Index of the column whose header sits above the word, if any: above its centre, or, for a word that
 * spans several headers (an OCR phrase), above its left edge (text) or right edge (numbers).
 */
function coreColumn(word: Word, columns: readonly Column[], em: number): number | null {
  const [x0, , x1] = word.box;
  const tolerance = CORE_TOLERANCE_EM * em;
  const spanned = columns.filter((c) => Math.min(x1, c.x1) > Math.max(x0, c.x0)).length;
  const x = spanned < 2 ? (x0 + x1) / 2 : isNumericStart([word]) ? x1 : x0;
  let best: number | null = null;
  let bestDistance = Infinity;
  columns.forEach((column, c) => {
    if (x < column.x0 - tolerance || x > column.x1 + tolerance) return;
    const distance = Math.abs(x - (column.x0 + column.x1) / 2);
    if (distance < bestDistance) [best, bestDistance] = [c, distance];
  });
  return best;
}

/**
 * A phrase cut where its words fall under different headers ("2 Stk" under "Menge" and "Einheit" set
 * tightly); words under no header stay with the piece before them.
 */
function splitUnderHeaders(phrase: readonly Word[], columns: readonly Column[], em: number) {
  const pieces: { words: Word[]; core: number | null }[] = [];
  for (const word of phrase) {
    const core = coreColumn(word, columns, em);
    const last = pieces.at(-1);
    if (last && (core === null || last.core === null || core === last.core)) {
      last.words.push(word);
      last.core ??= core;
    } else {
      pieces.push({ words: [word], core });
    }
  }
  return pieces;
}

/**
 * The column a piece under no header belongs to: numbers to a numeric neighbour (right-aligned values
 * wider than their header), text to a text neighbour (a description running on to the right). A number
 * with no numeric neighbour (an unlabelled position number) is dropped.
 */
function gapColumn(words: readonly Word[], columns: readonly Column[], em: number): number | null {
  const box = unionBox(words.map((w) => w.box));
  const numeric = isNumericStart(words);
  // Text runs on from its start, numbers stand at their end.
  const anchor = numeric ? box[2] : box[0];
  let left: number | null = null;
  let right: number | null = null;
  columns.forEach((column, c) => {
    const cx = (column.x0 + column.x1) / 2;
    if (cx <= anchor) left = c;
    else if (right === null) right = c;
  });
  const x = centreX(box);
  const fits = (c: number | null): c is number => {
    if (c === null) return false;
    const kind = columns[c]!.kind;
    return kind === null || NUMERIC_COLUMNS.has(kind) === numeric;
  };
  const alignment = (c: number) => {
    const column = columns[c]!;
    return Math.min(
      Math.abs(box[0] - column.x0),
      Math.abs(x - (column.x0 + column.x1) / 2),
      Math.abs(box[2] - column.x1),
    );
  };
  const candidates = [left, right].filter(fits);
  if (candidates.length === 0) {
    if (numeric) return null;
    return left ?? right;
  }
  if (candidates.length === 1) return candidates[0]!;
  // Text starts where its header starts ("ART-95677" under "Réf."), or runs on from the description.
  if (!numeric && right !== null && Math.abs(box[0] - columns[right]!.x0) <= CORE_TOLERANCE_EM * em * 2) {
    return right;
  }
  if (!numeric && left !== null && columns[left]!.kind === 'description') return left;
  return alignment(candidates[0]!) <= alignment(candidates[1]!) ? candidates[0]! : candidates[1]!;
}

function rowCells(row: Row, columns: readonly Column[]): { cells: Cells; words: Word[] } {
  const cells: Cells = new Map();
  const words: Word[] = [];
  for (const phrase of phrases(row.words, row.em)) {
    for (const piece of splitUnderHeaders(phrase, columns, row.em)) {
      const c = piece.core ?? gapColumn(piece.words, columns, row.em);
      if (c === null) continue;
      words.push(...piece.words);
      const kind = columns[c]!.kind;
      if (kind === null) continue;
      const cell = cells.get(kind);
      if (cell) cell.push(...piece.words);
      else cells.set(kind, [...piece.words]);
    }
  }
  return { cells, words };
}

// ---------------------------------------------------------------------------------------------------------
// Values

interface Quantity {
  value: number;
  unit: string | null;
}

/** "2", "1,5", "2.00", "3 Stk", "10h": the number, and a unit word printed after it. */
function readQuantity(text: string, format: NumberFormat | null): Quantity | null {
  const m = /^([-−]?\d[\d.,]*)\s*(.*)$/u.exec(text.trim());
  if (!m) return null;
  const value = parseAmount(m[1]!, format);
  if (value === null) return null;
  const rest = m[2]!.trim();
  if (!rest || /^[x×]$/iu.test(rest)) return { value, unit: null };
  // "Stk", "m²", "pc.", also two words: "tanto alzado".
  if (/^\p{L}[\p{L}.²³/-]{0,11}(?: \p{L}[\p{L}.]{0,11})?$/u.test(rest)) return { value, unit: rest };
  return null;
}

/** A price cell: "1.234,50", "€ 12.50", also with a tax class printed after it: "12,50 A", "3.71 SR". */
function readPrice(text: string, format: NumberFormat | null): AmountReading | null {
  const reading = readAmount(text, format);
  if (reading || !text) return reading;
  const flagged = /^(.*\d)\s*(?:[A-Z]{1,2}\d?|\*)$/u.exec(text);
  return flagged ? readAmount(flagged[1]!, format) : null;
}

/** "19%", "19 %", "21,00 %", "7": a tax rate in percent. */
function readTaxRate(text: string): number | null {
  const m = /^(\d{1,3}(?:[.,]\d{1,3})?)(%?)$/u.exec(text.replace(/\s+/gu, ''));
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  if (m[2]) return value <= 100 ? value : null;
  return PLAIN_TAX_RATES.has(value) ? value : null;
}

interface RowValues {
  description: string | null;
  quantity: Quantity | null;
  unit: string | null;
  unitPrice: number | null;
  amount: number | null;
  /** Whether the amount has a decimal part ("12,50"), which marks money more surely than "12". */
  amountHasDecimals: boolean;
  taxRate: number | null;
  productCode: string | null;
  /** Whether any numeric column holds a digit: such a row is not a description's continuation. */
  numbers: boolean;
}

function rowValues(cells: Cells, format: NumberFormat | null): RowValues {
  const text = (kind: TableColumn) => {
    const words = cells.get(kind);
    return words ? texts(words).join(' ').replace(/\s+/gu, ' ').trim() : '';
  };
  const amount = readPrice(text('amount'), format);
  return {
    description: text('description') || null,
    quantity: readQuantity(text('quantity'), format),
    unit: text('unit') || null,
    unitPrice: readPrice(text('unitPrice'), format)?.value ?? null,
    amount: amount?.value ?? null,
    amountHasDecimals: amount?.hasDecimals ?? false,
    taxRate: readTaxRate(text('taxRate')),
    productCode: text('productCode') || null,
    numbers: (['quantity', 'unitPrice', 'amount', 'taxRate'] as const).some((k) => /\d/u.test(text(k))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Reading a table

/** A line of description text with its words (the item's own, or a line above or below it). */
interface TextLine {
  text: string;
  words: Word[];
  bottom: number;
}

interface Draft {
  values: RowValues;
  /** The item row's words outside its description (numbers, code, unit). */
  words: Word[];
  /** Description lines in reading order; those from `tail` on are continuation lines below the item row. */
  lines: TextLine[];
  tail: number;
  page: number;
  bottom: number;
}

function finish(draft: Draft): ExtractedLineItem {
  const v = draft.values;
  return {
    description: draft.lines.map((l) => l.text).join(' ') || null,
    quantity: v.quantity?.value ?? null,
    unit: v.unit ?? v.quantity?.unit ?? null,
    unitPrice: v.unitPrice,
    amount: v.amount,
    taxRate: v.taxRate,
    productCode: v.productCode,
    page: draft.page,
    bbox: unionBox([...draft.words, ...draft.lines.flatMap((l) => l.words)].map((w) => w.box)),
  };
}

/**
 * "$7.10", "RM1.03", "12,50 €": a description cell that holds a price, not a description. A bare integer
 * ("2402") is an item code, whose name may follow on the lines below.
 */
function isPriceOnly(text: string): boolean {
  const tokens = text.split(/\s+/u);
  const price = (t: string) => {
    const reading = readAmount(t);
    return reading !== null && (reading.hasDecimals || reading.currencyMarker !== null);
  };
  return tokens.some(price) && tokens.every((t) => price(t) || isCurrencyMarker(t) || !/[\p{L}\d]/u.test(t));
}

type TableEnd = 'totals' | 'gap' | 'page';

interface TableRead {
  items: ExtractedLineItem[];
  end: TableEnd;
  /** The height of the table's lines (of its last header). */
  lineHeight: number;
  /** The row that ended the table (totals or after the gap); rows.length at the page's end. */
  next: number;
  columns: Column[];
}

interface TableStart {
  rows: readonly Row[];
  page: number;
  start: number;
  columns: Column[];
  format: NumberFormat | null;
  /** The bottom of the header, or null when the table is picked up on a new page without one. */
  headerBottom: number | null;
  lineHeight: number;
}

/** Whether a row is page furniture: "Page 2 of 3" or a carried-forward line ("Übertrag 1.234,00"). */
function isFurniture(row: Row): boolean {
  // The whole row too: a footer's words may be spread so that each falls under another column.
  if (isPageMarker(texts(row.words))) return true;
  return phrases(row.words, row.em).some(
    (p) => isPageMarker(texts(p)) || startsWithCarriedForwardLabel(texts(p)),
  );
}

/**
 * Whether a row opens the totals block: a sum's label ("Subtotal"), or a tax line's label on a row with a
 * price or a rate ("MwSt. 19 % 19,00"; not "VAT Invoice INV008357" or "VAT No. GB 670 8195 58").
 */
function isTotalsRow(row: Row): boolean {
  const priced = row.words.some((w) => /\d\s*%/u.test(w.text) || readAmount(w.text)?.hasDecimals === true);
  return phrases(row.words, row.em).some((p) =>
    priced ? startsWithTotalsLabel(texts(p)) : startsWithSumLabel(texts(p)),
  );
}

function readTable(start: TableStart): TableRead {
  const { rows, page, format } = start;
  let columns = start.columns;
  let lineHeight = start.lineHeight;
  const keyKind = () => (columns.some((c) => c.kind === 'amount') ? 'amount' : 'unitPrice');
  // Picked up on a new page without a header: until a first item, a row must look surely like one.
  let strict = start.headerBottom === null;
  let lastBottom = start.headerBottom;
  const items: ExtractedLineItem[] = [];
  let draft: Draft | null = null;
  /** Description-only lines since the last item that continue none (yet). */
  let loose: TextLine[] = [];
  const flush = () => {
    if (draft) items.push(finish(draft));
    draft = null;
  };
  for (let i = start.start; i < rows.length; i++) {
    const row = rows[i]!;
    if (isFurniture(row)) continue;
    if (lastBottom !== null && row.box[1] - lastBottom > LONG_GAP * lineHeight) {
      flush();
      return { items, end: 'gap', next: i, columns, lineHeight };
    }
    const header = headerAt(rows, i, i);
    if (header) {
      flush();
      loose = [];
      columns = header.columns;
      lineHeight = row.height;
      strict = false;
      i = header.last;
      lastBottom = rows[i]!.box[3];
      continue;
    }
    if (isTotalsRow(row)) {
      flush();
      return { items, end: 'totals', next: i, columns, lineHeight };
    }
    const { cells, words } = rowCells(row, columns);
    const values = rowValues(cells, format);
    const descriptionWords = cells.get('description') ?? [];
    // "GROSS AMOUNT:" is a label of the totals block, "$7.10" a price: neither describes an item.
    const own: TextLine | null =
      values.description !== null && !isPriceOnly(values.description) && !/:$/u.test(values.description)
        ? { text: values.description, words: descriptionWords, bottom: row.box[3] }
        : null;
    const closeBelow = (bottom: number) => row.box[1] - bottom <= CONTINUATION_GAP * lineHeight;
    const current: Draft | null = draft;
    // Receipts and some invoices print an item's name on the line(s) above its numbers: a row of numbers
    // without a description takes the description-only lines just above it.
    // Not a row with a label among its prices ("Vervolg op volgende pagina: 21.942,08").
    const wordy = (k: TableColumn) =>
      cells.get(k)?.some((w) => /\p{L}{2}/u.test(w.text) && !isCurrencyMarker(w.text)) ?? false;
    const labelled =
      wordy('unitPrice') ||
      wordy('amount') ||
      wordy('taxRate') ||
      (values.quantity === null && wordy('quantity'));
    let above: TextLine[] = [];
    if (own || labelled) {
      above = [];
    } else if (current && current.lines.length > current.tail && closeBelow(current.bottom)) {
      above = current.lines.slice(current.tail);
    } else if (loose.length > 0 && closeBelow(loose.at(-1)!.bottom)) {
      above = loose;
    }
    // An item says what it is: a row of numbers alone is a tax summary or a misread, not an item.
    const named = own !== null || above.length > 0 || values.productCode !== null;
    const surelyMoney = !strict || (values.amountHasDecimals && (own !== null || above.length > 0));
    if (values[keyKind()] !== null && named && surelyMoney) {
      if (current && above.length > 0 && above !== loose) current.lines.splice(current.tail);
      flush();
      const lines = own ? [...above, own] : above;
      const inOwn = new Set(own ? descriptionWords : []);
      const numberWords = words.filter((w) => !inOwn.has(w));
      draft = { values, words: numberWords, lines, tail: lines.length, page, bottom: row.box[3] };
      loose = [];
      strict = false;
      lastBottom = row.box[3];
      continue;
    }
    if (!values.numbers && own !== null) {
      if (current && closeBelow(current.bottom)) {
        current.lines.push(own);
        current.bottom = row.box[3];
      } else {
        flush();
        // Not below an item: perhaps the name of the next one, printed above its numbers.
        loose = loose.length > 0 && closeBelow(loose.at(-1)!.bottom) ? [...loose, own] : [own];
      }
      if (lastBottom !== null) lastBottom = row.box[3];
      continue;
    }
    // Neither an item nor its continuation (a section title, a note): later lines do not continue the item.
    flush();
    loose = [];
    if (lastBottom !== null) lastBottom = row.box[3];
  }
  flush();
  return { items, end: 'page', next: rows.length, columns, lineHeight };
}

// ---------------------------------------------------------------------------------------------------------
// Receipts: no table header

interface ReceiptToken {
  text: string;
  box: Box;
}

interface ReceiptLine {
  description: string;
  quantity: number | null;
  unit: string | null;
  unitPrice: number | null;
  amount: number;
  amountRight: number;
  row: Row;
}

/** "3,00", "1.234,56", "12.50-": money with cents, as receipts print every price. */
const MONEY = /^[-−]?\d{1,3}(?:([.,' ])\d{3})*[.,]\d{2}-?$|^[-−]?\d+[.,]\d{2}-?$/u;
const QUANTITY = /^\d{1,3}(?:[.,]\d{1,3})?$/u;
const TIMES = /^[x×@*]$/iu;
/** A tax class or flag printed after a receipt's price: "A", "B", "SR", "ZR", "*". */
const PRICE_FLAG = /^(?:[A-Z]{1,2}\d?|\*)$/u;

/** A receipt's price, also with its currency glued on: "3,00", "€7.80", "RM9.90". */
function money(text: string, format: NumberFormat | null): number | null {
  return MONEY.test(splitCurrency(text).rest.trim()) ? parseAmount(text, format) : null;
}

function quantityOf(text: string, format: NumberFormat | null): number | null {
  if (!QUANTITY.test(text)) return null;
  const value = parseAmount(text, format);
  return value !== null && value > 0 ? value : null;
}

function isDescription(tokens: readonly ReceiptToken[]): boolean {
  const words = tokens.map((t) => t.text);
  if (!words.some((w) => /\p{L}{2}/u.test(w))) return false;
  if (/:$/u.test(words.at(-1)!) || mentionsReceiptNonItem(words) || isPageMarker(words)) return false;
  return !startsWithTotalsLabel(words) && !startsWithCarriedForwardLabel(words);
}

/** "2 x Coffee 3,00", "Coffee 2 @ 1,50 3,00", "Coffee 3.00"; null for any other line. */
function readReceiptLine(row: Row, format: NumberFormat | null): ReceiptLine | null {
  const tokens: ReceiptToken[] = row.words.flatMap((w) =>
    w.text
      .trim()
      .split(/\s+/u)
      .map((text) => ({ text, box: w.box })),
  );
  let end = tokens.length;
  for (let k = 0; k < 2 && end > 1 && PRICE_FLAG.test(tokens[end - 1]!.text); k++) end--;
  if (end > 1 && isCurrencyMarker(tokens[end - 1]!.text)) end--;
  const last = tokens[end - 1];
  const amount = last ? money(last.text, format) : null;
  if (!last || amount === null) return null;
  let body = tokens.slice(0, end - 1);
  if (body.length > 0 && isCurrencyMarker(body.at(-1)!.text)) body = body.slice(0, -1);
  let quantity: number | null = null;
  let unitPrice: number | null = null;
  // "Coffee 2 @ 1,50": quantity and unit price before the amount.
  const n = body.length;
  if (n >= 4 && TIMES.test(body[n - 2]!.text)) {
    const q = quantityOf(body[n - 3]!.text, format);
    const p = money(body[n - 1]!.text, format);
    if (q !== null && p !== null) [quantity, unitPrice, body] = [q, p, body.slice(0, n - 3)];
  }
  // "2 x Coffee", "2x Coffee", "2,5 kg Pommes": the quantity in front.
  let unit: string | null = null;
  if (quantity === null && body.length >= 2) {
    const glued = /^(\d{1,3})[x×]$/iu.exec(body[0]!.text);
    const front = quantityOf(body[0]!.text, format);
    const unitWord = body[1]!.text.replace(/\.$/u, '').toLowerCase();
    if (glued) [quantity, body] = [quantityOf(glued[1]!, format), body.slice(1)];
    else if (body.length >= 3 && front !== null && TIMES.test(body[1]!.text)) {
      [quantity, body] = [front, body.slice(2)];
    } else if (body.length >= 3 && front !== null && MEASURE_UNITS.has(unitWord)) {
      [quantity, unit, body] = [front, body[1]!.text, body.slice(2)];
    }
  }
  if (body.length === 0 || !isDescription(body)) return null;
  // A description is words, not more prices: "Coffee 1,50 3,00" is not a line this reads.
  if (body.some((t) => MONEY.test(t.text))) return null;
  return {
    description: body.map((t) => t.text).join(' '),
    quantity,
    unit,
    unitPrice,
    amount,
    amountRight: last.box[2],
    row,
  };
}

interface QuantityLine {
  quantity: number;
  unit: string | null;
  unitPrice: number;
}

/** A quantity line of its own, "2 x 1,50" or "1,5 kg x 2,50", printed above or below the item it counts. */
function readQuantityLine(row: Row, format: NumberFormat | null): QuantityLine | null {
  const text = texts(row.words).join(' ').trim();
  const m = /^(\d{1,3}(?:[.,]\d{1,3})?)\s*(\p{L}{1,5}\.?)?\s*[x×@]\s*(.+)$/iu.exec(text);
  if (!m) return null;
  const quantity = quantityOf(m[1]!, format);
  // The price, with or without its currency: "3,00", "3,00 EUR", "€ 3.00".
  const price = m[3]!.split(/\s+/u).filter((t) => !isCurrencyMarker(t));
  const unitPrice = price.length === 1 ? money(price[0]!, format) : null;
  if (quantity === null || unitPrice === null) return null;
  return { quantity, unit: m[2] ?? null, unitPrice };
}

const AMOUNT_COLUMN_TOLERANCE = 0.05;

function receiptItems(pages: readonly PageRows[], format: NumberFormat | null): ExtractedLineItem[] {
  for (const { page, rows } of pages) {
    // A sum, not a tax label: "VAT ID: GB…" in the receipt's head does not end its items.
    const totalAt = rows.findIndex((r) => startsWithSumLabel(texts(r.words)));
    if (totalAt < 0) continue;
    // "0,5 kg x 3,40" is a quantity line, not an item "0,5 kg x" for 3,40.
    const lines = rows
      .slice(0, totalAt)
      .map((r) => (readQuantityLine(r, format) ? null : readReceiptLine(r, format)));
    let found = lines.filter((l): l is ReceiptLine => l !== null);
    if (found.length < 2) return [];
    // Prices stand in one column at the right; a "price" elsewhere is part of the receipt's head.
    const rights = found.map((l) => l.amountRight).sort((a, b) => a - b);
    const column = rights[rights.length >> 1]!;
    found = found.filter((l) => Math.abs(l.amountRight - column) <= AMOUNT_COLUMN_TOLERANCE);
    // "2 x 1,50" on its own line counts the item next to it when the arithmetic agrees.
    lines.forEach((line, r) => {
      if (line !== null) return;
      const counted = readQuantityLine(rows[r]!, format);
      if (!counted) return;
      for (const neighbour of [lines[r - 1], lines[r + 1]]) {
        if (!neighbour || neighbour.quantity !== null) continue;
        if (Math.abs(counted.quantity * counted.unitPrice - neighbour.amount) <= 0.011) {
          Object.assign(neighbour, counted);
          break;
        }
      }
    });
    // The items add up to no more than the total: extra "items" at the top are the receipt's head.
    const totalRow = rows[totalAt]!;
    const total = [...totalRow.words].reverse().find((w) => money(w.text, format) !== null);
    if (total) {
      const limit = money(total.text, format)!;
      const tolerance = Math.max(0.05, Math.abs(limit) * 0.01);
      let sum = found.reduce((s, l) => s + l.amount, 0);
      let first = 0;
      while (first < found.length && sum > limit + tolerance) sum -= found[first++]!.amount;
      found = found.slice(first);
    }
    if (found.length < 2) return [];
    return found.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      amount: l.amount,
      taxRate: null,
      productCode: null,
      page: page.pageNumber,
      bbox: l.row.box,
    }));
  }
  return [];
}

/**
 * Where to look for another table after one ended: past its totals row. -1 when it ran off the page (or
 * past a gap) without totals: it goes on on the next page, unless the totals follow further down this one.
 */
function afterTable(rows: readonly Row[], read: TableRead): number {
  if (read.end === 'totals') return read.next + 1;
  const totalsLater = rows.slice(read.next).findIndex(isTotalsRow);
  return totalsLater >= 0 ? read.next + totalsLater + 1 : -1;
}

// ---------------------------------------------------------------------------------------------------------

/** The line items of an invoice's table (or a receipt's item lines), each with its page and box. */
export function extractLineItems(pages: readonly Page[], options: LineItemOptions): ExtractedLineItem[] {
  const format = options.numberFormat;
  const items: ExtractedLineItem[] = [];
  let sawHeader = false;
  // Columns of a table that ran off the previous page without reaching its totals.
  let carried: { columns: Column[]; lineHeight: number } | null = null;
  const pagesRows: PageRows[] = pages.map((page) => ({ page, rows: pageRows(page) }));
  for (const { page, rows } of pagesRows) {
    let from = 0;
    if (carried) {
      const read = readTable({
        rows,
        page: page.pageNumber,
        start: 0,
        columns: carried.columns,
        format,
        headerBottom: null,
        lineHeight: carried.lineHeight,
      });
      items.push(...read.items);
      carried = null;
      from = afterTable(rows, read);
      if (from < 0) {
        carried = { columns: read.columns, lineHeight: read.lineHeight };
        continue;
      }
    }
    while (from < rows.length) {
      const found = findHeader(rows, from);
      if (!found) break;
      sawHeader = true;
      const headerRow = rows[found.start]!;
      const read = readTable({
        rows,
        page: page.pageNumber,
        start: found.header.last + 1,
        columns: found.header.columns,
        format,
        headerBottom: rows[found.header.last]!.box[3],
        lineHeight: headerRow.height,
      });
      items.push(...read.items);
      from = afterTable(rows, read);
      if (from < 0) {
        carried = { columns: read.columns, lineHeight: read.lineHeight };
        break;
      }
    }
  }
  if (!sawHeader) return receiptItems(pagesRows, format);
  return items;
}
