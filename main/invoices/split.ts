// One PDF may hold several invoices (a scanned batch, a month's bills in one file). Pages are grouped by the
// invoice number their labels point to: a page whose number differs from the current group's starts a new
// invoice; a page without one (a continuation, terms and conditions) stays with the invoice before it.
import type { Page } from '../documents/layout.ts';
import { labelledInvoiceId, type ReadingContext } from './fields.ts';

export function splitInvoices(pages: readonly Page[], context: ReadingContext): Page[][] {
  const groups: { id: string | null; pages: Page[] }[] = [];
  for (const page of pages) {
    const id = labelledInvoiceId(page, context);
    const current = groups.at(-1);
    if (!current || (id !== null && current.id !== null && id !== current.id)) {
      groups.push({ id, pages: [page] });
    } else {
      current.pages.push(page);
      current.id ??= id;
    }
  }
  return groups.map((g) => g.pages);
}
