// Invoice extraction benchmark (issue 5):
// 1. SROIE task 3 (company, date, address, total; published strings, whitespace-normalised equality) on a
//    dev split carved from ../shared/datasets/sroie/train/metadata.jsonl (the labeller bench's split: 80/20
//    by a hash of the receipt key). The field labeller is trained here on the generated documents plus the
//    train part only; the shipped document-type model is used as it is (it reads the type, not the fields).
//    Beside it, in the same run: the rules alone (no labeller), and the best any extractor can do from this
//    copy's OCR words (its lines stop at the first comma).
// 2. Field accuracy on held-out generated invoices per language (seeds the shipped models never saw).
// 3. Seconds per page: digital PDFs (text layer) and scans (OCR), reading + extraction.
//
// Usage: node bench/invoices.ts [--per-language 40] [--scans 10] [--out reports/bench-invoices.json]
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readDocument } from '../main/documents/read-document.ts';
import { defaultReadLimits } from '../main/documents/read-error.ts';
import { createPpOcrEngine } from '../main/documents/ocr/pp-ocr.ts';
import { receiptToSequence, splitSroie, SROIE_FIELDS } from '../main/engine/datasets/sroie.ts';
import { fieldReport } from '../main/engine/metrics/spans.ts';
import { writeModelFolder } from '../main/engine/model-folder.ts';
import { labellerCard } from '../main/engine/sequence/labeller-folder.ts';
import type { LabelledSequence } from '../main/engine/sequence/types.ts';
import { evaluateSroie } from '../main/invoices/evaluate-sroie.ts';
import {
  DOCUMENT_TYPE_MODEL_ID,
  FIELD_MODEL_ID,
  openShippedInvoiceModels,
  readInvoices,
  releaseInvoiceModels,
  toExtraction,
} from '../main/invoices/extract-invoice.ts';
import { INVOICE_FIELDS, INVOICE_LANGUAGES, type InvoiceFieldName } from '../main/invoices/types.ts';
import { generatedDocuments, readSroieRaw, sroieSequence } from '../models/recipes/invoice-data.ts';
import { GENERATED_COUNT, SEED, trainFieldLabeller } from '../models/recipes/invoice-models.ts';
import { addScores, scoreFields, type FieldScore } from '../models/recipes/invoice-score.ts';
import { randomInvoice } from '../models/recipes/invoices/generate.ts';
import { renderInvoicePdf } from '../models/recipes/invoices/render-pdf.ts';
import { scanPage } from '../models/recipes/invoices/scan.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    'per-language': { type: 'string', default: '40' },
    scans: { type: 'string', default: '10' },
    out: { type: 'string', default: 'reports/bench-invoices.json' },
  },
});
const perLanguage = Number(args['per-language']);
const scanCount = Number(args.scans);
const pct = (x: number) => `${(100 * x).toFixed(1)}`;
const report: Record<string, unknown> = { date: new Date().toISOString().slice(0, 10) };

