// Span-respecting decoding: Viterbi over the per-token label probabilities under the BIO constraints (an
// I-X only after B-X or I-X, never first), optionally adding transition scores learned from the training
// tags. Whatever the probabilities say, the decoded tags are well formed, so every span is whole.
import { spanText, tagsToSpans, transitionMask } from './bio.ts';
import type { DecodedSpan, Token } from './types.ts';

export interface DecodingSpec {
  /** log P(next | previous), [from][to] in label order, learned from training tags; null: constraints only. */
  transitions: number[][] | null;
  /** log P(first label), in label order; null: constraints only. */
  start: number[] | null;
  /** Weight of the transition scores next to the token log-probabilities (0 ignores them). */
  transitionWeight: number;
  /**
   * Subtracted from the log-probability of O on every token (0: none). Above 0 trades precision for
   * recall; the trainer picks it on dev.
   */
  outsidePenalty?: number;
}

export const constraintsOnly: DecodingSpec = {
  transitions: null,
  start: null,
  transitionWeight: 0,
  outsidePenalty: 0,
};

/** Transition and start log-probabilities from tag sequences, add-`smoothing` over the allowed moves. */
export function learnTransitions(
  sequences: Iterable<readonly string[]>,
  labels: readonly string[],
  smoothing = 1,
): { transitions: number[][]; start: number[] } {
  const C = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const mask = transitionMask(labels);
  const startAllowed = labels.map((l) => !l.startsWith('I-'));
  const counts = Array.from({ length: C }, () => new Float64Array(C));
  const startCounts = new Float64Array(C);
  for (const tags of sequences) {
    let previous = -1;
    for (const tag of tags) {
      const j = index.get(tag);
      if (j === undefined) throw new Error(`tag ${JSON.stringify(tag)} is not one of the labels`);
      if (previous < 0) startCounts[j]!++;
      else counts[previous]![j]!++;
      previous = j;
    }
  }
  const logNormalised = (row: Float64Array, allowed: boolean[]) => {
    let total = 0;
    for (let j = 0; j < C; j++) if (allowed[j]) total += row[j]! + smoothing;
    // Disallowed moves get a finite placeholder (JSON has no -Infinity); the mask forbids them anyway.
    return labels.map((_, j) => (allowed[j] ? Math.log((row[j]! + smoothing) / total) : -1e9));
  };
  return {
    transitions: counts.map((row, i) => logNormalised(row, mask[i]!)),
    start: logNormalised(startCounts, startAllowed),
  };
}

const LOG_FLOOR = Math.log(1e-30);

/** The best well-formed label sequence (label indices) for per-token probabilities. */
export function viterbi(
  probabilities: readonly Float32Array[],
  labels: readonly string[],
  decoding: DecodingSpec = constraintsOnly,
): number[] {
  const n = probabilities.length;
  const C = labels.length;
  if (n === 0) return [];
  const mask = transitionMask(labels);
  const w = decoding.transitions ? decoding.transitionWeight : 0;
  const penalty = decoding.outsidePenalty ?? 0;
  const outside = labels.indexOf('O');
  const emit = (t: number, j: number) => {
    const p = probabilities[t]![j]!;
    return (p > 0 ? Math.max(Math.log(p), LOG_FLOOR) : LOG_FLOOR) - (j === outside ? penalty : 0);
  };
  let score = new Float64Array(C);
  let next = new Float64Array(C);
  const back = new Int32Array(n * C);
  for (let j = 0; j < C; j++) {
    score[j] = labels[j]!.startsWith('I-')
      ? -Infinity
      : emit(0, j) + (w && decoding.start ? w * decoding.start[j]! : 0);
  }
  for (let t = 1; t < n; t++) {
    for (let j = 0; j < C; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < C; i++) {
        if (!mask[i]![j] || score[i] === -Infinity) continue;
        const s = score[i]! + (w ? w * decoding.transitions![i]![j]! : 0);
        if (s > best) {
          best = s;
          arg = i;
        }
      }
      next[j] = best === -Infinity ? -Infinity : best + emit(t, j);
      back[t * C + j] = arg;
    }
    [score, next] = [next, score];
  }
  let last = 0;
  for (let j = 1; j < C; j++) if (score[j]! > score[last]!) last = j;
  const path = new Array<number>(n);
  path[n - 1] = last;
  for (let t = n - 1; t > 0; t--) path[t - 1] = back[t * C + path[t]!]!;
  return path;
}

/** Decoded tags as strings. */
export function decodeTags(
  probabilities: readonly Float32Array[],
  labels: readonly string[],
  decoding?: DecodingSpec,
): string[] {
  return viterbi(probabilities, labels, decoding).map((j) => labels[j]!);
}

/** The spans of the best well-formed tag sequence, with their text and mean tag probability. */
export function decodeSpans(
  tokens: readonly Token[],
  probabilities: readonly Float32Array[],
  labels: readonly string[],
  decoding?: DecodingSpec,
): DecodedSpan[] {
  const path = viterbi(probabilities, labels, decoding);
  return tagsToSpans(path.map((j) => labels[j]!)).map((s) => {
    let sum = 0;
    for (let t = s.start; t < s.end; t++) sum += probabilities[t]![path[t]!]!;
    return { ...s, text: spanText(tokens, s.start, s.end), probability: sum / (s.end - s.start) };
  });
}

/** For each entity type, the decoded span with the highest probability (field extraction). */
export function bestSpanPerLabel<S extends { label: string; probability: number }>(
  spans: readonly S[],
): Map<string, S> {
  const best = new Map<string, S>();
  for (const s of spans) {
    const b = best.get(s.label);
    if (!b || s.probability > b.probability) best.set(s.label, s);
  }
  return best;
}
