// Token features for the sequence labeller: word shapes and pattern flags, lines found by vertical
// overlap, layout neighbours, and the SROIE loader's tokens, boxes, alignment and split.
import { describe, expect, it } from 'vitest';
import { receiptToSequence, segmentTokens, splitSroie } from '../../main/engine/datasets/sroie.ts';
import { featureStrings, featurize, resolveFeatureSpec } from '../../main/engine/sequence/features.ts';
import { analyseLayout } from '../../main/engine/sequence/layout.ts';
import type { Token } from '../../main/engine/sequence/types.ts';
import { shortShape, wordFlags, wordShape } from '../../main/engine/sequence/word-shape.ts';

describe('word shape and flags', () => {
  it('describes what a word looks like', () => {
    expect(wordShape('Docket')).toBe('Xxxxx');
    expect(wordShape('09/01/2019')).toBe('dd/dd/dddd');
    expect(wordShape('TOTALAMOUNT')).toBe('XXXX');
    expect(shortShape('McDonald')).toBe('XxXx');
    expect(wordFlags('31.00')).toContain('amount');
    expect(wordFlags('RM1,234.50')).toContain('amount');
    expect(wordFlags('09/01/2019')).toContain('date');
    expect(wordFlags('8:01:11')).toContain('time');
    expect(wordFlags('RM')).toEqual(expect.arrayContaining(['currency', 'allcaps']));
    expect(wordFlags('@paulwalk')).toContain('mention');
    expect(wordFlags('#storm')).toContain('hashtag');
    expect(wordFlags('a@b.com')).toContain('email');
    expect(wordFlags('Paris')).toContain('title');
    expect(wordFlags(':')).toContain('punct');
  });
});

