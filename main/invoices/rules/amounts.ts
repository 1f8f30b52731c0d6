// Amounts as invoices print them in the five languages: "1,234.56" (en), "1.234,56" (de, nl, es),
// "1 234,56" (fr, also with a no-break or narrow no-break space), "1'234.56" (ch), with a currency before
// or after and a sign in front, behind ("12.00-") or as parentheses ("(12.00)").
//
// The one real ambiguity is a single separator followed by exactly three digits: "1.000" is a thousand in
// German and one (with three decimals) in English. With the document's number format known, that decides.
// Without it, the separator is read as a thousands separator: amounts with three decimals are rare on
// invoices and receipts, while round thousands are common.
import { splitCurrency } from './currency.ts';

export type NumberFormat = 'dot-decimal' | 'comma-decimal';

export interface AmountReading {
  value: number;
  /** ISO code of a currency printed with the number ("€", "EUR", "RM"); null when none or ambiguous. */
  currency: string | null;
  /** The currency marker as printed, even when it names no single code ("kr"). */
  currencyMarker: string | null;
  /** Whether the number has a decimal part ("12.50", "12,5"); "1.000" read as a thousand has none. */
  hasDecimals: boolean;
  /** Digits after the decimal separator (0 when none). */
  decimals: number;
  /** Whether thousands separators were read ("1,000", "1 234,56"). */
  grouped: boolean;
}

const SPACES = /[\u00A0\u202F\u2009\u2007]/gu;
const MINUS = /^[-−–]$/u;
/** Amounts above this many integer digits are identifiers, not money (and stay exact in a double). */
const MAX_INTEGER_DIGITS = 13;
const MAX_DECIMALS = 4;

/** The number in an amount's text, rounded to cents (half away from zero); null when it is not an amount. */
export function parseAmount(text: string, format?: NumberFormat | null): number | null {
  return readAmount(text, format)?.value ?? null;
}

/** Like parseAmount, with what was read besides the number: currency, decimals, grouping. */
export function readAmount(text: string, format?: NumberFormat | null): AmountReading | null {
  let s = text.replace(SPACES, ' ').trim();
  if (!s || s.length > 40 || !/\d/u.test(s)) return null;
  let negative = false;
  let currency: string | null = null;
  let marker: string | null = null;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // Sign and currency may come in either order on either side: "-€12.50", "€ -12.50", "12,50 € -".
  for (let round = 0; round < 3; round++) {
    const before = s;
    if (!negative && (MINUS.test(s[0]!) || s[0] === '+')) {
      negative = MINUS.test(s[0]!);
      s = s.slice(1).trim();
    }
    if (!negative && /\d\s*[-−–]$/u.test(s)) {
      negative = true;
      s = s.slice(0, -1).trim();
    }
    if (marker === null) {
      const split = splitCurrency(s);
      if (split.marker !== null) {
        marker = split.marker;
        currency = split.code;
        s = split.rest.trim();
      }
    }
    if (s === before) break;
  }
  const number = readNumber(s, format);
  if (!number) return null;
  const value = negative && number.value !== 0 ? -number.value : number.value;
  return { ...number, value, currency, currencyMarker: marker };
}

interface NumberReading {
  value: number;
  hasDecimals: boolean;
  decimals: number;
  grouped: boolean;
}

/** Digits with separators only: "1.234,56", "1 234", "12,-" (German for 12.00). */
function readNumber(body: string, format: NumberFormat | null | undefined): NumberReading | null {
  let s = body;
  // "12,-" and "12,--": whole amounts, common in German and Dutch.
  const dashes = /^(.*\d)[.,]-{1,2}$/u.exec(s);
  if (dashes) s = dashes[1]!;
  if (!/^\d[\d.,' ’]*$/u.test(s) || !/\d$/u.test(s)) return null;

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const occurrences = s.split(sep).length - 1;
    if (occurrences === 1) {
      const [integer, fraction] = s.split(sep) as [string, string];
      const digitsBefore = integer.replace(/[ '’]/gu, '');
      const couldGroup =
        fraction.length === 3 &&
        digitsBefore.length <= 3 &&
        !digitsBefore.startsWith('0') &&
        !/[ '’]/u.test(integer);
      if (!couldGroup) decimal = sep;
      else if (format) decimal = (format === 'dot-decimal') === (sep === '.') ? sep : null;
      else decimal = null;
    }
  }
  if (decimal !== null && s.split(decimal).length > 2) return null;

  const [integerText, fraction = ''] = decimal === null ? [s] : (s.split(decimal) as [string, string]);
  if (
    decimal !== null &&
    (fraction.length < 1 || fraction.length > MAX_DECIMALS || !/^\d+$/u.test(fraction))
  ) {
    return null;
  }
  const groups = integerText.split(/[.,' ’]/u);
  const grouped = groups.length > 1;
  if (grouped) {
    // One kind of thousands separator, first group 1-3 digits (not a lone 0), the others exactly 3.
    const separators = new Set(integerText.replace(/\d/gu, ''));
    if (separators.size > 1 || (decimal !== null && separators.has(decimal))) return null;
    if (!/^[1-9]\d{0,2}$/u.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/u.test(g))) return null;
  } else if (integerText.length > 1 && integerText.startsWith('0')) {
    return null; // "007", "0123": codes, not amounts
  }
  const digits = groups.join('');
  if (digits.length > MAX_INTEGER_DIGITS) return null;
  return {
    value: toCents(digits, fraction) / 100,
    hasDecimals: decimal !== null,
    decimals: fraction.length,
    grouped,
  };
}

/** Exact decimal rounding to cents, half away from zero, from the digit strings (no float artefacts). */
function toCents(integer: string, fraction: string): number {
  const padded = (fraction + '000').slice(0, 3);
  let cents = Number(integer) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1;
  return cents;
}

/**
 * Which decimal separator a document uses, by majority over its number-like words: "1.234,56" and "12,50"
 * vote comma, "1,234.56" and "12.50" vote dot, "1.234.567" votes comma (dots group); "1.000" alone is no
 * evidence. Null without evidence or on a tie.
 */
export function detectNumberFormat(texts: readonly string[]): NumberFormat | null {
  let dot = 0;
  let comma = 0;
  for (const text of texts) {
    for (const raw of text.replace(SPACES, ' ').split(/\s+/u)) {
      const vote = formatEvidence(raw);
      if (vote === 'dot-decimal') dot++;
      else if (vote === 'comma-decimal') comma++;
    }
  }
  if (dot === comma) return null;
  return dot > comma ? 'dot-decimal' : 'comma-decimal';
}

function formatEvidence(word: string): NumberFormat | null {
  if (!/\d[.,]\d/u.test(word)) return null;
  const body = splitCurrency(word.replace(/^[(\-−+]+|[)\-−:;]+$/gu, '')).rest.trim();
  if (!/^\d[\d.,' ’]*\d$/u.test(body) || !readNumber(body, null)) return null;
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? 'dot-decimal' : 'comma-decimal';
  const sep = lastDot >= 0 ? '.' : ',';
  // "1.234.567": the separator groups, so the other one is the decimal.
  if (body.split(sep).length > 2) return sep === '.' ? 'comma-decimal' : 'dot-decimal';
  // "12.50", "12,5" tell; "1.000" does not (a thousand or one).
  const decimals = body.length - body.lastIndexOf(sep) - 1;
  if (decimals > 2) return null;
  return sep === '.' ? 'dot-decimal' : 'comma-decimal';
}
