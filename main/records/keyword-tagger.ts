// CRM cold start: tags from the admin's taxonomy (name, description, example keywords) before enough
// labelled examples exist to train a model. A keyword found in the text is good evidence; words of the
// tag's description are weaker evidence. Also home of the whole-word phrase match the routing rules share.
//
// Scores stay deliberately below any auto-apply threshold: keyword tagging only ever suggests, so a
// person confirms every tag until the learned model (calibrated on the team's own labels) takes over.
import { foldText } from '../invoices/rules/text.ts';

export interface TagDefinition {
  name: string;
  description: string;
  keywords: string[];
}

export interface KeywordTag {
  tag: string;
  score: number;
  /** The keywords (as the admin wrote them) or description words that matched. */
  why: string[];
}

/** One keyword found: a suggestion, never applied without review. */
export const ONE_KEYWORD_SCORE = 0.6;
/** Two or more distinct keywords found. */
export const MANY_KEYWORDS_SCORE = 0.75;
/** No keyword, but two or more distinct content words of the description. */
export const DESCRIPTION_SCORE = 0.35;

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, folded (lower case, no accents). */
export function foldedWords(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

const phraseCache = new Map<string, RegExp | null>();

/**
 * A regex finding the phrase as whole words in folded text: "Refund request" matches "refund-request"
 * and "REFUND  request" but not "refunds". Null when the phrase has no letter or digit.
 */
function phraseRegex(phrase: string): RegExp | null {
  let re = phraseCache.get(phrase);
  if (re !== undefined) return re;
  const words = foldedWords(phrase);
  re =
    words.length === 0
      ? null
      : new RegExp(
          `(?<![\\p{L}\\p{N}])${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`,
          'u',
        );
  // Rules and taxonomies are small, but texts are many: bound the cache rather than trust its callers.
  if (phraseCache.size >= 2000) phraseCache.clear();
  phraseCache.set(phrase, re);
  return re;
}

/** Whether a phrase occurs as whole words in text already passed through `foldText`. */
export function containsPhrase(foldedText: string, phrase: string): boolean {
  return phraseRegex(phrase)?.test(foldedText) ?? false;
}

// English function words of four letters or more (shorter words are never content words here).
const STOP_WORDS = new Set(
  (
    'about above across after again against also although among another anything around back been before ' +
    'being below between both cannot could does doing done down during each either else ever every from ' +
    'further have having here however into itself just like made make many more most much must near need ' +
    'never other others over onto ours perhaps please quite rather really same seem several should since ' +
    'some something such than that their theirs them themselves then there these they thing things this ' +
    'those though through thus together toward towards under unless until upon used using very want well ' +
    'were what whatever when where whether which while whom whose will with within without would your yours ' +
    'related regarding etc'
  ).split(' '),
);

/** A crude stem, so that "invoices", "invoiced" and "invoicing" meet at "invoic", "shipping" at "ship". */
export function crudeStem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // "shipp" → "ship", "pric(e)" → "pric": the forms with and without a suffix end alike.
  if (w.length > 3 && /([b-df-hj-km-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The description's content words: stem → the word as first written. */
function descriptionStems(description: string): Map<string, string> {
  const stems = new Map<string, string>();
  for (const m of description.matchAll(WORD)) {
    const folded = foldText(m[0]);
    if (!/^\p{L}{4,}$/u.test(folded) || STOP_WORDS.has(folded)) continue;
    const stem = crudeStem(folded);
    if (!stems.has(stem)) stems.set(stem, m[0]);
  }
  return stems;
}

/** Suggested tags for a text, best first (ties by name); tags with no evidence are left out. */
export function keywordTags(text: string, taxonomy: TagDefinition[]): KeywordTag[] {
  const folded = foldText(text);
  let textStems: Set<string> | null = null;
  const out: KeywordTag[] = [];
  for (const tag of taxonomy) {
    const found = new Map<string, string>();
    for (const keyword of tag.keywords) {
      const key = foldedWords(keyword).join(' ');
      if (key && !found.has(key) && containsPhrase(folded, keyword)) found.set(key, keyword.trim());
    }
    if (found.size > 0) {
      out.push({
        tag: tag.name,
        score: found.size >= 2 ? MANY_KEYWORDS_SCORE : ONE_KEYWORD_SCORE,
        why: [...found.values()],
      });
      continue;
    }
    textStems ??= new Set((folded.match(WORD) ?? []).map(crudeStem));
    const matched = [...descriptionStems(tag.description)]
      .filter(([stem]) => textStems!.has(stem))
      .map(([, word]) => word);
    if (matched.length >= 2) out.push({ tag: tag.name, score: DESCRIPTION_SCORE, why: matched });
  }
  return out.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag));
}
