// The shape of one generated document: its data (amounts in cents, quantities in hundredths, so the
// arithmetic is exact) and the style it is printed in. Everything a renderer needs is here, so one
// GeneratedInvoice always prints the same PDF.
import type { InvoiceDocumentType, InvoiceLanguage } from '../../../main/invoices/types.ts';
import type { Labels } from './labels.ts';

export type Country = 'GB' | 'IE' | 'US' | 'DE' | 'AT' | 'CH' | 'FR' | 'BE' | 'NL' | 'ES';
export type CurrencyCode = 'EUR' | 'GBP' | 'USD' | 'CHF';

export interface NumberStyle {
  /** Thousands separator ('' for none). */
  group: '' | ',' | '.' | ' ' | "'";
  decimal: '.' | ',';
}

export type CurrencyPlacement =
  | 'symbol-before' // €1,234.56
  | 'symbol-before-space' // € 1.234,56
  | 'symbol-after' // 1.234,56 €
  | 'code-before' // EUR 1.234,56
  | 'code-after' // 1.234,56 EUR
  | 'none'; // 1.234,56 (the currency is named once elsewhere)

export type DateStyle =
  | 'DD.MM.YYYY'
  | 'DD/MM/YYYY'
  | 'DD-MM-YYYY'
  | 'MM/DD/YYYY'
  | 'YYYY-MM-DD'
  /** 12 March 2024, 12. März 2024, 12 mars 2024, 12 maart 2024, 12 de marzo de 2024 */
  | 'D MONTH YYYY'
  /** Mar 12, 2024 */
  | 'MON D, YYYY'
  /** March 12, 2024 */
  | 'MONTH D, YYYY';

export interface Formats {
  language: InvoiceLanguage;
  number: NumberStyle;
  currency: CurrencyCode;
  placement: CurrencyPlacement;
  date: DateStyle;
  /** A space between a number and '%' (19 % rather than 19%). */
  spacedPercent: boolean;
}

export interface TaxId {
  /** As printed, possibly grouped ("DE 123 456 789", "CHE-123.456.789 MWST"). */
  printed: string;
  /** Without spaces, dots, hyphens or slashes: what Docket must output. */
  value: string;
}

export interface Party {
  name: string;
  /** Printed address lines, street first. */
  addressLines: string[];
  country: Country;
  vatId?: TaxId | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  website?: string | undefined;
}

export interface BankAccount {
  bankName: string;
  /** Electronic format, no spaces. */
  iban: string;
  /** Printed in groups of four, or not. */
  ibanPrinted: string;
  bic?: string | undefined;
}

export interface InvoiceLine {
  position: number;
  productCode: string | null;
  /** The item's name, then detail lines (all printed; the truth joins them with spaces). */
  descriptionLines: string[];
  /** 150 = 1.5 */
  quantityHundredths: number;
  unit: string;
  unitPriceCents: number;
  amountCents: number;
  /** Percent, e.g. 19 or 5.5. */
  taxRate: number;
}

export interface TaxLine {
  rate: number;
  baseCents: number;
  taxCents: number;
}

export interface ReceiptPayment {
  method: 'cash' | 'card';
  givenCents: number;
  changeCents: number;
}

export const LAYOUTS = [
  'classic',
  'letterhead',
  'banner',
  'footer-vendor',
  'grid',
  'minimal',
  'right-customer',
] as const;
export const RECEIPT_LAYOUTS = ['receipt'] as const;
export type InvoiceLayoutId = (typeof LAYOUTS)[number];
export type LayoutId = InvoiceLayoutId | (typeof RECEIPT_LAYOUTS)[number];

export const COLUMN_IDS = [
  'position',
  'productCode',
  'description',
  'quantity',
  'unit',
  'unitPrice',
  'taxRate',
  'amount',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export type FontFamily = 'Helvetica' | 'Times' | 'Courier';

export type ReceiptItemStyle =
  | 'qty-x-name' // 2 x Coffee          3,00
  | 'name-then-qty' // Coffee               3,00 / "  2 x 1,50" below
  | 'table' // a header "Qty Item Price Total" and columns
  | 'name-only'; // Coffee 3,00 (one of each, no quantity printed)

export interface InvoiceStyle {
  layout: LayoutId;
  family: FontFamily;
  /** Body font size in points (7–11). */
  size: number;
  /** The document title's size (the "logo" of some layouts is bigger). */
  titleSize: number;
  /** Points; receipts grow to their content (height 0 until laid out). */
  page: { width: number; height: number };
  formats: Formats;
  /** Unit prices and line amounts in the table carry the currency too. */
  tableCurrency: boolean;
  columns: ColumnId[];
  rules: 'grid' | 'rows' | 'header' | 'none';
  headerFill: boolean;
  /** A table continued on the next page repeats its header row. */
  repeatHeader: boolean;
  /** Meta block: "Key: value" on one line, or the key above its value. */
  metaStyle: 'inline' | 'stacked';
  /** For inline meta: values start at one x, or end at the block's right edge. */
  metaValueAlign: 'left' | 'right';
  /** Labels end with ':'. */
  colon: boolean;
  customerRight: boolean;
  /** Vendor's address printed on one line ("street, postcode city") where the layout allows. */
  addressOneLine: boolean;
  /** Quantity and unit in one cell ("2 h") instead of a unit column. */
  quantityWithUnit: boolean;
  pageNumbers: boolean;
  accent: [number, number, number];
  receiptItems: ReceiptItemStyle;
  labels: Labels;
}

export interface GeneratedInvoice {
  seed: number;
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  country: Country;
  currency: CurrencyCode;
  invoiceId: string;
  /** ISO dates. */
  invoiceDate: string;
  dueDate?: string | undefined;
  deliveryDate?: string | undefined;
  /** Receipts print a time next to the date. */
  time?: string | undefined;
  purchaseOrder?: string | undefined;
  customerNumber?: string | undefined;
  /** The payment term as printed ("30 days net", "Zahlbar innerhalb von 14 Tagen"). */
  paymentTerm?: string | undefined;
  /** Credit notes name the invoice they correct (a second invoice number that is not the id). */
  referenceInvoiceId?: string | undefined;
  contactPerson?: string | undefined;
  vendor: Party;
  customer?: Party | undefined;
  bank?: BankAccount | undefined;
  lines: InvoiceLine[];
  /**
   * Receipts often print prices that include tax: the lines then sum to the total, and no net subtotal is
   * printed (so the truth has none).
   */
  pricesIncludeTax: boolean;
  taxes: TaxLine[];
  subTotalCents: number;
  totalTaxCents: number;
  totalCents: number;
  /** A deposit already paid (0 for none): amountDue = total − deposit. */
  depositCents: number;
  amountDueCents: number;
  /** Whether an "amount due" line is printed (always when there is a deposit). */
  printAmountDue: boolean;
  /**
   * Credit notes print either negative amounts (-1): unit prices, line amounts and totals below zero, quantities
   * positive; or positive amounts under the credit-note title (1). The truth carries the printed sign.
   */
  sign: 1 | -1;
  payment?: ReceiptPayment | undefined;
  style: InvoiceStyle;
}
