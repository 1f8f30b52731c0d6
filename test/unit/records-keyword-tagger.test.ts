// CRM cold start: tags suggested from the admin's taxonomy by keywords and description words, scored so
// that they are only ever suggestions.
import { describe, expect, it } from 'vitest';
import {
  DESCRIPTION_SCORE,
  MANY_KEYWORDS_SCORE,
  ONE_KEYWORD_SCORE,
  crudeStem,
  keywordTags,
  type TagDefinition,
} from '../../main/records/keyword-tagger.ts';

const taxonomy: TagDefinition[] = [
  {
    name: 'Churn risk',
    description: 'The customer is unhappy and considering cancelling or switching to a competitor.',
    keywords: ['cancel', 'switch provider', 'résiliation'],
  },
  {
    name: 'Upsell',
    description: 'Interest in more seats, a bigger plan or premium features.',
    keywords: ['upgrade', 'more seats'],
  },
  { name: 'Healthcare', description: 'Hospitals, clinics and medical practices.', keywords: [] },
];

describe('keywordTags', () => {
  it('scores one keyword, then two distinct keywords higher, matching whole words without case or accents', () => {
    expect(keywordTags('We may CANCEL next month.', taxonomy)).toEqual([
      { tag: 'Churn risk', score: ONE_KEYWORD_SCORE, why: ['cancel'] },
    ]);
    const two = keywordTags('Thinking to cancel and switch-provider; RESILIATION du contrat', taxonomy);
    expect(two[0]).toEqual({
      tag: 'Churn risk',
      score: MANY_KEYWORDS_SCORE,
      why: ['cancel', 'switch provider', 'résiliation'],
    });
    // Part of a word is not the keyword.
    expect(keywordTags('The cancellation policy', taxonomy)).toEqual([]);
    // The same keyword twice is still one keyword.
    expect(keywordTags('cancel, cancel, CANCEL', taxonomy)[0]?.score).toBe(ONE_KEYWORD_SCORE);
  });

  it('falls back to two or more description words, stemmed, with a lower score', () => {
    const tags = keywordTags('New clinic opening; two hospital sites', taxonomy);
    expect(tags).toEqual([{ tag: 'Healthcare', score: DESCRIPTION_SCORE, why: ['Hospitals', 'clinics'] }]);
    // One description word alone is not evidence.
    expect(keywordTags('Our clinic', taxonomy)).toEqual([]);
    // Stop words and short words of the description never count.
    expect(keywordTags('The and or into with', taxonomy)).toEqual([]);
  });

  it('returns the best first and keeps every score below auto-apply', () => {
    const tags = keywordTags(
      'Upgrade to premium with more seats; the clinic and hospitals too. Cancel?',
      taxonomy,
    );
    expect(tags.map((t) => t.tag)).toEqual(['Upsell', 'Churn risk', 'Healthcare']);
    expect(tags.map((t) => t.score)).toEqual([MANY_KEYWORDS_SCORE, ONE_KEYWORD_SCORE, DESCRIPTION_SCORE]);
    for (const t of tags) expect(t.score).toBeLessThan(0.8);
    expect(keywordTags('', taxonomy)).toEqual([]);
    expect(keywordTags('cancel', [])).toEqual([]);
  });

  it('stems crudely so that plural and verb forms meet', () => {
    const same = (words: string[]) => new Set(words.map(crudeStem)).size === 1;
    expect(same(['invoice', 'invoices', 'invoiced', 'invoicing'])).toBe(true);
    expect(same(['ship', 'ships', 'shipping', 'shipped'])).toBe(true);
    expect(same(['price', 'prices', 'pricing'])).toBe(true);
    expect(same(['box', 'boxes'])).toBe(true);
    expect(crudeStem('class')).toBe('class');
    expect(crudeStem('billing')).toBe('bill');
  });
});
