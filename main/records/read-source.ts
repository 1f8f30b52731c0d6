// Reading a help-desk or CRM export into a SourceTable: CSV/TSV, the first sheet of an XLSX workbook,
// a single email (.eml) or a mailbox (.mbox). The format is decided from the content (sniff.ts); the
// file name only breaks ties (a damaged .xlsx, a mailbox). Cells are kept as written: no trimming, no
// formula escaping (the export does that), so the CRM can be given back its own values.
//
// A file that cannot be a table at all is refused with BAD_INPUT; a single bad row is not: rows with
// more or fewer cells than the header are kept and listed in `problems`.
import readExcelFile from 'read-excel-file/node';
import { parse } from 'csv-parse/sync';
import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import { DocketError } from '../api/errors.ts';
import { guessCsvDelimiter, sniffFile } from '../documents/sniff.ts';
import { decodeText } from '../documents/text-encoding.ts';
import { htmlToText } from '../documents/readers/html-text.ts';
import { normalizeText } from '../documents/readers/plain-pages.ts';
import { excelCellText } from '../documents/readers/table.ts';
import type { RecordMapping, SourceRow, SourceTable } from './types.ts';

/** The columns of a table read from emails, in this order. */
export const EMAIL_COLUMNS = ['Message-ID', 'From', 'Subject', 'Date', 'Body'] as const;
/** The built-in mapping for tickets read from emails (.eml, .mbox), saved under `source`. */
export function emailTicketMapping(source: string): RecordMapping {
  return {
    kind: 'tickets',
    source,
    columns: { id: 'Message-ID', subject: 'Subject', body: 'Body', requester: 'From', created: 'Date' },
  };
}

export const MAX_SOURCE_ROWS = 1_000_000;
export const MAX_SOURCE_BYTES = 512 * 1024 * 1024;

/** Something wrong with one row that did not stop the import; `message` starts with where it is. */
export interface SourceProblem {
  line: number;
  message: string;
}

export type SourceFormat = 'csv' | 'xlsx' | 'eml' | 'mbox';
/** What a row's `line` counts: file lines (CSV, header = 1), sheet rows (XLSX), messages (email). */
export type LineUnit = 'line' | 'row' | 'message';

export interface ReadSource extends SourceTable {
  format: SourceFormat;
  unit: LineUnit;
  problems: SourceProblem[];
}

