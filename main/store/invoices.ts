// SQL for invoices (migration 004): rows per invoice found in a document, their fields and review state,
// and the user's edits. The service (main/invoices/invoice-service.ts) decides what goes in.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DocketError } from '../api/errors.ts';
import type { Line, Page } from '../documents/layout.ts';
import type { FoundField } from '../invoices/fields.ts';
import type { ExtractedLineItem } from '../invoices/line-items.ts';
import type { InvoiceDocumentType, InvoiceFieldName, InvoiceLanguage } from '../invoices/types.ts';

export type InvoiceStatus = 'needs_review' | 'accepted';
export type StoredFields = Partial<Record<InvoiceFieldName, FoundField>>;

export interface InvoiceRow {
  id: number;
  documentId: number;
  part: number;
  firstPage: number;
  lastPage: number;
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  fields: StoredFields;
  lineItems: ExtractedLineItem[];
  status: InvoiceStatus;
  title: string;
  updatedAt: string;
}

/** What the list shows, computed by the service from the fields and their validation. */
export interface InvoiceListColumns {
  vendor: string | null;
  /** The invoice's own number as printed (its invoiceId field). */
  invoiceId: string | null;
  invoiceDate: string | null;
  total: number | null;
  currency: string | null;
  lowestConfidence: number | null;
  warnings: number;
}

export interface NewInvoice extends InvoiceListColumns {
  part: number;
  firstPage: number;
  lastPage: number;
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  fields: StoredFields;
  lineItems: ExtractedLineItem[];
  modelVersions: Record<string, number>;
}

/** How many invoices the row's document holds. */
const PARTS = '(SELECT count(*) FROM invoices o WHERE o.document_id = i.document_id)';

const SELECT = `SELECT i.id, i.document_id AS documentId, i.part, i.first_page AS firstPage, i.last_page AS lastPage,
  i.document_type AS documentType, i.language, i.fields, i.line_items AS lineItems, i.status,
  i.updated_at AS updatedAt, d.title AS documentTitle, ${PARTS} AS parts
  FROM invoices i JOIN documents d ON d.id = i.document_id`;

interface RawRow {
  id: number;
  documentId: number;
  part: number;
  firstPage: number;
  lastPage: number;
  documentType: InvoiceDocumentType;
  language: InvoiceLanguage;
  fields: string;
  lineItems: string;
  status: InvoiceStatus;
  updatedAt: string;
  documentTitle: string;
  parts: number;
}

/** The document's title, with the part when one file held several invoices ("batch.pdf (2 of 3)"). */
const titleOf = (documentTitle: string, part: number, parts: number) =>
  parts > 1 ? `${documentTitle} (${part} of ${parts})` : documentTitle;

function toRow(raw: RawRow): InvoiceRow {
  const { documentTitle, parts, fields, lineItems, ...rest } = raw;
  return {
    ...rest,
    fields: JSON.parse(fields) as StoredFields,
    lineItems: JSON.parse(lineItems) as ExtractedLineItem[],
    title: titleOf(documentTitle, raw.part, parts),
  };
}

