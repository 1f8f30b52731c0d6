// Normalising the contact fields of imported records so that the same person or company written two
// ways compares equal: email addresses, phone numbers (E.164), company names and person names.
import { domainToASCII } from 'node:url';
import { getCountries, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { foldText } from '../invoices/rules/text.ts';

const emailSchema = z.email();

/**
 * An email address as stored: trimmed, lower-cased, without a display name ("Ana <ana@x.com>"),
 * `mailto:` or surrounding brackets/quotes; null when what is left is not a sensible address.
 * Domains in other scripts (münchen.de) are checked in their ASCII (punycode) form but kept as written.
 */
export function normaliseEmail(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(text);
  if (bracketed) text = bracketed[1]!.trim();
  text = text
    .replace(/^mailto:/i, '')
    .replace(/\?.*$/, '') // mailto: query (?subject=...)
    .replace(/^["'(<[]+|["')>\]]+$/g, '')
    .trim()
    .toLowerCase();
  if (text === '' || text.length > 254) return null;
  if (emailSchema.safeParse(text).success) return text;
  // An internationalised domain: valid when its punycode form is.
  const at = text.lastIndexOf('@');
  if (at <= 0 || !/[\u0080-\uffff]/.test(text.slice(at + 1))) return null;
  const ascii = domainToASCII(text.slice(at + 1));
  return ascii !== '' && emailSchema.safeParse(`${text.slice(0, at)}@${ascii}`).success ? text : null;
}

/**
 * Only phone characters, with an optional extension: libphonenumber would otherwise find a number
 * inside any text ("call 030 1234567 now"), and a cell with words in it is not a phone number.
 */
const PHONE_CELL = /^(?:tel:)?\s*[+\d\s().\-/\u00a0]+(?:\s*(?:ext\.?|extension|x|#)\s*\d{1,6})?$/i;

/**
 * A phone number in E.164 (+4930123456), read with `defaultRegion` (an ISO 3166 code such as 'DE')
 * when it has no country code; null when it is not a valid number for its country. An extension is
 * dropped (E.164 has none). An unknown region only allows numbers written with their country code.
 */
export function normalisePhone(raw: string, defaultRegion: string): string | null {
  const text = raw.trim();
  if (text === '' || !PHONE_CELL.test(text) || !/\d/.test(text)) return null;
  const region = defaultRegion.trim().toUpperCase();
  const country = isSupportedCountry(region) ? (region as CountryCode) : undefined;
  const phone = parsePhoneNumberFromString(text.replace(/^tel:/i, ''), country);
  return phone?.isValid() ? phone.number : null;
}

/** Letters that NFKD leaves alone, spelled out. */
const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const PRINTABLE_ASCII = /^[ -~]*$/;

/** Folded text: NFKD without accents, lower case, the letters in SPELLED spelled out. */
function fold(text: string): string {
  // Most names are plain ASCII: lower case is all they need (this runs for every contact).
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return foldText(text).replace(/[ßæœøłđðþı]/g, (letter) => SPELLED[letter]!);
}

/** Words of folded text: apostrophes vanish ("McDonald's" = "McDonalds"), other punctuation splits. */
function words(folded: string): string[] {
  const words = folded.replace(/'/g, '').split(/[^\p{L}\p{N}]+/u);
  return words.filter((word) => word !== '');
}

/** Legal forms, as words after folding, dots joined ("S.p.A." → "spa") and "&" split off. */
const LEGAL_FORMS = new Set(
  (
    'inc incorporated ltd limited llc llp lp plc gmbh mbh ag kg kgaa ohg ug bv nv sa sas sarl srl spa sl ' +
    'oy oyj ab as asa aps co corp corporation company pty pte pvt se kk ltda'
  ).split(' '),
);
/** The legal forms also written before the name ("AB Volvo"); "Co-operative Bank" keeps its "co". */
const LEADING_LEGAL_FORMS = new Set(['ab', 'as', 'asa', 'oy', 'oyj', 'kk']);

// Country names in English (as CRMs export them) to the two-letter codes phone numbers are read with.
let countryNames: Map<string, string> | undefined;
function countryCodeOfName(name: string): string | undefined {
  if (!countryNames) {
    const display = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = new Map(
      getCountries().map((code) => [foldText(display.of(code) ?? code).toLowerCase(), code]),
    );
    for (const [alias, code] of [
      ['usa', 'US'],
      ['united states of america', 'US'],
      ['uk', 'GB'],
      ['great britain', 'GB'],
      ['england', 'GB'],
      ['holland', 'NL'],
      ['deutschland', 'DE'],
      ['españa', 'ES'],
      ['espana', 'ES'],
      ['nederland', 'NL'],
    ] as const) {
      countryNames.set(alias, code);
    }
  }
  return countryNames.get(foldText(name.trim()).toLowerCase());
}

/** The region a row's phone number is read with: its country cell (a code or an English name) when known. */
export function phoneRegion(country: string | null, defaultRegion: string): string {
  if (country === null) return defaultRegion;
  const code = country.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(code) && isSupportedCountry(code)) return code;
  return countryCodeOfName(country) ?? defaultRegion;
}

/**
 * A company name reduced for matching: accents, case, punctuation and legal forms removed (at the end;
 * a few Nordic ones also at the start), spaces collapsed. "ACME, Inc.", "Acme Inc" and "acme" all give
 * "acme"; "GmbH & Co. KG" goes as a whole. A name that is nothing but a legal form keeps it
 * ("Company"). Null for an empty name.
 */
export function companyKey(name: string): string | null {
  // "B.V.", "S.p.A", "s.a." → "bv", "spa", "sa" before punctuation splits them into letters.
  const joined = fold(name).replace(/(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])/gu, (m) =>
    m.replace(/\./g, ''),
  );
  const tokens = words(joined);
  if (tokens.length === 0) return null;
  let start = 0;
  let end = tokens.length;
  while (end - start > 1 && LEGAL_FORMS.has(tokens[end - 1]!)) end--;
  while (end - start > 1 && LEADING_LEGAL_FORMS.has(tokens[start]!)) start++;
  return tokens.slice(start, end).join(' ');
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'herr', 'frau']);

/**
 * A person's name reduced for matching: accents, case, punctuation and titles (Mr, Dr, ...) removed,
 * words sorted so that "López, Ana" and "Ana Lopez" are the same key. Null for an empty name.
 */
export function nameKey(name: string): string | null {
  const tokens = words(fold(name));
  const kept = tokens.filter((token) => !HONORIFICS.has(token));
  const result = (kept.length > 0 ? kept : tokens).sort();
  return result.length > 0 ? result.join(' ') : null;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** English month names and their three-letter abbreviations (and "sept"), to month numbers. */
const MONTHS: Record<string, number> = Object.fromEntries(
  'january february march april may june july august september october november december'
    .split(' ')
    .flatMap((name, index) => [
      [name, index + 1],
      [name.slice(0, 3), index + 1],
    ])
    .concat([['sept', 9]]),
);
/** Minutes east of UTC for the zone names RFC 2822 allows. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/** Groups: hour, minute, second, fraction, a/p. */
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*([ap])\.?m\.?)?`;
const ZONE = String.raw`(Z|UTC|GMT|UT|[ECMP][SD]T|[+-]\d{2}(?::?\d{2})?)`;
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
/** 2024-03-05, 2024/03/05, 2024-03-05T14:22:05.123+01:00, 2024-03-05 14:22 */
const ISO_LIKE = new RegExp(
  String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+${TIME})?\s*${ZONE}?$`,
  'i',
);
/** 5 Mar 2024, Tue, 05 Mar 2024 14:22:00 +0100 (RFC 2822) */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+${TIME})?\s*${ZONE}?$`,
  'i',
);
/** March 5, 2024, Tuesday, Mar 5 2024 2:22 PM */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^${WEEKDAY}([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?\s*${ZONE}?$`,
  'i',
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function zoneOffset(zone: string): number | undefined {
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function build(
  year: number,
  month: number | undefined,
  day: number,
  /** The TIME groups, then the zone. */
  groups: Array<string | undefined>,
): string | null {
  if (month === undefined || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const [h, m, s, fraction, ampm, zone] = groups;
  if (h === undefined) return date;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  const minute = Number(m);
  if (hour > 23 || minute > 59 || Number(s ?? 0) > 60) return null;
  const second = Math.min(59, Number(s ?? 0)); // a leap second reads as :59
  if (zone === undefined) return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
  const offset = zoneOffset(zone);
  if (offset === undefined) return null;
  const ms = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  return new Date(
    Date.UTC(year, month - 1, day, hour, minute - offset, second, Math.min(999, ms)),
  ).toISOString();
}

/**
 * A date cell as ISO 8601, or null when it is not in an unambiguous format: ISO-like (year first),
 * RFC 2822 as in emails, "5 Mar 2024" and "March 5, 2024" (English month names). "05/03/2024" is
 * 5 March or 3 May depending on who wrote it, so it is not read. A date without a time gives
 * "2024-03-05"; a time without a zone stays local ("2024-03-05T14:22:00"); with a zone it is UTC.
 */
export function normaliseDate(raw: string): string | null {
  const text = raw.trim();
  let m = ISO_LIKE.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4));
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return build(Number(m[3]), MONTHS[m[2]!.toLowerCase()], Number(m[1]), m.slice(4));
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return build(Number(m[3]), MONTHS[m[1]!.toLowerCase()], Number(m[2]), m.slice(4));
  return null;
}
