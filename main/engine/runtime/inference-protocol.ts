// Messages between the inference pool and its workers.
export interface InferenceRequest {
  /** Empty with no texts: only report the worker's cached sessions. */
  modelDir: string;
  /** The registry's sha256 for the model: a cached session of other bytes is replaced. */
  sha256: string;
  texts: string[];
  /** The feature-extraction model folder, for classifiers trained with embeddings. */
  embedderDir?: string;
}

export type InferenceResponse =
  | { ok: true; probabilities: Float32Array; classes: number; cachedSessions: number }
  | { ok: false; message: string; modelError: boolean };

export interface InferenceWorkerData {
  intraOpThreads: number;
  /** A session unused this long is released. */
  idleMs: number;
}
