// Data for the Models view: installed versions, one version's detail, and trainings with live progress.
import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Training } from './format.ts';

const POLL_MS = 300;

export function useModelList() {
  return useQuery({ queryKey: ['models.list'], queryFn: () => api.call('models.list', {}) });
}

export function useModelDetail(ref: { modelId: string; version: number } | null) {
  return useQuery({
    queryKey: ['models.get', ref?.modelId, ref?.version],
    queryFn: () => api.call('models.get', { modelId: ref!.modelId, version: ref!.version }),
    enabled: ref !== null,
    staleTime: 60_000,
  });
}

/** After anything changes which versions exist or which is active. */
export async function refreshModels(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['models.list'] }),
    queryClient.invalidateQueries({ queryKey: ['models.get'] }),
  ]);
}

/**
 * Trainings since the app started, polled every 300 ms while one runs. The `jobs.progress` events wake the
 * poll up when a training starts elsewhere; when one finishes, the model list is refreshed and `onFinished`
 * is told (once per training).
 */
export function useTrainings(onFinished?: (t: Training) => void) {
  const queryClient = useQueryClient();
  const trainings = useQuery({
    queryKey: ['models.trainings'],
    queryFn: () => api.call('models.trainings', {}),
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some((t) => t.status === 'running') ? POLL_MS : false),
  });
  useEffect(
    () =>
      api.subscribe('jobs.progress', {}, (event) => {
        if (event.kind !== 'training') return;
        const known = queryClient.getQueryData<Training[]>(['models.trainings']);
        const polling = known?.some((t) => t.status === 'running');
        if (!polling || !known?.some((t) => t.id === event.jobId)) {
          void queryClient.invalidateQueries({ queryKey: ['models.trainings'] });
        }
      }),
    [queryClient],
  );

  // Trainings seen running: when one of them ends, the versions change.
  const running = useRef(new Set<number>());
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  }, [onFinished]);
  useEffect(() => {
    for (const t of trainings.data ?? []) {
      if (t.status === 'running') running.current.add(t.id);
      else if (running.current.delete(t.id)) {
        void refreshModels(queryClient);
        finished.current?.(t);
      }
    }
  }, [trainings.data, queryClient]);
  return trainings;
}