// ---- 1. SROIE -----------------------------------------------------------------------------------------
const raw = await readSroieRaw();
const { train, dev } = splitSroie(raw, 0.2, 0);
const generated = await generatedDocuments(GENERATED_COUNT, SEED);
const sequences = [
  ...generated.map(({ tokens, tags }) => ({ tokens, tags })),
  ...train.map(sroieSequence).filter((s): s is LabelledSequence => s !== null),
];
const trained = await trainFieldLabeller(sequences, SEED, (line) => console.error(`  ${line}`));
const modelsDir = await mkdtemp(path.join(tmpdir(), 'docket-bench-invoices-'));
const { card, bytes } = labellerCard(trained, { id: FIELD_MODEL_ID, fingerprint: 'bench', seed: SEED });
await writeModelFolder(path.join(modelsDir, FIELD_MODEL_ID), card, bytes);
await cp(path.join(root, 'models', DOCUMENT_TYPE_MODEL_ID), path.join(modelsDir, DOCUMENT_TYPE_MODEL_ID), {
  recursive: true,
});
const models = await openShippedInvoiceModels(modelsDir);
const sroie = await evaluateSroie(dev, models);
const rulesOnly = await evaluateSroie(dev, { labeller: null, documentType: models.documentType });
const oracle = fieldReport(
  dev.map((r) => {
    const s = receiptToSequence(r);
    return {
      truth: s.entities,
      predicted: Object.fromEntries(SROIE_FIELDS.map((f) => [f, s.alignment[f].text])),
    };
  }),
  [...SROIE_FIELDS],
);
// The same extractions against the text this copy's OCR words can give (addresses cut at their first comma).
const reachable = fieldReport(
  dev.map((r, i) => {
    const s = receiptToSequence(r);
    return {
      truth: Object.fromEntries(SROIE_FIELDS.map((f) => [f, s.alignment[f].text])),
      predicted: sroie.predicted[i]!,
    };
  }),
  [...SROIE_FIELDS],
);
console.log(
  `\nSROIE task 3, dev split: ${dev.length} receipts (labeller trained on ${train.length} + ${generated.length} generated)`,
);
console.log(
  '  field      Docket F1   rules only   best possible from these words   Docket vs reachable text',
);
const row = (name: string, a: number, b: number, c: number, d: number) =>
  console.log(
    `  ${name.padEnd(9)}  ${pct(a).padStart(8)}   ${pct(b).padStart(10)}   ${pct(c).padStart(30)}   ${pct(d).padStart(24)}`,
  );
for (const f of SROIE_FIELDS) {
  row(f, sroie.fields[f]!.f1, rulesOnly.fields[f]!.f1, oracle.perField[f]!.f1, reachable.perField[f]!.f1);
}
row('micro', sroie.microF1, rulesOnly.microF1, oracle.micro.f1, reachable.micro.f1);
const strip = ({ report: _r, predicted: _p, ...rest }: Awaited<ReturnType<typeof evaluateSroie>>) => rest;
const f1s = (r: typeof oracle) => ({
  microF1: r.micro.f1,
  fields: Object.fromEntries(SROIE_FIELDS.map((f) => [f, r.perField[f]!.f1])),
});
report.sroie = {
  devReceipts: dev.length,
  trainReceipts: train.length,
  generated: generated.length,
  docket: strip(sroie),
  rulesOnly: strip(rulesOnly),
  bestPossible: f1s(oracle),
  docketAgainstReachableText: f1s(reachable),
  training: {
    seconds: trained.seconds,
    epochs: trained.history.length,
    devSpanF1: trained.devF1,
    modelMB: bytes.length / 1e6,
  },
};
await releaseInvoiceModels(models);
await rm(modelsDir, { recursive: true, force: true });

