// Field accuracy of an extraction against a generated invoice's truth: a field is right when its value
// equals the truth (amounts to the cent; text ignoring case, spaces and punctuation). Used by the tests and
// by `npm run bench:invoices`.
import type { InvoiceExtraction, InvoiceFieldName } from '../../main/invoices/types.ts';
import type { InvoiceTruth } from './invoices/render-pdf.ts';

export interface FieldScore {
  /** Fields in the truth that were extracted with the right value. */
  correct: number;
  /** Fields in the truth. */
  expected: number;
  /** Fields extracted that are not in the truth (a guess where nothing was printed). */
  extra: number;
  misses: { field: InvoiceFieldName; expected: string | number; got: string | number | null }[];
}

const loose = (v: string | number) =>
  String(v)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[^a-z0-9]+/gu, '');

export function sameValue(expected: string | number, got: string | number): boolean {
  if (typeof expected === 'number') return typeof got === 'number' && Math.abs(expected - got) < 0.005;
  return loose(expected) === loose(got);
}

export function scoreFields(
  extraction: Pick<InvoiceExtraction, 'fields'>,
  truth: Pick<InvoiceTruth, 'fields'>,
  only?: readonly InvoiceFieldName[],
): FieldScore {
  const score: FieldScore = { correct: 0, expected: 0, extra: 0, misses: [] };
  for (const [name, expected] of Object.entries(truth.fields) as [InvoiceFieldName, string | number][]) {
    if (only && !only.includes(name)) continue;
    score.expected++;
    const got = extraction.fields[name]?.value ?? null;
    if (got !== null && sameValue(expected, got)) score.correct++;
    else score.misses.push({ field: name, expected, got });
  }
  for (const name of Object.keys(extraction.fields) as InvoiceFieldName[]) {
    if (only && !only.includes(name)) continue;
    if (!(name in truth.fields)) score.extra++;
  }
  return score;
}

export function addScores(scores: readonly FieldScore[]): FieldScore {
  return scores.reduce(
    (a, s) => ({
      correct: a.correct + s.correct,
      expected: a.expected + s.expected,
      extra: a.extra + s.extra,
      misses: [...a.misses, ...s.misses],
    }),
    { correct: 0, expected: 0, extra: 0, misses: [] },
  );
}
