// Span-level precision/recall/F1 (exact label + start + end) and SROIE-style field-level scores.
import { describe, expect, it } from 'vitest';
import {
  fieldReport,
  normaliseFieldText,
  spanReport,
  spanReportFromTags,
} from '../../main/engine/metrics/spans.ts';

describe('span metrics', () => {
  it('counts only exact matches of label, start and end', () => {
    const truth = [
      [
        { label: 'PER', start: 0, end: 2 },
        { label: 'LOC', start: 5, end: 6 },
      ],
      [{ label: 'PER', start: 1, end: 2 }],
    ];
    const predicted = [
      [
        { label: 'PER', start: 0, end: 2 }, // right
        { label: 'PER', start: 5, end: 6 }, // wrong label
      ],
      [{ label: 'PER', start: 1, end: 3 }], // wrong end
    ];
    const r = spanReport(truth, predicted);
    expect(r.perLabel.PER).toEqual({
      precision: 1 / 3,
      recall: 1 / 2,
      f1: 0.4,
      support: 2,
      predicted: 3,
      correct: 1,
    });
    expect(r.perLabel.LOC).toEqual({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 0, correct: 0 });
    expect(r.micro.precision).toBeCloseTo(1 / 3, 12);
    expect(r.micro.recall).toBeCloseTo(1 / 3, 12);
    expect(r.micro.f1).toBeCloseTo(1 / 3, 12);
    expect(r.macroF1).toBeCloseTo(0.2, 12);
  });

  it('scores tag sequences, with a stray I- starting a span (conlleval)', () => {
    const truth = [['B-PER', 'I-PER', 'O', 'B-LOC']];
    const r = spanReportFromTags(truth, [['B-PER', 'I-PER', 'O', 'I-LOC']]);
    expect(r.micro.f1).toBe(1);
    const partial = spanReportFromTags(truth, [['B-PER', 'O', 'O', 'B-LOC']]);
    expect(partial.micro).toMatchObject({
      correct: 1,
      predicted: 2,
      support: 2,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
  });

  it('handles documents without spans and refuses mismatched inputs', () => {
    expect(spanReport([[]], [[]]).micro).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
      support: 0,
      predicted: 0,
      correct: 0,
    });
    expect(() => spanReport([[]], [])).toThrow(/1 true documents but 0 predicted/);
    expect(() => spanReportFromTags([['O', 'O']], [['O']])).toThrow(
      /document 0 has 2 true tags but 1 predicted/,
    );
  });
});

describe('field metrics', () => {
  it('compares one text per field after whitespace normalisation', () => {
    expect(normaliseFieldText('  NO.2&4  TAMAN\tDESA \n')).toBe('NO.2&4 TAMAN DESA');
    const r = fieldReport(
      [
        { truth: { date: '09/01/2019', total: '31.00' }, predicted: { date: ' 09/01/2019', total: '15.50' } },
        { truth: { date: '02 APR  2018', total: '' }, predicted: { date: '02 APR 2018', total: '8.20' } },
        { truth: { date: '1/1/2020', total: '4.00' }, predicted: {} },
      ],
      ['date', 'total'],
    );
    expect(r.perField.date).toEqual({
      precision: 1,
      recall: 2 / 3,
      f1: 0.8,
      support: 3,
      predicted: 2,
      correct: 2,
    });
    expect(r.perField.total).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 2, predicted: 2 });
    expect(r.micro).toMatchObject({ correct: 2, predicted: 4, support: 5 });
  });
});