// ---- 2 and 3. Held-out generated invoices, digital and scanned, with the shipped models ---------------
const shipped = await openShippedInvoiceModels();
const perLang: Record<string, unknown> = {};
const perField = new Map<InvoiceFieldName, { correct: number; expected: number }>();
let digitalSeconds = 0;
let digitalPages = 0;
console.log(
  `\nHeld-out generated documents (${perLanguage} per language; invoices, receipts, credit notes), digital PDFs`,
);
console.log('  language   field accuracy   fields guessed where none printed   type right');
for (const [li, language] of INVOICE_LANGUAGES.entries()) {
  const scores: FieldScore[] = [];
  let typeRight = 0;
  for (let i = 0; i < perLanguage; i++) {
    const documentType = (['invoice', 'invoice', 'invoice', 'receipt', 'credit_note'] as const)[i % 5];
    const { pdf, truth } = await renderInvoicePdf(
      randomInvoice(7_000_000 + li * 10_000 + i, { language, documentType }),
    );
    const started = performance.now();
    const read = await readDocument({ bytes: pdf, fileName: 'x.pdf', limits: defaultReadLimits });
    const [part] = await readInvoices(read.pages, shipped);
    if (!part) throw new Error(`no invoice read from generated ${language} document ${i}`);
    digitalSeconds += (performance.now() - started) / 1000;
    digitalPages += read.pages.length;
    const extraction = toExtraction('x.pdf', part);
    if (extraction.documentType === truth.documentType) typeRight++;
    const score = scoreFields(extraction, truth);
    scores.push(score);
    for (const name of Object.keys(truth.fields) as InvoiceFieldName[]) {
      const entry = perField.get(name) ?? { correct: 0, expected: 0 };
      entry.expected++;
      if (!score.misses.some((m) => m.field === name)) entry.correct++;
      perField.set(name, entry);
    }
  }
  const all = addScores(scores);
  perLang[language] = {
    accuracy: all.correct / all.expected,
    fields: all.expected,
    extra: all.extra,
    typeAccuracy: typeRight / perLanguage,
  };
  console.log(
    `  ${language.padEnd(9)}  ${pct(all.correct / all.expected).padStart(13)}   ${String(all.extra).padStart(33)}   ${pct(typeRight / perLanguage).padStart(9)}`,
  );
}
console.log(
  '  per field: ' +
    INVOICE_FIELDS.filter((f) => perField.has(f))
      .map((f) => `${f} ${pct(perField.get(f)!.correct / perField.get(f)!.expected)}`)
      .join(', '),
);
report.generated = {
  perLanguage: perLang,
  perField: Object.fromEntries([...perField].map(([f, s]) => [f, s.correct / s.expected])),
};

const ocr = await createPpOcrEngine({ intraOpNumThreads: 2 });
let scanSeconds = 0;
const scanScores: FieldScore[] = [];
for (let i = 0; i < scanCount; i++) {
  const language = INVOICE_LANGUAGES[i % INVOICE_LANGUAGES.length]!;
  const { pdf, truth } = await renderInvoicePdf(
    randomInvoice(7_500_000 + i, { language, documentType: 'invoice', maxLineItems: 6 }),
  );
  const image = await scanPage(pdf, 1, i);
  const started = performance.now();
  const read = await readDocument({ bytes: image, fileName: 'scan.jpg', limits: defaultReadLimits, ocr });
  const [part] = await readInvoices(read.pages, shipped);
  scanSeconds += (performance.now() - started) / 1000;
  // Only the first page was scanned: score the fields printed on it.
  const onPage1 = Object.fromEntries(
    Object.entries(truth.fields).filter(([f]) =>
      truth.boxes[f as InvoiceFieldName]?.some((b) => b.page === 1),
    ),
  );
  scanScores.push(scoreFields(part ? toExtraction('scan.jpg', part) : { fields: {} }, { fields: onPage1 }));
}
const scanned = addScores(scanScores);
console.log(`\nSeconds per page (reading + extraction, one process, 2 cores):`);
console.log(
  `  digital PDF (text layer): ${(digitalSeconds / digitalPages).toFixed(3)} s/page over ${digitalPages} pages`,
);
console.log(
  `  scanned page (OCR):       ${(scanSeconds / Math.max(scanCount, 1)).toFixed(2)} s/page over ${scanCount} pages; field accuracy ${pct(scanned.correct / Math.max(scanned.expected, 1))}`,
);
report.speed = {
  digitalSecondsPerPage: digitalSeconds / digitalPages,
  digitalPages,
  scannedSecondsPerPage: scanSeconds / Math.max(scanCount, 1),
  scannedPages: scanCount,
  scannedFieldAccuracy: scanned.correct / Math.max(scanned.expected, 1),
};
await releaseInvoiceModels(shipped);

await mkdir(path.dirname(path.resolve(root, args.out)), { recursive: true });
await writeFile(path.resolve(root, args.out), JSON.stringify(report, null, 2));
console.log(`\nJSON: ${args.out}`);
