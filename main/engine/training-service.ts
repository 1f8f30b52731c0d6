// Trainings started from the window or the API: each runs in its own worker thread, reports progress
// through the event hub, can be cancelled, and on success installs the model as a new active version.
// Trainings live in memory: one interrupted by quitting the app is simply started again.
import { workerScript } from '../core/worker-script.ts';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DocketError } from '../api/errors.ts';
import type { EventHub } from '../core/events.ts';
import type { ModelRegistry } from './registry.ts';
import type { TrainMessage, TrainRequest } from './train-protocol.ts';
import type { TrainingProgress } from './text/train-text.ts';

export interface Training {
  id: number;
  modelId: string;
  dataFile: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  phase: TrainingProgress['phase'] | 'reading' | 'installing';
  epoch: number;
  maxEpochs: number;
  heldOutScore: number | null;
  refitEpoch: number | null;
  refitEpochs: number | null;
  rows: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** The version installed when training succeeded. */
  version: number | null;
}

const WORKER_URL = workerScript(import.meta.url, './train-worker.ts', './train-worker.mjs');

export class TrainingService {
  private readonly registry: ModelRegistry;
  private readonly events: EventHub;
  private readonly trainings = new Map<number, { training: Training; worker: Worker; outDir: string }>();
  private nextId = 1;

  constructor(registry: ModelRegistry, events: EventHub) {
    this.registry = registry;
    this.events = events;
  }

  list(): Training[] {
    return [...this.trainings.values()].map((t) => ({ ...t.training })).reverse();
  }

  get(id: number): Training {
    const t = this.trainings.get(id);
    if (!t) throw new DocketError('NOT_FOUND', `There is no training ${id}.`);
    return { ...t.training };
  }

  /** `activate: false` installs the new version without using it (the caller decides, e.g. after a comparison). */
  start(
    request: Omit<TrainRequest, 'outDir'>,
    actor: string,
    options: { activate?: boolean } = {},
  ): Training {
    const id = this.nextId++;
    const outDir = join(this.registry.root, '.staging', randomUUID());
    const worker = new Worker(WORKER_URL, { workerData: { ...request, outDir } satisfies TrainRequest });
    const training: Training = {
      id,
      modelId: request.modelId,
      dataFile: request.dataPath,
      status: 'running',
      phase: 'reading',
      epoch: 0,
      maxEpochs: 30,
      heldOutScore: null,
      refitEpoch: null,
      refitEpochs: null,
      rows: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
      version: null,
    };
    this.trainings.set(id, { training, worker, outDir });
    const finish = (status: Training['status'], error: string | null = null) => {
      if (training.status !== 'running') return;
      training.status = status;
      training.error = error;
      training.finishedAt = new Date().toISOString();
      this.emit(training);
      this.events.statusChanged();
      void rm(outDir, { recursive: true, force: true });
    };
    let answered = false;
    worker.on('message', (m: TrainMessage) => {
      if (m.type !== 'progress') answered = true;
      if (m.type === 'progress') {
        training.phase = m.progress.phase;
        if (m.rows !== undefined) training.rows = m.rows;
        if (m.progress.phase === 'epoch') {
          training.epoch = m.progress.epoch;
          training.maxEpochs = m.progress.maxEpochs;
          training.heldOutScore = m.progress.heldOutScore;
        } else if (m.progress.phase === 'refit') {
          training.refitEpoch = m.progress.epoch;
          training.refitEpochs = m.progress.epochs;
        }
        this.emit(training);
      } else if (m.type === 'done') {
        training.phase = 'installing';
        this.emit(training);
        this.registry
          .install(outDir, {
            actor,
            activate: options.activate ?? true,
            modelId: request.modelId,
            reuseIdentical: true,
          })
          .then(
            (installed) => {
              training.version = installed.version;
              finish('done');
            },
            (e: Error) => finish('failed', e.message),
          );
      } else {
        finish('failed', m.message);
      }
    });
    worker.on('error', (e) => finish('failed', `Training stopped: ${e.message}`));
    worker.on('exit', () => {
      if (!answered) {
        finish('failed', 'Training stopped unexpectedly.');
      }
    });
    this.emit(training);
    return { ...training };
  }

  async cancel(id: number): Promise<Training> {
    const entry = this.trainings.get(id);
    if (!entry) throw new DocketError('NOT_FOUND', `There is no training ${id}.`);
    const t = entry.training;
    if (t.status === 'running' && t.phase === 'installing') {
      throw new DocketError(
        'CONFLICT',
        `Training ${t.modelId} has finished and its model is being installed; roll it back once it is done.`,
      );
    }
    if (t.status === 'running') {
      t.status = 'cancelled';
      t.finishedAt = new Date().toISOString();
      await entry.worker.terminate();
      await rm(entry.outDir, { recursive: true, force: true });
      this.emit(t);
      this.events.statusChanged();
    }
    return { ...t };
  }

  /** Waits for a training to end (for the CLI and tests). */
  async settled(id: number, pollMs = 50): Promise<Training> {
    for (;;) {
      const t = this.get(id);
      if (t.status !== 'running') return t;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.trainings.values()].map((t) => t.worker.terminate()));
  }

  private emit(t: Training): void {
    this.events.progress({
      jobId: t.id,
      kind: 'training',
      done: t.epoch,
      total: t.maxEpochs,
      message:
        t.status !== 'running'
          ? `Training ${t.modelId}: ${t.status}${t.error ? ` — ${t.error}` : ''}`
          : t.phase === 'epoch'
            ? `Training ${t.modelId}: epoch ${t.epoch}`
            : `Training ${t.modelId}: ${t.phase}`,
    });
  }
}
