// Synthetic pages for readers that have text but no layout (email, .msg, CSV/XLSX, DOCX, HTML, text).
//
// The convention, shared by all of them so that evidence (page, box) means the same everywhere:
// - the document's `text` is split on '\n'; a text line longer than MAX_LINE_CHARS is wrapped at
//   whitespace into several page lines, so every page line is a text line or a piece of one, in order;
// - every LINES_PER_PAGE page lines make one Page (Letter size in points, 612 x 792), textSource
//   'text-layer', rotation 0;
// - blank lines produce no Line but keep their slot, and start a new block (paragraph);
// - line k of a page has the box [0, k/60, 1, (k+1)/60]: the full width, stacked by line index;
// - a word's box spans its characters, one character being 1/max(100, longest line on the page)
//   of the width (a monospaced approximation).
// Pages beyond maxPages are not produced (the text stays complete); callers record that in metadata.
import type { Box, Line, Page, ReadResult, Word } from '../layout.ts';

export const LINES_PER_PAGE = 60;
export const MAX_LINE_CHARS = 500;
const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MIN_COLUMNS = 100;

export interface PlainPages {
  pages: Page[];
  /** True when the text needed more than maxPages pages and the rest were left out. */
  truncated: boolean;
}

/** Splits a long line at whitespace into pieces of at most MAX_LINE_CHARS (hard cuts if none). */
function* wrap(line: string): Generator<string> {
  if (line.length <= MAX_LINE_CHARS) {
    yield line;
    return;
  }
  let start = 0;
  while (line.length - start > MAX_LINE_CHARS) {
    let cut = line.lastIndexOf(' ', start + MAX_LINE_CHARS);
    if (cut <= start) cut = start + MAX_LINE_CHARS;
    yield line.slice(start, cut);
    start = cut;
    while (line[start] === ' ') start++;
  }
  if (start < line.length) yield line.slice(start);
}

/** Pages of synthetic line and word boxes for plain text; see the file comment for the layout. */
export function textToPages(text: string, maxPages = Number.POSITIVE_INFINITY): PlainPages {
  const pages: Page[] = [];
  let slots: string[] = [];
  let block = 0;
  let previousBlank = true;
  let truncated = false;

  const flush = () => {
    if (slots.length === 0) return;
    const columns = Math.max(MIN_COLUMNS, ...slots.map((slot) => slot.length));
    const lines: Line[] = [];
    slots.forEach((slot, index) => {
      if (slot.trim() === '') {
        if (!previousBlank) block++;
        previousBlank = true;
        return;
      }
      previousBlank = false;
      const y0 = index / LINES_PER_PAGE;
      const y1 = (index + 1) / LINES_PER_PAGE;
      const words: Word[] = [];
      for (const match of slot.matchAll(/\S+/g)) {
        const start = match.index;
        const box: Box = [start / columns, y0, (start + match[0].length) / columns, y1];
        words.push({ text: match[0], box });
      }
      lines.push({ words, box: [0, y0, 1, y1], block });
    });
    pages.push({
      pageNumber: pages.length + 1,
      width: PAGE_WIDTH,
      height: PAGE_HEIGHT,
      rotation: 0,
      textSource: 'text-layer',
      lines,
    });
    slots = [];
  };

  for (const line of text.split('\n')) {
    for (const piece of wrap(line.replace(/\r$/, ''))) {
      if (slots.length === LINES_PER_PAGE) {
        flush();
        if (pages.length >= maxPages) {
          truncated = true;
          return { pages, truncated };
        }
      }
      slots.push(piece);
    }
  }
  // A trailing newline does not make an extra page.
  if (slots.some((slot) => slot.trim() !== '')) flush();
  return { pages, truncated };
}

/** Normalises line breaks to '\n' and drops trailing whitespace at the end of the text. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}

/** Builds a ReadResult for text, with synthetic pages capped at the page limit. */
export function plainResult(
  input: { limits: { maxPages: number } },
  fields: Omit<ReadResult, 'pages'>,
): ReadResult {
  const { pages, truncated } = textToPages(fields.text, input.limits.maxPages);
  const metadata = truncated ? { ...fields.metadata, pagesTruncated: true } : fields.metadata;
  return { ...fields, metadata, pages };
}
