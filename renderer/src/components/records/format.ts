// Names and wording shared by the Tickets and CRM views: the record types from the contract, the tasks
// of each kind, and how labels, statuses, confidences and dates read in the window.
import type { Input, Output } from '../../../../main/api/contract.ts';

export type RecordKind = 'tickets' | 'crm';
export type RecordTask = 'queue' | 'priority' | 'tags';
export type RecordList = Output<'records.list'>;
export type RecordSummary = RecordList['items'][number];
export type RecordLabel = RecordSummary['labels'][number];
export type RecordDetail = Output<'records.get'>;
export type LabelStatus = RecordLabel['status'];
export type TaskStatus = Output<'records.status'>[number];
export type RecordTraining = Output<'records.trainings'>[number];
export type Preview = Output<'records.preview'>;
export type ImportReport = Output<'records.import'>;
export type PredictReport = Output<'records.predict'>;
export type RecordMapping = Input<'records.import'>['mapping'];
export type RoutingRule = Output<'rules.list'>[number];
export type TagDefinition = Output<'tags.list'>[number];
export type EscalationSettings = Output<'escalation.get'>;
export type LabelValue = string | string[];

/** The tasks of each kind, the first being the one the review keys (1–3, e) act on. */
export const TASKS: Record<RecordKind, readonly RecordTask[]> = {
  tickets: ['queue', 'priority'],
  crm: ['tags'],
};
export const primaryTask = (kind: RecordKind): RecordTask => TASKS[kind][0]!;

export const TASK_NAMES: Record<RecordTask, string> = { queue: 'Queue', priority: 'Priority', tags: 'Tags' };

export const STATUS_NAMES: Record<LabelStatus, string> = {
  auto: 'auto',
  suggested: 'suggested',
  unassigned: 'unassigned',
  accepted: 'accepted',
};

export const STATUS_HINTS: Record<LabelStatus, string> = {
  auto: 'Applied without review: a rule fired or the confidence reached the high threshold',
  suggested: 'A suggestion waiting for you to accept or correct',
  unassigned: 'Docket is not sure enough to suggest anything: left for you to decide',
  accepted: 'Reviewed by a person, or taken from your own history',
};

/** The status filter's choices: "needs review" is suggested or unassigned. */
export const STATUS_FILTERS = [
  { value: 'needs_review', label: 'Needs review' },
  { value: 'suggested', label: 'Suggested' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'auto', label: 'Auto' },
  { value: 'accepted', label: 'Accepted' },
] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number]['value'];

export const MODE_NAMES: Record<TaskStatus['mode'], string> = {
  model: 'learned model',
  keywords: 'keywords and descriptions',
  'zero-shot': 'zero-shot model',
  'rules-only': 'rules only',
};

export const NOUNS: Record<RecordKind, { one: string; many: string }> = {
  tickets: { one: 'ticket', many: 'tickets' },
  crm: { one: 'record', many: 'records' },
};

export function count(n: number, kind: RecordKind): string {
  return `${n.toLocaleString()} ${n === 1 ? NOUNS[kind].one : NOUNS[kind].many}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${Math.round(value * 100)}%`;
}

export function valueText(value: LabelValue | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Array.isArray(value) ? (value.length ? value.join(', ') : 'no tags') : value;
}

export function valueList(value: LabelValue | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function labelOf(
  record: { labels: readonly RecordLabel[] },
  task: RecordTask,
): RecordLabel | undefined {
  return record.labels.find((l) => l.task === task);
}

/** What a label cell shows: the label applied, else the best suggestion. */
export function shownValue(label: RecordLabel): { text: string; suggestion: boolean } {
  if (label.value !== null && valueList(label.value).length > 0)
    return { text: valueText(label.value), suggestion: false };
  const best = label.top[0];
  if (best && label.status === 'suggested')
    return {
      text: label.task === 'tags' ? label.top.map((t) => t.label).join(', ') : best.label,
      suggestion: true,
    };
  return { text: '—', suggestion: false };
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

const shortDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'short' });

/** For narrow columns: "3/10/24" (the full date goes in the title). */
export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : shortDate.format(d);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();

/** "en" → "English" (the code stays visible in the cell's title). */
export function languageName(code: string | null): string {
  if (!code) return '—';
  try {
    return languageNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Files the import dialog accepts, and which of them are emails (their mapping is fixed). */
export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.xlsx,.eml,.mbox';
export const isEmailFile = (name: string): boolean => /\.(eml|mbox)$/i.test(name);
