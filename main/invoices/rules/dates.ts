// Dates as invoices print them, to ISO 8601: numeric ("12.03.2024", "12/03/24", "2024-03-12", SROIE's
// "20180428") and with month names or abbreviations in English, German, French, Dutch and Spanish
// ("12. März 2024", "1er janvier 2024", "12 de marzo de 2024", "March 12, 2024", "12-MAR-2024").
//
// A hand-written parser rather than chrono-node: it must accept only a whole date with a year (no
// "today"-relative or partial dates, nothing from "Total 12"), be deterministic, and be cheap enough to
// try on every line of thousands of documents. Month names are recognised in all five languages
// whatever the document's language: no abbreviation means different months in two of them.
import type { InvoiceLanguage } from '../types.ts';
import { foldText } from './text.ts';

export type DateOrder = 'DMY' | 'MDY' | 'YMD';

export interface DateOptions {
  /** Accepted for symmetry with the other rules; month names of all five languages are always read. */
  language?: InvoiceLanguage;
  /** How to read an ambiguous numeric date ("03/04/2024"); DMY when not given. */
  order?: DateOrder;
}

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janner', 'jan', 'janvier', 'janv', 'januari', 'enero', 'ene'],
  ['february', 'feb', 'febr', 'februar', 'fevrier', 'fev', 'fevr', 'februari', 'febrero'],
  ['march', 'mar', 'marz', 'maerz', 'mrz', 'mars', 'maart', 'mrt', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mei', 'mayo'],
  ['june', 'jun', 'juni', 'juin', 'junio'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio'],
  ['august', 'aug', 'aout', 'augustus', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre', 'set'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dezember', 'dez', 'decembre', 'diciembre', 'dic'],
];

/** Folded month name or abbreviation (no trailing dot) → month 1..12. */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, i) => names.map((name) => [name, i + 1] as const)),
);

/** Weekday names and abbreviations that may precede a date ("Tuesday, 12 March 2024", "Di., 12.03.2024"). */
const WEEKDAYS: ReadonlySet<string> = new Set(
  [
    'monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun',
    'montag mo dienstag di mittwoch mi donnerstag do freitag fr samstag sa sonntag so',
    'lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim',
    'maandag ma dinsdag woensdag wo donderdag vrijdag vr zaterdag za zondag zo',
    'lunes martes miercoles mie jueves jue viernes vie sabado sab domingo dom',
  ]
    .join(' ')
    .split(' '),
);

/** Words between a date's parts: "12 de marzo de 2024", "the 12th of March", "le 1er mars". */
const FILLERS: ReadonlySet<string> = new Set(['de', 'del', 'of', 'the', 'le', 'den', 'der', 'am', 'el']);

