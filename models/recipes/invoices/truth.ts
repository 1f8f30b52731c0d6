// The ground truth of a rendered document: every field that is printed, with its value normalised as Docket
// must output it, and the boxes of the runs it is printed in. A field is in the truth exactly when a run
// tagged with it was drawn, so the truth never names a value the page does not show.
import type { Box } from '../../../main/documents/layout.ts';
import type {
  InvoiceDocumentType,
  InvoiceFieldName,
  InvoiceLanguage,
  LineItem,
} from '../../../main/invoices/types.ts';
import { INVOICE_FIELDS } from '../../../main/invoices/types.ts';
import { runBox, type ComposedPage } from './compose.ts';
import { centsToNumber } from './format.ts';
import type { GeneratedInvoice } from './model.ts';

export interface FieldBox {
  /** 1-based page number (in a PDF of several documents: the page in that PDF). */
  page: number;
  /** Relative to the page, 0..1, origin top-left. */
  bbox: Box;
  /** The text printed in the box (an address line, a grouped IBAN, an amount with its currency). */
  text: string;
}

export interface InvoiceTruth {
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  /**
   * Values as Docket must output them: dates 'YYYY-MM-DD', amounts as numbers with the printed sign,
   * currency as its ISO 4217 code, IBAN without spaces, VAT ids without spaces, dots or hyphens, other text
   * as printed (address lines joined with ', ').
   */
  fields: Partial<Record<InvoiceFieldName, string | number>>;
  /** All seven keys, null where the document does not print it. */
  lineItems: LineItem[];
  /** Where each field's value (not its label) is printed; several boxes for an address or a repeated value. */
  boxes: Partial<Record<InvoiceFieldName, FieldBox[]>>;
  pages: number;
}

/** The normalised value of a field, from the invoice's data. */
export function fieldValue(inv: GeneratedInvoice, field: InvoiceFieldName): string | number | undefined {
  const amount = (cents: number) => centsToNumber(inv.sign * cents);
  switch (field) {
    case 'invoiceId':
      return inv.invoiceId;
    case 'invoiceDate':
      return inv.invoiceDate;
    case 'dueDate':
      return inv.dueDate;
    case 'purchaseOrder':
      return inv.purchaseOrder;
    case 'vendorName':
      return inv.vendor.name;
    case 'vendorAddress':
      return inv.vendor.addressLines.join(', ');
    case 'vendorTaxId':
      return inv.vendor.vatId?.value;
    case 'customerName':
      return inv.customer?.name;
    case 'customerAddress':
      return inv.customer?.addressLines.join(', ');
    case 'customerTaxId':
      return inv.customer?.vatId?.value;
    case 'currency':
      return inv.currency;
    case 'subTotal':
      return amount(inv.subTotalCents);
    case 'totalTax':
      return amount(inv.totalTaxCents);
    case 'invoiceTotal':
      return amount(inv.totalCents);
    case 'amountDue':
      return amount(inv.amountDueCents);
    case 'paymentTerm':
      return inv.paymentTerm;
    case 'iban':
      return inv.bank?.iban;
    case 'bic':
      return inv.bank?.bic;
  }
}

/** The truth of one document laid out on `pages`, whose first page is `firstPage` in its PDF. */
export function buildTruth(
  inv: GeneratedInvoice,
  pages: readonly ComposedPage[],
  lineItems: LineItem[],
  firstPage = 1,
): InvoiceTruth {
  const boxes: Partial<Record<InvoiceFieldName, FieldBox[]>> = {};
  pages.forEach((page, index) => {
    for (const op of page.ops) {
      if (op.kind !== 'text' || !op.field) continue;
      (boxes[op.field] ??= []).push({ page: firstPage + index, bbox: runBox(op, page), text: op.text });
    }
  });
  const fields: Partial<Record<InvoiceFieldName, string | number>> = {};
  for (const field of INVOICE_FIELDS) {
    // The currency is always shown (symbol, code or a "Currency" line) but is not a labelled span.
    if (field !== 'currency' && !boxes[field]) continue;
    const value = fieldValue(inv, field);
    if (value === undefined)
      throw new Error(`field ${field} was printed but the invoice has no value for it`);
    fields[field] = value;
  }
  return {
    documentType: inv.documentType,
    language: inv.language,
    fields,
    lineItems,
    boxes,
    pages: pages.length,
  };
}