function badInput(message: string, cause?: unknown): DocketError {
  return new DocketError('BAD_INPUT', message, cause === undefined ? undefined : { cause });
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

const tooManyRows = (fileName: string, what: string) =>
  badInput(
    `"${fileName}" has more than ${MAX_SOURCE_ROWS.toLocaleString('en-US')} ${what}, the limit for one import; ` +
      'split it into smaller files.',
  );

/** Reads an export file; see the file comment. Throws DocketError('BAD_INPUT') for a file it cannot use. */
export async function readSourceTable(input: { fileName: string; bytes: Uint8Array }): Promise<ReadSource> {
  const { fileName, bytes } = input;
  if (bytes.length > MAX_SOURCE_BYTES) {
    const mb = Math.round(bytes.length / (1024 * 1024));
    throw badInput(
      `"${fileName}" is ${mb} MB; the limit for one import is 512 MB. Split it into smaller files.`,
    );
  }
  if (bytes.length === 0) throw badInput(`"${fileName}" is empty.`);

  const sniffed = await sniffFile(bytes, fileName);
  const ext = extensionOf(fileName);
  if (sniffed.kind === 'xlsx') return readXlsxTable(bytes, fileName);
  if (sniffed.kind === 'email' || sniffed.kind === 'csv' || sniffed.kind === 'text') {
    if (looksLikeMbox(bytes)) return readMbox(bytes, fileName);
    // Headers sniff.ts does not know are still an email when the file says it is one.
    if (sniffed.kind === 'email' || (sniffed.kind === 'text' && ext === 'eml'))
      return readEml(bytes, fileName);
    const text = decodeText(bytes).text.replace(/^\uFEFF/, '');
    if (text.trim() === '') throw badInput(`"${fileName}" is empty.`);
    if (sniffed.kind === 'csv') return readCsvTable(text, fileName);
  }
  // A ZIP named .xlsx that is not a workbook: a damaged or truncated download, most likely.
  if (ext === 'xlsx' && sniffed.mediaType === 'application/zip') throw unreadableWorkbook(fileName);
  throw badInput(
    `"${fileName}" cannot be imported as records: it is not a CSV or TSV file, an Excel workbook (.xlsx), ` +
      `an email (.eml) or a mailbox (.mbox). Docket sees: ${sniffed.label}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Header and rows, shared by CSV and XLSX

interface RawRow {
  line: number;
  cells: string[];
}

const isBlank = (cell: string | undefined) => cell === undefined || cell.trim() === '';

/**
 * The column names of a header row. Trailing unnamed columns with nothing in them (a trailing
 * delimiter) are dropped; any other unnamed column, or a name used twice, refuses the file.
 */
function headerColumns(header: RawRow, rows: RawRow[], fileName: string, unit: LineUnit): string[] {
  const names = header.cells.map((cell) => cell.trim());
  while (
    names.length > 0 &&
    names.at(-1) === '' &&
    rows.every((row) => isBlank(row.cells[names.length - 1]))
  ) {
    names.pop();
  }
  if (names.length === 0) throw badInput(`"${fileName}" has no column names in its first ${unit}.`);
  const unnamed = names.flatMap((name, index) => (name === '' ? [index + 1] : []));
  if (unnamed.length > 0) {
    throw badInput(
      `The header (${unit} ${header.line}) of "${fileName}" has ${unnamed.length === 1 ? 'a column' : 'columns'} ` +
        `without a name: column ${unnamed.join(', ')}. Give every column a name and import again.`,
    );
  }
  const positions = new Map<string, number[]>();
  names.forEach((name, index) => positions.set(name, [...(positions.get(name) ?? []), index + 1]));
  const repeated = [...positions].filter(([, at]) => at.length > 1);
  if (repeated.length > 0) {
    const list = repeated.map(([name, at]) => `"${name}" (columns ${at.join(', ')})`).join('; ');
    throw badInput(
      `The header (${unit} ${header.line}) of "${fileName}" uses the same column name more than once: ${list}. ` +
        'Rename them so that each column has its own name.',
    );
  }
  return names;
}

function quoteList(values: string[], max = 3): string {
  const shown = values
    .slice(0, max)
    .map((value) => `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`);
  return values.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * A row keyed by column name, keeping only the cells it has; a row wider than the header loses the
 * extra cells, and a ragged row (short rows only where `reportShort`) is reported.
 */
function toSourceRow(
  row: RawRow,
  columns: string[],
  headerWidth: number,
  unit: LineUnit,
  reportShort: boolean,
  problems: SourceProblem[],
): SourceRow {
  const cells: Record<string, string> = {};
  const count = Math.min(row.cells.length, columns.length);
  for (let index = 0; index < count; index++) cells[columns[index]!] = row.cells[index]!;
  const extra = row.cells.slice(Math.max(columns.length, headerWidth));
  const where = `${unit} ${row.line}`;
  if (extra.some((cell) => !isBlank(cell))) {
    problems.push({
      line: row.line,
      message:
        `${where}: the row has ${row.cells.length} cells but the header has ${columns.length} columns; ` +
        `the cells after "${columns.at(-1)}" were left out (${quoteList(extra.filter((cell) => !isBlank(cell)))})`,
    });
  } else if (reportShort && row.cells.length < columns.length) {
    problems.push({
      line: row.line,
      message:
        `${where}: the row has ${row.cells.length} cells but the header has ${columns.length} columns; ` +
        `it was kept with the cells it has (no ${quoteList(columns.slice(row.cells.length), 5)})`,
    });
  }
  return { line: row.line, cells };
}

function buildTable(rawRows: RawRow[], fileName: string, format: 'csv' | 'xlsx', unit: LineUnit): ReadSource {
  const rows = rawRows.filter((row) => row.cells.some((cell) => !isBlank(cell)));
  const header = rows[0];
  if (!header) throw badInput(`"${fileName}" has no rows.`);
  const data = rows.slice(1);
  if (data.length > MAX_SOURCE_ROWS) throw tooManyRows(fileName, 'rows');
  const columns = headerColumns(header, data, fileName, unit);
  const problems: SourceProblem[] = [];
  // Spreadsheets end a row at its last filled cell, so only CSV rows can be reported short.
  const reportShort = format === 'csv';
  const sourceRows = data.map((row) =>
    toSourceRow(row, columns, header.cells.length, unit, reportShort, problems),
  );
  return { format, unit, columns, rows: sourceRows, problems };
}

// ---------------------------------------------------------------------------------------------
// CSV

class TooManyRows extends Error {}

/**
 * CSV/TSV text (already decoded) to a table. Line endings are read as '\n' (a CRLF inside a quoted
 * cell becomes LF), so that line numbers count the file's lines. Quotes must balance: an unclosed quote
 * would swallow the following rows into one cell, so it refuses the file and names the line.
 */
function readCsvTable(decoded: string, fileName: string): ReadSource {
  const text = decoded.replace(/\r\n?/g, '\n');
  // Without quotes every non-blank line is a row: a file far over the limit is refused before parsing.
  if (!text.includes('"') && countNonBlankLines(text) > MAX_SOURCE_ROWS + 1)
    throw tooManyRows(fileName, 'rows');
  const delimiter = guessCsvDelimiter(text);
  const rows: RawRow[] = [];
  let lastEnd = 0;
  try {
    // A Buffer parses about twice as fast as the same string. Quotes are strict (no relax_quotes):
    // relaxed, an unclosed quote silently swallows the lines up to the next quote into one cell.
    parse(Buffer.from(text), {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context: { lines: number }) => {
        // `lines` is where the record ends; each line break inside its quoted cells is one file line.
        let breaks = 0;
        for (const cell of cells) if (cell.includes('\n')) breaks += cell.split('\n').length - 1;
        rows.push({ line: context.lines - breaks, cells });
        lastEnd = context.lines;
        if (rows.length > MAX_SOURCE_ROWS + 1) throw new TooManyRows();
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyRows) throw tooManyRows(fileName, 'rows');
    throw csvError(error, text, lastEnd, fileName);
  }
  return buildTable(rows, fileName, 'csv', 'line');
}

function countNonBlankLines(text: string): number {
  let count = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code !== 32 && code !== 9 && code !== 13) {
        count++;
        break;
      }
    }
    start = end + 1;
  }
  return count;
}

/** A user's message for a csv-parse error, naming the line where the bad record starts. */
function csvError(error: unknown, text: string, lastEnd: number, fileName: string): DocketError {
  const code = (error as { code?: string }).code;
  const at = (error as { lines?: number }).lines;
  // The failing record starts at the first non-blank line after the last good one.
  const lines = text.split('\n');
  let start = lastEnd;
  while (start < lines.length - 1 && lines[start]!.trim() === '') start++;
  const line = start + 1;
  const fix = 'Fix the quotes on that line and import again.';
  if (code === 'CSV_QUOTE_NOT_CLOSED') {
    return badInput(
      `"${fileName}" line ${line}: a quoted cell that starts on this line is never closed (unbalanced "). ${fix}`,
      error,
    );
  }
  if (code === 'CSV_INVALID_CLOSING_QUOTE') {
    // Usually a quote opened on `line` and left open until a later quote closed it.
    const reached = at !== undefined && at !== line ? ` and is closed only on line ${at}` : '';
    return badInput(
      `"${fileName}" line ${line}: a quoted cell starts on this line${reached}, with more text after the ` +
        `closing quote; the quotes do not balance. ${fix}`,
      error,
    );
  }
  if (code === 'INVALID_OPENING_QUOTE') {
    return badInput(
      `"${fileName}" line ${at ?? line}: a quote (") inside a cell that does not start with one. Put the whole ` +
        'cell in quotes and double the quote inside it (5"" screen), or remove it, and import again.',
      error,
    );
  }
  return badInput(`"${fileName}" line ${line}: the CSV cannot be read: ${(error as Error).message}`, error);
}

// ---------------------------------------------------------------------------------------------
// XLSX

function unreadableWorkbook(fileName: string, cause?: unknown): DocketError {
  return badInput(
    `"${fileName}" could not be read as an Excel workbook: it is damaged, password-protected or not an .xlsx ` +
      'file. Open it in Excel, save it again as .xlsx (or export it as CSV) and import again.',
    cause,
  );
}

/**
 * The first sheet; its first non-empty row is the header, rows are numbered as in Excel. Dates come as
 * ISO text and numbers without float noise (excelCellText, shared with the document reader).
 */
async function readXlsxTable(bytes: Uint8Array, fileName: string): Promise<ReadSource> {
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = await readExcelFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw unreadableWorkbook(fileName, error);
  }
  const data = sheets[0]?.data ?? [];
  if (data.length > MAX_SOURCE_ROWS + 1) throw tooManyRows(fileName, 'rows');
  const rows = data.map((row, index) => ({ line: index + 1, cells: row.map(excelCellText) }));
  if (!rows.some((row) => row.cells.some((cell) => !isBlank(cell)))) {
    throw badInput(`The first sheet of "${fileName}" is empty.`);
  }
  return buildTable(rows, fileName, 'xlsx', 'row');
}

