// Scores a text model on labelled rows through ONNX Runtime (the same path as `docket classify`):
// accuracy, macro-F1, per-class scores, calibration error, coverage against accuracy, and, with an
// out-of-scope label, in-scope accuracy (abstaining counts as wrong) and out-of-scope recall (rows the
// model abstained on, or gave the out-of-scope label itself).
import type { TextSession } from '../runtime/text-session.ts';
import {
  classificationReport,
  coverageCurve,
  expectedCalibrationError,
  multiLabelReport,
  type ClassScores,
  type CoveragePoint,
} from '../metrics/classification.ts';
import type { TextExample } from './train-text.ts';
import { toPrediction } from './text-model.ts';

export interface TextEvaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  ece: number;
  perClass: Record<string, ClassScores>;
  microF1?: number;
  inScopeAccuracy?: number;
  oosRecall?: number;
  /** Share of rows answered (not abstained) and their accuracy, at the model's abstain threshold. */
  coverage: number;
  coveredAccuracy: number;
  coverageCurve: CoveragePoint[];
  confusion?: number[][];
  labels?: string[];
}

/** The model's labels, then those only the data has (always wrong, but each gets its row of scores). */
function withLabelsOfRows(known: string[], seen: string[]): string[] {
  return [...known, ...new Set(seen.filter((l) => !known.includes(l)))];
}

export async function evaluateTextModel(
  session: TextSession,
  rows: TextExample[],
  options: { oosLabel?: string; batchSize?: number } = {},
): Promise<TextEvaluation> {
  const card = session.card;
  const probabilities: Float32Array[] = [];
  const batch = options.batchSize ?? 256;
  for (let i = 0; i < rows.length; i += batch) {
    probabilities.push(...(await session.probabilities(rows.slice(i, i + batch).map((r) => r.text))));
  }
  const predictions = probabilities.map((p) => toPrediction(p, card, 1));

  if (card.multiLabel) {
    const labels = withLabelsOfRows(
      card.labels,
      rows.flatMap((r) => r.labels),
    );
    const index = new Map(labels.map((l, i) => [l, i]));
    const truth = rows.map((r) => new Set(r.labels.map((l) => index.get(l)!)));
    const predicted = predictions.map((p) => new Set((p.labels ?? []).map((l) => index.get(l)!)));
    const report = multiLabelReport(labels, truth, predicted);
    const confidence: number[] = [];
    const correct: boolean[] = [];
    probabilities.forEach((p, i) => {
      for (let c = 0; c < p.length; c++) {
        const yes = predicted[i]!.has(c);
        confidence.push(yes ? p[c]! : 1 - p[c]!);
        correct.push(yes === truth[i]!.has(c));
      }
    });
    const answered = predictions.filter((p) => !p.abstain).length;
    return {
      n: rows.length,
      accuracy: report.accuracy,
      macroF1: report.macroF1,
      microF1: report.microF1,
      ece: expectedCalibrationError(confidence, correct),
      perClass: report.perClass,
      coverage: rows.length ? answered / rows.length : 0,
      coveredAccuracy: report.accuracy,
      coverageCurve: coverageCurve(confidence, correct),
    };
  }

  const labels = withLabelsOfRows(
    card.labels,
    rows.map((r) => r.labels[0]!),
  );
  const index = new Map(labels.map((l, i) => [l, i]));
  const truth = rows.map((r) => index.get(r.labels[0]!)!);
  const predicted = predictions.map((p) => index.get(p.label!)!);
  const report = classificationReport(labels, truth, predicted);
  const confidence = predictions.map((p) => p.probability);
  const correct = predicted.map((p, i) => p === truth[i]);
  let answered = 0;
  let answeredRight = 0;
  predictions.forEach((p, i) => {
    if (!p.abstain) {
      answered++;
      if (correct[i]) answeredRight++;
    }
  });
  const result: TextEvaluation = {
    n: rows.length,
    accuracy: report.accuracy,
    macroF1: report.macroF1,
    ece: expectedCalibrationError(confidence, correct),
    perClass: report.perClass,
    coverage: rows.length ? answered / rows.length : 0,
    coveredAccuracy: answered ? answeredRight / answered : 0,
    coverageCurve: coverageCurve(confidence, correct),
    confusion: report.confusion,
    labels,
  };
  if (options.oosLabel !== undefined) {
    const oos = options.oosLabel;
    let inScope = 0;
    let inScopeRight = 0;
    let outOfScope = 0;
    let caught = 0;
    predictions.forEach((p, i) => {
      const saysOos = p.abstain || p.label === oos;
      if (rows[i]!.labels[0] === oos) {
        outOfScope++;
        if (saysOos) caught++;
      } else {
        inScope++;
        if (!saysOos && correct[i]) inScopeRight++;
      }
    });
    result.inScopeAccuracy = inScope ? inScopeRight / inScope : 0;
    result.oosRecall = outOfScope ? caught / outOfScope : 0;
  }
  return result;
}
