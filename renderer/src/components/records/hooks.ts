// Data for the Tickets and CRM views: the list fetched in blocks as it scrolls (100,000 records cost only
// the rows on screen), one record in full, the model status (polled while a training runs), reviews and
// their undo, rules, tags, escalation, and the CSV export.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Input, Output } from '../../../../main/api/contract.ts';
import { api } from '../../api/client.ts';
import { downloadBase64 } from '../../api/download.ts';
import { BLOCK_SIZE, usePagedRows, type PagedRows } from '../../api/paged-list.ts';
import type { LabelValue, RecordKind, RecordSummary, RecordTask, StatusFilter } from './format.ts';

export { BLOCK_SIZE };
/** The most the API lists or exports at once. */
export const MAX_RECORDS = 100_000;
const POLL_MS = 1000;
/** After an import, a retrain or a batch of reviews, a training may start by itself: watch this long. */
const WATCH_MS = 20_000;

export interface RecordFilters {
  kind: RecordKind;
  status?: StatusFilter;
  label?: string;
  minConfidence?: number;
  maxConfidence?: number;
  query?: string;
}

type ListInput = Input<'records.list'>;

export interface RecordRows extends Omit<PagedRows<RecordSummary, Output<'records.list'>>, 'first'> {
  /** Labels in use per task, for the filter menu and the editors. */
  labels: Partial<Record<RecordTask, string[]>>;
}

/** The rows of the list for the filters, fetching the blocks that hold rows `start`…`end`. */
export function useRecordRows(filters: RecordFilters, start: number, end: number): RecordRows {
  const rows = usePagedRows<RecordSummary, Output<'records.list'>>(
    ['records.list', filters.kind, filters],
    (offset, limit) => api.call('records.list', { ...filters, limit, offset } satisfies ListInput),
    start,
    end,
  );
  return { ...rows, labels: rows.first?.labels ?? {} };
}

/** Every id matching the filters (for "select all" across rows not fetched yet). */
export async function allRecordIds(filters: RecordFilters): Promise<number[]> {
  const result = await api.call('records.list', { ...filters, limit: MAX_RECORDS, offset: 0 });
  return result.items.map((i) => i.id);
}

export function useRecord(id: number | null) {
  return useQuery({
    queryKey: ['records.get', id],
    queryFn: () => api.call('records.get', { id: id! }),
    enabled: id !== null,
  });
}

/** After anything that changes labels: the lists, the records and the model status are fetched again. */
export async function refreshRecords(queryClient: QueryClient, kind: RecordKind): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['records.list', kind] }),
    queryClient.invalidateQueries({ queryKey: ['records.get'] }),
    queryClient.invalidateQueries({ queryKey: ['records.status', kind] }),
    queryClient.invalidateQueries({ queryKey: ['records.trainings'] }),
  ]);
}

/** Poll the model status for a while: a training may start in the background. */
export function watchTraining(queryClient: QueryClient, kind: RecordKind): void {
  queryClient.setQueryData(['records.watch', kind], Date.now() + WATCH_MS);
  void queryClient.invalidateQueries({ queryKey: ['records.status', kind] });
  void queryClient.invalidateQueries({ queryKey: ['records.trainings'] });
}

/** The model status per task: polled every second while a training runs (or may be about to). */
export function useModelStatus(kind: RecordKind) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['records.status', kind],
    queryFn: () => api.call('records.status', { kind }),
    staleTime: 0,
    refetchInterval: (q) => {
      const watchUntil = queryClient.getQueryData<number>(['records.watch', kind]) ?? 0;
      return q.state.data?.some((t) => t.training) || Date.now() < watchUntil ? POLL_MS : false;
    },
  });
}

export function useTrainingHistory(task: RecordTask, training: boolean, lastSeen: string) {
  return useQuery({
    queryKey: ['records.trainings', task, lastSeen],
    queryFn: () => api.call('records.trainings', { task, limit: 5 }),
    staleTime: 0,
    refetchInterval: training ? POLL_MS : false,
  });
}

export function useReviewActions(kind: RecordKind) {
  const queryClient = useQueryClient();
  const done = async (recordId: number | null) => {
    await refreshRecords(queryClient, kind);
    if (recordId !== null) watchTraining(queryClient, kind);
  };
  const accept = useMutation({
    mutationFn: (v: { id: number; task?: RecordTask }) => api.call('records.accept', v),
    onSuccess: async (r) => {
      queryClient.setQueryData(['records.get', r.record.id], r.record);
      await done(r.record.id);
    },
  });
  const setLabel = useMutation({
    mutationFn: (v: { id: number; task: RecordTask; value: LabelValue }) => api.call('records.setLabel', v),
    onSuccess: async (r) => {
      queryClient.setQueryData(['records.get', r.record.id], r.record);
      await done(r.record.id);
    },
  });
  const acceptConfident = useMutation({
    mutationFn: (v: { minProbability?: number; ids?: number[] }) =>
      api.call('records.acceptConfident', { kind, ...v }),
    onSuccess: () => done(0),
  });
  const undo = useMutation({
    mutationFn: (reviewIds: number[]) => api.call('records.undo', { reviewIds }),
    onSuccess: () => done(null),
  });
  return { accept, setLabel, acceptConfident, undo };
}

export function usePredict(kind: RecordKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('records.predict', { kind }),
    onSuccess: () => refreshRecords(queryClient, kind),
  });
}

export function useRules(enabled = true) {
  return useQuery({ queryKey: ['rules.list'], queryFn: () => api.call('rules.list', {}), enabled });
}

export function useTags(enabled = true) {
  return useQuery({ queryKey: ['tags.list'], queryFn: () => api.call('tags.list', {}), enabled });
}

export function useEscalation() {
  return useQuery({
    queryKey: ['escalation.get'],
    queryFn: () => api.call('escalation.get', {}),
    staleTime: 60_000,
  });
}

/** Asks the core for the CSV of the records (all of the kind when `ids` is undefined) and downloads it. */
export async function exportRecords(
  kind: RecordKind,
  ids?: number[],
): Promise<{ fileName: string; rows: number }> {
  const file = await api.call('records.export', { kind, ...(ids ? { ids } : {}) });
  downloadBase64(file);
  return { fileName: file.fileName, rows: file.rows };
}
