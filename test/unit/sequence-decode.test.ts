// Span-respecting decoding: Viterbi under BIO constraints (checked against brute force over every tag
// sequence), learned transitions, and the conversions between tags, spans and text.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../main/engine/random.ts';
import {
  bioLabels,
  isAllowedTransition,
  isWellFormed,
  spansToTags,
  spanText,
  tagsToSpans,
} from '../../main/engine/sequence/bio.ts';
import {
  bestSpanPerLabel,
  decodeSpans,
  decodeTags,
  learnTransitions,
  viterbi,
  type DecodingSpec,
} from '../../main/engine/sequence/decoding.ts';
import type { Token } from '../../main/engine/sequence/types.ts';

const labels = bioLabels(['PER', 'LOC']); // O B-LOC I-LOC B-PER I-PER

function randomProbabilities(n: number, random: () => number, C = labels.length): Float32Array[] {
  return Array.from({ length: n }, () => {
    const row = Float32Array.from({ length: C }, () => random() ** 3 + 1e-4);
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });
}

/** Best well-formed path by enumerating all C^n sequences. */
function bruteForce(p: Float32Array[], decoding?: DecodingSpec): number[] {
  const C = labels.length;
  const w = decoding?.transitions ? decoding.transitionWeight : 0;
  let best: number[] = [];
  let bestScore = -Infinity;
  const path: number[] = [];
  const visit = (t: number, score: number) => {
    if (t === p.length) {
      if (score > bestScore) {
        bestScore = score;
        best = [...path];
      }
      return;
    }
    for (let j = 0; j < C; j++) {
      const previous = t === 0 ? null : labels[path[t - 1]!]!;
      if (!isAllowedTransition(previous, labels[j]!)) continue;
      let s = Math.log(p[t]![j]!) - (j === 0 ? (decoding?.outsidePenalty ?? 0) : 0);
      if (w) s += w * (t === 0 ? decoding!.start![j]! : decoding!.transitions![path[t - 1]!]![j]!);
      path.push(j);
      visit(t + 1, score + s);
      path.pop();
    }
  };
  visit(0, 0);
  return best;
}

describe('BIO constraints', () => {
  it('knows which tag may follow which', () => {
    expect(isAllowedTransition(null, 'I-PER')).toBe(false);
    expect(isAllowedTransition(null, 'B-PER')).toBe(true);
    expect(isAllowedTransition('O', 'I-PER')).toBe(false);
    expect(isAllowedTransition('B-LOC', 'I-PER')).toBe(false);
    expect(isAllowedTransition('I-LOC', 'I-PER')).toBe(false);
    expect(isAllowedTransition('B-PER', 'I-PER')).toBe(true);
    expect(isAllowedTransition('I-PER', 'I-PER')).toBe(true);
    expect(isAllowedTransition('I-PER', 'B-PER')).toBe(true);
    expect(isAllowedTransition('I-PER', 'O')).toBe(true);
    expect(() => isAllowedTransition('O', 'X-PER')).toThrow(/not a BIO tag/);
  });

  it('orders labels O, then B-/I- per sorted type', () => {
    expect(labels).toEqual(['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER']);
  });
});

