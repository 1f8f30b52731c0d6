// The tickets or CRM list: only the rows on screen are rendered (and fetched), so it stays smooth with
// 100,000 records. The active row (the one shown in the detail panel) is chosen by the parent, which runs
// the review keys; this table scrolls it into view and focuses it when asked. Arrows move too, Space ticks.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { RowCheckbox } from '../RowCheckbox.tsx';
import { allState, isSelected, type Selection } from '../invoices/selection.ts';
import { LabelCell, TagChips } from './LabelBits.tsx';
import {
  formatDate,
  formatShortDate,
  labelOf,
  languageName,
  type RecordKind,
  type RecordSummary,
} from './format.ts';
import type { RecordRows } from './hooks.ts';

const ROW_HEIGHT = 46;
const PAGE_ROWS = 10;

interface Column {
  header: string;
  width?: number | string;
  title?: string;
}

const COLUMNS: Record<RecordKind, Column[]> = {
  tickets: [
    { header: 'Subject · requester' },
    { header: 'Queue', width: 140 },
    { header: 'Priority', width: 118 },
    { header: 'Lang.', width: 52, title: 'Language' },
    { header: 'Created', width: 72 },
  ],
  crm: [
    { header: 'Name' },
    { header: 'Company', width: '19%' },
    { header: 'Email · phone', width: '23%' },
    { header: 'Tags', width: '24%' },
  ],
};

export function rowName(record: RecordSummary): string {
  return record.title || `#${record.id}`;
}

function TicketCells({ record }: { record: RecordSummary }) {
  return (
    <>
      <td>
        <span className="line1" title={record.title}>
          {record.title || <span className="muted">(no subject)</span>}
        </span>
        <span className="line2" title={record.requester ?? undefined}>
          {record.requester ?? '—'}
        </span>
      </td>
      <td>
        <LabelCell label={labelOf(record, 'queue')} />
      </td>
      <td>
        <LabelCell label={labelOf(record, 'priority')} />
      </td>
      <td title={languageName(record.language)}>{record.language ?? <span className="muted">—</span>}</td>
      <td className="ellipsis" title={formatDate(record.created)}>
        {formatShortDate(record.created)}
      </td>
    </>
  );
}

function CrmCells({ record }: { record: RecordSummary }) {
  return (
    <>
      <td>
        <span className="line1" title={record.title}>
          {record.title || <span className="muted">(no name)</span>}
        </span>
        <span className="line2">
          {record.duplicateOf !== null ? (
            <span className="dup-marker">likely duplicate of #{record.duplicateOf}</span>
          ) : (
            record.recordType
          )}
        </span>
      </td>
      <td>
        <span className="line1" title={record.company ?? undefined}>
          {record.company ?? <span className="muted">—</span>}
        </span>
      </td>
      <td>
        <span className="line1" title={record.email ?? undefined}>
          {record.email ?? <span className="muted">no email</span>}
        </span>
        <span className="line2">{record.phone ?? '—'}</span>
      </td>
      <td>
        <TagChips label={labelOf(record, 'tags')} />
      </td>
    </>
  );
}

export function RecordsTable({
  kind,
  rows,
  total,
  selection,
  active,
  follow,
  onActivate,
  onToggle,
  onToggleAll,
  onRangeChange,
}: {
  kind: RecordKind;
  rows: RecordRows;
  total: number;
  selection: Selection;
  /** The index of the row in the detail panel. */
  active: number;
  /** Changes when the keyboard moved the active row: scroll it into view and focus it. */
  follow: number;
  onActivate: (index: number, focus: boolean) => void;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onRangeChange: (start: number, end: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => onRangeChange(first, last), [first, last, onRangeChange]);

  // The keyboard moved the active row: bring it into view, then focus it once it is rendered.
  const followed = useRef(0);
  useEffect(() => {
    if (follow === followed.current) return;
    followed.current = follow;
    pendingFocus.current = active;
    virtual.scrollToIndex(active, { align: 'auto' });
  }, [follow, active, virtual]);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${pendingFocus.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const fromRow = (e.target as HTMLElement).closest('tr[data-index]') !== null;
    const current = fromRow ? active : first;
    const move = (index: number) => onActivate(Math.max(0, Math.min(total - 1, index)), true);
    switch (e.key) {
      case 'ArrowDown':
        move(fromRow ? current + 1 : current);
        break;
      case 'ArrowUp':
        move(fromRow ? current - 1 : current);
        break;
      case 'PageDown':
        move(current + PAGE_ROWS);
        break;
      case 'PageUp':
        move(current - PAGE_ROWS);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(total - 1);
        break;
      case ' ': {
        const record = rows.rowAt(current);
        if (!fromRow || !record) return;
        onToggle(record.id);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const columns = COLUMNS[kind];
  const activeShown = active >= first && active <= last;
  const state = allState(selection, total);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const noun = kind === 'tickets' ? 'tickets' : 'records';

  return (
    <div
      ref={scrollRef}
      className="virtual-table-scroll records-list records-pane-height"
      role="region"
      aria-label={kind === 'tickets' ? 'Tickets list' : 'CRM records list'}
      // Reachable with Tab when the active row is scrolled out of view (rows are otherwise the stop).
      tabIndex={activeShown ? -1 : 0}
      onKeyDown={onKeyDown}
    >
      {/* Only the rows on screen are rendered; aria-rowcount tells assistive technology the full count. */}
      <table aria-rowcount={total + 1} aria-label={kind === 'tickets' ? 'Tickets' : 'CRM records'}>
        <colgroup>
          <col style={{ width: 36 }} />
          {columns.map((c) => (
            <col key={c.header} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">
              <RowCheckbox
                checked={state === 'all'}
                indeterminate={state === 'some'}
                label={`Select all ${total.toLocaleString()} ${noun}`}
                onChange={onToggleAll}
              />
            </th>
            {columns.map((c) => (
              <th key={c.header} scope="col" title={c.title}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? <tr style={{ height: padTop }} aria-hidden="true" /> : null}
          {items.map((v) => {
            const record = rows.rowAt(v.index);
            const ticked = record ? isSelected(selection, record.id) : false;
            const isActive = v.index === active;
            return (
              <tr
                key={v.index}
                data-index={v.index}
                data-record-id={record?.id}
                className={`record-row${ticked ? ' record-row-ticked' : ''}${isActive ? ' record-row-active' : ''}`}
                style={{ height: ROW_HEIGHT }}
                aria-rowindex={v.index + 2}
                aria-current={isActive ? 'true' : undefined}
                tabIndex={isActive ? 0 : -1}
                onFocus={(e) => {
                  if (e.target === e.currentTarget && !isActive) onActivate(v.index, false);
                }}
                onClick={() => onActivate(v.index, true)}
              >
                {record ? (
                  <>
                    <td>
                      <RowCheckbox
                        checked={ticked}
                        label={`Select ${rowName(record)}`}
                        onChange={() => onToggle(record.id)}
                      />
                    </td>
                    {kind === 'tickets' ? <TicketCells record={record} /> : <CrmCells record={record} />}
                  </>
                ) : (
                  <td colSpan={columns.length + 1} className="muted">
                    Loading…
                  </td>
                )}
              </tr>
            );
          })}
          {padBottom > 0 ? <tr style={{ height: padBottom }} aria-hidden="true" /> : null}
        </tbody>
      </table>
    </div>
  );
}
