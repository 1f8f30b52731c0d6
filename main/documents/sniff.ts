// Content sniffing: which reader a file needs, decided from its bytes, never from its name.
// 1. Magic numbers via file-type (PDF, images, ZIP-based Office files, CFB, ...).
// 2. CFB (OLE2) containers are opened to tell an Outlook .msg from old .doc/.xls/.ppt.
// 3. Text without a magic number: HTML, then RFC 822 email, then CSV, then plain text.
// The file name is used for two things only: reporting extensionMismatch, and breaking the one tie
// the content cannot settle (a single-line or single-column text file named .csv/.tsv is CSV).
import { fileTypeFromBuffer } from 'file-type';
import { Reader as CfbReader } from '@kenjiuno/msgreader/lib/Reader.js';
import { decodeText, detectBom, looksLikeText } from './text-encoding.ts';
import { listZipEntries } from './zip-lite.ts';

export type SniffKind =
  'pdf' | 'image' | 'email' | 'msg' | 'csv' | 'xlsx' | 'docx' | 'html' | 'text' | 'unsupported';

export interface SniffResult {
  /** Media type detected from the content. */
  mediaType: string;
  /** Which reader to use. */
  kind: SniffKind;
  /** The file name has a known extension that does not fit the content (a PDF named .docx). */
  extensionMismatch: boolean;
  /** A short human-readable description, e.g. "PDF document", "CSV (semicolon-delimited)". */
  label: string;
}

/** Image types the image reader (sharp) decodes; other images sniff as unsupported. */
export const readableImageTypes: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/webp',
  'image/gif',
  'image/avif',
]);

/** Bytes of the start of a file looked at for text formats. */
const TEXT_SAMPLE_BYTES = 64 * 1024;

const DOCX_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-word.document.macroenabled.12',
]);
const XLSX_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel.sheet.macroenabled.12',
]);
/** Text formats file-type recognises; they go through the text checks below (XHTML is HTML). */
const TEXTUAL_TYPES = new Set(['application/xml', 'text/calendar', 'text/vcard', 'text/vtt']);
/** Formats with a magic number whose files can be all printable bytes; their magic is trusted. */
const TEXT_BASED_MAGIC = new Set([
  'application/pdf',
  'application/rtf',
  'application/postscript',
  'application/eps',
]);

/** Extensions a content type is allowed to have; any other *known* extension is a mismatch. */
const extensionsByType: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'image/gif': ['gif'],
  'image/avif': ['avif'],
  'image/bmp': ['bmp'],
  'image/heic': ['heic', 'heif'],
  'image/heif': ['heic', 'heif'],
  'message/rfc822': ['eml', 'mht', 'mhtml', 'txt'],
  'application/vnd.ms-outlook': ['msg'],
  'text/csv': ['csv', 'tsv', 'tab', 'txt'],
  'text/tab-separated-values': ['tsv', 'tab', 'csv', 'txt'],
  'text/html': ['html', 'htm', 'xhtml', 'xht'],
  'text/plain': ['txt', 'text', 'log', 'md', 'csv', 'tsv', 'json', 'xml', 'ini', 'cfg', 'yaml', 'yml'],
  'application/xml': ['xml', 'txt', 'xsd', 'xsl', 'svg'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-word.document.macroenabled.12': ['docm', 'docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-excel.sheet.macroenabled.12': ['xlsm', 'xlsx'],
  'application/msword': ['doc', 'dot'],
  'application/vnd.ms-excel': ['xls', 'xlt'],
  'application/vnd.ms-powerpoint': ['ppt', 'pps', 'pot'],
  'application/x-cfb': ['msg', 'doc', 'xls', 'ppt'],
};

/** Extensions Docket has an opinion about; an unknown extension (.dat, .bin) is never a mismatch. */
const knownExtensions = new Set([
  ...Object.values(extensionsByType).flat(),
  'zip',
  'pptx',
  'rtf',
  'odt',
  'ods',
  'exe',
]);

function extensionOf(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : undefined;
}

function mismatch(fileName: string, mediaType: string, detectedExt?: string): boolean {
  const ext = extensionOf(fileName);
  if (!ext || !knownExtensions.has(ext)) return false;
  const allowed = extensionsByType[mediaType] ?? (detectedExt ? [detectedExt] : []);
  return !allowed.includes(ext);
}

function result(
  kind: SniffKind,
  mediaType: string,
  label: string,
  fileName: string,
  ext?: string,
): SniffResult {
  return { kind, mediaType, label, extensionMismatch: mismatch(fileName, mediaType, ext) };
}

