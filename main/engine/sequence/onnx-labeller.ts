// Running an exported sequence labeller through ONNX Runtime: the same featurizer and the same decoding as
// the in-memory model, with the per-token probabilities computed by the graph. Batches several documents
// into one run (one row per token).
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { decodeSpans, type DecodingSpec } from './decoding.ts';
import { featurize, type SequenceFeatureSpec, type TokenFeatures } from './features.ts';
import { CONFIG_METADATA_KEY, type SequenceLabellerConfig } from './model.ts';
import type { DecodedSpan, Token } from './types.ts';

/** The labeller's configuration stored in an exported model's metadata. */
export function readLabellerConfig(bytes: Uint8Array): SequenceLabellerConfig {
  const model = onnxProto.onnx.ModelProto.decode(bytes);
  const entry = model.metadataProps.find((p) => p.key === CONFIG_METADATA_KEY);
  if (!entry?.value)
    throw new Error(`the ONNX model has no "${CONFIG_METADATA_KEY}" metadata: not a sequence labeller`);
  const config = JSON.parse(entry.value) as SequenceLabellerConfig;
  if (config.kind !== 'sequence-labeller')
    throw new Error(`unexpected model kind ${JSON.stringify(config.kind)}`);
  return config;
}

/** The graph's inputs for a list of token feature bags: rows padded with hash 0 / value 0. */
export function sparseInputs(features: readonly TokenFeatures[]): { hashes: ort.Tensor; values: ort.Tensor } {
  const n = features.length;
  // A loop, not Math.max(...): a spread of 100k+ arguments overflows the stack.
  let width = 1;
  for (const f of features) width = Math.max(width, f.hashes.length);
  const hashes = new BigInt64Array(n * width);
  const values = new Float32Array(n * width);
  features.forEach((f, i) => {
    for (let k = 0; k < f.hashes.length; k++) {
      hashes[i * width + k] = BigInt(f.hashes[k]!);
      values[i * width + k] = f.values[k]!;
    }
  });
  return {
    hashes: new ort.Tensor('int64', hashes, [n, width]),
    values: new ort.Tensor('float32', values, [n, width]),
  };
}

export class OnnxSequenceLabeller {
  readonly config: SequenceLabellerConfig;
  private readonly session: ort.InferenceSession;

  private constructor(session: ort.InferenceSession, config: SequenceLabellerConfig) {
    this.session = session;
    this.config = config;
  }

  /** Opens an exported labeller; without `config`, reads it from the model's metadata. */
  static async create(
    bytes: Uint8Array,
    config: SequenceLabellerConfig = readLabellerConfig(bytes),
    options: ort.InferenceSession.SessionOptions = {},
  ): Promise<OnnxSequenceLabeller> {
    const session = await ort.InferenceSession.create(bytes, options);
    return new OnnxSequenceLabeller(session, config);
  }

  get labels(): string[] {
    return this.config.labels;
  }

  get featureSpec(): SequenceFeatureSpec {
    return this.config.featureSpec;
  }

  get decoding(): DecodingSpec {
    return this.config.decoding;
  }

  /** Per-token probabilities for each document, computed in one run. */
  async predictProbabilitiesBatch(documents: readonly (readonly Token[])[]): Promise<Float32Array[][]> {
    const features = documents.map((tokens) => featurize(tokens, this.config.featureSpec));
    const all = features.flat();
    if (all.length === 0) return documents.map(() => []);
    const output = await this.session.run(sparseInputs(all), ['probabilities']);
    const probabilities = output.probabilities!.data as Float32Array;
    const C = this.labels.length;
    let row = 0;
    return features.map((f) =>
      f.map(() => {
        const p = probabilities.slice(row * C, (row + 1) * C);
        row++;
        return p;
      }),
    );
  }

  async predictProbabilities(tokens: readonly Token[]): Promise<Float32Array[]> {
    return (await this.predictProbabilitiesBatch([tokens]))[0]!;
  }

  async decodeBatch(documents: readonly (readonly Token[])[]): Promise<DecodedSpan[][]> {
    const probabilities = await this.predictProbabilitiesBatch(documents);
    return documents.map((tokens, i) =>
      decodeSpans(tokens, probabilities[i]!, this.labels, this.config.decoding),
    );
  }

  async decode(tokens: readonly Token[]): Promise<DecodedSpan[]> {
    return (await this.decodeBatch([tokens]))[0]!;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
