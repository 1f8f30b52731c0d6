// From labelled rows to a model folder's contents (card + ONNX bytes), and from probabilities to the
// prediction users see: label, probability, abstain, top-K (and every label above its threshold for
// multi-label models).
import { createHash } from 'node:crypto';
import { MODEL_FORMAT, type DatasetCredit, type ModelCard } from '../model-card.ts';
import {
  trainTextClassifier,
  type TextExample,
  type TextTrainingOptions,
  type TextTrainingResult,
} from './train-text.ts';

export interface TextModelMeta {
  id: string;
  version?: number;
  description?: string;
  source?: string;
  data?: DatasetCredit[];
}

/** A fingerprint of the training rows (order-independent): the same data gives the same fingerprint. */
export function dataFingerprint(examples: TextExample[]): string {
  const lines = examples.map((e) => `${e.labels.join('\u001f')}\u001e${e.text}`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}

export function trainTextModel(
  examples: TextExample[],
  options: TextTrainingOptions,
  meta: TextModelMeta,
): { card: Omit<ModelCard, 'sha256'>; bytes: Uint8Array; result: TextTrainingResult } {
  const seed = options.seed ?? 1;
  const result = trainTextClassifier(examples, { ...options, seed });
  const { model, heldOut } = result;
  const card: Omit<ModelCard, 'sha256'> = {
    format: MODEL_FORMAT,
    id: meta.id,
    task: 'text-classification',
    multiLabel: options.multiLabel ?? false,
    version: meta.version ?? 1,
    created: new Date().toISOString(),
    description: meta.description ?? '',
    labels: model.labels,
    featureSpec: { ...model.parts.featureSpec },
    training: {
      fingerprint: dataFingerprint(examples),
      // The final weights learned from every row (held-out ones too, after the metrics were measured).
      rows: result.refitRows,
      heldOutRows: result.heldOutRows,
      source: meta.source,
      seed,
      epochs: result.epochs,
      seconds: Math.round(result.seconds * 10) / 10,
    },
    metrics: {
      n: heldOut.n,
      accuracy: heldOut.accuracy,
      macroF1: heldOut.macroF1,
      microF1: heldOut.microF1,
      ece: heldOut.ece,
      eceBefore: heldOut.eceBefore,
      perClass: heldOut.perClass,
      confusion: heldOut.confusion,
      coverage: heldOut.coverage,
    },
    calibration: { method: 'temperature', temperature: model.parts.temperature },
    thresholds: result.thresholds,
    data: meta.data ?? [],
  };
  return { card, bytes: model.toOnnx({ 'docket.id': meta.id }), result };
}

export interface ScoredLabel {
  label: string;
  probability: number;
}

export interface TextPrediction {
  label: string | null;
  probability: number;
  abstain: boolean;
  top: ScoredLabel[];
  /** Multi-label models: every label at or above its threshold. */
  labels?: string[];
}

const round = (p: number) => Math.round(p * 1e6) / 1e6;

/** The k most probable labels, best first (ties by label); a selection, not a sort of every label. */
function rankTop(probabilities: ArrayLike<number>, labels: string[], k: number): ScoredLabel[] {
  const better = (i: number, j: number) =>
    probabilities[i]! > probabilities[j]! ||
    (probabilities[i] === probabilities[j] && labels[i]!.localeCompare(labels[j]!) < 0);
  const chosen: number[] = [];
  for (let i = 0; i < probabilities.length; i++) {
    if (chosen.length === k && !better(i, chosen[k - 1]!)) continue;
    let at = chosen.length;
    while (at > 0 && better(i, chosen[at - 1]!)) at--;
    chosen.splice(at, 0, i);
    if (chosen.length > k) chosen.pop();
  }
  return chosen.map((i) => ({ label: labels[i]!, probability: probabilities[i]! }));
}

export function toPrediction(
  probabilities: ArrayLike<number>,
  card: Pick<ModelCard, 'labels' | 'thresholds' | 'multiLabel'>,
  topK = 3,
): TextPrediction {
  // Multi-label needs every label ranked (to find all that pass); otherwise the top K is enough.
  const ranked = rankTop(
    probabilities,
    card.labels,
    card.multiLabel ? card.labels.length : Math.max(1, topK),
  );
  const top = ranked
    .slice(0, Math.max(1, topK))
    .map((s) => ({ label: s.label, probability: round(s.probability) }));
  const best = ranked[0]!;
  if (card.multiLabel) {
    const passing = ranked.filter(
      (s) => s.probability >= (card.thresholds.perLabel?.[s.label] ?? card.thresholds.abstain),
    );
    const labels = passing.map((s) => s.label);
    return {
      label: labels[0] ?? null,
      // The probability of the label given; when none passes, of the most likely one.
      probability: round((passing[0] ?? best).probability),
      abstain: labels.length === 0,
      top,
      labels,
    };
  }
  return {
    label: best.label,
    probability: round(best.probability),
    abstain: best.probability < card.thresholds.abstain,
    top,
  };
}
