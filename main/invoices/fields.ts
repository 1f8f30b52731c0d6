// Finds an invoice's fields by combining two kinds of candidates: spans the learned labeller tagged, and
// values the rules recognise (dates, amounts, IBANs, VAT IDs, invoice numbers) sitting where a label in one
// of the five languages says that field goes (same row to the right, or below). Candidates that agree on a
// value reinforce each other; the best value per field wins if it is likely enough. Nothing is guessed: a
// field without a likely candidate is left out.
import type { Box, Page } from '../documents/layout.ts';
import type { DecodedSpan } from '../engine/sequence/types.ts';
import { keyValueFit, runOf, unionBox, type WordRun } from './page-words.ts';
import { parseAmount, type NumberFormat } from './rules/amounts.ts';
import { parseDate, type DateOrder } from './rules/dates.ts';
import { normaliseIban, normaliseVatId, isValidBic } from './rules/identifiers.ts';
import { currencyOf } from './rules/currency.ts';
import { findKeywords, type KeywordMatch } from './rules/keywords.ts';
import { scanLine, type MatchKind, type RuleMatch } from './rules/scan-line.ts';
import type { PageToken } from './tokens.ts';
import {
  AMOUNT_FIELDS,
  DATE_FIELDS,
  INVOICE_FIELDS,
  type ExtractedField,
  type FieldSource,
  type InvoiceFieldName,
  type InvoiceLanguage,
} from './types.ts';

export interface ReadingContext {
  numberFormat: NumberFormat | null;
  dateOrder: DateOrder;
  language: InvoiceLanguage;
}

/** An extracted field plus the text it was read from (what SROIE's protocol compares). */
export interface FoundField extends ExtractedField {
  text: string;
}

interface Candidate {
  field: InvoiceFieldName;
  value: string | number;
  text: string;
  page: number;
  bbox: Box;
  score: number;
  source: Exclude<FieldSource, 'user'>;
}

/** Below this, a field is left out rather than guessed. */
export const MIN_CONFIDENCE = 0.35;

const isAmountField = (f: InvoiceFieldName) => (AMOUNT_FIELDS as readonly string[]).includes(f);
const isDateField = (f: InvoiceFieldName) => (DATE_FIELDS as readonly string[]).includes(f);

/** The rule match kinds that can be the value of each labelled field. */
const VALUE_KINDS: Partial<Record<InvoiceFieldName, readonly MatchKind[]>> = {
  invoiceId: ['id'],
  purchaseOrder: ['id'],
  invoiceDate: ['date'],
  dueDate: ['date'],
  subTotal: ['amount'],
  totalTax: ['amount'],
  invoiceTotal: ['amount'],
  amountDue: ['amount'],
  vendorTaxId: ['vatId', 'id'],
  customerTaxId: ['vatId', 'id'],
  iban: ['iban'],
  bic: ['bic'],
};