describe('Viterbi decoding', () => {
  it('repairs what per-token argmax would get wrong', () => {
    // argmax: O I-PER I-PER B-LOC I-PER
    const p = [
      [0.9, 0.02, 0.02, 0.03, 0.03],
      [0.3, 0.05, 0.05, 0.2, 0.4],
      [0.1, 0.05, 0.05, 0.1, 0.7],
      [0.1, 0.5, 0.1, 0.1, 0.2],
      [0.1, 0.1, 0.3, 0.1, 0.4],
    ].map((r) => Float32Array.from(r));
    const tags = decodeTags(p, labels);
    expect(isWellFormed(tags)).toBe(true);
    expect(tags).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
  });

  it('never emits I-X after O, after B-Y or at the start (random probabilities)', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const p = randomProbabilities(1 + Math.floor(random() * 30), random);
      const tags = decodeTags(p, labels);
      expect(tags[0]!.startsWith('I-')).toBe(false);
      for (let i = 1; i < tags.length; i++) {
        if (!tags[i]!.startsWith('I-')) continue;
        const type = tags[i]!.slice(2);
        expect([`B-${type}`, `I-${type}`]).toContain(tags[i - 1]);
      }
    }
  });

  it('finds the best well-formed path (brute force)', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 60; trial++) {
      const p = randomProbabilities(1 + (trial % 5), random);
      expect(viterbi(p, labels)).toEqual(bruteForce(p));
    }
  });

  it('adds learned transition scores and the O penalty (brute force)', () => {
    const { transitions, start } = learnTransitions(
      [
        ['B-PER', 'I-PER', 'O', 'B-LOC'],
        ['O', 'O', 'B-PER', 'O'],
      ],
      labels,
    );
    const random = seededRandom(3);
    for (let trial = 0; trial < 60; trial++) {
      const decoding: DecodingSpec = {
        transitions,
        start,
        transitionWeight: [0.25, 1, 2][trial % 3]!,
        outsidePenalty: [0, 1][trial % 2]!,
      };
      const p = randomProbabilities(1 + (trial % 5), random);
      expect(viterbi(p, labels, decoding)).toEqual(bruteForce(p, decoding));
    }
  });

  it('learns transition log-probabilities over the allowed moves only', () => {
    const { transitions, start } = learnTransitions([['B-PER', 'I-PER', 'O']], labels, 1);
    for (let i = 0; i < labels.length; i++) {
      const allowed = transitions[i]!.filter((_, j) => isAllowedTransition(labels[i]!, labels[j]!));
      expect(allowed.reduce((a, v) => a + Math.exp(v), 0)).toBeCloseTo(1, 10);
    }
    expect(transitions[0]![labels.indexOf('I-PER')]).toBe(-1e9);
    expect(start[labels.indexOf('I-LOC')]).toBe(-1e9);
    // B-PER → I-PER was seen once: (1 + 1) / (1 + 3 allowed moves … ) is the largest of its row.
    const row = transitions[labels.indexOf('B-PER')]!;
    expect(row.indexOf(Math.max(...row))).toBe(labels.indexOf('I-PER'));
    expect(JSON.parse(JSON.stringify({ transitions, start }))).toEqual({ transitions, start });
  });

  it('decodes nothing for an empty document', () => {
    expect(viterbi([], labels)).toEqual([]);
    expect(decodeSpans([], [], labels)).toEqual([]);
  });
});

describe('spans', () => {
  it('reads spans from tags, starting a new span at a stray I- as conlleval does', () => {
    expect(tagsToSpans(['B-PER', 'I-PER', 'O', 'I-LOC', 'I-LOC', 'B-LOC', 'I-PER'])).toEqual([
      { label: 'PER', start: 0, end: 2 },
      { label: 'LOC', start: 3, end: 5 },
      { label: 'LOC', start: 5, end: 6 },
      { label: 'PER', start: 6, end: 7 },
    ]);
    expect(tagsToSpans(['O', 'O'])).toEqual([]);
    expect(tagsToSpans(['B-PER', 'B-PER'])).toHaveLength(2);
  });

  it('round-trips spans and tags, and refuses overlaps', () => {
    const tags = ['B-LOC', 'I-LOC', 'O', 'B-PER', 'B-PER', 'I-PER'];
    expect(spansToTags(tagsToSpans(tags), tags.length)).toEqual(tags);
    expect(() =>
      spansToTags(
        [
          { label: 'A', start: 0, end: 2 },
          { label: 'B', start: 1, end: 3 },
        ],
        3,
      ),
    ).toThrow(/overlap/);
    expect(() => spansToTags([{ label: 'A', start: 2, end: 4 }], 3)).toThrow(/outside/);
  });

  it('joins span text as in the source', () => {
    const tokens: Token[] = [{ text: 'DATE' }, { text: ':', noSpaceBefore: true }, { text: '09/01/2019' }];
    expect(spanText(tokens, 0, 3)).toBe('DATE: 09/01/2019');
  });

  it('decodes spans with text and mean probability, and picks the best per label', () => {
    const tokens: Token[] = ['Ada', 'Lovelace', 'met', 'Bob', 'in', 'Paris'].map((text) => ({ text }));
    const row = (label: string, p: number) => {
      const r = new Float32Array(labels.length).fill((1 - p) / (labels.length - 1));
      r[labels.indexOf(label)] = p;
      return r;
    };
    const p = [
      row('B-PER', 0.9),
      row('I-PER', 0.7),
      row('O', 0.9),
      row('B-PER', 0.6),
      row('O', 0.9),
      row('B-LOC', 0.8),
    ];
    const spans = decodeSpans(tokens, p, labels);
    expect(spans.map((s) => [s.label, s.start, s.end, s.text])).toEqual([
      ['PER', 0, 2, 'Ada Lovelace'],
      ['PER', 3, 4, 'Bob'],
      ['LOC', 5, 6, 'Paris'],
    ]);
    expect(spans[0]!.probability).toBeCloseTo(0.8, 6);
    const best = bestSpanPerLabel(spans);
    expect(best.get('PER')!.text).toBe('Ada Lovelace');
    expect(best.get('LOC')!.text).toBe('Paris');
  });
});
