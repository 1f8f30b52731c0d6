// Reads invoices and receipts from a document's pages: splits a PDF holding several invoices, decides each
// part's type (the document-type classifier), finds its fields (labeller + rules, fields.ts), its line items
// (the table's structure) and runs the validation checks. Works on pages from any reader: a PDF's text
// layer or OCR of a scan.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '../documents/layout.ts';
import { TextSession } from '../engine/runtime/text-session.ts';
import { openLabellerFolder } from '../engine/sequence/labeller-folder.ts';
import type { OnnxSequenceLabeller } from '../engine/sequence/onnx-labeller.ts';
import type { DecodedSpan } from '../engine/sequence/types.ts';
import { ModelError } from '../engine/model-folder.ts';
import { shippedModelsDir } from '../engine/shipped-models.ts';
import { findFields, type FoundField, type ReadingContext } from './fields.ts';
import { detectLanguage } from './language.ts';
import { extractLineItems, type ExtractedLineItem } from './line-items.ts';
import { detectNumberFormat } from './rules/amounts.ts';
import { detectDateOrder } from './rules/dates.ts';
import { findKeywords } from './rules/keywords.ts';
import { splitInvoices } from './split.ts';
import { pagesToTokens, type PageToken } from './tokens.ts';
import {
  DOCUMENT_TYPES,
  type InvoiceDocumentType,
  type InvoiceExtraction,
  type InvoiceFieldName,
  type InvoiceLanguage,
  type LineItem,
} from './types.ts';
import { applyValidation, validateInvoice } from './validation.ts';

/** The shipped models' ids (models/<id>/). */
export const FIELD_MODEL_ID = 'invoice-fields';
export const DOCUMENT_TYPE_MODEL_ID = 'document-type';

export interface InvoiceModels {
  labeller: OnnxSequenceLabeller | null;
  documentType: TextSession | null;
}

/**
 * Opens the shipped models from a models folder (default: the app's models/); a missing one is null (rules
 * alone), but a folder the user named must hold at least one of them.
 */
export async function openShippedInvoiceModels(chosen?: string): Promise<InvoiceModels> {
  const dir = chosen ?? shippedModelsDir();
  const folder = (id: string) => (dir && existsSync(join(dir, id, 'card.json')) ? join(dir, id) : null);
  const fields = folder(FIELD_MODEL_ID);
  const types = folder(DOCUMENT_TYPE_MODEL_ID);
  if (chosen !== undefined && !fields && !types) {
    throw new ModelError(
      `${chosen} holds neither the ${FIELD_MODEL_ID} nor the ${DOCUMENT_TYPE_MODEL_ID} model folder.`,
    );
  }
  return {
    labeller: fields ? await openLabellerFolder(fields) : null,
    documentType: types ? await TextSession.open(types) : null,
  };
}

export async function releaseInvoiceModels(models: InvoiceModels): Promise<void> {
  await models.labeller?.release();
  await models.documentType?.release();
}

/** One invoice read from a document: its pages and what was found on them. */
export interface InvoicePart {
  firstPage: number;
  lastPage: number;
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  fields: Partial<Record<InvoiceFieldName, FoundField>>;
  lineItems: ExtractedLineItem[];
}