/** True when the document's invoices have been reviewed or edited: a new reading must not replace them. */
export function invoicesTouched(db: Database, documentId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM invoices i WHERE i.document_id = ? AND (i.status = 'accepted'
           OR EXISTS (SELECT 1 FROM invoice_edits e WHERE e.invoice_id = i.id)) LIMIT 1`,
      )
      .get(documentId) !== undefined
  );
}

/** The document's invoices as just read, replacing an earlier reading; null (nothing written) once touched. */
export function replaceInvoices(
  db: Database,
  documentId: number,
  invoices: readonly NewInvoice[],
): number[] | null {
  const insert = db.prepare(
    `INSERT INTO invoices (document_id, part, first_page, last_page, document_type, language, fields, line_items,
       vendor, invoice_number, invoice_date, total, currency, lowest_confidence, warnings, model_versions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return db.transaction(() => {
    // Checked again here: the user may have edited while the document was being read.
    if (invoicesTouched(db, documentId)) return null;
    db.prepare('DELETE FROM invoices WHERE document_id = ?').run(documentId);
    return invoices.map((inv) =>
      Number(
        insert.run(
          documentId,
          inv.part,
          inv.firstPage,
          inv.lastPage,
          inv.documentType,
          inv.language,
          JSON.stringify(inv.fields),
          JSON.stringify(inv.lineItems),
          inv.vendor,
          inv.invoiceId,
          inv.invoiceDate,
          inv.total,
          inv.currency,
          inv.lowestConfidence,
          inv.warnings,
          JSON.stringify(inv.modelVersions),
        ).lastInsertRowid,
      ),
    );
  })();
}

export function getInvoiceRow(db: Database, id: number): InvoiceRow {
  const raw = db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as RawRow | undefined;
  if (!raw) throw new DocketError('NOT_FOUND', `There is no invoice ${id}.`);
  return toRow(raw);
}

export interface InvoiceFilter {
  status?: InvoiceStatus | undefined;
  query?: string | undefined;
  limit: number;
  offset: number;
}

export interface InvoiceListRow extends InvoiceListColumns {
  id: number;
  documentId: number;
  title: string;
  documentType: InvoiceDocumentType;
  status: InvoiceStatus;
  firstPage: number;
  lastPage: number;
  updatedAt: string;
}

export function listInvoices(
  db: Database,
  filter: InvoiceFilter,
): { items: InvoiceListRow[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    where.push('i.status = ?');
    params.push(filter.status);
  }
  if (filter.query) {
    where.push(
      `(i.vendor LIKE ? ESCAPE '\\' OR i.invoice_number LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\')`,
    );
    const like = `%${filter.query.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
    params.push(like, like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (
    db
      .prepare(`SELECT count(*) AS n FROM invoices i JOIN documents d ON d.id = i.document_id ${clause}`)
      .get(...params) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT i.id, i.document_id AS documentId, i.document_type AS documentType, i.status,
         i.first_page AS firstPage, i.last_page AS lastPage, i.updated_at AS updatedAt,
         i.vendor, i.invoice_number AS invoiceId, i.invoice_date AS invoiceDate, i.total, i.currency,
         i.lowest_confidence AS lowestConfidence, i.warnings, i.part, d.title AS documentTitle, ${PARTS} AS parts
       FROM invoices i JOIN documents d ON d.id = i.document_id ${clause}
       ORDER BY i.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.limit, filter.offset) as Array<
    Omit<InvoiceListRow, 'title'> & { part: number; documentTitle: string; parts: number }
  >;
  const items = rows.map(({ part, documentTitle, parts, ...row }) => ({
    ...row,
    title: titleOf(documentTitle, part, parts),
  }));
  return { items, total };
}

/** Stores corrected fields with the list's copies, in one statement. */
export function saveInvoiceFields(
  db: Database,
  id: number,
  fields: StoredFields,
  columns: InvoiceListColumns,
): void {
  db.prepare(
    `UPDATE invoices SET fields = ?, vendor = ?, invoice_number = ?, invoice_date = ?, total = ?, currency = ?,
       lowest_confidence = ?, warnings = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  ).run(
    JSON.stringify(fields),
    columns.vendor,
    columns.invoiceId,
    columns.invoiceDate,
    columns.total,
    columns.currency,
    columns.lowestConfidence,
    columns.warnings,
    id,
  );
}

export function setInvoiceStatus(db: Database, id: number, status: InvoiceStatus): void {
  db.prepare(
    `UPDATE invoices SET status = ?, accepted_at = CASE WHEN ? = 'accepted' THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  ).run(status, status, id);
}

export interface InvoiceEdit {
  field: InvoiceFieldName;
  before: string | number | null;
  after: string | number | null;
  at: string;
}

export function addInvoiceEdit(db: Database, id: number, edit: Omit<InvoiceEdit, 'at'>, actor: string): void {
  db.prepare(
    'INSERT INTO invoice_edits (invoice_id, field, before, after, actor) VALUES (?, ?, ?, ?, ?)',
  ).run(id, edit.field, JSON.stringify(edit.before), JSON.stringify(edit.after), actor);
}

/** The user's edits, one per field: the value first extracted and the latest one. */
export function invoiceEdits(db: Database, id: number): InvoiceEdit[] {
  const rows = db
    .prepare('SELECT field, before, after, at FROM invoice_edits WHERE invoice_id = ? ORDER BY id')
    .all(id) as Array<{ field: InvoiceFieldName; before: string; after: string; at: string }>;
  const byField = new Map<InvoiceFieldName, InvoiceEdit>();
  for (const r of rows) {
    const first = byField.get(r.field);
    byField.set(r.field, {
      field: r.field,
      before: first ? first.before : (JSON.parse(r.before) as string | number | null),
      after: JSON.parse(r.after) as string | number | null,
      at: r.at,
    });
  }
  return [...byField.values()];
}

const EXAMPLE_OF = `task = 'invoice-fields' AND target = 'invoice' AND subject_type = 'document' AND subject_id = ?
  AND json_extract(new_value, '$.invoiceId') = ?`;

/**
 * An accepted invoice as a labelled example (the corrections table, task "invoice-fields"): every field's
 * final value, page, box and text, with the user's edits (value first extracted → value typed). One row per
 * invoice: accepting again replaces it.
 */
export function recordInvoiceExample(
  db: Database,
  row: InvoiceRow,
  edits: readonly InvoiceEdit[],
  actor: string,
): void {
  const example = {
    invoiceId: row.id,
    firstPage: row.firstPage,
    lastPage: row.lastPage,
    fields: Object.fromEntries(
      Object.entries(row.fields).map(([name, f]) => [
        name,
        { value: f.value, page: f.page, bbox: f.bbox, text: f.text },
      ]),
    ),
  };
  db.transaction(() => {
    removeInvoiceExample(db, row);
    db.prepare(
      `INSERT INTO corrections (subject_type, subject_id, task, target, old_value, new_value, actor)
       VALUES ('document', ?, 'invoice-fields', 'invoice', ?, ?, ?)`,
    ).run(row.documentId, JSON.stringify(edits), JSON.stringify(example), actor);
  })();
}

/** The invoice is back in review (reopened, or edited after it was accepted): its example is withdrawn. */
export function removeInvoiceExample(db: Database, row: Pick<InvoiceRow, 'id' | 'documentId'>): void {
  db.prepare(`DELETE FROM corrections WHERE ${EXAMPLE_OF}`).run(row.documentId, row.id);
}

/** Pages of a document as the readers produced them (for reading invoices after an import). */
export function documentPages(db: Database, documentId: number): Page[] {
  const rows = db
    .prepare(
      `SELECT page_number AS pageNumber, width, height, rotation, text_source AS textSource, layout
       FROM pages WHERE document_id = ? ORDER BY page_number`,
    )
    .all(documentId) as Array<{
    pageNumber: number;
    width: number;
    height: number;
    rotation: number;
    textSource: 'text-layer' | 'ocr' | 'none' | null;
    layout: string | null;
  }>;
  return rows.map(({ layout, textSource, ...page }) => ({
    ...page,
    textSource: textSource ?? ('none' as const),
    lines: layout ? (JSON.parse(layout) as { lines: Line[] }).lines : [],
  }));
}

export function markInvoicesRead(db: Database, documentId: number): void {
  db.prepare(
    `UPDATE documents SET invoices_read_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  ).run(documentId);
}

/** PDFs and images read before invoices were looked for (imported by an earlier version), oldest first. */
export function documentsNotSearchedForInvoices(db: Database, limit: number): number[] {
  return (
    db
      .prepare(
        `SELECT id FROM documents WHERE invoices_read_at IS NULL AND status = 'read'
           AND (media_type = 'application/pdf' OR media_type LIKE 'image/%') ORDER BY id LIMIT ?`,
      )
      .all(limit) as Array<{ id: number }>
  ).map((r) => r.id);
}
