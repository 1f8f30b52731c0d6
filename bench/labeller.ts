// Sequence labeller benchmark: trains on SROIE (the train part of a seeded 80/20 split of
// ../shared/datasets/sroie/train) and on WNUT 17 (wnut17train.conll), evaluates on the SROIE dev part and
// on emerging.dev.conll through the exported ONNX model in ONNX Runtime. Early stopping, calibration and the
// transition weight use 10% of each training set, never the evaluation data.
// Reports span P/R/F1 per label and micro (exact label + start + end), SROIE task-3 style field F1 (the
// best span per field against the published text, and against the text the OCR tokens can give), a
// most-frequent-tag baseline, training seconds, inference tokens/s through ONNX Runtime and model size.
//
// Usage: node bench/labeller.ts [--only sroie|wnut17] [--seed 1] [--options '{"l2":1e-6}']
//                               [--out reports/bench-labeller.json]
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { conllToSequences, readConll } from '../main/engine/datasets/conll.ts';
import { readSroie, splitSroie, SROIE_FIELDS, type SroieReceipt } from '../main/engine/datasets/sroie.ts';
import { fieldReport, spanReport, type SpanReport } from '../main/engine/metrics/spans.ts';
import { tagsToSpans } from '../main/engine/sequence/bio.ts';
import { bestSpanPerLabel, decodeSpans } from '../main/engine/sequence/decoding.ts';
import { OnnxSequenceLabeller } from '../main/engine/sequence/onnx-labeller.ts';
import {
  trainSequenceLabeller,
  type SequenceTrainingOptions,
  type SequenceTrainingResult,
} from '../main/engine/sequence/trainer.ts';
import type { DecodedSpan, LabelledSequence } from '../main/engine/sequence/types.ts';

const root = path.resolve(import.meta.dirname, '..');
const datasets = path.resolve(root, '../shared/datasets');

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    options: { type: 'string', default: '{}' },
    out: { type: 'string', default: 'reports/bench-labeller.json' },
  },
});
const seed = Number(args.seed);
const overrides = JSON.parse(args.options) as SequenceTrainingOptions;

/** Baseline: each word's most frequent training tag (O for unseen words), decoded under BIO constraints. */
function mostFrequentTagBaseline(train: readonly LabelledSequence[], labels: string[]) {
  const counts = new Map<string, Map<string, number>>();
  for (const s of train) {
    s.tokens.forEach((t, i) => {
      const w = t.text.toLowerCase();
      if (!counts.has(w)) counts.set(w, new Map());
      const m = counts.get(w)!;
      m.set(s.tags[i]!, (m.get(s.tags[i]!) ?? 0) + 1);
    });
  }
  return (s: LabelledSequence) => {
    const probabilities = s.tokens.map((t) => {
      const m = counts.get(t.text.toLowerCase());
      const p = new Float32Array(labels.length);
      let total = 0;
      for (const [tag, n] of m ?? []) {
        p[labels.indexOf(tag)] = n;
        total += n;
      }
      if (total === 0) p[0] = 1;
      else for (let c = 0; c < p.length; c++) p[c]! /= total;
      return p;
    });
    return decodeSpans(s.tokens, probabilities, labels);
  };
}

interface Evaluation {
  spans: SpanReport;
  baseline: SpanReport;
  training: Omit<SequenceTrainingResult, 'model' | 'history'> & { epochs: number };
  inference: {
    tokens: number;
    seconds: number;
    tokensPerSecond: number;
    maxAbsDifferenceFromTypeScript: number;
  };
  modelMB: number;
  predictions: DecodedSpan[][];
}

async function run(
  name: string,
  train: LabelledSequence[],
  test: LabelledSequence[],
  options: SequenceTrainingOptions,
): Promise<Evaluation> {
  const result = await trainSequenceLabeller(train, {
    devFraction: 0.1,
    seed,
    ...options,
    ...overrides,
    onProgress: (e) =>
      console.error(
        `  ${name} epoch ${e.epoch}: loss ${e.loss.toFixed(4)} dev F1 ${e.devF1?.toFixed(4)} (${e.seconds.toFixed(1)} s)`,
      ),
  });
  const { model, history: _history, ...training } = result;
  const bytes = model.toOnnx();
  const onnx = await OnnxSequenceLabeller.create(bytes, undefined, { intraOpNumThreads: 1 });
  const tokens = test.reduce((n, s) => n + s.tokens.length, 0);
  // Warm-up, then timed: featurize + ONNX Runtime + decoding, 64 documents per run.
  await onnx.decodeBatch(test.slice(0, 8).map((s) => s.tokens));
  const started = performance.now();
  const predictions: DecodedSpan[][] = [];
  for (let i = 0; i < test.length; i += 64) {
    predictions.push(...(await onnx.decodeBatch(test.slice(i, i + 64).map((s) => s.tokens))));
  }
  const inferenceSeconds = (performance.now() - started) / 1000;
  let maxDiff = 0;
  for (const s of test.slice(0, 50)) {
    const a = model.predictProbabilities(s.tokens);
    const b = await onnx.predictProbabilities(s.tokens);
    a.forEach((row, i) => row.forEach((v, c) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[i]![c]!)))));
  }
  await onnx.release();
  const baseline = mostFrequentTagBaseline(train, model.labels);
  return {
    spans: spanReport(
      test.map((s) => tagsToSpans(s.tags)),
      predictions,
    ),
    baseline: spanReport(
      test.map((s) => tagsToSpans(s.tags)),
      test.map(baseline),
    ),
    training: { ...training, epochs: result.history.length },
    inference: {
      tokens,
      seconds: inferenceSeconds,
      tokensPerSecond: tokens / inferenceSeconds,
      maxAbsDifferenceFromTypeScript: maxDiff,
    },
    modelMB: bytes.length / 1e6,
    predictions,
  };
}

