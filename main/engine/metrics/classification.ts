// Classification metrics: accuracy, macro-F1, per-class precision/recall/F1, confusion matrix, expected
// calibration error, coverage against accuracy for abstention, and micro/macro F1 for multi-label.

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  /** confusion[truth][predicted], in label order. */
  confusion: number[][];
}

function f1Of(tp: number, fp: number, fn: number): ClassScores {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

/** Predicted -1 means "abstained": it counts as wrong and lands in no column of the confusion matrix. */
export function classificationReport(
  labels: readonly string[],
  truth: number[],
  predicted: number[],
): ClassificationReport {
  const C = labels.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i]!;
    if (p === truth[i]) correct++;
    if (p >= 0) confusion[truth[i]!]![p]!++;
  }
  const perClass: Record<string, ClassScores> = {};
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < C; c++) {
    const tp = confusion[c]![c]!;
    let fp = 0;
    for (let r = 0; r < C; r++) if (r !== c) fp += confusion[r]![c]!;
    const support = truth.filter((t) => t === c).length;
    const scores = f1Of(tp, fp, support - tp);
    perClass[labels[c]!] = scores;
    // Macro-F1 over the classes that occur in the truth or the predictions, as scikit-learn does.
    if (support > 0 || fp > 0) {
      f1Sum += scores.f1;
      present++;
    }
  }
  return {
    n: truth.length,
    accuracy: truth.length ? correct / truth.length : 0,
    macroF1: present ? f1Sum / present : 0,
    perClass,
    confusion,
  };
}

/** Expected calibration error over equal-width confidence bins. */
export function expectedCalibrationError(
  confidences: ArrayLike<number>,
  correct: ArrayLike<boolean>,
  bins = 15,
): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const acc = new Array<number>(bins).fill(0);
  for (let i = 0; i < confidences.length; i++) {
    const p = confidences[i]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    conf[b]! += p;
    if (correct[i]) acc[b]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(acc[b]! - conf[b]!) / confidences.length;
  return ece;
}

export interface CoveragePoint {
  threshold: number;
  coverage: number;
  accuracy: number;
}

/** Accuracy of the answers kept at each confidence threshold, and how many are kept. */
export function coverageCurve(confidences: ArrayLike<number>, correct: ArrayLike<boolean>): CoveragePoint[] {
  const points: CoveragePoint[] = [];
  for (const threshold of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
    let kept = 0;
    let right = 0;
    for (let i = 0; i < confidences.length; i++) {
      if (confidences[i]! >= threshold) {
        kept++;
        if (correct[i]) right++;
      }
    }
    points.push({
      threshold,
      coverage: confidences.length ? kept / confidences.length : 0,
      accuracy: kept ? right / kept : 0,
    });
  }
  return points;
}

export interface MultiLabelReport {
  n: number;
  microF1: number;
  macroF1: number;
  /** Rows whose predicted set equals the true set. */
  accuracy: number;
  perClass: Record<string, ClassScores>;
}

export function multiLabelReport(
  labels: readonly string[],
  truth: Set<number>[],
  predicted: Set<number>[],
): MultiLabelReport {
  const C = labels.length;
  const tp = new Array<number>(C).fill(0);
  const fp = new Array<number>(C).fill(0);
  const fn = new Array<number>(C).fill(0);
  let exact = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const p = predicted[i]!;
    let same = t.size === p.size;
    for (const c of p) {
      if (t.has(c)) tp[c]!++;
      else {
        fp[c]!++;
        same = false;
      }
    }
    for (const c of t) if (!p.has(c)) fn[c]!++;
    if (same) exact++;
  }
  const perClass: Record<string, ClassScores> = {};
  let f1Sum = 0;
  let present = 0;
  for (let c = 0; c < C; c++) {
    const s = f1Of(tp[c]!, fp[c]!, fn[c]!);
    perClass[labels[c]!] = s;
    if (tp[c]! + fp[c]! + fn[c]! > 0) {
      f1Sum += s.f1;
      present++;
    }
  }
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    n: truth.length,
    microF1: f1Of(sum(tp), sum(fp), sum(fn)).f1,
    macroF1: present ? f1Sum / present : 0,
    accuracy: truth.length ? exact / truth.length : 0,
    perClass,
  };
}
