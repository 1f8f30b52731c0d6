// The one API contract. Every procedure is declared here once: its name, zod input and output, and the
// errors it may return. The router validates against these; the renderer's client is typed from them
// (the renderer imports this file's types only).
import { z } from 'zod';
import { MODEL_ID_PATTERN } from '../engine/model-card.ts';
import { invoiceProcedures } from './invoice-contract.ts';
import { recordProcedures } from './record-contract.ts';
import { workspaceProcedures } from './workspace-contract.ts';

/** Error codes a caller can receive. Each procedure lists the ones it may return beyond the common ones. */
export const errorCodes = [
  'BAD_INPUT', // input failed validation; `issues` says where
  'NOT_FOUND', // unknown procedure or item
  'UNAUTHORIZED', // missing or wrong token (HTTP transport)
  'FORBIDDEN', // the caller's transport may not call this procedure
  'CONFLICT',
  'DB_KEY_MISSING',
  'DB_KEY_WRONG',
  'DB_NOT_FOUND',
  'DB_EXISTS',
  'DB_TOO_NEW',
  'DB_CORRUPT',
  'IO_ERROR',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** What every transport sends back for a call. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

import {
  mutation,
  query,
  subscription,
  type QueryOrMutation,
  type Schema,
  type Subscription,
} from './procedures.ts';

export type { QueryOrMutation, Subscription } from './procedures.ts';

// ---- shared shapes ------------------------------------------------------------------------------------

export const countsSchema = z.object({
  files: z.number().int(),
  documents: z.number().int(),
  pages: z.number().int(),
  records: z.number().int(),
  predictions: z.number().int(),
  corrections: z.number().int(),
  models: z.number().int(),
  jobs: z.number().int(),
  auditLog: z.number().int(),
});

export const statusSchema = z.object({
  appVersion: z.string(),
  database: z.string(),
  schemaVersion: z.number().int(),
  encrypted: z.boolean(),
  cipher: z.string(),
  sizeBytes: z.number().int(),
  counts: countsSchema,
  engine: z.object({
    runtime: z.literal('onnxruntime-node'),
    available: z.boolean(),
    version: z.string().nullable(),
    message: z.string(),
  }),
});
export type Status = z.infer<typeof statusSchema>;

const jsonValue: z.ZodType<unknown> = z.unknown();

/** Settings the window may change. Keys are namespaced and validated; values are JSON. */
export const settingKeys = [
  'ui.density',
  'ui.colorScheme',
  'records.defaultPhoneRegion',
  'ingest.workers',
  'ingest.maxFileMb',
  'ingest.maxPages',
  'ingest.timeoutSeconds',
] as const;
export const settingValueSchemas = {
  'ui.density': z.enum(['comfortable', 'compact']),
  'ui.colorScheme': z.enum(['light', 'dark', 'auto']),
  'records.defaultPhoneRegion': z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as GB or DE'),
  'ingest.workers': z.number().int().min(1).max(64),
  'ingest.maxFileMb': z.number().int().min(1).max(10_000),
  'ingest.maxPages': z.number().int().min(1).max(100_000),
  'ingest.timeoutSeconds': z.number().int().min(1).max(3600),
} satisfies Record<(typeof settingKeys)[number], Schema>;
export type SettingKey = (typeof settingKeys)[number];

export const settingSchema = z.object({ key: z.enum(settingKeys), value: jsonValue, updatedAt: z.string() });

export const documentStatuses = ['pending', 'read', 'failed', 'needs_password', 'skipped'] as const;

export const documentSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.string().nullable(),
  mediaType: z.string().nullable(),
  status: z.string(),
  statusReason: z.string().nullable(),
  pageCount: z.number().int().nullable(),
  createdAt: z.string(),
  /** With a search: the passage that matched, in pieces, the matching words marked. */
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })).nullable(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  details: jsonValue,
});