function sroieFields(receipts: readonly SroieReceipt[], predictions: readonly DecodedSpan[][]) {
  const extracted = predictions.map((spans) =>
    Object.fromEntries([...bestSpanPerLabel(spans)].map(([label, s]) => [label, s.text])),
  );
  const fields = [...SROIE_FIELDS];
  const published = fieldReport(
    receipts.map((r, i) => ({ truth: r.entities, predicted: extracted[i]! })),
    fields,
  );
  const reachable = fieldReport(
    receipts.map((r, i) => ({
      truth: Object.fromEntries(fields.map((f) => [f, r.alignment[f].text])),
      predicted: extracted[i]!,
    })),
    fields,
  );
  // The best any labeller can do on the published texts from these OCR tokens.
  const oracle = fieldReport(
    receipts.map((r) => ({
      truth: r.entities,
      predicted: Object.fromEntries(fields.map((f) => [f, r.alignment[f].text])),
    })),
    fields,
  );
  return { published, reachable, oracleOnPublished: oracle };
}

const pct = (x: number) => (100 * x).toFixed(1);
function printSpans(title: string, e: Evaluation) {
  console.log(`\n${title}`);
  console.log(
    `  trained in ${e.training.seconds.toFixed(1)} s (${e.training.epochs} epochs, best ${e.training.bestEpoch}, ` +
      `${e.training.trainTokens} tokens, vocabulary ${e.training.vocabularySize}), model ${e.modelMB.toFixed(2)} MB`,
  );
  console.log(
    `  inference through ONNX Runtime: ${Math.round(e.inference.tokensPerSecond)} tokens/s ` +
      `(max |p_onnx - p_ts| ${e.inference.maxAbsDifferenceFromTypeScript.toExponential(1)})`,
  );
  console.log('  label            P      R      F1   support');
  for (const [label, s] of Object.entries(e.spans.perLabel)) {
    console.log(
      `  ${label.padEnd(14)} ${pct(s.precision).padStart(5)}  ${pct(s.recall).padStart(5)}  ${pct(s.f1).padStart(5)}  ${s.support}`,
    );
  }
  const m = e.spans.micro;
  console.log(
    `  ${'micro'.padEnd(14)} ${pct(m.precision).padStart(5)}  ${pct(m.recall).padStart(5)}  ${pct(m.f1).padStart(5)}  ${m.support}`,
  );
  console.log(`  baseline (most frequent tag per word) micro F1 ${pct(e.baseline.micro.f1)}`);
}

const report: Record<string, unknown> = { seed, options: overrides };

if (args.only !== 'wnut17') {
  const data = await readSroie(path.join(datasets, 'sroie/train/metadata.jsonl'));
  const { train, dev } = splitSroie(data.receipts, 0.2, 0);
  const e = await run('sroie', train, dev, { labels: data.labels });
  const fields = sroieFields(dev, e.predictions);
  printSpans(`SROIE: ${train.length} train receipts, ${dev.length} dev receipts`, e);
  console.log(
    '  fields (best span per field, SROIE task 3 style):   published text   reachable text   oracle',
  );
  for (const f of [...SROIE_FIELDS, 'micro'] as const) {
    const pick = (r: ReturnType<typeof fieldReport>) => (f === 'micro' ? r.micro : r.perField[f]!).f1;
    console.log(
      `    ${f.padEnd(10)} F1 ${' '.repeat(36)}${pct(pick(fields.published)).padStart(5)}   ${pct(pick(fields.reachable)).padStart(14)}   ${pct(pick(fields.oracleOnPublished)).padStart(6)}`,
    );
  }
  console.log(`  entity alignment over all 626 receipts: ${JSON.stringify(data.alignment)}`);
  const { predictions: _p, ...rest } = e;
  report.sroie = {
    trainReceipts: train.length,
    devReceipts: dev.length,
    alignment: data.alignment,
    ...rest,
    fields,
  };
}

if (args.only !== 'sroie') {
  const train = conllToSequences(await readConll(path.join(datasets, 'wnut17/wnut17train.conll')));
  const dev = conllToSequences(await readConll(path.join(datasets, 'wnut17/emerging.dev.conll')));
  const e = await run('wnut17', train, dev, {});
  printSpans(`WNUT 17: ${train.length} train sentences, ${dev.length} emerging.dev sentences`, e);
  const { predictions: _p, ...rest } = e;
  report.wnut17 = { trainSentences: train.length, devSentences: dev.length, ...rest };
}

await mkdir(path.dirname(path.resolve(root, args.out)), { recursive: true });
await writeFile(path.resolve(root, args.out), JSON.stringify(report, null, 2));
console.log(`\nJSON: ${args.out}`);
console.log(JSON.stringify(report, (k, v) => (k === 'perLabel' || k === 'perField' ? undefined : v)));
