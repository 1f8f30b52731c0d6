// Every typed value in one line of an invoice: dates, amounts (with the currency beside them), percentages,
// IBANs, BICs, VAT IDs, currencies and invoice-number-like identifiers, each with the range of words it
// covers. Called for every line of every document, so each rule first tests a piece with a cheap regex
// and only then parses.
//
// Precedence, highest first: times and phone numbers (claimed so that their digits are nothing else),
// IBAN, VAT ID, date, percent, amount, BIC, then identifiers from what is left. A piece claimed by one
// value is not part of a lower one ("12 März 2024" is a date, not the amount 12), except that the parts
// of a space-grouped amount ("1 234,56") are also read on their own, since a table row's "1 100,00" may
// be a quantity and an amount; and a compact "20180428" is both a date and an identifier.
import { readAmount, type NumberFormat } from './amounts.ts';
import { currencyOf, isCurrencyMarker } from './currency.ts';
import { MONTHS, parseDate, type DateOrder } from './dates.ts';
import { isValidBic, normaliseIban, normaliseVatId, VAT_PREFIXES } from './identifiers.ts';
import { findKeywords, type KeywordKey } from './keywords.ts';
import { foldText, piecesText, splitPieces, type Piece } from './text.ts';
import type { InvoiceLanguage } from '../types.ts';

export type MatchKind = 'date' | 'amount' | 'percent' | 'iban' | 'bic' | 'vatId' | 'currency' | 'id';

export interface RuleMatch {
  kind: MatchKind;
  /** Word indices [start, end) in the line. */
  start: number;
  end: number;
  /** ISO date, amount or percent number, compact IBAN/BIC/VAT ID, ISO currency code, or the id as printed. */
  value: string | number;
  /** The matched text as printed (a part of a word when the word holds more, e.g. "Date:12.03.2024"). */
  text: string;
  /** ISO code of a currency printed with an amount. */
  currency?: string;
}

export interface ScanContext {
  numberFormat: NumberFormat | null;
  dateOrder: DateOrder;
  language?: InvoiceLanguage;
}

interface Found {
  kind: MatchKind;
  start: number;
  end: number;
  value: string | number;
  currency?: string;
}

/** One line's pieces, which of them a value has claimed, and the labels on the line. */
interface LineState {
  pieces: Piece[];
  claimed: boolean[];
  /** Per piece: the key of the label covering its word, if any. */
  keyword: (KeywordKey | null)[];
  found: Found[];
  context: ScanContext;
}

