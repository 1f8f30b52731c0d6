// Generated documents as real PDFs (pdf-lib, the 14 standard fonts, WinAnsi text), with their truth.
// Metadata dates come from the invoice, so one invoice always gives the same bytes.
import { PDFDocument, rgb, StandardFonts, type PDFFont } from '@cantoo/pdf-lib';
import { Composer, FONT_KEYS, type ComposedPage, type FontKey } from './compose.ts';
import { layoutDocument } from './layouts.ts';
import type { GeneratedInvoice } from './model.ts';
import { buildTruth, type InvoiceTruth } from './truth.ts';

export type { InvoiceTruth } from './truth.ts';

const STANDARD: Record<FontKey, StandardFonts> = {
  Helvetica: StandardFonts.Helvetica,
  'Helvetica-Bold': StandardFonts.HelveticaBold,
  'Times-Roman': StandardFonts.TimesRoman,
  'Times-Bold': StandardFonts.TimesRomanBold,
  Courier: StandardFonts.Courier,
  'Courier-Bold': StandardFonts.CourierBold,
};

async function createDocument(
  first: GeneratedInvoice | undefined,
): Promise<{ doc: PDFDocument; fonts: Record<FontKey, PDFFont> }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const date = new Date(`${first?.invoiceDate ?? '2024-01-01'}T09:00:00Z`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setProducer('Docket invoice generator');
  const fonts = {} as Record<FontKey, PDFFont>;
  for (const key of FONT_KEYS) fonts[key] = await doc.embedFont(STANDARD[key]);
  return { doc, fonts };
}

function drawPages(doc: PDFDocument, fonts: Record<FontKey, PDFFont>, pages: readonly ComposedPage[]): void {
  for (const composed of pages) {
    const { width, height } = composed;
    const page = doc.addPage([width, height]);
    for (const op of composed.ops) {
      switch (op.kind) {
        case 'text':
          page.drawText(op.text, {
            x: op.x,
            y: height - op.baseline,
            size: op.size,
            font: fonts[op.font],
            color: rgb(...op.color),
          });
          break;
        case 'line':
          page.drawLine({
            start: { x: op.x1, y: height - op.y1 },
            end: { x: op.x2, y: height - op.y2 },
            thickness: op.thickness,
            color: rgb(...op.color),
          });
          break;
        case 'rect':
          page.drawRectangle({
            x: op.x,
            y: height - op.y - op.height,
            width: op.width,
            height: op.height,
            ...(op.fill ? { color: rgb(...op.fill) } : {}),
            ...(op.border ? { borderColor: rgb(...op.border), borderWidth: op.borderWidth ?? 0.5 } : {}),
          });
          break;
      }
    }
  }
}

/** Lays out and draws one document at the end of `doc`; its boxes count pages from `firstPage`. */
function appendInvoice(
  doc: PDFDocument,
  fonts: Record<FontKey, PDFFont>,
  invoice: GeneratedInvoice,
  firstPage: number,
): InvoiceTruth {
  const composer = new Composer(invoice.style.page, invoice.style.family, fonts);
  const lineItems = layoutDocument(composer, invoice);
  drawPages(doc, fonts, composer.pages);
  return buildTruth(invoice, composer.pages, lineItems, firstPage);
}

export async function renderInvoicePdf(
  invoice: GeneratedInvoice,
): Promise<{ pdf: Uint8Array; truth: InvoiceTruth }> {
  const { doc, fonts } = await createDocument(invoice);
  doc.setTitle(`${invoice.style.labels.title} ${invoice.invoiceId}`);
  const truth = appendInvoice(doc, fonts, invoice, 1);
  return { pdf: await doc.save(), truth };
}

/**
 * Several documents in one PDF, each starting on a new page. Each truth's box pages are pages of this PDF,
 * and firstPage is where the document starts.
 */
export async function renderInvoicesPdf(
  invoices: readonly GeneratedInvoice[],
): Promise<{ pdf: Uint8Array; truths: (InvoiceTruth & { firstPage: number })[] }> {
  const { doc, fonts } = await createDocument(invoices[0]);
  const truths: (InvoiceTruth & { firstPage: number })[] = [];
  for (const invoice of invoices) {
    const firstPage = doc.getPageCount() + 1;
    truths.push({ ...appendInvoice(doc, fonts, invoice, firstPage), firstPage });
  }
  return { pdf: await doc.save(), truths };
}
