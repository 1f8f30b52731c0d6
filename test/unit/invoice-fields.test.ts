import { describe, expect, it } from 'vitest';
import type { Page } from '../../main/documents/layout.ts';
import type { DecodedSpan } from '../../main/engine/sequence/types.ts';
import { findFields, joinLineSpans } from '../../main/invoices/fields.ts';
import { pagesToTokens } from '../../main/invoices/tokens.ts';

/** A page from rows of [x, text] at a line height of 0.015. */
function page(rows: Array<[number, Array<[number, string]>]>): Page {
  return {
    pageNumber: 1,
    width: 595,
    height: 842,
    rotation: 0,
    textSource: 'text-layer',
    lines: rows.map(([y, words], block) => ({
      block,
      box: [words[0]![0], y, 0.9, y + 0.015],
      words: words.map(([x, text]) => ({
        text,
        box: [x, y, x + 0.012 * text.length, y + 0.015] as [number, number, number, number],
      })),
    })),
  };
}

const context = {
  numberFormat: 'comma-decimal' as const,
  dateOrder: 'DMY' as const,
  language: 'de' as const,
};

describe('invoice fields from labels and geometry', () => {
  it('takes the value right of its label or under it, and totals that add up', () => {
    const p = page([
      [0.1, [[0.1, 'Rechnung']]],
      [
        0.15,
        [
          [0.55, 'Rechnungsnummer:'],
          [0.75, 'RE-2024-118'],
        ],
      ],
      [
        0.17,
        [
          [0.55, 'Rechnungsdatum:'],
          [0.75, '12.03.2024'],
        ],
      ],
      [
        0.2,
        [
          [0.1, 'Fällig'],
          [0.18, 'am'],
        ],
      ],
      [0.215, [[0.1, '11.04.2024']]],
      [
        0.6,
        [
          [0.55, 'Zwischensumme'],
          [0.8, '100,00'],
        ],
      ],
      [
        0.62,
        [
          [0.55, 'MwSt.'],
          [0.62, '19'],
          [0.65, '%'],
          [0.8, '19,00'],
        ],
      ],
      [
        0.64,
        [
          [0.55, 'Gesamtbetrag'],
          [0.8, '119,00'],
          [0.86, 'EUR'],
        ],
      ],
    ]);
    const fields = findFields([p], pagesToTokens([p]), [], context);
    expect(fields.invoiceId).toMatchObject({ value: 'RE-2024-118', source: 'rule' });
    expect(fields.invoiceDate?.value).toBe('2024-03-12');
    expect(fields.dueDate?.value).toBe('2024-04-11');
    expect(fields.subTotal?.value).toBe(100);
    expect(fields.totalTax?.value).toBe(19);
    expect(fields.invoiceTotal?.value).toBe(119);
    expect(fields.currency?.value).toBe('EUR');
    // The box is the value's, not the label's.
    expect(fields.invoiceId!.bbox[0]).toBeCloseTo(0.75, 2);
    // Nothing printed, nothing guessed.
    expect(fields.iban).toBeUndefined();
    expect(fields.purchaseOrder).toBeUndefined();
  });

  it('joins the lines of an address tagged line by line, by position, not across unrelated text', () => {
    const p = page([
      [
        0.1,
        [
          [0.1, 'Industrieweg'],
          [0.25, '16'],
          [0.6, 'Lieferdatum:'],
        ],
      ],
      [
        0.116,
        [
          [0.1, '6000'],
          [0.16, 'Innsbruck'],
          [0.6, '26.11.2021'],
        ],
      ],
      [
        0.3,
        [
          [0.1, 'Somewhere'],
          [0.25, 'else'],
        ],
      ],
    ]);
    // Tokens 0–3: Industrieweg 16 Lieferdatum : (the colon is a token of its own); 4–6: 6000 Innsbruck
    // 26.11.2021; 7–8: Somewhere else.
    const tokens = pagesToTokens([p]);
    const span = (start: number, end: number, text: string): DecodedSpan => ({
      label: 'customerAddress',
      start,
      end,
      text,
      probability: 0.9,
    });
    const joined = joinLineSpans(
      [span(0, 2, 'Industrieweg 16'), span(4, 6, '6000 Innsbruck'), span(7, 9, 'Somewhere else')],
      tokens,
    );
    expect(joined.map((s) => s.text)).toEqual(['Industrieweg 16, 6000 Innsbruck', 'Somewhere else']);
    const fields = findFields([p], tokens, joined, context);
    expect(fields.customerAddress?.value).toBe('Industrieweg 16, 6000 Innsbruck');
    // The box covers both lines but not the date column between them in reading order.
    expect(fields.customerAddress!.bbox[2]).toBeLessThan(0.5);
  });
});
