// The words of an invoice's pages with where they are, and the geometry the field scorer asks about: is a
// value on the same row to the right of its label, or just below it.
import type { Box, Page } from '../documents/layout.ts';

export interface PlacedWord {
  text: string;
  box: Box;
  page: number;
  /** The reader's line on its page and the word's index in it. */
  line: number;
  word: number;
}

/** A run of consecutive words of one line: where a rule's match or a label sits. */
export interface WordRun {
  page: number;
  line: number;
  start: number;
  end: number;
  box: Box;
  text: string;
}

export function unionBox(boxes: readonly Box[]): Box {
  let [x0, y0, x1, y1] = [1, 1, 0, 0];
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

export function runOf(page: Page, line: number, start: number, end: number): WordRun {
  const words = page.lines[line]!.words.slice(start, end);
  return {
    page: page.pageNumber,
    line,
    start,
    end,
    box: unionBox(words.map((w) => w.box)),
    text: words.map((w) => w.text).join(' '),
  };
}

const height = (b: Box) => b[3] - b[1];
const centreY = (b: Box) => (b[1] + b[3]) / 2;

/**
 * How well `value` sits where a value of `label` goes, 0..1: on the same row and to the right (best, fading
 * with the gap), or below and overlapping horizontally (fading with the distance in line heights).
 */
export function keyValueFit(label: Box, value: Box): { fit: number; relation: 'right' | 'below' | null } {
  const h = Math.max(height(label), 0.005);
  const sameRow = Math.abs(centreY(label) - centreY(value)) <= 0.6 * Math.max(h, height(value));
  if (sameRow && value[0] >= label[2] - 0.2 * h) {
    const gap = Math.max(0, value[0] - label[2]);
    // Totals blocks put the amount at the page's right edge: a gap of half the page still reads as a pair.
    return { fit: 0.95 * Math.exp(-gap / 0.45), relation: 'right' };
  }
  const below = value[1] - label[3];
  const overlap = Math.min(label[2], value[2]) - Math.max(label[0], value[0]);
  const aligned = overlap > 0 || Math.abs(label[0] - value[0]) < 0.03 || Math.abs(label[2] - value[2]) < 0.03;
  if (below >= -0.3 * h && aligned) {
    const lines = below / h;
    if (lines > 3.5) return { fit: 0, relation: null };
    return { fit: 0.85 * Math.exp(-Math.max(0, lines - 0.5) / 2), relation: 'below' };
  }
  return { fit: 0, relation: null };
}
