// The invoices list: only the rows on screen are rendered (and fetched), so it stays smooth with 100,000
// invoices. Rows are ticked with their checkbox; the keyboard moves through them (arrows, Page Up/Down,
// Home/End), Space ticks and Enter opens.
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { RowCheckbox } from '../RowCheckbox.tsx';
import { LOW_CONFIDENCE, type InvoiceSummary } from './fields.ts';
import { DOCUMENT_TYPE_LABELS, STATUS_LABELS, formatAmount, formatDate, percent } from './format.ts';
import type { InvoiceRows } from './hooks.ts';
import { allState, isSelected, type Selection } from './selection.ts';

const ROW_HEIGHT = 34;
const PAGE_ROWS = 15;

/** What the list remembers while an invoice is open, so coming back finds it where it was. */
export interface ListMemory {
  scrollOffset: number;
  activeIndex: number;
  /** Put the focus back on the active row when the list is shown again. */
  refocus: boolean;
}

function ConfidenceCell({ value }: { value: number | null }) {
  if (value === null) return <span className="muted">—</span>;
  if (value >= LOW_CONFIDENCE) return <>{percent(value)}</>;
  return (
    <span className="conf-low" title="Below 80%: some fields need checking">
      <span aria-hidden="true">⚠ </span>
      {percent(value)}
      <span className="visually-hidden"> (low)</span>
    </span>
  );
}

function Cells({ invoice }: { invoice: InvoiceSummary }) {
  return (
    <>
      <td className="ellipsis" title={invoice.title}>
        {invoice.vendor ?? <span className="muted">{invoice.title}</span>}
      </td>
      <td className="ellipsis">{invoice.invoiceId ?? <span className="muted">—</span>}</td>
      <td>{formatDate(invoice.invoiceDate)}</td>
      <td className="num">{formatAmount(invoice.total, invoice.currency)}</td>
      <td>{DOCUMENT_TYPE_LABELS[invoice.documentType]}</td>
      <td>
        {invoice.status === 'accepted' ? (
          <span className="status-accepted">
            <span aria-hidden="true">✓ </span>
            {STATUS_LABELS.accepted}
          </span>
        ) : (
          STATUS_LABELS[invoice.status]
        )}
      </td>
      <td className="num">
        <ConfidenceCell value={invoice.lowestConfidence} />
      </td>
      <td className="num">
        {invoice.warnings > 0 ? (
          <span className="warn-count" title={`${invoice.warnings} validation warnings`}>
            <span aria-hidden="true">⚠ </span>
            {invoice.warnings}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </>
  );
}

export function InvoicesTable({
  rows,
  total,
  selection,
  memory,
  onToggle,
  onToggleAll,
  onOpen,
  onRangeChange,
}: {
  rows: InvoiceRows;
  total: number;
  selection: Selection;
  memory: RefObject<ListMemory>;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onOpen: (id: number, index: number) => void;
  onRangeChange: (start: number, end: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() => Math.min(memory.current.activeIndex, Math.max(0, total - 1)));
  const pendingFocus = useRef<number | null>(null);
  const virtual = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: () => memory.current.scrollOffset,
    onChange: (v) => {
      memory.current.scrollOffset = v.scrollOffset ?? 0;
    },
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => onRangeChange(first, last), [first, last, onRangeChange]);
  useEffect(() => {
    memory.current.activeIndex = active;
  }, [active, memory]);

  // Back from an invoice: the focus returns to the row that was opened.
  useEffect(() => {
    if (memory.current.refocus) pendingFocus.current = memory.current.activeIndex;
  }, [memory]);
  // Focus follows the keyboard once the row it moved to has been rendered.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${pendingFocus.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
      memory.current.refocus = false;
    }
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    pendingFocus.current = next;
    virtual.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const fromRow = (e.target as HTMLElement).closest('tr[data-index]') !== null;
    // On the scroll area itself (the active row is scrolled away), keys start from the first row shown.
    const current = fromRow ? active : first;
    const invoice = rows.rowAt(current);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(fromRow ? current + 1 : current);
        break;
      case 'ArrowUp':
        moveTo(fromRow ? current - 1 : current);
        break;
      case 'PageDown':
        moveTo(current + PAGE_ROWS);
        break;
      case 'PageUp':
        moveTo(current - PAGE_ROWS);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(total - 1);
        break;
      case 'Enter':
        if (!fromRow || !invoice) return;
        onOpen(invoice.id, current);
        break;
      case ' ':
        if (!fromRow || !invoice) return;
        onToggle(invoice.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const activeShown = active >= first && active <= last;
  const state = allState(selection, total);
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  return (
    <div
      ref={scrollRef}
      className="virtual-table-scroll invoice-list"
      style={{ maxHeight: 'calc(100vh - 255px)' }}
      role="region"
      aria-label="Invoices list"
      // Reachable with Tab when the active row is scrolled out of view (rows are otherwise the stop).
      tabIndex={activeShown ? -1 : 0}
      onKeyDown={onKeyDown}
    >
      {/* Only the rows on screen are rendered; aria-rowcount tells assistive technology the full count. */}
      <table aria-rowcount={total + 1} aria-label="Invoices">
        <colgroup>
          <col style={{ width: 40 }} />
          <col />
          <col style={{ width: '13%' }} />
          <col style={{ width: 115 }} />
          <col style={{ width: 120 }} />
          <col style={{ width: 90 }} />
          <col style={{ width: 120 }} />
          <col style={{ width: 145 }} />
          <col style={{ width: 90 }} />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">
              <RowCheckbox
                checked={state === 'all'}
                indeterminate={state === 'some'}
                label={`Select all ${total.toLocaleString()} invoices`}
                onChange={onToggleAll}
              />
            </th>
            <th scope="col">Vendor</th>
            <th scope="col">Number</th>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col" className="num" title="The lowest confidence among the invoice's fields">
              Lowest confidence
            </th>
            <th scope="col" className="num">
              Warnings
            </th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? <tr style={{ height: padTop }} aria-hidden="true" /> : null}
          {items.map((v) => {
            const invoice = rows.rowAt(v.index);
            const ticked = invoice ? isSelected(selection, invoice.id) : false;
            const name = invoice
              ? `${invoice.vendor ?? invoice.title} ${invoice.invoiceId ?? ''}`.trim()
              : '';
            return (
              <tr
                key={v.index}
                data-index={v.index}
                className={`invoice-row${ticked ? ' invoice-row-selected' : ''}${
                  v.index === active ? ' invoice-row-active' : ''
                }`}
                style={{ height: ROW_HEIGHT }}
                aria-rowindex={v.index + 2}
                tabIndex={v.index === active ? 0 : -1}
                onFocus={(e) => {
                  if (e.target === e.currentTarget) setActive(v.index);
                }}
                onClick={() => {
                  if (!invoice) return;
                  setActive(v.index);
                  onOpen(invoice.id, v.index);
                }}
              >
                {invoice ? (
                  <>
                    <td>
                      <RowCheckbox
                        checked={ticked}
                        label={`Select ${name}`}
                        onChange={() => onToggle(invoice.id)}
                      />
                    </td>
                    <Cells invoice={invoice} />
                  </>
                ) : (
                  <td colSpan={9} className="muted">
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
