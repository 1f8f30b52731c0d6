// Line items from hand-laid pages: words placed at given x positions (left edge, or right edge for
// right-aligned numbers) on rows at given heights, as a PDF text layer would give them.
import { describe, expect, it } from 'vitest';
import type { Box, Line, Page } from '../../main/documents/layout.ts';
import { extractLineItems, type ExtractedLineItem } from '../../main/invoices/line-items.ts';
import { columnOfHeader, isPageMarker, startsWithTotalsLabel } from '../../main/invoices/table-headers.ts';

// 10 pt Helvetica on an A4 page, relative to the page.
const CHAR = 0.0085;
const SPACE = 0.0047;
const HEIGHT = 0.012;

/** [x, text] starts the text at x; [x, text, 'right'] ends it at x (right-aligned numbers). */
type Cell = [x: number, text: string, align?: 'right'];

function row(y: number, cells: Cell[], block = 0, height = HEIGHT): Line {
  const words = cells.flatMap(([x, text, align]) => {
    const parts = text.split(' ');
    const width = parts.reduce((sum, p) => sum + p.length * CHAR, 0) + SPACE * (parts.length - 1);
    let cursor = align === 'right' ? x - width : x;
    return parts.map((part) => {
      const box: Box = [cursor, y, cursor + part.length * CHAR, y + height];
      cursor += part.length * CHAR + SPACE;
      return { text: part, box };
    });
  });
  const box: Box = [
    Math.min(...words.map((w) => w.box[0])),
    y,
    Math.max(...words.map((w) => w.box[2])),
    y + height,
  ];
  return { words, box, block };
}

function page(lines: Line[], pageNumber = 1): Page {
  return { pageNumber, width: 595, height: 842, rotation: 0, textSource: 'text-layer', lines };
}

/** The items without page and box, for comparing values. */
const values = (items: ExtractedLineItem[]) => items.map(({ page: _p, bbox: _b, ...item }) => item);

const item = (fields: Partial<ExtractedLineItem>) => ({
  description: null,
  quantity: null,
  unit: null,
  unitPrice: null,
  amount: null,
  taxRate: null,
  productCode: null,
  ...fields,
});

const letterhead = [
  row(0.05, [[0.08, 'ACME Supplies Ltd']]),
  row(0.07, [[0.08, '12 High Street, London']]),
  row(0.12, [
    [0.08, 'Invoice no. 2024-0042'],
    [0.9, 'Date: 12.03.2024', 'right'],
  ]),
];

