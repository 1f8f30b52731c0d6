// Currencies as invoices print them: a symbol ("€", "£", "US$"), an ISO 4217 code ("EUR", "MYR"), a
// local abbreviation ("RM" on Malaysian receipts, "Fr." for Swiss francs) or a name ("Euro", "euros").
// "kr" is Swedish, Norwegian or Danish: without a code it names no currency.
import { foldText } from './text.ts';

/**
 * Common ISO 4217 codes. Codes that are also everyday English words on receipts (ALL, TOP, CUP, PEN, MOP)
 * are left out on purpose: "PEN 2 x 1.50" is a pen, not Peruvian soles; so is RON (Malaysian
 * receipts sell "RON 95" petrol).
 */
export const CURRENCY_CODES: ReadonlySet<string> = new Set([
  'EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'SEK', 'NOK', 'DKK', 'ISK', 'PLN', 'CZK', 'HUF', 'BGN',
  'HRK', 'RSD', 'TRY', 'RUB', 'UAH', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MYR', 'IDR', 'THB', 'PHP', 'VND',
  'INR', 'KRW', 'TWD', 'ZAR', 'BRL', 'MXN', 'ARS', 'CLP', 'COP', 'AED', 'SAR', 'QAR', 'KWD', 'ILS', 'EGP',
  'MAD', 'NGN', 'KES', 'BND',
]); // prettier-ignore

/** Symbols and abbreviations, folded (lower case, no accents), to their code; null when ambiguous. */
const MARKERS: ReadonlyMap<string, string | null> = new Map([
  ['€', 'EUR'],
  ['$', 'USD'],
  ['us$', 'USD'],
  ['u$s', 'USD'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₺', 'TRY'],
  ['₽', 'RUB'],
  ['s$', 'SGD'],
  ['a$', 'AUD'],
  ['au$', 'AUD'],
  ['c$', 'CAD'],
  ['ca$', 'CAD'],
  ['nz$', 'NZD'],
  ['hk$', 'HKD'],
  ['r$', 'BRL'],
  ['rm', 'MYR'],
  ['fr.', 'CHF'],
  ['sfr.', 'CHF'],
  ['sfr', 'CHF'],
  ['zl', 'PLN'],
  ['kr', null],
  ['kr.', null],
]);

/** Currency names in the five languages (and a few more), folded. */
const NAMES: ReadonlyMap<string, string> = new Map([
  ['euro', 'EUR'],
  ['euros', 'EUR'],
  ['dollar', 'USD'],
  ['dollars', 'USD'],
  ['dolares', 'USD'],
  ['pound', 'GBP'],
  ['pounds', 'GBP'],
  ['sterling', 'GBP'],
  ['ringgit', 'MYR'],
  ['franken', 'CHF'],
  ['zloty', 'PLN'],
  ['zlotych', 'PLN'],
]);

/**
 * The ISO 4217 code a symbol, code, abbreviation or name stands for; null when the text is none of these
 * or is ambiguous ("kr", "$" is taken as US dollars as most invoices mean it).
 */
export function currencyOf(text: string): string | null {
  const trimmed = text.trim().replace(/[:,;]+$/u, '');
  if (!trimmed) return null;
  const upper = trimmed.toUpperCase();
  if (CURRENCY_CODES.has(upper)) return upper;
  const folded = foldMarker(trimmed);
  if (MARKERS.has(folded)) return MARKERS.get(folded) ?? null;
  const bare = folded.replace(/\.$/u, '');
  if (MARKERS.has(bare)) return MARKERS.get(bare) ?? null;
  return NAMES.get(bare) ?? null;
}

const foldMarker = (text: string) => foldText(text.trim()).replace(/ł/gu, 'l');

/** Whether the text is a currency marker at all, including an ambiguous one ("kr") that names no code. */
export function isCurrencyMarker(text: string): boolean {
  if (currencyOf(text) !== null) return true;
  const folded = foldMarker(text);
  return MARKERS.has(folded) || MARKERS.has(folded.replace(/\.$/u, ''));
}

// A leading or trailing currency glued to or spaced from a number: "€12.50", "12,50 €", "EUR 12.50",
// "RM9.90", "12.50EUR". Codes here are the three-letter shape; currencyOf decides whether it is one.
const LEADING =
  /^(us\$|u\$s|au\$|ca\$|nz\$|hk\$|[sacr]\$|\$|€|£|¥|₹|₩|₺|₽|rm|s?fr\.|zł|kr\.?|[a-z]{3}(?![a-z]))\s*/iu;
const TRAILING = /\s*(us\$|\$|€|£|¥|₹|₩|₺|₽|rm|s?fr\.|zł|kr\.?|(?<![a-z])[a-z]{3}|euros?)$/iu;

export interface CurrencySplit {
  /** The text without the marker. */
  rest: string;
  /** The marker as printed, or null when there was none. */
  marker: string | null;
  /** Its ISO code; null when there was no marker or it is ambiguous ("kr"). */
  code: string | null;
}

/** Takes one leading or trailing currency marker off a number's text. */
export function splitCurrency(text: string): CurrencySplit {
  const lead = LEADING.exec(text);
  if (lead && isCurrencyMarker(lead[1]!)) {
    return { rest: text.slice(lead[0].length), marker: lead[1]!, code: currencyOf(lead[1]!) };
  }
  const trail = TRAILING.exec(text);
  if (trail && isCurrencyMarker(trail[1]!)) {
    return { rest: text.slice(0, trail.index), marker: trail[1]!, code: currencyOf(trail[1]!) };
  }
  return { rest: text, marker: null, code: null };
}
