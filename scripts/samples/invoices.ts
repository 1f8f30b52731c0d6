// The sample invoices, receipts and credit notes, from the invoice recipe's generator: digital PDFs, and
// for a few one-page documents a scan (a JPEG) instead of the PDF. Each comes with the truth Docket's
// extraction is checked against.
import type { InvoiceDocumentType, InvoiceLanguage } from '../../main/invoices/types.ts';
import { INVOICE_LANGUAGES } from '../../main/invoices/types.ts';
import { randomInvoice, type GeneratedInvoice } from '../../models/recipes/invoices/generate.ts';
import type { Party } from '../../models/recipes/invoices/model.ts';
import { renderInvoicePdf, type InvoiceTruth } from '../../models/recipes/invoices/render-pdf.ts';
import { scanPage } from '../../models/recipes/invoices/scan.ts';

/** What truth/invoices.json holds for one document: the fields a user looks at first. */
export interface InvoiceTruthEntry {
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  invoiceId: string | null;
  invoiceDate: string | null;
  vendorName: string | null;
  invoiceTotal: number | null;
  currency: string | null;
}

export interface RenderedInvoice {
  invoice: GeneratedInvoice;
  pdf: Uint8Array;
  truth: InvoiceTruth;
}

export interface InvoiceSample {
  /** File name under documents/invoices/. */
  name: string;
  bytes: Uint8Array;
  truth: InvoiceTruthEntry;
}

export const INVOICE_COUNT = 20;
const DOCUMENT_TYPES = ['invoice', 'receipt', 'credit_note'] as const;
const FIRST_SEED = 4201;
/** Which documents (0-based) are scans: one per language, over the three document types. */
const SCANNED = new Set([1, 5, 7, 13, 19]);

/**
 * The generator prints phone numbers of random digits and web and email addresses under real top-level
 * domains; in files anyone can open, addresses go under the reserved .test domain and phones are left off.
 */
function withFictionalContacts(invoice: GeneratedInvoice): GeneratedInvoice {
  const fictional = (party: Party): Party => ({
    ...party,
    phone: undefined,
    email: party.email?.replace(/@.*$/, (domain) => `${domain.split('.')[0]}.test`),
    website: party.website?.replace(/^(www\.[^.]+)\..*$/, '$1.test'),
  });
  return {
    ...invoice,
    vendor: fictional(invoice.vendor),
    ...(invoice.customer ? { customer: fictional(invoice.customer) } : {}),
  };
}

export async function renderSampleInvoice(
  seed: number,
  language: InvoiceLanguage,
  documentType: InvoiceDocumentType,
): Promise<RenderedInvoice> {
  const invoice = withFictionalContacts(randomInvoice(seed, { language, documentType }));
  const { pdf, truth } = await renderInvoicePdf(invoice);
  return { invoice, pdf, truth };
}

export function truthEntry(truth: InvoiceTruth): InvoiceTruthEntry {
  const text = (value: string | number | undefined) => (value === undefined ? null : String(value));
  const { fields } = truth;
  return {
    documentType: truth.documentType,
    language: truth.language,
    invoiceId: text(fields.invoiceId),
    invoiceDate: text(fields.invoiceDate),
    vendorName: text(fields.vendorName),
    invoiceTotal: typeof fields.invoiceTotal === 'number' ? fields.invoiceTotal : null,
    currency: text(fields.currency),
  };
}

/** The 20 documents: languages cycle fastest, then invoice, receipt, credit note, invoice. */
export async function invoiceSamples(): Promise<InvoiceSample[]> {
  const samples: InvoiceSample[] = [];
  for (let i = 0; i < INVOICE_COUNT; i++) {
    const language = INVOICE_LANGUAGES[i % INVOICE_LANGUAGES.length]!;
    const documentType = DOCUMENT_TYPES[Math.floor(i / INVOICE_LANGUAGES.length) % DOCUMENT_TYPES.length]!;
    const scanned = SCANNED.has(i);
    let seed = FIRST_SEED + i;
    let rendered = await renderSampleInvoice(seed, language, documentType);
    // A scan is of one sheet of paper: draw other seeds (a fixed sequence) until the document fits one page.
    while (scanned && rendered.truth.pages !== 1) {
      seed += 100;
      rendered = await renderSampleInvoice(seed, language, documentType);
    }
    const stem = `${String(i + 1).padStart(2, '0')}-${language}-${documentType.replace('_', '-')}`;
    samples.push({
      name: scanned ? `${stem}-scan.jpg` : `${stem}.pdf`,
      bytes: scanned ? await scanPage(rendered.pdf, 1, seed) : rendered.pdf,
      truth: truthEntry(rendered.truth),
    });
  }
  return samples;
}
