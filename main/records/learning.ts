// The learning loop for tickets and CRM records: every reviewed label (imported history, accepts and
// corrections) is an example; a retraining trains a candidate on the examples outside a fixed held-out
// slice, scores it and the version in use on that slice through ONNX Runtime, and promotes it only if it
// is not worse. The candidate is installed either way, so the status can show it and an admin can still
// pick it; roll-back is the registry's.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocketError } from '../api/errors.ts';
import type { EventHub } from '../core/events.ts';
import { classificationReport, multiLabelReport } from '../engine/metrics/classification.ts';
import type { InstalledModel, ModelRegistry } from '../engine/registry.ts';
import type { InferencePool } from '../engine/runtime/inference-pool.ts';
import type { TrainingService } from '../engine/training-service.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import {
  acceptedExamples,
  acceptedLabelCounts,
  correctionsSince,
  failInterruptedTrainings,
  finishTrainingRow,
  getTraining,
  lastCorrectionId,
  listTrainings,
  startTrainingRow,
  type StoredTraining,
} from '../store/records.ts';
import { modelText } from './record-text.ts';
import { MODEL_OF_TASK, type LabelValue, type RecordTask } from './types.ts';

/** A retraining starts by itself after this many new corrections, unless the admin sets another number. */
export const DEFAULT_RETRAIN_AFTER = 50;
/** Share of reviewed examples kept out of training to compare versions. */
const HELD_OUT_PERCENT = 20;
/** Fewer examples than this cannot make a model worth using. */
export const MIN_EXAMPLES = 10;

/**
 * Whether a record's example belongs to the held-out slice: decided by its id alone, so the slice stays
 * the same from one retraining to the next and two versions are always compared on the same rows.
 */
