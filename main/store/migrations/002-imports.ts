// Bulk import: an import is a batch of sources; each file in it is a job whose stage is recorded, so that a
// crash resumes where it stopped. Table rows from CSV/XLSX wait here until a mapping turns them into records.
export const imports = {
  version: 2,
  name: 'imports',
  sql: /* sql */ `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  sources TEXT NOT NULL,                  -- JSON array of absolute paths
  options TEXT NOT NULL DEFAULT '{}',     -- JSON: globs, watch, polling, limits
  status TEXT NOT NULL DEFAULT 'running'
    CHECK (status IN ('running', 'paused', 'cancelled', 'done', 'watching')),
  scan_complete INTEGER NOT NULL DEFAULT 0 CHECK (scan_complete IN (0, 1)),
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at TEXT
);

ALTER TABLE jobs ADD COLUMN import_id INTEGER REFERENCES imports(id) ON DELETE CASCADE;
ALTER TABLE jobs ADD COLUMN source_path TEXT;
-- Path, size and modification time: a rescan of an unchanged file finds its job instead of adding one;
-- a changed file gets a new job.
ALTER TABLE jobs ADD COLUMN source_key TEXT;
ALTER TABLE jobs ADD COLUMN outcome TEXT
  CHECK (outcome IN ('imported', 'duplicate', 'unchanged', 'failed', 'cancelled'));
ALTER TABLE jobs ADD COLUMN reason TEXT;  -- a ReadFailureReason or 'unreadable' when it failed
CREATE UNIQUE INDEX jobs_import_source ON jobs(import_id, source_key) WHERE import_id IS NOT NULL;
CREATE INDEX jobs_import_status ON jobs(import_id, status);
CREATE INDEX jobs_document ON jobs(document_id);

ALTER TABLE documents ADD COLUMN media_type TEXT;
ALTER TABLE documents ADD COLUMN source_path TEXT;
-- Near-duplicate text: a 64-bit SimHash split into four 16-bit bands; documents within 3 bits share a band.
ALTER TABLE documents ADD COLUMN simhash TEXT;
ALTER TABLE documents ADD COLUMN simhash_b0 INTEGER;
ALTER TABLE documents ADD COLUMN simhash_b1 INTEGER;
ALTER TABLE documents ADD COLUMN simhash_b2 INTEGER;
ALTER TABLE documents ADD COLUMN simhash_b3 INTEGER;
ALTER TABLE documents ADD COLUMN near_duplicate_of INTEGER REFERENCES documents(id) ON DELETE SET NULL;
CREATE INDEX documents_simhash_b0 ON documents(simhash_b0);
CREATE INDEX documents_simhash_b1 ON documents(simhash_b1);
CREATE INDEX documents_simhash_b2 ON documents(simhash_b2);
CREATE INDEX documents_simhash_b3 ON documents(simhash_b3);
CREATE INDEX documents_created ON documents(created_at);
-- One top-level document per stored file; attachments and split parts have a parent.
CREATE UNIQUE INDEX documents_one_per_file ON documents(file_id) WHERE parent_id IS NULL;

ALTER TABLE file_sources ADD COLUMN import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL;

CREATE TABLE document_rows (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sheet TEXT NOT NULL,
  row_number INTEGER NOT NULL,
  data TEXT NOT NULL,                      -- JSON object: column name -> cell text
  UNIQUE (document_id, sheet, row_number)
);
`,
};
