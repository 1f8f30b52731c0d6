// The two invoice models Docket ships: `invoice-fields` (the sequence labeller over a page's words and
// boxes) and `document-type` (invoice / receipt / credit note / other). Both learn from the same generated
// documents and SROIE receipts (invoice-data.ts).
import { join } from 'node:path';
import { writeModelFolder } from '../../main/engine/model-folder.ts';
import { labellerCard } from '../../main/engine/sequence/labeller-folder.ts';
import { trainSequenceLabeller, type SequenceTrainingResult } from '../../main/engine/sequence/trainer.ts';
import type { LabelledSequence } from '../../main/engine/sequence/types.ts';
import { dataFingerprint, trainTextModel } from '../../main/engine/text/text-model.ts';
import { DOCUMENT_TYPE_MODEL_ID, FIELD_MODEL_ID } from '../../main/invoices/extract-invoice.ts';
import {
  FIELD_LABELS,
  GENERATED_CREDIT,
  OTHER_CREDITS,
  SROIE_CREDIT,
  documentTypeExamples,
  generatedDocuments,
  otherDocuments,
  readSroieRaw,
  sroieSequence,
} from './invoice-data.ts';

/** Generated documents the shipped models learn from (measured: see docs/benchmarks.md, invoices). */
export const GENERATED_COUNT = 1500;
export const SEED = 1;

export async function trainFieldLabeller(
  sequences: readonly LabelledSequence[],
  seed = SEED,
  onEpoch?: (line: string) => void,
): Promise<SequenceTrainingResult> {
  return trainSequenceLabeller(sequences, {
    labels: FIELD_LABELS,
    devFraction: 0.1,
    seed,
    halfPrecision: true,
    // Features seen on fewer tokens are mostly one-off numbers and names: leaving them out keeps the model small.
    minCount: 3,
    onProgress: (e) =>
      onEpoch?.(
        `epoch ${e.epoch}: loss ${e.loss.toFixed(4)} dev F1 ${e.devF1?.toFixed(4)} (${e.seconds.toFixed(1)} s)`,
      ),
  });
}

export async function buildInvoiceModels(wanted: (id: string) => boolean, modelsDir: string): Promise<void> {
  if (!wanted(FIELD_MODEL_ID) && !wanted(DOCUMENT_TYPE_MODEL_ID)) return;
  const started = performance.now();
  const generated = await generatedDocuments(GENERATED_COUNT, SEED);
  const sroie = await readSroieRaw();
  console.log(
    `generated ${generated.length} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (wanted(FIELD_MODEL_ID)) {
    const sequences = [
      ...generated.map(({ tokens, tags }) => ({ tokens, tags })),
      ...sroie.map(sroieSequence).filter((s): s is LabelledSequence => s !== null),
    ];
    const result = await trainFieldLabeller(sequences, SEED, (line) =>
      console.log(`  ${FIELD_MODEL_ID} ${line}`),
    );
    const { card, bytes } = labellerCard(result, {
      id: FIELD_MODEL_ID,
      fingerprint: dataFingerprint(
        sequences.map((s) => ({ text: s.tokens.map((t) => t.text).join(' '), labels: s.tags })),
      ),
      description:
        'Invoice and receipt fields (number, dates, parties, tax IDs, totals, IBAN, …) from a page’s words and their positions.',
      source: `${generated.length} generated documents, ${sroie.length} SROIE receipts`,
      data: [GENERATED_CREDIT, SROIE_CREDIT],
      seed: SEED,
    });
    await writeModelFolder(join(modelsDir, FIELD_MODEL_ID), card, bytes);
    console.log(
      `${FIELD_MODEL_ID}: ${sequences.length} documents, held-out span micro-F1 ${((result.devF1 ?? 0) * 100).toFixed(1)}%, ` +
        `${(bytes.length / 1e6).toFixed(1)} MB, ${result.seconds.toFixed(1)} s`,
    );
  }
  if (wanted(DOCUMENT_TYPE_MODEL_ID)) {
    const examples = documentTypeExamples(generated, sroie, await otherDocuments(900));
    const { card, bytes, result } = trainTextModel(
      examples,
      { seed: SEED, heldOutFraction: 0.2 },
      {
        id: DOCUMENT_TYPE_MODEL_ID,
        description: 'Document type: invoice, receipt, credit note or other.',
        source:
          'generated invoices, SROIE receipts, CUAD contracts, Enron email sentences, banking77 messages',
        data: [GENERATED_CREDIT, SROIE_CREDIT, ...OTHER_CREDITS],
      },
    );
    await writeModelFolder(join(modelsDir, DOCUMENT_TYPE_MODEL_ID), card, bytes);
    console.log(
      `${DOCUMENT_TYPE_MODEL_ID}: ${examples.length} rows, held-out accuracy ${((card.metrics.accuracy ?? 0) * 100).toFixed(1)}%, ` +
        `${(bytes.length / 1e6).toFixed(1)} MB, ${result.seconds.toFixed(1)} s`,
    );
  }
}
