// Reviewing tickets or CRM records: filters and search, the virtualized list beside the chosen record, the
// review keys (j/k move, Enter accepts, 1–3 pick a suggestion, e edits, u undoes), bulk accept of the
// confident ones, and the CSV export of all or the ticked records.
import { useCallback, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Area } from '../../areas.ts';
import {
  NOTHING_SELECTED,
  resolveSelection,
  selectedCount,
  toggle,
  type Selection,
} from '../invoices/selection.ts';
import { BulkAcceptDialog } from './BulkAcceptDialog.tsx';
import { ExportCsvButton } from './ExportCsvButton.tsx';
import { RecordDetailPanel } from './RecordDetailPanel.tsx';
import { RecordsTable, rowName } from './RecordsTable.tsx';
import {
  STATUS_FILTERS,
  TASKS,
  TASK_NAMES,
  count,
  labelOf,
  primaryTask,
  valueList,
  type LabelValue,
  type RecordKind,
  type RecordSummary,
  type RecordTask,
  type StatusFilter,
  type TaskStatus,
} from './format.ts';
import {
  BLOCK_SIZE,
  allRecordIds,
  useRecordRows,
  useReviewActions,
  type RecordFilters,
  type RecordRows,
} from './hooks.ts';
import { useReviewKeys, type ReviewHandlers } from './useReviewKeys.ts';

interface UndoEntry {
  reviewIds: number[];
  recordId: number | null;
  what: string;
}

interface Notice {
  ok: boolean;
  text: string;
}

/** Where a record id sits among the rows fetched so far. */
function indexOf(rows: RecordRows, id: number): number | null {
  for (const [block, items] of rows.loaded) {
    const i = items.findIndex((r) => r.id === id);
    if (i >= 0) return block * BLOCK_SIZE + i;
  }
  return null;
}

function KeysHint({ kind }: { kind: RecordKind }) {
  const k = (key: string) => <kbd>{key}</kbd>;
  return (
    <Text size="xs" c="dimmed" className="keys-hint" data-testid="keys-hint">
      {k('j')} {k('k')} move · {k('Enter')} accept and go to the next needing review · {k('1')}–{k('3')}{' '}
      {kind === 'tickets' ? 'pick a queue suggestion' : 'add or remove a suggested tag'} · {k('e')} edit the{' '}
      {kind === 'tickets' ? 'queue' : 'tags'} · {k('u')} undo · {k('Space')} tick
    </Text>
  );
}

