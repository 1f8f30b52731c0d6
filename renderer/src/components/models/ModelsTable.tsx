// Installed models, one group per model id with its versions newest first. Choosing a version opens it.
import { useMemo } from 'react';
import { Badge, UnstyledButton } from '@mantine/core';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import {
  f1Name,
  formatBytes,
  formatDate,
  groupByModel,
  mainF1,
  percent,
  taskName,
  type ModelSummary,
} from './format.ts';

export interface VersionRef {
  modelId: string;
  version: number;
}

const column = createColumnHelper<ModelSummary>();

export function ModelsTable({
  models,
  selected,
  onSelect,
}: {
  models: readonly ModelSummary[];
  selected: VersionRef | null;
  onSelect: (ref: VersionRef) => void;
}) {
  const columns = useMemo(
    () => [
      column.accessor('version', {
        header: 'Version',
        cell: (c) => {
          const m = c.row.original;
          const isSelected = selected?.modelId === m.modelId && selected.version === m.version;
          return (
            <UnstyledButton
              className="version-button"
              onClick={() => onSelect({ modelId: m.modelId, version: m.version })}
              aria-label={`${m.modelId} v${m.version}`}
              aria-pressed={isSelected}
            >
              v{m.version}
            </UnstyledButton>
          );
        },
      }),
      column.accessor('active', {
        header: 'Status',
        cell: (c) =>
          c.getValue() ? (
            <Badge color="teal.9" size="sm">
              Active
            </Badge>
          ) : (
            <span className="muted">Installed</span>
          ),
      }),
      column.accessor('task', {
        header: 'Task',
        cell: (c) => `${taskName(c.getValue())}${c.row.original.multiLabel ? ' (multi-label)' : ''}`,
      }),
      column.accessor('labelCount', { header: 'Labels', meta: { num: true } }),
      column.accessor('trainingRows', {
        header: 'Training rows',
        meta: { num: true },
        cell: (c) => (
          <span
            title={`${c.row.original.heldOutRows.toLocaleString()} of these rows were held out to measure the model`}
          >
            {c.getValue().toLocaleString()}
          </span>
        ),
      }),
      column.accessor((m) => m.metrics.accuracy, {
        id: 'accuracy',
        header: 'Accuracy',
        meta: { num: true },
        cell: (c) => percent(c.getValue()),
      }),
      column.accessor((m) => mainF1(m), {
        id: 'f1',
        header: 'F1',
        meta: { num: true },
        cell: (c) => (
          <span title={f1Name(c.row.original.multiLabel)}>
            {percent(c.getValue())}
            {c.row.original.multiLabel ? <span className="muted"> micro</span> : null}
          </span>
        ),
      }),
      column.accessor((m) => m.metrics.ece, {
        id: 'ece',
        header: 'ECE',
        meta: { num: true },
        cell: (c) => percent(c.getValue()),
      }),
      column.accessor('created', { header: 'Created', cell: (c) => formatDate(c.getValue()) }),
      column.accessor('sizeBytes', {
        header: 'Size',
        meta: { num: true },
        cell: (c) => formatBytes(c.getValue()),
      }),
    ],
    [selected, onSelect],
  );
  const table = useReactTable({
    data: models as ModelSummary[],
    columns,
    getCoreRowModel: getCoreRowModel(),
  });
  const rowsById = new Map(
    table.getRowModel().rows.map((r) => [`${r.original.modelId}@${r.original.version}`, r]),
  );
  const groups = groupByModel(models);
  const headers = table.getHeaderGroups()[0]!.headers;
  const isNum = (meta: unknown) => (meta as { num?: boolean } | undefined)?.num === true;

  return (
    <div className="models-scroll">
      <table className="models-table models-list" aria-label="Installed models">
        <thead>
          <tr>
            {headers.map((h) => (
              <th
                key={h.id}
                scope="col"
                className={isNum(h.column.columnDef.meta) ? 'num' : undefined}
                title={h.column.id === 'ece' ? 'Expected calibration error: lower is better' : undefined}
              >
                {flexRender(h.column.columnDef.header, h.getContext())}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((g) => {
          const active = g.versions.find((v) => v.active);
          return (
            <tbody key={g.modelId}>
              <tr className="model-group-row">
                <th scope="colgroup" colSpan={headers.length}>
                  <span className="model-group-name">{g.modelId}</span>
                  <span className="muted">
                    {' · '}
                    {g.versions.length} {g.versions.length === 1 ? 'version' : 'versions'}
                    {active ? ` · version ${active.version} in use` : ' · none in use'}
                    {g.versions[0]?.description ? ` · ${g.versions[0].description}` : ''}
                  </span>
                </th>
              </tr>
              {g.versions.map((m) => {
                const row = rowsById.get(`${m.modelId}@${m.version}`)!;
                const isSelected = selected?.modelId === m.modelId && selected.version === m.version;
                return (
                  <tr
                    key={row.id}
                    className={isSelected ? 'model-row model-row-selected' : 'model-row'}
                    aria-label={`${m.modelId} v${m.version}`}
                    onClick={() => onSelect({ modelId: m.modelId, version: m.version })}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className={isNum(cell.column.columnDef.meta) ? 'num' : undefined}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