// ---------------------------------------------------------------------------------------------
// Email

const HEADER_LINE = /^[!-9;-~]+:/;
const FROM_LINE = /^From \S/;

/** An mbox starts with a "From " separator line followed by a message's headers. */
function looksLikeMbox(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096))
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '');
  const [first = '', second = ''] = start.split(/\r?\n/, 2);
  return FROM_LINE.test(first) && HEADER_LINE.test(second);
}

/**
 * The messages of an mbox, as bytes. A message starts at a "From " line at the start of the file or
 * after a blank line, followed by a header line (so an unescaped "From " in a body rarely splits it);
 * ">From " lines (mboxrd quoting) lose one '>'. Latin-1 keeps every byte, so each message's own
 * charset is left to mailparser.
 */
function splitMbox(bytes: Uint8Array): Buffer[] {
  const lines = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .split('\n');
  const messages: string[][] = [];
  let current: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const previousBlank = i === 0 || lines[i - 1]!.replace(/\r$/, '') === '';
    if (FROM_LINE.test(line) && previousBlank && HEADER_LINE.test(lines[i + 1] ?? '')) {
      current = [];
      messages.push(current);
      continue;
    }
    if (!current) continue;
    current.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  return messages.map((message) => {
    // The blank line before the next separator belongs to the mbox, not to the message.
    while (message.length > 0 && message.at(-1)!.replace(/\r$/, '') === '') message.pop();
    return Buffer.from(message.join('\n'), 'latin1');
  });
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value])
    .map((address) => address.text)
    .filter((text) => text !== '')
    .join(', ');
}

