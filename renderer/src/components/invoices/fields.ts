// What the window knows about invoice fields: their names for people, how they are entered, which
// validation rules involve them, and how a typed value becomes what the API accepts. The renderer may not
// load code from main/, so the lists are repeated here, typed against the contract so a new field fails
// the type check until it has a label.
import type { Input, Output } from '../../../../main/api/contract.ts';

export type InvoiceSummary = Output<'invoices.list'>['items'][number];
export type InvoiceDetail = Output<'invoices.get'>;
export type InvoiceFieldName = Input<'invoices.updateField'>['field'];
export type ExtractedField = NonNullable<InvoiceDetail['extraction']['fields'][InvoiceFieldName]>;
export type LineItem = InvoiceDetail['extraction']['lineItems'][number];
export type ValidationResult = InvoiceDetail['extraction']['validation'][number];
export type InvoiceStatus = InvoiceSummary['status'];
export type FieldValue = Input<'invoices.updateField'>['value'];

export const FIELD_LABELS: Record<InvoiceFieldName, string> = {
  invoiceId: 'Invoice number',
  invoiceDate: 'Invoice date',
  dueDate: 'Due date',
  purchaseOrder: 'Purchase order',
  paymentTerm: 'Payment terms',
  vendorName: 'Vendor',
  vendorAddress: 'Vendor address',
  vendorTaxId: 'Vendor VAT / tax ID',
  customerName: 'Customer',
  customerAddress: 'Customer address',
  customerTaxId: 'Customer VAT / tax ID',
  currency: 'Currency',
  subTotal: 'Subtotal',
  totalTax: 'Tax',
  invoiceTotal: 'Total',
  amountDue: 'Amount due',
  iban: 'IBAN',
  bic: 'BIC',
};

/** The fields in the order a clerk reads them, in groups. */
export const FIELD_GROUPS: readonly { title: string; fields: readonly InvoiceFieldName[] }[] = [
  { title: 'Invoice', fields: ['invoiceId', 'invoiceDate', 'dueDate', 'purchaseOrder', 'paymentTerm'] },
  { title: 'Vendor', fields: ['vendorName', 'vendorAddress', 'vendorTaxId'] },
  { title: 'Customer', fields: ['customerName', 'customerAddress', 'customerTaxId'] },
  { title: 'Amounts', fields: ['currency', 'subTotal', 'totalTax', 'invoiceTotal', 'amountDue'] },
  { title: 'Payment', fields: ['iban', 'bic'] },
];

export const ALL_FIELDS: readonly InvoiceFieldName[] = FIELD_GROUPS.flatMap((g) => g.fields);

export type FieldKind = 'amount' | 'date' | 'currency' | 'multiline' | 'text';

const KINDS: Partial<Record<InvoiceFieldName, FieldKind>> = {
  subTotal: 'amount',
  totalTax: 'amount',
  invoiceTotal: 'amount',
  amountDue: 'amount',
  invoiceDate: 'date',
  dueDate: 'date',
  currency: 'currency',
  vendorAddress: 'multiline',
  customerAddress: 'multiline',
};

export function fieldKind(field: InvoiceFieldName): FieldKind {
  return KINDS[field] ?? 'text';
}

/** Below this confidence a field asks to be checked. */
export const LOW_CONFIDENCE = 0.8;

/** The fields each validation rule looks at; rules not listed here still show in the warnings. */
export const RULE_FIELDS: Record<string, readonly InvoiceFieldName[]> = {
  totals: ['subTotal', 'totalTax', 'invoiceTotal'],
  lineItemsSum: ['subTotal'],
  lineItemAmounts: [],
  dueDate: ['invoiceDate', 'dueDate'],
  iban: ['iban'],
  vendorTaxId: ['vendorTaxId'],
  customerTaxId: ['customerTaxId'],
  amountDue: ['amountDue', 'invoiceTotal'],
};

/** Rules that are about the line items table rather than a field. */
export const LINE_ITEM_RULES: ReadonlySet<string> = new Set(['lineItemsSum', 'lineItemAmounts']);

/** Failed rules per field, for marking the fields a warning is about. */
export function failedRulesByField(
  validation: readonly ValidationResult[],
): Map<InvoiceFieldName, ValidationResult[]> {
  const byField = new Map<InvoiceFieldName, ValidationResult[]>();
  for (const result of validation) {
    if (result.ok) continue;
    for (const field of RULE_FIELDS[result.rule] ?? []) {
      byField.set(field, [...(byField.get(field) ?? []), result]);
    }
  }
  return byField;
}

/** The value as the editor shows it: ISO dates and plain numbers, so what is typed is what is saved. */
export function editableText(field: ExtractedField | undefined): string {
  if (!field) return '';
  return typeof field.value === 'number' ? String(field.value) : field.value;
}

/**
 * Reads an amount as people type it: "1234.5", "1,234.50", "1.234,50", "1 234,50", "-12". The last "."
 * or "," followed by one or two digits is the decimal separator; other separators group thousands.
 */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[-+]?[\d.,]*\d[\d.,]*$/.test(compact)) return null;
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const before = decimal ? compact.slice(0, decimal.index) : compact;
  const whole = /^[-+]?$/.test(before) ? `${before}0` : before; // ".5" is 0.5
  if (!/^[-+]?(\d+|\d{1,3}([.,]\d{3})+)$/.test(whole)) return null;
  const value = Number(`${whole.replace(/[.,]/g, '')}${decimal ? `.${decimal[1]}` : ''}`);
  return Number.isFinite(value) ? value : null;
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/**
 * What the user typed, as the value to send — or the problem with it, in words. An empty box removes the
 * field (null). The server checks again; this only spares a round trip for the common slips.
 */
export function parseFieldInput(
  field: InvoiceFieldName,
  text: string,
): { value: FieldValue; problem?: undefined } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  switch (fieldKind(field)) {
    case 'amount': {
      const n = parseAmount(trimmed);
      return n === null ? { problem: 'Enter an amount in figures, such as 1234.50.' } : { value: n };
    }
    case 'date':
      return isIsoDate(trimmed)
        ? { value: trimmed }
        : { problem: 'Enter a real date as year-month-day, such as 2024-03-31.' };
    case 'currency':
      return /^[A-Za-z]{3}$/.test(trimmed)
        ? { value: trimmed.toUpperCase() }
        : { problem: 'Enter a three-letter currency code, such as EUR, USD or GBP.' };
    default:
      return trimmed.length > 2000 ? { problem: 'At most 2,000 characters.' } : { value: trimmed };
  }
}

/** True when the typed text would save the value the field already has. */
export function sameValue(field: InvoiceFieldName, current: ExtractedField | undefined, text: string) {
  const parsed = parseFieldInput(field, text);
  if (parsed.problem !== undefined) return false;
  return (parsed.value ?? null) === (current?.value ?? null);
}

export function hasBox(field: ExtractedField | undefined): field is ExtractedField {
  if (!field) return false;
  const [x0, y0, x1, y1] = field.bbox;
  return x1 > x0 && y1 > y0;
}
