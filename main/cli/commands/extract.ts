// `docket extract invoice FILE... [--json]`: reads each file (PDF text layer, or OCR for scans and images)
// and prints its invoices in the shape of issue 5, without a database. One JSON object per line per invoice
// found (a PDF holding several invoices gives several); a file that cannot be read gives {file, error}.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DocketError } from '../../api/errors.ts';
import { formatMb, readDocument } from '../../documents/read-document.ts';
import { defaultReadLimits, ReadError } from '../../documents/read-error.ts';
import { lazyPpOcr } from '../../documents/ocr/lazy.ts';
import {
  openShippedInvoiceModels,
  readInvoices,
  releaseInvoiceModels,
  toExtraction,
} from '../../invoices/extract-invoice.ts';
import { INVOICE_FIELDS, type InvoiceExtraction } from '../../invoices/types.ts';
import { percent } from '../output.ts';

export interface ExtractInvoiceOptions {
  files: string[];
  json: boolean;
  ocr: boolean;
  models?: string;
}

function describe(e: InvoiceExtraction): string {
  const lines = [`${e.file}: ${e.documentType} (${e.language})`];
  for (const name of INVOICE_FIELDS) {
    const f = e.fields[name];
    if (f)
      lines.push(
        `  ${name.padEnd(16)} ${String(f.value).padEnd(40)} ${percent(f.confidence).padStart(6)}  ${f.source}`,
      );
  }
  if (e.lineItems.length) lines.push(`  ${e.lineItems.length} line items`);
  for (const v of e.validation.filter((x) => !x.ok)) lines.push(`  warning: ${v.message}`);
  return lines.join('\n');
}

export async function extractInvoice(o: ExtractInvoiceOptions): Promise<void> {
  const models = await openShippedInvoiceModels(o.models);
  const lazyOcr = lazyPpOcr();
  let failed = 0;
  try {
    for (const file of o.files) {
      try {
        const info = await stat(file);
        if (!info.isFile()) throw new ReadError('unsupported', `${file} is not a file.`);
        if (info.size > defaultReadLimits.maxBytes) {
          throw new ReadError(
            'too_large',
            `The file is ${formatMb(info.size)}, over the limit of ${formatMb(defaultReadLimits.maxBytes)}.`,
          );
        }
        const bytes = new Uint8Array(await readFile(file));
        const read = await readDocument({
          bytes,
          fileName: basename(file),
          limits: defaultReadLimits,
          ocr: o.ocr ? lazyOcr : undefined,
        });
        const parts = await readInvoices(read.pages, models);
        const extractions = parts.length
          ? parts.map((p) => toExtraction(file, p))
          : [toExtraction(file, { documentType: 'other', language: 'en', fields: {}, lineItems: [] })];
        for (const e of extractions) process.stdout.write(`${o.json ? JSON.stringify(e) : describe(e)}\n`);
      } catch (e) {
        failed++;
        const error = e as Error & { code?: string; reason?: string };
        const missing = error.code === 'ENOENT';
        const message = missing ? `There is no file ${file}.` : error.message;
        // A read failure's reason (empty, corrupt, encrypted, …), else what kind of error it was.
        const code = error.reason ?? (missing ? 'NOT_FOUND' : e instanceof DocketError ? e.code : 'IO_ERROR');
        if (o.json) process.stdout.write(`${JSON.stringify({ file, error: { code, message } })}\n`);
        process.stderr.write(`docket: ${file}: ${message}\n`);
      }
    }
  } finally {
    await releaseInvoiceModels(models);
  }
  if (failed) process.exitCode = 1;
}