export function inHeldOutSlice(recordId: number): boolean {
  const h = Math.imul(recordId ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return ((h ^ (h >>> 13)) >>> 0) % 100 < HELD_OUT_PERCENT;
}

export interface Example {
  recordId: number;
  text: string;
  labels: string[];
}

export function examplesOf(db: Database, task: RecordTask): Example[] {
  return acceptedExamples(db, task)
    .map(({ record, value }) => ({
      recordId: record.id,
      text: modelText(record),
      labels: labelsOfValue(value),
    }))
    .filter((e) => e.text.trim() !== '' && (task === 'tags' || e.labels.length > 0));
}

export function labelsOfValue(value: LabelValue | null): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

async function sweepTrainingFiles(dir: string): Promise<void> {
  try {
    for (const name of await readdir(dir)) {
      if (name.endsWith('.jsonl')) await rm(join(dir, name), { force: true });
    }
  } catch {
    // no staging folder yet
  }
}

export interface HeldOutScore {
  score: number;
  metrics: NonNullable<StoredTraining['metrics']>;
}

export class LearningLoop {
  private readonly db: Database;
  private readonly registry: ModelRegistry;
  private readonly trainings: TrainingService;
  private readonly inference: InferencePool;
  private readonly events: EventHub;
  private readonly running = new Map<RecordTask, Promise<StoredTraining>>();
  /** Called after a version is promoted (to predict again with it). */
  onPromoted: (task: RecordTask) => void = () => {};

  constructor(
    db: Database,
    registry: ModelRegistry,
    trainings: TrainingService,
    inference: InferencePool,
    events: EventHub,
  ) {
    this.db = db;
    this.registry = registry;
    this.trainings = trainings;
    this.inference = inference;
    this.events = events;
    failInterruptedTrainings(db);
    // Training files hold ticket text outside the encrypted database: one left by a crash goes now.
    void sweepTrainingFiles(join(registry.root, '.staging'));
  }

  isTraining(task: RecordTask): boolean {
    return this.running.has(task);
  }

  retrainAfter(task: RecordTask): number {
    return getSetting<number>(this.db, `records.retrainAfter.${task}`) ?? DEFAULT_RETRAIN_AFTER;
  }

  setRetrainAfter(task: RecordTask, corrections: number): void {
    setSetting(this.db, `records.retrainAfter.${task}`, corrections);
  }

  /** Corrections and accepts since the last training began (all of them before any training). */
  newExamples(task: RecordTask): number {
    const last = listTrainings(this.db, task, 1)[0];
    return correctionsSince(this.db, MODEL_OF_TASK[task], last?.lastCorrectionId ?? 0);
  }

  /** Whether the examples can train a model: two labels with two examples each, ten in all. */
  canTrain(task: RecordTask): boolean {
    const { counts, records } = acceptedLabelCounts(this.db, task);
    if (records < MIN_EXAMPLES) return false;
    return [...counts.values()].filter((n) => n >= 2).length >= 2;
  }

  /** Starts a retraining in the background; the row says how it went when it ends. */
  start(task: RecordTask, trigger: StoredTraining['trigger'], actor: string): StoredTraining {
    if (this.running.has(task)) {
      throw new DocketError(
        'CONFLICT',
        `A new ${task} model is already being trained; wait for it to finish.`,
      );
    }
    const examples = examplesOf(this.db, task);
    const heldOut = examples.filter((e) => inHeldOutSlice(e.recordId));
    const train = examples.filter((e) => !inHeldOutSlice(e.recordId));
    if (examples.length < MIN_EXAMPLES) {
      throw new DocketError(
        'BAD_INPUT',
        `Training the ${task} model needs at least ${MIN_EXAMPLES} reviewed examples; there are ${examples.length}. Accept or correct a few more.`,
      );
    }
    const modelId = MODEL_OF_TASK[task];
    const previous = this.registry.active(modelId);
    const id = startTrainingRow(this.db, {
      task,
      modelId,
      trigger,
      examples: examples.length,
      heldOut: heldOut.length,
      lastCorrectionId: lastCorrectionId(this.db, modelId),
      previousVersion: previous?.version ?? null,
    });
    const run = this.run(id, task, train, heldOut, previous, actor).finally(() => {
      this.running.delete(task);
      this.events.statusChanged();
    });
    this.running.set(task, run);
    this.events.statusChanged();
    return getTraining(this.db, id)!;
  }

  /** Waits for the task's training in progress, if any (the CLI and tests). */
  async settled(task: RecordTask): Promise<StoredTraining | undefined> {
    return this.running.get(task);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.running.values());
  }

  private async run(
    id: number,
    task: RecordTask,
    train: Example[],
    heldOut: Example[],
    previous: InstalledModel | undefined,
    actor: string,
  ): Promise<StoredTraining> {
    const started = performance.now();
    const modelId = MODEL_OF_TASK[task];
    const multiLabel = task === 'tags';
    const dir = join(this.registry.root, '.staging');
    const dataPath = join(dir, `${randomUUID()}.jsonl`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(
        dataPath,
        train
          .map((e) => JSON.stringify({ text: e.text, label: multiLabel ? e.labels : e.labels[0] }))
          .join('\n'),
      );
      const training = this.trainings.start(
        { dataPath, text: 'text', label: 'label', multiLabel, modelId, seed: 1 },
        actor,
        { activate: false },
      );
      const done = await this.trainings.settled(training.id);
      if (done.status !== 'done' || done.version === null) {
        throw new DocketError('BAD_INPUT', done.error ?? `Training ${done.status}.`);
      }
      const candidate = this.registry.get(modelId, done.version);
      const mine = heldOut.length ? await this.score(candidate, heldOut) : null;
      const theirs =
        heldOut.length && previous && previous.version !== candidate.version
          ? await this.score(previous, heldOut)
          : null;
      // Not worse on the same held-out rows (or nothing to compare with): promoted.
      const promote = !previous || !mine || !theirs || mine.score >= theirs.score - 1e-9;
      if (promote && !candidate.active) this.registry.activate(modelId, candidate.version, actor);
      finishTrainingRow(this.db, id, {
        status: promote ? 'promoted' : 'kept',
        version: candidate.version,
        score: mine?.score ?? null,
        previousScore:
          theirs?.score ?? (previous?.version === candidate.version ? (mine?.score ?? null) : null),
        metrics: mine?.metrics ?? null,
        error: null,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      });
      if (promote) this.onPromoted(task);
    } catch (e) {
      finishTrainingRow(this.db, id, {
        status: 'failed',
        version: null,
        score: null,
        previousScore: null,
        metrics: null,
        error: (e as Error).message,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      });
    } finally {
      await rm(dataPath, { force: true });
    }
    return getTraining(this.db, id)!;
  }

  /** A model's accuracy (micro-F1 for tags) on held-out examples, through ONNX Runtime. */
  async score(model: InstalledModel, examples: Example[]): Promise<HeldOutScore> {
    const labels = model.card.labels;
    const index = new Map(labels.map((l, i) => [l, i]));
    const rows = await this.inference.probabilities(
      { dir: model.path, sha256: model.card.sha256 },
      examples.map((e) => e.text),
    );
    if (model.card.multiLabel) {
      const threshold = (label: string) =>
        model.card.thresholds.perLabel?.[label] ?? model.card.thresholds.abstain;
      // A tag the model never learned counts as missed, so two versions are scored on the same truth.
      const known = [...labels];
      const indexOf = (l: string) => {
        let i = index.get(l);
        if (i === undefined) {
          known.push(l);
          index.set(l, (i = known.length - 1));
        }
        return i;
      };
      const truth = examples.map((e) => new Set(e.labels.map(indexOf)));
      const predicted = rows.map(
        (p) => new Set(labels.flatMap((l, i) => (p[i]! >= threshold(l) ? [i] : []))),
      );
      const report = multiLabelReport(known, truth, predicted);
      return {
        score: report.microF1,
        metrics: {
          microF1: report.microF1,
          macroF1: report.macroF1,
          accuracy: report.accuracy,
          labels: known,
        },
      };
    }
    // A held-out label the model never saw counts as wrong (index -1 is "abstained" for the report).
    const known = [...labels];
    const truth = examples.map((e) => {
      const i = index.get(e.labels[0]!);
      if (i !== undefined) return i;
      known.push(e.labels[0]!);
      index.set(e.labels[0]!, known.length - 1);
      return known.length - 1;
    });
    const predicted = rows.map((p) => {
      let best = 0;
      for (let i = 1; i < labels.length; i++) if (p[i]! > p[best]!) best = i;
      return best;
    });
    const report = classificationReport(known, truth, predicted);
    return {
      score: report.accuracy,
      metrics: {
        accuracy: report.accuracy,
        macroF1: report.macroF1,
        labels: known,
        confusion: report.confusion,
      },
    };
  }
}
