// How amounts, quantities, rates and dates are printed: locale number formats (1,234.56 / 1.234,56 /
// 1 234,56 / 1'234.56), currency symbol or code before or after, and the date styles of the five languages.
// Only WinAnsi characters (what the PDF standard fonts can show): plain spaces group thousands.
import type { InvoiceLanguage } from '../../../main/invoices/types.ts';
import type { CurrencyCode, DateStyle, Formats, NumberStyle } from './model.ts';

const SYMBOLS: Record<CurrencyCode, string> = { EUR: '€', GBP: '£', USD: '$', CHF: 'CHF' };

/** Digits of a non-negative integer with the thousands separator. */
function groupDigits(digits: string, group: string): string {
  if (!group) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** A number with a fixed count of decimals; negative numbers get a leading '-'. */
export function formatNumber(value: number, decimals: number, style: NumberStyle): string {
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const text = groupDigits(whole, style.group) + (fraction ? style.decimal + fraction : '');
  return negative ? `-${text}` : text;
}

/** An amount given in cents, with the currency where the style puts it (or without, `bare`). */
export function formatAmount(cents: number, formats: Formats, bare = false): string {
  const number = formatNumber(Math.abs(cents) / 100, 2, formats.number);
  const minus = cents < 0 ? '-' : '';
  if (bare) return minus + number;
  const symbol = SYMBOLS[formats.currency];
  const code = formats.currency;
  // CHF has no symbol: a "symbol" placement prints the code.
  const symbolIsCode = symbol === code;
  switch (formats.placement) {
    case 'symbol-before':
      return symbolIsCode ? `${minus}${code} ${number}` : `${minus}${symbol}${number}`;
    case 'symbol-before-space':
      return `${symbol} ${minus}${number}`;
    case 'symbol-after':
      return `${minus}${number} ${symbol}`;
    case 'code-before':
      return `${code} ${minus}${number}`;
    case 'code-after':
      return `${minus}${number} ${code}`;
    case 'none':
      return minus + number;
  }
}

/** A quantity in hundredths, with as few decimals as it needs (1 / 1,5 / 2.25). */
export function formatQuantity(hundredths: number, style: NumberStyle): string {
  const decimals = hundredths % 100 === 0 ? 0 : hundredths % 10 === 0 ? 1 : 2;
  return formatNumber(hundredths / 100, decimals, style);
}

/** A tax rate: "19%", "19 %", "5,5 %", "8.1%". */
export function formatRate(rate: number, formats: Formats): string {
  const decimals = Number.isInteger(rate) ? 0 : 1;
  return formatNumber(rate, decimals, formats.number) + (formats.spacedPercent ? ' %' : '%');
}

export const MONTHS: Record<InvoiceLanguage, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  nl: [
    'januari',
    'februari',
    'maart',
    'april',
    'mei',
    'juni',
    'juli',
    'augustus',
    'september',
    'oktober',
    'november',
    'december',
  ],
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
};

/** A date given as ISO YYYY-MM-DD in one of the date styles. */
export function formatDate(iso: string, style: DateStyle, language: InvoiceLanguage): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  const day = Number(d);
  const month = MONTHS[language][Number(m) - 1] ?? '';
  switch (style) {
    case 'DD.MM.YYYY':
      return `${d}.${m}.${y}`;
    case 'DD/MM/YYYY':
      return `${d}/${m}/${y}`;
    case 'DD-MM-YYYY':
      return `${d}-${m}-${y}`;
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`;
    case 'YYYY-MM-DD':
      return iso;
    case 'MON D, YYYY':
      return `${MONTHS.en[Number(m) - 1]?.slice(0, 3)} ${day}, ${y}`;
    case 'MONTH D, YYYY':
      return `${MONTHS.en[Number(m) - 1]} ${day}, ${y}`;
    case 'D MONTH YYYY':
      switch (language) {
        case 'de':
          return `${day}. ${month} ${y}`;
        case 'fr':
          return `${day === 1 ? '1er' : day} ${month} ${y}`;
        case 'es':
          return `${day} de ${month} de ${y}`;
        default:
          return `${day} ${month} ${y}`;
      }
  }
}

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Cents as the number the truth carries (2 decimals, no float noise). */
export function centsToNumber(cents: number): number {
  return Math.round(cents) / 100;
}
