// Small formatting and guessing helpers shared by the Models view's parts.
import type { Output } from '../../../../main/api/contract.ts';

export type ModelSummary = Output<'models.list'>[number];
export type ModelDetail = Output<'models.get'>;
export type Training = Output<'models.trainings'>[number];
export type DataPreview = Output<'models.uploadData'>;

/** The same rule as the API's: lower-case letters, digits, ".", "_" or "-", starting with a letter or digit. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,79}$/;

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value)
    ? '—'
    : `${(value * 100).toFixed(digits)}%`;
}

/** A change in percentage points, signed: "+2.5 pts". */
export function pointsDelta(delta: number | null): string {
  if (delta === null || Number.isNaN(delta)) return '—';
  const pts = delta * 100;
  if (Math.abs(pts) < 0.05) return '±0.0 pts';
  return `${pts > 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The F1 that fits the model: macro-averaged for single-label models, micro-averaged for multi-label ones. */
export function mainF1(m: Pick<ModelSummary, 'multiLabel' | 'metrics'>): number | null {
  return m.multiLabel ? (m.metrics.microF1 ?? m.metrics.macroF1) : (m.metrics.macroF1 ?? m.metrics.microF1);
}

export function f1Name(multiLabel: boolean): string {
  return multiLabel ? 'Micro-F1' : 'Macro-F1';
}

export function taskName(task: string): string {
  return task.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Versions grouped per model id, models in name order, newest version first in each. */
export function groupByModel(list: readonly ModelSummary[]): { modelId: string; versions: ModelSummary[] }[] {
  const groups = new Map<string, ModelSummary[]>();
  for (const m of list) groups.set(m.modelId, [...(groups.get(m.modelId) ?? []), m]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([modelId, versions]) => ({ modelId, versions: versions.sort((a, b) => b.version - a.version) }));
}

const TEXT_NAMES = [
  'text',
  'body',
  'content',
  'message',
  'description',
  'utterance',
  'sentence',
  'question',
  'subject',
  'title',
];
const LABEL_NAMES = [
  'label',
  'labels',
  'category',
  'categories',
  'intent',
  'class',
  'tag',
  'tags',
  'queue',
  'topic',
  'target',
  'type',
];

function meanLength(preview: DataPreview['preview'], column: string): number {
  if (preview.length === 0) return 0;
  return preview.reduce((sum, row) => sum + (row[column]?.length ?? 0), 0) / preview.length;
}

/** A good first guess for the text and label columns: by name, else by the length of their values. */
export function guessColumns(data: DataPreview): { text: string | null; label: string | null } {
  const byName = (names: string[], except?: string | null): string | null => {
    for (const name of names) {
      const hit = data.columns.find((c) => c.trim().toLowerCase() === name && c !== except);
      if (hit) return hit;
    }
    return null;
  };
  const byLength = data.columns
    .map((c) => ({ c, length: meanLength(data.preview, c) }))
    .sort((a, b) => b.length - a.length);
  const text = byName(TEXT_NAMES) ?? byLength[0]?.c ?? null;
  const label = byName(LABEL_NAMES, text) ?? byLength.filter((x) => x.c !== text).at(-1)?.c ?? null;
  return { text, label };
}

/** A model name suggested from a file name: "Support Tickets 2024.csv" → "support-tickets-2024". */
export function suggestModelId(fileName: string): string {
  const slug = fileName
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 80);
  return slug || 'my-model';
}

export function modelIdProblem(id: string): string | null {
  if (!id) return 'Give the model a name.';
  if (id.length > 80) return 'At most 80 characters.';
  if (!MODEL_ID_PATTERN.test(id))
    return 'Use lower-case letters, digits, “.”, “_” or “-”, starting with a letter or digit.';
  return null;
}
