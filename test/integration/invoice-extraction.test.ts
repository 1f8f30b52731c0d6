// Invoices Docket has never seen, in each of the five languages, read from real generated PDFs (text layer)
// and from scans of them (real OCR): the fields must come out right, with their boxes on the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../main/documents/read-document.ts';
import { defaultReadLimits } from '../../main/documents/read-error.ts';
import { createPpOcrEngine } from '../../main/documents/ocr/pp-ocr.ts';
import type { OcrEngine } from '../../main/documents/reader.ts';
import {
  openShippedInvoiceModels,
  readInvoices,
  MAX_INVOICE_PAGES,
  releaseInvoiceModels,
  toExtraction,
  type InvoiceModels,
} from '../../main/invoices/extract-invoice.ts';
import { INVOICE_LANGUAGES, type InvoiceFieldName } from '../../main/invoices/types.ts';
import { randomInvoice } from '../../models/recipes/invoices/generate.ts';
import { renderInvoicePdf, renderInvoicesPdf } from '../../models/recipes/invoices/render-pdf.ts';
import { scanPage } from '../../models/recipes/invoices/scan.ts';
import { addScores, scoreFields } from '../../models/recipes/invoice-score.ts';

/** Seeds far from the ones the shipped models were trained on (100,003 and up). */
const TEST_SEED = 9_000_000;
/**
 * What a clerk types first: checked on every scanned invoice. (Not the currency: OCR often drops the €
 * sign, and a currency that is not printed legibly is left out, not guessed.)
 */
const KEY_FIELDS: InvoiceFieldName[] = ['invoiceId', 'invoiceDate', 'dueDate', 'invoiceTotal', 'vendorName'];

let models: InvoiceModels;
let ocr: OcrEngine;
beforeAll(async () => {
  models = await openShippedInvoiceModels();
  ocr = await createPpOcrEngine({ intraOpNumThreads: 1 });
}, 60_000);
afterAll(async () => {
  await releaseInvoiceModels(models);
});

async function extract(bytes: Uint8Array, fileName: string, withOcr = false) {
  const read = await readDocument({
    bytes,
    fileName,
    limits: defaultReadLimits,
    ocr: withOcr ? ocr : undefined,
  });
  return (await readInvoices(read.pages, models)).map((p) => toExtraction(fileName, p));
}

describe.each(INVOICE_LANGUAGES)('invoices in %s', (language) => {
  it('digital PDFs: fields right, boxes on the value, type and language recognised', async () => {
    const scores = [];
    for (let i = 0; i < 4; i++) {
      const invoice = randomInvoice(TEST_SEED + i * 7 + INVOICE_LANGUAGES.indexOf(language), {
        language,
        documentType: i === 3 ? 'receipt' : 'invoice',
      });
      const { pdf, truth } = await renderInvoicePdf(invoice);
      const [extraction, ...rest] = await extract(pdf, `${language}-${i}.pdf`);
      expect(rest).toHaveLength(0);
      expect(extraction!.documentType).toBe(truth.documentType);
      expect(extraction!.language).toBe(language);
      const score = scoreFields(extraction!, truth);
      scores.push(score);
      // Every field found has a box on the page where its value is printed, when the truth knows where.
      for (const [name, field] of Object.entries(extraction!.fields)) {
        expect(field.confidence).toBeGreaterThan(0);
        expect(field.confidence).toBeLessThanOrEqual(1);
        const places = truth.boxes[name as InvoiceFieldName];
        const right = score.misses.every((m) => m.field !== name);
        if (!places || !right) continue;
        const [x0, y0, x1, y1] = field.bbox;
        const cx = (x0 + x1) / 2;
        const cy = (y0 + y1) / 2;
        const inside = places.some(
          (p) =>
            p.page === field.page &&
            cx >= p.bbox[0] - 0.02 &&
            cx <= p.bbox[2] + 0.02 &&
            cy >= p.bbox[1] - 0.02 &&
            cy <= p.bbox[3] + 0.02,
        );
        expect(inside, `${name} box ${field.bbox.join(',')} not on its value`).toBe(true);
      }
    }
    const all = addScores(scores);
    const accuracy = all.correct / all.expected;
    expect(accuracy, JSON.stringify(all.misses.slice(0, 12))).toBeGreaterThanOrEqual(0.85);
  }, 60_000);

  it('a scanned invoice (image, OCR): the key fields are right', async () => {
    const invoice = randomInvoice(TEST_SEED + 500 + INVOICE_LANGUAGES.indexOf(language), {
      language,
      documentType: 'invoice',
      maxLineItems: 4,
    });
    const { pdf, truth } = await renderInvoicePdf(invoice);
    const jpeg = await scanPage(pdf, 1, 1);
    const [extraction] = await extract(jpeg, `${language}-scan.jpg`, true);
    expect(extraction!.documentType).toBe('invoice');
    const score = scoreFields(extraction!, truth, KEY_FIELDS);
    expect(score.correct / score.expected, JSON.stringify(score.misses)).toBeGreaterThanOrEqual(0.75);
  }, 120_000);
});

