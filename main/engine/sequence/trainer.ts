// Trains a sequence labeller: multinomial logistic regression per token over hashed sparse features
// (features.ts), AdaGrad with L2 on the rows each step touches, tokens visited in a seeded random order
// (deterministic for a seed), optional class weighting, early stopping on the dev span F1. Then, on dev:
// temperature scaling and the weight of the learned BIO transition scores used by Viterbi decoding.
import { TrainingCancelledError } from '../training-errors.ts';
import { fitTemperature, softmaxInPlace } from '../calibration.ts';
import { spanReportFromTags } from '../metrics/spans.ts';
import { fromFloat16Bits, toFloat16Bits } from '../onnx/graph-builder.ts';
import { seededRandom, shuffleInPlace } from '../random.ts';
import { bioLabels, entityTypes } from './bio.ts';
import { constraintsOnly, decodeTags, learnTransitions, type DecodingSpec } from './decoding.ts';
import { featurize, resolveFeatureSpec, type SequenceFeatureSpec, type TokenFeatures } from './features.ts';
import { SequenceLabeller } from './model.ts';
import type { LabelledSequence } from './types.ts';

export interface SequenceTrainingOptions {
  /** Feature settings (defaults: features.ts defaultFeatureSpec). */
  featureSpec?: Partial<SequenceFeatureSpec>;
  /** The BIO label set; default: O plus B-/I- of every type in the training tags. */
  labels?: string[];
  /** Sequences for early stopping, calibration and the transition weight. */
  dev?: readonly LabelledSequence[];
  /** Without `dev`: the share of training sequences held out as dev (seeded); 0 trains maxEpochs without dev. */
  devFraction?: number;
  seed?: number;
  maxEpochs?: number;
  /** Epochs without a better dev span F1 before stopping. */
  patience?: number;
  /** AdaGrad step size. */
  learningRate?: number;
  /** L2 penalty, applied to the weight rows each step touches. */
  l2?: number;
  /** Features seen on fewer training tokens are left out of the vocabulary. */
  minCount?: number;
  /** Share of a token's features left out at random at each training step (seeded; 0: none). */
  featureDropout?: number;
  /** 'balanced' weighs each label's tokens by (tokens / (labels × label's tokens)) ^ classWeightPower. */
  classWeighting?: 'none' | 'balanced';
  classWeightPower?: number;
  /** Candidate weights of the learned transition scores; the best on dev is kept (without dev: the first). */
  transitionWeights?: number[];
  /** Candidate penalties on O at decoding (decoding.ts); the best on dev is kept (without dev: the first). */
  outsidePenalties?: number[];
  /** Fit the softmax temperature on dev (default true when there is a dev split). */
  calibrate?: boolean;
  /** Store weights in half precision (the model file halves; the model uses the rounded weights). */
  halfPrecision?: boolean;
  onProgress?: (event: SequenceTrainingProgress) => void;
  signal?: AbortSignal;
}

export interface SequenceTrainingProgress {
  epoch: number;
  maxEpochs: number;
  /** Mean training negative log-likelihood per token over the epoch. */
  loss: number;
  /** Micro span F1 on dev after the epoch (null without dev). */
  devF1: number | null;
  seconds: number;
}

export interface SequenceTrainingResult {
  model: SequenceLabeller;
  history: SequenceTrainingProgress[];
  /** The epoch whose weights were kept. */
  bestEpoch: number;
  /** Micro span F1 on dev of the final model (null without dev). */
  devF1: number | null;
  trainSequences: number;
  trainTokens: number;
  devSequences: number;
  vocabularySize: number;
  seconds: number;
}

export { TrainingCancelledError };