describe('extractLineItems: headers in five languages', () => {
  it('reads an English table with right-aligned numbers', () => {
    const items = extractLineItems(
      [
        page([
          ...letterhead,
          row(0.3, [
            [0.08, 'Description'],
            [0.55, 'Qty', 'right'],
            [0.72, 'Unit price', 'right'],
            [0.9, 'Amount', 'right'],
          ]),
          row(0.33, [
            [0.08, 'Widget large'],
            [0.55, '2', 'right'],
            [0.72, '1,250.00', 'right'],
            [0.9, '2,500.00', 'right'],
          ]),
          row(0.36, [
            [0.08, 'Installation'],
            [0.55, '1', 'right'],
            [0.72, '99.50', 'right'],
            [0.9, '99.50', 'right'],
          ]),
          row(0.42, [
            [0.6, 'Subtotal'],
            [0.9, '2,599.50', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Widget large', quantity: 2, unitPrice: 1250, amount: 2500 }),
      item({ description: 'Installation', quantity: 1, unitPrice: 99.5, amount: 99.5 }),
    ]);
    expect(items[0]!.page).toBe(1);
    const [x0, y0, x1, y1] = items[0]!.bbox;
    expect(x0).toBeCloseTo(0.08, 5);
    expect(y0).toBeCloseTo(0.33, 5);
    expect(x1).toBeCloseTo(0.9, 5);
    expect(y1).toBeCloseTo(0.33 + HEIGHT, 5);
  });

  it('reads a German table with position, unit, VAT and comma-decimal numbers', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.06, 'Pos.'],
            [0.12, 'Bezeichnung'],
            [0.5, 'Menge', 'right'],
            [0.53, 'Einheit'],
            [0.72, 'Einzelpreis', 'right'],
            [0.8, 'MwSt.', 'right'],
            [0.94, 'Gesamtpreis', 'right'],
          ]),
          row(0.33, [
            [0.06, '1'],
            [0.12, 'Beratung Projekt Nord'],
            [0.5, '1,5', 'right'],
            [0.53, 'Std.'],
            [0.72, '120,00', 'right'],
            [0.8, '19 %', 'right'],
            [0.94, '180,00', 'right'],
          ]),
          row(0.36, [
            [0.06, '2'],
            [0.12, 'Lizenz Jahresabo'],
            [0.5, '3', 'right'],
            [0.53, 'Stk.'],
            [0.72, '1.234,50', 'right'],
            [0.8, '7%', 'right'],
            [0.94, '3.703,50', 'right'],
          ]),
          row(0.42, [
            [0.5, 'Zwischensumme'],
            [0.94, '3.883,50', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({
        description: 'Beratung Projekt Nord',
        quantity: 1.5,
        unit: 'Std.',
        unitPrice: 120,
        amount: 180,
        taxRate: 19,
      }),
      item({
        description: 'Lizenz Jahresabo',
        quantity: 3,
        unit: 'Stk.',
        unitPrice: 1234.5,
        amount: 3703.5,
        taxRate: 7,
      }),
    ]);
  });

  it('reads a French table with a product code and space-grouped thousands', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.06, 'Réf.'],
            [0.16, 'Désignation'],
            [0.52, 'Qté', 'right'],
            [0.7, 'Prix unitaire', 'right'],
            [0.78, 'TVA', 'right'],
            [0.94, 'Montant HT', 'right'],
          ]),
          row(0.33, [
            [0.06, 'A-100'],
            [0.16, 'Chaise de bureau'],
            [0.52, '4', 'right'],
            [0.7, '310,00', 'right'],
            [0.78, '20 %', 'right'],
            [0.94, '1 240,00', 'right'],
          ]),
          row(0.36, [
            [0.06, 'B-7'],
            [0.16, 'Livraison'],
            [0.52, '1', 'right'],
            [0.7, '45,90', 'right'],
            [0.78, '20 %', 'right'],
            [0.94, '45,90', 'right'],
          ]),
          row(0.42, [
            [0.6, 'Total HT'],
            [0.94, '1 285,90', 'right'],
          ]),
          row(0.45, [
            [0.6, 'TVA 20 %'],
            [0.94, '257,18', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({
        description: 'Chaise de bureau',
        quantity: 4,
        unitPrice: 310,
        amount: 1240,
        taxRate: 20,
        productCode: 'A-100',
      }),
      item({
        description: 'Livraison',
        quantity: 1,
        unitPrice: 45.9,
        amount: 45.9,
        taxRate: 20,
        productCode: 'B-7',
      }),
    ]);
  });

  it('reads a Dutch table and stops at "Totaal"', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.08, 'Omschrijving'],
            [0.5, 'Aantal', 'right'],
            [0.68, 'Prijs', 'right'],
            [0.76, 'BTW', 'right'],
            [0.92, 'Bedrag', 'right'],
          ]),
          row(0.33, [
            [0.08, 'Fietsband 28 inch'],
            [0.5, '2', 'right'],
            [0.68, '€ 24,95', 'right'],
            [0.76, '21%', 'right'],
            [0.92, '€ 49,90', 'right'],
          ]),
          row(0.36, [
            [0.08, 'Montage'],
            [0.5, '1', 'right'],
            [0.68, '€ 15,00', 'right'],
            [0.76, '21%', 'right'],
            [0.92, '€ 15,00', 'right'],
          ]),
          row(0.39, [
            [0.08, 'Totaal'],
            [0.92, '€ 64,90', 'right'],
          ]),
          row(0.42, [
            [0.08, 'Waarvan BTW 21 %'],
            [0.92, '€ 11,26', 'right'],
          ]),
        ]),
      ],
      { numberFormat: null },
    );
    expect(values(items)).toEqual([
      item({ description: 'Fietsband 28 inch', quantity: 2, unitPrice: 24.95, amount: 49.9, taxRate: 21 }),
      item({ description: 'Montage', quantity: 1, unitPrice: 15, amount: 15, taxRate: 21 }),
    ]);
  });

  it('reads a Spanish table (code, IVA %) and stops at "Base imponible"', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.06, 'Código'],
            [0.18, 'Descripción'],
            [0.52, 'Cantidad', 'right'],
            [0.7, 'Precio unitario', 'right'],
            [0.78, 'IVA %', 'right'],
            [0.94, 'Importe', 'right'],
          ]),
          row(0.33, [
            [0.06, 'P-01'],
            [0.18, 'Servicio de limpieza'],
            [0.52, '10', 'right'],
            [0.7, '25,00', 'right'],
            [0.78, '21', 'right'],
            [0.94, '250,00', 'right'],
          ]),
          row(0.36, [
            [0.06, 'P-02'],
            [0.18, 'Productos'],
            [0.52, '2', 'right'],
            [0.7, '12,40', 'right'],
            [0.78, '10', 'right'],
            [0.94, '24,80', 'right'],
          ]),
          row(0.42, [
            [0.6, 'Base imponible'],
            [0.94, '274,80', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({
        description: 'Servicio de limpieza',
        quantity: 10,
        unitPrice: 25,
        amount: 250,
        taxRate: 21,
        productCode: 'P-01',
      }),
      item({
        description: 'Productos',
        quantity: 2,
        unitPrice: 12.4,
        amount: 24.8,
        taxRate: 10,
        productCode: 'P-02',
      }),
    ]);
  });
});

