// BIO tags for the labeller's tokens from a document's truth: a token belongs to a field when the centre of
// its box lies in one of the field's value boxes on its page. Consecutive tokens of one field form one span,
// so an address over three lines (or a wrapped payment term) is one entity.
import type { Page } from '../../../main/documents/layout.ts';
import { readDocument } from '../../../main/documents/read-document.ts';
import { defaultReadLimits } from '../../../main/documents/read-error.ts';
import { pagesToTokens, type PageToken } from '../../../main/invoices/tokens.ts';
import { INVOICE_FIELDS, type InvoiceFieldName } from '../../../main/invoices/types.ts';
import type { InvoiceTruth } from './truth.ts';

/** The fields the labeller tags: all but the currency (read from symbols and codes by rules). */
export const LABELLED_FIELDS: readonly InvoiceFieldName[] = INVOICE_FIELDS.filter(
  (field) => field !== 'currency',
);

/** The field whose value box holds the token's centre, if any. */
export function fieldOfToken(
  token: Pick<PageToken, 'bbox' | 'page'>,
  truth: InvoiceTruth,
): InvoiceFieldName | undefined {
  const [x0, y0, x1, y1] = token.bbox;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  for (const field of LABELLED_FIELDS) {
    const hit = truth.boxes[field]?.some(
      ({ page, bbox }) =>
        page === token.page && cx >= bbox[0] && cx <= bbox[2] && cy >= bbox[1] && cy <= bbox[3],
    );
    if (hit) return field;
  }
  return undefined;
}

export function labelTokens(tokens: readonly PageToken[], truth: InvoiceTruth): string[] {
  let previous: InvoiceFieldName | undefined;
  return tokens.map((token) => {
    const field = fieldOfToken(token, truth);
    const tag = field === undefined ? 'O' : `${field === previous ? 'I' : 'B'}-${field}`;
    previous = field;
    return tag;
  });
}

/** Reads the PDF as Docket does (text layer, no OCR) and tags its tokens. */
export async function labelledInvoice(
  pdf: Uint8Array,
  truth: InvoiceTruth,
): Promise<{ pages: Page[]; tokens: PageToken[]; tags: string[] }> {
  const { pages } = await readDocument({ bytes: pdf, fileName: 'x.pdf', limits: defaultReadLimits });
  const tokens = pagesToTokens(pages);
  return { pages, tokens, tags: labelTokens(tokens, truth) };
}
