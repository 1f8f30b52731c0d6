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

export function extractFeatures(text: string, spec: TextFeatureSpec): SparseFeatures {
  const counts = new Map<number, number>();
  for (const f of featureStrings(text, spec)) {
    const h = hashFeature(f);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  const hashes = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let i = 0;
  for (const [h, c] of counts) {
    hashes[i] = h;
    values[i] = spec.sublinearTf ? 1 + Math.log(c) : c;
    i++;
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