describe('layout', () => {
  // Two lines; the second line's words are given right to left.
  const tokens: Token[] = [
    { text: 'TOTAL', bbox: [0.1, 0.5, 0.3, 0.54] },
    { text: '31.00', bbox: [0.7, 0.505, 0.8, 0.545] },
    { text: 'CASH', bbox: [0.6, 0.56, 0.8, 0.6] },
    { text: 'PAID', bbox: [0.1, 0.565, 0.3, 0.6] },
    { text: 'thanks' },
  ];

  it('groups words into lines by vertical overlap and finds neighbours', () => {
    const l = analyseLayout(tokens);
    expect(l[4]).toBeNull();
    expect(l.slice(0, 4).map((x) => [x!.line, x!.inLine, x!.lineLength])).toEqual([
      [0, 0, 2],
      [0, 1, 2],
      [1, 1, 2],
      [1, 0, 2],
    ]);
    expect(l[1]!.left).toBe(0);
    expect(l[2]!.left).toBe(3);
    expect(l[2]!.above).toBe(1);
    expect(l[3]!.above).toBe(0);
    expect(l[0]!.below).toBe(3);
    expect(l[0]!.lineFromBottom).toBe(1);
  });

  it('puts layout features on tokens with a box only, and the same features hash the same way', () => {
    const spec = resolveFeatureSpec();
    const f = featureStrings(tokens, spec);
    expect(f[1]).toEqual(
      expect.arrayContaining(['w=31.00', 'L=total', 'lw=total', 'line=0', 'f=amount', 'amount-rank=1']),
    );
    expect(f[2]).toEqual(expect.arrayContaining(['A=31.00', 'L=paid', 'line-first=paid']));
    expect(f[4]!.some((s) => s.startsWith('line='))).toBe(false);
    expect(f[0]).toEqual(expect.arrayContaining(['w-1=<s>', 'w+1=31.00', 'w+2=cash']));
    const none = featureStrings(tokens, resolveFeatureSpec({ layout: null }));
    expect(none[1]!.some((s) => s.startsWith('L='))).toBe(false);
    const hashed = featurize(tokens, spec);
    expect(hashed.map((h) => h.hashes)).toEqual(featurize(tokens, spec).map((h) => h.hashes));
    expect(hashed[0]!.hashes.length).toBe(new Set(f[0]).size);
  });

  it('fills defaults into a partial spec', () => {
    const spec = resolveFeatureSpec({ window: 1, layout: { xBuckets: 4 } as never });
    expect(spec.window).toBe(1);
    expect(spec.layout).toMatchObject({ xBuckets: 4, yBuckets: 12 });
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});

describe('SROIE loader', () => {
  it('splits segments into words with proportional boxes', () => {
    const t = segmentTokens('DATE:09/01/2019 PM', [100, 50, 280, 70], 400, 100);
    expect(t.map((x) => x.text)).toEqual(['DATE', ':', '09/01/2019', 'PM']);
    expect(t.map((x) => Boolean(x.noSpaceBefore))).toEqual([false, true, true, false]);
    expect(t[0]!.bbox![0]).toBeCloseTo(0.25, 10);
    expect(t[0]!.bbox![2]).toBeCloseTo((100 + (180 * 4) / 18) / 400, 10);
    expect(t[3]!.bbox![2]).toBeCloseTo(0.7, 10);
    expect(t[0]!.bbox![1]).toBeCloseTo(0.5, 10);
  });

  it('labels every verbatim occurrence and aligns truncated addresses partially', () => {
    const r = receiptToSequence({
      key: 'X1',
      image_size: { width: 100, height: 100 },
      entities: {
        company: 'ABC HO TRADING',
        date: '09/01/2019',
        address: 'NO.2&4, JALAN HARMONI 3/2, TAMAN DESA HARMONI. 81100 JOHOR',
        total: '31.00',
      },
      words: [
        'ABC HO TRADING',
        'NO.2&4',
        'TAMAN DESA HARMONI.',
        '81100 JOHOR',
        'DATE:09/01/2019',
        'TOTAL :',
        '31.00',
        '31.00',
      ],
      bboxes: Array.from({ length: 8 }, (_, i) => [10, i * 10, 90, i * 10 + 8]),
    });
    const tagged = r.tokens.map((t, i) => `${t.text}/${r.tags[i]}`).join(' ');
    expect(tagged).toBe(
      'ABC/B-company HO/I-company TRADING/I-company NO.2&4/B-address TAMAN/I-address DESA/I-address ' +
        'HARMONI./I-address 81100/I-address JOHOR/I-address DATE/O :/O 09/01/2019/B-date TOTAL/O :/O 31.00/B-total 31.00/B-total',
    );
    expect(r.alignment.address).toMatchObject({
      status: 'partial',
      text: 'NO.2&4 TAMAN DESA HARMONI. 81100 JOHOR',
    });
    expect(r.alignment.total.spans).toHaveLength(2);
    expect(r.alignment.date.status).toBe('exact');
  });

  it('counts an entity it cannot find', () => {
    const r = receiptToSequence({
      key: 'X2',
      image_size: { width: 10, height: 10 },
      entities: { company: 'NOWHERE LTD', date: '', total: '1.00' },
      words: ['SOMEWHERE'],
      bboxes: [[0, 0, 5, 5]],
    });
    expect(r.alignment.company.status).toBe('missing');
    expect(r.alignment.date.status).toBe('empty');
    expect(r.tags).toEqual(['O']);
  });

  it('splits receipts deterministically by key', () => {
    const receipts = Array.from({ length: 1000 }, (_, i) => ({ key: `X${i}` }));
    const a = splitSroie(receipts, 0.2, 0);
    expect(splitSroie(receipts, 0.2, 0)).toEqual(a);
    expect(a.dev.length).toBeGreaterThan(150);
    expect(a.dev.length).toBeLessThan(250);
    expect(a.train.length + a.dev.length).toBe(1000);
    expect(splitSroie(receipts, 0.2, 1).dev).not.toEqual(a.dev);
  });
});
