// HTML to plain text, shared by the HTML reader and the email readers (kept apart from the DOCX reader so
// that reading an email never loads mammoth).
import { convert } from 'html-to-text';
import { normalizeText } from './plain-pages.ts';

const headingSelectors = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/**
 * HTML to readable plain text: no line wrapping, no URLs after links, no images, headings and
 * table headers in their own case, tables laid out as columns; scripts, styles and the <head> are
 * dropped (html-to-text reads the <body> when there is one). Shared by the HTML and email readers.
 */
export function htmlToText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'noscript', format: 'skip' },
      { selector: 'template', format: 'skip' },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      ...headingSelectors,
    ],
  });
  return normalizeText(text);
}
