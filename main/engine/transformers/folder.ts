// What kind of model folder this is, and for a transformers.js folder: which files it lacks and which task
// it runs. Only the file system is touched here (no ONNX Runtime, no @huggingface/transformers), so the
// model registry can sort folders cheaply. Opening a transformers.js folder is in ./open.ts.
//
// Two formats are accepted (DESIGN.md, principle 5):
//   docket        model.onnx + card.json (Docket's own models, shipped or trained here)
//   transformers  config.json + tokenizer.json + tokenizer_config.json + onnx/model.onnx
//                 (a transformers.js export, run through @huggingface/transformers with remote loading off)
import { ModelError } from '../model-folder.ts';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type ModelFolderFormat = 'docket' | 'transformers';

export const TRANSFORMERS_TASKS = [
  'text-classification',
  'token-classification',
  'zero-shot-classification',
  'feature-extraction',
] as const;
export type TransformersTask = (typeof TRANSFORMERS_TASKS)[number];

/** The files @huggingface/transformers reads for Docket's text tasks (fp32 weights, one session). */
export const TRANSFORMERS_REQUIRED_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model.onnx',
] as const;

/** An error about one model folder; the message always names the folder. */
export class TransformersModelError extends ModelError {
  readonly folder: string;

  constructor(folder: string, message: string, options?: { cause?: unknown }) {
    super(`Model folder "${folder}": ${message}`, options);
    this.name = 'TransformersModelError';
    this.folder = folder;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A Docket-native model folder: model.onnx and card.json side by side. */
export function isDocketModelFolder(dir: string): boolean {
  return isFile(join(dir, 'model.onnx')) && isFile(join(dir, 'card.json'));
}

/**
 * A folder in transformers.js layout: config.json plus tokenizer.json or an onnx/ folder, and not a
 * Docket-native folder. An incomplete one still counts (opening it names the missing files), so a
 * half-copied model is reported as such rather than as "not a model".
 */
export function isTransformersFolder(dir: string): boolean {
  if (isDocketModelFolder(dir)) return false;
  return (
    isFile(join(dir, 'config.json')) &&
    (isFile(join(dir, 'tokenizer.json')) || isDirectory(join(dir, 'onnx')))
  );
}

/** Which format a folder is in, or null if it is neither. Docket-native wins when both would match. */
export function detectModelFolderFormat(dir: string): ModelFolderFormat | null {
  if (isDocketModelFolder(dir)) return 'docket';
  if (isTransformersFolder(dir)) return 'transformers';
  return null;
}

/** The required transformers.js files the folder lacks (paths relative to it, forward slashes). */
export function missingTransformersFiles(dir: string): string[] {
  return TRANSFORMERS_REQUIRED_FILES.filter((file) => !isFile(join(dir, ...file.split('/'))));
}

export function isTransformersTask(value: unknown): value is TransformersTask {
  return typeof value === 'string' && (TRANSFORMERS_TASKS as readonly string[]).includes(value);
}

/** The parts of a transformers config.json Docket reads. */
export interface TransformersConfig {
  model_type: string;
  architectures?: string[];
  id2label?: Record<string, string>;
  label2id?: Record<string, number>;
  /** The task, when Docket wrote it into the config (the registry's card reader honours it too). */
  docket_task?: string;
  [key: string]: unknown;
}

/** Reads and checks config.json; throws a TransformersModelError naming the folder when it is unusable. */
export function readTransformersConfig(dir: string): TransformersConfig {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) throw new TransformersModelError(dir, 'config.json is missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TransformersModelError(dir, `config.json is not valid JSON (${(e as Error).message})`, {
      cause: e,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TransformersModelError(dir, 'config.json must hold a JSON object');
  }
  const config = parsed as Record<string, unknown>;
  if (typeof config.model_type !== 'string' || config.model_type === '') {
    throw new TransformersModelError(dir, 'config.json has no "model_type" (e.g. "bert")');
  }
  if (
    config.architectures !== undefined &&
    !(Array.isArray(config.architectures) && config.architectures.every((a) => typeof a === 'string'))
  ) {
    throw new TransformersModelError(dir, 'config.json "architectures" must be a list of class names');
  }
  for (const key of ['id2label', 'label2id']) {
    const value = config[key];
    if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new TransformersModelError(dir, `config.json "${key}" must be an object`);
    }
  }
  return config as TransformersConfig;
}

