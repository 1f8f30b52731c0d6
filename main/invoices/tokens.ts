// A document's pages as the labeller's tokens: every word of every line in reading order, split like the
// SROIE OCR segments (':' '(' ')' on their own), each keeping its share of the word's box and its page.
// Training (generated invoices, SROIE) and extraction both go through here, so the model sees the same
// tokens in both.
import type { Page } from '../documents/layout.ts';
import { segmentTokens } from '../engine/datasets/sroie.ts';
import type { Token } from '../engine/sequence/types.ts';

export interface PageToken extends Token {
  bbox: [number, number, number, number];
  page: number;
  /** Index of the line on its page (in the reader's reading order) and of the word in that line. */
  line: number;
  word: number;
}

export function pagesToTokens(pages: readonly Page[]): PageToken[] {
  const tokens: PageToken[] = [];
  for (const page of pages) {
    page.lines.forEach((line, li) => {
      line.words.forEach((word, wi) => {
        const pieces = segmentTokens(word.text, word.box, 1, 1);
        pieces.forEach((piece, k) => {
          const token: PageToken = {
            ...piece,
            bbox: piece.bbox!,
            page: page.pageNumber,
            line: li,
            word: wi,
          };
          if (word.fontSize !== undefined) token.fontSize = word.fontSize;
          // Pieces of one word are glued; the first piece of a word follows a space.
          if (k === 0) delete token.noSpaceBefore;
          tokens.push(token);
        });
      });
    });
  }
  return tokens;
}
