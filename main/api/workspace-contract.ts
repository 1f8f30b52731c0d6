// The workspaces part of the API contract: the user's own workspace and the sample workspace that shows a
// new user every feature on fictional data. Spread into `contract` (contract.ts); served by the workspaces'
// door (main/core/workspaces.ts) in front of the cores, not by a core's own router.
import { z } from 'zod';
import { mutation, query } from './procedures.ts';

const int = z.number().int();

/** What the sample data gave: `docket demo --json` prints it, the window shows it. */
export const sampleReportSchema = z.object({
  /** The sample workspace's database. */
  database: z.string(),
  seconds: z.number(),
  documents: z.object({
    files: int,
    read: int,
    failed: int,
    pages: int,
    failedFiles: z.array(
      z.object({ path: z.string(), reason: z.string().nullable(), message: z.string().nullable() }),
    ),
  }),
  invoices: z.object({
    found: int,
    byType: z.record(z.string(), int),
    /** Net of the totals found, per currency (null: none found): credit notes subtract. */
    totals: z.array(z.object({ currency: z.string().nullable(), amount: z.number(), documents: int })),
    /** Totals compared with what the sample generator wrote (samples/truth/invoices.json). */
    totalsRight: int,
    totalsChecked: int,
    items: z.array(
      z.object({
        id: int,
        title: z.string(),
        documentType: z.string(),
        vendor: z.string().nullable(),
        invoiceId: z.string().nullable(),
        invoiceDate: z.string().nullable(),
        /** As found; a credit note's is negative. */
        total: z.number().nullable(),
        currency: z.string().nullable(),
        expectedTotal: z.number().nullable(),
      }),
    ),
  }),
  contracts: z.array(
    z.object({ title: z.string(), type: z.string().nullable(), probability: z.number().nullable() }),
  ),
  tickets: z.object({
    records: int,
    /** Tickets whose queue came with the export (the team's history). */
    fromHistory: int,
    /** New tickets routed now: applied, suggested or left for review. */
    routed: int,
    auto: int,
    suggested: int,
    unassigned: int,
    /** Held-out accuracy of each learned model against the history it was not trained on. */
    accuracy: z.object({ queue: z.number().nullable(), priority: z.number().nullable() }),
    models: z.array(
      z.object({
        task: z.string(),
        mode: z.string(),
        modelId: z.string().nullable(),
        version: int.nullable(),
      }),
    ),
  }),
  crm: z.object({
    records: int,
    /** Records without tags in the export that Docket tagged (applied) or suggested tags for. */
    tagged: int,
    suggested: int,
    /** Held-out micro-F1 of the tag model against the tags people had entered. */
    accuracy: z.number().nullable(),
    tags: z.array(z.object({ tag: z.string(), records: int })),
    duplicates: int,
  }),
});
export type SampleReport = z.infer<typeof sampleReportSchema>;

export const WORKSPACES = ['main', 'sample'] as const;
export type WorkspaceName = (typeof WORKSPACES)[number];

export const sampleProgressSchema = z.object({
  step: z.enum(['models', 'documents', 'tickets', 'crm', 'report']),
  message: z.string(),
  done: int,
  total: int,
});
export type SampleProgress = z.infer<typeof sampleProgressSchema>;

export const workspaceStateSchema = z.object({
  /** The workspace every other procedure works on. */
  active: z.enum(WORKSPACES),
  /**
   * The report of the workspace in use when it holds sample data — the sample workspace, or a database
   * `docket demo` made and `docket serve` opened — so the window can say the data is fictional.
   */
  activeReport: sampleReportSchema.nullable(),
  sample: z.object({
    /** False when this installation has no sample data (nothing to offer). */
    available: z.boolean(),
    /** Its database exists (possibly half loaded, when loading was interrupted). */
    exists: z.boolean(),
    /** Docket can tell it is its own sample workspace, so `workspace.deleteSample` will delete it. */
    deletable: z.boolean(),
    loading: sampleProgressSchema.nullable(),
    /** Why the last loading failed, in words. */
    error: z.string().nullable(),
    report: sampleReportSchema.nullable(),
  }),
});
export type WorkspaceState = z.infer<typeof workspaceStateSchema>;

const none = z.object({}).strict().default({});

export const workspaceProcedures = {
  'workspace.get': query({
    description:
      'Which workspace is in use, and the sample workspace: whether it exists, its loading, its report.',
    input: none,
    output: workspaceStateSchema,
    errors: [],
  }),
  'workspace.trySample': mutation({
    description:
      'Try with sample data: creates the sample workspace (its own database) and loads samples/ into it in the ' +
      'background — documents read, invoices found, tickets routed, contacts tagged — then uses it. Uses it ' +
      'at once when it is already loaded.',
    input: none,
    output: workspaceStateSchema,
    errors: ['NOT_FOUND'],
  }),
  'workspace.useMain': mutation({
    description: 'Back to your own workspace; the sample workspace is kept.',
    input: none,
    output: workspaceStateSchema,
    errors: [],
  }),
  'workspace.deleteSample': mutation({
    description:
      'Deletes the sample workspace (its database, key, originals and models) and returns to yours.',
    input: none,
    output: workspaceStateSchema,
    errors: ['CONFLICT', 'IO_ERROR'],
  }),
};

export type WorkspaceCallName = keyof typeof workspaceProcedures;