describe('extractLineItems: layout', () => {
  it('follows the columns in any order and puts a unit printed after the quantity into unit', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.08, 'Qty'],
            [0.2, 'Item'],
            [0.7, 'Total', 'right'],
            [0.9, 'Rate', 'right'],
          ]),
          row(0.33, [
            [0.08, '10 h'],
            [0.2, 'Design work'],
            [0.7, '850.00', 'right'],
            [0.9, '85.00', 'right'],
          ]),
          row(0.36, [
            [0.08, '3pcs'],
            [0.2, 'Printed banners'],
            [0.7, '36.00', 'right'],
            [0.9, '12.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Design work', quantity: 10, unit: 'h', unitPrice: 85, amount: 850 }),
      item({ description: 'Printed banners', quantity: 3, unit: 'pcs', unitPrice: 12, amount: 36 }),
    ]);
  });

  it('joins multi-line descriptions and boxes all their lines', () => {
    const header = row(0.3, [
      [0.08, 'Description'],
      [0.55, 'Qty', 'right'],
      [0.72, 'Price', 'right'],
      [0.9, 'Amount', 'right'],
    ]);
    const items = extractLineItems(
      [
        page([
          header,
          row(0.33, [
            [0.08, 'Annual maintenance contract'],
            [0.55, '1', 'right'],
            [0.72, '480.00', 'right'],
            [0.9, '480.00', 'right'],
          ]),
          row(0.345, [[0.08, 'for printers in building A']]),
          row(0.36, [[0.08, 'period 2024-01 to 2024-12']]),
          row(0.39, [
            [0.08, 'Toner black'],
            [0.55, '5', 'right'],
            [0.72, '60.00', 'right'],
            [0.9, '300.00', 'right'],
          ]),
          row(0.405, [[0.08, 'high capacity']]),
          row(0.44, [
            [0.6, 'Total'],
            [0.9, '780.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => i.description)).toEqual([
      'Annual maintenance contract for printers in building A period 2024-01 to 2024-12',
      'Toner black high capacity',
    ]);
    expect(items.map((i) => i.amount)).toEqual([480, 300]);
    expect(items[0]!.bbox[1]).toBeCloseTo(0.33, 5);
    expect(items[0]!.bbox[3]).toBeCloseTo(0.36 + HEIGHT, 5);
  });

  it('reads a header wrapped onto two lines', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.08, 'Description'],
            [0.55, 'Qty', 'right'],
            [0.72, 'Unit', 'right'],
            [0.8, 'VAT', 'right'],
            [0.94, 'Amount', 'right'],
          ]),
          row(0.314, [
            [0.72, 'price', 'right'],
            [0.8, '%', 'right'],
          ]),
          row(0.34, [
            [0.08, 'Paper A4'],
            [0.55, '10', 'right'],
            [0.72, '4.99', 'right'],
            [0.8, '20', 'right'],
            [0.94, '49.90', 'right'],
          ]),
          row(0.37, [
            [0.08, 'Pens'],
            [0.55, '20', 'right'],
            [0.72, '0.50', 'right'],
            [0.8, '20', 'right'],
            [0.94, '10.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Paper A4', quantity: 10, unitPrice: 4.99, amount: 49.9, taxRate: 20 }),
      item({ description: 'Pens', quantity: 20, unitPrice: 0.5, amount: 10, taxRate: 20 }),
    ]);
  });

  it('rebuilds rows that the reader split across blocks', () => {
    // Descriptions come as one block, the numbers as another, each in its own reading order.
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.08, 'Artikel'],
            [0.55, 'Anzahl', 'right'],
            [0.9, 'Betrag', 'right'],
          ]),
          row(0.33, [[0.08, 'Kaffeebohnen 1 kg']], 1),
          row(0.36, [[0.08, 'Milch']], 1),
          row(0.36, [[0.55, '6', 'right']], 2),
          row(0.36, [[0.9, '7,14', 'right']], 2),
          row(0.33, [
            [0.55, '2', 'right'],
            [0.9, '31,80', 'right'],
          ], 3), // prettier-ignore
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Kaffeebohnen 1 kg', quantity: 2, amount: 31.8 }),
      item({ description: 'Milch', quantity: 6, amount: 7.14 }),
    ]);
  });

  it('reads numbers by the number format it is given', () => {
    const lines = [
      row(0.3, [
        [0.08, 'Description'],
        [0.55, 'Qty', 'right'],
        [0.9, 'Amount', 'right'],
      ]),
      row(0.33, [
        [0.08, 'Screws'],
        [0.55, '1.000', 'right'],
        [0.9, '2.550', 'right'],
      ]),
      row(0.36, [
        [0.08, 'Nuts'],
        [0.55, '2', 'right'],
        [0.9, '1.500', 'right'],
      ]),
    ];
    const german = extractLineItems([page(lines)], { numberFormat: 'comma-decimal' });
    const english = extractLineItems([page(lines)], { numberFormat: 'dot-decimal' });
    expect(german.map((i) => [i.quantity, i.amount])).toEqual([
      [1000, 2550],
      [2, 1500],
    ]);
    expect(english.map((i) => [i.quantity, i.amount])).toEqual([
      [1, 2.55],
      [2, 1.5],
    ]);
  });

  it('leaves values under an unknown header out of the item', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.08, 'Description'],
            [0.5, 'Qty', 'right'],
            [0.62, 'Discount', 'right'],
            [0.76, 'Price', 'right'],
            [0.92, 'Amount', 'right'],
          ]),
          row(0.33, [
            [0.08, 'Chair'],
            [0.5, '2', 'right'],
            [0.62, '10 %', 'right'],
            [0.76, '50.00', 'right'],
            [0.92, '90.00', 'right'],
          ]),
          row(0.36, [
            [0.08, 'Desk'],
            [0.5, '1', 'right'],
            [0.62, '0 %', 'right'],
            [0.76, '200.00', 'right'],
            [0.92, '200.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Chair', quantity: 2, unitPrice: 50, amount: 90 }),
      item({ description: 'Desk', quantity: 1, unitPrice: 200, amount: 200 }),
    ]);
  });
});

