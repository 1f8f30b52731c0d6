import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Status } from '../../../main/api/contract.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';

export function ModelsView({ area, status }: { area: Area; status: Status | null }) {
  return (
    <Stack gap="md">
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
      {status && status.counts.models > 0 ? null : (
        <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>
      )}
    </Stack>
  );
}
