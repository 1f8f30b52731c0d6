// The tickets and CRM part of the API contract: schemas and procedures, spread into `contract` (contract.ts).
import { z } from 'zod';
import { mutation, query } from './procedures.ts';
import {
  LABEL_SOURCES,
  LABEL_STATUSES,
  RECORD_KINDS,
  RECORD_TASKS,
  RECORD_TYPES,
  recordMappingSchema,
} from '../records/types.ts';

const kind = z.enum(RECORD_KINDS);
const task = z.enum(RECORD_TASKS);
const labelValue = z.union([z.string(), z.array(z.string())]);
const scored = z.object({ label: z.string(), probability: z.number() });
const idInput = z.object({ id: z.number().int() }).strict();
/** A label the user types: one queue or priority, or a set of tags. */
const userLabel = z.union([
  z.string().trim().min(1).max(100),
  z.array(z.string().trim().min(1).max(100)).max(50),
]);

export const recordLabelSchema = z.object({
  task,
  status: z.enum(LABEL_STATUSES),
  source: z.enum(LABEL_SOURCES).nullable(),
  /** The label applied (auto or accepted); null when only suggested or unassigned. */
  value: labelValue.nullable(),
  probability: z.number().nullable(),
  /** Up to three suggestions, best first (every tag above the low threshold for tags). */
  top: z.array(scored),
  /** Why, in words: the rule that fired, the keywords that matched, the escalation's answer. */
  reason: z.string().nullable(),
  modelId: z.string().nullable(),
  modelVersion: z.number().int().nullable(),
});
export type RecordLabel = z.infer<typeof recordLabelSchema>;

