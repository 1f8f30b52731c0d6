// A trained sequence labeller in memory: per-token softmax over BIO labels from hashed sparse features, the
// same arithmetic as its ONNX graph (onnx/sparse-linear.ts with one row per token), then span-respecting
// decoding. `config()` is the JSON a model card needs next to the ONNX file to run it again.
import { softmaxInPlace } from '../calibration.ts';
import { hashFeature } from '../features/hash.ts';
import { fromFloat16Bits, toFloat16Bits } from '../onnx/graph-builder.ts';
import { buildSparseLinearOnnx } from '../onnx/sparse-linear.ts';
import { decodeSpans, type DecodingSpec } from './decoding.ts';
import { featureStrings, featurize, type SequenceFeatureSpec, type TokenFeatures } from './features.ts';
import type { DecodedSpan, Token } from './types.ts';

/** Everything besides the weights that inference needs: store it in the model card (it is also in the ONNX metadata). */
export interface SequenceLabellerConfig {
  kind: 'sequence-labeller';
  labels: string[];
  featureSpec: SequenceFeatureSpec;
  decoding: DecodingSpec;
}

/** The ONNX metadata key holding the JSON SequenceLabellerConfig. */
export const CONFIG_METADATA_KEY = 'docket.sequence-labeller';

export interface SequenceLabellerParts {
  labels: string[];
  featureSpec: SequenceFeatureSpec;
  decoding: DecodingSpec;
  /** Feature hash of each weight row. */
  vocabulary: Uint32Array;
  /** Row-major [vocabulary.length, labels.length]. */
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  /** Export the weights as float16 (the in-memory weights are rounded the same way). */
  halfPrecision: boolean;
}

export class SequenceLabeller {
  readonly parts: SequenceLabellerParts;
  private readonly rowOf: Map<number, number>;

  constructor(parts: SequenceLabellerParts) {
    const weights = parts.halfPrecision ? fromFloat16Bits(toFloat16Bits(parts.weights)) : parts.weights;
    this.parts = { ...parts, weights };
    this.rowOf = new Map();
    parts.vocabulary.forEach((h, i) => this.rowOf.set(h, i));
  }

  get labels(): string[] {
    return this.parts.labels;
  }

  get featureSpec(): SequenceFeatureSpec {
    return this.parts.featureSpec;
  }

  get decoding(): DecodingSpec {
    return this.parts.decoding;
  }

  config(): SequenceLabellerConfig {
    const { labels, featureSpec, decoding } = this.parts;
    return { kind: 'sequence-labeller', labels, featureSpec, decoding };
  }

  featurize(tokens: readonly Token[]): TokenFeatures[] {
    return featurize(tokens, this.parts.featureSpec);
  }

  /** Logits (before temperature) of one token. */
  logitsOf(features: TokenFeatures, out = new Float64Array(this.labels.length)): Float64Array {
    const C = this.labels.length;
    const W = this.parts.weights;
    out.set(this.parts.bias);
    for (let k = 0; k < features.hashes.length; k++) {
      const r = this.rowOf.get(features.hashes[k]!);
      if (r === undefined) continue;
      const base = r * C;
      const v = features.values[k]!;
      for (let c = 0; c < C; c++) out[c]! += W[base + c]! * v;
    }
    return out;
  }

  probabilitiesOfFeatures(features: readonly TokenFeatures[]): Float32Array[] {
    return features.map((f) => {
      const z = this.logitsOf(f);
      softmaxInPlace(z, this.parts.temperature);
      return Float32Array.from(z);
    });
  }

  /** Per-token probabilities over `labels`. */
  predictProbabilities(tokens: readonly Token[]): Float32Array[] {
    return this.probabilitiesOfFeatures(this.featurize(tokens));
  }

  /** Well-formed entity spans (BIO-constrained Viterbi over the token probabilities). */
  decode(tokens: readonly Token[]): DecodedSpan[] {
    return decodeSpans(tokens, this.predictProbabilities(tokens), this.labels, this.parts.decoding);
  }

  /** Evidence for a prediction: the features of token `index` that push most towards `label`. */
  topFeatures(
    tokens: readonly Token[],
    index: number,
    label: string,
    k = 5,
  ): { feature: string; weight: number }[] {
    const c = this.labels.indexOf(label);
    if (c < 0) throw new Error(`unknown label ${JSON.stringify(label)}`);
    const C = this.labels.length;
    const seen = new Set<string>();
    const out: { feature: string; weight: number }[] = [];
    for (const feature of featureStrings(tokens, this.parts.featureSpec)[index] ?? []) {
      if (seen.has(feature)) continue;
      seen.add(feature);
      const r = this.rowOf.get(hashFeature(feature));
      if (r !== undefined) out.push({ feature, weight: this.parts.weights[r * C + c]! });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, k);
  }

  /** The ONNX graph (inputs `hashes` int64 and `values` float [tokens, features]; see onnx-labeller.ts). */
  toOnnx(metadata: Record<string, string> = {}): Uint8Array {
    const p = this.parts;
    return buildSparseLinearOnnx({
      name: 'docket-sequence-labeller',
      vocabulary: p.vocabulary,
      normalize: false,
      embedding: p.weights,
      embeddingDim: p.labels.length,
      bias: p.bias,
      temperature: p.temperature,
      activation: 'softmax',
      halfPrecision: p.halfPrecision,
      metadata: { ...metadata, [CONFIG_METADATA_KEY]: JSON.stringify(this.config()) },
    });
  }
}
