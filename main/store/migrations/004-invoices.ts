// Invoices, receipts and credit notes read from documents: one row per invoice (a PDF holding several has
// several parts), the fields as found or corrected, the review status, and each edit the user made.
export const invoices = {
  version: 4,
  name: 'invoices',
  sql: /* sql */ `
CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  part INTEGER NOT NULL DEFAULT 1,
  first_page INTEGER NOT NULL,
  last_page INTEGER NOT NULL,
  document_type TEXT NOT NULL CHECK (document_type IN ('invoice', 'receipt', 'credit_note', 'other')),
  language TEXT NOT NULL,
  -- JSON: field name -> { value, confidence, page, bbox, source, text }, before validation adjusts confidence
  fields TEXT NOT NULL,
  line_items TEXT NOT NULL,              -- JSON array
  status TEXT NOT NULL DEFAULT 'needs_review' CHECK (status IN ('needs_review', 'accepted')),
  -- Copies of what the list shows and sorts by, kept in step with fields by the store.
  vendor TEXT,
  invoice_number TEXT,
  invoice_date TEXT,
  total REAL,
  currency TEXT,
  lowest_confidence REAL,
  warnings INTEGER NOT NULL DEFAULT 0,
  model_versions TEXT NOT NULL DEFAULT '{}', -- JSON: model id -> version used
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  accepted_at TEXT,
  UNIQUE (document_id, part)
);
CREATE INDEX invoices_status ON invoices(status, id);

CREATE TABLE invoice_edits (
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  before TEXT,                           -- JSON value or null
  after TEXT,                            -- JSON value or null (removed)
  actor TEXT NOT NULL,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX invoice_edits_invoice ON invoice_edits(invoice_id);

-- When a document was last searched for invoices (null: never — documents imported before this version).
ALTER TABLE documents ADD COLUMN invoices_read_at TEXT;
`,
};
