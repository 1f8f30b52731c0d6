// Opens a transformers.js model folder with @huggingface/transformers pipelines, from the local folder
// only, on onnxruntime-node, and wraps the four text tasks Docket uses in a small typed API.
//
// Offline by construction: before every open the library's global `env` is set so that it never asks the
// network (allowRemoteModels off, every cache off so nothing is written outside the folder, and its fetch
// replaced by one that refuses), the folder is passed as an absolute path (which the library never reads
// as a Hub model id), and `local_files_only` is passed too. Folders are checked first, so a missing
// file, a bad config.json or an unknown task gives a TransformersModelError that names the folder.
//
// The library is imported lazily: code that only sorts folders (./folder.ts) never loads it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Transformers from '@huggingface/transformers';
import {
  TransformersModelError,
  checkTransformersFolder,
  configLabels,
  readTransformersConfig,
  resolveTransformersTask,
} from './folder.ts';
import type { TransformersTask } from './folder.ts';

export interface LabelScore {
  label: string;
  score: number;
}

export interface TokenLabel {
  /** The token as the tokenizer decodes it (lower-cased for uncased models; "##" pieces without "##"). */
  word: string;
  /** The predicted label, e.g. "B-ORG" or "O". */
  label: string;
  score: number;
  /** Position in the tokenized input (0 is [CLS]). */
  index: number;
}

export interface EntitySpan {
  /** The entity type without its B-/I- prefix, e.g. "ORG". */
  label: string;
  score: number;
  word: string;
}

export interface ZeroShotResult {
  /** Candidate labels, best first. */
  labels: string[];
  scores: number[];
}

