// Which of the five languages an invoice is written in. franc's trigram statistics work on prose but an
// invoice is mostly names, numbers and labels, and a receipt may have a dozen words; its labels
// ("Rechnungsnummer", "Total TTC", "Te betalen") are the better evidence there. Both are combined:
// franc counts for more the more text there is, each language's share of the recognised labels for the
// rest. Default English.
import { francAll } from 'franc-min';
import { findKeywords } from './rules/keywords.ts';
import type { InvoiceLanguage } from './types.ts';

const FRANC_CODES: Readonly<Record<string, InvoiceLanguage>> = {
  eng: 'en',
  deu: 'de',
  fra: 'fr',
  nld: 'nl',
  spa: 'es',
};
const ONLY = Object.keys(FRANC_CODES);

/** Letters of text at which franc is trusted as much as the labels. */
const FRANC_FULL_WEIGHT_LETTERS = 600;
/** Below this, franc is not asked at all. */
const FRANC_MIN_LETTERS = 40;

export function detectLanguage(text: string): InvoiceLanguage {
  const score: Record<InvoiceLanguage, number> = { en: 0, de: 0, fr: 0, nl: 0, es: 0 };

  const votes = keywordVotes(text);
  const total = Object.values(votes).reduce((a, b) => a + b, 0);
  if (total > 0)
    for (const lang of Object.keys(votes) as InvoiceLanguage[]) score[lang] += votes[lang] / total;

  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters >= FRANC_MIN_LETTERS) {
    const weight = Math.min(1, letters / FRANC_FULL_WEIGHT_LETTERS) * (total > 0 ? 1 : 2);
    // francAll scores the best language 1 and the others relative to it; only a clear lead counts.
    const ranked = francAll(text, { only: ONLY, minLength: 10 });
    const [best, second] = ranked;
    if (best && best[0] !== 'und') {
      const lead = 1 - (second?.[1] ?? 0);
      const lang = FRANC_CODES[best[0]];
      if (lang) score[lang] += weight * Math.min(1, 0.3 + 5 * lead);
    }
  }

  let best: InvoiceLanguage = 'en';
  for (const lang of Object.keys(score) as InvoiceLanguage[]) if (score[lang] > score[best]) best = lang;
  return best;
}

/** Per language: how many labels of that language the text holds (shared labels count for none). */
function keywordVotes(text: string): Record<InvoiceLanguage, number> {
  const votes: Record<InvoiceLanguage, number> = { en: 0, de: 0, fr: 0, nl: 0, es: 0 };
  for (const line of text.split(/\r?\n/u)) {
    const words = line.split(/\s+/u).filter(Boolean);
    if (words.length === 0) continue;
    for (const match of findKeywords(words)) if (match.language) votes[match.language]++;
  }
  return votes;
}