/** Sniffs a file's bytes. The name only feeds extensionMismatch and the CSV tie-break. */
export async function sniffFile(bytes: Uint8Array, fileName: string): Promise<SniffResult> {
  if (bytes.length === 0) {
    return {
      kind: 'unsupported',
      mediaType: 'application/x-empty',
      label: 'empty',
      extensionMismatch: false,
    };
  }
  // A byte order mark means text; check it first because FF FE / FE FF can look like MPEG frames.
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  const textLike = looksLikeText(sample);
  let detected = detectBom(bytes) ? undefined : await fileTypeFromBuffer(bytes);
  // Some magic numbers are two or three letters ("BM" for BMP, "ID3" for MP3, "MZ" for EXE), so
  // text can start with them ("BMW,Audi"). Real binary files have NUL and control bytes early;
  // text-like content keeps a detected type only when that type is a text-based format.
  if (detected && textLike && !TEXT_BASED_MAGIC.has(detected.mime) && !TEXTUAL_TYPES.has(detected.mime)) {
    detected = undefined;
  }

  if (detected && !TEXTUAL_TYPES.has(detected.mime)) {
    const { ext, mime } = detected;
    if (mime === 'application/pdf') return result('pdf', mime, 'PDF document', fileName);
    if (mime.startsWith('image/')) {
      if (readableImageTypes.has(mime)) return result('image', mime, `${ext.toUpperCase()} image`, fileName);
      return result('unsupported', mime, `${ext.toUpperCase()} image (not supported)`, fileName, ext);
    }
    if (DOCX_TYPES.has(mime)) return result('docx', mime, `Word document (.${ext})`, fileName);
    if (XLSX_TYPES.has(mime)) return result('xlsx', mime, `Excel workbook (.${ext})`, fileName);
    if (mime === 'application/x-cfb') return sniffCfb(bytes, fileName);
    if (mime === 'application/zip') return sniffZip(bytes, fileName);
    return result('unsupported', mime, `${ext.toUpperCase()} file (not supported)`, fileName, ext);
  }

  if (!textLike) {
    return result('unsupported', 'application/octet-stream', 'unknown binary data', fileName);
  }
  let text = decodeText(sample).text;
  // The sample may end mid-line: drop the partial last line unless the whole file is in it.
  if (bytes.length > sample.length) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  return sniffText(text, fileName, detected?.mime);
}

// ---------------------------------------------------------------------------------------------
// Containers

/** ZIP that file-type did not recognise as Office: look for the parts ourselves. */
function sniffZip(bytes: Uint8Array, fileName: string): SniffResult {
  const names = listZipEntries(bytes) ?? [];
  if (names.includes('word/document.xml')) {
    return result('docx', [...DOCX_TYPES][0]!, 'Word document (.docx)', fileName);
  }
  if (names.includes('xl/workbook.xml')) {
    return result('xlsx', [...XLSX_TYPES][0]!, 'Excel workbook (.xlsx)', fileName);
  }
  return result('unsupported', 'application/zip', 'ZIP archive (not supported)', fileName, 'zip');
}

/** Stream names at the root of a CFB (OLE2) file, or undefined when it cannot be parsed. */
function cfbRootNames(bytes: Uint8Array): string[] | undefined {
  try {
    const reader = new CfbReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    reader.parse();
    const root = reader.rootFolder();
    return [...root.fileNames(), ...root.subFolders().map((folder) => folder.name)];
  } catch {
    return undefined;
  }
}

/** Searches for a UTF-16LE name in the raw bytes: the fallback for a CFB whose directory is damaged. */
function containsUtf16(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, 'utf16le'));
}

function sniffCfb(bytes: Uint8Array, fileName: string): SniffResult {
  const names = cfbRootNames(bytes);
  const has = (name: string) => (names ? names.includes(name) : containsUtf16(bytes, name));
  const isMsg =
    has('__properties_version1.0') ||
    (names ? names.some((name) => name.startsWith('__substg1.0_')) : containsUtf16(bytes, '__substg1.0_'));
  if (isMsg) return result('msg', 'application/vnd.ms-outlook', 'Outlook message (.msg)', fileName);
  if (has('EncryptedPackage')) {
    return result(
      'unsupported',
      'application/x-cfb',
      'password-protected Office document (not supported; remove the password and import again)',
      fileName,
    );
  }
  if (has('WordDocument')) {
    return result(
      'unsupported',
      'application/msword',
      'Word 97-2003 document (.doc) (not supported; save it as .docx)',
      fileName,
    );
  }
  if (has('Workbook') || has('Book')) {
    return result(
      'unsupported',
      'application/vnd.ms-excel',
      'Excel 97-2003 workbook (.xls) (not supported; save it as .xlsx)',
      fileName,
    );
  }
  if (has('PowerPoint Document')) {
    return result(
      'unsupported',
      'application/vnd.ms-powerpoint',
      'PowerPoint 97-2003 presentation (not supported)',
      fileName,
    );
  }
  return result('unsupported', 'application/x-cfb', 'OLE compound file (not supported)', fileName);
}

// ---------------------------------------------------------------------------------------------
// Text formats without a magic number

function sniffText(text: string, fileName: string, detectedMime: string | undefined): SniffResult {
  if (looksLikeHtml(text)) return result('html', 'text/html', 'HTML page', fileName);
  if (looksLikeEmail(text)) return result('email', 'message/rfc822', 'Email message (.eml)', fileName);
  if (detectedMime === 'application/xml') return result('text', 'application/xml', 'XML document', fileName);

  const dialect = detectCsvDelimiter(text);
  const ext = extensionOf(fileName);
  if (dialect && dialect.records >= 2) return csvResult(dialect.delimiter, fileName);
  // Tie-break: one record, or one column, is still CSV when the file says it is.
  if (ext === 'csv' || ext === 'tsv' || ext === 'tab') {
    return csvResult(dialect?.delimiter ?? (ext === 'csv' ? ',' : '\t'), fileName);
  }
  return result('text', detectedMime ?? 'text/plain', 'Plain text', fileName);
}

