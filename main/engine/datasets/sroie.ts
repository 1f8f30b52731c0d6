// SROIE (ICDAR 2019 scanned receipts, task 3) as labelled token sequences. metadata.jsonl holds one receipt
// per line: its OCR text segments with pixel boxes, and the true company, date, address and total.
// Segments are split into words (and ':' '(' ')' split off), each word getting the slice of the segment's
// box proportional to its characters; boxes are normalised by the image size. BIO tags come from finding
// each entity's text in the token sequence, ignoring whitespace, at token boundaries (every occurrence).
// In this copy, the OCR text of a segment stops at its first comma (the box still covers the whole line),
// so most addresses do not occur verbatim: those are aligned partially, to the longest run of tokens that
// appear in order in the address; what cannot be aligned at all is counted.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DataFileError } from './labelled-rows.ts';
import { hashFeature } from '../features/hash.ts';
import { bioLabels } from '../sequence/bio.ts';
import type { LabelledSequence, Token } from '../sequence/types.ts';

export const SROIE_FIELDS = ['company', 'date', 'address', 'total'] as const;
export type SroieField = (typeof SROIE_FIELDS)[number];

export type AlignmentStatus = 'exact' | 'partial' | 'missing' | 'empty';

export interface FieldAlignment {
  status: AlignmentStatus;
  /** Token spans labelled with this field. */
  spans: { start: number; end: number }[];
  /** The text of the first labelled span (what a labeller can extract from these tokens), '' if none. */
  text: string;
}

export interface SroieReceipt extends LabelledSequence {
  key: string;
  /** The true field texts as published. */
  entities: Record<SroieField, string>;
  alignment: Record<SroieField, FieldAlignment>;
}

export interface SroieDataset {
  receipts: SroieReceipt[];
  labels: string[];
  /** Per field: how many receipts' entity was found verbatim, partially, not at all, or is empty. */
  alignment: Record<SroieField, Record<AlignmentStatus, number>>;
}

/** One line of metadata.jsonl as published. */
export interface RawReceipt {
  key: string;
  image_size: { width: number; height: number };
  entities: Partial<Record<SroieField, string>>;
  words: string[];
  bboxes: number[][];
}

const TOKEN = /[^\s:()]+|[:()]/gu;

/** Words of one OCR segment, each with its share of the segment's box (normalised). */
export function segmentTokens(text: string, box: readonly number[], width: number, height: number): Token[] {
  const [bx0, by0, bx1, by1] = box as [number, number, number, number];
  const length = Math.max(text.length, 1);
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const tokens: Token[] = [];
  let previousEnd = -1;
  for (const m of text.matchAll(TOKEN)) {
    const a = m.index;
    const b = a + m[0].length;
    const token: Token = {
      text: m[0],
      bbox: [
        clamp((bx0 + ((bx1 - bx0) * a) / length) / width),
        clamp(by0 / height),
        clamp((bx0 + ((bx1 - bx0) * b) / length) / width),
        clamp(by1 / height),
      ],
    };
    if (a === previousEnd) token.noSpaceBefore = true;
    tokens.push(token);
    previousEnd = b;
  }
  return tokens;
}

/** Token ranges whose concatenated text (whitespace ignored) equals `entity`, at token boundaries. */
function exactMatches(tokens: readonly Token[], entity: string): { start: number; end: number }[] {
  const target = entity.replace(/\s+/gu, '');
  if (!target) return [];
  const found: { start: number; end: number }[] = [];
  for (let s = 0; s < tokens.length; s++) {
    let joined = '';
    for (let e = s; e < tokens.length && joined.length < target.length; e++) {
      joined += tokens[e]!.text;
      if (!target.startsWith(joined)) break;
      if (joined.length === target.length) found.push({ start: s, end: e + 1 });
    }
  }
  return found;
}

/**
 * The run of tokens whose texts occur in order in the entity (whitespace and commas removed) covering the
 * most characters. A run that starts at the entity's beginning is kept if it has at least two tokens (the
 * OCR keeps each line up to its first comma, so an address's first words survive); any other run must
 * cover at least half of the entity. Null if there is none.
 */
function partialMatch(tokens: readonly Token[], entity: string): { start: number; end: number } | null {
  const target = entity.replace(/[\s,]+/gu, '');
  let best: { start: number; end: number; covered: number } | null = null;
  for (let s = 0; s < tokens.length; s++) {
    let pointer = 0;
    let covered = 0;
    let anchored = false;
    let e = s;
    for (; e < tokens.length; e++) {
      const text = tokens[e]!.text;
      const at = target.indexOf(text, pointer);
      if (at < 0) break;
      if (e === s) anchored = at === 0;
      pointer = at + text.length;
      covered += text.length;
    }
    const accepted = (anchored && e - s >= 2) || covered >= 0.5 * target.length;
    if (accepted && (!best || covered > best.covered)) best = { start: s, end: e, covered };
  }
  return best;
}

