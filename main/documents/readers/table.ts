// Table-like files: CSV (csv-parse) and XLSX (read-excel-file). Both fill `tables` with every row,
// detect whether the first row is a header, and render the rows as tab-separated text (capped at
// TEXT_CAP_CHARS; the table always has all rows) with synthetic pages (plain-pages.ts).
//
// CSV decisions:
// - encoding by text-encoding.ts (BOM, UTF-16, UTF-8, else chardet: Windows-1252 and friends);
// - delimiter detected among , ; TAB | (sniff.ts detectCsvDelimiter), ',' when none is consistent;
// - ragged rows do not fail the file: they are kept as they are and listed in metadata.warnings;
// - malformed quoting (an unclosed quote) is read best effort: the records before the bad one are
//   parsed normally, the lines from the bad record on are read again without quote handling, and a
//   warning names the line. ReadError('corrupt') only when no record at all can be recovered;
// - values are trimmed; empty lines are skipped; rowNumber counts non-empty records, header = 1;
// - a header-only file is a table with 0 rows, not an error.
import readExcelFile from 'read-excel-file/node';
import { parse } from 'csv-parse/sync';
import type { Table, TableRow } from '../layout.ts';
import type { Reader } from '../reader.ts';
import { ReadError } from '../read-error.ts';
import { decodeText } from '../text-encoding.ts';
import { delimiterNames, guessCsvDelimiter } from '../sniff.ts';
import { plainResult } from './plain-pages.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The rendered text stops growing here; the tables still hold every row. */
export const TEXT_CAP_CHARS = 1_000_000;
/** At most this many warnings are listed; the rest are summarised in one more line. */
const MAX_WARNINGS = 20;
/** Rows looked at to decide whether the first row is a header. */
const HEADER_SAMPLE_ROWS = 50;

// ---------------------------------------------------------------------------------------------
// Header detection

const numberPattern =
  /^[-+(]?\s*\p{Sc}?\s*\d+(?:[ ,.'\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?:[eE][-+]?\d+)?\s*(?:%|\p{Sc})?\)?$/u;
const datePattern =
  /^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?)?)$/;

/** A number, amount, percentage, date or boolean, as opposed to free text. */
export function isTypedValue(value: string): boolean {
  const v = value.trim();
  return v !== '' && (numberPattern.test(v) || datePattern.test(v) || /^(true|false)$/i.test(v));
}

/** What a column title looks like: short text starting with a letter, no '@' or URL. */
function isLabelLike(value: string): boolean {
  const v = value.trim();
  return (
    v.length > 0 &&
    v.length <= 60 &&
    !isTypedValue(v) &&
    !v.includes('@') &&
    !v.includes('://') &&
    /^[\p{L}_#]/u.test(v)
  );
}

const headerWords = new Set(
  (
    'id name first last full email mail phone tel telephone mobile fax address street city town zip postal postcode ' +
    'country state region company organisation organization firm date time created updated modified due amount total ' +
    'subtotal price cost qty quantity description desc status subject type category title notes note comment comments ' +
    'number no nr num invoice customer client vendor supplier account currency tax vat sku product item unit reference ' +
    'ref priority owner assignee balance code contact website url age gender role department team source tags tag ' +
    'message body summary channel stage value'
  ).split(' '),
);

function containsHeaderWord(cell: string): boolean {
  const words = cell
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}]+/u);
  return words.some((word) => headerWords.has(word));
}

/**
 * Whether the first row is a header: its cells are non-empty, distinct, at most 100 characters
 * and mostly not numbers/dates; and either (a) there are no other rows and none of its cells is
 * typed, (b) some column has a text title over mostly typed values below (and no column has a
 * typed cell over typed values, which would mean the row is data), or (c) every cell looks like a
 * title and half of them contain a common column word (name, email, amount, ...) or some column's
 * values below do not look like titles (emails, URLs, long text, numbers).
 */
export function detectHeader(rows: string[][]): boolean {
  const first = rows[0]?.map((cell) => cell.trim());
  // A trailing delimiter ("Name,Email,") leaves empty cells at the end; they are not a title.
  while (first && first.length > 0 && first.at(-1) === '') first.pop();
  if (!first || first.length === 0) return false;
  if (first.some((cell) => cell === '' || cell.length > 100)) return false;
  if (new Set(first.map((cell) => cell.toLowerCase())).size !== first.length) return false;
  const typedFirst = first.filter(isTypedValue).length;
  if (typedFirst * 2 >= first.length) return false;

  const body = rows.slice(1, 1 + HEADER_SAMPLE_ROWS);
  if (body.length === 0) return typedFirst === 0;

  const columnValues = (index: number) =>
    body.map((row) => row[index]?.trim() ?? '').filter((value) => value !== '');
  const mostly = (values: string[], test: (value: string) => boolean) =>
    values.length > 0 && values.filter(test).length * 2 >= values.length;

  let typeVote = false;
  for (let index = 0; index < first.length; index++) {
    const values = columnValues(index);
    const headerTyped = isTypedValue(first[index]!);
    const valuesTyped = mostly(values, isTypedValue);
    if (headerTyped && valuesTyped) return false;
    if (!headerTyped && valuesTyped) typeVote = true;
  }
  if (typeVote) return true;

  if (!first.every(isLabelLike)) return false;
  if (first.filter(containsHeaderWord).length * 2 >= first.length) return true;
  return first.some((_, index) => mostly(columnValues(index), (value) => !isLabelLike(value)));
}

