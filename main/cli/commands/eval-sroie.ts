// `docket eval sroie --data METADATA.jsonl [--models DIR] --json`: SROIE task-3 field scores of the
// invoice extractor on receipts given as their official OCR words and boxes (no OCR is run).
import { readFile } from 'node:fs/promises';
import { DataFileError } from '../../engine/datasets/labelled-rows.ts';
import { openShippedInvoiceModels, releaseInvoiceModels } from '../../invoices/extract-invoice.ts';
import { parseRawReceipts } from '../../engine/datasets/sroie.ts';
import { evaluateSroie } from '../../invoices/evaluate-sroie.ts';
import { percent, printResult } from '../output.ts';

export async function evalSroie(o: { data: string; models?: string; json: boolean }): Promise<void> {
  const text = await readFile(o.data, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new DataFileError(
      e.code === 'ENOENT' ? `There is no file ${o.data}.` : `${o.data} cannot be read: ${e.message}`,
    );
  });
  const receipts = parseRawReceipts(text, o.data);
  const models = await openShippedInvoiceModels(o.models);
  try {
    const { report: _report, predicted: _predicted, ...result } = await evaluateSroie(receipts, models);
    printResult(o.json, result, () =>
      [
        `Receipts   ${result.n}`,
        `Micro-F1   ${percent(result.microF1)}`,
        ...Object.entries(result.fields).map(
          ([f, s]) =>
            `  ${f.padEnd(8)} P ${percent(s.precision)}  R ${percent(s.recall)}  F1 ${percent(s.f1)}`,
        ),
      ].join('\n'),
    );
  } finally {
    await releaseInvoiceModels(models);
  }
}
