// Span-level metrics for sequence labellers. A predicted span is correct only when its label, start and
// end all match a true span (CoNLL exact match); scores per label and micro-averaged over all spans.
// Field-level metrics (SROIE task 3 style): one extracted text per field per document, correct when it
// equals the true text after whitespace normalisation.
import { tagsToSpans } from '../sequence/bio.ts';
import type { TokenSpan } from '../sequence/types.ts';

export interface SpanScores {
  precision: number;
  recall: number;
  f1: number;
  /** True spans (or fields). */
  support: number;
  predicted: number;
  correct: number;
}

export interface SpanReport {
  perLabel: Record<string, SpanScores>;
  micro: SpanScores;
  /** Mean F1 over the labels that occur in the truth or the predictions. */
  macroF1: number;
}

export function scoresOf(correct: number, predicted: number, support: number): SpanScores {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = support === 0 ? 0 : correct / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support, predicted, correct };
}

const spanKey = (s: TokenSpan) => `${s.label}\u0000${s.start}\u0000${s.end}`;

/** Span P/R/F1 over documents: `truth[d]` and `predicted[d]` are the spans of document d. */
export function spanReport(
  truth: readonly (readonly TokenSpan[])[],
  predicted: readonly (readonly TokenSpan[])[],
): SpanReport {
  if (truth.length !== predicted.length) {
    throw new Error(`span report: ${truth.length} true documents but ${predicted.length} predicted`);
  }
  const counts = new Map<string, { correct: number; predicted: number; support: number }>();
  const countOf = (label: string) => {
    let c = counts.get(label);
    if (!c) counts.set(label, (c = { correct: 0, predicted: 0, support: 0 }));
    return c;
  };
  for (let d = 0; d < truth.length; d++) {
    const gold = new Set(truth[d]!.map(spanKey));
    for (const s of truth[d]!) countOf(s.label).support++;
    for (const s of predicted[d]!) {
      const c = countOf(s.label);
      c.predicted++;
      if (gold.has(spanKey(s))) c.correct++;
    }
  }
  const perLabel: Record<string, SpanScores> = {};
  let correct = 0;
  let predictedTotal = 0;
  let support = 0;
  let f1Sum = 0;
  for (const label of [...counts.keys()].sort()) {
    const c = counts.get(label)!;
    perLabel[label] = scoresOf(c.correct, c.predicted, c.support);
    f1Sum += perLabel[label].f1;
    correct += c.correct;
    predictedTotal += c.predicted;
    support += c.support;
  }
  return {
    perLabel,
    micro: scoresOf(correct, predictedTotal, support),
    macroF1: counts.size ? f1Sum / counts.size : 0,
  };
}

/** Span P/R/F1 from BIO tag sequences (ill-formed I- tags start a new span, as in conlleval). */
export function spanReportFromTags(
  truth: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
): SpanReport {
  truth.forEach((t, d) => {
    if (t.length !== predicted[d]?.length) {
      throw new Error(
        `span report: document ${d} has ${t.length} true tags but ${predicted[d]?.length ?? 0} predicted`,
      );
    }
  });
  return spanReport(truth.map(tagsToSpans), predicted.map(tagsToSpans));
}

/** Trim and collapse whitespace runs to one space. */
export function normaliseFieldText(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export interface FieldReport {
  perField: Record<string, SpanScores>;
  micro: SpanScores;
}

/**
 * Field-level P/R/F1 over documents: each document has the true text per field ('' or missing: absent) and
 * the extracted text per field (undefined or '': nothing extracted). A field counts as predicted when
 * something was extracted, as support when it has a true text, and as correct when both match after
 * whitespace normalisation.
 */
export function fieldReport(
  documents: readonly {
    truth: Record<string, string | undefined>;
    predicted: Record<string, string | undefined>;
  }[],
  fields: readonly string[],
  normalise: (text: string) => string = normaliseFieldText,
): FieldReport {
  const perField: Record<string, SpanScores> = {};
  let correct = 0;
  let predicted = 0;
  let support = 0;
  for (const field of fields) {
    let c = 0;
    let p = 0;
    let s = 0;
    for (const doc of documents) {
      const truth = normalise(doc.truth[field] ?? '');
      const guess = normalise(doc.predicted[field] ?? '');
      if (truth) s++;
      if (guess) p++;
      if (truth && guess === truth) c++;
    }
    perField[field] = scoresOf(c, p, s);
    correct += c;
    predicted += p;
    support += s;
  }
  return { perField, micro: scoresOf(correct, predicted, support) };
}