// ---------------------------------------------------------------------------------------------
// Rows to a Table and to text

interface SourceRow {
  rowNumber: number;
  cells: string[];
  /** Where the row is in the file, for warnings ("line 7", "row 7"). */
  where: string;
}

function columnName(index: number): string {
  return `Column ${index + 1}`;
}

/** A Table from source rows; ragged rows are reported in warnings when reportRagged (CSV). */
function buildTable(name: string, rows: SourceRow[], warnings: string[], reportRagged: boolean): Table {
  const hasHeader = detectHeader(rows.slice(0, 1 + HEADER_SAMPLE_ROWS).map((row) => row.cells));
  const header = hasHeader ? rows[0]!.cells.map((cell) => cell.trim()) : [];
  while (header.length > 0 && header.at(-1) === '') header.pop();
  const dataRows = hasHeader ? rows.slice(1) : rows;
  const width = dataRows.reduce((max, row) => Math.max(max, row.cells.length), header.length);
  const columns = Array.from({ length: width }, (_, index) => header[index] ?? columnName(index));

  // Ragged rows: compared with the header, or with the most common width when there is none.
  let expected = header.length;
  if (!hasHeader) {
    const frequency = new Map<number, number>();
    for (const row of dataRows) frequency.set(row.cells.length, (frequency.get(row.cells.length) ?? 0) + 1);
    expected = [...frequency].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  }
  const tableRows: TableRow[] = dataRows.map((row) => {
    if (reportRagged && row.cells.length !== expected) {
      warnings.push(`${row.where} has ${row.cells.length} fields; expected ${expected}`);
    }
    const values: Record<string, string> = {};
    columns.forEach((column, index) => {
      values[column] = row.cells[index] ?? '';
    });
    return { rowNumber: row.rowNumber, values };
  });
  return { name, columns, hasHeader, rows: tableRows };
}

function cellText(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** Tab-separated rendering of tables (a "Sheet: name" line before each when there are several). */
function renderTables(tables: Table[], withSheetTitles: boolean, warnings: string[]): string {
  const lines: string[] = [];
  let size = 0;
  const push = (line: string): boolean => {
    if (size + line.length + 1 > TEXT_CAP_CHARS) return false;
    lines.push(line);
    size += line.length + 1;
    return true;
  };
  for (const [tableIndex, table] of tables.entries()) {
    if (tableIndex > 0) push('');
    if (withSheetTitles && !push(`Sheet: ${table.name}`)) break;
    if (table.hasHeader && !push(table.columns.map(cellText).join('\t'))) break;
    for (const [rowIndex, row] of table.rows.entries()) {
      const line = table.columns
        .map((column) => cellText(row.values[column] ?? ''))
        .join('\t')
        .trimEnd();
      if (!push(line)) {
        warnings.push(
          `text truncated at ${TEXT_CAP_CHARS} characters in ${table.name} after ${rowIndex} rows; the table has all rows`,
        );
        return lines.join('\n');
      }
    }
  }
  return lines.join('\n').trimEnd();
}

function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  return [...warnings.slice(0, MAX_WARNINGS), `... and ${warnings.length - MAX_WARNINGS} more warnings`];
}

// ---------------------------------------------------------------------------------------------
// CSV

interface ParsedRecord {
  cells: string[];
  line: number;
}

const csvOptions = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  trim: true,
} as const;

/**
 * All records of a CSV text. On a quoting error, the records before it are kept and the lines from
 * the failing record on are parsed again without quote handling (with a warning naming the line).
 */
