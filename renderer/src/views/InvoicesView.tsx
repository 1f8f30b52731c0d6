// The Invoices area: the list of invoices and receipts found among the documents (filter, search, tick,
// export), and one invoice under review at #/invoices/ID.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Status } from '../../../main/api/contract.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ExportButtons } from '../components/invoices/ExportButtons.tsx';
import { InvoiceDetail } from '../components/invoices/InvoiceDetail.tsx';
import { InvoicesTable, type ListMemory } from '../components/invoices/InvoicesTable.tsx';
import type { InvoiceStatus } from '../components/invoices/fields.ts';
import { STATUS_LABELS } from '../components/invoices/format.ts';
import { allInvoiceIds, useInvoiceRows, type InvoiceFilters } from '../components/invoices/hooks.ts';
import {
  NOTHING_SELECTED,
  resolveSelection,
  selectedCount,
  toggle,
  type Selection,
} from '../components/invoices/selection.ts';

const statusOptions = (Object.keys(STATUS_LABELS) as InvoiceStatus[]).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

function invoiceIdFromHash(hash: string): number | null {
  const match = /^#\/invoices\/(\d+)/.exec(hash);
  return match ? Number(match[1]) : null;
}

function useOpenInvoice(): number | null {
  const [id, setId] = useState(() => invoiceIdFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setId(invoiceIdFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return id;
}

/** Invoices come and go with imports: the status's counts say when to look again. */
function useRefreshOnChanges(status: Status | null): void {
  const queryClient = useQueryClient();
  const counts = status
    ? `${status.counts.documents}/${status.counts.records}/${status.counts.predictions}`
    : null;
  const seen = useRef(counts);
  useEffect(() => {
    if (counts === seen.current) return;
    seen.current = counts;
    void queryClient.invalidateQueries({ queryKey: ['invoices.list'] });
  }, [counts, queryClient]);
}

export function InvoicesView({ area, status }: { area: Area; status: Status | null }) {
  const openId = useOpenInvoice();
  useRefreshOnChanges(status);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [statusFilter, setStatusFilter] = useState<InvoiceStatus | null>(null);
  const filters = useMemo<InvoiceFilters>(
    () => ({ ...(statusFilter ? { status: statusFilter } : {}), ...(query ? { query } : {}) }),
    [statusFilter, query],
  );
  const filterKey = JSON.stringify(filters);
  // Ticks belong to the filters they were made under: a new search starts with nothing ticked.
  const [ticked, setTicked] = useState<{ key: string; selection: Selection }>({
    key: filterKey,
    selection: NOTHING_SELECTED,
  });
  const selection = ticked.key === filterKey ? ticked.selection : NOTHING_SELECTED;
  const memory = useRef<ListMemory>({ scrollOffset: 0, activeIndex: 0, refocus: false });
  const [range, setRange] = useState({ start: 0, end: 0 });
  const rows = useInvoiceRows(filters, range.start, range.end);
  const total = rows.total ?? 0;

  const onRangeChange = useCallback(
    (start: number, end: number) =>
      setRange((r) => (r.start === start && r.end === end ? r : { start, end })),
    [],
  );
  const filtersChanged = () => {
    memory.current.scrollOffset = 0;
    memory.current.activeIndex = 0;
  };
  const open = (id: number) => {
    window.location.hash = `#/invoices/${id}`;
  };

  if (openId !== null) {
    return (
      <InvoiceDetail
        key={openId}
        id={openId}
        onOpen={open}
        onBack={() => {
          memory.current.refocus = true;
          window.location.hash = '#/invoices';
        }}
      />
    );
  }

  const count = selectedCount(selection, total);
  const filtered = Boolean(query || statusFilter);
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" justify="space-between">
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Search invoices"
            placeholder="Vendor, number or file name"
            value={search}
            onChange={(e) => {
              filtersChanged();
              setSearch(e.currentTarget.value);
            }}
            w={280}
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={statusOptions}
            value={statusFilter}
            onChange={(v) => {
              filtersChanged();
              setStatusFilter(v as InvoiceStatus | null);
            }}
            w={170}
          />
          <Text size="sm" role="status" pb={6} data-testid="invoice-count">
            {rows.total === null
              ? ''
              : `${total.toLocaleString()} ${total === 1 ? 'invoice' : 'invoices'}${filtered ? ' match' : ''}`}
          </Text>
        </Group>
        <ExportButtons count={count} ids={() => resolveSelection(selection, () => allInvoiceIds(filters))} />
      </Group>
      {rows.error ? (
        <Alert color="red" title="Could not list the invoices">
          {rows.error.message}
        </Alert>
      ) : null}
      {rows.total === 0 && !filtered ? (
        <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>
      ) : null}
      {rows.total === 0 && filtered ? (
        <Text size="sm">No invoice matches{query ? ` “${query}”` : ''} with these filters.</Text>
      ) : null}
      {total > 0 ? (
        <InvoicesTable
          key={filterKey}
          rows={rows}
          total={total}
          selection={selection}
          memory={memory}
          onToggle={(id) => setTicked({ key: filterKey, selection: toggle(selection, id) })}
          onToggleAll={() =>
            setTicked({
              key: filterKey,
              selection: count > 0 ? NOTHING_SELECTED : { mode: 'all', except: new Set<number>() },
            })
          }
          onOpen={(id) => open(id)}
          onRangeChange={onRangeChange}
        />
      ) : null}
      <Text size="xs" c="dimmed">
        ↑ ↓ move through the list · Space ticks · Enter opens · fields below 80% confidence are marked ⚠
      </Text>
    </Stack>
  );
}