/** A field's value from the text the model tagged, normalised as the output requires; null if it is not one. */
export function normaliseValue(
  field: InvoiceFieldName,
  text: string,
  context: ReadingContext,
): string | number | null {
  const trimmed = text.trim().replace(/^[:#\s]+|[\s:]+$/gu, '');
  if (!trimmed) return null;
  if (isAmountField(field)) return parseAmount(trimmed, context.numberFormat);
  if (isDateField(field)) return parseDate(trimmed, { language: context.language, order: context.dateOrder });
  if (field === 'iban') return normaliseIban(trimmed);
  if (field === 'currency') return currencyOf(trimmed);
  if (field === 'bic')
    return isValidBic(trimmed.replace(/\s+/gu, '')) ? trimmed.replace(/\s+/gu, '').toUpperCase() : null;
  if (field === 'vendorTaxId' || field === 'customerTaxId') return normaliseVatId(trimmed) ?? trimmed;
  return trimmed;
}

/** Fields printed over several lines: the labeller tags each line as a span of its own. */
const MULTI_LINE_FIELDS = new Set<string>(['vendorAddress', 'customerAddress']);
const SEPARATOR = /^[·•|,;–-]$/u;

/**
 * Spans of a multi-line field that continue each other on the page — the next line, starting at the same
 * left edge — as one span whose text joins the lines with ", " (how an address is written on one line). The
 * reader may put other columns' words between them in reading order, so this goes by position.
 */
export interface JoinedSpan extends DecodedSpan {
  /** The token ranges of the lines joined (absent: the span is one range). */
  parts?: [number, number][];
}

export function joinLineSpans(spans: readonly DecodedSpan[], tokens: readonly PageToken[]): JoinedSpan[] {
  const out: JoinedSpan[] = [];
  for (const span of spans) {
    const previous = out.findLast((s) => s.label === span.label);
    const continues = (() => {
      if (!previous || !MULTI_LINE_FIELDS.has(span.label) || span.start < previous.end) return false;
      // On one line, parted only by separators: "29 rue Saint-Michel · 69009 Lyon".
      if (tokens.slice(previous.end, span.start).every((t) => SEPARATOR.test(t.text))) return true;
      const last = tokens[previous.end - 1]!;
      const first = tokens[span.start]!;
      const lead = tokens[previous.start]!;
      const height = last.bbox[3] - last.bbox[1];
      return (
        first.page === last.page &&
        first.bbox[1] >= last.bbox[1] + 0.5 * height &&
        first.bbox[1] - last.bbox[3] < 1.5 * height &&
        // Left-aligned lines, or right-aligned ones (a letterhead at the page's right edge).
        (Math.abs(first.bbox[0] - lead.bbox[0]) < 0.03 ||
          Math.abs(tokens[span.end - 1]!.bbox[2] - last.bbox[2]) < 0.03)
      );
    })();
    if (previous && continues) {
      const a = previous.end - previous.start;
      const b = span.end - span.start;
      out[out.indexOf(previous)] = {
        ...previous,
        end: span.end,
        text: `${previous.text}, ${span.text}`,
        probability: (previous.probability * a + span.probability * b) / (a + b),
        parts: [...(previous.parts ?? [[previous.start, previous.end]]), [span.start, span.end]],
      };
    } else out.push(span);
  }
  return out;
}

/** Candidates from the labeller's spans (tokens → the words' boxes and the span's text). */
function modelCandidates(
  spans: readonly DecodedSpan[],
  tokens: readonly PageToken[],
  context: ReadingContext,
): Candidate[] {
  const out: Candidate[] = [];
  for (const span of joinLineSpans(spans, tokens)) {
    // A retrained or imported labeller may know labels that are no invoice field: those are not printed.
    if (!(INVOICE_FIELDS as readonly string[]).includes(span.label)) continue;
    const field = span.label as InvoiceFieldName;
    const value = normaliseValue(field, span.text, context);
    if (value === null) continue;
    const parts = span.parts ?? [[span.start, span.end]];
    const pieces = parts.flatMap(([a, b]) => tokens.slice(a, b));
    out.push({
      field,
      value,
      text: span.text,
      page: pieces[0]!.page,
      bbox: unionBox(pieces.filter((t) => t.page === pieces[0]!.page).map((t) => t.bbox)),
      score: span.probability,
      source: 'model',
    });
  }
  return out;
}

interface LineScan {
  page: Page;
  line: number;
  keywords: KeywordMatch[];
  matches: RuleMatch[];
}

function scanPages(pages: readonly Page[], context: ReadingContext): LineScan[] {
  const scans: LineScan[] = [];
  for (const page of pages) {
    page.lines.forEach((line, li) => {
      const words = line.words.map((w) => w.text);
      scans.push({
        page,
        line: li,
        keywords: findKeywords(words),
        matches: scanLine(words, context),
      });
    });
  }
  return scans;
}

interface PlacedMatch {
  match: RuleMatch;
  run: WordRun;
}

/** Text to the right of a label on its line (payment terms are sentences, not typed values). */
function restOfLine(scan: LineScan, keyword: KeywordMatch): WordRun | null {
  const words = scan.page.lines[scan.line]!.words;
  let start = keyword.end;
  while (start < words.length && /^[:#\-–]$/u.test(words[start]!.text)) start++;
  if (start >= words.length) return null;
  return runOf(scan.page, scan.line, start, words.length);
}

/** Where a customer block ("Bill to", "Rechnungsempfänger") is: the label and the lines under it. */
function customerBlocks(scans: readonly LineScan[]): WordRun[] {
  return scans.flatMap((s) =>
    s.keywords.filter((k) => k.key === 'customerBlock').map((k) => runOf(s.page, s.line, k.start, k.end)),
  );
}

function insideBlock(blocks: readonly WordRun[], page: number, box: Box): boolean {
  return blocks.some(
    (b) =>
      b.page === page &&
      box[1] >= b.box[1] - 0.005 &&
      box[1] - b.box[3] < 0.15 &&
      box[0] >= b.box[0] - 0.05 &&
      box[0] < b.box[0] + 0.4,
  );
}

/** Candidates from rules: a typed value where a label of its field points. */
function ruleCandidates(pages: readonly Page[], context: ReadingContext): Candidate[] {
  const scans = scanPages(pages, context);
  const placed: PlacedMatch[] = scans.flatMap((s) =>
    s.matches.map((match) => ({ match, run: runOf(s.page, s.line, match.start, match.end) })),
  );
  const placedByPage = new Map<number, PlacedMatch[]>();
  for (const p of placed) {
    if (!placedByPage.has(p.run.page)) placedByPage.set(p.run.page, []);
    placedByPage.get(p.run.page)!.push(p);
  }
  const blocks = customerBlocks(scans);
  const out: Candidate[] = [];
  const add = (field: InvoiceFieldName, value: string | number, run: WordRun, score: number) =>
    out.push({ field, value, text: run.text, page: run.page, bbox: run.box, score, source: 'rule' });

  for (const scan of scans) {
    for (const keyword of scan.keywords) {
      const field = keyword.key as InvoiceFieldName;
      const label = runOf(scan.page, scan.line, keyword.start, keyword.end);
      if (field === 'paymentTerm') {
        const rest = restOfLine(scan, keyword);
        if (rest) add(field, rest.text, rest, 0.6);
        continue;
      }
      const kinds = VALUE_KINDS[field];
      if (!kinds) continue;
      // The best-placed value of a fitting kind; a label takes the nearest value, not every one.
      let best: { placed: PlacedMatch; fit: number } | null = null;
      const words = scan.page.lines[scan.line]!.words;
      // "Total:12.50" is label and value in one word: the value shares the label's last word.
      const glued = /[:#]\S/u.test(words[keyword.end - 1]!.text);
      for (const p of placedByPage.get(label.page) ?? []) {
        if (!kinds.includes(p.match.kind)) continue;
        // Values more than a few lines below their label are never its value (keyValueFit gives 0).
        if (p.run.box[1] > label.box[3] + 0.1 || p.run.box[3] < label.box[1] - 0.02) continue;
        const sameLine = p.run.line === label.line;
        const inGluedWord = glued && sameLine && p.match.start === keyword.end - 1;
        if (sameLine && p.match.start < keyword.end && !inGluedWord) continue;
        const { fit } = inGluedWord ? { fit: 0.95 } : keyValueFit(label.box, p.run.box);
        if (fit > (best?.fit ?? 0)) best = { placed: p, fit };
      }
      if (!best) continue;
      let target = field;
      if (field === 'vendorTaxId' && insideBlock(blocks, label.page, label.box)) target = 'customerTaxId';
      const value =
        target === 'vendorTaxId' || target === 'customerTaxId'
          ? (normaliseVatId(best.placed.match.text) ?? String(best.placed.match.value))
          : best.placed.match.value;
      add(target, value, best.placed.run, best.fit);
    }
  }

  // Values that name their field without a label: an IBAN is an IBAN; a VAT ID is the vendor's unless it
  // sits in the customer's block.
  for (const { match, run } of placed) {
    if (match.kind === 'iban') add('iban', match.value, run, 0.8);
    if (match.kind === 'vatId') {
      const field = insideBlock(blocks, run.page, run.box) ? 'customerTaxId' : 'vendorTaxId';
      add(field, normaliseVatId(match.text) ?? String(match.value), run, 0.5);
    }
  }

  // The currency: the one the amounts are written in (a symbol or code beside them), else a code on its own.
  const tally = new Map<string, WordRun[]>();
  for (const { match, run } of placed) {
    const code =
      match.kind === 'amount' ? match.currency : match.kind === 'currency' ? String(match.value) : undefined;
    if (!code) continue;
    if (!tally.has(code)) tally.set(code, []);
    tally.get(code)!.push(run);
  }
  const [code, runs] = [...tally].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (code && runs) add('currency', code, runs[0]!, runs.length >= 2 ? 0.9 : 0.7);

  // The customer block: its first line names the customer, the next lines are the address.
  for (const block of blocks) {
    const page = pages.find((p) => p.pageNumber === block.page)!;
    const under = page.lines
      .map((line, li) => ({ line, li, box: unionBox(line.words.map((w) => w.box)) }))
      .filter(
        ({ box }) =>
          box[1] > block.box[1] + 0.3 * (block.box[3] - block.box[1]) &&
          box[1] - block.box[3] < 0.12 &&
          Math.abs(box[0] - block.box[0]) < 0.03,
      )
      .sort((a, b) => a.box[1] - b.box[1]);
    // The label may share its line with the name ("Bill to: ACME Ltd").
    const sameLine = page.lines[block.line]!.words.length > block.end;
    const nameRun = sameLine
      ? runOf(page, block.line, block.end, page.lines[block.line]!.words.length)
      : under[0]
        ? runOf(page, under[0].li, 0, under[0].line.words.length)
        : null;
    if (!nameRun) continue;
    add('customerName', nameRun.text.replace(/^[:\s]+/u, ''), nameRun, 0.55);
    const addressLines = under
      .slice(sameLine ? 0 : 1, sameLine ? 3 : 4)
      .filter(({ line }) => !line.words.some((w) => /@|\bVAT\b|USt|TVA|BTW|IVA|NIF/iu.test(w.text)));
    if (addressLines.length > 0) {
      const runs = addressLines.map(({ li, line }) => runOf(page, li, 0, line.words.length));
      out.push({
        field: 'customerAddress',
        value: runs.map((r) => r.text).join(', '),
        text: runs.map((r) => r.text).join(' '),
        page: block.page,
        bbox: unionBox(runs.map((r) => r.box)),
        score: 0.5,
        source: 'rule',
      });
    }
  }
  return out;
}

const valueKey = (v: string | number) =>
  typeof v === 'number'
    ? v.toFixed(2)
    : v
        .toLowerCase()
        .replace(/[\s,.;:]+/gu, ' ')
        .trim();

interface Choice {
  candidate: Candidate;
  score: number;
  source: Exclude<FieldSource, 'user'>;
}

/** Per field: candidates grouped by value, each group scored 1 − Π(1 − best score per source), best first. */
function rankChoices(candidates: readonly Candidate[]): Map<InvoiceFieldName, Choice[]> {
  const byField = new Map<InvoiceFieldName, Map<string, Candidate[]>>();
  for (const c of candidates) {
    if (!byField.has(c.field)) byField.set(c.field, new Map());
    const groups = byField.get(c.field)!;
    const key = valueKey(c.value);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(c);
  }
  const ranked = new Map<InvoiceFieldName, Choice[]>();
  for (const [field, groups] of byField) {
    const choices: Choice[] = [];
    for (const group of groups.values()) {
      const bestOf = (source: 'model' | 'rule') =>
        group.filter((c) => c.source === source).sort((a, b) => b.score - a.score)[0];
      const model = bestOf('model');
      const rule = bestOf('rule');
      const score = 1 - (1 - (model?.score ?? 0)) * (1 - (rule?.score ?? 0));
      // The model's span carries the value's full text and box; a rule's run may be a part of it.
      const lead = model && (!rule || model.score >= 0.5 * rule.score) ? model : rule!;
      choices.push({ candidate: lead, score, source: lead.source });
    }
    choices.sort((a, b) => b.score - a.score);
    // An address read whole beats a line of it read with a little more confidence.
    if (MULTI_LINE_FIELDS.has(field) && choices.length > 1) {
      const top = valueKey(choices[0]!.candidate.value);
      const whole = choices.find(
        (c) =>
          c !== choices[0] &&
          valueKey(c.candidate.value).includes(top) &&
          c.score >= 0.85 * choices[0]!.score,
      );
      if (whole) choices.splice(choices.indexOf(whole), 1).forEach((c) => choices.unshift(c));
    }
    ranked.set(field, choices);
  }
  return ranked;
}

/**
 * Subtotal, tax and total that add up are more likely than the best of each alone: among the top three
 * candidates of each, the combination that adds up (within rounding) with the highest summed score is
 * taken when it scores at least 80 % of the individually best choices.
 */
function chooseConsistentTotals(ranked: Map<InvoiceFieldName, Choice[]>): void {
  const subs = ranked.get('subTotal')?.slice(0, 3) ?? [];
  const taxes = ranked.get('totalTax')?.slice(0, 3) ?? [];
  const totals = ranked.get('invoiceTotal')?.slice(0, 3) ?? [];
  if (!subs.length || !taxes.length || !totals.length) return;
  const num = (c: Choice) => c.candidate.value as number;
  const best = subs[0]!.score + taxes[0]!.score + totals[0]!.score;
  let found: [Choice, Choice, Choice] | null = null;
  let foundScore = 0;
  for (const s of subs)
    for (const t of taxes)
      for (const g of totals) {
        if (Math.abs(num(s) + num(t) - num(g)) > 0.02) continue;
        const score = s.score + t.score + g.score;
        if (score > foundScore) [found, foundScore] = [[s, t, g], score];
      }
  if (!found || foundScore < 0.8 * best) return;
  (['subTotal', 'totalTax', 'invoiceTotal'] as const).forEach((field, i) => {
    const chosen = found[i]!;
    // Agreement among three values is evidence of its own.
    const boosted = { ...chosen, score: 1 - (1 - chosen.score) * 0.5 };
    ranked.set(field, [boosted, ...ranked.get(field)!.filter((c) => c !== chosen)]);
  });
}

/** Fields that are never the same printed value: the other one of each pair must look elsewhere. */
const DISTINCT_PAIRS: [InvoiceFieldName, InvoiceFieldName][] = [
  ['invoiceDate', 'dueDate'],
  ['vendorName', 'customerName'],
  ['vendorAddress', 'customerAddress'],
  ['vendorTaxId', 'customerTaxId'],
  ['invoiceId', 'purchaseOrder'],
];

function overlaps(a: Candidate, b: Candidate): boolean {
  if (a.page !== b.page) return false;
  const w = Math.min(a.bbox[2], b.bbox[2]) - Math.max(a.bbox[0], b.bbox[0]);
  const h = Math.min(a.bbox[3], b.bbox[3]) - Math.max(a.bbox[1], b.bbox[1]);
  if (w <= 0 || h <= 0) return false;
  const area = (c: Candidate) => (c.bbox[2] - c.bbox[0]) * (c.bbox[3] - c.bbox[1]);
  return (w * h) / Math.min(area(a), area(b)) > 0.5;
}

/**
 * When both fields of a pair chose the same printed value, it goes to the field for which giving it up
 * costs more: the pair's total score is compared with each field keeping it and the other taking its next
 * choice elsewhere (an invoice date and a due date both read from "15/12/2019" under "Date d'échéance").
 */
function separatePairs(ranked: Map<InvoiceFieldName, Choice[]>): void {
  for (const [a, b] of DISTINCT_PAIRS) {
    const first = ranked.get(a)?.[0];
    const second = ranked.get(b)?.[0];
    if (!first || !second || !overlaps(first.candidate, second.candidate)) continue;
    const elsewhere = (field: InvoiceFieldName, taken: Choice) =>
      ranked.get(field)!.filter((c) => !overlaps(c.candidate, taken.candidate));
    const aKeeps = first.score + (elsewhere(b, first)[0]?.score ?? 0);
    const bKeeps = second.score + (elsewhere(a, second)[0]?.score ?? 0);
    if (aKeeps >= bKeeps) ranked.set(b, elsewhere(b, first));
    else ranked.set(a, elsewhere(a, second));
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The fields of one invoice's pages. */
export function findFields(
  pages: readonly Page[],
  tokens: readonly PageToken[],
  spans: readonly DecodedSpan[],
  context: ReadingContext,
): Partial<Record<InvoiceFieldName, FoundField>> {
  const candidates = [...modelCandidates(spans, tokens, context), ...ruleCandidates(pages, context)];
  const ranked = rankChoices(candidates);
  chooseConsistentTotals(ranked);
  separatePairs(ranked);
  const fields: Partial<Record<InvoiceFieldName, FoundField>> = {};
  for (const [field, choices] of ranked) {
    const best = choices[0];
    if (!best || best.score < MIN_CONFIDENCE) continue;
    const c = best.candidate;
    fields[field] = {
      value: c.value,
      confidence: round3(Math.min(best.score, 0.999)),
      page: c.page,
      bbox: c.bbox.map(round3) as Box,
      source: best.source,
      text: c.text,
    };
  }
  return fields;
}

/** The invoice number a page's labels point to, if any: how a PDF holding several invoices is split. */
export function labelledInvoiceId(page: Page, context: ReadingContext): string | null {
  const ids = ruleCandidates([page], context)
    .filter((c) => c.field === 'invoiceId')
    .sort((a, b) => b.score - a.score);
  return ids[0] ? valueKey(ids[0].value) : null;
}