export interface TransformersModel {
  /** The absolute model folder. */
  readonly dir: string;
  readonly task: TransformersTask;
  /** id2label in id order ([] for feature extraction). */
  readonly labels: string[];
  /** The ONNX Runtime the sessions run on, e.g. "onnxruntime-node 1.30.0". */
  readonly runtime: string;
  /** text-classification: the topK labels of each text, best first. */
  classify(texts: string[], options?: { topK?: number }): Promise<LabelScore[][]>;
  /** token-classification: a label for every token of the text (special tokens left out). */
  labelTokens(text: string): Promise<TokenLabel[]>;
  /** token-classification: consecutive B-/I- tokens grouped into entities ("O" left out). */
  entities(text: string): Promise<EntitySpan[]>;
  /**
   * zero-shot-classification: ranks the candidate labels by how strongly the text entails
   * `hypothesisTemplate` with the label in place of "{}" (default "This example is {}.").
   * Scores sum to 1 over the candidates unless multiLabel, where each is an independent probability.
   */
  zeroShot(
    text: string,
    candidateLabels: string[],
    options?: { multiLabel?: boolean; hypothesisTemplate?: string },
  ): Promise<ZeroShotResult>;
  /** feature-extraction: one mean-pooled, L2-normalised vector per text. */
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

type Library = typeof Transformers;

let library: Promise<Library> | undefined;

function loadLibrary(): Promise<Library> {
  library ??= import('@huggingface/transformers');
  return library;
}

/** What the library's fetch becomes: every request is refused (and none should ever be made). */
async function refuseNetwork(input: string | URL): Promise<never> {
  throw new Error(
    `Docket loads models from local folders only; refused a network request for ${String(input)}`,
  );
}

/** Sets the library's global environment for local-only, write-nothing loading. */
export async function configureOfflineTransformers(): Promise<Library['env']> {
  const { env } = await loadLibrary();
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFS = true;
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.useCustomCache = false;
  env.customCache = null;
  env.useWasmCache = false;
  env.experimental_useCrossOriginStorage = false;
  env.cacheDir = null;
  env.fetch = refuseNetwork;
  return env;
}

// The pipelines as Docket calls them (the library's own generic types are much wider than needed).
interface RawLabel {
  label: string;
  score: number;
}
interface RawToken {
  entity: string;
  score: number;
  index: number;
  word: string;
}
interface RawGroup {
  entity_group: string;
  score: number;
  word: string;
}
interface RawTensor {
  dims: number[];
  data: Float32Array;
}
interface Pipe {
  (...args: unknown[]): Promise<unknown>;
  dispose(): Promise<void>;
}

function readJson(dir: string, file: string): void {
  try {
    JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    throw new TransformersModelError(dir, `${file} is not valid JSON (${(e as Error).message})`, {
      cause: e,
    });
  }
}

/**
 * Opens the transformers.js model in `dir` for `task` (default: the task config.json implies).
 * Throws TransformersModelError, naming the folder, when the folder is missing or incomplete, its config
 * is unusable, the task is unknown or does not fit the model, or ONNX Runtime cannot load the model.
 */
export async function openTransformersModel(
  dir: string,
  task?: TransformersTask,
): Promise<TransformersModel> {
  const folder = checkTransformersFolder(dir);
  const config = readTransformersConfig(folder);
  const resolvedTask = resolveTransformersTask(folder, config, task);
  readJson(folder, 'tokenizer_config.json');
  readJson(folder, 'tokenizer.json');

  const { pipeline } = await loadLibrary();
  const env = await configureOfflineTransformers();
  let pipe: Pipe;
  try {
    pipe = (await pipeline(resolvedTask, folder, {
      local_files_only: true,
      dtype: 'fp32',
      device: 'cpu',
      subfolder: 'onnx',
      model_file_name: 'model',
    })) as unknown as Pipe;
  } catch (e) {
    const reason = (e as Error).message;
    throw new TransformersModelError(folder, `could not be opened for ${resolvedTask}: ${reason}`, {
      cause: e,
    });
  }
  const nodeVersion = (env.backends.onnx as { versions?: { node?: string } }).versions?.node;
  if (!nodeVersion) {
    await pipe.dispose();
    throw new TransformersModelError(folder, 'transformers.js did not run on onnxruntime-node');
  }
  return wrap(folder, resolvedTask, configLabels(config), `onnxruntime-node ${nodeVersion}`, pipe);
}

function wrap(
  dir: string,
  task: TransformersTask,
  labels: string[],
  runtime: string,
  pipe: Pipe,
): TransformersModel {
  let disposed = false;
  const use = (method: string, needs: TransformersTask): Pipe => {
    if (disposed) throw new TransformersModelError(dir, `${method}() called after dispose()`);
    if (task !== needs) {
      throw new TransformersModelError(dir, `${method}() needs a ${needs} model; this one is ${task}`);
    }
    return pipe;
  };
  const run = async <T>(call: () => Promise<unknown>): Promise<T> => {
    try {
      return (await call()) as T;
    } catch (e) {
      throw new TransformersModelError(dir, `${task} failed: ${(e as Error).message}`, { cause: e });
    }
  };

  return {
    dir,
    task,
    labels,
    runtime,

    async classify(texts, { topK = 1 } = {}) {
      const p = use('classify', 'text-classification');
      if (texts.length === 0) return [];
      const k = Math.max(1, Math.min(Math.floor(topK), labels.length || 1));
      const raw = await run<RawLabel[] | RawLabel[][]>(() => p(texts, { top_k: k }));
      // top_k 1 gives one flat result per text; more gives a list per text.
      const rows = k === 1 ? (raw as RawLabel[]).map((r) => [r]) : (raw as RawLabel[][]);
      return rows.map((row) => row.map(({ label, score }) => ({ label, score })));
    },

    async labelTokens(text) {
      const p = use('labelTokens', 'token-classification');
      const raw = await run<RawToken[]>(() => p(text, { ignore_labels: [] }));
      return raw.map(({ word, entity, score, index }) => ({ word, label: entity, score, index }));
    },

    async entities(text) {
      const p = use('entities', 'token-classification');
      const raw = await run<RawGroup[]>(() =>
        p(text, { ignore_labels: ['O'], aggregation_strategy: 'simple' }),
      );
      return raw.map(({ entity_group, score, word }) => ({ label: entity_group, score, word }));
    },

    async zeroShot(
      text,
      candidateLabels,
      { multiLabel = false, hypothesisTemplate = 'This example is {}.' } = {},
    ) {
      const p = use('zeroShot', 'zero-shot-classification');
      if (candidateLabels.length === 0)
        throw new TransformersModelError(dir, 'zeroShot() needs candidate labels');
      if (!hypothesisTemplate.includes('{}')) {
        throw new TransformersModelError(
          dir,
          'zeroShot() hypothesisTemplate must contain "{}" for the label',
        );
      }
      const raw = await run<{ labels: string[]; scores: number[] }>(() =>
        p(text, candidateLabels, { multi_label: multiLabel, hypothesis_template: hypothesisTemplate }),
      );
      return { labels: raw.labels, scores: raw.scores };
    },

    async embed(texts) {
      const p = use('embed', 'feature-extraction');
      if (texts.length === 0) return [];
      const tensor = await run<RawTensor>(() => p(texts, { pooling: 'mean', normalize: true }));
      const size = tensor.dims[tensor.dims.length - 1]!;
      return texts.map((_, i) => Float32Array.from(tensor.data.subarray(i * size, (i + 1) * size)));
    },

    async dispose() {
      if (disposed) return;
      disposed = true;
      await pipe.dispose();
    },
  };
}
