// Data for the Tickets and CRM views: the list fetched in blocks as it scrolls (100,000 records cost only
// the rows on screen), one record in full, the model status (polled while a training runs), reviews and
// their undo, rules, tags, escalation, and the CSV export.
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import type { Input } from '../../../../main/api/contract.ts';
import { api } from '../../api/client.ts';
import { base64ToBytes } from '../../api/original.ts';
import type { LabelValue, RecordKind, RecordSummary, RecordTask, StatusFilter } from './format.ts';

export const BLOCK_SIZE = 200;
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

function listBlock(filters: RecordFilters, block: number) {
  const input: ListInput = { ...filters, limit: BLOCK_SIZE, offset: block * BLOCK_SIZE };
  return api.call('records.list', input);
}

export interface RecordRows {
  /** Matching records (null until the first block has arrived). */
  total: number | null;
  rowAt(index: number): RecordSummary | undefined;
  /** Labels in use per task, for the filter menu and the editors. */
  labels: Partial<Record<RecordTask, string[]>>;
  error: Error | null;
  /** The first block is still the previous filters' (a new search is running). */
  stale: boolean;
  /** Every row fetched so far, by index (to find the next record needing review). */
  loaded: ReadonlyMap<number, RecordSummary[]>;
}

/** The rows of the list for the filters, fetching the blocks that hold rows `start`…`end`. */
export function useRecordRows(filters: RecordFilters, start: number, end: number): RecordRows {
  const first = useQuery({
    queryKey: ['records.list', filters.kind, filters, 0],
    queryFn: () => listBlock(filters, 0),
    // Keep the last results on screen while the next search runs, so the table does not flicker away.
    placeholderData: keepPreviousData,
  });
  const total = first.isPlaceholderData ? null : (first.data?.total ?? null);
  const blocks: number[] = [];
  if (total !== null) {
    const last = Math.min(Math.floor(Math.max(0, end) / BLOCK_SIZE), Math.floor((total - 1) / BLOCK_SIZE));
    for (let b = Math.max(1, Math.floor(start / BLOCK_SIZE)); b <= last; b++) blocks.push(b);
  }
  const rest = useQueries({
    queries: blocks.map((block) => ({
      queryKey: ['records.list', filters.kind, filters, block],
      queryFn: () => listBlock(filters, block),
      staleTime: 30_000,
      placeholderData: keepPreviousData,
    })),
  });
  const loaded = new Map<number, RecordSummary[]>();
  if (first.data) loaded.set(0, first.data.items);
  blocks.forEach((b, i) => {
    const items = rest[i]?.data?.items;
    if (items) loaded.set(b, items);
  });
  return {
    total: total ?? first.data?.total ?? null,
    rowAt: (index) => loaded.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE],
    labels: first.data?.labels ?? {},
    error: first.error ?? rest.find((r) => r.error)?.error ?? null,
    stale: first.isPlaceholderData,
    loaded,
  };
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

export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** Hands a file the core wrote (base64) to the browser as a download. */
export function downloadBase64(file: { fileName: string; mediaType: string; dataBase64: string }): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(file.dataBase64)], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click is handled; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