const NUMERIC = /^(\d{1,4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/u;
const COMPACT = /^\d{8}$/u;
const TRAILING_TIME = /[\sT,]+\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?$/u;
const DAY = /^(\d{1,2})(?:st|nd|rd|th|er|e|eme|ste|de|o|a)?$/u;

/** An ISO date 'YYYY-MM-DD' when the whole text is one valid date with a year; null otherwise. */
export function parseDate(text: string, options: DateOptions = {}): string | null {
  if (text.length > 60 || !/\d/u.test(text)) return null;
  let s = foldText(text)
    .trim()
    .replace(/^[([]+|[)\].,;:]+$/gu, '')
    .trim();
  s = s.replace(TRAILING_TIME, '').trim();
  const order = options.order ?? 'DMY';

  const numeric = NUMERIC.exec(s);
  if (numeric) return numericDate(numeric[1]!, numeric[2]! as Separator, numeric[3]!, numeric[4]!, order);
  if (COMPACT.test(s)) return compactDate(s, order);
  if (!/[a-z]/u.test(s)) return null;
  return namedMonthDate(s);
}

type Separator = '.' | '/' | '-';

function numericDate(a: string, separator: Separator, b: string, c: string, order: DateOrder): string | null {
  if (a.length === 4) return c.length <= 2 ? isoDate(+a, +b, +c) : null;
  if (a.length === 3) return null;
  if (order === 'YMD' && c.length === 2) return isoDate(fullYear(a), +b, +c) ?? isoDate(fullYear(c), +b, +a);
  const year = fullYear(c);
  const dayFirst = isoDate(year, +b, +a);
  const monthFirst = isoDate(year, +a, +b);
  // The document's order first; the other only when this one is impossible ("12/25/2024" is December 25th
  // even in a day-first document). Dotted dates are never month-first: "12.13.2024" is a typo.
  if (order === 'MDY') return monthFirst ?? dayFirst;
  return dayFirst ?? (separator === '.' ? null : monthFirst);
}

/** "20180428" (year first) or "28042018" (year last, in the document's order). */
function compactDate(s: string, order: DateOrder): string | null {
  const yearFirst = /^(?:19|20)/u.test(s) ? isoDate(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8)) : null;
  if (yearFirst) return yearFirst;
  const [a, b, year] = [+s.slice(0, 2), +s.slice(2, 4), +s.slice(4, 8)];
  return order === 'MDY' ? isoDate(year, a, b) : isoDate(year, b, a);
}

function namedMonthDate(s: string): string | null {
  const parts = s
    .split(/[\s,./-]+/u)
    .flatMap(splitGluedMonth)
    .filter((p) => p && !FILLERS.has(p));
  if (parts.length > 0 && WEEKDAYS.has(parts[0]!) && !MONTHS.has(parts[0]!)) parts.shift();
  if (parts.length !== 3) return null;
  const [p, q, r] = parts as [string, string, string];
  const month = (w: string) => MONTHS.get(w.replace(/\.$/u, '')) ?? null;
  const day = (w: string) => {
    const m = DAY.exec(w);
    return m ? +m[1]! : null;
  };
  const year = (w: string) => (/^'?\d{2}$|^\d{4}$/u.test(w) ? fullYear(w.replace("'", '')) : null);
  // Day month year, month day year, year month day.
  const dmy = [day(p), month(q), year(r)] as const;
  if (dmy.every((v) => v !== null)) return isoDate(dmy[2]!, dmy[1]!, dmy[0]!);
  const mdy = [month(p), day(q), year(r)] as const;
  if (mdy.every((v) => v !== null)) return isoDate(mdy[2]!, mdy[0]!, mdy[1]!);
  if (/^\d{4}$/u.test(p)) {
    const ymd = [year(p), month(q), day(r)] as const;
    if (ymd.every((v) => v !== null)) return isoDate(ymd[0]!, ymd[1]!, ymd[2]!);
  }
  return null;
}

/** "12mar" → "12", "mar"; "12mar2024" → "12", "mar", "2024"; ordinals ("1er", "12th") stay whole. */
function splitGluedMonth(part: string): string[] {
  const m = /^(\d{1,2})([a-z]{3,9})(\d{2}|\d{4})?$/u.exec(part);
  if (!m || !MONTHS.has(m[2]!)) return [part];
  return m[3] ? [m[1]!, m[2]!, m[3]] : [m[1]!, m[2]!];
}

function fullYear(text: string): number {
  const n = Number(text);
  if (text.length !== 2) return n;
  return n >= 90 ? 1900 + n : 2000 + n;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NUMERIC_IN_TEXT = /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d.,/-]*\d)/gu;
const MONTH_FIRST_IN_TEXT = /\b([a-z]{3,9})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b/gu;
const DAY_FIRST_IN_TEXT =
  /\b\d{1,2}(?:st|nd|rd|th|er|e)?\.?\s+(?:de\s+|of\s+)?([a-z]{3,10})\.?\s+(?:de\s+)?\d{4}\b/gu;

/**
 * How the document writes numeric dates, from the ones that can only be read one way ("25/12/2024" is
 * day-first, "12/25/2024" month-first; "March 12, 2024" counts half towards month-first, "12 March 2024"
 * half towards day-first). Without evidence: DMY, in English too. Most English invoices Docket sees
 * are British, Irish or Malaysian (SROIE) and day-first; US month-first needs a date that shows it.
 */
export function detectDateOrder(texts: readonly string[], _language?: InvoiceLanguage): DateOrder {
  const text = foldText(texts.join(' '));
  let dmy = 0;
  let mdy = 0;
  let ymd = 0;
  for (const m of text.matchAll(NUMERIC_IN_TEXT)) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (m[4]!.length === 2 && a > 31) ymd++;
    else if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  for (const m of text.matchAll(MONTH_FIRST_IN_TEXT)) if (MONTHS.has(m[1]!)) mdy += 0.5;
  for (const m of text.matchAll(DAY_FIRST_IN_TEXT)) if (MONTHS.has(m[1]!)) dmy += 0.5;
  if (ymd > dmy && ymd > mdy) return 'YMD';
  return mdy > dmy ? 'MDY' : 'DMY';
}
