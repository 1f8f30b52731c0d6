// BIO tags: parsing, the label set, which tag may follow which, and conversion between tag sequences and
// token spans. A well-formed sequence has every I-X right after B-X or I-X.
import type { Token, TokenSpan } from './types.ts';

export interface ParsedTag {
  prefix: 'O' | 'B' | 'I';
  /** The entity type ('' for O). */
  type: string;
}

export function parseTag(tag: string): ParsedTag {
  if (tag === 'O') return { prefix: 'O', type: '' };
  const m = /^([BI])-(.+)$/.exec(tag);
  if (!m) throw new Error(`not a BIO tag: ${JSON.stringify(tag)} (expected O, B-<type> or I-<type>)`);
  return { prefix: m[1] as 'B' | 'I', type: m[2]! };
}

/** The entity types in a tag set, in first-seen order. */
export function entityTypes(tags: Iterable<string>): string[] {
  const types = new Set<string>();
  for (const tag of tags) {
    const { type } = parseTag(tag);
    if (type) types.add(type);
  }
  return [...types];
}

/** The label set for a list of entity types: O, then B-X and I-X for each type (types sorted). */
export function bioLabels(types: Iterable<string>): string[] {
  const labels = ['O'];
  for (const type of [...new Set(types)].sort()) labels.push(`B-${type}`, `I-${type}`);
  return labels;
}

/** May `next` follow `previous` (null at the start of the sequence)? */
export function isAllowedTransition(previous: string | null, next: string): boolean {
  const n = parseTag(next);
  if (n.prefix !== 'I') return true;
  if (previous === null) return false;
  const p = parseTag(previous);
  return p.prefix !== 'O' && p.type === n.type;
}

/** allowed[i][j]: label j may follow label i. */
export function transitionMask(labels: readonly string[]): boolean[][] {
  return labels.map((a) => labels.map((b) => isAllowedTransition(a, b)));
}

/** Whether every I-X follows B-X or I-X. */
export function isWellFormed(tags: readonly string[]): boolean {
  return tags.every((tag, i) => isAllowedTransition(i === 0 ? null : tags[i - 1]!, tag));
}

/**
 * The spans in a tag sequence. As conlleval does, an I-X that does not continue an X span (after O or
 * after another type) starts a new span, so ill-formed gold data loses no entity.
 */
export function tagsToSpans(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let current: TokenSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const { prefix, type } = parseTag(tags[i]!);
    if (prefix === 'I' && current && current.label === type) {
      current.end = i + 1;
      continue;
    }
    if (current) spans.push(current);
    current = prefix === 'O' ? null : { label: type, start: i, end: i + 1 };
  }
  if (current) spans.push(current);
  return spans;
}

/** The tag sequence of `length` tokens carrying the given (non-overlapping) spans. */
export function spansToTags(spans: readonly TokenSpan[], length: number): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const s of spans) {
    if (s.start < 0 || s.end > length || s.start >= s.end) {
      throw new Error(`span [${s.start}, ${s.end}) is outside the ${length} tokens`);
    }
    for (let i = s.start; i < s.end; i++) {
      if (tags[i] !== 'O') throw new Error(`spans overlap at token ${i}`);
      tags[i] = `${i === s.start ? 'B' : 'I'}-${s.label}`;
    }
  }
  return tags;
}

/** The source text of tokens [start, end): a space between tokens unless a token says noSpaceBefore. */
export function spanText(tokens: readonly Token[], start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    if (i > start && !t.noSpaceBefore) text += ' ';
    text += t.text;
  }
  return text;
}