describe('a PDF holding several invoices', () => {
  it('is split into one result per invoice, each with its own fields and pages', async () => {
    const invoices = [0, 1, 2].map((i) =>
      randomInvoice(TEST_SEED + 900 + i, { language: INVOICE_LANGUAGES[i]!, documentType: 'invoice' }),
    );
    const { pdf, truths } = await renderInvoicesPdf(invoices);
    const read = await readDocument({ bytes: pdf, fileName: 'batch.pdf', limits: defaultReadLimits });
    const parts = await readInvoices(read.pages, models);
    expect(parts.map((p) => p.firstPage)).toEqual(truths.map((t) => t.firstPage));
    parts.forEach((part, i) => {
      expect(part.fields.invoiceId?.value).toBe(truths[i]!.fields.invoiceId);
      expect(part.fields.invoiceTotal?.value).toBe(truths[i]!.fields.invoiceTotal);
    });
  }, 60_000);
});

describe('long documents', () => {
  it('a 600-page PDF-sized document is read without running out of stack, from its first 300 pages', async () => {
    const { pdf } = await renderInvoicePdf(
      randomInvoice(TEST_SEED + 950, { language: 'de', documentType: 'invoice' }),
    );
    const read = await readDocument({ bytes: pdf, fileName: 'long.pdf', limits: defaultReadLimits });
    const pages = Array.from({ length: 600 }, (_, i) => ({
      ...read.pages[i % read.pages.length]!,
      pageNumber: i + 1,
    }));
    const parts = await readInvoices(pages, models);
    // The same invoice number on every page: one invoice, cut at the page limit.
    expect(parts).toHaveLength(1);
    expect(parts[0]!.lastPage).toBe(MAX_INVOICE_PAGES);
    expect(parts[0]!.fields.invoiceId).toBeDefined();
  }, 120_000);
});

describe('documents that are not invoices', () => {
  it('a page without words gives nothing; unknown fields are absent, not guessed', async () => {
    expect(await readInvoices([], models)).toEqual([]);
    const parts = await readInvoices(
      [
        {
          pageNumber: 1,
          width: 595,
          height: 842,
          rotation: 0,
          textSource: 'text-layer',
          lines: [
            {
              block: 0,
              box: [0.1, 0.1, 0.6, 0.12],
              words: 'Minutes of the board meeting held on Tuesday'.split(' ').map((text, i) => ({
                text,
                box: [0.1 + i * 0.06, 0.1, 0.15 + i * 0.06, 0.12] as [number, number, number, number],
              })),
            },
          ],
        },
      ],
      models,
    );
    expect(parts[0]!.documentType).toBe('other');
    expect(parts[0]!.fields.invoiceTotal).toBeUndefined();
    expect(parts[0]!.fields.iban).toBeUndefined();
  });
});
