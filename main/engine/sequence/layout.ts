// Where each token sits on its page: lines found by vertical overlap, the token's place in its line, the
// token to its left and the one above it, and its height against the document's median (a font-size proxy
// when the reader gives no font size). Tokens without a box get no layout.
import type { Token } from './types.ts';

export interface TokenLayout {
  /** Line number from the top of the page, and from the bottom. */
  line: number;
  lineFromBottom: number;
  /** Position in the line from the left, and the line's token count. */
  inLine: number;
  lineLength: number;
  /** Token indices of the nearest token to the left in the same line, and of the best-overlapping token in the line above (-1: none). */
  left: number;
  right: number;
  above: number;
  below: number;
  /** The first token of the line (index). */
  lineStart: number;
  /** All token indices of the line, left to right. */
  lineTokens: number[];
  /** log2 of the token's height (or font size) over the document median, rounded to half steps. */
  sizeStep: number;
}

const mid = (b: readonly number[]) => (b[1]! + b[3]!) / 2;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Layout of each token (null for tokens without a box). */
export function analyseLayout(tokens: readonly Token[]): (TokenLayout | null)[] {
  const out: (TokenLayout | null)[] = tokens.map(() => null);
  const pages = new Map<number, number[]>();
  tokens.forEach((t, i) => {
    if (!t.bbox) return;
    const page = t.page ?? 0;
    if (!pages.has(page)) pages.set(page, []);
    pages.get(page)!.push(i);
  });
  if (pages.size === 0) return out;

  const useFont = tokens.some((t) => t.fontSize !== undefined && t.fontSize > 0);
  const sizeOf = (t: Token) => (useFont ? (t.fontSize ?? 0) : t.bbox![3] - t.bbox![1]);
  const typical = median(tokens.filter((t) => t.bbox && sizeOf(t) > 0).map(sizeOf));

  for (const indices of pages.values()) {
    // Lines: tokens sorted by vertical centre; a token joins the current line when it overlaps the line's
    // vertical extent by at least half of the smaller height.
    const sorted = [...indices].sort((a, b) => mid(tokens[a]!.bbox!) - mid(tokens[b]!.bbox!) || a - b);
    const lines: number[][] = [];
    let top = 0;
    let bottom = 0;
    for (const i of sorted) {
      const [, y0, , y1] = tokens[i]!.bbox!;
      const current = lines.at(-1);
      if (current) {
        const overlap = Math.min(bottom, y1) - Math.max(top, y0);
        const smaller = Math.min(bottom - top, y1 - y0);
        if (overlap >= 0.5 * Math.max(smaller, 1e-9)) {
          current.push(i);
          top = Math.min(top, y0);
          bottom = Math.max(bottom, y1);
          continue;
        }
      }
      lines.push([i]);
      top = y0;
      bottom = y1;
    }
    for (const line of lines) line.sort((a, b) => tokens[a]!.bbox![0] - tokens[b]!.bbox![0] || a - b);

    lines.forEach((line, l) => {
      line.forEach((i, k) => {
        const t = tokens[i]!;
        const size = sizeOf(t);
        out[i] = {
          line: l,
          lineFromBottom: lines.length - 1 - l,
          inLine: k,
          lineLength: line.length,
          left: k > 0 ? line[k - 1]! : -1,
          right: k + 1 < line.length ? line[k + 1]! : -1,
          above: l > 0 ? overlapping(tokens, t, lines[l - 1]!) : -1,
          below: l + 1 < lines.length ? overlapping(tokens, t, lines[l + 1]!) : -1,
          lineStart: line[0]!,
          lineTokens: line,
          sizeStep: size > 0 && typical > 0 ? Math.round(2 * Math.log2(size / typical)) / 2 : 0,
        };
      });
    });
  }
  return out;
}

/** The token of `line` that overlaps `t` horizontally the most, else the nearest by horizontal centre. */
function overlapping(tokens: readonly Token[], t: Token, line: readonly number[]): number {
  const [x0, , x1] = t.bbox!;
  let best = -1;
  let bestOverlap = 0;
  let nearest = -1;
  let nearestDistance = Infinity;
  for (const j of line) {
    const [a0, , a1] = tokens[j]!.bbox!;
    const overlap = Math.min(x1, a1) - Math.max(x0, a0);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = j;
    }
    const distance = Math.abs((a0 + a1) / 2 - (x0 + x1) / 2);
    if (distance < nearestDistance) {
      nearestDistance = distance;
      nearest = j;
    }
  }
  return best >= 0 ? best : nearest;
}