/** The plain text of pages in reading order: what the document-type classifier and language detection read. */
export const pagesText = (pages: readonly Page[]) =>
  pages.map((p) => p.lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n')).join('\n');

/** The classifier reads the start of the document: titles and headings decide the type. */
const TYPE_TEXT_CHARS = 2000;
/** Below this probability the classifier does not overrule a title that names the type ("Rechnung"). */
const OVERRULE_TITLE = 0.9;
/** Pages per labeller run: bounds the memory of one ONNX Runtime call on a long batch PDF. */
const PAGES_PER_RUN = 20;
/** Invoices are read from the first pages of very long documents only (a 2,000-page report is no invoice). */
export const MAX_INVOICE_PAGES = 300;

const TITLE_TYPES: [string, InvoiceDocumentType][] = [
  ['docCreditNote', 'credit_note'],
  ['docReceipt', 'receipt'],
  ['docInvoice', 'invoice'],
];

async function classify(
  pages: readonly Page[],
  text: string,
  models: InvoiceModels,
): Promise<InvoiceDocumentType> {
  const keys = new Set(
    pages.flatMap((p) => p.lines.flatMap((l) => findKeywords(l.words.map((w) => w.text)).map((k) => k.key))),
  );
  const titled = TITLE_TYPES.filter(([key]) => keys.has(key as never)).map(([, type]) => type);
  if (models.documentType) {
    const [probabilities] = await models.documentType.probabilities([text.slice(0, TYPE_TEXT_CHARS)]);
    const labels = models.documentType.card.labels;
    let best = 0;
    for (let i = 1; i < labels.length; i++) if (probabilities![i]! > probabilities![best]!) best = i;
    const label = labels[best] as InvoiceDocumentType;
    const p = probabilities![best]!;
    // A title naming exactly one type wins unless the classifier is sure of another.
    if (titled.length === 1 && titled[0] !== label && p < OVERRULE_TITLE) return titled[0]!;
    if ((DOCUMENT_TYPES as readonly string[]).includes(label)) return label;
  }
  // Without the classifier: the title words, a credit note's before a receipt's before an invoice's.
  return titled[0] ?? 'other';
}

function readingContext(pages: readonly Page[], text: string): ReadingContext {
  const words = pages.flatMap((p) => p.lines.flatMap((l) => l.words.map((w) => w.text)));
  const language = detectLanguage(text);
  return { language, numberFormat: detectNumberFormat(words), dateOrder: detectDateOrder(words, language) };
}

/** The labeller's spans over a part's tokens, run a few pages at a time. */
async function labelPart(
  part: readonly Page[],
  models: InvoiceModels,
): Promise<{ tokens: PageToken[]; spans: DecodedSpan[] }> {
  const tokens = pagesToTokens(part);
  if (!models.labeller) return { tokens, spans: [] };
  const spans: DecodedSpan[] = [];
  let offset = 0;
  for (let i = 0; i < part.length; i += PAGES_PER_RUN) {
    const chunk = pagesToTokens(part.slice(i, i + PAGES_PER_RUN));
    const [decoded] = await models.labeller.decodeBatch([chunk]);
    for (const span of decoded!) spans.push({ ...span, start: span.start + offset, end: span.end + offset });
    offset += chunk.length;
  }
  return { tokens, spans };
}

/** Every invoice, receipt or credit note in a document's pages ('other' parts included, typed as such). */
export async function readInvoices(pages: readonly Page[], models: InvoiceModels): Promise<InvoicePart[]> {
  const withWords = pages.filter((p) => p.lines.length > 0).slice(0, MAX_INVOICE_PAGES);
  if (withWords.length === 0) return [];
  const parts = splitInvoices(withWords, readingContext(withWords, pagesText(withWords)));
  const out: InvoicePart[] = [];
  for (const part of parts) {
    const text = pagesText(part);
    // Each invoice in a batch PDF is read in its own language and number format.
    const context = readingContext(part, text);
    const type = await classify(part, text, models);
    const { tokens, spans } = type === 'other' ? { tokens: [], spans: [] } : await labelPart(part, models);
    out.push({
      firstPage: part[0]!.pageNumber,
      lastPage: part.at(-1)!.pageNumber,
      documentType: type,
      language: context.language,
      fields: type === 'other' ? {} : findFields(part, tokens, spans, context),
      lineItems: type === 'other' ? [] : extractLineItems(part, { numberFormat: context.numberFormat }),
    });
  }
  return out;
}

const plainLineItem = (item: ExtractedLineItem): LineItem => ({
  description: item.description,
  quantity: item.quantity,
  unit: item.unit,
  unitPrice: item.unitPrice,
  amount: item.amount,
  taxRate: item.taxRate,
  productCode: item.productCode,
});

/**
 * The printed shape (issue 5): validation run on the fields as they are now, confidences lowered where a
 * check failed, internal extras (the source text, line-item boxes) left out.
 */
export function toExtraction(
  file: string,
  part: Pick<InvoicePart, 'documentType' | 'language' | 'fields' | 'lineItems'>,
): InvoiceExtraction {
  const lineItems = part.lineItems.map(plainLineItem);
  const validation = validateInvoice(part.fields, lineItems);
  const checked = applyValidation(part.fields, validation);
  const fields: InvoiceExtraction['fields'] = {};
  for (const [name, field] of Object.entries(checked) as [InvoiceFieldName, FoundField][]) {
    fields[name] = {
      value: field.value,
      confidence: Math.round(field.confidence * 1000) / 1000,
      page: field.page,
      bbox: field.bbox,
      source: field.source,
    };
  }
  return { file, documentType: part.documentType, language: part.language, fields, lineItems, validation };
}
