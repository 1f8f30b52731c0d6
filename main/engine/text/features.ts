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
  /** Multiplies the values of word features (unigrams, bigrams); character n-grams keep 1. */
  wordWeight?: number;
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
  // Measured on held-out splits (docs/decisions/0008): banking77 87.6 → 89.1 %, clinc150 90.7 → 92.4 %.
  wordWeight: 3,
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

const ASCII = /^\p{ASCII}*$/u;

export function normaliseText(text: string, spec: TextFeatureSpec): string {
  // NFKC changes nothing in ASCII text, and most business text is ASCII: skip the call there.
  let t = (ASCII.test(text) ? text : text.normalize('NFKC')).toLowerCase();
  if (spec.placeholders)
    for (const [pattern, replacement] of PLACEHOLDERS) t = t.replace(pattern, replacement);
  return t;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[?!€$£%]/gu;

export function tokenize(text: string, spec: TextFeatureSpec): string[] {
  return normaliseText(text, spec).match(TOKEN) ?? [];
}

/** The feature strings of a text, with repeats (counted later). For reading; extraction hashes directly. */
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

// FNV-1a, one step at a time: the hash of `prefix + s` continues from the hash of `prefix`, so the
// n-grams are hashed without building their strings (extraction was half of `docket classify`'s time).
const FNV_OFFSET = 0x811c9dc5;
const step = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);
function continueHash(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = step(h, s.charCodeAt(i));
  return h;
}
const WORD = continueHash(FNV_OFFSET, 'w:');
const CHAR = continueHash(FNV_OFFSET, 'c:');
const SPACE = 0x20;

/**
 * Calls `emit` with the hash of every feature string of `featureStrings` (same order, same repeats),
 * and whether it is a word feature.
 */
function forEachFeatureHash(
  text: string,
  spec: TextFeatureSpec,
  emit: (hash: number, word: boolean) => void,
): void {
  const tokens = tokenize(text, spec);
  for (const t of tokens) emit(continueHash(WORD, t) >>> 0, true);
  for (let n = 2; n <= spec.wordNgrams; n++) {
    const padded = ['<s>', ...tokens, '</s>'];
    const start = continueHash(FNV_OFFSET, `${n}:`);
    for (let i = 0; i + n <= padded.length; i++) {
      let h = continueHash(start, padded[i]!);
      for (let k = 1; k < n; k++) h = continueHash(step(h, SPACE), padded[i + k]!);
      emit(h >>> 0, true);
    }
  }
  if (spec.charMax < spec.charMin || spec.charMin <= 0) return;
  for (const t of tokens) {
    const w = `<${t}>`;
    // Same order as featureStrings: by length, then by position.
    for (let n = spec.charMin; n <= spec.charMax; n++) {
      for (let i = 0; i + n <= w.length; i++) {
        if (n === w.length) continue; // the whole bracketed word is not a character n-gram
        let h = CHAR;
        for (let j = i; j < i + n; j++) h = step(h, w.charCodeAt(j));
        emit(h >>> 0, false);
      }
    }
  }
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
/** Counts of feature hashes for one text at a time; cleared by bumping a generation stamp. */
class CountTable {
  keys = new Uint32Array(4096);
  counts = new Uint32Array(4096);
  words = new Uint8Array(4096);
  private stamps = new Uint32Array(4096);
  private generation = 0;
  /** Slots in the order their hashes were first added. */
  order = new Uint32Array(2048);
  size = 0;

  reset(): this {
    this.generation++;
    this.size = 0;
    return this;
  }

  add(hash: number, word: boolean): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const slot = this.slotOf(hash);
    this.counts[slot]!++;
    if (word) this.words[slot] = 1;
  }

  /** The hash's slot in this generation, claimed (with a zero count) if the hash is new. */
  private slotOf(hash: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 0) & mask;
    while (this.stamps[slot] === this.generation && this.keys[slot] !== hash) slot = (slot + 1) & mask;
    if (this.stamps[slot] !== this.generation) {
      this.stamps[slot] = this.generation;
      this.keys[slot] = hash;
      this.counts[slot] = 0;
      this.words[slot] = 0;
      this.order[this.size++] = slot;
    }
    return slot;
  }

  private grow(): void {
    const { keys, counts, words } = this;
    const filled = this.order.slice(0, this.size);
    const capacity = keys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.words = new Uint8Array(capacity);
    this.stamps = new Uint32Array(capacity);
    this.order = new Uint32Array(capacity / 2);
    this.generation = 1;
    this.size = 0;
    for (const old of filled) {
      const slot = this.slotOf(keys[old]!);
      this.counts[slot] = counts[old]!;
      this.words[slot] = words[old]!;
    }
  }
}
const countTable = new CountTable();

export function extractFeatures(
  text: string,
  spec: TextFeatureSpec,
  embedding?: ArrayLike<number>,
): SparseFeatures {
  // Count the emitted hashes in a reused open-addressing table (a Map per text was most of the time).
  const table = countTable.reset();
  forEachFeatureHash(text, spec, (h, word) => table.add(h, word));
  // Word features are fewer than character n-grams; a weight above 1 keeps them from being drowned out
  // when the row is normalised.
  const wordWeight = spec.wordWeight ?? 1;
  const hashes = new Uint32Array(table.size);
  const values = new Float32Array(table.size);
  for (let i = 0; i < table.size; i++) {
    const slot = table.order[i]!;
    const count = table.counts[slot]!;
    hashes[i] = table.keys[slot]!;
    values[i] = (spec.sublinearTf ? 1 + Math.log(count) : count) * (table.words[slot] ? wordWeight : 1);
  }
  const ngrams = { hashes, values };
  return spec.embedder && embedding ? withEmbedding(ngrams, spec, embedding) : ngrams;
}

/** Adds the embedding features to n-gram features made without them. */
export function withEmbedding(
  features: SparseFeatures,
  spec: TextFeatureSpec,
  embedding: ArrayLike<number>,
): SparseFeatures {
  const embedder = spec.embedder!;
  if (embedding.length !== embedder.dimensions) {
    throw new Error(
      `The embedding has ${embedding.length} dimensions; the model expects ${embedder.dimensions}.`,
    );
  }
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
  // Hashes are unsigned 32-bit: write each as the low half of its little-endian int64, with no BigInt made.
  const halves = new Uint32Array(hashes.buffer);
  const values = new Float32Array(batch.length * width);
  batch.forEach((f, row) => {
    for (let i = 0; i < f.hashes.length; i++) {
      halves[2 * (row * width + i)] = f.hashes[i]!;
      values[row * width + i] = f.values[i]!;
    }
  });
  return { hashes, values, width };
}
