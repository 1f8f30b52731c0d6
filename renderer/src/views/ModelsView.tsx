import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Collapse, Group, Stack, Text, Title } from '@mantine/core';
import type { Status } from '../../../main/api/contract.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { CompareVersions } from '../components/models/CompareVersions.tsx';
import { ModelDetail, type Notice } from '../components/models/ModelDetail.tsx';
import { ModelsTable, type VersionRef } from '../components/models/ModelsTable.tsx';
import { TrainPanel } from '../components/models/TrainPanel.tsx';
import { groupByModel, type ModelSummary, type Training } from '../components/models/format.ts';
import { refreshModels, useModelList, useTrainings } from '../components/models/hooks.ts';

/** The version shown when none is chosen (or the chosen one is gone): the first model's active version. */
function fallbackSelection(models: readonly ModelSummary[]): VersionRef | null {
  const first = groupByModel(models)[0];
  const pick = first?.versions.find((v) => v.active) ?? first?.versions[0];
  return pick ? { modelId: pick.modelId, version: pick.version } : null;
}

/** By default, compare with the version in use, or else with the one before. */
function defaultPair(versions: readonly ModelSummary[], version: number): [number, number] {
  const others = versions.filter((v) => v.version !== version);
  const other =
    others.find((v) => v.active) ?? others.find((v) => v.version < version) ?? others[0] ?? versions[0];
  const o = other?.version ?? version;
  return [Math.min(o, version), Math.max(o, version)];
}

export function ModelsView({ area, status }: { area: Area; status: Status | null }) {
  const list = useModelList();
  const queryClient = useQueryClient();
  // Models installed or removed elsewhere (the CLI, another window) change the status's count.
  const installed = status?.counts.models;
  useEffect(() => {
    if (installed !== undefined) void refreshModels(queryClient);
  }, [installed, queryClient]);
  const [chosen, setChosen] = useState<VersionRef | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [trainOpen, setTrainOpen] = useState<boolean | null>(null);
  const [comparePair, setComparePair] = useState<[number, number] | null>(null);
  const onFinished = useCallback((t: Training) => {
    if (t.status === 'done' && t.version !== null) {
      setChosen({ modelId: t.modelId, version: t.version });
      setNotice(null);
    }
  }, []);
  const trainings = useTrainings(onFinished);
  const select = useCallback((ref: VersionRef | null) => {
    setChosen(ref);
    setComparePair(null);
  }, []);

  const models = list.data ?? [];
  const selected =
    chosen && models.some((m) => m.modelId === chosen.modelId && m.version === chosen.version)
      ? chosen
      : fallbackSelection(models);
  const versions = selected ? models.filter((m) => m.modelId === selected.modelId) : [];
  const open = trainOpen ?? (list.data !== undefined && list.data.length === 0);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Inference engine:
          </Text>
          {status ? (
            <Badge color={status.engine.available ? '#1b5e20' : '#a61e1e'} variant="filled">
              {status.engine.available ? 'ready' : 'unavailable'}
            </Badge>
          ) : null}
          <Text size="sm">{status?.engine.message ?? 'checking…'}</Text>
        </Group>
        <Button
          variant={open ? 'default' : 'filled'}
          onClick={() => setTrainOpen(!open)}
          aria-expanded={open}
          aria-controls="train-panel"
        >
          {open ? 'Hide training' : 'Train a model…'}
        </Button>
      </Group>
      <Collapse expanded={open}>
        <Card withBorder padding="md" id="train-panel" component="section" aria-labelledby="train-title">
          <Title order={3} size="h5" mb="sm" id="train-title">
            Train a model
          </Title>
          <TrainPanel
            existingIds={[...new Set(models.map((m) => m.modelId))]}
            trainings={trainings.data ?? []}
          />
        </Card>
      </Collapse>
      {list.error ? (
        <Alert color="red" title="Could not list the models">
          {list.error.message}
        </Alert>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>
      ) : null}
      {models.length > 0 ? (
        <ModelsTable
          models={models}
          selected={selected}
          onSelect={(ref) => {
            select(ref);
            setNotice(null);
          }}
        />
      ) : null}
      {selected ? (
        <ModelDetail
          selected={selected}
          versions={versions}
          notice={notice}
          onNotice={setNotice}
          onSelect={select}
          onCompare={() => setComparePair(defaultPair(versions, selected.version))}
        />
      ) : null}
      {selected && versions.length > 1 ? (
        <CompareVersions
          opened={comparePair !== null}
          modelId={selected.modelId}
          versions={versions}
          pair={comparePair ?? [selected.version, selected.version]}
          onPairChange={setComparePair}
          onClose={() => setComparePair(null)}
        />
      ) : null}
    </Stack>
  );
}
