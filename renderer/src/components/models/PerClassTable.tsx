// Precision, recall, F1 and support for each label on the held-out rows; every column sorts.
import { useMemo, useState } from 'react';
import { UnstyledButton } from '@mantine/core';
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { percent, type ModelDetail } from './format.ts';
import { LabelText } from './LabelText.tsx';

interface ClassRow {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

const column = createColumnHelper<ClassRow>();
const asPercent = (c: { getValue: () => number }) => percent(c.getValue());
const columns = [
  column.accessor('label', {
    header: 'Label',
    sortingFn: 'alphanumeric',
    cell: (c) => <LabelText label={c.getValue()} />,
  }),
  column.accessor('precision', { header: 'Precision', cell: asPercent, sortDescFirst: false }),
  column.accessor('recall', { header: 'Recall', cell: asPercent, sortDescFirst: false }),
  column.accessor('f1', { header: 'F1', cell: asPercent, sortDescFirst: false }),
  column.accessor('support', { header: 'Support', sortDescFirst: true }),
];

export function PerClassTable({ detail }: { detail: ModelDetail }) {
  const data = useMemo(
    () => Object.entries(detail.perClass).map(([label, s]) => ({ label, ...s })),
    [detail.perClass],
  );
  const [sorting, setSorting] = useState<SortingState>([{ id: 'f1', desc: false }]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  if (data.length === 0) return null;
  return (
    <div
      className="models-scroll"
      style={{ maxHeight: 360 }}
      tabIndex={0}
      role="region"
      aria-label="Scores per label"
    >
      <table className="models-table" aria-label="Held-out scores per label">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className={h.column.id === 'label' ? undefined : 'num'}
                  >
                    <UnstyledButton className="sort-button" onClick={h.column.getToggleSortingHandler()}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                    </UnstyledButton>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.id === 'label' ? 'label-cell' : 'num'}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
