// One model version in full: its held-out scores, per-label scores, confusion matrix, thresholds,
// calibration and training data, with the actions that change which version is in use.
import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { PerClassTable } from './PerClassTable.tsx';
import { refreshModels, useModelDetail } from './hooks.ts';
import {
  f1Name,
  formatBytes,
  formatDate,
  mainF1,
  percent,
  taskName,
  type ModelDetail as Detail,
  type ModelSummary,
} from './format.ts';
import type { VersionRef } from './ModelsTable.tsx';

export interface Notice {
  kind: 'done' | 'error';
  text: string;
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="xs" radius="sm" title={hint}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={4} size="h6">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={false} fz="sm" verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Th w={190}>{k}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Body({ detail }: { detail: Detail }) {
  const m = detail.metrics;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="xs">
        <Stat label="Accuracy" value={percent(m.accuracy)} hint="Share of held-out rows predicted right" />
        <Stat
          label={f1Name(detail.multiLabel)}
          value={percent(mainF1(detail))}
          hint={
            detail.multiLabel
              ? 'F1 over every label decision on the held-out rows'
              : 'F1 averaged over the labels, each counting the same'
          }
        />
        <Stat
          label="Calibration error"
          value={percent(m.ece)}
          hint="Expected calibration error (ECE) on held-out rows: lower is better"
        />
        <Stat label="Training rows" value={detail.trainingRows.toLocaleString()} />
        <Stat label="Held-out rows" value={detail.heldOutRows.toLocaleString()} />
        <Stat label="Labels" value={detail.labelCount.toLocaleString()} />
      </SimpleGrid>
      {/* Side by side while the matrix is small; with many labels each gets the full width. */}
      <SimpleGrid cols={{ base: 1, lg: detail.labels.length <= 10 ? 2 : 1 }} spacing="lg">
        <Section title="Scores per label (held out)">
          {Object.keys(detail.perClass).length ? (
            <PerClassTable detail={detail} />
          ) : (
            <Text size="sm" c="dimmed">
              No per-label scores were recorded for this model.
            </Text>
          )}
        </Section>
        <Section title="Confusion matrix (held out)">
          <ConfusionMatrix labels={detail.labels} matrix={detail.confusion} />
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section title="Thresholds and calibration">
          <Facts
            rows={[
              ['Applied automatically', `at ${percent(detail.thresholds.autoApply)} confidence or more`],
              ['Suggested for review', `from ${percent(detail.thresholds.abstain)} confidence`],
              ['Left unassigned', `below ${percent(detail.thresholds.abstain)}, for a person to decide`],
              ['Calibration', `temperature scaling, T = ${detail.temperature.toFixed(2)}`],
              [
                'Calibration error (ECE)',
                detail.eceBefore !== null
                  ? `${percent(detail.eceBefore)} before calibration, ${percent(m.ece)} after`
                  : percent(m.ece),
              ],
            ]}
          />
        </Section>
        <Section title="Training data and credits">
          <Facts
            rows={[
              ['Trained from', detail.trainingSource ?? '—'],
              [
                'Rows',
                `${detail.trainingRows.toLocaleString()}; ${detail.heldOutRows.toLocaleString()} of them held out to measure it, then learned from too`,
              ],
              ['Created', formatDate(detail.created)],
              ['Installed', formatDate(detail.installedAt)],
              [
                'Format',
                `${detail.format === 'docket' ? 'Docket' : 'transformers.js'} · ${formatBytes(detail.sizeBytes)}`,
              ],
              ['Fingerprint (SHA-256)', <code key="sha">{detail.sha256.slice(0, 16)}…</code>],
              [
                'Data credits',
                detail.data.length ? (
                  <Stack gap={4} key="credits">
                    {detail.data.map((d) => (
                      <Text size="sm" key={d.name}>
                        <strong>{d.name}</strong> ({d.licence}): {d.attribution}
                      </Text>
                    ))}
                  </Stack>
                ) : (
                  'Your own data; no third-party data set.'
                ),
              ],
            ]}
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

type Pending = null | 'rollback' | 'delete';

export function ModelDetail({
  selected,
  versions,
  notice,
  onNotice,
  onSelect,
  onCompare,
}: {
  selected: VersionRef;
  /** Every installed version of the same model. */
  versions: readonly ModelSummary[];
  notice: Notice | null;
  onNotice: (n: Notice | null) => void;
  onSelect: (ref: VersionRef | null) => void;
  onCompare: () => void;
}) {
  const queryClient = useQueryClient();
  const detail = useModelDetail(selected);
  const [pending, setPending] = useState<Pending>(null);
  const summary = versions.find((v) => v.version === selected.version);
  const active = versions.find((v) => v.active);
  const { modelId, version } = selected;

  const act = useMutation({
    mutationFn: async (what: 'activate' | 'rollback' | 'delete') => {
      if (what === 'activate') return api.call('models.activate', { modelId, version });
      if (what === 'rollback') return api.call('models.rollback', { modelId });
      await api.call('models.delete', { modelId, version });
      return null;
    },
    onMutate: () => onNotice(null),
    onSuccess: async (result, what) => {
      setPending(null);
      await refreshModels(queryClient);
      if (what === 'delete') {
        onNotice({ kind: 'done', text: `Deleted version ${version} of ${modelId}.` });
        const next = versions.find((v) => v.version !== version);
        onSelect(next ? { modelId, version: next.version } : null);
      } else if (result) {
        onNotice({
          kind: 'done',
          text:
            what === 'rollback'
              ? `Rolled back: version ${result.version} of ${modelId} is in use again.`
              : `Version ${result.version} of ${modelId} is now in use.`,
        });
        onSelect({ modelId, version: result.version });
      }
    },
    onError: (e) => {
      setPending(null);
      onNotice({ kind: 'error', text: e.message });
    },
  });

  const canDelete = summary !== undefined && (!summary.active || versions.length === 1);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="model-detail-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3} size="h4" id="model-detail-title">
                {modelId} · version {version}
              </Title>
              {summary?.active ? <Badge color="teal.9">Active</Badge> : null}
            </Group>
            {summary ? (
              <Text size="sm" c="dimmed">
                {taskName(summary.task)}
                {summary.multiLabel ? ' (multi-label)' : ''} · {summary.labelCount} labels
                {active && !summary.active ? ` · version ${active.version} is in use` : ''}
                {summary.description ? ` · ${summary.description}` : ''}
              </Text>
            ) : null}
          </Stack>
          <Group gap="xs">
            {summary && !summary.active ? (
              <Button size="xs" onClick={() => act.mutate('activate')} loading={act.isPending}>
                Use this version
              </Button>
            ) : null}
            {summary?.active && versions.length > 1 ? (
              <Button size="xs" variant="default" onClick={() => setPending('rollback')}>
                Roll back…
              </Button>
            ) : null}
            {versions.length > 1 ? (
              <Button size="xs" variant="default" onClick={onCompare}>
                Compare versions…
              </Button>
            ) : null}
            <Button
              size="xs"
              variant="default"
              color="red.8"
              disabled={!canDelete}
              title={canDelete ? undefined : 'The version in use cannot be deleted while others exist'}
              onClick={() => setPending('delete')}
            >
              Delete…
            </Button>
          </Group>
        </Group>
        {notice ? (
          <Alert
            color={notice.kind === 'error' ? 'red' : 'teal'}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => onNotice(null)}
            title={notice.kind === 'error' ? 'That did not work' : undefined}
          >
            {notice.text}
          </Alert>
        ) : null}
        {detail.error ? (
          <Alert color="red" title="Could not load this version">
            {detail.error.message}
          </Alert>
        ) : null}
        {detail.data ? (
          <Body detail={detail.data} />
        ) : detail.isLoading ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">Loading…</Text>
          </Group>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={pending === 'rollback'}
        title={`Roll back ${modelId}?`}
        confirmLabel="Roll back"
        keepLabel={`Keep version ${version}`}
        busy={act.isPending}
        onConfirm={() => act.mutate('rollback')}
        onClose={() => setPending(null)}
      >
        Version {version} stops being used and the version in use before it takes over again. Version{' '}
        {version} stays installed, so you can use it again later.
      </ConfirmDialog>
      <ConfirmDialog
        opened={pending === 'delete'}
        title={`Delete version ${version} of ${modelId}?`}
        confirmLabel="Delete version"
        keepLabel="Keep it"
        danger
        busy={act.isPending}
        onConfirm={() => act.mutate('delete')}
        onClose={() => setPending(null)}
      >
        Its model files are removed from this computer. This cannot be undone.
      </ConfirmDialog>
    </Card>
  );
}
