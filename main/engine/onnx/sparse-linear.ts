// The ONNX graph behind Docket's own classifiers and labellers: a bag of hashed sparse features, mapped to
// weight rows, weighted, summed, optionally projected through a dense layer, then softmax or sigmoid at
// the calibrated temperature. Inputs are what the TypeScript featurizer produces:
//   hashes  int64  [batch, n]  feature hashes (unknown hashes and padding fall on a zero row)
//   values  float  [batch, n]  feature values (0 for padding)
// Outputs: logits [batch, C] (before temperature) and probabilities [batch, C].
import { GraphBuilder, toFloat16Bits } from './graph-builder.ts';

export interface SparseLinearSpec {
  /** Feature hash of each weight row, in row order. */
  vocabulary: Uint32Array;
  /** Inverse document frequency per row (multiplies the value), or none. */
  idf?: Float32Array;
  /** Divide each row's weighted values by their L2 norm (after idf). */
  normalize: boolean;
  /** Row-major [vocabulary.length, embeddingDim]. */
  embedding: Float32Array;
  embeddingDim: number;
  /** Optional dense layer, row-major [embeddingDim, classes]. Without it embeddingDim = classes. */
  dense?: Float32Array;
  bias: Float32Array;
  temperature: number;
  activation: 'softmax' | 'sigmoid';
  /** Store the embedding in half precision (halves the file; the predictor uses the rounded values). */
  halfPrecision: boolean;
  name: string;
  metadata?: Record<string, string>;
}

export function buildSparseLinearOnnx(spec: SparseLinearSpec): Uint8Array {
  const V = spec.vocabulary.length;
  const D = spec.embeddingDim;
  const C = spec.bias.length;
  const g = new GraphBuilder();
  const hashes = g.input('hashes', 'int64', ['batch', 'features']);
  const values = g.input('values', 'float32', ['batch', 'features']);

  // Row V is all zeros: where unknown features and padding land.
  const rows = g.op(
    'LabelEncoder',
    [hashes],
    {
      keys_int64s: Array.from(spec.vocabulary, (h) => BigInt(h)),
      values_int64s: Array.from({ length: V }, (_, i) => BigInt(i)),
      default_int64: { int: V },
    },
    { domain: 'ai.onnx.ml' },
  );

  let weights = values;
  if (spec.idf) {
    const idf = g.constant('idf', { type: 'float32', dims: [V + 1], data: withZeroRow(spec.idf, 1) });
    weights = g.op('Mul', [values, g.op('Gather', [idf, rows], { axis: 0 })]);
  }
  if (spec.normalize) {
    // Opset 17: ReduceL2 takes its axes as an attribute (ReduceSum as an input).
    const norm = g.op('ReduceL2', [weights], { axes: [1], keepdims: 1 });
    weights = g.op('Div', [weights, g.op('Max', [norm, g.scalar(1e-12)])]);
  }

  const table = withZeroRow(spec.embedding, D);
  const embedding = spec.halfPrecision
    ? g.op(
        'Cast',
        [g.constant('embedding', { type: 'float16', dims: [V + 1, D], data: toFloat16Bits(table) })],
        {
          to: 1,
        },
      )
    : g.constant('embedding', { type: 'float32', dims: [V + 1, D], data: table });
  const gathered = g.op('Gather', [embedding, rows], { axis: 0 });
  // Weighted sum of the gathered rows as one batched MatMul, [batch, 1, n] × [batch, n, D]: about twice
  // as fast as Mul then ReduceSum, which write and read a [batch, n, D] intermediate.
  const summed = g.op('MatMul', [g.op('Unsqueeze', [weights, g.ints([1])]), gathered]);
  let hidden = g.op('Squeeze', [summed, g.ints([1])]);
  if (spec.dense) {
    const dense = g.constant('dense', { type: 'float32', dims: [D, C], data: spec.dense });
    hidden = g.op('MatMul', [hidden, dense]);
  }
  const logits = g.op(
    'Add',
    [hidden, g.constant('bias', { type: 'float32', dims: [C], data: spec.bias })],
    {},
    {
      output: 'logits',
    },
  );
  const scaled = g.op('Div', [logits, g.scalar(spec.temperature, 'temperature')]);
  if (spec.activation === 'softmax') g.op('Softmax', [scaled], { axis: -1 }, { output: 'probabilities' });
  else g.op('Sigmoid', [scaled], {}, { output: 'probabilities' });
  g.output('logits', 'float32', ['batch', C]);
  g.output('probabilities', 'float32', ['batch', C]);
  return g.build({ name: spec.name, metadata: spec.metadata });
}

function withZeroRow(values: Float32Array, width: number): Float32Array {
  const out = new Float32Array(values.length + width);
  out.set(values);
  return out;
}
