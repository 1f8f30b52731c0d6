// A trained text classifier in memory: the same arithmetic as its ONNX graph (sparse-linear.ts), so the
// trainer can score held-out rows, calibrate, and export a file that ONNX Runtime runs identically.
import { softmaxInPlace, sigmoid, type Activation } from '../calibration.ts';
import { buildSparseLinearOnnx } from '../onnx/sparse-linear.ts';
import { extractFeatures, type SparseFeatures, type TextFeatureSpec } from './features.ts';

export interface TextClassifierParts {
  labels: string[];
  featureSpec: TextFeatureSpec;
  vocabulary: Uint32Array;
  idf: Float32Array;
  /** Row-major [vocabulary.length, labels.length]. */
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  activation: Activation;
  halfPrecision: boolean;
}

export class TextClassifier {
  readonly parts: TextClassifierParts;
  private readonly rowOf: Map<number, number>;

  constructor(parts: TextClassifierParts) {
    this.parts = parts;
    this.rowOf = new Map();
    parts.vocabulary.forEach((h, i) => this.rowOf.set(h, i));
  }

  get labels(): string[] {
    return this.parts.labels;
  }

  featurize(text: string, embedding?: ArrayLike<number>): SparseFeatures {
    if (this.parts.featureSpec.embedder && !embedding) {
      throw new Error('This model reads sentence embeddings too: pass the text’s embedding.');
    }
    return extractFeatures(text, this.parts.featureSpec, embedding);
  }

  /** Known feature rows with their idf-weighted, L2-normalised values (as the graph computes them). */
  rows(features: SparseFeatures): { rows: Int32Array; weights: Float32Array } {
    const rows: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (let i = 0; i < features.hashes.length; i++) {
      const r = this.rowOf.get(features.hashes[i]!);
      if (r === undefined) continue;
      const w = features.values[i]! * this.parts.idf[r]!;
      rows.push(r);
      weights.push(w);
      norm += w * w;
    }
    const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    return { rows: Int32Array.from(rows), weights: Float32Array.from(weights, (w) => w * scale) };
  }

  /** Logits before temperature. */
  logitsOfRows(
    rows: Int32Array,
    weights: Float32Array,
    out = new Float32Array(this.labels.length),
  ): Float32Array {
    const C = this.labels.length;
    const W = this.parts.weights;
    out.set(this.parts.bias);
    for (let k = 0; k < rows.length; k++) {
      const base = rows[k]! * C;
      const w = weights[k]!;
      for (let c = 0; c < C; c++) out[c]! += W[base + c]! * w;
    }
    return out;
  }

  logits(text: string, embedding?: ArrayLike<number>): Float32Array {
    const { rows, weights } = this.rows(this.featurize(text, embedding));
    return this.logitsOfRows(rows, weights);
  }

  /** Calibrated probabilities from logits (softmax, or independent sigmoids for multi-label). */
  probabilitiesOfLogits(logits: Float32Array, temperature = this.parts.temperature): Float64Array {
    const p = Float64Array.from(logits);
    if (this.parts.activation === 'softmax') softmaxInPlace(p, temperature);
    else for (let c = 0; c < p.length; c++) p[c] = sigmoid(p[c]! / temperature);
    return p;
  }

  probabilities(text: string, embedding?: ArrayLike<number>): Float64Array {
    return this.probabilitiesOfLogits(this.logits(text, embedding));
  }

  toOnnx(metadata: Record<string, string> = {}): Uint8Array {
    const p = this.parts;
    return buildSparseLinearOnnx({
      name: 'docket-text-classifier',
      vocabulary: p.vocabulary,
      idf: p.idf,
      normalize: true,
      embedding: p.weights,
      embeddingDim: p.labels.length,
      bias: p.bias,
      temperature: p.temperature,
      activation: p.activation,
      halfPrecision: p.halfPrecision,
      metadata,
    });
  }
}