/** The labels in id order (from id2label), or [] when the config has none. */
export function configLabels(config: TransformersConfig): string[] {
  if (!config.id2label) return [];
  return Object.entries(config.id2label)
    .map(([id, label]) => [Number(id), String(label)] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, label]) => label);
}

/** Whether label2id has the NLI labels the zero-shot pipeline needs. */
export function hasNliLabels(config: TransformersConfig): boolean {
  const names = Object.keys(config.label2id ?? {}).map((k) => k.toLowerCase());
  return (
    names.includes('entailment') && (names.includes('contradiction') || names.includes('not_entailment'))
  );
}

type Head = 'sequence' | 'token' | 'base';

function headOf(config: TransformersConfig): Head | null {
  const architecture = config.architectures?.[0];
  if (!architecture) return null;
  if (architecture.endsWith('ForSequenceClassification')) return 'sequence';
  if (architecture.endsWith('ForTokenClassification')) return 'token';
  if (architecture.endsWith('Model')) return 'base';
  return null;
}

const HEAD_FOR_TASK: Record<TransformersTask, Head> = {
  'text-classification': 'sequence',
  'zero-shot-classification': 'sequence',
  'token-classification': 'token',
  'feature-extraction': 'base',
};

/**
 * The task to run: the one asked for, else config.json's "docket_task", else the one its first
 * architecture implies (a sequence classifier with entailment/contradiction labels is zero-shot). An
 * explicit task is checked against the architecture.
 */
export function resolveTransformersTask(
  dir: string,
  config: TransformersConfig,
  asked?: string,
): TransformersTask {
  // A task written into config.json by Docket ("docket_task") counts as asked for.
  if (asked === undefined && config.docket_task !== undefined) asked = String(config.docket_task);
  const head = headOf(config);
  const architecture = config.architectures?.[0];
  let task: TransformersTask;
  if (asked !== undefined) {
    if (!isTransformersTask(asked)) {
      throw new TransformersModelError(
        dir,
        `unknown task "${asked}"; Docket runs transformers.js models for ${TRANSFORMERS_TASKS.join(', ')}`,
      );
    }
    task = asked;
    if (head && HEAD_FOR_TASK[task] !== head) {
      throw new TransformersModelError(
        dir,
        `config.json declares ${architecture}, which cannot run the task "${task}"`,
      );
    }
  } else if (head === 'sequence') {
    task = hasNliLabels(config) ? 'zero-shot-classification' : 'text-classification';
  } else if (head === 'token') {
    task = 'token-classification';
  } else if (head === 'base') {
    task = 'feature-extraction';
  } else {
    throw new TransformersModelError(
      dir,
      `cannot tell the task from config.json (architectures: ${architecture ?? 'none'}); ` +
        `give one of ${TRANSFORMERS_TASKS.join(', ')}`,
    );
  }
  if (task === 'zero-shot-classification' && !hasNliLabels(config)) {
    throw new TransformersModelError(
      dir,
      'zero-shot-classification needs an NLI model: config.json "label2id" must name "entailment" and "contradiction"',
    );
  }
  return task;
}

/** The absolute folder, checked to exist and to be a complete transformers.js folder. */
export function checkTransformersFolder(dirOrId: string): string {
  const dir = resolve(dirOrId);
  if (!isDirectory(dir)) {
    throw new TransformersModelError(
      dirOrId,
      'no such folder on this machine. Docket opens transformers.js models from a local folder only ' +
        'and never downloads them (a model id such as "org/name" is not accepted)',
    );
  }
  if (isDocketModelFolder(dir)) {
    throw new TransformersModelError(
      dir,
      'this is a Docket model (model.onnx + card.json), not a transformers.js one',
    );
  }
  const missing = missingTransformersFiles(dir);
  if (missing.length > 0) {
    throw new TransformersModelError(
      dir,
      `missing ${missing.join(', ')} (a transformers.js model folder needs ${TRANSFORMERS_REQUIRED_FILES.join(', ')})`,
    );
  }
  return dir;
}
