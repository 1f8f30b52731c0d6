// The one API contract. Every procedure is declared here once: its name, zod input and output, and the
// errors it may return. The router validates against these; the renderer's client is typed from them
// (the renderer imports this file's types only).
import { z } from 'zod';

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

type Schema = z.ZodType;

export interface QueryOrMutation<I extends Schema, O extends Schema> {
  kind: 'query' | 'mutation';
  description: string;
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  /** Only the in-process transport (the CLI) may call it: it touches paths on disk chosen by the caller. */
  localOnly?: boolean;
}

export interface Subscription<I extends Schema, E extends Schema> {
  kind: 'subscription';
  description: string;
  input: I;
  event: E;
  errors: readonly ErrorCode[];
}

function query<I extends Schema, O extends Schema>(
  p: Omit<QueryOrMutation<I, O>, 'kind'>,
): QueryOrMutation<I, O> {
  return { kind: 'query', ...p };
}
function mutation<I extends Schema, O extends Schema>(
  p: Omit<QueryOrMutation<I, O>, 'kind'>,
): QueryOrMutation<I, O> {
  return { kind: 'mutation', ...p };
}
function subscription<I extends Schema, E extends Schema>(
  p: Omit<Subscription<I, E>, 'kind'>,
): Subscription<I, E> {
  return { kind: 'subscription', ...p };
}

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
] as const;
export const settingValueSchemas = {
  'ui.density': z.enum(['comfortable', 'compact']),
  'ui.colorScheme': z.enum(['light', 'dark', 'auto']),
  'records.defaultPhoneRegion': z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as GB or DE'),
  'ingest.workers': z.number().int().min(1).max(64),
} satisfies Record<(typeof settingKeys)[number], Schema>;
export type SettingKey = (typeof settingKeys)[number];

export const settingSchema = z.object({ key: z.enum(settingKeys), value: jsonValue, updatedAt: z.string() });

export const documentSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.string().nullable(),
  status: z.string(),
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
    description: 'Documents, newest first; `query` searches their text (full-text).',
    input: z
      .object({ query: z.string().trim().max(500).optional(), ...paging })
      .strict()
      .default({ limit: 100, offset: 0 }),
    output: z.object({ items: z.array(documentSummarySchema), total: z.number().int() }),
    errors: [],
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
  'jobs.progress': subscription({
    description: 'Progress of long-running work (imports, training).',
    input: z.object({}).strict().default({}),
    event: progressEventSchema,
    errors: [],
  }),
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
