// Data for the Invoices view: the list fetched in blocks as it scrolls (so 100,000 invoices cost only the
// rows on screen), one invoice in full, the changes a reviewer makes, and exports.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Output } from '../../../../main/api/contract.ts';
import { api } from '../../api/client.ts';
import { downloadBase64 } from '../../api/download.ts';
import { BLOCK_SIZE, usePagedRows, type PagedRows } from '../../api/paged-list.ts';
import type { FieldValue, InvoiceDetail, InvoiceFieldName, InvoiceStatus, InvoiceSummary } from './fields.ts';

export { BLOCK_SIZE };
/** The most the API lists or exports at once. */
export const MAX_INVOICES = 100_000;

export interface InvoiceFilters {
  status?: InvoiceStatus;
  query?: string;
}

export type InvoiceRows = Omit<PagedRows<InvoiceSummary, Output<'invoices.list'>>, 'first' | 'loaded'>;

/** The rows of the list for the filters, fetching the blocks that hold rows `start`…`end`. */
export function useInvoiceRows(filters: InvoiceFilters, start: number, end: number): InvoiceRows {
  return usePagedRows<InvoiceSummary, Output<'invoices.list'>>(
    ['invoices.list', filters],
    (offset, limit) => api.call('invoices.list', { ...filters, limit, offset }),
    start,
    end,
  );
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
  downloadBase64(file);
  return file.fileName;
}
