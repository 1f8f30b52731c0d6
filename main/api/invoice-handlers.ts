// The invoices procedures: glue from the contract to the invoice service.
import type { InvoiceService } from '../invoices/invoice-service.ts';
import type { Handlers } from './router.ts';

type InvoiceHandlers = Pick<
  Handlers,
  | 'invoices.list'
  | 'invoices.get'
  | 'invoices.updateField'
  | 'invoices.accept'
  | 'invoices.reopen'
  | 'invoices.export'
>;

export function invoiceHandlers(invoices: InvoiceService): InvoiceHandlers {
  return {
    'invoices.list': (filter) => invoices.list(filter),
    'invoices.get': ({ id }) => invoices.get(id),
    'invoices.updateField': ({ id, field, value }, ctx) => invoices.updateField(id, field, value, ctx.actor),
    'invoices.accept': ({ id }, ctx) => invoices.accept(id, ctx.actor),
    'invoices.reopen': ({ id }, ctx) => invoices.reopen(id, ctx.actor),
    'invoices.export': ({ ids, format }) => invoices.export(ids, format),
  };
}
