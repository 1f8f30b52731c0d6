// Token features for the sequence labeller: strings such as "w=total" or "L=date:" hashed to uint32
// (features/hash.ts), one bag per token. The feature spec is plain JSON so that inference rebuilds exactly
// the features the model was trained on.
import { hashFeature } from '../features/hash.ts';
import { analyseLayout } from './layout.ts';
import type { Token } from './types.ts';
import { lengthBucket, shortShape, wordFlags, wordShape } from './word-shape.ts';

export interface LayoutFeatureSpec {
  /** Buckets across the page for the left and right edges, and down the page for the vertical centre. */
  xBuckets: number;
  yBuckets: number;
  /** Line numbers from the top and from the bottom of the page are capped at this. */
  maxLine: number;
  /** The other words of the token's line as a bag, up to this many (0: none). */
  lineWords: number;
  /** The words to the left, right, above and below, and the line's first word. */
  neighbours: boolean;
}

export interface SequenceFeatureSpec {
  version: 1;
  /** Word identity, lower-cased (and the neighbours'). */
  lowercase: boolean;
  prefixes: number[];
  suffixes: number[];
  /** Neighbouring words at offsets ±1 … ±window in reading order. */
  window: number;
  /** Shape and pattern flags of the words at ±1. */
  neighbourShapes: boolean;
  /** Word bigrams with the previous and with the next word. */
  bigrams: boolean;
  /** Document-level features: an amount's rank among the document's amounts, how often a number repeats. */
  documentFeatures: boolean;
  /** Layout features for tokens that have a box (null: none). */
  layout: LayoutFeatureSpec | null;
}

export const defaultFeatureSpec: SequenceFeatureSpec = {
  version: 1,
  lowercase: true,
  prefixes: [1, 2, 3],
  suffixes: [1, 2, 3, 4],
  window: 2,
  neighbourShapes: true,
  bigrams: true,
  documentFeatures: true,
  layout: { xBuckets: 8, yBuckets: 12, maxLine: 6, lineWords: 12, neighbours: true },
};

/** The spec with defaults filled in (and the layout defaults for a partial layout object). */
export function resolveFeatureSpec(spec: Partial<SequenceFeatureSpec> = {}): SequenceFeatureSpec {
  const layout = spec.layout === null ? null : { ...defaultFeatureSpec.layout!, ...(spec.layout ?? {}) };
  return { ...defaultFeatureSpec, ...spec, version: 1, layout };
}

/** Sparse features of one token: distinct hashes, each with its count as value. */
export interface TokenFeatures {
  hashes: Uint32Array;
  values: Float32Array;
}

interface WordInfo {
  word: string;
  shape: string;
  flags: string[];
}

function wordInfo(token: Token, spec: SequenceFeatureSpec): WordInfo {
  const text = token.text.normalize('NFKC');
  return {
    word: spec.lowercase ? text.toLowerCase() : text,
    shape: wordShape(text),
    flags: wordFlags(text),
  };
}

