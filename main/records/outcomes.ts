// From calibrated probabilities to one of three outcomes (principle 7): at or above the high threshold the
// label is applied, at or above the low one it is suggested, below it the record waits unassigned in the
// review inbox. The top three stay visible whatever the outcome.
import type { StoredLabel } from '../store/records.ts';
import type { RecordTask } from './types.ts';

export interface Thresholds {
  high: number;
  low: number;
}

export interface ModelUsed {
  id: string;
  version: number;
  labels: string[];
  multiLabel: boolean;
}

const round = (p: number) => Math.round(p * 1e4) / 1e4;

/** The label row a model's probabilities give for one record. */
export function outcomeOf(
  task: RecordTask,
  probabilities: ArrayLike<number>,
  model: ModelUsed,
  thresholds: Thresholds,
): StoredLabel {
  const ranked = model.labels
    .map((label, i) => ({ label, probability: round(probabilities[i] ?? 0) }))
    .sort((a, b) => b.probability - a.probability || a.label.localeCompare(b.label));
  const common = { task, modelId: model.id, modelVersion: model.version, reason: null };
  if (model.multiLabel) {
    // Tags: each tag on its own. Applied ones at or above high, suggested between low and high.
    const applied = ranked.filter((s) => s.probability >= thresholds.high);
    const suggested = ranked.filter(
      (s) => s.probability >= thresholds.low && s.probability < thresholds.high,
    );
    const status = suggested.length > 0 ? 'suggested' : applied.length > 0 ? 'auto' : 'unassigned';
    return {
      ...common,
      status,
      source: 'model',
      value: applied.length > 0 ? applied.map((s) => s.label) : null,
      probability: (applied.at(-1) ?? suggested[0] ?? ranked[0])?.probability ?? null,
      top: [...applied, ...suggested].length > 0 ? [...applied, ...suggested] : ranked.slice(0, 3),
    };
  }
  const best = ranked[0]!;
  const status =
    best.probability >= thresholds.high
      ? 'auto'
      : best.probability >= thresholds.low
        ? 'suggested'
        : 'unassigned';
  return {
    ...common,
    status,
    source: 'model',
    value: status === 'auto' ? best.label : null,
    probability: best.probability,
    top: ranked.slice(0, 3),
  };
}