describe('extractLineItems: header and cell details', () => {
  it('reads "Artikel" as the product code when "Bezeichnung" names the description', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.06, 'Artikel'],
            [0.2, 'Bezeichnung'],
            [0.6, 'Anz.', 'right'],
            [0.75, 'Preis/Einh.', 'right'],
            [0.92, 'Summe', 'right'],
          ]),
          row(0.33, [
            [0.06, 'A-1001'],
            [0.2, 'Schrauben 4x40'],
            [0.6, '3', 'right'],
            [0.75, '2,50', 'right'],
            [0.92, '7,50', 'right'],
          ]),
          row(0.36, [
            [0.06, '6648-287'],
            [0.2, 'Dübel 6 mm'],
            [0.6, '10', 'right'],
            [0.75, '0,20', 'right'],
            [0.92, '2,00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({
        description: 'Schrauben 4x40',
        quantity: 3,
        unitPrice: 2.5,
        amount: 7.5,
        productCode: 'A-1001',
      }),
      // A code that begins with digits is still a code, not a number.
      item({ description: 'Dübel 6 mm', quantity: 10, unitPrice: 0.2, amount: 2, productCode: '6648-287' }),
    ]);
  });

  it('splits header words the reader glued together', () => {
    const glued = (y: number) => ({
      words: [
        { text: 'Uds.', box: [0.05, y, 0.1, y + HEIGHT] as Box },
        { text: 'DetallePrecio', box: [0.2, y, 0.43, y + HEIGHT] as Box },
        { text: 'unitario', box: [0.44, y, 0.55, y + HEIGHT] as Box },
        { text: 'Importe', box: [0.8, y, 0.93, y + HEIGHT] as Box },
      ],
      box: [0.05, y, 0.93, y + HEIGHT] as Box,
      block: 0,
    });
    const items = extractLineItems(
      [
        page([
          glued(0.3),
          row(0.33, [
            [0.08, '2'],
            [0.2, 'Caña'],
            [0.55, '2,50', 'right'],
            [0.93, '5,00', 'right'],
          ]),
          row(0.35, [
            [0.08, '1'],
            [0.2, 'Tostada'],
            [0.55, '3,60', 'right'],
            [0.93, '3,60', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Caña', quantity: 2, unitPrice: 2.5, amount: 5 }),
      item({ description: 'Tostada', quantity: 1, unitPrice: 3.6, amount: 3.6 }),
    ]);
  });

  it('does not take a rule line drawn with characters above the header for part of it', () => {
    // A narrow receipt (80 mm), as a generated one was read: "*****" right above "Unit price".
    const line = (y0: number, y1: number, words: [number, number, string][]): Line => ({
      words: words.map(([x0, x1, text]) => ({ text, box: [x0, y0, x1, y1] as Box })),
      box: [words[0]![0], y0, words.at(-1)![1], y1],
      block: 0,
    });
    const receipt: Page = {
      ...page([
        line(0.252, 0.269, [[0.053, 0.93, '*'.repeat(39)]]),
        line(0.274, 0.292, [
          [0.053, 0.233, 'Quantity'],
          [0.277, 0.434, 'Service'],
          [0.543, 0.638, 'Unit'],
          [0.653, 0.768, 'price'],
          [0.812, 0.947, 'Amount'],
        ]),
        line(0.297, 0.314, [
          [0.21, 0.233, '3'],
          [0.277, 0.412, 'Muffin'],
          [0.656, 0.768, '€3.90'],
          [0.812, 0.947, '€11.70'],
        ]),
        line(0.32, 0.337, [
          [0.21, 0.233, '2'],
          [0.277, 0.375, 'Milk'],
          [0.391, 0.434, '1l'],
          [0.656, 0.768, '€1.60'],
          [0.835, 0.947, '€3.20'],
        ]),
      ]),
      width: 226.77,
      height: 487,
    };
    expect(values(extractLineItems([receipt], { numberFormat: 'dot-decimal' }))).toEqual([
      item({ description: 'Muffin', quantity: 3, unitPrice: 3.9, amount: 11.7 }),
      item({ description: 'Milk 1l', quantity: 2, unitPrice: 1.6, amount: 3.2 }),
    ]);
  });
});

describe('extractLineItems: where the table ends', () => {
  const header = row(0.3, [
    [0.08, 'Description'],
    [0.55, 'Qty', 'right'],
    [0.72, 'Unit price', 'right'],
    [0.9, 'Amount', 'right'],
  ]);
  const line = (y: number, description: string, qty: string, price: string, amount: string) =>
    row(y, [
      [0.08, description],
      [0.55, qty, 'right'],
      [0.72, price, 'right'],
      [0.9, amount, 'right'],
    ]);

  it('stops at the totals row and reads nothing below it', () => {
    const items = extractLineItems(
      [
        page([
          header,
          line(0.33, 'Hosting', '12', '10.00', '120.00'),
          row(0.36, [
            [0.6, 'Subtotal'],
            [0.9, '120.00', 'right'],
          ]),
          row(0.39, [
            [0.6, 'VAT 20%'],
            [0.9, '24.00', 'right'],
          ]),
          row(0.42, [
            [0.6, 'Total'],
            [0.9, '144.00', 'right'],
          ]),
          // Looks like an item, but sits below the totals.
          line(0.45, 'Late fee', '1', '15.00', '15.00'),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Hosting', quantity: 12, unitPrice: 10, amount: 120 }),
    ]);
  });

  it('continues a table on page 2 under a repeated header', () => {
    const items = extractLineItems(
      [
        page([
          ...letterhead,
          header,
          line(0.33, 'Item one', '1', '10.00', '10.00'),
          line(0.36, 'Item two', '2', '20.00', '40.00'),
          row(0.95, [[0.45, 'Page 1 of 2']]),
        ]),
        page(
          [
            row(0.05, [[0.08, 'ACME Supplies Ltd · Invoice 2024-0042']]),
            header,
            line(0.33, 'Item three', '3', '30.00', '90.00'),
            row(0.36, [
              [0.6, 'Total'],
              [0.9, '140.00', 'right'],
            ]),
            row(0.95, [[0.45, 'Page 2 of 2']]),
          ],
          2,
        ),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => [i.description, i.amount, i.page])).toEqual([
      ['Item one', 10, 1],
      ['Item two', 40, 1],
      ['Item three', 90, 2],
    ]);
  });

  it('continues a table on page 2 without a header, skipping the page head and carried-forward lines', () => {
    const items = extractLineItems(
      [
        page([
          header,
          line(0.33, 'Cable 2 m', '4', '5.00', '20.00'),
          line(0.36, 'Switch 8 port', '1', '49.00', '49.00'),
          row(0.38, [
            [0.6, 'Carried forward'],
            [0.9, '69.00', 'right'],
          ]),
        ]),
        page(
          [
            row(0.04, [[0.08, 'Invoice 2024-0042']]),
            row(0.04, [[0.85, 'Page 2 of 2']]),
            row(0.07, [
              [0.08, 'Phone +44 20 7946 0000'],
              [0.9, '12.03.2024', 'right'],
            ]),
            row(0.1, [
              [0.6, 'Brought forward'],
              [0.9, '69.00', 'right'],
            ]),
            line(0.13, 'Router', '1', '89.00', '89.00'),
            row(0.145, [[0.08, 'with power supply']]),
            row(0.2, [
              [0.6, 'Total'],
              [0.9, '158.00', 'right'],
            ]),
          ],
          2,
        ),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Cable 2 m', quantity: 4, unitPrice: 5, amount: 20 }),
      item({ description: 'Switch 8 port', quantity: 1, unitPrice: 49, amount: 49 }),
      item({ description: 'Router with power supply', quantity: 1, unitPrice: 89, amount: 89 }),
    ]);
    expect(items[2]!.page).toBe(2);
  });

  it('ends the table at a short sum label on its own, not at a description that begins with it', () => {
    const items = extractLineItems(
      [
        page([
          header,
          line(0.33, 'Base de datos', '1', '100.00', '100.00'),
          line(0.36, 'Amount of work: setup', '2', '50.00', '100.00'),
          row(0.39, [
            [0.08, 'Base'],
            [0.9, '200.00', 'right'],
          ]),
          row(0.42, [
            [0.08, 'IVA 21%'],
            [0.9, '42.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => i.description)).toEqual(['Base de datos', 'Amount of work: setup']);
  });

  it("does not let a labelled carried-forward line take the last item's continuation line", () => {
    const items = extractLineItems(
      [
        page([
          header,
          line(0.33, 'Support contract', '1', '90.00', '90.00'),
          row(0.345, [[0.08, 'incl. hotline']]),
          // A running total under an unknown label, in the price columns.
          row(0.36, [
            [0.6, 'Page total:'],
            [0.9, '90.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Support contract incl. hotline', quantity: 1, unitPrice: 90, amount: 90 }),
    ]);
  });

  it('goes on past a page head that begins with a tax word ("VAT Invoice …")', () => {
    const items = extractLineItems(
      [
        page([header, line(0.33, 'Item one', '1', '10.00', '10.00')]),
        page(
          [
            row(0.05, [[0.08, 'VAT Invoice INV008357']]),
            line(0.1, 'Item two', '2', '5.00', '10.00'),
            row(0.14, [
              [0.6, 'Total'],
              [0.9, '20.00', 'right'],
            ]),
          ],
          2,
        ),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => [i.description, i.page])).toEqual([
      ['Item one', 1],
      ['Item two', 2],
    ]);
  });

  it('does not read a page footer right below the items as an item', () => {
    const items = extractLineItems(
      [
        page([
          header,
          line(0.33, 'Item one', '1', '10.00', '10.00'),
          // Close below the last item, with its numbers under the quantity and amount columns.
          row(0.35, [
            [0.08, 'Page'],
            [0.55, '2', 'right'],
            [0.6, 'of'],
            [0.9, '2', 'right'],
          ]),
          row(0.37, [[0.45, 'Seite 2 von 2']]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Item one', quantity: 1, unitPrice: 10, amount: 10 }),
    ]);
  });

  it('ends the table at a long gap before the footer', () => {
    const items = extractLineItems(
      [
        page([
          header,
          line(0.33, 'Item one', '1', '10.00', '10.00'),
          // The company footer, far below: its numbers must not become items.
          row(0.9, [
            [0.08, 'Registered in England'],
            [0.55, '12', 'right'],
            [0.9, '4567.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => i.description)).toEqual(['Item one']);
  });
});

describe('extractLineItems: receipt tables (OCR layouts)', () => {
  const header = row(0.3, [
    [0.1, 'ITEM'],
    [0.42, 'QTY'],
    [0.8, 'TOTAL', 'right'],
  ]);

  it('pairs a name printed above its numbers with them, not with the item before', () => {
    const items = extractLineItems(
      [
        page([
          header,
          row(0.33, [[0.1, 'Chicken rice set']]),
          row(0.35, [
            [0.1, '$7.10'],
            [0.43, '1'],
            [0.8, '$7.10', 'right'],
          ]),
          row(0.37, [[0.1, 'Iced lemon tea']]),
          row(0.39, [
            [0.1, '$1.10'],
            [0.43, '2'],
            [0.8, '$2.20', 'right'],
          ]),
          row(0.42, [
            [0.5, 'TOTAL AMOUNT:'],
            [0.8, '$9.30', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Chicken rice set', quantity: 1, amount: 7.1 }),
      item({ description: 'Iced lemon tea', quantity: 2, amount: 2.2 }),
    ]);
    // The box holds the name's line and the numbers' line.
    expect(items[0]!.bbox[1]).toBeCloseTo(0.33, 5);
    expect(items[0]!.bbox[3]).toBeCloseTo(0.35 + HEIGHT, 5);
  });

  it('keeps an item code on the numbers row with the name printed below it', () => {
    const items = extractLineItems(
      [
        page([
          header,
          row(0.33, [
            [0.1, '2402'],
            [0.43, '1'],
            [0.8, '3.71', 'right'],
          ]),
          row(0.35, [[0.1, '25MM GI NIPPLE']]),
          row(0.37, [
            [0.1, '1462'],
            [0.43, '2'],
            [0.8, '1.27', 'right'],
          ]),
          row(0.39, [[0.1, 'SEAL TAPE']]),
          row(0.42, [
            [0.3, 'TOTAL QTY:'],
            [0.43, '3'],
            [0.8, '4.98', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => [i.description, i.quantity, i.amount])).toEqual([
      ['2402 25MM GI NIPPLE', 1, 3.71],
      ['1462 SEAL TAPE', 2, 1.27],
    ]);
  });

  it('places an OCR phrase spanning several columns by its start', () => {
    // One OCR "word" for the whole name, reaching past the QTY header.
    const phrase = (y: number, text: string) => ({
      words: [{ text, box: [0.1, y, 0.55, y + HEIGHT] as Box }],
      box: [0.1, y, 0.55, y + HEIGHT] as Box,
      block: 0,
    });
    const items = extractLineItems(
      [
        page([
          header,
          phrase(0.33, 'SR I00100000035- 1 MEAT + 3 VEGE'),
          row(0.35, [
            [0.1, '$7.10'],
            [0.43, '1'],
            [0.8, '$7.10', 'right'],
          ]),
          phrase(0.37, 'SR I00100000015- VEGETABLE'),
          row(0.39, [
            [0.1, '$1.10'],
            [0.43, '1'],
            [0.8, '$1.10', 'right'],
          ]),
          row(0.42, [
            [0.5, 'TOTAL:'],
            [0.8, '$8.20', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => [i.description, i.amount])).toEqual([
      ['SR I00100000035- 1 MEAT + 3 VEGE', 7.1],
      ['SR I00100000015- VEGETABLE', 1.1],
    ]);
  });

  it('reads no items from a tax summary table', () => {
    const items = extractLineItems(
      [
        page([
          row(0.3, [
            [0.1, 'Tax code'],
            [0.5, 'Amount', 'right'],
            [0.8, 'Tax', 'right'],
          ]),
          row(0.33, [
            [0.1, 'SR'],
            [0.5, '100.00', 'right'],
            [0.8, '6.00', 'right'],
          ]),
          row(0.35, [
            [0.1, 'ZR'],
            [0.5, '20.00', 'right'],
            [0.8, '0.00', 'right'],
          ]),
          row(0.38, [
            [0.1, 'Total'],
            [0.8, '126.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items).toEqual([]);
  });

  it('ends the table at a totals label whose amount was read onto the next row', () => {
    const items = extractLineItems(
      [
        page([
          header,
          row(0.33, [
            [0.1, 'Nasi lemak'],
            [0.43, '1'],
            [0.8, '4.50', 'right'],
          ]),
          row(0.35, [
            [0.1, 'Teh tarik'],
            [0.43, '1'],
            [0.8, '2.00', 'right'],
          ]),
          row(0.37, [[0.1, 'TOTAL AMOUNT PAYABLE']]),
          row(0.385, [[0.8, '6.50', 'right']]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => i.description)).toEqual(['Nasi lemak', 'Teh tarik']);
  });
});

describe('extractLineItems: receipts and documents without a table', () => {
  it('reads receipt lines between the head and the total', () => {
    const items = extractLineItems(
      [
        page([
          row(0.05, [[0.3, 'Café Central']]),
          row(0.07, [[0.3, 'Hauptstr. 5, 10115 Berlin']]),
          row(0.09, [
            [0.1, '12.03.2024'],
            [0.6, '10:15'],
          ]),
          row(0.13, [
            [0.1, '2 x Cappuccino'],
            [0.7, '6,40', 'right'],
          ]),
          row(0.15, [
            [0.1, 'Croissant'],
            [0.7, '2,50 A', 'right'],
          ]),
          row(0.17, [
            [0.1, 'Wasser 2 @ 1,50'],
            [0.7, '3,00', 'right'],
          ]),
          row(0.21, [
            [0.1, 'SUMME EUR'],
            [0.7, '11,90', 'right'],
          ]),
          row(0.23, [
            [0.1, 'Bar'],
            [0.7, '20,00', 'right'],
          ]),
          row(0.25, [
            [0.1, 'Rückgeld'],
            [0.7, '8,10', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Cappuccino', quantity: 2, amount: 6.4 }),
      item({ description: 'Croissant', amount: 2.5 }),
      item({ description: 'Wasser', quantity: 2, unitPrice: 1.5, amount: 3 }),
    ]);
    expect(items[0]!.bbox[1]).toBeCloseTo(0.13, 5);
  });

  it('takes a quantity line printed under its receipt item', () => {
    const items = extractLineItems(
      [
        page([
          row(0.1, [
            [0.1, 'Latte Macchiato'],
            [0.7, '7.00', 'right'],
          ]),
          row(0.12, [[0.14, '2 x 3.50']]),
          row(0.14, [
            [0.1, 'Muffin'],
            [0.7, '2.90', 'right'],
          ]),
          row(0.18, [
            [0.1, 'TOTAL'],
            [0.7, '9.90', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Latte Macchiato', quantity: 2, unitPrice: 3.5, amount: 7 }),
      item({ description: 'Muffin', amount: 2.9 }),
    ]);
  });

  it('reads quantities with units, glued currencies and quantity lines with a currency', () => {
    const items = extractLineItems(
      [
        page([
          row(0.1, [
            [0.1, '2,5 kg Pommes'],
            [0.9, '€9,25', 'right'],
          ]),
          row(0.12, [
            [0.1, 'Kaffee'],
            [0.9, '€12,00', 'right'],
          ]),
          row(0.14, [[0.14, '4 x 3,00 EUR']]),
          row(0.16, [
            [0.1, 'Äpfel'],
            [0.9, '€1,75', 'right'],
          ]),
          row(0.18, [[0.14, '0,5 kg x 3,50']]),
          row(0.22, [
            [0.1, 'Zu zahlen:'],
            [0.9, '€23,00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'comma-decimal' },
    );
    expect(values(items)).toEqual([
      item({ description: 'Pommes', quantity: 2.5, unit: 'kg', amount: 9.25 }),
      item({ description: 'Kaffee', quantity: 4, unitPrice: 3, amount: 12 }),
      item({ description: 'Äpfel', quantity: 0.5, unit: 'kg', unitPrice: 3.5, amount: 1.75 }),
    ]);
  });

  it("does not end a receipt's items at a tax ID in its head", () => {
    const items = extractLineItems(
      [
        page([
          row(0.05, [[0.3, 'VAT ID: GB351001323']]),
          row(0.1, [
            [0.1, '1 x Orange juice'],
            [0.9, '3.90', 'right'],
          ]),
          row(0.12, [
            [0.1, '2 x Latte'],
            [0.9, '9.20', 'right'],
          ]),
          row(0.16, [
            [0.1, 'TOTAL:'],
            [0.9, '£13.10', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => [i.description, i.quantity, i.amount])).toEqual([
      ['Orange juice', 1, 3.9],
      ['Latte', 2, 9.2],
    ]);
  });

  it('reads no receipt items from a single price line', () => {
    const items = extractLineItems(
      [
        page([
          row(0.1, [
            [0.1, 'Parking ticket'],
            [0.7, '4.00', 'right'],
          ]),
          row(0.14, [
            [0.1, 'Total'],
            [0.7, '4.00', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items).toEqual([]);
  });

  it('drops receipt "items" from the head when they would exceed the total', () => {
    const items = extractLineItems(
      [
        page([
          row(0.05, [
            [0.1, 'Deposit account'],
            [0.7, '250.00', 'right'],
          ]),
          row(0.1, [
            [0.1, 'Soup'],
            [0.7, '5.50', 'right'],
          ]),
          row(0.12, [
            [0.1, 'Bread'],
            [0.7, '1.20', 'right'],
          ]),
          row(0.16, [
            [0.1, 'Total'],
            [0.7, '6.70', 'right'],
          ]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items.map((i) => i.description)).toEqual(['Soup', 'Bread']);
  });

  it('returns nothing for an invoice without a table', () => {
    const items = extractLineItems(
      [
        page([
          ...letterhead,
          row(0.2, [[0.08, 'Dear customer,']]),
          row(0.22, [[0.08, 'for the consulting in March we charge our agreed fee.']]),
          row(0.24, [
            [0.08, 'Our daily rate is'],
            [0.6, '800.00 EUR'],
          ]),
          row(0.28, [
            [0.08, 'Net amount'],
            [0.9, '4,000.00', 'right'],
          ]),
          row(0.3, [
            [0.08, 'VAT 20%'],
            [0.9, '800.00', 'right'],
          ]),
          row(0.32, [
            [0.08, 'Total'],
            [0.9, '4,800.00', 'right'],
          ]),
          row(0.36, [[0.08, 'Please pay within 14 days.']]),
        ]),
      ],
      { numberFormat: 'dot-decimal' },
    );
    expect(items).toEqual([]);
  });

  it('returns nothing for no pages or empty pages', () => {
    expect(extractLineItems([], { numberFormat: null })).toEqual([]);
    expect(extractLineItems([page([])], { numberFormat: null })).toEqual([]);
  });
});

describe('extractLineItems: hostile input', () => {
  it('finishes fast on a page of 5,000 words', () => {
    const vocabulary = [
      'Qty',
      'Price',
      'Total',
      '12,00',
      'Description',
      '3',
      'Amount',
      'x',
      'Coffee',
      '1.234,56',
    ];
    const lines: Line[] = [];
    for (let r = 0; r < 250; r++) {
      const cells: Cell[] = [];
      for (let c = 0; c < 20; c++)
        cells.push([0.02 + c * 0.048, vocabulary[(r * 7 + c * 3) % vocabulary.length]!]);
      lines.push(row(0.002 + r * 0.0039, cells));
    }
    const started = performance.now();
    extractLineItems([page(lines)], { numberFormat: null });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('finishes fast on 5,000 receipt-like lines', () => {
    const lines = Array.from({ length: 2500 }, (_, k) =>
      row(
        k / 2600,
        [
          [0.1, `Coffee ${k}`],
          [0.8, '3.00', 'right'],
        ],
        0,
        0.0003,
      ),
    );
    lines.push(
      row(0.97, [
        [0.1, 'Total'],
        [0.8, '1.00', 'right'],
      ]),
    );
    const started = performance.now();
    // They add up to far more than the total: the head of the "receipt" is dropped until one is left.
    expect(extractLineItems([page(lines)], { numberFormat: 'dot-decimal' })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('finishes fast on 5,000 words in one row', () => {
    const words = Array.from({ length: 5000 }, (_, k): Cell => [k / 5000, k % 2 ? 'Qty' : 'Price']);
    const started = performance.now();
    expect(extractLineItems([page([row(0.5, words)])], { numberFormat: null })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('table vocabulary', () => {
  it('knows column headers however they are written', () => {
    expect(columnOfHeader('Unit price', { compounds: false })).toBe('unitPrice');
    expect(columnOfHeader('UNIT PRICE:', { compounds: false })).toBe('unitPrice');
    expect(columnOfHeader('Art.-Nr.', { compounds: false })).toBe('productCode');
    expect(columnOfHeader('Qte', { compounds: false })).toBe('quantity');
    expect(columnOfHeader('Désignation', { compounds: false })).toBe('description');
    expect(columnOfHeader('Nettoeinzelpreis', { compounds: false })).toBeNull();
    expect(columnOfHeader('Nettoeinzelpreis', { compounds: true })).toBe('unitPrice');
    expect(columnOfHeader('Rechnungsbetrag', { compounds: true })).toBe('amount');
    expect(columnOfHeader('Dear', { compounds: true })).toBeNull();
  });

  it('tells page markers and totals labels', () => {
    expect(isPageMarker(['Page', '2', 'of', '3'])).toBe(true);
    expect(isPageMarker(['Seite', '2/3'])).toBe(true);
    expect(isPageMarker(['-', '2', '-'])).toBe(true);
    expect(isPageMarker(['Page', 'design'])).toBe(false);
    expect(startsWithTotalsLabel(['Sous-total', ':'])).toBe(true);
    expect(startsWithTotalsLabel(['Sub', 'total'])).toBe(true);
    expect(startsWithTotalsLabel(['Tax', 'return', 'preparation'])).toBe(false);
  });
});
