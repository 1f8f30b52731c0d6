// Features for short business text without pretrained weights: word unigrams and bigrams, character
// n-grams inside words (they carry misspellings, inflections and compounds), and placeholders for the
// values that vary between otherwise identical messages (emails, links, amounts, dates, numbers).
// The spec is saved in the model card so inference rebuilds exactly the features the model was trained on.
import { hashFeature } from '../features/hash.ts';

export interface TextFeatureSpec {
  kind: 'text-ngrams';
  version: 1;
  wordNgrams: number;
  charMin: number;
  charMax: number;
  /** Replace emails, URLs, amounts, dates and numbers by placeholders. */
  placeholders: boolean;
  /** Feature values: 1 + ln(count). */
  sublinearTf: boolean;
  /** Sentence embeddings from an installed feature-extraction model, added as dense features. */
  embedder?: EmbedderSpec;
}

export interface EmbedderSpec {
  /** Registry id of the feature-extraction model when trained (for messages). */
  modelId: string;
  /** sha256 of its onnx/model.onnx: the exact model the classifier was trained with. */
  sha256: string;
  dimensions: number;
  /**
   * Multiplies the (unit-length) embedding so that it weighs about as much as the n-gram part of a
   * typical row before the row is normalised: the median n-gram tf-idf norm of the training rows.
   */
  scale: number;
}

export const defaultTextFeatureSpec: TextFeatureSpec = {
  kind: 'text-ngrams',
  version: 1,
  wordNgrams: 2,
  charMin: 2,
  charMax: 5,
  placeholders: true,
  sublinearTf: true,
};

/** One text's features: parallel arrays of hashes and values, hashes unique. */
export interface SparseFeatures {
  hashes: Uint32Array;
  values: Float32Array;
}

const PLACEHOLDERS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu, ' xemailx '],
  [/\b(?:https?:\/\/|www\.)\S+/gu, ' xurlx '],
  [
    /(?:[$€£¥]|\b(?:usd|eur|gbp|chf)\b)\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£¥]|\b(?:usd|eur|gbp|chf)\b)/gu,
    ' xamountx ',
  ],
  [/\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/gu, ' xdatex '],
  [/\d+(?:[.,]\d+)*/gu, ' xnumx '],
];

export function normaliseText(text: string, spec: TextFeatureSpec): string {
  let t = text.normalize('NFKC').toLowerCase();
  if (spec.placeholders)
    for (const [pattern, replacement] of PLACEHOLDERS) t = t.replace(pattern, replacement);
  return t;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?!€$£%]/gu;

export function tokenize(text: string, spec: TextFeatureSpec): string[] {
  return normaliseText(text, spec).match(TOKEN) ?? [];
}

/** The feature strings of a text, with repeats (counted later). */
export function featureStrings(text: string, spec: TextFeatureSpec): string[] {
  const tokens = tokenize(text, spec);
  const out: string[] = [];
  for (const t of tokens) out.push(`w:${t}`);
  for (let n = 2; n <= spec.wordNgrams; n++) {
    const padded = ['<s>', ...tokens, '</s>'];
    for (let i = 0; i + n <= padded.length; i++) out.push(`${n}:${padded.slice(i, i + n).join(' ')}`);
  }
  if (spec.charMax >= spec.charMin && spec.charMin > 0) {
    for (const t of tokens) {
      const w = `<${t}>`;
      for (let n = spec.charMin; n <= spec.charMax; n++) {
        for (let i = 0; i + n <= w.length; i++) {
          const gram = w.slice(i, i + n);
          if (gram !== w) out.push(`c:${gram}`);
        }
      }
    }
  }
  return out;
}

/** The hash of embedding dimension i (a name no n-gram feature can have). */
const embeddingHashes: number[] = [];
export function embeddingHash(i: number): number {
  return (embeddingHashes[i] ??= hashFeature(`e:${i}`));
}

/**
 * A text's features. A spec with an embedder needs the text's embedding; without one, only the n-grams
 * are made (the trainer does that first, to measure the n-gram norms that set the embedding's scale).
 */
export function extractFeatures(
  text: string,
  spec: TextFeatureSpec,
  embedding?: ArrayLike<number>,
): SparseFeatures {
  const counts = new Map<number, number>();
  for (const f of featureStrings(text, spec)) {
    const h = hashFeature(f);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const dense = spec.embedder && embedding ? spec.embedder.dimensions : 0;
  if (spec.embedder && embedding && embedding.length !== dense) {
    throw new Error(`The embedding has ${embedding.length} dimensions; the model expects ${dense}.`);
  }
  const hashes = new Uint32Array(counts.size + dense);
  const values = new Float32Array(counts.size + dense);
  let i = 0;
  for (const [h, c] of counts) {
    hashes[i] = h;
    values[i] = spec.sublinearTf ? 1 + Math.log(c) : c;
    i++;
  }
  for (let d = 0; d < dense; d++, i++) {
    hashes[i] = embeddingHash(d);
    values[i] = embedding![d]! * spec.embedder!.scale;
  }
  return { hashes, values };
}

/** Adds the embedding features to n-gram features made without them. */
export function withEmbedding(
  features: SparseFeatures,
  spec: TextFeatureSpec,
  embedding: ArrayLike<number>,
): SparseFeatures {
  const embedder = spec.embedder!;
  const n = features.hashes.length;
  const hashes = new Uint32Array(n + embedder.dimensions);
  const values = new Float32Array(n + embedder.dimensions);
  hashes.set(features.hashes);
  values.set(features.values);
  for (let d = 0; d < embedder.dimensions; d++) {
    hashes[n + d] = embeddingHash(d);
    values[n + d] = embedding[d]! * embedder.scale;
  }
  return { hashes, values };
}

/** Pads a batch into the [batch, n] tensors the ONNX graph takes (padding has value 0). */
export function toBatchTensors(batch: SparseFeatures[]): {
  hashes: BigInt64Array;
  values: Float32Array;
  width: number;
} {
  const width = Math.max(1, ...batch.map((f) => f.hashes.length));
  const hashes = new BigInt64Array(batch.length * width);
  const values = new Float32Array(batch.length * width);
  batch.forEach((f, row) => {
    for (let i = 0; i < f.hashes.length; i++) {
      hashes[row * width + i] = BigInt(f.hashes[i]!);
      values[row * width + i] = f.values[i]!;
    }
  });
  return { hashes, values, width };
}
