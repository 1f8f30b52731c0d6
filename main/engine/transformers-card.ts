// Folders in transformers.js format (config.json, tokenizer.json, onnx/model.onnx) get a registry card
// made from their config: the task (transformers/folder.ts decides it), labels from id2label, and the
// sha256 of onnx/model.onnx, checked before each load like a Docket model's.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MODEL_FORMAT, type ModelCard } from './model-card.ts';
import { ModelError, modelIdFrom, sha256Hex } from './model-folder.ts';
import {
  configLabels,
  missingTransformersFiles,
  readTransformersConfig,
  resolveTransformersTask,
} from './transformers/folder.ts';

export { isTransformersFolder } from './transformers/folder.ts';

export async function describeTransformersFolder(dir: string, modelId?: string): Promise<ModelCard> {
  const missing = missingTransformersFiles(dir);
  if (missing.length)
    throw new ModelError(`The transformers.js model folder ${dir} is missing ${missing.join(', ')}.`);
  const config = readTransformersConfig(dir); // a TransformersModelError is a ModelError
  const task = resolveTransformersTask(dir, config);
  const labels = configLabels(config);
  const bytes = await readFile(join(dir, 'onnx', 'model.onnx'));
  return {
    format: MODEL_FORMAT,
    id: modelId ?? modelIdFrom(basename(dir)),
    task,
    multiLabel: false,
    version: 1,
    created: new Date().toISOString(),
    description: `transformers.js model (${config.architectures?.[0] ?? config.model_type})`,
    labels: labels.length ? labels : ['embedding'],
    featureSpec: { kind: 'transformers.js', modelType: config.model_type },
    training: { fingerprint: 'unknown', rows: 0, heldOutRows: 0 },
    metrics: { n: 0 },
    calibration: { method: 'temperature', temperature: 1 },
    thresholds: { abstain: 0.5, autoApply: 0.9 },
    sha256: sha256Hex(bytes),
    data: [],
  };
}
