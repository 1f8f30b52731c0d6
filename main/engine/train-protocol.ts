// Messages between the training service and its worker thread.
import type { ModelCard } from './model-card.ts';
import type { TrainingProgress } from './text/train-text.ts';

export interface TrainRequest {
  dataPath: string;
  text: string;
  label: string;
  multiLabel: boolean;
  labelSeparator?: string;
  modelId: string;
  seed: number;
  /** A feature-extraction model folder whose embeddings join the features. */
  embedderDir?: string;
  /** Where the worker writes the finished model folder. */
  outDir: string;
}

export type TrainMessage =
  | { type: 'progress'; progress: TrainingProgress; rows?: number }
  | { type: 'done'; card: ModelCard }
  | { type: 'error'; message: string };
