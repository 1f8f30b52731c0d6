// The sequence labeller trained on slices of real data (SROIE receipts with layout, WNUT 17 tweets without):
// it beats a most-frequent-tag baseline on held-out data, its ONNX export run by ONNX Runtime gives the
// TypeScript probabilities, decoding yields well-formed spans, training is deterministic for a seed and
// stops on an AbortSignal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeModelFolder } from '../../main/engine/model-folder.ts';
import { ModelRegistry } from '../../main/engine/registry.ts';
import { labellerCard, openLabellerFolder } from '../../main/engine/sequence/labeller-folder.ts';
import { Store } from '../../main/store/database.ts';
import { TEST_KEY } from '../helpers/temp.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { conllToSequences, readConll } from '../../main/engine/datasets/conll.ts';
import {
  readSroie,
  splitSroie,
  type SroieDataset,
  type SroieReceipt,
} from '../../main/engine/datasets/sroie.ts';
import { spanReport } from '../../main/engine/metrics/spans.ts';
import { isWellFormed, spanText, tagsToSpans } from '../../main/engine/sequence/bio.ts';
import { decodeSpans } from '../../main/engine/sequence/decoding.ts';
import type { SequenceLabeller } from '../../main/engine/sequence/model.ts';
import { OnnxSequenceLabeller, readLabellerConfig } from '../../main/engine/sequence/onnx-labeller.ts';
import {
  trainSequenceLabeller,
  TrainingCancelledError,
  type SequenceTrainingResult,
} from '../../main/engine/sequence/trainer.ts';
import type { DecodedSpan, LabelledSequence } from '../../main/engine/sequence/types.ts';

const datasets = path.resolve(import.meta.dirname, '../../../shared/datasets');

/** Each word's most frequent training tag, decoded under the BIO constraints. */
function baselineSpans(
  train: readonly LabelledSequence[],
  test: readonly LabelledSequence[],
  labels: string[],
) {
  const counts = new Map<string, Float32Array>();
  for (const s of train) {
    s.tokens.forEach((t, i) => {
      const w = t.text.toLowerCase();
      if (!counts.has(w)) counts.set(w, new Float32Array(labels.length));
      counts.get(w)![labels.indexOf(s.tags[i]!)]!++;
    });
  }
  return test.map((s) =>
    decodeSpans(
      s.tokens,
      s.tokens.map((t) => {
        const c = counts.get(t.text.toLowerCase());
        if (!c) return Float32Array.from(labels, (l) => (l === 'O' ? 1 : 0));
        const total = c.reduce((a, b) => a + b, 0);
        return c.map((v) => v / total);
      }),
      labels,
    ),
  );
}

const f1Of = (test: readonly LabelledSequence[], predicted: DecodedSpan[][]) =>
  spanReport(
    test.map((s) => tagsToSpans(s.tags)),
    predicted,
  ).micro.f1;

async function expectOnnxMatches(model: SequenceLabeller, test: readonly LabelledSequence[]) {
  const onnx = await OnnxSequenceLabeller.create(model.toOnnx());
  try {
    const fromOnnx = await onnx.predictProbabilitiesBatch(test.map((s) => s.tokens));
    let maxDifference = 0;
    let tokens = 0;
    test.forEach((s, d) => {
      const fromTs = model.predictProbabilities(s.tokens);
      expect(fromOnnx[d]).toHaveLength(s.tokens.length);
      fromTs.forEach((row, i) => {
        tokens++;
        row.forEach((p, c) => (maxDifference = Math.max(maxDifference, Math.abs(p - fromOnnx[d]![i]![c]!))));
      });
    });
    expect(tokens).toBeGreaterThan(500);
    expect(maxDifference).toBeLessThan(1e-5);
    // Same decoding on both sides.
    const decoded = await onnx.decodeBatch(test.slice(0, 20).map((s) => s.tokens));
    test.slice(0, 20).forEach((s, d) => {
      expect(decoded[d]!.map(({ label, start, end }) => ({ label, start, end }))).toEqual(
        model.decode(s.tokens).map(({ label, start, end }) => ({ label, start, end })),
      );
    });
  } finally {
    await onnx.release();
  }
}

function expectWellFormedSpans(model: SequenceLabeller, test: readonly LabelledSequence[]) {
  let spans = 0;
  for (const s of test) {
    const decoded = model.decode(s.tokens);
    const tags = new Array<string>(s.tokens.length).fill('O');
    let previousEnd = 0;
    for (const span of decoded) {
      expect(span.start).toBeGreaterThanOrEqual(previousEnd);
      expect(span.end).toBeGreaterThan(span.start);
      expect(span.text).toBe(spanText(s.tokens, span.start, span.end));
      expect(span.probability).toBeGreaterThan(0);
      expect(span.probability).toBeLessThanOrEqual(1);
      for (let i = span.start; i < span.end; i++) tags[i] = `${i === span.start ? 'B' : 'I'}-${span.label}`;
      previousEnd = span.end;
      spans++;
    }
    expect(isWellFormed(tags)).toBe(true);
  }
  expect(spans).toBeGreaterThan(10);
}

