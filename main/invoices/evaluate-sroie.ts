// SROIE task 3 scored the way its protocol does: per receipt, the company, date, address and total Docket
// extracts (the text it read them from) against the published strings; a field counts when the texts are
// equal after whitespace normalisation. Receipts are read from their official OCR words and boxes.
import { fieldReport, type FieldReport } from '../engine/metrics/spans.ts';
import { SROIE_FIELDS, type RawReceipt } from '../engine/datasets/sroie.ts';
import { readInvoices, type InvoiceModels } from './extract-invoice.ts';
import { isCurrencyMarker } from './rules/currency.ts';
import { SROIE_TO_INVOICE, sroiePage } from './sroie-pages.ts';

export interface SroieEvaluation {
  n: number;
  microF1: number;
  fields: Record<string, { precision: number; recall: number; f1: number }>;
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
