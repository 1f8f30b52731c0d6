// Sequence labellers as model folders: the same card (task "token-classification", the labeller's config
// as its feature spec) and the same sha256 check before loading as text classifiers, so the registry
// installs, activates and rolls them back alike.
import type * as ort from 'onnxruntime-node';
import { MODEL_FORMAT, type DatasetCredit, type ModelCard } from '../model-card.ts';
import { ModelError, loadModelFolder } from '../model-folder.ts';
import type { SequenceLabellerConfig } from './model.ts';
import { OnnxSequenceLabeller } from './onnx-labeller.ts';
import type { SequenceTrainingResult } from './trainer.ts';

export function labellerCard(
  result: SequenceTrainingResult,
  meta: {
    id: string;
    fingerprint: string;
    version?: number;
    description?: string;
    source?: string;
    data?: DatasetCredit[];
    seed?: number;
  },
): { card: Omit<ModelCard, 'sha256'>; bytes: Uint8Array } {
  const config = result.model.config();
  return {
    card: {
      format: MODEL_FORMAT,
      id: meta.id,
      task: 'token-classification',
      multiLabel: false,
      version: meta.version ?? 1,
      created: new Date().toISOString(),
      description: meta.description ?? '',
      labels: config.labels,
      featureSpec: config as unknown as Record<string, unknown>,
      training: {
        fingerprint: meta.fingerprint,
        rows: result.trainSequences,
        heldOutRows: result.devSequences,
        ...(meta.source ? { source: meta.source } : {}),
        ...(meta.seed === undefined ? {} : { seed: meta.seed }),
        epochs: result.bestEpoch,
        seconds: Math.round(result.seconds * 10) / 10,
      },
      // Span-level micro F1 on the held-out sequences.
      metrics: { n: result.devSequences, ...(result.devF1 === null ? {} : { microF1: result.devF1 }) },
      calibration: { method: 'temperature', temperature: result.model.parts.temperature },
      thresholds: { abstain: 0.5, autoApply: 0.9 },
      data: meta.data ?? [],
    },
    bytes: result.model.toOnnx({ 'docket.id': meta.id }),
  };
}

/** Opens a labeller model folder through ONNX Runtime after checking its card and sha256. */
export async function openLabellerFolder(
  dir: string,
  options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1 },
): Promise<OnnxSequenceLabeller> {
  const { card, bytes } = await loadModelFolder(dir);
  const config = card.featureSpec as unknown as SequenceLabellerConfig;
  if (card.task !== 'token-classification' || config.kind !== 'sequence-labeller') {
    throw new ModelError(
      `Model "${card.id}" version ${card.version} is a ${card.task} model, not a sequence labeller.`,
    );
  }
  try {
    return await OnnxSequenceLabeller.create(bytes, config, options);
  } catch (e) {
    throw new ModelError(
      `Model "${card.id}" version ${card.version} (${dir}) cannot be loaded by ONNX Runtime: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}