export const delimiterNames: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

function csvResult(delimiter: string, fileName: string): SniffResult {
  const mediaType = delimiter === '\t' ? 'text/tab-separated-values' : 'text/csv';
  return result('csv', mediaType, `CSV (${delimiterNames[delimiter] ?? delimiter}-delimited)`, fileName);
}

/** `<!doctype html` or `<html` (or `<head`/`<body`) first, after whitespace and comments. */
export function looksLikeHtml(text: string): boolean {
  const start = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .replace(/^(\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '')
    .toLowerCase();
  return /^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/.test(start);
}

const emailHeaderNames = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'received',
  'mime-version',
  'message-id',
  'return-path',
  'delivered-to',
  'reply-to',
  'x-mailer',
]);

/**
 * RFC 822 headers at the start: every line up to the first blank line is a header
 * ("Name: value") or a folded continuation, and at least two are well-known email headers.
 */
export function looksLikeEmail(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/, 200);
  const known = new Set<string>();
  let headers = 0;
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (headers === 0) return false; // a continuation before any header
      continue;
    }
    const match = /^([!-9;-~]+):/.exec(line); // RFC 5322 field name: printable ASCII except ':'
    if (!match) return false;
    headers++;
    const name = match[1]!.toLowerCase();
    if (emailHeaderNames.has(name)) known.add(name);
  }
  return known.size >= 2;
}

export interface CsvDialect {
  delimiter: ',' | ';' | '\t' | '|';
  /** Fields per record (the most common count). */
  fields: number;
  /** Non-empty records examined. */
  records: number;
}

const candidateDelimiters = [',', ';', '\t', '|'] as const;
/** Share of records that must have the most common field count (ragged rows do occur). */
const MIN_CONSISTENCY = 0.6;

/** Delimiter counts outside double quotes, per non-empty record, over the first maxRecords records. */
function delimiterCounts(
  text: string,
  delimiter: string,
  maxRecords: number,
): { counts: number[]; scanned: number } {
  const counts: number[] = [];
  let count = 0;
  let inQuotes = false;
  let atFieldStart = true;
  let empty = true;
  let i = 0;
  for (; i < text.length && counts.length < maxRecords; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      empty = false;
    } else if (c === delimiter) {
      count++;
      atFieldStart = true;
      empty = false;
    } else if (c === '\n' || c === '\r') {
      if (!empty) counts.push(count);
      count = 0;
      atFieldStart = true;
      empty = true;
    } else {
      atFieldStart = false;
      if (c !== ' ') empty = false;
    }
  }
  if (!empty && counts.length < maxRecords) counts.push(count);
  return { counts, scanned: i };
}

/**
 * The delimiter among , ; TAB | that splits the records into a consistent number of fields
 * (the same count on at least 60% of the first 50 records, at least 2 fields); the most
 * consistent wins, then the one giving more fields. Quote-aware.
 * Returns undefined when none is consistent.
 */
export function detectCsvDelimiter(text: string, maxRecords = 50): CsvDialect | undefined {
  let best: (CsvDialect & { consistency: number }) | undefined;
  for (const delimiter of candidateDelimiters) {
    const { counts, scanned } = delimiterCounts(text, delimiter, maxRecords);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [n, f] of frequency) {
      if (n > 0 && (f > modeCount || (f === modeCount && n > mode))) {
        mode = n;
        modeCount = f;
      }
    }
    if (mode === 0) continue;
    const consistency = modeCount / counts.length;
    if (consistency < MIN_CONSISTENCY || (counts.length >= 2 && modeCount < 2)) continue;
    // Prose guard: CSV fields are short; sentences with a comma or two are not.
    const averageField = scanned / Math.max(1, counts.length * (mode + 1));
    if (counts.length >= 2 && averageField > 200) continue;
    const candidate = { delimiter, fields: mode + 1, records: counts.length, consistency };
    if (
      !best ||
      candidate.consistency > best.consistency ||
      (candidate.consistency === best.consistency && candidate.fields > best.fields)
    ) {
      best = candidate;
    }
  }
  if (!best) return undefined;
  return { delimiter: best.delimiter, fields: best.fields, records: best.records };
}

/**
 * For a file already known to be CSV: the consistent delimiter, else the candidate that occurs
 * most often in the first non-empty line, else ','.
 */
export function guessCsvDelimiter(text: string): CsvDialect['delimiter'] {
  const detected = detectCsvDelimiter(text);
  if (detected) return detected.delimiter;
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  let best: CsvDialect['delimiter'] = ',';
  let bestCount = 0;
  for (const delimiter of candidateDelimiters) {
    const count = firstLine.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
