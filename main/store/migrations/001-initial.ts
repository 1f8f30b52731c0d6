// The first schema: everything the coming features need, so later migrations add rather than reshape.
export const initial = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,              -- JSON
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Originals, content-addressed: one row per distinct SHA-256.
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  size_bytes INTEGER NOT NULL,
  media_type TEXT,
  stored_path TEXT NOT NULL,        -- relative to the data folder's content store
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Every place a file was seen (exact duplicates link here instead of being stored twice).
CREATE TABLE file_sources (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
  source_path TEXT NOT NULL,
  seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (file_id, source_path)
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file_id INTEGER REFERENCES files(id) ON DELETE RESTRICT,
  parent_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,  -- email attachment, split invoice
  title TEXT NOT NULL,
  kind TEXT,                        -- invoice, receipt, contract, email, ... (document type)
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'read', 'failed', 'needs_password', 'skipped')),
  status_reason TEXT,
  page_count INTEGER,
  language TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',   -- JSON
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX documents_file ON documents(file_id);
CREATE INDEX documents_parent ON documents(parent_id);
CREATE INDEX documents_status ON documents(status);

CREATE TABLE pages (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page_number INTEGER NOT NULL CHECK (page_number >= 1),
  width REAL,
  height REAL,
  rotation INTEGER NOT NULL DEFAULT 0,
  text_source TEXT CHECK (text_source IN ('text-layer', 'ocr', 'none')),
  layout TEXT,                      -- JSON: lines and words with boxes, in reading order
  UNIQUE (document_id, page_number)
);

-- Plain text of a document, searchable below.
CREATE TABLE document_text (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  text TEXT NOT NULL
);

-- Tickets and CRM records (contacts, accounts, notes).
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('ticket', 'crm_contact', 'crm_account', 'crm_note')),
  source TEXT,                      -- which import or mapping it came from
  external_id TEXT,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  data TEXT NOT NULL DEFAULT '{}',  -- JSON: the mapped columns
  text TEXT NOT NULL DEFAULT '',    -- what models read and search finds
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (kind, source, external_id)
);
CREATE INDEX records_kind ON records(kind);

CREATE TABLE models (
  id INTEGER PRIMARY KEY,
  model_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  task TEXT NOT NULL,
  card TEXT NOT NULL,               -- JSON card.json
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (model_id, version)
);
-- At most one active version per task.
CREATE UNIQUE INDEX models_one_active_per_task ON models(task) WHERE active = 1;

CREATE TABLE predictions (
  id INTEGER PRIMARY KEY,
  subject_type TEXT NOT NULL CHECK (subject_type IN ('document', 'page', 'record')),
  subject_id INTEGER NOT NULL,
  task TEXT NOT NULL,
  model_id TEXT NOT NULL,
  model_version INTEGER NOT NULL,
  target TEXT NOT NULL,             -- the label set or field name
  value TEXT NOT NULL,              -- JSON
  probability REAL CHECK (probability BETWEEN 0 AND 1),
  evidence TEXT NOT NULL DEFAULT '{}',  -- JSON: span, page, box, top features
  outcome TEXT NOT NULL DEFAULT 'suggested' CHECK (outcome IN ('applied', 'suggested', 'abstained')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX predictions_subject ON predictions(subject_type, subject_id, task);

-- A correction is a labelled example for retraining.
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  prediction_id INTEGER REFERENCES predictions(id) ON DELETE SET NULL,
  subject_type TEXT NOT NULL CHECK (subject_type IN ('document', 'page', 'record')),
  subject_id INTEGER NOT NULL,
  task TEXT NOT NULL,
  target TEXT NOT NULL,
  old_value TEXT,                   -- JSON
  new_value TEXT NOT NULL,          -- JSON
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX corrections_task ON corrections(task);

-- Durable work: each processing step of each item is a row, so a crash resumes without loss or repeats.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  stage TEXT,
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
  payload TEXT NOT NULL DEFAULT '{}',   -- JSON
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  file_id INTEGER REFERENCES files(id) ON DELETE SET NULL,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX jobs_status ON jobs(status, kind);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  details TEXT NOT NULL DEFAULT '{}'    -- JSON
);

-- Full-text search over document text and record text (external content, kept in step by triggers).
CREATE VIRTUAL TABLE document_text_fts USING fts5(
  text, content='document_text', content_rowid='document_id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN
  INSERT INTO document_text_fts(rowid, text) VALUES (new.document_id, new.text);
END;
CREATE TRIGGER document_text_ad AFTER DELETE ON document_text BEGIN
  INSERT INTO document_text_fts(document_text_fts, rowid, text) VALUES ('delete', old.document_id, old.text);
END;
CREATE TRIGGER document_text_au AFTER UPDATE ON document_text BEGIN
  INSERT INTO document_text_fts(document_text_fts, rowid, text) VALUES ('delete', old.document_id, old.text);
  INSERT INTO document_text_fts(rowid, text) VALUES (new.document_id, new.text);
END;

CREATE VIRTUAL TABLE records_fts USING fts5(
  text, content='records', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
  INSERT INTO records_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER records_au AFTER UPDATE OF text ON records BEGIN
  INSERT INTO records_fts(records_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO records_fts(rowid, text) VALUES (new.id, new.text);
END;
`,
};
