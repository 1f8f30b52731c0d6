// A Docket model is a folder: `model.onnx` and `card.json`. The card says what the model does, what it was
// trained on (with licence and attribution), how well it did on held-out data, how to calibrate and when
// to abstain, and the sha256 of model.onnx, checked before every load.
import { z } from 'zod';

export const MODEL_FORMAT = 'docket-model/1';

/** A model id names its folder under <db>.models: this pattern cannot climb out of it. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;

const classScores = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number(),
});

export const datasetCredit = z.object({
  name: z.string(),
  licence: z.string(),
  attribution: z.string(),
  url: z.string().optional(),
});
export type DatasetCredit = z.infer<typeof datasetCredit>;

export const modelCardSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  /** Stable name across versions, e.g. "support-intent". */
  id: z.string().regex(MODEL_ID_PATTERN, 'lower-case letters, digits, ".", "_" or "-"'),
  task: z.enum([
    'text-classification',
    'token-classification',
    'zero-shot-classification',
    'feature-extraction',
  ]),
  multiLabel: z.boolean().default(false),
  version: z.number().int().positive(),
  created: z.string(),
  description: z.string().default(''),
  labels: z.array(z.string()).min(1),
  featureSpec: z.record(z.string(), z.unknown()),
  training: z.object({
    fingerprint: z.string(),
    rows: z.number().int().nonnegative(),
    heldOutRows: z.number().int().nonnegative(),
    source: z.string().optional(),
    seed: z.number().int().optional(),
    epochs: z.number().int().optional(),
    seconds: z.number().optional(),
  }),
  metrics: z.object({
    n: z.number(),
    accuracy: z.number().optional(),
    macroF1: z.number().optional(),
    microF1: z.number().optional(),
    ece: z.number().optional(),
    eceBefore: z.number().optional(),
    perClass: z.record(z.string(), classScores).optional(),
    confusion: z.array(z.array(z.number())).optional(),
    coverage: z
      .array(z.object({ threshold: z.number(), coverage: z.number(), accuracy: z.number() }))
      .optional(),
  }),
  calibration: z.object({ method: z.literal('temperature'), temperature: z.number().positive() }),
  thresholds: z.object({
    abstain: z.number().min(0).max(1),
    autoApply: z.number().min(0).max(1),
    perLabel: z.record(z.string(), z.number()).optional(),
  }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  data: z.array(datasetCredit).default([]),
});

export type ModelCard = z.infer<typeof modelCardSchema>;
