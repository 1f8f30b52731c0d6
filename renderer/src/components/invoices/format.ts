// How invoice values read in the window: amounts in their currency and dates in the user's locale.
import type { InvoiceStatus, InvoiceSummary } from './fields.ts';

const currencyFormats = new Map<string, Intl.NumberFormat>();
const plainNumber = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234.5 in EUR → "€1,234.50" (or "1.234,50 €", as the locale has it); unknown codes are printed after. */
export function formatAmount(value: number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined) return '—';
  const code = currency?.toUpperCase();
  if (code && /^[A-Z]{3}$/.test(code)) {
    let format = currencyFormats.get(code);
    if (!format) {
      try {
        format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code });
      } catch {
        return `${plainNumber.format(value)} ${code}`;
      }
      currencyFormats.set(code, format);
    }
    return format.format(value);
  }
  return plainNumber.format(value);
}

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "2024-03-31" → "31 Mar 2024" in the user's locale; anything else is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

export const STATUS_LABELS: Record<InvoiceStatus, string> = {
  needs_review: 'Needs review',
  accepted: 'Accepted',
};

export const DOCUMENT_TYPE_LABELS: Record<InvoiceSummary['documentType'], string> = {
  invoice: 'Invoice',
  receipt: 'Receipt',
  credit_note: 'Credit note',
  other: 'Other',
};

export const SOURCE_LABELS: Record<'model' | 'rule' | 'user', { label: string; hint: string }> = {
  model: { label: 'Model', hint: 'Read by the extraction model' },
  rule: { label: 'Rule', hint: 'Found by a pattern rule (dates, amounts, IBAN, VAT numbers…)' },
  user: { label: 'You', hint: 'Entered or corrected by you' },
};

export const LANGUAGE_LABELS: Record<string, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  nl: 'Dutch',
  es: 'Spanish',
};
