// Labelled training and evaluation rows from a user's file: CSV/TSV with a header row, or JSONL (one JSON
// object per line). Columns are named by the user. Encoding and delimiter are detected as for imports.
// Errors name the file, the line and the columns that do exist, so the user can fix the command.
import { DocketError } from '../../api/errors.ts';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { guessCsvDelimiter } from '../../documents/sniff.ts';
import { decodeText } from '../../documents/text-encoding.ts';
import type { TextExample } from '../text/train-text.ts';

export interface LabelledRowsOptions {
  text: string;
  label: string;
  multiLabel?: boolean;
  /** Separator between labels in one cell (multi-label CSV); JSON arrays need none. */
  labelSeparator?: string;
}

export interface LabelledRows {
  examples: TextExample[];
  /** Rows without text or label, skipped. */
  skipped: number;
  columns: string[];
}

/** A data file that cannot be read as asked: a BAD_INPUT, shown to the user as it is. */
export class DataFileError extends DocketError {
  constructor(message: string) {
    super('BAD_INPUT', message);
    this.name = 'DataFileError';
  }
}

type Record_ = Record<string, unknown>;

function isJsonLines(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return true;
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return false;
  return text.trimStart().startsWith('{');
}

/** The records of a data file, as objects keyed by column (CSV header) or field (JSONL). */
export async function readRecords(path: string): Promise<{ records: Record_[]; columns: string[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataFileError(
      code === 'ENOENT'
        ? `The data file ${path} does not exist.`
        : `The data file ${path} cannot be read (${code}).`,
    );
  }
  const text = decodeText(bytes).text;
  if (text.trim() === '') throw new DataFileError(`The data file ${path} is empty.`);

  if (isJsonLines(path, text)) {
    const records: Record_[] = [];
    const columns = new Set<string>();
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new DataFileError(`Line ${i + 1} of ${path} is not valid JSON.`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new DataFileError(`Line ${i + 1} of ${path} is not a JSON object.`);
      }
      for (const k of Object.keys(value)) columns.add(k);
      records.push(value as Record_);
    });
    return { records, columns: [...columns] };
  }

  const delimiter = extname(path).toLowerCase() === '.tsv' ? '\t' : guessCsvDelimiter(text);
  try {
    const records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
    }) as Record_[];
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const columns = (parse(firstLine, { delimiter, trim: true, bom: true }) as string[][])[0] ?? [];
    return { records, columns };
  } catch (e) {
    throw new DataFileError(`${path} is not a readable CSV file: ${(e as Error).message}`);
  }
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

export async function readLabelledRows(path: string, options: LabelledRowsOptions): Promise<LabelledRows> {
  const { records, columns } = await readRecords(path);
  for (const column of [options.text, options.label]) {
    if (!columns.includes(column)) {
      throw new DataFileError(
        `${path} has no column "${column}". Its columns are: ${columns.map((c) => `"${c}"`).join(', ')}.`,
      );
    }
  }
  const examples: TextExample[] = [];
  let skipped = 0;
  for (const r of records) {
    const text = cellText(r[options.text]).trim();
    const raw = r[options.label];
    let labels: string[];
    if (Array.isArray(raw)) labels = raw.map(cellText);
    else if (options.multiLabel && options.labelSeparator)
      labels = cellText(raw).split(options.labelSeparator);
    else labels = [cellText(raw)];
    labels = [...new Set(labels.map((l) => l.trim()).filter((l) => l !== ''))];
    // A multi-label row may have no labels at all; a single-label row needs one.
    if (text === '' || (!options.multiLabel && labels.length === 0)) {
      skipped++;
      continue;
    }
    examples.push({ text, labels });
  }
  if (examples.length === 0) throw new DataFileError(`${path} has no rows with both a text and a label.`);
  return { examples, skipped, columns };
}