/** The feature strings of every token (readable; the model sees their hashes). */
export function featureStrings(tokens: readonly Token[], spec: SequenceFeatureSpec): string[][] {
  const info = tokens.map((t) => wordInfo(t, spec));
  const layout = spec.layout ? analyseLayout(tokens) : [];
  const documentFeatures = spec.documentFeatures ? documentLevel(info) : null;
  const wordAt = (i: number) => (i < 0 ? '<s>' : i >= tokens.length ? '</s>' : info[i]!.word);
  return tokens.map((token, i) => {
    const { word, shape, flags } = info[i]!;
    const f: string[] = [
      `w=${word}`,
      `sh=${shape}`,
      `ss=${shortShape(token.text)}`,
      `len=${lengthBucket(word)}`,
    ];
    const chars = [...word];
    for (const n of spec.prefixes) if (chars.length > n) f.push(`p${n}=${chars.slice(0, n).join('')}`);
    for (const n of spec.suffixes) if (chars.length > n) f.push(`s${n}=${chars.slice(-n).join('')}`);
    for (const flag of flags) f.push(`f=${flag}`);
    for (let d = 1; d <= spec.window; d++) {
      f.push(`w-${d}=${wordAt(i - d)}`, `w+${d}=${wordAt(i + d)}`);
    }
    if (spec.bigrams) f.push(`w-1|w=${wordAt(i - 1)}|${word}`, `w|w+1=${word}|${wordAt(i + 1)}`);
    if (spec.neighbourShapes) {
      for (const d of [-1, 1]) {
        const j = i + d;
        const tag = d < 0 ? '-1' : '+1';
        if (j < 0 || j >= tokens.length) {
          f.push(`sh${tag}=<edge>`);
          continue;
        }
        f.push(`sh${tag}=${shortShape(tokens[j]!.text)}`);
        for (const flag of info[j]!.flags) f.push(`f${tag}=${flag}`);
      }
    }
    if (documentFeatures?.[i]) f.push(...documentFeatures[i]);
    const l = spec.layout ? layout[i] : null;
    if (spec.layout && l && token.bbox) {
      const ls = spec.layout;
      const [x0, y0, x1, y1] = token.bbox;
      const bucket = (v: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(v * n)));
      f.push(
        'has-box',
        `x0=${bucket(x0, ls.xBuckets)}`,
        `x1=${bucket(x1, ls.xBuckets)}`,
        `y=${bucket((y0 + y1) / 2, ls.yBuckets)}`,
        `line=${Math.min(l.line, ls.maxLine)}`,
        `line-bottom=${Math.min(l.lineFromBottom, ls.maxLine)}`,
        `in-line=${Math.min(l.inLine, 3)}`,
        `line-length=${Math.min(l.lineLength, 5)}`,
        `size=${Math.max(-2, Math.min(2, l.sizeStep))}`,
      );
      if (l.inLine === l.lineLength - 1) f.push('line-last');
      if (ls.neighbours) {
        const named = (j: number) => (j < 0 ? '<none>' : info[j]!.word);
        f.push(`L=${named(l.left)}`, `R=${named(l.right)}`, `A=${named(l.above)}`, `B=${named(l.below)}`);
        f.push(`Lsh=${l.left < 0 ? '<none>' : shortShape(tokens[l.left]!.text)}`);
        if (l.lineStart !== i) f.push(`line-first=${info[l.lineStart]!.word}`);
      }
      if (ls.lineWords > 0) {
        let k = 0;
        for (const j of l.lineTokens) {
          if (j === i) continue;
          if (k++ >= ls.lineWords) break;
          f.push(`lw=${info[j]!.word}`);
        }
      }
    }
    return f;
  });
}

/** Per token: its amount's rank among the document's distinct amounts (largest first), and repeats of numbers. */
function documentLevel(info: readonly WordInfo[]): (string[] | null)[] {
  const amountOf = (w: WordInfo) =>
    w.flags.includes('amount')
      ? Number(
          w.word
            .replace(/^[^\d-]+/, '')
            .replace(/,(?=\d{3}\b)/g, '')
            .replace(',', '.'),
        )
      : NaN;
  const amounts = [...new Set(info.map(amountOf).filter((v) => Number.isFinite(v)))].sort((a, b) => b - a);
  const repeats = new Map<string, number>();
  for (const w of info) if (w.flags.includes('hasdigit')) repeats.set(w.word, (repeats.get(w.word) ?? 0) + 1);
  return info.map((w) => {
    if (!w.flags.includes('hasdigit')) return null;
    const out = [`repeats=${Math.min(repeats.get(w.word)!, 3)}`];
    const value = amountOf(w);
    if (Number.isFinite(value)) out.push(`amount-rank=${Math.min(amounts.indexOf(value) + 1, 4)}`);
    return out;
  });
}

/** Hashed sparse features of every token. */
export function featurize(tokens: readonly Token[], spec: SequenceFeatureSpec): TokenFeatures[] {
  return featureStrings(tokens, spec).map((strings) => {
    const counts = new Map<number, number>();
    for (const s of strings) {
      const h = hashFeature(s);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    return { hashes: Uint32Array.from(counts.keys()), values: Float32Array.from(counts.values()) };
  });
}
