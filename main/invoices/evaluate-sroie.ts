// SROIE task 3 scored the way its protocol does: per receipt, the company, date, address and total Docket
// extracts (the text it read them from) against the published strings; a field counts when the texts are
// equal after whitespace normalisation. Receipts are read from their official OCR words and boxes.
import { z } from 'zod';
import { fieldReport, type FieldReport } from '../engine/metrics/spans.ts';
import type { RawReceipt } from '../engine/datasets/sroie.ts';
import { DataFileError } from '../engine/datasets/labelled-rows.ts';
import { readInvoices, type InvoiceModels } from './extract-invoice.ts';
import { isCurrencyMarker } from './rules/currency.ts';
import { SROIE_FIELDS, SROIE_TO_INVOICE, sroiePage } from './sroie-pages.ts';

export interface SroieEvaluation {
  n: number;
  microF1: number;
  fields: Record<string, { precision: number; recall: number; f1: number }>;
}

const receiptSchema = z.object({
  key: z.string().optional(),
  image_size: z.object({ width: z.number().positive(), height: z.number().positive() }),
  entities: z.record(z.string(), z.string()).default({}),
  words: z.array(z.string()),
  bboxes: z.array(z.array(z.number()).length(4)),
});

/** The receipts of a metadata.jsonl file, with a clear error naming the line that is not one. */
export function parseSroieReceipts(jsonl: string, source: string): RawReceipt[] {
  const receipts: RawReceipt[] = [];
  jsonl.split(/\r?\n/u).forEach((line, n) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new DataFileError(`${source}:${n + 1}: not JSON (${(e as Error).message})`);
    }
    const parsed = receiptSchema.safeParse(json);
    if (!parsed.success || parsed.data.words.length !== parsed.data.bboxes.length) {
      const issue = parsed.success
        ? 'words and bboxes differ in length'
        : `${parsed.error.issues[0]!.path.join('.') || 'line'}: ${parsed.error.issues[0]!.message}`;
      throw new DataFileError(
        `${source}:${n + 1}: not a SROIE receipt (${issue}); each line needs words, bboxes of four numbers each, and image_size.`,
      );
    }
    receipts.push({ ...parsed.data, key: parsed.data.key ?? `line ${n + 1}` } as RawReceipt);
  });
  if (receipts.length === 0) throw new DataFileError(`${source} holds no receipts.`);
  return receipts;
}

/** The text a field was read from, as SROIE writes it: a total without its currency ("RM 9.00" → "9.00"). */
function sroieText(field: string, text: string): string {
  if (field !== 'total') return text;
  return text
    .split(/\s+/u)
    .filter((w) => !isCurrencyMarker(w))
    .join(' ');
}

export async function evaluateSroie(
  receipts: readonly RawReceipt[],
  models: InvoiceModels,
): Promise<SroieEvaluation & { report: FieldReport; predicted: Record<string, string>[] }> {
  const documents = [];
  for (const raw of receipts) {
    const [part] = await readInvoices([sroiePage(raw)], models);
    const predicted: Record<string, string> = {};
    for (const f of SROIE_FIELDS) {
      const found = part?.fields[SROIE_TO_INVOICE[f]];
      if (found) predicted[f] = sroieText(f, found.text);
    }
    documents.push({ truth: raw.entities as Record<string, string | undefined>, predicted });
  }
  const report = fieldReport(documents, [...SROIE_FIELDS]);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: receipts.length,
    microF1: r3(report.micro.f1),
    fields: Object.fromEntries(
      SROIE_FIELDS.map((f) => {
        const s = report.perField[f]!;
        return [f, { precision: r3(s.precision), recall: r3(s.recall), f1: r3(s.f1) }];
      }),
    ),
    report,
    predicted: documents.map((d) => d.predicted),
  };
}
