// The text an invoice's values are printed as, in its own formats (and with the credit-note sign), shared by
// every layout so that a value looks the same wherever it appears.
import type { GeneratedInvoice, InvoiceLine } from './model.ts';
import { formatAmount, formatDate, formatQuantity, formatRate } from './format.ts';

/** An amount in the invoice's formats, signed as the document prints it. Table cells may omit the currency. */
export function amountText(inv: GeneratedInvoice, cents: number, where: 'table' | 'total' = 'total'): string {
  const bare = where === 'table' && !inv.style.tableCurrency;
  return formatAmount(inv.sign * cents, inv.style.formats, bare);
}

export function dateText(inv: GeneratedInvoice, iso: string): string {
  return formatDate(iso, inv.style.formats.date, inv.language);
}

export function rateText(inv: GeneratedInvoice, rate: number): string {
  return formatRate(rate, inv.style.formats);
}

export function quantityText(
  inv: GeneratedInvoice,
  line: InvoiceLine,
  withUnit = inv.style.quantityWithUnit,
): string {
  const quantity = formatQuantity(line.quantityHundredths, inv.style.formats.number);
  return withUnit ? `${quantity} ${line.unit}` : quantity;
}

/** A label as the style prints it: with or without a trailing colon. */
export function labelText(inv: GeneratedInvoice, label: string): string {
  return inv.style.colon && !label.endsWith(':') ? `${label}:` : label;
}

/** "VAT 20%" from the template "VAT {rate}". */
export function taxLabel(inv: GeneratedInvoice, template: string, rate: number): string {
  return template.replace('{rate}', rateText(inv, rate));
}

/** "Page 2 of 3" from the template "Page {n} of {total}". */
export function pageLabel(inv: GeneratedInvoice, page: number, total: number): string {
  return inv.style.labels.page.replace('{n}', String(page)).replace('{total}', String(total));
}
