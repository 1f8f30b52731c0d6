// A value the user typed into a field, checked for its form before it is stored: an ISO date, an amount, a
// currency code, an IBAN or BIC of the right shape. A form error is BAD_INPUT with words the user
// understands; a checksum that fails is not a form error (the value is kept and validation warns).
import { DocketError } from '../api/errors.ts';
import { parseAmount } from './rules/amounts.ts';
import { CURRENCY_CODES, currencyOf } from './rules/currency.ts';
import { AMOUNT_FIELDS, DATE_FIELDS, type InvoiceFieldName } from './types.ts';

const bad = (message: string) => new DocketError('BAD_INPUT', message);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Only YYYY-MM-DD: "12/01/2024" means 12 January to some users and 1 December to others. */
function isoDate(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text ? text : null;
}

// Control characters (NUL, tab, line breaks, DEL) never belong in a field typed on one line.
const CONTROL = /\p{Cc}/u;

/** The stored value for what the user typed; null removes the field (an empty text). */
export function parseUserValue(field: InvoiceFieldName, input: string | number): string | number | null {
  if (typeof input === 'string' && input.trim() === '') return null;
  if ((AMOUNT_FIELDS as readonly string[]).includes(field)) {
    const value = typeof input === 'number' ? Math.round(input * 100) / 100 : parseAmount(input.trim());
    if (value === null || !Number.isFinite(value))
      throw bad(`"${input}" is not an amount. Enter a number such as 1234.56.`);
    return value;
  }
  const text = String(input).trim();
  if (CONTROL.test(text))
    throw bad('The value holds control characters (such as a tab or line break); type it on one line.');
  if ((DATE_FIELDS as readonly string[]).includes(field)) {
    const value = isoDate(text);
    if (!value) throw bad(`"${text}" is not a date. Enter it as YYYY-MM-DD, for example 2024-03-31.`);
    return value;
  }
  if (field === 'currency') {
    const code = CURRENCY_CODES.has(text.toUpperCase()) ? text.toUpperCase() : currencyOf(text);
    if (!code)
      throw bad(`"${text}" is not a currency. Enter its three-letter code, such as EUR, USD or GBP.`);
    return code;
  }
  if (field === 'iban') {
    const compact = text.replace(/\s+/gu, '').toUpperCase();
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/u.test(compact)) {
      throw bad(
        `"${text}" is not an IBAN: it starts with a country code and two check digits, e.g. DE89 3704 0044 0532 0130 00.`,
      );
    }
    return compact;
  }
  if (field === 'bic') {
    const compact = text.replace(/\s+/gu, '').toUpperCase();
    if (!/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/u.test(compact)) {
      throw bad(`"${text}" is not a BIC: 8 or 11 letters and digits, e.g. COBADEFFXXX.`);
    }
    return compact;
  }
  if (field === 'vendorTaxId' || field === 'customerTaxId')
    return text.replace(/[\s.-]+/gu, '').toUpperCase();
  return text;
}
