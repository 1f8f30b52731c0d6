// Tickets and CRM records: what an import produces, what each task predicts, and the outcomes a
// prediction can have. Shared by the store, the services, the API contract and the window.
import { z } from 'zod';

export const RECORD_KINDS = ['tickets', 'crm'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const RECORD_TYPES = ['ticket', 'contact', 'account', 'note'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** What Docket predicts: a ticket's queue (or category) and priority; a CRM record's tags (multi-label). */
export const RECORD_TASKS = ['queue', 'priority', 'tags'] as const;
export type RecordTask = (typeof RECORD_TASKS)[number];
export const TASKS_OF_KIND: Record<RecordKind, readonly RecordTask[]> = {
  tickets: ['queue', 'priority'],
  crm: ['tags'],
};
/** The registry's model id for each task's learned model. */
export const MODEL_OF_TASK: Record<RecordTask, string> = {
  queue: 'tickets-queue',
  priority: 'tickets-priority',
  tags: 'crm-tags',
};

/**
 * Where a task's value stands on one record:
 * - `auto`: applied without review (a rule fired, or the probability reached the high threshold);
 * - `suggested`: at or above the low threshold, waiting for a person to accept or correct;
 * - `unassigned`: below the low threshold (or nothing to predict with): left for review;
 * - `accepted`: reviewed by a person, or imported from the team's own history. A labelled example.
 */
export const LABEL_STATUSES = ['auto', 'suggested', 'unassigned', 'accepted'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

export const LABEL_SOURCES = [
  'history',
  'rule',
  'model',
  'keywords',
  'zero-shot',
  'escalation',
  'user',
] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

/** A single label (queue, priority) or a set of tags. */
export type LabelValue = string | string[];

/**
 * A column mapping, saved per source: which column of the export holds what. Columns named for `queue`
 * (or `category`), `priority` and `tags` hold the team's history and become training labels.
 */
export const ticketColumnsSchema = z
  .object({
    id: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    body: z.string().min(1).optional(),
    requester: z.string().min(1).optional(),
    created: z.string().min(1).optional(),
    queue: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
    priority: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.subject !== undefined || c.body !== undefined, {
    message: 'map at least one of "subject" and "body" to a column',
  })
  .refine((c) => !(c.queue && c.category), {
    message: 'map "queue" or "category", not both (they are the same task)',
  });

export const crmColumnsSchema = z
  .object({
    id: z.string().min(1).optional(),
    /** A column saying contact / account / note per row (otherwise `recordType` below). */
    type: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    firstName: z.string().min(1).optional(),
    lastName: z.string().min(1).optional(),
    email: z.string().min(1).optional(),
    phone: z.string().min(1).optional(),
    company: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    /** The row's country (a code or an English name): national phone numbers are read in it. */
    country: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    notes: z.string().min(1).optional(),
    created: z.string().min(1).optional(),
    tags: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).some((k) => !['id', 'type', 'tags', 'country'].includes(k)), {
    message: 'map at least one column holding text (name, company, notes, …)',
  });

export const recordMappingSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('tickets'),
      /** The mapping is saved under this name and offered again for the next export from the source. */
      source: z.string().trim().min(1).max(100),
      columns: ticketColumnsSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('crm'),
      source: z.string().trim().min(1).max(100),
      /** The type of every row when no `type` column is mapped. */
      recordType: z.enum(['contact', 'account', 'note']).default('contact'),
      /** Separator between tags in the tags column. */
      tagSeparator: z.string().min(1).max(3).default(';'),
      columns: crmColumnsSchema,
    })
    .strict(),
]);
export type RecordMapping = z.infer<typeof recordMappingSchema>;
export type RecordMappingInput = z.input<typeof recordMappingSchema>;

/** One source row as read from the file: column name → cell text, in the file's column order. */
export interface SourceRow {
  /** 1-based line or message number, for errors. */
  line: number;
  cells: Record<string, string>;
}

/** The rows of an export file, with its columns in order. */
export interface SourceTable {
  columns: string[];
  rows: SourceRow[];
}

/** A record ready to store: what the mapping took from one source row, normalised. */
export interface RecordDraft {
  kind: RecordKind;
  recordType: RecordType;
  externalId: string | null;
  subject: string | null;
  body: string | null;
  requester: string | null;
  /** ISO 8601 when the cell could be read as a date, else the cell as written. */
  created: string | null;
  name: string | null;
  /** Lower-cased, trimmed; null when the cell is not an email address. */
  email: string | null;
  /** E.164 (+4930123456) with the user's default region; null when not a phone number. */
  phone: string | null;
  company: string | null;
  /** The company name reduced for matching: case, accents, punctuation and legal forms removed. */
  companyKey: string | null;
  /** Labels from the team's history (the mapped queue/category, priority and tags columns). */
  history: Partial<Record<RecordTask, LabelValue>>;
  /** The source row as it was, so the export can give the CRM back its own columns. */
  raw: Record<string, string>;
}

/** The source name of tickets imported from email (.eml, .mbox) without a mapping of their own. */
export const EMAIL_SOURCE = 'Email';