export const recordSummarySchema = z.object({
  id: z.number().int(),
  kind,
  recordType: z.enum(RECORD_TYPES),
  /** Subject for tickets and notes, name (or company) for contacts and accounts. */
  title: z.string(),
  requester: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  created: z.string().nullable(),
  language: z.string().nullable(),
  duplicateOf: z.number().int().nullable(),
  labels: z.array(recordLabelSchema),
  /** True when any task waits for review (suggested or unassigned). */
  needsReview: z.boolean(),
  escalated: z.boolean(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

export const escalationSchema = z.object({
  task,
  endpoint: z.string(),
  status: z.enum(['answered', 'unusable', 'failed']),
  label: labelValue.nullable(),
  reply: z.string(),
  error: z.string().nullable(),
  at: z.string(),
});

export const recordDetailSchema = recordSummarySchema.extend({
  subject: z.string().nullable(),
  body: z.string().nullable(),
  name: z.string().nullable(),
  duplicateReason: z.string().nullable(),
  source: z.string(),
  /** The row as it was in the export. */
  raw: z.record(z.string(), z.string()),
  /** Words and phrases that pushed each task's best label (model predictions only). */
  why: z.array(
    z.object({
      task,
      label: z.string(),
      evidence: z.array(z.object({ text: z.string(), weight: z.number() })),
    }),
  ),
  escalations: z.array(escalationSchema),
  reviews: z.array(
    z.object({
      id: z.number().int(),
      task,
      before: labelValue.nullable(),
      after: labelValue.nullable(),
      actor: z.string(),
      at: z.string(),
      undone: z.boolean(),
    }),
  ),
});
export type RecordDetail = z.infer<typeof recordDetailSchema>;

const reviewResultSchema = z.object({
  record: recordDetailSchema,
  /** Pass to records.undo to take this review back. */
  reviewIds: z.array(z.number().int()),
});

export const importReportSchema = z.object({
  kind,
  source: z.string(),
  rows: z.number().int(),
  imported: z.number().int(),
  /** Rows already imported from this source (the same row twice adds nothing). */
  skipped: z.number().int(),
  /** Rows imported with something to say (an unreadable phone number), or not imported (no text). */
  problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** Labels taken from the history columns, per task. */
  labelled: z.partialRecord(task, z.number().int()),
  duplicates: z.number().int(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const predictReportSchema = z.object({
  kind,
  records: z.number().int(),
  auto: z.number().int(),
  suggested: z.number().int(),
  unassigned: z.number().int(),
  byRule: z.number().int(),
  escalated: z.number().int(),
  /** Per task: what predicted (the learned model with its version, keywords, rules only). */
  models: z.array(
    z.object({
      task,
      mode: z.enum(['model', 'keywords', 'zero-shot', 'rules-only']),
      modelId: z.string().nullable(),
      version: z.number().int().nullable(),
    }),
  ),
  /** Accuracy against the history labels, for records that have them (null when none). */
  historyAccuracy: z.number().nullable(),
  seconds: z.number(),
});
export type PredictReport = z.infer<typeof predictReportSchema>;

export const recordTrainingSchema = z.object({
  id: z.number().int(),
  task,
  modelId: z.string(),
  status: z.enum(['running', 'promoted', 'kept', 'failed']),
  trigger: z.enum(['manual', 'corrections', 'import']),
  examples: z.number().int(),
  heldOut: z.number().int(),
  version: z.number().int().nullable(),
  previousVersion: z.number().int().nullable(),
  /** Accuracy (micro-F1 for tags) of the new version on the held-out slice of reviewed examples. */
  score: z.number().nullable(),
  previousScore: z.number().nullable(),
  metrics: z
    .object({
      accuracy: z.number().optional(),
      macroF1: z.number().optional(),
      microF1: z.number().optional(),
      labels: z.array(z.string()),
      /** Rows: true label, columns: predicted (single-label tasks). */
      confusion: z.array(z.array(z.number())).optional(),
    })
    .nullable(),
  error: z.string().nullable(),
  seconds: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RecordTraining = z.infer<typeof recordTrainingSchema>;

export const taskStatusSchema = z.object({
  task,
  modelId: z.string(),
  /** What predicts now: the learned model, keywords and descriptions (tags' cold start), or nothing. */
  mode: z.enum(['model', 'keywords', 'zero-shot', 'rules-only']),
  activeVersion: z.number().int().nullable(),
  versions: z.array(z.object({ version: z.number().int(), created: z.string(), active: z.boolean() })),
  /** Reviewed examples (history and accepted or corrected records). */
  examples: z.number().int(),
  /** Corrections and accepts since the last training. */
  newExamples: z.number().int(),
  /** A retraining starts by itself when newExamples reaches this. */
  retrainAfter: z.number().int(),
  /** What the learned model needs before it takes over (tags: examples per tag). */
  coldStart: z.object({ needed: z.number().int(), have: z.number().int() }).nullable(),
  thresholds: z.object({ high: z.number(), low: z.number() }),
  labels: z.array(z.string()),
  lastTraining: recordTrainingSchema.nullable(),
  training: z.boolean(),
});
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const routingRuleSchema = z.object({
  id: z.number().int(),
  task: z.enum(['queue', 'priority']),
  match: z.enum(['keyword', 'regex', 'sender', 'domain']),
  pattern: z.string(),
  value: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
});

export const tagDefinitionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
});

export const escalationSettingsSchema = z.object({
  enabled: z.boolean(),
  url: z.string().nullable(),
  model: z.string().nullable(),
  /** IT's machine policy forbids escalation: it cannot be turned on. */
  forbiddenByPolicy: z.boolean(),
});

const listFilter = z
  .object({
    kind,
    status: z.enum([...LABEL_STATUSES, 'needs_review']).optional(),
    task: task.optional(),
    /** Only records whose label (or suggestion) for `task` — or any task — is this. */
    label: z.string().max(100).optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    maxConfidence: z.number().min(0).max(1).optional(),
    recordType: z.enum(RECORD_TYPES).optional(),
    query: z.string().trim().max(200).optional(),
    duplicates: z.boolean().optional(),
    limit: z.number().int().min(1).max(100_000).default(500),
    offset: z.number().int().min(0).default(0),
  })
  .strict();

const fileUpload = {
  fileName: z.string().min(1).max(260),
  /** The file's bytes, base64 (at most 64 MB through the window; larger exports: the CLI). */
  dataBase64: z.string().max(90_000_000),
};

export const recordProcedures = {
  'records.preview': query({
    description:
      'Read an export (CSV, XLSX, .eml, .mbox) and show its columns, its first rows, a suggested mapping and the mappings saved for earlier sources.',
    input: z.object({ kind, ...fileUpload }).strict(),
    output: z.object({
      columns: z.array(z.string()),
      rows: z.array(z.record(z.string(), z.string())),
      total: z.number().int(),
      suggested: z.record(z.string(), z.string()),
      /** Emails need no mapping: this one is used. */
      fixedMapping: recordMappingSchema.nullable(),
      saved: z.array(z.object({ source: z.string(), mapping: recordMappingSchema })),
    }),
    errors: ['BAD_INPUT'],
  }),
  'records.import': mutation({
    description:
      'Import an export with a column mapping (saved under its source name). History columns become labels; CRM contacts are normalised and checked for duplicates; tickets are routed and CRM records tagged.',
    input: z.object({ ...fileUpload, mapping: recordMappingSchema }).strict(),
    output: importReportSchema.extend({ predicted: predictReportSchema.nullable() }),
    errors: ['BAD_INPUT'],
  }),
  'records.importFile': mutation({
    description:
      'The docket command’s import: read an export file from disk (up to 512 MB), import it with the mapping, train first versions where the history allows, and predict.',
    input: z.object({ path: z.string().min(1), mapping: recordMappingSchema }).strict(),
    output: importReportSchema.extend({ predicted: predictReportSchema.nullable() }),
    errors: ['BAD_INPUT', 'IO_ERROR'],
    localOnly: true,
  }),
  'records.sources': query({
    description: 'Saved column mappings, per source.',
    input: z.object({ kind: kind.optional() }).strict().default({}),
    output: z.array(z.object({ source: z.string(), mapping: recordMappingSchema, updatedAt: z.string() })),
    errors: [],
  }),
  'records.list': query({
    description:
      'Tickets or CRM records, newest first, with each task’s label; filters by status, label and confidence.',
    input: listFilter,
    output: z.object({
      items: z.array(recordSummarySchema),
      total: z.number().int(),
      /** Labels in use per task, for the filter menus (with the first page only: offset 0). */
      labels: z.partialRecord(task, z.array(z.string())),
    }),
    errors: [],
  }),
  'records.get': query({
    description:
      'One record: its text, labels with suggestions, why, escalations, duplicates and review history.',
    input: idInput,
    output: recordDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  'records.accept': mutation({
    description:
      'Accept what Docket applied or suggested (the best suggestion; for tags every suggested tag) for one task or every task of the record. Each becomes a labelled example.',
    input: z.object({ id: z.number().int(), task: task.optional() }).strict(),
    output: reviewResultSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'records.setLabel': mutation({
    description: 'Correct a task’s label (a queue or priority, or the full set of tags). A labelled example.',
    input: z.object({ id: z.number().int(), task, value: userLabel }).strict(),
    output: reviewResultSchema,
    errors: ['NOT_FOUND', 'BAD_INPUT'],
  }),
  'records.acceptConfident': mutation({
    description:
      'Bulk accept: every record of a kind whose waiting labels are at or above the given probability (default: the high threshold).',
    input: z
      .object({
        kind,
        minProbability: z.number().min(0).max(1).optional(),
        ids: z.array(z.number().int()).max(100_000).optional(),
      })
      .strict(),
    output: z.object({ accepted: z.number().int(), reviewIds: z.array(z.number().int()) }),
    errors: [],
  }),
  'records.undo': mutation({
    description:
      'Take reviews back (newest first): each label returns to what it was, and its example is withdrawn.',
    input: z.object({ reviewIds: z.array(z.number().int()).min(1).max(100_000) }).strict(),
    output: z.object({ undone: z.number().int(), recordIds: z.array(z.number().int()) }),
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'records.predict': mutation({
    description:
      'Route tickets or tag CRM records that are not reviewed yet (rules first, then the model). With trainMissing, a task without a model whose history allows one trains it first and waits.',
    input: z.object({ kind, trainMissing: z.boolean().default(false) }).strict(),
    output: predictReportSchema,
    errors: ['CONFLICT'],
  }),
  'records.status': query({
    description:
      'Per task: what predicts, examples, new corrections, thresholds, versions and the last training with its held-out metrics.',
    input: z.object({ kind }).strict(),
    output: z.array(taskStatusSchema),
    errors: [],
  }),
  'records.retrain': mutation({
    description:
      'Train a new version from the reviewed examples now (in the background). It is promoted only if it is not worse on the held-out slice.',
    input: z.object({ task }).strict(),
    output: recordTrainingSchema,
    errors: ['BAD_INPUT', 'CONFLICT'],
  }),
  'records.trainings': query({
    description: 'Retrainings of a task, newest first.',
    input: z.object({ task, limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.array(recordTrainingSchema),
    errors: [],
  }),
  'records.rollback': mutation({
    description: 'Go back to the version used before (one click); predictions already made are kept.',
    input: z.object({ task }).strict(),
    output: taskStatusSchema,
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  'records.setThresholds': mutation({
    description: 'Set a task’s thresholds: auto-apply at or above high, suggest at or above low.',
    input: z
      .object({ task, high: z.number().min(0).max(1), low: z.number().min(0).max(1) })
      .strict()
      .refine((t) => t.low <= t.high, { message: 'the low threshold must not be above the high one' }),
    output: taskStatusSchema,
    errors: ['BAD_INPUT'],
  }),
  'records.setRetrainAfter': mutation({
    description: 'How many new corrections start a retraining by themselves (0: only on demand).',
    input: z.object({ task, corrections: z.number().int().min(0).max(100_000) }).strict(),
    output: taskStatusSchema,
    errors: [],
  }),
  'records.export': query({
    description:
      'Records with their labels as CSV for re-import into the CRM or help desk: the source columns, then Docket’s (cells safe against formula injection).',
    input: z.object({ kind, ids: z.array(z.number().int()).max(100_000).optional() }).strict(),
    output: z.object({
      fileName: z.string(),
      mediaType: z.string(),
      dataBase64: z.string(),
      rows: z.number().int(),
    }),
    errors: ['NOT_FOUND'],
  }),
  'rules.list': query({
    description:
      'Routing rules, in the order they are tried. A rule that matches always wins over the model.',
    input: z.object({}).strict().default({}),
    output: z.array(routingRuleSchema),
    errors: [],
  }),
  'rules.save': mutation({
    description: 'Add a rule (no id) or change one; it is checked (a regex must compile and be safe).',
    input: z
      .object({
        id: z.number().int().optional(),
        task: z.enum(['queue', 'priority']),
        match: z.enum(['keyword', 'regex', 'sender', 'domain']),
        pattern: z.string().trim().min(1).max(300),
        value: z.string().trim().min(1).max(100),
        position: z.number().int().optional(),
        enabled: z.boolean().default(true),
      })
      .strict(),
    output: routingRuleSchema,
    errors: ['NOT_FOUND', 'BAD_INPUT'],
  }),
  'rules.delete': mutation({
    description: 'Remove a rule.',
    input: idInput,
    output: z.object({ deleted: z.number().int() }),
    errors: ['NOT_FOUND'],
  }),
  'tags.list': query({
    description: 'The CRM tag taxonomy.',
    input: z.object({}).strict().default({}),
    output: z.array(tagDefinitionSchema),
    errors: [],
  }),
  'tags.save': mutation({
    description: 'Define a tag (no id) or change one: name, description and example keywords.',
    input: z
      .object({
        id: z.number().int().optional(),
        name: z.string().trim().min(1).max(60),
        description: z.string().trim().max(500).default(''),
        keywords: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
      })
      .strict(),
    output: tagDefinitionSchema,
    errors: ['NOT_FOUND', 'BAD_INPUT', 'CONFLICT'],
  }),
  'tags.delete': mutation({
    description: 'Remove a tag from the taxonomy (labels already given stay on the records).',
    input: idInput,
    output: z.object({ deleted: z.number().int() }),
    errors: ['NOT_FOUND'],
  }),
  'escalation.get': query({
    description: 'Whether unsure items may be sent to an OpenAI-compatible endpoint (off by default).',
    input: z.object({}).strict().default({}),
    output: escalationSettingsSchema,
    errors: [],
  }),
  'escalation.set': mutation({
    description:
      'Admin only (the docket command): turn escalation on or off and name the endpoint. Refused when policy forbids it.',
    input: z
      .object({
        enabled: z.boolean(),
        url: z.string().url().max(500).optional(),
        model: z.string().trim().min(1).max(200).optional(),
        apiKey: z.string().max(500).optional(),
      })
      .strict(),
    output: escalationSettingsSchema,
    errors: ['BAD_INPUT', 'FORBIDDEN'],
    localOnly: true,
  }),
} as const;
