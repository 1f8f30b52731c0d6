// Records back out to CSV for re-import into the CRM or help desk: the source's own columns first, as they
// were in the export (so the CRM matches them up again), then Docket's: the labels, the normalised email
// and phone, the likely duplicate. Every text cell is safe against formula injection.
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell } from '../core/spreadsheet-cells.ts';
import type { StoredLabel, StoredRecord } from '../store/records.ts';
import { labelsOfValue } from './learning.ts';
import type { RecordKind, RecordTask } from './types.ts';

const DOCKET_COLUMNS: Record<RecordKind, string[]> = {
  tickets: ['Docket queue', 'Docket priority', 'Docket status', 'Docket language'],
  crm: ['Docket tags', 'Docket status', 'Docket email', 'Docket phone', 'Docket likely duplicate of'],
};

/**
 * A task's label as exported: what is applied (auto or accepted; tags applied by the model even while
 * others wait as suggestions). Suggestions are not decisions.
 */
function decided(labels: StoredLabel[], task: RecordTask): string {
  const l = labels.find((x) => x.task === task);
  return l ? labelsOfValue(l.value).join('; ') : '';
}

function statusOf(labels: StoredLabel[]): string {
  if (labels.some((l) => l.status === 'unassigned' || l.status === 'suggested')) return 'needs review';
  if (labels.length && labels.every((l) => l.status === 'accepted')) return 'reviewed';
  return labels.length ? 'auto' : 'not predicted';
}

export function exportRecordsCsv(
  kind: RecordKind,
  records: StoredRecord[],
  labels: Map<number, StoredLabel[]>,
): string {
  // The union of the sources' columns, in first-seen order (several exports may have been imported).
  const sourceColumns: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const c of Object.keys(r.raw)) {
      if (!seen.has(c)) {
        seen.add(c);
        sourceColumns.push(c);
      }
    }
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  const rows = records.map((r) => {
    const l = labels.get(r.id) ?? [];
    const own =
      kind === 'tickets'
        ? [decided(l, 'queue'), decided(l, 'priority'), statusOf(l), r.language ?? '']
        : [
            decided(l, 'tags'),
            statusOf(l),
            r.email ?? '',
            r.phone ?? '',
            r.duplicateOf === null ? '' : (byId.get(r.duplicateOf)?.externalId ?? `#${r.duplicateOf}`),
          ];
    return [...sourceColumns.map((c) => r.raw[c] ?? ''), ...own].map((cell) => neutraliseCell(cell));
  });
  // Unix line ends: csv-stringify set to Windows ones leaves a cell holding a bare LF unquoted.
  return stringify([[...sourceColumns, ...DOCKET_COLUMNS[kind]].map(neutraliseCell), ...rows], { bom: true });
}
