// "Why": the words and phrases that pushed a prediction, found by occlusion through the real model. Each
// word is removed in turn and the drop in the label's probability is that word's weight. This works for
// any model the app runs (it only needs probabilities), and the texts go to the model in one batch.
import { DocketError } from '../api/errors.ts';

export interface Evidence {
  text: string;
  /** > 0 pushed towards the label, < 0 against it. */
  weight: number;
}

export interface ExplainOptions {
  /** Words looked at; a longer text is explained on its first `maxWords` words (120). */
  maxWords?: number;
  /** Evidence items returned (6). */
  top?: number;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

/** Words with their offsets; "don't" and "e-mail" stay one word. */
const WORD = /[\p{L}\p{N}]+(?:['’\-_.][\p{L}\p{N}]+)*/gu;
/** Weights smaller than this are noise, not evidence. */
const MIN_WEIGHT = 0.005;
/** Neighbours at or above this share of the strongest weight are joined into a phrase. */
const PHRASE_SHARE = 0.25;

/** The text without words[i], and without the space after it (before it, for the last word). */
function without(text: string, word: Word): string {
  let { start, end } = word;
  const after = /^\s+/u.exec(text.slice(end))?.[0].length ?? 0;
  if (after > 0) end += after;
  else start -= /\s+$/u.exec(text.slice(0, start))?.[0].length ?? 0;
  return text.slice(0, start) + text.slice(end);
}

const round = (w: number) => Math.round(w * 1e4) / 1e4;

export async function explainByOcclusion(
  text: string,
  labelIndex: number,
  probabilities: (texts: string[]) => Promise<ArrayLike<number>[]>,
  options: ExplainOptions = {},
): Promise<Evidence[]> {
  const maxWords = Math.max(1, options.maxWords ?? 120);
  const top = Math.max(1, options.top ?? 6);
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    if (words.length === maxWords) break;
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  if (words.length === 0) return [];
  // A long text is explained on its first words only: the batch stays maxWords + 1 short texts.
  const shown = text.slice(0, words[words.length - 1]!.end);
  const texts = [shown, ...words.map((w) => without(shown, w))];
  const answers = await probabilities(texts);
  if (answers.length !== texts.length)
    throw new DocketError('INTERNAL', `The model gave ${answers.length} answers for ${texts.length} texts.`);
  const width = answers[0]!.length;
  if (!Number.isInteger(labelIndex) || labelIndex < 0 || labelIndex >= width)
    throw new DocketError(
      'BAD_INPUT',
      `Label number ${labelIndex} is not one of the model's ${width} labels.`,
    );
  const base = answers[0]![labelIndex]!;
  const weights = words.map((_, i) => base - answers[i + 1]![labelIndex]!);

  // Strong positive neighbours (only spaces between them) read better as one phrase: "reset my password".
  const strongest = Math.max(0, ...weights);
  const strong = (i: number) => strongest > 0 && weights[i]! >= PHRASE_SHARE * strongest;
  const evidence: Evidence[] = [];
  for (let i = 0; i < words.length; i++) {
    let j = i;
    let weight = weights[i]!;
    while (
      strong(i) &&
      j + 1 < words.length &&
      strong(j + 1) &&
      /^\s+$/u.test(shown.slice(words[j]!.end, words[j + 1]!.start))
    ) {
      j++;
      weight += weights[j]!;
    }
    evidence.push({ text: shown.slice(words[i]!.start, words[j]!.end), weight });
    i = j;
  }

  // The same word twice ("refund … refund") is shown once, with its strongest occurrence.
  const byText = new Map<string, Evidence>();
  for (const e of evidence) {
    if (Math.abs(e.weight) < MIN_WEIGHT) continue;
    const key = e.text.toLowerCase();
    const seen = byText.get(key);
    if (!seen || Math.abs(e.weight) > Math.abs(seen.weight)) byText.set(key, e);
  }
  const chosen = [...byText.values()].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, top);
  return chosen
    .sort((a, b) =>
      a.weight > 0 === b.weight > 0 ? Math.abs(b.weight) - Math.abs(a.weight) : b.weight - a.weight,
    )
    .map((e) => ({ text: e.text, weight: round(e.weight) }));
}
