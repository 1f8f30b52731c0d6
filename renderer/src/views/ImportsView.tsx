import { useEffect, useState } from 'react';
import { Progress, Stack, Text } from '@mantine/core';
import type { EventOf } from '../../../main/api/contract.ts';
import { api } from '../api/client.ts';
import type { Area } from '../areas.ts';
import { EmptyState } from '../components/EmptyState.tsx';

type ProgressEvent = EventOf<'jobs.progress'>;

export function ImportsView({ area }: { area: Area }) {
  const [latest, setLatest] = useState<Map<string, ProgressEvent>>(new Map());
  useEffect(
    () =>
      api.subscribe('jobs.progress', {}, (event) =>
        setLatest((prev) => new Map(prev).set(`${event.kind}:${event.jobId ?? ''}`, event)),
      ),
    [],
  );
  if (latest.size === 0) return <EmptyState title={area.emptyTitle}>{area.emptyBody}</EmptyState>;
  return (
    <Stack gap="sm" aria-live="polite">
      {[...latest.entries()].map(([key, e]) => (
        <div key={key}>
          <Text size="sm">
            {e.message} ({e.done}
            {e.total !== null ? ` of ${e.total}` : ''})
          </Text>
          {e.total ? <Progress value={(100 * e.done) / e.total} aria-label={e.message} /> : null}
        </div>
      ))}
    </Stack>
  );
}