/** Training tokens as flat arrays: token t's features are rows[offsets[t]..offsets[t+1]). */
interface Encoded {
  rows: Int32Array;
  values: Float32Array;
  offsets: Int32Array;
  labels: Int32Array;
  /** Token count of each sequence, in order. */
  lengths: number[];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Featurized {
  features: TokenFeatures[][];
  labels: number[];
}

/** Features of every token; yields to the event loop (and checks for cancellation) every 256 sequences. */
async function featurizeAll(
  sequences: readonly LabelledSequence[],
  spec: SequenceFeatureSpec,
  labelIndex: Map<string, number>,
  checkCancel: (detail: string) => void,
): Promise<Featurized> {
  const labels: number[] = [];
  const features: TokenFeatures[][] = [];
  for (let n = 0; n < sequences.length; n++) {
    const seq = sequences[n]!;
    if (seq.tags.length !== seq.tokens.length) {
      throw new Error(`sequence ${n} has ${seq.tokens.length} tokens but ${seq.tags.length} tags`);
    }
    for (const tag of seq.tags) {
      const y = labelIndex.get(tag);
      if (y === undefined)
        throw new Error(`sequence ${n}: tag ${JSON.stringify(tag)} is not one of the labels`);
      labels.push(y);
    }
    features.push(featurize(seq.tokens, spec));
    if ((n & 255) === 255) {
      await yieldToEventLoop();
      checkCancel('while building features');
    }
  }
  return { features, labels };
}

/** Flat arrays of known feature rows (unknown hashes dropped). */
function encode(data: Featurized, rowOf: Map<number, number>): Encoded {
  const rows: number[] = [];
  const values: number[] = [];
  const offsets = [0];
  for (const sequence of data.features) {
    for (const f of sequence) {
      for (let k = 0; k < f.hashes.length; k++) {
        const r = rowOf.get(f.hashes[k]!);
        if (r === undefined) continue;
        rows.push(r);
        values.push(f.values[k]!);
      }
      offsets.push(rows.length);
    }
  }
  return {
    rows: Int32Array.from(rows),
    values: Float32Array.from(values),
    offsets: Int32Array.from(offsets),
    labels: Int32Array.from(data.labels),
    lengths: data.features.map((s) => s.length),
  };
}

export async function trainSequenceLabeller(
  train: readonly LabelledSequence[],
  options: SequenceTrainingOptions = {},
): Promise<SequenceTrainingResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const spec = resolveFeatureSpec(options.featureSpec);
  const seed = options.seed ?? 1;
  const maxEpochs = options.maxEpochs ?? 30;
  const patience = options.patience ?? 3;
  const lr = options.learningRate ?? 0.1;
  const l2 = options.l2 ?? 1e-6;
  const minCount = options.minCount ?? 1;
  const dropout = options.featureDropout ?? 0;
  const halfPrecision = options.halfPrecision ?? true;
  const transitionCandidates = options.transitionWeights ?? [0, 0.25, 0.5, 1];
  const penaltyCandidates = options.outsidePenalties ?? [0, 0.5, 1, 1.5, 2, 3, 4];
  const signal = options.signal;
  const checkCancel = (detail: string) => {
    if (signal?.aborted) throw new TrainingCancelledError(detail);
  };
  checkCancel('before it started');