export function scanLine(words: readonly string[], context: ScanContext): RuleMatch[] {
  const pieces = splitPieces(words);
  if (pieces.length === 0) return [];
  const keywordOfWord = new Array<KeywordKey | null>(words.length).fill(null);
  for (const k of findKeywords(words)) for (let w = k.start; w < k.end; w++) keywordOfWord[w] = k.key;
  const state: LineState = {
    pieces,
    claimed: new Array<boolean>(pieces.length).fill(false),
    keyword: pieces.map((p) => keywordOfWord[p.word] ?? null),
    found: [],
    context,
  };
  claimTimes(state);
  claimPhones(state);
  findIbans(state);
  findVatIds(state);
  findDates(state);
  findPercents(state);
  findAmounts(state);
  findBics(state);
  findCurrencies(state);
  findIds(state);
  return state.found
    .map((f) => ({
      kind: f.kind,
      start: pieces[f.start]!.word,
      end: pieces[f.end - 1]!.word + 1,
      value: f.value,
      text: piecesText(pieces, f.start, f.end),
      ...(f.currency ? { currency: f.currency } : {}),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

const text = (s: LineState, i: number) => s.pieces[i]?.text ?? '';
const free = (s: LineState, from: number, to: number) => {
  for (let i = from; i < to; i++) if (s.claimed[i]) return false;
  return true;
};
const claim = (s: LineState, from: number, to: number) => {
  for (let i = from; i < to; i++) s.claimed[i] = true;
};
const hasDigit = (t: string) => /\d/u.test(t);

// ---- Times and phone numbers: claimed, not reported ----

const AM_PM = /^(?:am|pm|a\.m\.|p\.m\.|uhr|h)$/iu;

/** "12:30", "8:01:11 PM" (the pieces "8" ":" "01" ":" "11"), "14.30 Uhr", "8.05pm". */
function claimTimes(s: LineState): void {
  const n = s.pieces.length;
  for (let i = 0; i < n; i++) {
    const t = text(s, i);
    if (/^\d{1,2}[.:h]\d{2}\s*(?:am|pm)$/iu.test(t)) {
      claim(s, i, i + 1);
      continue;
    }
    if (/^\d{1,2}[.h]\d{2}$/u.test(t) && AM_PM.test(text(s, i + 1))) {
      claim(s, i, i + 2);
      continue;
    }
    if (!/^\d{1,2}$/u.test(t) || text(s, i + 1) !== ':' || !/^\d{2}(?:am|pm)?$/iu.test(text(s, i + 2)))
      continue;
    let end = i + 3;
    if (text(s, end) === ':' && /^\d{2}(?:am|pm)?$/iu.test(text(s, end + 1))) end += 2;
    if (AM_PM.test(text(s, end))) end++;
    claim(s, i, end);
    i = end - 1;
  }
}

const PHONE_PIECE = /^[+(]?[\d()\-./]*\d[\d()\-./]*$/u;

/** Digits after a phone label ("Tel: 030 1234 567"), in international form ("+49 30 ..."), or Malaysian "07-355 2616". */
function claimPhones(s: LineState): void {
  const n = s.pieces.length;
  for (let i = 0; i < n; i++) {
    const t = text(s, i);
    let start = -1;
    if (s.keyword[i] === 'phone' && s.keyword[i + 1] !== 'phone') {
      start = i + 1;
      while (/^[:.]$/u.test(text(s, start))) start++;
    } else if (/^\+\d{1,3}$/u.test(t) || /^\+\d{6,}$/u.test(t)) {
      start = i;
    } else if (/^0\d{1,2}-\d{3,4}$/u.test(t) && /^\d{4}$/u.test(text(s, i + 1))) {
      start = i;
    } else if (/^0\d{1,2}-\d{7,8}$/u.test(t)) {
      start = i;
    }
    if (start < 0) continue;
    let end = start;
    while (end < n && end - start < 7 && (PHONE_PIECE.test(text(s, end)) || /^[()]$/u.test(text(s, end))))
      end++;
    if (end > start && s.pieces.slice(start, end).some((p) => hasDigit(p.text))) {
      claim(s, start, end);
      i = end - 1;
    }
  }
}

// ---- IBAN, VAT ID ----

const IBAN_START = /^[A-Z]{2}\d{2}[A-Z0-9]*$/u;
const IBAN_GROUP = /^[A-Z0-9]{1,8}$/u;

/** "DE89 3704 0044 0532 0130 00" in groups across words, or in one word. */
function findIbans(s: LineState): void {
  const n = s.pieces.length;
  for (let i = 0; i < n; i++) {
    const first = text(s, i).toUpperCase();
    if (!IBAN_START.test(first) || s.claimed[i]) continue;
    let joined = first;
    let best: { end: number; value: string } | null = null;
    for (let end = i + 1; end <= n; end++) {
      if (joined.length >= 15) {
        const iban = normaliseIban(joined);
        if (iban) best = { end, value: iban };
      }
      const next = text(s, end).toUpperCase();
      if (end >= n || s.claimed[end] || !IBAN_GROUP.test(next) || joined.length + next.length > 34) break;
      joined += next;
    }
    if (best) {
      s.found.push({ kind: 'iban', start: i, end: best.end, value: best.value });
      claim(s, i, best.end);
      i = best.end - 1;
    }
  }
}

const VAT_START = /^(?:CHE|[A-Z]{2})(?:[-.]?[0-9A-Z][0-9A-Z.-]*)?$/u;
const VAT_PART = /^[0-9A-Z][0-9A-Z.-]{0,12}$/u;
const VAT_SUFFIX = /^(?:MWST|TVA|IVA|MVA)$/u;

/** "DE136695976", "DE 136 695 976", "CHE-116.281.710 MWST", "NL0044.95.445.B01". Upper-case prefixes only. */
function findVatIds(s: LineState): void {
  const n = s.pieces.length;
  for (let i = 0; i < n; i++) {
    const first = text(s, i);
    if (s.claimed[i] || !VAT_START.test(first)) continue;
    const prefix = /^(CHE|[A-Z]{2})/u.exec(first)![1]!;
    const standalone = first === prefix;
    if (!VAT_PREFIXES.has(prefix) || !(standalone || hasDigit(first))) continue;
    // "NO" alone before digits is far more often "No." than Norway; Norwegian IDs then end in MVA.
    let joined = first;
    let best: { end: number; value: string } | null = null;
    for (let end = i + 1; end <= n && end - i <= 6; end++) {
      if (hasDigit(joined)) {
        const vat = normaliseVatId(joined);
        if (vat && !(standalone && prefix === 'NO' && !/MVA$/u.test(joined))) best = { end, value: vat };
      }
      const next = text(s, end);
      if (end >= n || s.claimed[end] || !(VAT_PART.test(next) && (hasDigit(next) || VAT_SUFFIX.test(next))))
        break;
      joined += next;
    }
    if (best) {
      s.found.push({ kind: 'vatId', start: i, end: best.end, value: best.value });
      claim(s, i, best.end);
      i = best.end - 1;
    }
  }
}

// ---- Dates ----

const NUMERIC_DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\.?$/u;
const SPLIT_DATE_HEAD = /^\d{1,4}[./-](?:\d{1,2}[./-])?$/u;
const COMPACT_DATE = /^(?:19|20)\d{6}$|^\d{4}(?:19|20)\d{2}$/u;
const GLUED_DATE = /^(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))[A-Za-z]/u;
const MONTH_IN_PIECE = /^\d{1,2}[./-]?[a-z]{3,9}\.?[./-]?\d{2,4}$/iu;

const monthOf = (piece: string) => MONTHS.has(foldText(piece).replace(/[.,]+$/u, ''));

function findDates(s: LineState): void {
  const n = s.pieces.length;
  const options = {
    order: s.context.dateOrder,
    ...(s.context.language ? { language: s.context.language } : {}),
  };
  for (let i = 0; i < n; i++) {
    const t = text(s, i);
    if (s.claimed[i] || !hasDigit(t)) continue;
    const joined = t + text(s, i + 1);
    if (SPLIT_DATE_HEAD.test(t) && i + 1 < n && !s.claimed[i + 1] && NUMERIC_DATE.test(joined)) {
      // OCR splits a date at its separator: "31/" "10/2019".
      const iso = parseDate(joined, options);
      if (iso) {
        s.found.push({ kind: 'date', start: i, end: i + 2, value: iso });
        claim(s, i, i + 2);
        continue;
      }
    }
    if (NUMERIC_DATE.test(t) || MONTH_IN_PIECE.test(t)) {
      const iso = parseDate(t, options);
      if (iso) {
        s.found.push({ kind: 'date', start: i, end: i + 1, value: iso });
        claim(s, i, i + 1);
      }
    } else if (GLUED_DATE.test(t)) {
      // OCR glues a date to the next word: "21/05/2018TIME".
      const iso = parseDate(GLUED_DATE.exec(t)![1]!, options);
      if (iso) {
        s.found.push({ kind: 'date', start: i, end: i + 1, value: iso });
        claim(s, i, i + 1);
      }
    } else if (COMPACT_DATE.test(t)) {
      // Eight digits are also an identifier's shape: reported as a date without claiming them.
      const iso = parseDate(t, options);
      if (iso) s.found.push({ kind: 'date', start: i, end: i + 1, value: iso });
    }
  }
  // Dates in several pieces are found from their month name: "12", "März", "2024"; "12 de marzo de 2024";
  // "Tuesday, 12 March 2024"; "March 12, 2024".
  for (let m = 0; m < n; m++) {
    if (s.claimed[m] || !monthOf(text(s, m))) continue;
    let done = false;
    for (let start = Math.max(0, m - 3); start <= m && !done; start++) {
      for (let end = Math.min(n, m + 4); end > m && !done; end--) {
        if (end - start < 3 || !free(s, start, end)) continue;
        if (!/[\p{L}\d]/u.test(text(s, start)) || !/[\p{L}\d]/u.test(text(s, end - 1))) continue;
        const iso = parseDate(piecesText(s.pieces, start, end), options);
        if (!iso) continue;
        s.found.push({ kind: 'date', start, end, value: iso });
        claim(s, start, end);
        done = true;
      }
    }
  }
}

// ---- Percent, amount ----

const PERCENT_GLUED = /^@?[-+]?\d{1,3}(?:[.,]\d{1,3})?\s*%$/u;
const PERCENT_NUMBER = /^@?[-+]?\d{1,3}(?:[.,]\d{1,3})?$/u;

function findPercents(s: LineState): void {
  const n = s.pieces.length;
  for (let i = 0; i < n; i++) {
    const t = text(s, i);
    if (s.claimed[i]) continue;
    let end = -1;
    if (PERCENT_GLUED.test(t)) end = i + 1;
    else if (PERCENT_NUMBER.test(t) && text(s, i + 1) === '%' && !s.claimed[i + 1]) end = i + 2;
    if (end < 0) continue;
    const value = Number(t.replace(/[@%\s]/gu, '').replace(',', '.'));
    if (!Number.isFinite(value) || Math.abs(value) > 100) continue;
    s.found.push({ kind: 'percent', start: i, end, value });
    claim(s, i, end);
  }
}

const AMOUNT_PIECE = /^[-−+(]?\D{0,4}\d[\d.,'’]*(?:[.,]-{1,2})?\D{0,5}$/u;

const marker = (s: LineState, i: number) =>
  i >= 0 && i < s.pieces.length && !s.claimed[i] && isCurrencyMarker(text(s, i)) ? text(s, i) : null;

/** A currency written as a word ("Euro", "euros", "ringgit"), not a symbol, code or abbreviation. */
const isName = (marker: string) => /^\p{L}{4,}$/u.test(marker);

function findAmounts(s: LineState): void {
  const n = s.pieces.length;
  const format = s.context.numberFormat;
  for (let i = 0; i < n; i++) {
    const t = text(s, i);
    if (s.claimed[i] || !hasDigit(t) || !AMOUNT_PIECE.test(t)) continue;
    const grouped = spaceGrouped(s, i);
    const reading = readAmount(grouped ? piecesText(s.pieces, i, grouped.end) : t, format);
    if (!reading) continue;
    let start = i;
    let end = grouped ? grouped.end : i + 1;
    let currency = reading.currency;
    let negative = reading.value < 0;
    const whole = !reading.hasDecimals && !reading.grouped;
    // A whole number glued to letters is a code more often than money: "RON95" petrol, "KR600" shoes.
    let hasMarker = reading.currencyMarker !== null && !(whole && /\p{L}/u.test(reading.currencyMarker));
    if (whole && reading.currencyMarker !== null && !hasMarker) continue;
    if (!hasMarker) {
      // Whole numbers take only a code or symbol before them ("EUR 50", "RM 20"): "2016 CNY" is a year and
      // a festival, "JALAN EURO 1" a street.
      const before = marker(s, start - 1);
      const after = marker(s, end);
      const beforeFits = before !== null && (!whole || (currencyOf(before) !== null && !isName(before)));
      const printed = beforeFits ? before : whole ? null : after;
      if (printed !== null) {
        if (beforeFits) start--;
        else end++;
        hasMarker = true;
        currency = currencyOf(printed);
      }
    }
    // Parentheses around: "(12.00)", "( € 12.00 )". (A lone "-" before is more often a dash than a sign.)
    if (!negative && reading.hasDecimals && text(s, start - 1) === '(' && text(s, end) === ')') {
      negative = true;
      start--;
      end++;
    }
    // Plain integers ("2", "2024", "81100") are quantities, years, postcodes: an amount needs decimals,
    // thousands separators or a currency. Three decimals need the document's number format to say so
    // ("1,000" in a comma-decimal document), four a currency ("2024.0012" is an id).
    const maxDecimals = format ? 3 : 2;
    const looksLikeMoney =
      (reading.hasDecimals && reading.decimals <= maxDecimals) || reading.grouped || hasMarker;
    if (!looksLikeMoney) continue;
    const magnitude = Math.abs(reading.value);
    s.found.push({
      kind: 'amount',
      start,
      end,
      value: negative ? -magnitude : magnitude,
      ...(currency ? { currency } : {}),
    });
    // The pieces of a space-grouped amount stay free: each may also be read on its own.
    if (grouped) {
      claim(s, start, i);
      claim(s, grouped.end, end);
    } else {
      claim(s, start, end);
    }
  }
}

/**
 * "1 234,56" printed as words "1" "234,56" (or "1" "234" "567,89"): a lead of 1-3 digits followed by
 * groups of exactly three digits, the last with the decimals. Not in dot-decimal documents, where
 * thousands are grouped with commas and "1 100.00" is far more often a quantity and an amount.
 */
function spaceGrouped(s: LineState, i: number): { end: number } | null {
  if (s.context.numberFormat === 'dot-decimal' || !/^\d{1,3}$/u.test(text(s, i))) return null;
  let end = i + 1;
  while (end < s.pieces.length && !s.claimed[end] && !s.pieces[end]!.glued && /^\d{3}$/u.test(text(s, end)))
    end++;
  const last = text(s, end);
  if (!s.claimed[end] && /^\d{3},\d{1,2}$/u.test(last)) return { end: end + 1 };
  // Without decimals only when a currency follows ("1 234 €").
  if (end > i + 1 && marker(s, end) !== null) return { end };
  return null;
}

// ---- BIC, currency ----

const BIC_SHAPE = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/u;

/**
 * A BIC is eight or eleven capitals; so are many words ("CUSTOMER" is CUST-OM-ER, "RESTAURANTS" is
 * REST-AU-RA-NTS). Without a digit or the head-office branch "XXX", it is taken only on a line that has a
 * BIC, SWIFT or IBAN label.
 */
function findBics(s: LineState): void {
  const labelled = s.keyword.some((k) => k === 'bic' || k === 'iban');
  for (let i = 0; i < s.pieces.length; i++) {
    const t = text(s, i).replace(/[.,;]$/u, '');
    if (s.claimed[i] || !BIC_SHAPE.test(t) || s.keyword[i] !== null) continue;
    // Unlabelled: the head-office branch "XXX" or a digit opening the location code ("INGBNL2A").
    if (!(labelled || t.endsWith('XXX') || /\d/u.test(t[6]!))) continue;
    if (!isValidBic(t)) continue;
    s.found.push({ kind: 'bic', start: i, end: i + 1, value: t });
    claim(s, i, i + 1);
  }
}

/** Currency symbols, codes and names standing alone (those printed with an amount are in the amount). */
function findCurrencies(s: LineState): void {
  for (let i = 0; i < s.pieces.length; i++) {
    const t = text(s, i);
    if (s.claimed[i] || t.length > 8 || /\d/u.test(t)) continue;
    // "Fr." is also Friday ("Fr., 12.03."): a Swiss franc only beside an amount. Short codes standing
    // alone count in capitals only ("Try our menu" is not Turkish lira).
    if (/^s?fr\.?$/iu.test(t) || (/^[a-z]{2,3}$/iu.test(t) && t !== t.toUpperCase())) continue;
    const code = currencyOf(t);
    if (code) s.found.push({ kind: 'currency', start: i, end: i + 1, value: code });
  }
}

// ---- Identifiers ----

const ID_SHAPE = /^[A-Z0-9](?:[A-Z0-9\-/._]*[A-Z0-9])?$/iu;
const MEASURE =
  /^\d+(?:[.,]\d+)?(?:x|pcs?|pc|kg|g|gr|ml|cl|l|cm|mm|m|km|h|hrs?|min|st|stk|pax|qty|kwh|lbs?|oz)$/iu;
const FRACTION = /^\d{1,3}\/\d{1,3}$/u;
const PREFIX_STOP: ReadonlySet<string> = new Set([
  'NO',
  'NR',
  'NUM',
  'NBR',
  'NRO',
  'TEL',
  'FAX',
  'HP',
  'REF',
  'AND',
  'THE',
]);

/** Invoice-number-like tokens: "INV-2024-0012", "F-00045", "10045", "RE 2024/118", "#12345". */
function findIds(s: LineState): void {
  const n = s.pieces.length;
  for (let i = 0; i < n; i++) {
    if (s.claimed[i]) continue;
    const raw = text(s, i);
    if (!hasDigit(raw)) continue;
    const t = raw.replace(/^(?:n[°º]|no\.)/iu, '').replace(/[.,;]+$/u, '');
    if (!ID_SHAPE.test(t) || t.length > 32 || MEASURE.test(t) || FRACTION.test(t)) continue;
    const digitsOnly = /^\d+$/u.test(t);
    if (digitsOnly && t.length < 3) continue;
    if (isPostcode(s, i, t)) continue;
    s.found.push({ kind: 'id', start: i, end: i + 1, value: t });
    // "RE 2024/118": a short capitalised prefix before a number is part of it (also reported alone).
    const prev = text(s, i - 1);
    if (
      /^\d/u.test(t) &&
      i > 0 &&
      !s.claimed[i - 1] &&
      /^[A-Z]{2,4}$/u.test(prev) &&
      !PREFIX_STOP.has(prev) &&
      s.keyword[i - 1] === null &&
      !isCurrencyMarker(prev)
    ) {
      s.found.push({ kind: 'id', start: i - 1, end: i + 1, value: `${prev} ${t}` });
    }
  }
}

/** "10115 Berlin", "81100 JOHOR", "1012 AB": four or five digits followed by a place name. */
function isPostcode(s: LineState, i: number, t: string): boolean {
  if (!/^\d{4,5}$/u.test(t)) return false;
  const next = text(s, i + 1);
  if (!next || s.keyword[i + 1] !== null) return false;
  if (/^[A-Z]{2}$/u.test(next) && t.length === 4) return true;
  return /^\p{Lu}[\p{L}'-]+$/u.test(next);
}
