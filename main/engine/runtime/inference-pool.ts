// Runs Docket text models in a pool of worker threads. Each worker keeps its own session per model; a
// large request is cut into batches spread over the workers. Workers × ONNX Runtime threads ≤ cores, so
// inference never oversubscribes the machine while the window stays responsive.
import { workerScript } from '../../core/worker-script.ts';
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../../ingest/worker-pool.ts';
import { ModelError } from '../model-folder.ts';
import type { InferenceRequest, InferenceResponse, InferenceWorkerData } from './inference-protocol.ts';

const WORKER_URL = workerScript(import.meta.url, './inference-worker.ts', './inference-worker.mjs');

export interface InferencePoolOptions {
  workers?: number;
  idleMs?: number;
  batchSize?: number;
  timeoutMs?: number;
}

export function threadPlan(cores: number, workers?: number): { workers: number; intraOpThreads: number } {
  const w = Math.max(1, Math.min(workers ?? Math.min(2, cores), cores));
  return { workers: w, intraOpThreads: Math.max(1, Math.floor(cores / w)) };
}

export class InferencePool {
  private pool: WorkerPool<InferenceRequest, InferenceResponse> | null = null;
  private readonly options: InferencePoolOptions;
  readonly plan: { workers: number; intraOpThreads: number };

  constructor(options: InferencePoolOptions = {}) {
    this.options = options;
    this.plan = threadPlan(availableParallelism(), options.workers);
  }

  /** Workers start on first use: an app that never classifies never loads ONNX Runtime. */
  private workers(): WorkerPool<InferenceRequest, InferenceResponse> {
    this.pool ??= new WorkerPool(WORKER_URL, {
      size: this.plan.workers,
      maxHeapMb: 1024,
      workerData: {
        intraOpThreads: this.plan.intraOpThreads,
        idleMs: this.options.idleMs ?? 5 * 60_000,
      } satisfies InferenceWorkerData,
    });
    return this.pool;
  }

  /** Calibrated probabilities per text, in the model's label order. */
  async probabilities(
    model: { dir: string; sha256: string; embedderDir?: string },
    texts: string[],
  ): Promise<Float32Array[]> {
    const size = this.options.batchSize ?? 128;
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
    const answers = await Promise.all(
      batches.map((batch) =>
        this.workers().run(
          {
            modelDir: model.dir,
            sha256: model.sha256,
            texts: batch,
            ...(model.embedderDir ? { embedderDir: model.embedderDir } : {}),
          },
          { timeoutMs: this.options.timeoutMs ?? 120_000 },
        ),
      ),
    );
    const out: Float32Array[] = [];
    for (const a of answers) {
      if (!a.ok) throw a.modelError ? new ModelError(a.message) : new Error(a.message);
      for (let i = 0; i < a.probabilities.length; i += a.classes)
        out.push(a.probabilities.slice(i, i + a.classes));
    }
    return out;
  }

  /** Sessions each worker holds now (a session unused for `idleMs` is released). */
  async cachedSessions(): Promise<number[]> {
    if (!this.pool) return [];
    const pool = this.pool;
    const answers = await Promise.all(
      Array.from({ length: pool.size }, () =>
        pool.run({ modelDir: '', sha256: '', texts: [] }, { timeoutMs: 10_000 }),
      ),
    );
    return answers.map((a) => (a.ok ? a.cachedSessions : 0));
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}
