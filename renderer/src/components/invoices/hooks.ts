// Data for the Invoices view: the list fetched in blocks as it scrolls (so 100,000 invoices cost only the
// rows on screen), one invoice in full, the changes a reviewer makes, and exports.
import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { base64ToBytes } from '../../api/original.ts';
import type { FieldValue, InvoiceDetail, InvoiceFieldName, InvoiceStatus, InvoiceSummary } from './fields.ts';

export const BLOCK_SIZE = 200;
/** The most the API lists or exports at once. */
export const MAX_INVOICES = 100_000;

export interface InvoiceFilters {
  status?: InvoiceStatus;
  query?: string;
}

function listBlock(filters: InvoiceFilters, block: number) {
  return api.call('invoices.list', { ...filters, limit: BLOCK_SIZE, offset: block * BLOCK_SIZE });
}

export interface InvoiceRows {
  /** Matching invoices (null until the first block has arrived). */
  total: number | null;
  rowAt(index: number): InvoiceSummary | undefined;
  error: Error | null;
  /** The first block is still the previous filters' (a new search is running). */
  stale: boolean;
}

/** The rows of the list for the filters, fetching the blocks that hold rows `start`…`end`. */
export function useInvoiceRows(filters: InvoiceFilters, start: number, end: number): InvoiceRows {
  const first = useQuery({
    queryKey: ['invoices.list', filters, 0],
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
      queryKey: ['invoices.list', filters, block],
      queryFn: () => listBlock(filters, block),
      staleTime: 30_000,
    })),
  });
  const loaded = new Map<number, InvoiceSummary[]>();
  if (first.data) loaded.set(0, first.data.items);
  blocks.forEach((b, i) => {
    const items = rest[i]?.data?.items;
    if (items) loaded.set(b, items);
  });
  return {
    total: total ?? first.data?.total ?? null,
    rowAt: (index) => loaded.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE],
    error: first.error ?? rest.find((r) => r.error)?.error ?? null,
    stale: first.isPlaceholderData,
  };
}

/** Every id matching the filters (for "select all" across rows not fetched yet). */
export async function allInvoiceIds(filters: InvoiceFilters): Promise<number[]> {
  const result = await api.call('invoices.list', { ...filters, limit: MAX_INVOICES, offset: 0 });
  return result.items.map((i) => i.id);
}

export function useInvoice(id: number | null) {
  return useQuery({
    queryKey: ['invoices.get', id],
    queryFn: () => api.call('invoices.get', { id: id! }),
    enabled: id !== null,
  });
}

export function useDocument(id: number | undefined) {
  return useQuery({
    queryKey: ['documents.get', id],
    queryFn: () => api.call('documents.get', { id: id! }),
    enabled: id !== undefined,
    staleTime: 60_000,
  });
}

/** After a change: the detail is what the server answered; the list's rows are fetched again. */
function stored(queryClient: QueryClient, detail: InvoiceDetail): void {
  queryClient.setQueryData(['invoices.get', detail.id], detail);
  void queryClient.invalidateQueries({ queryKey: ['invoices.list'] });
}

export function useUpdateField(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ field, value }: { field: InvoiceFieldName; value: FieldValue }) =>
      api.call('invoices.updateField', { id, field, value }),
    onSuccess: (detail) => stored(queryClient, detail),
  });
}

export function useReviewStatus(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'accept' | 'reopen') =>
      action === 'accept' ? api.call('invoices.accept', { id }) : api.call('invoices.reopen', { id }),
    onSuccess: (detail) => stored(queryClient, detail),
  });
}

export type ExportFormat = 'csv' | 'json' | 'xlsx';

/** Asks the core for the export and hands it to the browser as a download. Returns the file's name. */
export async function exportInvoices(ids: number[], format: ExportFormat): Promise<string> {
  const file = await api.call('invoices.export', { ids, format });
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
  return file.fileName;
}
