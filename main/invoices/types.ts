// The shapes of an invoice or receipt as Docket reads it. `InvoiceExtraction` is exactly what the API and
// `docket extract invoice --json` print (issue 5); internal code may carry more (e.g. the text a value was
// read from) but strips it before printing.
import type { Box } from '../documents/layout.ts';

export const INVOICE_FIELDS = [
  'invoiceId',
  'invoiceDate',
  'dueDate',
  'purchaseOrder',
  'vendorName',
  'vendorAddress',
  'vendorTaxId',
  'customerName',
  'customerAddress',
  'customerTaxId',
  'currency',
  'subTotal',
  'totalTax',
  'invoiceTotal',
  'amountDue',
  'paymentTerm',
  'iban',
  'bic',
] as const;
export type InvoiceFieldName = (typeof INVOICE_FIELDS)[number];

/** Fields whose value is a number (amounts in the invoice's currency). */
export const AMOUNT_FIELDS = ['subTotal', 'totalTax', 'invoiceTotal', 'amountDue'] as const;
/** Fields whose value is an ISO 8601 date (YYYY-MM-DD). */
export const DATE_FIELDS = ['invoiceDate', 'dueDate'] as const;

export const DOCUMENT_TYPES = ['invoice', 'receipt', 'credit_note', 'other'] as const;
export type InvoiceDocumentType = (typeof DOCUMENT_TYPES)[number];

/** The languages Docket reads invoices in. */
export const INVOICE_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es'] as const;
export type InvoiceLanguage = (typeof INVOICE_LANGUAGES)[number];

export type FieldSource = 'model' | 'rule' | 'user';

export interface ExtractedField {
  /** ISO date for dates, a number for amounts, an ISO 4217 code for currency, text otherwise. */
  value: string | number;
  /** 0..1: how likely the value is right; lowered when a validation rule involving it fails. */
  confidence: number;
  /** 1-based page number. */
  page: number;
  /** Relative to the page, 0..1, origin top-left. */
  bbox: Box;
  source: FieldSource;
}

export interface LineItem {
  description: string | null;
  quantity: number | null;
  unit: string | null;
  unitPrice: number | null;
  amount: number | null;
  /** Percent, e.g. 19 for 19 %. */
  taxRate: number | null;
  productCode: string | null;
}

export interface ValidationResult {
  rule: string;
  ok: boolean;
  message: string;
}

export interface InvoiceExtraction {
  file: string;
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  fields: Partial<Record<InvoiceFieldName, ExtractedField>>;
  lineItems: LineItem[];
  validation: ValidationResult[];
}

/** The fields each validation rule checks: a failed rule lowers their confidence and marks them. */
export const VALIDATION_RULE_FIELDS: Record<string, readonly InvoiceFieldName[]> = {
  totals: ['subTotal', 'totalTax', 'invoiceTotal'],
  lineItemsSum: ['subTotal', 'invoiceTotal'],
  lineItemAmounts: [],
  dueDate: ['invoiceDate', 'dueDate'],
  iban: ['iban'],
  vendorTaxId: ['vendorTaxId'],
  customerTaxId: ['customerTaxId'],
};