export function ReviewPanel({
  kind,
  area,
  active: shown,
  statuses,
  onImport,
}: {
  kind: RecordKind;
  area: Area;
  /** The review keys listen only while this panel is the one shown. */
  active: boolean;
  statuses: readonly TaskStatus[] | undefined;
  onImport: () => void;
}) {
  const tasks = TASKS[kind];
  const primary = primaryTask(kind);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<StatusFilter | null>(null);
  const [label, setLabel] = useState<string | null>(null);
  const [minPct, setMinPct] = useState<number | string>('');
  const [maxPct, setMaxPct] = useState<number | string>('');
  const filters = useMemo<RecordFilters>(
    () => ({
      kind,
      ...(status ? { status } : {}),
      ...(label ? { label } : {}),
      ...(typeof minPct === 'number' ? { minConfidence: Math.max(0, Math.min(100, minPct)) / 100 } : {}),
      ...(typeof maxPct === 'number' ? { maxConfidence: Math.max(0, Math.min(100, maxPct)) / 100 } : {}),
      ...(query ? { query } : {}),
    }),
    [kind, status, label, minPct, maxPct, query],
  );
  const filterKey = JSON.stringify(filters);
  const filtered = Object.keys(filters).length > 1;

  // Ticks belong to the filters they were made under: a new search starts with nothing ticked.
  const [ticked, setTicked] = useState<{ key: string; selection: Selection }>({
    key: filterKey,
    selection: NOTHING_SELECTED,
  });
  const selection = ticked.key === filterKey ? ticked.selection : NOTHING_SELECTED;
  const [range, setRange] = useState({ start: 0, end: 0 });
  const rows = useRecordRows(filters, range.start, range.end);
  const total = rows.total ?? 0;
  const onRangeChange = useCallback(
    (start: number, end: number) =>
      setRange((r) => (r.start === start && r.end === end ? r : { start, end })),
    [],
  );

  // The active record is followed by id, so it stays chosen when the list around it changes.
  const [cursor, setCursor] = useState<{ key: string; index: number; id: number | null }>({
    key: filterKey,
    index: 0,
    id: null,
  });
  const [follow, setFollow] = useState(0);
  const here = cursor.key === filterKey ? cursor : { key: filterKey, index: 0, id: null };
  let active = Math.max(0, Math.min(Math.max(0, total - 1), here.index));
  if (here.id !== null && rows.rowAt(here.index)?.id !== here.id) active = indexOf(rows, here.id) ?? active;
  const record: RecordSummary | undefined = rows.rowAt(active);

  const [editing, setEditing] = useState<RecordTask | null>(null);
  const [undoStack, setUndoStack] = useState<UndoEntry[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const actions = useReviewActions(kind);
  const busy =
    actions.accept.isPending ||
    actions.setLabel.isPending ||
    actions.undo.isPending ||
    actions.acceptConfident.isPending;

  const moveTo = useCallback(
    (index: number, focus: boolean) => {
      const next = Math.max(0, Math.min(total - 1, index));
      setCursor({ key: filterKey, index: next, id: rows.rowAt(next)?.id ?? null });
      setEditing(null);
      if (focus) setFollow((f) => f + 1);
    },
    [filterKey, rows, total],
  );

  /** The next record needing review after `index` among the rows fetched (not the one just reviewed). */
  const nextNeedingReview = (index: number, skip: number): { index: number; id: number } | null => {
    for (let i = index + 1; i < total; i++) {
      const r = rows.rowAt(i);
      if (!r) return null;
      if (r.needsReview && r.id !== skip) return { index: i, id: r.id };
    }
    return null;
  };

  const remember = (entry: UndoEntry) => {
    if (entry.reviewIds.length > 0) setUndoStack((s) => [...s, entry].slice(-200));
  };
  const fail = (e: unknown) => setNotice({ ok: false, text: (e as Error).message });

  const accept = async (task?: RecordTask) => {
    if (!record || busy) return;
    try {
      const r = await actions.accept.mutateAsync({ id: record.id, ...(task ? { task } : {}) });
      const what = `Accepted ${task ? `the ${TASK_NAMES[task].toLowerCase()} of ` : ''}“${rowName(record)}”`;
      remember({ reviewIds: r.reviewIds, recordId: record.id, what });
      // Nothing suggested is not accepted: what still waits is said, and the record stays chosen for it.
      const waiting = r.record.labels
        .filter((l) => l.status === 'suggested' || l.status === 'unassigned')
        .map((l) => TASK_NAMES[l.task].toLowerCase());
      setNotice({
        ok: true,
        text: waiting.length
          ? `${what}; the ${waiting.join(' and ')} still ${waiting.length > 1 ? 'need' : 'needs'} a decision (1–3 or e).`
          : `${what}.`,
      });
      moveOn(record, r.record.needsReview);
    } catch (e) {
      fail(e);
    }
  };

  /** After a review: on to the next record needing review, or stay when this one still waits. */
  const moveOn = (target: RecordSummary, stay: boolean) => {
    if (stay) {
      setCursor({ key: filterKey, index: active, id: target.id });
      return;
    }
    const next = nextNeedingReview(active, target.id);
    setCursor(next ? { key: filterKey, ...next } : { key: filterKey, index: active, id: target.id });
    setFollow((f) => f + 1);
  };

  const setValue = async (task: RecordTask, value: LabelValue, target = record) => {
    if (!target) return null;
    const r = await actions.setLabel.mutateAsync({ id: target.id, task, value });
    const what = `Set the ${TASK_NAMES[task].toLowerCase()} of “${rowName(target)}” to ${
      Array.isArray(value) ? (value.length ? value.join(', ') : 'no tags') : value
    }`;
    remember({ reviewIds: r.reviewIds, recordId: target.id, what });
    setNotice({ ok: true, text: `${what}.` });
    return r.record;
  };

  const pick = async (task: RecordTask, index: number) => {
    if (!record || busy) return;
    const current = labelOf(record, task);
    const suggestion = current?.top[index];
    if (!current || !suggestion) {
      setNotice({
        ok: false,
        text: `There is no suggestion ${index + 1} for this ${TASK_NAMES[task].toLowerCase()}.`,
      });
      return;
    }
    let value: LabelValue = suggestion.label;
    if (task === 'tags') {
      // Tags: the number adds the suggested tag, or takes it away when it is already there.
      const tags = valueList(current.value);
      value = tags.includes(suggestion.label)
        ? tags.filter((t) => t !== suggestion.label)
        : [...tags, suggestion.label];
    }
    try {
      const after = await setValue(task, value);
      // Tags are toggled one by one: stay on the record; a queue picked may finish it.
      if (after) moveOn(record, task === 'tags' || after.needsReview);
    } catch (e) {
      fail(e);
    }
  };

  const undo = async () => {
    const last = undoStack.at(-1);
    if (!last || busy) {
      if (!last) setNotice({ ok: false, text: 'Nothing to undo.' });
      return;
    }
    try {
      await actions.undo.mutateAsync(last.reviewIds);
      setUndoStack((s) => s.slice(0, -1));
      setNotice({ ok: true, text: `Undone: ${last.what}.` });
      if (last.recordId !== null) {
        const index = indexOf(rows, last.recordId);
        setCursor({ key: filterKey, index: index ?? active, id: last.recordId });
        setFollow((f) => f + 1);
      }
    } catch (e) {
      fail(e);
    }
  };

  const handlers: ReviewHandlers = {
    j: () => moveTo(active + 1, true),
    k: () => moveTo(active - 1, true),
    Enter: () => void accept(),
    '1': () => void pick(primary, 0),
    '2': () => void pick(primary, 1),
    '3': () => void pick(primary, 2),
    e: () => {
      if (record) setEditing(primary);
    },
    u: () => void undo(),
  };
  useReviewKeys(handlers, shown && total > 0 && !bulkOpen);

  const highThreshold = Math.min(...(statuses ?? []).map((s) => s.thresholds.high), 1);
  const labelOptions = useMemo(() => {
    const out: { group: string; items: { value: string; label: string }[] }[] = [];
    for (const task of tasks) {
      const names = rows.labels[task] ?? [];
      if (names.length)
        out.push({ group: TASK_NAMES[task], items: names.map((n) => ({ value: n, label: n })) });
    }
    return out;
  }, [rows.labels, tasks]);
  const editorOptions = useMemo(() => {
    const out: Partial<Record<RecordTask, string[]>> = {};
    for (const task of tasks) {
      const fromStatus = statuses?.find((s) => s.task === task)?.labels ?? [];
      out[task] = [...new Set([...(rows.labels[task] ?? []), ...fromStatus])];
    }
    return out;
  }, [rows.labels, statuses, tasks]);

  const tickedCount = selectedCount(selection, total);

  if (rows.total === 0 && !filtered) {
    // As the shared empty state looks, with the way out (an import) inside it.
    return (
      <Paper withBorder p="xl" radius="md" maw={720}>
        <Stack gap="xs" align="flex-start">
          <Title order={3} size="h4">
            {area.emptyTitle}
          </Title>
          <Text size="sm" c="dimmed">
            {area.emptyBody}
          </Text>
          <Button onClick={onImport} mt={4}>
            Import CSV/XLSX/email export
          </Button>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={kind === 'tickets' ? 'Search tickets' : 'Search records'}
          placeholder={kind === 'tickets' ? 'Subject, text or requester' : 'Name, company, email or notes'}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={200}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={STATUS_FILTERS.map((s) => ({ value: s.value, label: s.label }))}
          value={status}
          onChange={(v) => setStatus(v as StatusFilter | null)}
          w={165}
        />
        <Select
          label="Label"
          placeholder="Any label"
          clearable
          searchable
          data={labelOptions}
          value={label}
          onChange={setLabel}
          w={170}
          nothingFoundMessage="No such label"
        />
        <NumberInput
          label="Min. confidence"
          placeholder="0"
          suffix="%"
          min={0}
          max={100}
          allowDecimal={false}
          value={minPct}
          onChange={setMinPct}
          w={135}
        />
        <NumberInput
          label="Max. confidence"
          placeholder="100"
          suffix="%"
          min={0}
          max={100}
          allowDecimal={false}
          value={maxPct}
          onChange={setMaxPct}
          w={135}
        />
        <Text size="sm" role="status" pb={6} data-testid="record-count">
          {rows.total === null ? '' : `${count(total, kind)}${filtered ? ' match' : ''}`}
        </Text>
      </Group>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
          <Button size="xs" variant="default" onClick={() => setBulkOpen(true)} disabled={busy}>
            Accept confident…
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => void undo()}
            disabled={undoStack.length === 0 || busy}
            title={undoStack.at(-1)?.what}
          >
            Undo (u)
          </Button>
          <Text
            size="sm"
            role={notice && !notice.ok ? 'alert' : 'status'}
            c={notice && !notice.ok ? 'red.9' : undefined}
            data-testid="review-notice"
            className="review-notice"
            title={notice?.text}
          >
            {notice ? `${notice.ok ? '✓ ' : ''}${notice.text}` : ''}
          </Text>
        </Group>
        <ExportCsvButton
          kind={kind}
          tickedCount={tickedCount}
          total={total}
          filtered={filtered}
          ids={async () => {
            // The ticked records, else those the filters show, else every record of the kind.
            if (tickedCount > 0) return resolveSelection(selection, () => allRecordIds(filters));
            return filtered ? allRecordIds(filters) : undefined;
          }}
        />
      </Group>
      {rows.error ? (
        <Alert color="red" title={`Could not list the ${kind === 'tickets' ? 'tickets' : 'records'}`}>
          {rows.error.message}
        </Alert>
      ) : null}
      {rows.total === 0 && filtered ? (
        <Text size="sm">Nothing matches{query ? ` “${query}”` : ''} with these filters.</Text>
      ) : null}
      {total > 0 ? (
        <div className="records-split">
          <RecordsTable
            key={filterKey}
            kind={kind}
            rows={rows}
            total={total}
            selection={selection}
            active={active}
            follow={follow}
            onActivate={moveTo}
            onToggle={(id) => setTicked({ key: filterKey, selection: toggle(selection, id) })}
            onToggleAll={() =>
              setTicked({
                key: filterKey,
                selection: tickedCount > 0 ? NOTHING_SELECTED : { mode: 'all', except: new Set<number>() },
              })
            }
            onRangeChange={onRangeChange}
          />
          <section
            aria-labelledby={record ? 'record-detail-title' : undefined}
            aria-label={record ? undefined : 'Selected record'}
            className="records-detail-pane"
          >
            <RecordDetailPanel
              kind={kind}
              id={record?.id ?? null}
              tasks={tasks}
              editing={editing}
              options={editorOptions}
              onEdit={setEditing}
              onEditClose={() => {
                setEditing(null);
                setFollow((f) => f + 1);
              }}
              onAccept={(task) => void accept(task)}
              onPick={(task, index) => void pick(task, index)}
              onSetLabel={async (task, value) => {
                const target = record;
                const after = await setValue(task, value);
                setEditing(null);
                if (after && target) moveOn(target, after.needsReview);
                setFollow((f) => f + 1);
              }}
            />
          </section>
        </div>
      ) : null}
      {total > 0 ? <KeysHint kind={kind} /> : null}
      <BulkAcceptDialog
        key={bulkOpen ? `open-${highThreshold}` : 'closed'}
        kind={kind}
        opened={bulkOpen}
        threshold={Number.isFinite(highThreshold) ? highThreshold : 0.9}
        busy={actions.acceptConfident.isPending}
        onClose={() => setBulkOpen(false)}
        onAccept={(minProbability, ids) => {
          actions.acceptConfident
            .mutateAsync({ minProbability, ids })
            .then((r) => {
              setBulkOpen(false);
              remember({
                reviewIds: r.reviewIds,
                recordId: null,
                what: `accepted ${count(r.accepted, kind)} at ${Math.round(minProbability * 100)}% or more`,
              });
              setNotice({
                ok: true,
                text: `Accepted ${count(r.accepted, kind)} at ${Math.round(minProbability * 100)}% or more. Press u or Undo to take this back.`,
              });
            })
            .catch((e: unknown) => {
              setBulkOpen(false);
              fail(e);
            });
        }}
      />
    </Stack>
  );
}
