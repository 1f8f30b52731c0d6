import { useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Output } from '../../../main/api/contract.ts';
import { api } from '../api/client.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { DocumentViewer } from '../components/DocumentViewer.tsx';

type DocumentRow = Output<'documents.list'>['items'][number];
const column = createColumnHelper<DocumentRow>();
const columns = [
  column.accessor('title', { header: 'Title' }),
  column.accessor('snippet', {
    header: 'Found in text',
    cell: (c) =>
      c
        .getValue()
        ?.map((part, i) =>
          part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
        ) ?? '—',
  }),
  column.accessor('mediaType', { header: 'Type', cell: (c) => c.getValue() ?? '—' }),
  column.accessor('status', {
    header: 'Status',
    cell: (c) => (
      <span title={c.row.original.statusReason ?? undefined}>
        {c.getValue()}
        {c.row.original.statusReason ? ` — ${c.row.original.statusReason}` : ''}
      </span>
    ),
  }),
  column.accessor('pageCount', { header: 'Pages', cell: (c) => c.getValue() ?? '—' }),
  column.accessor('createdAt', { header: 'Added', cell: (c) => new Date(c.getValue()).toLocaleString() }),
];
const ROW_HEIGHT = 30;

const statusOptions = [
  { value: 'read', label: 'Read' },
  { value: 'pending', label: 'Waiting' },
  { value: 'failed', label: 'Failed' },
  { value: 'needs_password', label: 'Needs password' },
  { value: 'skipped', label: 'Skipped' },
];

export function DocumentsView({ area }: { area: Area }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [mediaType, setMediaType] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [openId, setOpenId] = useState<number | null>(null);
  const types = useQuery({
    queryKey: ['documents.mediaTypes'],
    queryFn: () => api.call('documents.mediaTypes', {}),
  });
  const filters = {
    ...(query ? { query } : {}),
    ...(mediaType ? { mediaType } : {}),
    ...(status ? { status: status as 'read' } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const result = useQuery({
    queryKey: ['documents.list', filters],
    queryFn: () => api.call('documents.list', { ...filters, limit: 1000, offset: 0 }),
    // Keep showing the last results while the next search runs, so the table does not flicker away.
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => result.data?.items ?? [], [result.data]);
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel() });
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  // A new search starts at the top of its results.
  // (Through the virtualizer, which otherwise remembers its offset.)
  const shownQuery = result.isPlaceholderData ? null : query;
  useEffect(() => {
    if (shownQuery !== null) virtual.scrollToOffset(0);
  }, [shownQuery, virtual]);
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Search document text"
          placeholder="Words or numbers from any document"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          label="Type"
          placeholder="Any type"
          clearable
          data={(types.data ?? []).map((t) => ({ value: t.mediaType, label: `${t.mediaType} (${t.count})` }))}
          value={mediaType}
          onChange={setMediaType}
          w={200}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={statusOptions}
          value={status}
          onChange={setStatus}
          w={160}
        />
        <TextInput
          label="Added from"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={150}
        />
        <TextInput
          label="Added to"
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={150}
        />
      </Group>
      {result.error ? (
        <Alert color="red" title="Could not list documents">
          {result.error.message}
        </Alert>
      ) : null}
      {result.data && result.data.total === 0 && !query && !mediaType && !status && !from && !to ? (
        <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>
      ) : null}
      {result.data && result.data.total === 0 && query ? (
        <Text size="sm">No document contains “{query}”.</Text>
      ) : null}
      {result.data && result.data.total === 0 && !query && (mediaType || status || from || to) ? (
        <Text size="sm">No document matches these filters.</Text>
      ) : null}
      {result.data && result.data.total > rows.length ? (
        <Text size="sm" role="status">
          Showing the first {rows.length.toLocaleString()} of {result.data.total.toLocaleString()} documents
          {query ? ' that match' : ''}. Search to narrow them down.
        </Text>
      ) : null}
      {rows.length > 0 ? (
        <div
          ref={scrollRef}
          className="virtual-table-scroll"
          style={{ height: 'calc(100vh - 240px)', minHeight: 240 }}
          tabIndex={0}
          role="region"
          aria-label="Documents table"
        >
          {/* Only the rows on screen are rendered; aria-rowcount tells assistive technology the full count. */}
          <table aria-rowcount={rows.length + 1}>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((h) => (
                    <th key={h.id} scope="col">
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {padTop > 0 ? <tr style={{ height: padTop }} aria-hidden="true" /> : null}
              {items.map((v) => {
                const row = table.getRowModel().rows[v.index];
                if (!row) return null;
                return (
                  <tr
                    key={row.id}
                    style={{ height: ROW_HEIGHT, cursor: 'pointer' }}
                    aria-rowindex={v.index + 2}
                    tabIndex={0}
                    onClick={() => setOpenId(row.original.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') setOpenId(row.original.id);
                    }}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                    ))}
                  </tr>
                );
              })}
              {padBottom > 0 ? <tr style={{ height: padBottom }} aria-hidden="true" /> : null}
            </tbody>
          </table>
        </div>
      ) : null}
      <DocumentViewer id={openId} onClose={() => setOpenId(null)} />
    </Stack>
  );
}
