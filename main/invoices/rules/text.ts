// Text helpers shared by the invoice rules: folding for case- and accent-insensitive comparison, and the
// split of a line's words into the pieces the rules look at. Readers differ in how they cut a line: a PDF
// text layer may give "Total:" or "09/01/2019 8:01:11 PM" as one word, the SROIE tokens split ':' '(' ')'
// off. Splitting every word the same way here makes the rules indifferent to that, while each piece
// remembers its word so that matches are reported as word ranges.

/** Lower case without accents, "°"/"º" as "o" (so "N°", "Nº" and "No" compare equal), one kind of apostrophe. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/°/gu, 'o')
    .replace(/[’‘´`]/gu, "'")
    .replace(/[\u00A0\u202F\u2009\u2007]/gu, ' ')
    .toLowerCase();
}

export interface Piece {
  /** The piece as printed. */
  text: string;
  /** Index of the word it came from. */
  word: number;
  /** Whether it follows the previous piece without a space (a piece of the same word). */
  glued: boolean;
}

/** Pieces: runs without whitespace, ':' '(' ')' and '#' on their own (times "12:30" become three pieces). */
const PIECE = /[^\s:()#]+|[:()#]/gu;

export function splitPieces(words: readonly string[]): Piece[] {
  const pieces: Piece[] = [];
  words.forEach((word, w) => {
    let previousEnd = -1;
    for (const m of word.normalize('NFC').matchAll(PIECE)) {
      pieces.push({ text: m[0], word: w, glued: m.index === previousEnd });
      previousEnd = m.index + m[0].length;
    }
  });
  return pieces;
}

/** The printed text of pieces [start, end): glued pieces stay glued, others are joined with one space. */
export function piecesText(pieces: readonly Piece[], start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const p = pieces[i]!;
    out += i === start || p.glued ? p.text : ` ${p.text}`;
  }
  return out;
}

/** Word range [start, end) covered by pieces [start, end). */
export function wordRange(
  pieces: readonly Piece[],
  start: number,
  end: number,
): { start: number; end: number } {
  return { start: pieces[start]!.word, end: pieces[end - 1]!.word + 1 };
}
