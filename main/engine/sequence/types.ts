// The shapes a sequence labeller reads and writes: a document is an array of tokens in reading order,
// optionally with layout (a box on the page normalised to 0..1, page number, font size).

export interface Token {
  text: string;
  /** [x0, y0, x1, y1], normalised to 0..1 by the page's width and height (top-left origin). */
  bbox?: [number, number, number, number];
  page?: number;
  /** In points, where the reader knows it (PDF text layers). */
  fontSize?: number;
  /** The token was glued to the previous one in the source text (no space between them). */
  noSpaceBefore?: boolean;
}

/** A document (or sentence) with one BIO tag per token: 'O', 'B-<label>' or 'I-<label>'. */
export interface LabelledSequence {
  tokens: Token[];
  tags: string[];
}

/** Tokens [start, end) carry the entity `label`. */
export interface TokenSpan {
  label: string;
  start: number;
  end: number;
}

export interface DecodedSpan extends TokenSpan {
  /** The tokens' texts joined as in the source (a space unless a token has noSpaceBefore). */
  text: string;
  /** Mean over the span's tokens of the probability of the tag that decoding chose. */
  probability: number;
}