describe('sequence labeller on SROIE receipts (layout)', () => {
  let data: SroieDataset;
  let train: SroieReceipt[];
  let test: SroieReceipt[];
  let result: SequenceTrainingResult;
  const progress: { epoch: number; loss: number; devF1: number | null }[] = [];

  beforeAll(async () => {
    data = await readSroie(path.join(datasets, 'sroie/train/metadata.jsonl'));
    const split = splitSroie(data.receipts, 0.2, 0);
    train = split.train.slice(0, 150);
    test = split.dev.slice(0, 60);
    result = await trainSequenceLabeller(train, {
      labels: data.labels,
      devFraction: 0.15,
      seed: 1,
      maxEpochs: 4,
      onProgress: (e) => progress.push(e),
    });
  });

  it('aligns the published entities with the OCR tokens and counts what it cannot', () => {
    expect(data.receipts).toHaveLength(626);
    expect(data.labels).toEqual([
      'O',
      'B-address',
      'I-address',
      'B-company',
      'I-company',
      'B-date',
      'I-date',
      'B-total',
      'I-total',
    ]);
    for (const field of ['company', 'date', 'total'] as const)
      expect(data.alignment[field].exact).toBeGreaterThan(600);
    expect(data.alignment.address.exact + data.alignment.address.partial).toBeGreaterThan(580);
    for (const field of ['company', 'date', 'address', 'total'] as const) {
      const c = data.alignment[field];
      expect(c.exact + c.partial + c.missing + c.empty).toBe(626);
    }
    for (const r of data.receipts) expect(isWellFormed(r.tags)).toBe(true);
  });

  it('reports progress per epoch and beats the most-frequent-tag baseline on held-out receipts', () => {
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]).toMatchObject({ epoch: 1 });
    expect(progress.at(-1)!.loss).toBeLessThan(progress[0]!.loss);
    expect(progress.every((e) => e.devF1 !== null && e.devF1 > 0)).toBe(true);
    // Measured: 0.82-0.85 over seeds 1-3 (baseline 0.32).
    const f1 = f1Of(
      test,
      test.map((s) => result.model.decode(s.tokens)),
    );
    const baseline = f1Of(test, baselineSpans(train, test, data.labels));
    expect(f1).toBeGreaterThan(0.72);
    expect(f1).toBeGreaterThan(baseline + 0.2);
  });

  it('gives the same probabilities through ONNX Runtime (within 1e-5) and decodes the same spans', async () => {
    await expectOnnxMatches(result.model, test);
  });

  it('decodes well-formed spans and names the features behind a prediction', () => {
    expectWellFormedSpans(result.model, test);
    const receipt = test[0]!;
    const date = result.model.decode(receipt.tokens).find((s) => s.label === 'date')!;
    const evidence = result.model.topFeatures(receipt.tokens, date.start, 'B-date', 5);
    expect(evidence).toHaveLength(5);
    expect(evidence[0]!.weight).toBeGreaterThan(0);
    expect(evidence.map((e) => e.weight)).toEqual([...evidence.map((e) => e.weight)].sort((a, b) => b - a));
  });

  it('carries its labels, feature spec and decoding in the ONNX metadata', async () => {
    const bytes = result.model.toOnnx();
    const config = readLabellerConfig(bytes);
    expect(config).toEqual(JSON.parse(JSON.stringify(result.model.config())));
    expect(config.featureSpec.layout).not.toBeNull();
    const onnx = await OnnxSequenceLabeller.create(bytes);
    try {
      const spans = await onnx.decode(test[0]!.tokens);
      expect(spans.map((s) => s.text)).toEqual(result.model.decode(test[0]!.tokens).map((s) => s.text));
    } finally {
      await onnx.release();
    }
  });

  it('exports full precision weights too', async () => {
    const small = await trainSequenceLabeller(train.slice(0, 40), {
      labels: data.labels,
      maxEpochs: 1,
      halfPrecision: false,
    });
    await expectOnnxMatches(small.model, test.slice(0, 10));
    expect(small.model.toOnnx().length).toBeGreaterThan(result.model.toOnnx().length * 0.8);
  });

  it('trains deterministically for a seed', async () => {
    const options = { labels: data.labels, devFraction: 0.2, seed: 5, maxEpochs: 2 };
    const a = await trainSequenceLabeller(train.slice(0, 50), options);
    const b = await trainSequenceLabeller(train.slice(0, 50), options);
    expect(b.model.parts.weights).toEqual(a.model.parts.weights);
    expect(b.model.parts.bias).toEqual(a.model.parts.bias);
    expect(b.model.parts.vocabulary).toEqual(a.model.parts.vocabulary);
    expect(b.model.config()).toEqual(a.model.config());
    expect(Buffer.from(b.model.toOnnx()).equals(Buffer.from(a.model.toOnnx()))).toBe(true);
    const c = await trainSequenceLabeller(train.slice(0, 50), { ...options, seed: 6 });
    expect(c.model.parts.weights).not.toEqual(a.model.parts.weights);
  });

  it('stops when its AbortSignal fires, with a clear error', async () => {
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainSequenceLabeller(train.slice(0, 60), {
      labels: data.labels,
      maxEpochs: 50,
      patience: 50,
      signal: controller.signal,
      onProgress: (e) => {
        epochs.push(e.epoch);
        if (e.epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(TrainingCancelledError);
    await expect(run).rejects.toThrow(/Training was cancelled \(after epoch 2 of 50\)/);
    expect(epochs).toEqual([1, 2]);

    const aborted = AbortSignal.abort();
    await expect(trainSequenceLabeller(train, { signal: aborted })).rejects.toThrow(
      /cancelled \(before it started\)/,
    );

    // A timer fires while training runs: training yields to the event loop.
    const timed = new AbortController();
    setTimeout(() => timed.abort(), 300);
    const started = performance.now();
    await expect(
      trainSequenceLabeller(train, {
        labels: data.labels,
        maxEpochs: 1000,
        patience: 1000,
        signal: timed.signal,
      }),
    ).rejects.toThrow(/Training was cancelled/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('sequence labeller on WNUT 17 (no layout)', () => {
  let train: LabelledSequence[];
  let test: LabelledSequence[];
  let result: SequenceTrainingResult;

  beforeAll(async () => {
    train = conllToSequences(await readConll(path.join(datasets, 'wnut17/wnut17train.conll'))).slice(0, 1500);
    test = conllToSequences(await readConll(path.join(datasets, 'wnut17/emerging.dev.conll'))).slice(0, 400);
    result = await trainSequenceLabeller(train, { devFraction: 0.15, seed: 1, maxEpochs: 4 });
  });

  it('learns the six entity types and beats the most-frequent-tag baseline on emerging.dev', () => {
    expect(result.model.labels).toHaveLength(13);
    expect(result.model.labels[0]).toBe('O');
    // Measured: 0.23-0.28 over seeds 1-3 (baseline 0.04); emerging entities are rarely seen in training.
    const f1 = f1Of(
      test,
      test.map((s) => result.model.decode(s.tokens)),
    );
    const baseline = f1Of(test, baselineSpans(train, test, result.model.labels));
    expect(f1).toBeGreaterThan(0.17);
    expect(f1).toBeGreaterThan(baseline + 0.05);
  });

  it('gives the same probabilities through ONNX Runtime and decodes well-formed spans', async () => {
    await expectOnnxMatches(result.model, test);
    expectWellFormedSpans(result.model, test);
  });

  it('is saved as a model folder that the registry installs and that decodes the same spans', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'docket-labeller-'));
    try {
      const { card, bytes } = labellerCard(result, { id: 'wnut17-entities', fingerprint: 'test' });
      await writeModelFolder(path.join(dir, 'model'), card, bytes);
      const loaded = await openLabellerFolder(path.join(dir, 'model'));
      for (const s of test.slice(0, 50)) {
        const fromFolder = await loaded.decode(s.tokens);
        const inMemory = result.model.decode(s.tokens);
        const where = (spans: DecodedSpan[]) => spans.map((x) => [x.label, x.start, x.end, x.text]);
        expect(where(fromFolder)).toEqual(where(inMemory));
        fromFolder.forEach((span, i) => expect(span.probability).toBeCloseTo(inMemory[i]!.probability, 5));
      }
      await loaded.release();

      const store = Store.open({ path: path.join(dir, 'd.db'), key: TEST_KEY, create: true });
      try {
        const registry = new ModelRegistry(store.db, store.path);
        const installed = await registry.install(path.join(dir, 'model'), { actor: 'test' });
        expect(installed).toMatchObject({
          modelId: 'wnut17-entities',
          task: 'token-classification',
          active: true,
        });
        const again = await openLabellerFolder(installed.path);
        await again.release();
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
