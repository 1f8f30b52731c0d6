// Invoices in the database: read after each import (PDFs and images), listed, corrected field by field,
// accepted (the corrections become training examples) and exported. Uses the active versions of the
// field labeller and the document-type classifier from the model registry.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ModelRegistry } from '../engine/registry.ts';
import { TextSession } from '../engine/runtime/text-session.ts';
import { openLabellerFolder } from '../engine/sequence/labeller-folder.ts';
import { appendAudit } from '../store/audit.ts';
import {
  addInvoiceEdit,
  documentPages,
  getInvoiceRow,
  invoiceEdits,
  invoicesTouched,
  listInvoices,
  markInvoicesRead,
  documentsNotSearchedForInvoices,
  recordInvoiceExample,
  removeInvoiceExample,
  replaceInvoices,
  saveInvoiceFields,
  setInvoiceStatus,
  type InvoiceFilter,
  type InvoiceListColumns,
  type InvoiceRow,
  type StoredFields,
} from '../store/invoices.ts';
import {
  DOCUMENT_TYPE_MODEL_ID,
  FIELD_MODEL_ID,
  readInvoices,
  releaseInvoiceModels,
  toExtraction,
  type InvoiceModels,
} from './extract-invoice.ts';
import { exportInvoices, type ExportFormat } from './export.ts';
import { parseUserValue } from './user-values.ts';
import type { InvoiceExtraction, InvoiceFieldName } from './types.ts';

/** Only documents with laid-out pages hold invoices Docket can read with positions. */
const INVOICE_MEDIA = /^(application\/pdf|image\/)/u;

function listColumns(extraction: InvoiceExtraction): InvoiceListColumns {
  const f = extraction.fields;
  const text = (v: string | number | undefined) => (v === undefined ? null : String(v));
  const confidences = Object.values(f).map((x) => x.confidence);
  const total = f.invoiceTotal?.value ?? f.amountDue?.value;
  return {
    vendor: text(f.vendorName?.value),
    invoiceId: text(f.invoiceId?.value),
    invoiceDate: text(f.invoiceDate?.value),
    total: typeof total === 'number' ? total : null,
    currency: text(f.currency?.value),
    lowestConfidence: confidences.length ? Math.min(...confidences) : null,
    warnings: extraction.validation.filter((v) => !v.ok).length,
  };
}

export class InvoiceService {
  private readonly db: Database;
  private readonly registry: ModelRegistry;
  private loaded: { key: string; models: Promise<InvoiceModels> } | null = null;
  /** Analyses running now: models are released only after the ones using them finish. */
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  constructor(db: Database, registry: ModelRegistry) {
    this.db = db;
    this.registry = registry;
  }

  /** The active models, opened once and again only when another version becomes active. */
  private models(): Promise<InvoiceModels> {
    const fields = this.registry.active(FIELD_MODEL_ID);
    const types = this.registry.active(DOCUMENT_TYPE_MODEL_ID);
    const key = `${fields?.path}|${types?.path}`;
    if (this.loaded?.key !== key) {
      const previous = this.loaded?.models;
      const inFlight = [...this.running];
      void Promise.allSettled(inFlight).then(() => previous?.then(releaseInvoiceModels, () => undefined));
      this.loaded = {
        key,
        models: (async () => ({
          labeller: fields ? await openLabellerFolder(fields.path) : null,
          documentType: types ? await TextSession.open(types.path) : null,
        }))(),
      };
    }
    return this.loaded.models;
  }