export const progressEventSchema = z.object({
  jobId: z.number().int().nullable(),
  kind: z.string(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string(),
});

const boxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export const pageLayoutSchema = z.object({
  pageNumber: z.number().int(),
  width: z.number(),
  height: z.number(),
  rotation: z.number().int(),
  textSource: z.string().nullable(),
  lines: z.array(
    z.object({
      box: boxSchema,
      block: z.number().int(),
      words: z.array(
        z.object({
          text: z.string(),
          box: boxSchema,
          fontSize: z.number().optional(),
          confidence: z.number().optional(),
        }),
      ),
    }),
  ),
});

export const documentDetailSchema = documentSummarySchema.omit({ snippet: true }).extend({
  metadata: jsonValue,
  /** Every place this content was found: exact duplicates are linked here instead of stored again. */
  sourcePaths: z.array(z.string()),
  sha256: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  parent: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  children: z.array(z.object({ id: z.number().int(), title: z.string(), status: z.string() })),
  nearDuplicateOf: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  /** Table rows read from a CSV or XLSX file (mapped to tickets or CRM records later). */
  rowCount: z.number().int(),
});

export const importProgressSchema = z.object({
  importId: z.number().int(),
  status: z.enum(['running', 'paused', 'cancelled', 'done', 'watching']),
  scanning: z.boolean(),
  total: z.number().int(),
  done: z.number().int(),
  queued: z.number().int(),
  running: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  failedByReason: z.record(z.string(), z.number().int()),
  pages: z.number().int(),
  pagesPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
  elapsedSeconds: z.number(),
});

export const importSummarySchema = z.object({
  id: z.number().int(),
  sources: z.array(z.string()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: importProgressSchema,
});

export const importJobSchema = z.object({
  id: z.number().int(),
  sourcePath: z.string(),
  status: z.string(),
  stage: z.string(),
  outcome: z.string().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  documentId: z.number().int().nullable(),
});

const classScoresSchema = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number(),
});
export const modelSummarySchema = z.object({
  modelId: z.string(),
  version: z.number().int(),
  task: z.string(),
  format: z.enum(['docket', 'transformers.js']),
  multiLabel: z.boolean(),
  active: z.boolean(),
  description: z.string(),
  created: z.string(),
  installedAt: z.string(),
  sizeBytes: z.number().int(),
  labelCount: z.number().int(),
  trainingRows: z.number().int(),
  heldOutRows: z.number().int(),
  trainingSource: z.string().nullable(),
  metrics: z.object({
    accuracy: z.number().nullable(),
    macroF1: z.number().nullable(),
    microF1: z.number().nullable(),
    ece: z.number().nullable(),
  }),
  data: z.array(z.object({ name: z.string(), licence: z.string(), attribution: z.string() })),
});
export const modelDetailSchema = modelSummarySchema.extend({
  labels: z.array(z.string()),
  perClass: z.record(z.string(), classScoresSchema),
  confusion: z.array(z.array(z.number())).nullable(),
  thresholds: z.object({ abstain: z.number(), autoApply: z.number() }),
  temperature: z.number(),
  eceBefore: z.number().nullable(),
  sha256: z.string(),
});
export const trainingSchema = z.object({
  id: z.number().int(),
  modelId: z.string(),
  dataFile: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: z.string(),
  epoch: z.number().int(),
  maxEpochs: z.number().int(),
  heldOutScore: z.number().nullable(),
  /** After early stopping: the last pass over every row, held-out ones included. */
  refitEpoch: z.number().int().nullable(),
  refitEpochs: z.number().int().nullable(),
  rows: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  version: z.number().int().nullable(),
});
/** A model id names a folder under <db>.models: lower-case letters, digits, ".", "_" and "-" only. */
const modelIdSchema = z
  .string()
  .regex(MODEL_ID_PATTERN, 'lower-case letters, digits, ".", "_" or "-", starting with a letter or digit');
