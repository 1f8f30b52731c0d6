// Two versions of one model side by side: their held-out metrics with the change, and the labels whose F1
// moved most. Higher accuracy and F1 are better; a lower calibration error is better.
import { useMemo } from 'react';
import { Alert, Group, Loader, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useModelDetail } from './hooks.ts';
import { LabelText } from './LabelText.tsx';
import { percent, pointsDelta, type ModelDetail, type ModelSummary } from './format.ts';

function Change({ delta, higherIsBetter = true }: { delta: number | null; higherIsBetter?: boolean }) {
  if (delta === null || Math.abs(delta) < 0.0005) return <span className="muted">{pointsDelta(delta)}</span>;
  const better = higherIsBetter ? delta > 0 : delta < 0;
  const verdict = better ? 'better' : 'worse';
  return (
    <span className={better ? 'delta-better' : 'delta-worse'} title={verdict}>
      <span aria-hidden="true">{delta > 0 ? '▲' : '▼'} </span>
      {pointsDelta(delta)}
      <span className="visually-hidden"> ({verdict})</span>
    </span>
  );
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : b - a);

function MetricsTable({ a, b }: { a: ModelDetail; b: ModelDetail }) {
  const rows: { name: string; a: number | null; b: number | null; higherIsBetter: boolean }[] = [
    { name: 'Accuracy', a: a.metrics.accuracy, b: b.metrics.accuracy, higherIsBetter: true },
    { name: 'Macro-F1', a: a.metrics.macroF1, b: b.metrics.macroF1, higherIsBetter: true },
    ...(a.multiLabel || b.multiLabel
      ? [{ name: 'Micro-F1', a: a.metrics.microF1, b: b.metrics.microF1, higherIsBetter: true }]
      : []),
    { name: 'Calibration error (ECE)', a: a.metrics.ece, b: b.metrics.ece, higherIsBetter: false },
  ];
  return (
    <Table fz="sm" aria-label="Held-out metrics of both versions" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Metric</Table.Th>
          <Table.Th ta="right">Version {a.version}</Table.Th>
          <Table.Th ta="right">Version {b.version}</Table.Th>
          <Table.Th ta="right">Change</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.name}>
            <Table.Th scope="row" fw={500}>
              {r.name}
            </Table.Th>
            <Table.Td ta="right">{percent(r.a)}</Table.Td>
            <Table.Td ta="right">{percent(r.b)}</Table.Td>
            <Table.Td ta="right">
              <Change delta={diff(r.a, r.b)} higherIsBetter={r.higherIsBetter} />
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row" fw={500}>
            Training rows (held out)
          </Table.Th>
          <Table.Td ta="right">
            {a.trainingRows.toLocaleString()} ({a.heldOutRows.toLocaleString()})
          </Table.Td>
          <Table.Td ta="right">
            {b.trainingRows.toLocaleString()} ({b.heldOutRows.toLocaleString()})
          </Table.Td>
          <Table.Td ta="right">
            {b.trainingRows - a.trainingRows >= 0 ? '+' : '−'}
            {Math.abs(b.trainingRows - a.trainingRows).toLocaleString()} rows
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row" fw={500}>
            Labels
          </Table.Th>
          <Table.Td ta="right">{a.labelCount}</Table.Td>
          <Table.Td ta="right">{b.labelCount}</Table.Td>
          <Table.Td ta="right">{b.labelCount - a.labelCount || '±0'}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function PerLabelChanges({ a, b }: { a: ModelDetail; b: ModelDetail }) {
  const rows = useMemo(() => {
    const labels = [...new Set([...Object.keys(a.perClass), ...Object.keys(b.perClass)])];
    return labels
      .map((label) => {
        const fa = a.perClass[label]?.f1 ?? null;
        const fb = b.perClass[label]?.f1 ?? null;
        return { label, fa, fb, delta: diff(fa, fb) };
      })
      .sort((x, y) => Math.abs(y.delta ?? 1) - Math.abs(x.delta ?? 1) || x.label.localeCompare(y.label));
  }, [a, b]);
  if (rows.length === 0) return null;
  return (
    <div
      className="models-scroll"
      style={{ maxHeight: 320 }}
      tabIndex={0}
      role="region"
      aria-label="F1 per label"
    >
      <table className="models-table" aria-label="F1 per label in both versions">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" className="num">
              F1 v{a.version}
            </th>
            <th scope="col" className="num">
              F1 v{b.version}
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td className="label-cell">
                <LabelText label={r.label} />
              </td>
              <td className="num">{r.fa === null ? 'not in this version' : percent(r.fa)}</td>
              <td className="num">{r.fb === null ? 'not in this version' : percent(r.fb)}</td>
              <td className="num">
                <Change delta={r.delta} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CompareVersions({
  opened,
  modelId,
  versions,
  pair,
  onPairChange,
  onClose,
}: {
  opened: boolean;
  modelId: string;
  versions: readonly ModelSummary[];
  pair: [number, number];
  onPairChange: (pair: [number, number]) => void;
  onClose: () => void;
}) {
  const a = useModelDetail(opened ? { modelId, version: pair[0] } : null);
  const b = useModelDetail(opened ? { modelId, version: pair[1] } : null);
  const options = versions.map((v) => ({
    value: String(v.version),
    label: `Version ${v.version}${v.active ? ' (in use)' : ''}`,
  }));
  const error = a.error ?? b.error;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Compare versions of ${modelId}`}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <Stack gap="md">
        <Group grow>
          <Select
            label="Compare"
            data={options}
            value={String(pair[0])}
            onChange={(v) => v && onPairChange([Number(v), pair[1]])}
            allowDeselect={false}
          />
          <Select
            label="With"
            data={options}
            value={String(pair[1])}
            onChange={(v) => v && onPairChange([pair[0], Number(v)])}
            allowDeselect={false}
          />
        </Group>
        {error ? (
          <Alert color="red" title="Could not load a version">
            {error.message}
          </Alert>
        ) : null}
        {a.data && b.data ? (
          <>
            {pair[0] === pair[1] ? (
              <Text size="sm">Choose two different versions to see what changed.</Text>
            ) : null}
            <Stack gap="md">
              <section aria-label="Metrics">
                <Title order={4} size="h6" mb={4}>
                  Held-out metrics
                </Title>
                <MetricsTable a={a.data} b={b.data} />
              </section>
              <section aria-label="Per label">
                <Title order={4} size="h6" mb={4}>
                  F1 per label, largest changes first
                </Title>
                <PerLabelChanges a={a.data} b={b.data} />
              </section>
            </Stack>
            <Text size="xs" c="dimmed">
              Each version is scored on the rows held out from its own training data. When the data differ, so
              do the held-out rows: small differences may be noise.
            </Text>
          </>
        ) : (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">Loading…</Text>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