  let trainSet = [...train];
  let devSet = options.dev ? [...options.dev] : [];
  if (!options.dev && (options.devFraction ?? 0) > 0) {
    const order = [...trainSet];
    shuffleInPlace(order, seededRandom(seed ^ 0x5eed));
    const nDev = Math.max(1, Math.round(order.length * options.devFraction!));
    devSet = order.slice(0, nDev);
    trainSet = order.slice(nDev);
  }
  if (trainSet.length === 0) throw new Error('no training sequences');
  const labels = options.labels ?? bioLabels(entityTypes(trainSet.flatMap((s) => s.tags)));
  const C = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  // Vocabulary: feature hashes seen on at least minCount training tokens, in ascending hash order.
  const trainFeatures = await featurizeAll(trainSet, spec, labelIndex, checkCancel);
  const counts = new Map<number, number>();
  for (const sequence of trainFeatures.features) {
    for (const f of sequence) for (const h of f.hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const vocabulary = Uint32Array.from([...counts].filter(([, n]) => n >= minCount).map(([h]) => h)).sort();
  const rowOf = new Map<number, number>();
  vocabulary.forEach((h, i) => rowOf.set(h, i));
  checkCancel('while building features');
  await yieldToEventLoop();
  const trainData = encode(trainFeatures, rowOf);
  const devData = devSet.length
    ? encode(await featurizeAll(devSet, spec, labelIndex, checkCancel), rowOf)
    : null;

  const V = vocabulary.length;
  const N = trainData.labels.length;
  const classWeight = new Float64Array(C).fill(1);
  if (options.classWeighting === 'balanced') {
    const n = new Float64Array(C);
    for (const y of trainData.labels) n[y]!++;
    const power = options.classWeightPower ?? 0.5;
    for (let c = 0; c < C; c++) classWeight[c] = n[c] ? (N / (C * n[c]!)) ** power : 1;
  }

  const W = new Float64Array(V * C);
  const G = new Float64Array(V * C);
  const b = new Float64Array(C);
  const Gb = new Float64Array(C);
  const z = new Float64Array(C);
  const g = new Float64Array(C);
  const eps = 1e-8;
  const random = seededRandom(seed);
  const order = new Uint32Array(N).map((_, i) => i);
  // Inverted dropout: kept features are scaled up so that the expected activation stays the same.
  const scale = 1 / (1 - dropout);
  let widest = 0;
  for (let t = 0; t < N; t++) widest = Math.max(widest, trainData.offsets[t + 1]! - trainData.offsets[t]!);
  const kept = new Uint8Array(widest);

  const logitsInto = (
    data: Encoded,
    t: number,
    weights: ArrayLike<number>,
    bias: ArrayLike<number>,
    out: Float64Array,
  ) => {
    for (let c = 0; c < C; c++) out[c] = bias[c]!;
    for (let k = data.offsets[t]!; k < data.offsets[t + 1]!; k++) {
      const base = data.rows[k]! * C;
      const v = data.values[k]!;
      for (let c = 0; c < C; c++) out[c]! += weights[base + c]! * v;
    }
  };

  const devLogits = (weights: ArrayLike<number>, bias: ArrayLike<number>): Float32Array[] => {
    const out: Float32Array[] = [];
    const row = new Float64Array(C);
    for (let t = 0; t < devData!.labels.length; t++) {
      logitsInto(devData!, t, weights, bias, row);
      out.push(Float32Array.from(row));
    }
    return out;
  };

  const devSpanF1 = (logits: Float32Array[], temperature: number, decoding: DecodingSpec): number => {
    const truth: string[][] = [];
    const predicted: string[][] = [];
    let t = 0;
    for (const length of devData!.lengths) {
      const probabilities = logits.slice(t, t + length).map((row) => {
        const p = Float64Array.from(row);
        softmaxInPlace(p, temperature);
        return Float32Array.from(p);
      });
      truth.push(Array.from(devData!.labels.subarray(t, t + length), (y) => labels[y]!));
      predicted.push(decodeTags(probabilities, labels, decoding));
      t += length;
    }
    return spanReportFromTags(truth, predicted).micro.f1;
  };

  const history: SequenceTrainingProgress[] = [];
  let best = { f1: -1, epoch: 0, W: new Float32Array(0), b: new Float32Array(0) };
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (let n = 0; n < N; n++) {
      if ((n & 8191) === 8191) {
        await yieldToEventLoop();
        checkCancel(`during epoch ${epoch} of ${maxEpochs}`);
      }
      const t = order[n]!;
      const from = trainData.offsets[t]!;
      const to = trainData.offsets[t + 1]!;
      if (dropout > 0) {
        for (let k = from; k < to; k++) kept[k - from] = random() >= dropout ? 1 : 0;
      }
      for (let c = 0; c < C; c++) z[c] = b[c]!;
      for (let k = from; k < to; k++) {
        if (dropout > 0 && !kept[k - from]) continue;
        const base = trainData.rows[k]! * C;
        const v = trainData.values[k]! * scale;
        for (let c = 0; c < C; c++) z[c]! += W[base + c]! * v;
      }
      softmaxInPlace(z);
      const y = trainData.labels[t]!;
      const cw = classWeight[y]!;
      loss -= Math.log(Math.max(z[y]!, 1e-12));
      for (let c = 0; c < C; c++) g[c] = (z[c]! - (c === y ? 1 : 0)) * cw;
      for (let c = 0; c < C; c++) {
        Gb[c]! += g[c]! * g[c]!;
        b[c]! -= (lr * g[c]!) / (Math.sqrt(Gb[c]!) + eps);
      }
      for (let k = from; k < to; k++) {
        if (dropout > 0 && !kept[k - from]) continue;
        const base = trainData.rows[k]! * C;
        const v = trainData.values[k]! * scale;
        for (let c = 0; c < C; c++) {
          const i = base + c;
          const grad = g[c]! * v + l2 * W[i]!;
          G[i]! += grad * grad;
          W[i]! -= (lr * grad) / (Math.sqrt(G[i]!) + eps);
        }
      }
    }
    checkCancel(`after epoch ${epoch} of ${maxEpochs}`);
    const devF1 = devData ? devSpanF1(devLogits(W, b), 1, constraintsOnly) : null;
    const event = { epoch, maxEpochs, loss: loss / N, devF1, seconds: seconds() };
    history.push(event);
    options.onProgress?.(event);
    if (devF1 === null || devF1 > best.f1) {
      best = { f1: devF1 ?? 0, epoch, W: Float32Array.from(W), b: Float32Array.from(b) };
    } else if (epoch - best.epoch >= patience) {
      break;
    }
    await yieldToEventLoop();
    checkCancel(`after epoch ${epoch} of ${maxEpochs}`);
  }

  // The exported file may store half precision: calibrate and choose decoding with exactly those weights.
  const weights = halfPrecision ? fromFloat16Bits(toFloat16Bits(best.W)) : best.W;
  const { transitions, start } = learnTransitions(
    trainSet.map((s) => s.tags),
    labels,
  );
  let temperature = 1;
  let transitionWeight = transitionCandidates[0] ?? 0;
  let outsidePenalty = penaltyCandidates[0] ?? 0;
  let devF1: number | null = null;
  if (devData) {
    const logits = devLogits(weights, best.b);
    if (options.calibrate ?? true) {
      temperature = fitTemperature(
        logits,
        Array.from(devData.labels, (y) => [y]),
        'softmax',
      );
    }
    devF1 = -1;
    for (const w of transitionCandidates) {
      for (const penalty of penaltyCandidates) {
        const f1 = devSpanF1(logits, temperature, {
          transitions,
          start,
          transitionWeight: w,
          outsidePenalty: penalty,
        });
        if (f1 > devF1) {
          devF1 = f1;
          transitionWeight = w;
          outsidePenalty = penalty;
        }
      }
    }
  }

  const model = new SequenceLabeller({
    labels,
    featureSpec: spec,
    decoding: { transitions, start, transitionWeight, outsidePenalty },
    vocabulary,
    weights,
    bias: best.b,
    temperature,
    halfPrecision,
  });
  return {
    model,
    history,
    bestEpoch: best.epoch,
    devF1,
    trainSequences: trainSet.length,
    trainTokens: N,
    devSequences: devSet.length,
    vocabularySize: V,
    seconds: seconds(),
  };
}
