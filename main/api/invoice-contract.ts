// The invoices part of the API contract: schemas and procedures, spread into `contract` (contract.ts).
import { z } from 'zod';
import { mutation, query } from './procedures.ts';
import { DOCUMENT_TYPES, INVOICE_FIELDS, INVOICE_LANGUAGES } from '../invoices/types.ts';

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

export const extractedFieldSchema = z.object({
  value: z.union([z.string(), z.number()]),
  confidence: z.number(),
  page: z.number().int(),
  bbox: box,
  source: z.enum(['model', 'rule', 'user']),
});

export const lineItemSchema = z.object({
  description: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  unitPrice: z.number().nullable(),
  amount: z.number().nullable(),
  taxRate: z.number().nullable(),
  productCode: z.string().nullable(),
});

export const validationResultSchema = z.object({ rule: z.string(), ok: z.boolean(), message: z.string() });

/** Exactly what `docket extract invoice --json` prints for one file. */
export const invoiceExtractionSchema = z.object({
  file: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  language: z.enum(INVOICE_LANGUAGES),
  fields: z.partialRecord(z.enum(INVOICE_FIELDS), extractedFieldSchema),
  lineItems: z.array(lineItemSchema),
  validation: z.array(validationResultSchema),
});

export const invoiceStatuses = ['needs_review', 'accepted'] as const;

export const invoiceSummarySchema = z.object({
  id: z.number().int(),
  documentId: z.number().int(),
  /** The document's title (file name), with the part number when one PDF held several invoices. */
  title: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  vendor: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoiceDate: z.string().nullable(),
  total: z.number().nullable(),
  currency: z.string().nullable(),
  status: z.enum(invoiceStatuses),
  /** The lowest confidence among the fields found (null when none was found). */
  lowestConfidence: z.number().nullable(),
  /** Validation rules that failed. */
  warnings: z.number().int(),
  /** The pages of the document this invoice covers (1-based, inclusive). */
  firstPage: z.number().int(),
  lastPage: z.number().int(),
  updatedAt: z.string(),
});

export const invoiceDetailSchema = invoiceSummarySchema.extend({
  extraction: invoiceExtractionSchema,
  /** Field values as first extracted, for the fields the user changed. */
  corrections: z.array(
    z.object({
      field: z.enum(INVOICE_FIELDS),
      before: z.union([z.string(), z.number()]).nullable(),
      after: z.union([z.string(), z.number()]).nullable(),
      at: z.string(),
    }),
  ),
});

const idInput = z.object({ id: z.number().int() }).strict();

export const invoiceProcedures = {
  'invoices.list': query({
    description:
      'Invoices, receipts and credit notes found in documents, newest first; filter by status and text.',
    input: z
      .object({
        status: z.enum(invoiceStatuses).optional(),
        query: z.string().trim().max(200).optional(),
        limit: z.number().int().min(1).max(100_000).default(1000),
        offset: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ limit: 1000, offset: 0 }),
    output: z.object({ items: z.array(invoiceSummarySchema), total: z.number().int() }),
    errors: [],
  }),
  'invoices.get': query({
    description: 'One invoice: every field with its confidence and box, line items, validation, corrections.',
    input: idInput,
    output: invoiceDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  'invoices.updateField': mutation({
    description:
      'Correct one field (null removes it). The value is checked (ISO date, number, ISO 4217 code) and the ' +
      'validation rules run again; a failing checksum is kept and shown as a warning. Editing an accepted ' +
      'invoice puts it back in review.',
    input: z
      .object({
        id: z.number().int(),
        field: z.enum(INVOICE_FIELDS),
        value: z.union([z.string().max(2000), z.number()]).nullable(),
      })
      .strict(),
    output: invoiceDetailSchema,
    errors: ['NOT_FOUND', 'BAD_INPUT'],
  }),
  'invoices.accept': mutation({
    description: 'Mark an invoice reviewed; its fields (with the corrections) become training examples.',
    input: idInput,
    output: invoiceDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  'invoices.reopen': mutation({
    description: 'Put an accepted invoice back in review (undo accept).',
    input: idInput,
    output: invoiceDetailSchema,
    errors: ['NOT_FOUND'],
  }),
  'invoices.export': query({
    description:
      'The chosen invoices as CSV (cells safe against formula injection), JSON or XLSX, for download (base64).',
    input: z
      .object({
        ids: z.array(z.number().int()).min(1).max(100_000),
        format: z.enum(['csv', 'json', 'xlsx']),
      })
      .strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), dataBase64: z.string() }),
    errors: ['NOT_FOUND'],
  }),
} as const;
