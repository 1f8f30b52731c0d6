// Chooses the reader by the file's content, never its extension, and applies the limits every reader shares.
import type { ReadResult } from './layout.ts';
import { ReadError } from './read-error.ts';
import type { ReadInput, Reader } from './reader.ts';
import { sniffFile } from './sniff.ts';

// Loaded on first use: a worker that only ever sees text files never loads pdf.js or the OCR models.
const readers: Record<string, () => Promise<Reader>> = {
  pdf: async () => (await import('./readers/pdf.ts')).readPdf,
  image: async () => (await import('./readers/image.ts')).readImage,
  email: async () => (await import('./readers/email.ts')).readEmail,
  msg: async () => (await import('./readers/msg.ts')).readMsg,
  csv: async () => (await import('./readers/table.ts')).readCsv,
  xlsx: async () => (await import('./readers/table.ts')).readXlsx,
  docx: async () => (await import('./readers/office.ts')).readDocx,
  html: async () => (await import('./readers/office.ts')).readHtml,
  text: async () => (await import('./readers/office.ts')).readText,
};

export interface ReadOutcome extends ReadResult {
  /** The content did not match the file's extension (a PDF named .docx): read by content, and said so. */
  extensionMismatch: boolean;
}

export async function readDocument(input: ReadInput): Promise<ReadOutcome> {
  if (input.bytes.byteLength === 0) throw new ReadError('empty', 'The file is empty (0 bytes).');
  if (input.bytes.byteLength > input.limits.maxBytes) {
    throw new ReadError(
      'too_large',
      `The file is ${formatMb(input.bytes.byteLength)}, over the limit of ${formatMb(input.limits.maxBytes)}.`,
    );
  }
  const sniffed = await sniffFile(input.bytes, input.fileName);
  const load = readers[sniffed.kind];
  if (!load) throw new ReadError('unsupported', `Docket cannot read this kind of file (${sniffed.label}).`);
  const result = await (await load())(input);
  return {
    ...result,
    metadata: {
      ...result.metadata,
      ...(sniffed.extensionMismatch ? { extensionMismatch: sniffed.label } : {}),
    },
    extensionMismatch: sniffed.extensionMismatch,
  };
}

export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