function joinTokens(tokens: readonly Token[], start: number, end: number): string {
  return tokens
    .slice(start, end)
    .map((t, i) => (i > 0 && !t.noSpaceBefore ? ' ' : '') + t.text)
    .join('');
}

/** One receipt as tokens with BIO tags. */
export function receiptToSequence(raw: RawReceipt): SroieReceipt {
  const { width, height } = raw.image_size;
  if (raw.words.length !== raw.bboxes.length) {
    throw new Error(`SROIE ${raw.key}: ${raw.words.length} words but ${raw.bboxes.length} boxes`);
  }
  const tokens = raw.words.flatMap((w, i) => segmentTokens(w, raw.bboxes[i]!, width, height));
  const tags = new Array<string>(tokens.length).fill('O');
  const entities = Object.fromEntries(SROIE_FIELDS.map((f) => [f, (raw.entities[f] ?? '').trim()])) as Record<
    SroieField,
    string
  >;
  const alignment = {} as Record<SroieField, FieldAlignment>;
  const free = (s: { start: number; end: number }) => tags.slice(s.start, s.end).every((t) => t === 'O');
  const label = (field: SroieField, spans: { start: number; end: number }[]) => {
    for (const s of spans)
      for (let i = s.start; i < s.end; i++) tags[i] = `${i === s.start ? 'B' : 'I'}-${field}`;
  };
  // Verbatim matches first for every field, then partial ones where the tokens are still free.
  for (const field of SROIE_FIELDS) {
    if (!entities[field]) {
      alignment[field] = { status: 'empty', spans: [], text: '' };
      continue;
    }
    const spans = exactMatches(tokens, entities[field]).filter(free);
    label(field, spans);
    alignment[field] = { status: spans.length ? 'exact' : 'missing', spans, text: '' };
  }
  for (const field of SROIE_FIELDS) {
    if (alignment[field].status !== 'missing') continue;
    const span = partialMatch(tokens, entities[field]);
    if (span && free(span)) {
      label(field, [span]);
      alignment[field] = { status: 'partial', spans: [span], text: '' };
    }
  }
  for (const field of SROIE_FIELDS) {
    const first = alignment[field].spans[0];
    if (first) alignment[field].text = joinTokens(tokens, first.start, first.end);
  }
  return { key: raw.key, tokens, tags, entities, alignment };
}

const receiptSchema = z.object({
  key: z.string().optional(),
  image_size: z.object({ width: z.number().positive(), height: z.number().positive() }),
  entities: z.record(z.string(), z.string()).default({}),
  words: z.array(z.string()),
  bboxes: z.array(z.array(z.number()).length(4)),
});

/** The receipts of a metadata.jsonl file, with a clear error naming the line that is not one. */
export function parseRawReceipts(jsonl: string, source: string): RawReceipt[] {
  const receipts: RawReceipt[] = [];
  jsonl.split(/\r?\n/u).forEach((line, n) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new DataFileError(`${source}:${n + 1}: not JSON (${(e as Error).message})`);
    }
    const parsed = receiptSchema.safeParse(json);
    if (!parsed.success || parsed.data.words.length !== parsed.data.bboxes.length) {
      const issue = parsed.success
        ? 'words and bboxes differ in length'
        : `${parsed.error.issues[0]!.path.join('.') || 'line'}: ${parsed.error.issues[0]!.message}`;
      throw new DataFileError(
        `${source}:${n + 1}: not a SROIE receipt (${issue}); each line needs words, bboxes of four numbers each, and image_size.`,
      );
    }
    receipts.push({ ...parsed.data, key: parsed.data.key ?? `line ${n + 1}` } as RawReceipt);
  });
  if (receipts.length === 0) throw new DataFileError(`${source} holds no receipts.`);
  return receipts;
}

export function parseSroie(jsonl: string, source = 'metadata.jsonl'): SroieDataset {
  const receipts = parseRawReceipts(jsonl, source).map(receiptToSequence);
  const alignment = Object.fromEntries(
    SROIE_FIELDS.map((f) => {
      const counts: Record<AlignmentStatus, number> = { exact: 0, partial: 0, missing: 0, empty: 0 };
      for (const r of receipts) counts[r.alignment[f].status]++;
      return [f, counts];
    }),
  ) as SroieDataset['alignment'];
  return { receipts, labels: bioLabels(SROIE_FIELDS), alignment };
}

export async function readSroie(path: string): Promise<SroieDataset> {
  return parseSroie(await readFile(path, 'utf8'), path);
}

/** MurmurHash3's finaliser: spreads FNV-1a's bits so that similar keys land far apart. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic split by hash of the receipt key and seed: about `devFraction` of receipts go to dev. */
export function splitSroie<T extends { key: string }>(
  receipts: readonly T[],
  devFraction = 0.2,
  seed = 0,
): { train: T[]; dev: T[] } {
  const train: T[] = [];
  const dev: T[] = [];
  for (const r of receipts)
    (mix32(hashFeature(`${seed}:${r.key}`)) / 2 ** 32 < devFraction ? dev : train).push(r);
  return { train, dev };
}
