// Text features: the fast hashing path gives exactly the hashes of the readable feature strings, and
// the placeholders and weights behave as the spec says.
import { describe, expect, it } from 'vitest';
import { hashFeature } from '../../main/engine/features/hash.ts';
import {
  defaultTextFeatureSpec,
  extractFeatures,
  featureStrings,
  tokenize,
} from '../../main/engine/text/features.ts';

const texts = [
  'I still have not received my new card, ordered on 12/03/2024!',
  'Why was I charged €2.50 extra? Email me at jane.doe@example.com',
  'Überweisung nach Österreich — wie lange dauert das?',
  "can't log in: see https://example.com/help",
  '',
  'a',
  // Thousands of distinct features: the counting table has to grow.
  Array.from({ length: 1500 }, (_, i) =>
    [i, i * 7919]
      .map((n) => n.toString(26).replace(/./g, (d) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(d, 26)]!))
      .join('q'),
  ).join(' '),
];

describe('text features', () => {
  it('hash every feature string exactly as hashFeature does, with the same counts', () => {
    expect(extractFeatures(texts.at(-1)!, defaultTextFeatureSpec).hashes.length).toBeGreaterThan(5000);
    for (const spec of [
      defaultTextFeatureSpec,
      { ...defaultTextFeatureSpec, wordNgrams: 3, charMin: 1, charMax: 6 },
    ]) {
      for (const text of texts) {
        const expected = new Map<number, number>();
        for (const f of featureStrings(text, spec))
          expected.set(hashFeature(f), (expected.get(hashFeature(f)) ?? 0) + 1);
        const { hashes, values } = extractFeatures(text, { ...spec, wordWeight: 1 });
        expect(new Set(hashes)).toEqual(new Set(expected.keys()));
        hashes.forEach((h, i) => expect(values[i]).toBeCloseTo(1 + Math.log(expected.get(h)!), 6));
      }
    }
  });

  it('replace emails, links, amounts, dates and numbers by placeholders', () => {
    expect(tokenize(texts[1]!, defaultTextFeatureSpec)).toEqual(
      expect.arrayContaining(['xamountx', 'xemailx']),
    );
    expect(tokenize(texts[0]!, defaultTextFeatureSpec)).toContain('xdatex');
    expect(tokenize(texts[3]!, defaultTextFeatureSpec)).toContain('xurlx');
  });

  it('weigh word features by wordWeight and leave character n-grams at 1', () => {
    const spec = { ...defaultTextFeatureSpec, wordWeight: 3 };
    const { hashes, values } = extractFeatures('card card', spec);
    const word = hashes.indexOf(hashFeature('w:card'));
    const char = hashes.indexOf(hashFeature('c:ca'));
    expect(values[word]).toBeCloseTo(3 * (1 + Math.log(2)), 6);
    expect(values[char]).toBeCloseTo(1 + Math.log(2), 6);
  });
});

describe('predictions', () => {
  it('rank the top labels best first, ties by label, and abstain below the threshold', async () => {
    const { toPrediction } = await import('../../main/engine/text/text-model.ts');
    const card = {
      labels: ['d', 'c', 'b', 'a'],
      thresholds: { abstain: 0.5, autoApply: 0.9 },
      multiLabel: false,
    };
    const p = toPrediction([0.1, 0.3, 0.3, 0.3], card, 3);
    expect(p.top.map((t) => t.label)).toEqual(['a', 'b', 'c']);
    expect(p).toMatchObject({ label: 'a', probability: 0.3, abstain: true });
    expect(toPrediction([0.7, 0.1, 0.1, 0.1], card, 1)).toMatchObject({
      label: 'd',
      abstain: false,
      top: [{ label: 'd' }],
    });
    const multi = toPrediction(
      [0.9, 0.2, 0.6, 0.4],
      { ...card, multiLabel: true, thresholds: { abstain: 0.5, autoApply: 0.9, perLabel: { b: 0.7 } } },
      2,
    );
    expect(multi.labels).toEqual(['d']);
  });
});