  private versions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of [FIELD_MODEL_ID, DOCUMENT_TYPE_MODEL_ID]) {
      const m = this.registry.active(id);
      if (m) out[id] = m.version;
    }
    return out;
  }

  /**
   * Reads the invoices in a document just imported. Documents that are not invoices get no row; a
   * document whose invoices the user already reviewed or edited is left as it is.
   */
  analyseDocument(documentId: number, mediaType?: string): Promise<number> {
    const work = this.analyse(documentId, mediaType);
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  private async analyse(documentId: number, mediaType?: string): Promise<number> {
    const doc = this.db
      .prepare('SELECT media_type AS mediaType, title FROM documents WHERE id = ?')
      .get(documentId) as { mediaType: string | null; title: string } | undefined;
    const type = mediaType ?? doc?.mediaType;
    if (!doc || !type || !INVOICE_MEDIA.test(type)) return 0;
    markInvoicesRead(this.db, documentId);
    if (invoicesTouched(this.db, documentId)) return 0;
    const pages = documentPages(this.db, documentId);
    const parts = (await readInvoices(pages, await this.models())).filter((p) => p.documentType !== 'other');
    const versions = this.versions();
    const written = replaceInvoices(
      this.db,
      documentId,
      parts.map((part, i) => ({
        part: i + 1,
        firstPage: part.firstPage,
        lastPage: part.lastPage,
        documentType: part.documentType,
        language: part.language,
        fields: part.fields,
        lineItems: part.lineItems,
        modelVersions: versions,
        ...listColumns(toExtraction(doc.title, part)),
      })),
    );
    return written ? written.length : 0;
  }

  /**
   * Searches the PDFs and images an earlier version imported for invoices, one at a time in the
   * background; stops when the service closes. Returns how many documents it read.
   */
  async readEarlierDocuments(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = documentsNotSearchedForInvoices(this.db, 50);
      if (batch.length === 0 || this.closing) return done;
      for (const id of batch) {
        if (this.closing) return done;
        await this.analyseDocument(id).catch(() => markInvoicesRead(this.db, id));
        done++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  list(filter: InvoiceFilter) {
    return listInvoices(this.db, filter);
  }

  private detail(row: InvoiceRow) {
    const extraction = toExtraction(row.title, row);
    return {
      id: row.id,
      documentId: row.documentId,
      title: row.title,
      documentType: row.documentType,
      status: row.status,
      firstPage: row.firstPage,
      lastPage: row.lastPage,
      updatedAt: row.updatedAt,
      ...listColumns(extraction),
      extraction,
      corrections: invoiceEdits(this.db, row.id),
    };
  }

  get(id: number) {
    return this.detail(getInvoiceRow(this.db, id));
  }

  /** A user's correction: checked for its form, stored with its history, validation run again. */
  updateField(id: number, field: InvoiceFieldName, input: string | number | null, actor: string) {
    const row = getInvoiceRow(this.db, id);
    const value = input === null ? null : parseUserValue(field, input);
    const before = row.fields[field]?.value ?? null;
    if (before === value) return this.detail(row);
    const fields: StoredFields = { ...row.fields };
    if (value === null) delete fields[field];
    else {
      const previous = row.fields[field];
      // The box stays where the value was read, so the page still shows where it came from.
      fields[field] = {
        value,
        confidence: 1,
        page: previous?.page ?? row.firstPage,
        bbox: previous?.bbox ?? [0, 0, 0, 0],
        source: 'user',
        text: String(value),
      };
    }
    this.db.transaction(() => {
      saveInvoiceFields(this.db, id, fields, listColumns(toExtraction(row.title, { ...row, fields })));
      addInvoiceEdit(this.db, id, { field, before, after: value }, actor);
      // An edit after accepting puts the invoice back in review until it is accepted again.
      if (row.status === 'accepted') {
        setInvoiceStatus(this.db, id, 'needs_review');
        removeInvoiceExample(this.db, row);
      }
      appendAudit(this.db, {
        actor,
        action: 'invoices.updateField',
        subject: `invoice:${id}`,
        details: { field },
      });
    })();
    return this.get(id);
  }

  accept(id: number, actor: string) {
    const row = getInvoiceRow(this.db, id);
    if (row.status !== 'accepted') {
      this.db.transaction(() => {
        setInvoiceStatus(this.db, id, 'accepted');
        recordInvoiceExample(this.db, row, invoiceEdits(this.db, id), actor);
        appendAudit(this.db, { actor, action: 'invoices.accept', subject: `invoice:${id}` });
      })();
    }
    return this.get(id);
  }

  reopen(id: number, actor: string) {
    const row = getInvoiceRow(this.db, id);
    if (row.status === 'accepted') {
      this.db.transaction(() => {
        setInvoiceStatus(this.db, id, 'needs_review');
        removeInvoiceExample(this.db, row);
        appendAudit(this.db, { actor, action: 'invoices.reopen', subject: `invoice:${id}` });
      })();
    }
    return this.get(id);
  }

  async export(ids: readonly number[], format: ExportFormat) {
    const rows = ids.map((id) => getInvoiceRow(this.db, id));
    const file = await exportInvoices(
      rows.map((row) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        extraction: toExtraction(row.title, row),
      })),
      format,
    );
    return {
      fileName: file.fileName,
      mediaType: file.mediaType,
      dataBase64: Buffer.from(file.bytes).toString('base64'),
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.running]);
    const models = this.loaded?.models;
    this.loaded = null;
    if (models) await models.then(releaseInvoiceModels, () => undefined);
  }
}
