// The synthetic invoice generator (models/recipes/invoices): its PDFs read back with Docket's own reader put
// every field's printed value exactly inside the truth's boxes, the truth agrees with what is printed, the
// arithmetic and identifiers are valid, long invoices continue on a second page, several invoices share one
// PDF, and scans decode.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { isValidBIC, isValidIBAN } from 'ibantools';
import { checkVAT } from 'jsvat';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page, Word } from '../../main/documents/layout.ts';
import { readDocument } from '../../main/documents/read-document.ts';
import { defaultReadLimits } from '../../main/documents/read-error.ts';
import { isWellFormed } from '../../main/engine/sequence/bio.ts';
import { pagesToTokens } from '../../main/invoices/tokens.ts';
import {
  AMOUNT_FIELDS,
  INVOICE_FIELDS,
  INVOICE_LANGUAGES,
  type InvoiceFieldName,
} from '../../main/invoices/types.ts';
import { Composer, FONT_KEYS, overlappingRuns, type FontKey } from '../../models/recipes/invoices/compose.ts';
import { formatAmount, formatDate } from '../../models/recipes/invoices/format.ts';
import { randomInvoice, type GeneratedInvoice } from '../../models/recipes/invoices/generate.ts';
import { VAT_COUNTRIES } from '../../models/recipes/invoices/identifiers.ts';
import { LABELLED_FIELDS, labelledInvoice, labelTokens } from '../../models/recipes/invoices/label.ts';
import { layoutDocument } from '../../models/recipes/invoices/layouts.ts';
import {
  LAYOUTS,
  RECEIPT_LAYOUTS,
  type Formats,
  type NumberStyle,
} from '../../models/recipes/invoices/model.ts';
import { amountText } from '../../models/recipes/invoices/printed.ts';
import {
  renderInvoicePdf,
  renderInvoicesPdf,
  type InvoiceTruth,
} from '../../models/recipes/invoices/render-pdf.ts';
import { scanPage } from '../../models/recipes/invoices/scan.ts';
import type { FieldBox } from '../../models/recipes/invoices/truth.ts';

const ALL_LAYOUTS = [...LAYOUTS, ...RECEIPT_LAYOUTS];
const DOCUMENT_TYPES = ['invoice', 'receipt', 'credit_note'] as const;

function wordsInBox(pages: readonly Page[], box: FieldBox): Word[] {
  const page = pages[box.page - 1];
  if (!page) throw new Error(`no page ${box.page}`);
  return page.lines
    .flatMap((line) => line.words)
    .filter((w) => {
      const cx = (w.box[0] + w.box[2]) / 2;
      const cy = (w.box[1] + w.box[3]) / 2;
      return cx >= box.bbox[0] && cx <= box.bbox[2] && cy >= box.bbox[1] && cy <= box.bbox[3];
    });
}