/** One message as a row of EMAIL_COLUMNS; the body is the text part, or the HTML part as text. */
async function messageCells(message: Buffer): Promise<Record<string, string>> {
  const mail = await simpleParser(message, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    keepCidLinks: true,
  });
  const body = mail.text?.trim() ? normalizeText(mail.text) : mail.html ? htmlToText(mail.html) : '';
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : '';
  return {
    'Message-ID': mail.messageId ?? '',
    From: addressText(mail.from),
    Subject: mail.subject?.trim() ?? '',
    Date: date,
    Body: body.trim(),
  };
}

function emailTable(format: 'eml' | 'mbox', rows: SourceRow[], problems: SourceProblem[]): ReadSource {
  return { format, unit: 'message', columns: [...EMAIL_COLUMNS], rows, problems };
}

async function readEml(bytes: Uint8Array, fileName: string): Promise<ReadSource> {
  try {
    const cells = await messageCells(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return emailTable('eml', [{ line: 1, cells }], []);
  } catch (error) {
    throw badInput(`"${fileName}" could not be read as an email: ${(error as Error).message}`, error);
  }
}

async function readMbox(bytes: Uint8Array, fileName: string): Promise<ReadSource> {
  const messages = splitMbox(bytes);
  if (messages.length > MAX_SOURCE_ROWS) throw tooManyRows(fileName, 'messages');
  const rows: SourceRow[] = [];
  const problems: SourceProblem[] = [];
  for (const [index, message] of messages.entries()) {
    try {
      rows.push({ line: index + 1, cells: await messageCells(message) });
    } catch (error) {
      problems.push({
        line: index + 1,
        message: `message ${index + 1}: could not be read (${(error as Error).message}); it was left out`,
      });
    }
  }
  if (rows.length === 0) throw badInput(`"${fileName}" holds no email message Docket can read.`);
  return emailTable('mbox', rows, problems);
}