const modelRef = z.object({ modelId: modelIdSchema, version: z.number().int().positive() }).strict();
const dataPreviewSchema = z.object({
  path: z.string(),
  columns: z.array(z.string()),
  rows: z.number().int(),
  preview: z.array(z.record(z.string(), z.string())),
});

const importId = z.object({ importId: z.number().int() }).strict();

const paging = {
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
};

// ---- the procedures -----------------------------------------------------------------------------------

export const contract = {
  'status.get': query({
    description: 'Database, engine and counts, for the status bar and `docket status`.',
    input: z.object({}).strict().default({}),
    output: statusSchema,
    errors: [],
  }),
  'settings.list': query({
    description: 'All settings that have been set.',
    input: z.object({}).strict().default({}),
    output: z.array(settingSchema),
    errors: [],
  }),
  'settings.set': mutation({
    description: 'Set one setting; the value is validated for its key.',
    input: z
      .object({ key: z.enum(settingKeys), value: jsonValue })
      .strict()
      .superRefine((v, ctx) => {
        const parsed = settingValueSchemas[v.key].safeParse(v.value);
        if (!parsed.success) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: `${v.key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`,
          });
        }
      }),
    output: settingSchema,
    errors: [],
  }),
  'documents.list': query({
    description:
      'Documents, newest first; `query` searches their text (full-text); filters by media type, status and date.',
    input: z
      .object({
        query: z.string().trim().max(500).optional(),
        mediaType: z.string().max(200).optional(),
        status: z.enum(documentStatuses).optional(),
        /** ISO dates (inclusive), on when the document was imported. */
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        ...paging,
      })
      .strict()
      .default({ limit: 100, offset: 0 }),
    output: z.object({ items: z.array(documentSummarySchema), total: z.number().int() }),
    errors: [],
  }),
  'documents.mediaTypes': query({
    description: 'The media types present, with counts, for the type filter.',
    input: z.object({}).strict().default({}),
    output: z.array(z.object({ mediaType: z.string(), count: z.number().int() })),
    errors: [],
  }),
  'documents.get': query({
    description: 'One document: status and reason, metadata, where it came from, attachments.',
    input: z.object({ id: z.number().int() }).strict(),
    output: documentDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  'documents.text': query({
    description: 'The plain text of a document, in reading order.',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ id: z.number().int(), text: z.string() }),
    errors: ['NOT_FOUND'],
  }),
  'documents.page': query({
    description: 'One page: its size, rotation and the words with their boxes (relative to the page).',
    input: z.object({ id: z.number().int(), pageNumber: z.number().int().min(1) }).strict(),
    output: pageLayoutSchema,
    errors: ['NOT_FOUND'],
  }),
  'documents.original': query({
    description: 'The stored original, for the viewer (base64; up to 100 MB).',
    input: z.object({ id: z.number().int() }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string().nullable(), dataBase64: z.string() }),
    errors: ['NOT_FOUND', 'IO_ERROR'],
  }),
  'imports.start': mutation({
    description:
      'Import folders and files (folders recursively); continues an unfinished import of the same paths.',
    input: z
      .object({
        paths: z.array(z.string().min(1)).min(1).max(1000),
        include: z.array(z.string().min(1)).max(100).optional(),
        exclude: z.array(z.string().min(1)).max(100).optional(),
        watch: z.boolean().optional(),
        polling: z.boolean().optional(),
        /** Read scanned pages and images with OCR (default true). */
        ocr: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ importId: z.number().int() }),
    errors: ['NOT_FOUND'],
  }),
  'imports.upload': mutation({
    description:
      'Import files dropped into the window (their bytes, when the window cannot give their paths).',
    input: z
      .object({
        files: z
          .array(
            z.object({ name: z.string().min(1).max(255), dataBase64: z.string().max(140_000_000) }).strict(),
          )
          .min(1)
          .max(100),
      })
      .strict(),
    output: z.object({ importId: z.number().int() }),
    errors: ['IO_ERROR'],
  }),
  'imports.list': query({
    description: 'Recent imports with their progress, newest first.',
    input: z.object({}).strict().default({}),
    output: z.array(importSummarySchema),
    errors: [],
  }),
  'imports.get': query({
    description: 'Progress of one import.',
    input: importId,
    output: importProgressSchema,
    errors: ['NOT_FOUND'],
  }),
  'imports.jobs': query({
    description: 'Each file of an import with its status and, when it failed, the reason (failures first).',
    input: z
      .object({
        importId: z.number().int(),
        status: z.enum(['failed', 'done', 'queued']).optional(),
        ...paging,
      })
      .strict(),
    output: z.object({ items: z.array(importJobSchema), total: z.number().int() }),
    errors: ['NOT_FOUND'],
  }),
  'imports.pause': mutation({
    description: 'Pause an import: files being read finish, no new ones start.',
    input: importId,
    output: importProgressSchema,
    errors: ['NOT_FOUND'],
  }),
  'imports.resume': mutation({
    description: 'Resume a paused import.',
    input: importId,
    output: importProgressSchema,
    errors: ['NOT_FOUND'],
  }),
  'imports.cancel': mutation({
    description: 'Cancel an import: files not yet started are left out; what was read stays.',
    input: importId,
    output: importProgressSchema,
    errors: ['NOT_FOUND'],
  }),
  'imports.retry': mutation({
    description:
      'Try failed files again, all or some; a password (for encrypted PDFs) is used once and not kept.',
    input: z
      .object({
        importId: z.number().int(),
        jobIds: z.array(z.number().int()).max(10_000).optional(),
        password: z.string().min(1).max(1000).optional(),
      })
      .strict(),
    output: z.object({ retried: z.number().int() }),
    errors: ['NOT_FOUND'],
  }),
  'models.list': query({
    description: 'Every installed model version, newest first per model, with its held-out metrics.',
    input: z.object({}).strict().default({}),
    output: z.array(modelSummarySchema),
    errors: [],
  }),
  'models.get': query({
    description: 'One model version in full: labels, per-class scores, confusion matrix, thresholds.',
    input: z.object({ modelId: modelIdSchema, version: z.number().int().positive().optional() }).strict(),
    output: modelDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  'models.activate': mutation({
    description: 'Make a version the one in use.',
    input: modelRef,
    output: modelSummarySchema,
    errors: ['NOT_FOUND'],
  }),
  'models.rollback': mutation({
    description: 'Go back to the version that was in use before the current one.',
    input: z.object({ modelId: modelIdSchema }).strict(),
    output: modelSummarySchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'models.delete': mutation({
    description: 'Delete a version that is not in use.',
    input: modelRef,
    output: z.object({ deleted: z.boolean() }),
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'models.import': mutation({
    description: 'Install a model folder (Docket or transformers.js format) as a new version.',
    input: z
      .object({
        path: z.string().min(1),
        modelId: modelIdSchema.optional(),
        activate: z.boolean().optional(),
      })
      .strict(),
    output: modelSummarySchema,
    errors: ['NOT_FOUND', 'CONFLICT', 'BAD_INPUT'],
    localOnly: true,
  }),
  'models.export': mutation({
    description: 'Copy a version out as a model folder.',
    input: z
      .object({
        modelId: modelIdSchema,
        version: z.number().int().positive().optional(),
        out: z.string().min(1),
      })
      .strict(),
    output: z.object({ path: z.string() }),
    errors: ['NOT_FOUND', 'CONFLICT', 'IO_ERROR'],
    localOnly: true,
  }),
  'models.classify': query({
    description:
      'Classify texts with a model (its active version unless one is named): label, probability, abstain, top.',
    input: z
      .object({
        modelId: modelIdSchema,
        version: z.number().int().positive().optional(),
        texts: z.array(z.string().max(100_000)).min(1).max(1000),
        top: z.number().int().min(1).max(20).default(3),
      })
      .strict(),
    output: z.array(
      z.object({
        label: z.string().nullable(),
        probability: z.number(),
        abstain: z.boolean(),
        top: z.array(z.object({ label: z.string(), probability: z.number() })),
        labels: z.array(z.string()).optional(),
      }),
    ),
    errors: ['NOT_FOUND', 'BAD_INPUT'],
  }),
  'models.uploadData': mutation({
    description: 'Keep a training file chosen in the window (CSV, TSV or JSONL) and show its columns.',
    input: z.object({ name: z.string().min(1).max(255), dataBase64: z.string().max(140_000_000) }).strict(),
    output: dataPreviewSchema,
    errors: ['BAD_INPUT', 'IO_ERROR'],
  }),
  'models.dataColumns': query({
    description: 'The columns and first rows of a training file, for picking the text and label columns.',
    input: z.object({ path: z.string().min(1) }).strict(),
    output: dataPreviewSchema,
    errors: ['BAD_INPUT', 'NOT_FOUND'],
  }),
  'models.train': mutation({
    description: 'Train a text classifier from a data file in the background; it becomes the active version.',
    input: z
      .object({
        path: z.string().min(1),
        text: z.string().min(1),
        label: z.string().min(1),
        modelId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'lower-case letters, digits, ".", "_" or "-"'),
        multiLabel: z.boolean().default(false),
        labelSeparator: z.string().min(1).max(5).optional(),
        seed: z.number().int().default(1),
        /** An installed feature-extraction model whose sentence embeddings join the features. */
        embedderModelId: modelIdSchema.optional(),
      })
      .strict(),
    output: trainingSchema,
    errors: ['BAD_INPUT'],
  }),
  'models.trainings': query({
    description: 'Trainings started since the app started, newest first, with their progress.',
    input: z.object({}).strict().default({}),
    output: z.array(trainingSchema),
    errors: [],
  }),
  'models.cancelTraining': mutation({
    description: 'Stop a running training; nothing is installed.',
    input: z.object({ trainingId: z.number().int() }).strict(),
    output: trainingSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'audit.list': query({
    description: 'The audit log, newest first.',
    input: z
      .object({ ...paging })
      .strict()
      .default({ limit: 100, offset: 0 }),
    output: z.array(auditEntrySchema),
    errors: [],
  }),
  'store.backup': mutation({
    description: 'Write a consistent, encrypted copy of the database to a new file (online backup).',
    input: z.object({ out: z.string().min(1) }).strict(),
    output: z.object({ path: z.string(), sizeBytes: z.number().int(), schemaVersion: z.number().int() }),
    errors: ['IO_ERROR', 'CONFLICT'],
    localOnly: true,
  }),
  'status.watch': subscription({
    description: 'The status now, then again whenever it changes.',
    input: z.object({}).strict().default({}),
    event: statusSchema,
    errors: [],
  }),
  'imports.progress': subscription({
    description: 'Progress of every import as it happens (about five times a second while one runs).',
    input: z.object({}).strict().default({}),
    event: importProgressSchema,
    errors: [],
  }),
  'jobs.progress': subscription({
    description: 'Progress of long-running work (imports, training).',
    input: z.object({}).strict().default({}),
    event: progressEventSchema,
    errors: [],
  }),
  ...invoiceProcedures,
  ...recordProcedures,
  ...workspaceProcedures,
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type CallName = {
  [K in ProcedureName]: Contract[K]['kind'] extends 'subscription' ? never : K;
}[ProcedureName];
export type SubscriptionName = Exclude<ProcedureName, CallName>;

/** What a caller passes (defaults may be omitted). */
export type Input<K extends ProcedureName> = z.input<Contract[K]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInput<K extends ProcedureName> = z.output<Contract[K]['input']>;
export type Output<K extends CallName> =
  Contract[K] extends QueryOrMutation<Schema, infer O> ? z.output<O> : never;
export type EventOf<K extends SubscriptionName> =
  Contract[K] extends Subscription<Schema, infer E> ? z.output<E> : never;