/** A printed amount back to a number, with the document's separators; currency symbols and codes dropped. */
function parseAmount(text: string, style: NumberStyle): number {
  let digits = text
    .replace(/€|£|\$|EUR|GBP|USD|CHF/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (style.group) digits = digits.split(style.group).join('');
  digits = digits.replace(/ /g, '').replace(style.decimal, '.');
  return Number(digits);
}

const cents = (value: unknown): number => Math.round(Number(value) * 100);

/** Every way the truth must agree with the printed texts of its boxes. */
function expectTruthMatchesPrint(inv: GeneratedInvoice, truth: InvoiceTruth): void {
  const style = inv.style.formats;
  for (const field of INVOICE_FIELDS) {
    const boxes = truth.boxes[field] ?? [];
    const value = truth.fields[field];
    if (field === 'currency') {
      expect(value).toBe(inv.currency);
      continue;
    }
    // A field is in the truth exactly when it is printed somewhere.
    expect(boxes.length > 0, `${field} printed`).toBe(value !== undefined);
    if (value === undefined) continue;
    const texts = boxes.map((b) => b.text);
    if ((AMOUNT_FIELDS as readonly string[]).includes(field)) {
      for (const text of texts)
        expect(parseAmount(text, style.number), `${field} ${text}`).toBeCloseTo(Number(value), 6);
    } else if (field === 'invoiceDate' || field === 'dueDate') {
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // A date may wrap inside a narrow cell: the runs of one place, joined, are the formatted date.
      expect(texts.join(' ')).toContain(formatDate(String(value), style.date, inv.language));
    } else if (field === 'vendorAddress' || field === 'customerAddress') {
      const party = field === 'vendorAddress' ? inv.vendor : inv.customer;
      const lines = party?.addressLines ?? [];
      expect(value).toBe(lines.join(', '));
      for (const text of texts) expect([...lines, lines.join(', ')]).toContain(text);
    } else if (field === 'vendorTaxId' || field === 'customerTaxId') {
      for (const text of texts) expect(text.replace(/[\s.\-/]/g, '').toUpperCase()).toBe(value);
      expect(String(value)).not.toMatch(/[\s.-]/);
      expect(checkVAT(String(value), VAT_COUNTRIES).isValid, String(value)).toBe(true);
    } else if (field === 'iban') {
      for (const text of texts) expect(text.replace(/\s/g, '')).toBe(value);
      expect(isValidIBAN(String(value))).toBe(true);
    } else if (field === 'bic') {
      expect(isValidBIC(String(value))).toBe(true);
      for (const text of texts) expect(text).toBe(value);
    } else if (field === 'paymentTerm') {
      expect(texts.join(' ')).toContain(String(value));
    } else {
      // Names, numbers, order references: printed as is (a long value may wrap into several runs).
      for (const text of texts)
        expect(String(value).includes(text), `${field}: ${text} in ${value}`).toBe(true);
    }
  }
}

function expectArithmetic(inv: GeneratedInvoice, truth: InvoiceTruth): void {
  const f = truth.fields;
  expect(truth.lineItems.length).toBe(inv.lines.length);
  for (const item of truth.lineItems) {
    expect(Object.keys(item).sort()).toEqual(
      ['amount', 'description', 'productCode', 'quantity', 'taxRate', 'unit', 'unitPrice'].sort(),
    );
    expect(item.amount).not.toBeNull();
    if (item.quantity !== null && item.unitPrice !== null) {
      expect(Math.abs(item.quantity * item.unitPrice - (item.amount ?? 0))).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  }
  const lineSum = truth.lineItems.reduce((sum, item) => sum + cents(item.amount), 0);
  // Net lines sum to the subtotal; receipts with tax-inclusive prices print no subtotal and sum to the total.
  if (f.subTotal !== undefined) expect(lineSum).toBe(cents(f.subTotal));
  else expect(lineSum).toBe(cents(f.invoiceTotal));
  if (f.subTotal !== undefined && f.totalTax !== undefined) {
    expect(cents(f.subTotal) + cents(f.totalTax)).toBe(cents(f.invoiceTotal));
  }
  if (f.amountDue !== undefined) {
    expect(cents(f.amountDue)).toBe(cents(f.invoiceTotal) - inv.sign * inv.depositCents);
  }
  if (f.dueDate !== undefined) expect(String(f.dueDate) > String(f.invoiceDate)).toBe(true);
  // The printed sign is the truth's: negative credit notes have negative totals, others positive.
  expect(Math.sign(Number(f.invoiceTotal))).toBe(inv.sign);
}

describe('invoice generator', () => {
  it('formats numbers, currencies and dates as the five languages print them', () => {
    const formats = (over: Partial<Formats>): Formats => ({
      language: 'en',
      number: { group: ',', decimal: '.' },
      currency: 'EUR',
      placement: 'symbol-after',
      date: 'DD/MM/YYYY',
      spacedPercent: false,
      ...over,
    });
    expect(formatAmount(123456, formats({ placement: 'symbol-before', currency: 'GBP' }))).toBe('£1,234.56');
    expect(formatAmount(123456, formats({ number: { group: '.', decimal: ',' } }))).toBe('1.234,56 €');
    expect(
      formatAmount(-123456, formats({ number: { group: ' ', decimal: ',' }, placement: 'code-after' })),
    ).toBe('-1 234,56 EUR');
    expect(
      formatAmount(
        123456,
        formats({ number: { group: "'", decimal: '.' }, currency: 'CHF', placement: 'code-before' }),
      ),
    ).toBe("CHF 1'234.56");
    expect(
      formatAmount(5, formats({ placement: 'symbol-before-space', number: { group: '.', decimal: ',' } })),
    ).toBe('€ 0,05');
    expect(formatDate('2024-03-12', 'D MONTH YYYY', 'en')).toBe('12 March 2024');
    expect(formatDate('2024-03-12', 'D MONTH YYYY', 'de')).toBe('12. März 2024');
    expect(formatDate('2024-03-12', 'D MONTH YYYY', 'fr')).toBe('12 mars 2024');
    expect(formatDate('2024-03-01', 'D MONTH YYYY', 'fr')).toBe('1er mars 2024');
    expect(formatDate('2024-03-12', 'D MONTH YYYY', 'nl')).toBe('12 maart 2024');
    expect(formatDate('2024-03-12', 'D MONTH YYYY', 'es')).toBe('12 de marzo de 2024');
    expect(formatDate('2024-03-12', 'MON D, YYYY', 'en')).toBe('Mar 12, 2024');
    expect(formatDate('2024-03-12', 'MM/DD/YYYY', 'en')).toBe('03/12/2024');
    expect(formatDate('2024-03-12', 'DD.MM.YYYY', 'de')).toBe('12.03.2024');
  });

  it('is deterministic: one seed, the same PDF bytes and truth', async () => {
    const a = await renderInvoicePdf(randomInvoice(42));
    const b = await renderInvoicePdf(randomInvoice(42));
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(a.truth).toEqual(b.truth);
    expect(randomInvoice(43)).not.toEqual(randomInvoice(42));
    expect(() => randomInvoice(1, { layout: 'no-such-layout' })).toThrow(/unknown layout/);
  });

  it('puts every field value read back by Docket inside its boxes, in every language and layout', async () => {
    const seen = { languages: new Set<string>(), layouts: new Set<string>(), types: new Set<string>() };
    const timings: number[] = [];
    let boxesChecked = 0;
    let seed = 700;
    for (const language of INVOICE_LANGUAGES) {
      for (const layout of ALL_LAYOUTS) {
        for (let k = 0; k < 2; k++) {
          const documentType = layout === 'receipt' ? 'receipt' : k === 0 ? 'invoice' : 'credit_note';
          const inv = randomInvoice(seed++, { language, layout, documentType });
          const started = performance.now();
          const { pdf, truth } = await renderInvoicePdf(inv);
          const { pages, tokens, tags } = await labelledInvoice(pdf, truth);
          timings.push(performance.now() - started);
          seen.languages.add(truth.language);
          seen.layouts.add(inv.style.layout);
          seen.types.add(truth.documentType);

          expect(truth.pages).toBe(pages.length);
          for (const [field, boxes] of Object.entries(truth.boxes)) {
            for (const box of boxes ?? []) {
              boxesChecked++;
              const printed = box.text.replace(/\s+/g, ' ').trim();
              const read = wordsInBox(pages, box)
                .map((w) => w.text)
                .join(' ');
              expect(read, `${language} ${layout} seed ${inv.seed}: ${field}`).toBe(printed);
            }
          }
          expectTruthMatchesPrint(inv, truth);
          expectArithmetic(inv, truth);

          // Every printed field (the currency is not labelled) is tagged, and the tags are well formed BIO.
          expect(tags).toHaveLength(tokens.length);
          expect(isWellFormed(tags)).toBe(true);
          for (const field of Object.keys(truth.boxes) as InvoiceFieldName[]) {
            if (field === 'currency') continue;
            expect(tags, `${language} ${layout}: ${field} tagged`).toContain(`B-${field}`);
          }
          expect(tags.some((t) => t.endsWith('-currency'))).toBe(false);
          const taggedFields = new Set(tags.filter((t) => t !== 'O').map((t) => t.slice(2)));
          for (const field of taggedFields) expect(truth.fields[field as InvoiceFieldName]).toBeDefined();
        }
      }
    }
    expect(seen.languages.size).toBe(5);
    expect(seen.layouts.size).toBe(ALL_LAYOUTS.length);
    expect(ALL_LAYOUTS.length).toBeGreaterThanOrEqual(7);
    expect([...seen.types].sort()).toEqual([...DOCUMENT_TYPES].sort());
    expect(boxesChecked).toBeGreaterThan(800);
    // Generating, rendering and reading one document, once pdf.js is loaded (the first one loads it).
    const mean = timings.slice(1).reduce((a, b) => a + b, 0) / (timings.length - 1);
    expect(mean).toBeLessThan(150);
  });

  it('tags the core fields of most documents and covers the optional ones across seeds', async () => {
    const present = new Map<InvoiceFieldName, number>();
    const n = 40;
    for (let seed = 0; seed < n; seed++) {
      const inv = randomInvoice(9000 + seed);
      const { truth } = await renderInvoicePdf(inv);
      for (const field of Object.keys(truth.fields) as InvoiceFieldName[])
        present.set(field, (present.get(field) ?? 0) + 1);
    }
    for (const field of [
      'invoiceId',
      'invoiceDate',
      'vendorName',
      'vendorAddress',
      'invoiceTotal',
      'currency',
    ] as const) {
      expect(present.get(field) ?? 0, field).toBeGreaterThanOrEqual(n * 0.9);
    }
    // Optional fields are sometimes there and sometimes not.
    for (const field of [
      'purchaseOrder',
      'dueDate',
      'customerTaxId',
      'iban',
      'bic',
      'paymentTerm',
      'amountDue',
    ] as const) {
      expect(present.get(field) ?? 0, field).toBeGreaterThan(0);
      expect(present.get(field) ?? 0, field).toBeLessThan(n);
    }
    expect(LABELLED_FIELDS).not.toContain('currency');
  });

  it('lays out documents without overlapping text', async () => {
    const doc = await PDFDocument.create();
    const standard: Record<FontKey, StandardFonts> = {
      Helvetica: StandardFonts.Helvetica,
      'Helvetica-Bold': StandardFonts.HelveticaBold,
      'Times-Roman': StandardFonts.TimesRoman,
      'Times-Bold': StandardFonts.TimesRomanBold,
      Courier: StandardFonts.Courier,
      'Courier-Bold': StandardFonts.CourierBold,
    };
    const fonts = Object.fromEntries(
      await Promise.all(FONT_KEYS.map(async (key) => [key, await doc.embedFont(standard[key])] as const)),
    ) as Record<FontKey, Awaited<ReturnType<typeof doc.embedFont>>>;
    for (let seed = 0; seed < 300; seed++) {
      const inv = randomInvoice(20_000 + seed, {
        layout: ALL_LAYOUTS[seed % ALL_LAYOUTS.length],
        documentType: DOCUMENT_TYPES[seed % 3],
      });
      const composer = new Composer(inv.style.page, inv.style.family, fonts);
      layoutDocument(composer, inv);
      for (const page of composer.pages) {
        const overlaps = overlappingRuns(page).map(([a, b]) => `${a.text} / ${b.text}`);
        expect(overlaps, `seed ${inv.seed} ${inv.style.layout}`).toEqual([]);
      }
    }
  });

  it('continues long tables on a second page in every invoice layout', async () => {
    for (const [i, layout] of LAYOUTS.entries()) {
      const inv = randomInvoice(300 + i, {
        layout,
        documentType: 'invoice',
        minLineItems: 40,
        maxLineItems: 45,
      });
      const { pdf, truth } = await renderInvoicePdf(inv);
      expect(truth.pages, layout).toBeGreaterThanOrEqual(2);
      expect(truth.lineItems).toHaveLength(inv.lines.length);
      const { pages } = await readDocument({ bytes: pdf, fileName: 'x.pdf', limits: defaultReadLimits });
      const pageText = (n: number) =>
        (pages[n - 1]?.lines ?? []).map((l) => l.words.map((w) => w.text).join(' ')).join('\n');
      const firstLine = inv.lines[0];
      const lastLine = inv.lines.at(-1);
      if (!firstLine || !lastLine) throw new Error('no lines');
      expect(pageText(1)).toContain(amountText(inv, firstLine.amountCents, 'table'));
      const laterPages = Array.from({ length: truth.pages - 1 }, (_, k) => pageText(k + 2)).join('\n');
      expect(laterPages).toContain(amountText(inv, lastLine.amountCents, 'table'));
      // Page 2 holds table rows (line amounts), and the totals follow the table there or later.
      const secondPageAmounts = inv.lines.filter((line) =>
        pageText(2).includes(amountText(inv, line.amountCents, 'table')),
      );
      expect(secondPageAmounts.length, layout).toBeGreaterThan(3);
      const totalPages = (truth.boxes.invoiceTotal ?? []).map((b) => b.page);
      expect(Math.min(...totalPages)).toBeGreaterThanOrEqual(2);
    }
  });

  it('renders several documents into one PDF, each from a new page, with their first pages', async () => {
    const invoices = [
      randomInvoice(11, { documentType: 'invoice', minLineItems: 40, maxLineItems: 42, layout: 'classic' }),
      randomInvoice(12, { documentType: 'receipt' }),
      randomInvoice(13, { documentType: 'credit_note', maxLineItems: 3 }),
    ];
    const { pdf, truths } = await renderInvoicesPdf(invoices);
    expect(truths.map((t) => t.documentType)).toEqual(['invoice', 'receipt', 'credit_note']);
    const expectedFirst = [
      1,
      1 + (truths[0]?.pages ?? 0),
      1 + (truths[0]?.pages ?? 0) + (truths[1]?.pages ?? 0),
    ];
    expect(truths.map((t) => t.firstPage)).toEqual(expectedFirst);
    expect(truths[0]?.pages).toBeGreaterThanOrEqual(2);

    const { pages } = await readDocument({ bytes: pdf, fileName: 'x.pdf', limits: defaultReadLimits });
    expect(pages).toHaveLength(truths.reduce((sum, t) => sum + t.pages, 0));
    // The receipt's narrow page sits between two A4 or Letter pages.
    const receiptPage = pages[(truths[1]?.firstPage ?? 0) - 1];
    expect(receiptPage?.width).toBeLessThan(250);
    const tokens = pagesToTokens(pages);
    truths.forEach((truth, i) => {
      // Each truth's boxes lie on its own pages, and its invoice number is read on its first page.
      for (const boxes of Object.values(truth.boxes)) {
        for (const box of boxes ?? []) {
          expect(box.page).toBeGreaterThanOrEqual(truth.firstPage);
          expect(box.page).toBeLessThan(truth.firstPage + truth.pages);
        }
      }
      const idBox = truth.boxes.invoiceId?.find((b) => b.page === truth.firstPage);
      if (!idBox) throw new Error('no invoice number on the first page');
      expect(
        wordsInBox(pages, idBox)
          .map((w) => w.text)
          .join(' '),
      ).toBe(invoices[i]?.invoiceId);
      const tags = labelTokens(tokens, truth);
      const taggedPages = new Set(tokens.filter((_, k) => tags[k] !== 'O').map((t) => t.page));
      for (const page of taggedPages) {
        expect(page).toBeGreaterThanOrEqual(truth.firstPage);
        expect(page).toBeLessThan(truth.firstPage + truth.pages);
      }
    });
  });

  it('scans a page into a grey, slightly turned JPEG', async () => {
    const inv = randomInvoice(5, { documentType: 'invoice', layout: 'grid' });
    const { pdf } = await renderInvoicePdf(inv);
    const jpeg = await scanPage(pdf, 1, 5);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.channels).toBe(1);
    const points = inv.style.page.width;
    expect(meta.width).toBeGreaterThanOrEqual(Math.floor((points * 150) / 72));
    expect(meta.width).toBeLessThanOrEqual(Math.ceil((points * 200) / 72));
    expect(Buffer.from(await scanPage(pdf, 1, 5)).equals(Buffer.from(jpeg))).toBe(true);
    // Not a blank page: the text left dark pixels.
    const stats = await sharp(jpeg).stats();
    expect(stats.channels[0]?.min).toBeLessThan(80);

    const receipt = await renderInvoicePdf(randomInvoice(6, { documentType: 'receipt' }));
    const receiptScan = await sharp(await scanPage(receipt.pdf, 1, 6)).metadata();
    expect(receiptScan.height).toBeGreaterThan(receiptScan.width ?? 0);
  });
});