export function parseCsvRecords(text: string, delimiter: string, warnings: string[]): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  // context.lines is the line on which the record ends.
  const collect = (lineOffset: number) => (record: string[], context: { lines: number }) => {
    records.push({ cells: record, line: context.lines + lineOffset });
    return null; // keep nothing in csv-parse's own result
  };
  try {
    parse(text, { ...csvOptions, delimiter, on_record: collect(0) });
    return records;
  } catch (error) {
    const lastLine = records.at(-1)?.line ?? 0;
    const lines = text.split(/\r\n|\n|\r/);
    while (lines.length > 0 && lines.at(-1)!.trim() === '') lines.pop();
    let start = lastLine; // 0-based index of the first line after the last good record
    while (start < lines.length && lines[start]!.trim() === '') start++;
    const reason = (error as Error).message.replace(/\s*\(line \d+\)$/, '');
    warnings.push(
      `line ${start + 1}: ${reason}; lines ${start + 1}-${lines.length} were read without quote handling`,
    );
    try {
      parse(lines.slice(start).join('\n'), {
        ...csvOptions,
        delimiter,
        quote: false,
        on_record: collect(start),
      });
    } catch (fallbackError) {
      warnings.push(`line ${start + 1}: ${(fallbackError as Error).message}`);
    }
    if (records.length === 0) {
      throw new ReadError('corrupt', `Could not parse the CSV file from line ${start + 1}: ${reason}`, {
        cause: error,
      });
    }
    return records;
  }
}

/** CSV/TSV; see the file comment for the decisions. */
export const readCsv: Reader = async (input) => {
  const { text: decoded, encoding } = decodeText(input.bytes);
  const text = decoded.replace(/^\uFEFF/, '');
  const delimiter = guessCsvDelimiter(text);
  const warnings: string[] = [];
  const records = parseCsvRecords(text, delimiter, warnings);
  const rows: SourceRow[] = records.map((record, index) => ({
    rowNumber: index + 1,
    cells: record.cells,
    where: `Row ${index + 1} (line ${record.line})`,
  }));
  const table = buildTable(input.fileName, rows, warnings, true);
  const rendered = renderTables([table], false, warnings);
  return {
    ...plainResult(input, {
      mediaType: delimiter === '\t' ? 'text/tab-separated-values' : 'text/csv',
      metadata: {
        encoding,
        delimiter,
        delimiterName: delimiterNames[delimiter],
        hasHeader: table.hasHeader,
        rowCount: table.rows.length,
        columns: table.columns,
        warnings: capWarnings(warnings),
      },
      text: rendered,
    }),
    tables: [table],
  };
};

// ---------------------------------------------------------------------------------------------
// XLSX

/** A cell as text: dates ISO (date only at midnight UTC), numbers without float noise, TRUE/FALSE. */
export function excelCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Rows of a sheet without empty rows and leading empty columns, keeping source row numbers. */
function sheetRows(data: unknown[][]): SourceRow[] {
  const rows = data
    .map((row, index) => ({ rowNumber: index + 1, cells: row.map(excelCellText) }))
    .filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  const firstColumn = rows.reduce(
    (min, row) =>
      Math.min(
        min,
        row.cells.findIndex((cell) => cell.trim() !== ''),
      ),
    Number.POSITIVE_INFINITY,
  );
  return rows.map((row) => {
    const cells = row.cells.slice(Number.isFinite(firstColumn) ? firstColumn : 0);
    while (cells.length > 0 && cells.at(-1)!.trim() === '') cells.pop();
    return { rowNumber: row.rowNumber, cells, where: `Row ${row.rowNumber}` };
  });
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** XLSX: every sheet becomes a Table; warnings are prefixed with the sheet name. */
export const readXlsx: Reader = async (input) => {
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = await readExcelFile(
      Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'XLS_FILE_NOT_SUPPORTED') {
      throw new ReadError(
        'unsupported',
        'Excel 97-2003 workbooks (.xls) are not supported; save it as .xlsx',
        {
          cause: error,
        },
      );
    }
    const kind =
      errorName(error) === 'InvalidSpreadsheetError' ? 'damaged workbook' : 'not a readable workbook';
    throw new ReadError(
      'corrupt',
      `Could not read the Excel workbook (${kind}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }

  const warnings: string[] = [];
  const tables = sheets.map(({ sheet, data }) => {
    const sheetWarnings: string[] = [];
    // Spreadsheet rows end at their last non-empty cell, so short rows are normal: no ragged warnings.
    const table = buildTable(sheet, sheetRows(data), sheetWarnings, false);
    warnings.push(...sheetWarnings.map((warning) => `${sheet}: ${warning}`));
    return table;
  });
  const rendered = renderTables(tables, tables.length > 1, warnings);
  return {
    ...plainResult(input, {
      mediaType: XLSX_MEDIA_TYPE,
      metadata: {
        sheetNames: tables.map((table) => table.name),
        sheets: tables.map((table) => ({
          name: table.name,
          hasHeader: table.hasHeader,
          rowCount: table.rows.length,
          columns: table.columns,
        })),
        rowCount: tables.reduce((sum, table) => sum + table.rows.length, 0),
        columns: tables[0]?.columns ?? [],
        warnings: capWarnings(warnings),
      },
      text: rendered,
    }),
    tables,
  };
};
