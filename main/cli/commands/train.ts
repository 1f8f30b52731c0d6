// `docket train text --data FILE --text COL --label COL [--multi-label --label-sep SEP] [--out DIR]
// [--seed N] [--id NAME] [--json]`: trains a text classifier on this machine and writes its model folder.
import { basename, resolve } from 'node:path';
import { readLabelledRows } from '../../engine/datasets/labelled-rows.ts';
import { modelIdFrom, writeModelFolder } from '../../engine/model-folder.ts';
import { trainTextModel } from '../../engine/text/text-model.ts';
import { embedExamples, openEmbedder } from '../../engine/text/embedder.ts';
import { percent, printResult } from '../output.ts';
import { DocketError } from '../../api/errors.ts';
import { MODEL_ID_PATTERN } from '../../engine/model-card.ts';

export interface TrainTextOptions {
  data: string;
  text: string;
  label: string;
  multiLabel: boolean;
  labelSep?: string;
  out?: string;
  seed: number;
  id?: string;
  /** A feature-extraction model folder whose sentence embeddings are added to the features. */
  embedder?: string;
  json: boolean;
}

export async function trainText(o: TrainTextOptions): Promise<void> {
  const id = o.id ?? modelIdFrom(o.data);
  if (!MODEL_ID_PATTERN.test(id)) {
    throw new DocketError(
      'BAD_INPUT',
      `"${id}" cannot be a model id: use lower-case letters, digits, ".", "_" or "-".`,
    );
  }
  const out = resolve(o.out ?? `${id}.model`);
  const read = await readLabelledRows(o.data, {
    text: o.text,
    label: o.label,
    multiLabel: o.multiLabel,
    labelSeparator: o.labelSep,
  });
  const { skipped } = read;
  let examples = read.examples;
  const embedder = o.embedder ? await openEmbedder(resolve(o.embedder!)) : undefined;
  if (embedder) {
    examples = await embedExamples(examples, embedder);
    await embedder.dispose();
  }
  const tty = !o.json && process.stderr.isTTY;
  const { card, bytes, result } = trainTextModel(
    examples,
    {
      multiLabel: o.multiLabel,
      seed: o.seed,
      ...(embedder ? { embedder: embedder.spec } : {}),
      onProgress: (e) => {
        if (tty && e.phase === 'epoch') {
          process.stderr.write(`\repoch ${e.epoch}/${e.maxEpochs}  held-out ${percent(e.heldOutScore)}   `);
        }
      },
    },
    { id, source: basename(o.data) },
  );
  if (tty) process.stderr.write('\n');
  const saved = await writeModelFolder(out, card, bytes);
  const m = saved.metrics;
  const summary = {
    model: out,
    id: saved.id,
    version: saved.version,
    task: saved.task,
    multiLabel: saved.multiLabel,
    labels: saved.labels.length,
    rows: examples.length,
    skipped,
    trainRows: saved.training.rows,
    heldOutRows: saved.training.heldOutRows,
    epochs: result.epochs,
    seconds: Math.round(result.seconds * 10) / 10,
    sizeBytes: bytes.length,
    metrics: {
      accuracy: m.accuracy,
      macroF1: m.macroF1,
      ...(saved.multiLabel ? { microF1: m.microF1 } : {}),
      ece: m.ece,
      eceBeforeCalibration: m.eceBefore,
    },
    temperature: saved.calibration.temperature,
    thresholds: { abstain: saved.thresholds.abstain, autoApply: saved.thresholds.autoApply },
  };
  printResult(o.json, summary, () =>
    [
      `Model      ${out}`,
      `Labels     ${summary.labels} (${saved.multiLabel ? 'multi-label' : 'one per row'})`,
      `Rows       ${summary.trainRows} learned from; ${summary.heldOutRows} of them held out first to measure it${skipped ? `, ${skipped} skipped (no text or label)` : ''}`,
      `Held out   accuracy ${percent(m.accuracy)}, macro-F1 ${percent(m.macroF1)}${saved.multiLabel ? `, micro-F1 ${percent(m.microF1)}` : ''}, calibration error ${percent(m.ece)} (was ${percent(m.eceBefore)})`,
      `Abstains   below ${percent(saved.thresholds.abstain)}; applies automatically from ${percent(saved.thresholds.autoApply)}`,
      `Took       ${summary.seconds} s, ${summary.epochs} epochs; model ${(bytes.length / 1e6).toFixed(1)} MB`,
    ].join('\n'),
  );
}
