// Tickets and CRM records: each import source with its saved column mapping, the records themselves, where
// each task's label stands on each record (predicted, suggested, accepted…), the review log that undo walks
// back, routing rules, the tag taxonomy, each retraining with its held-out comparison, and every item sent
// to the optional escalation endpoint with what came back.
export const records = {
  version: 5,
  name: 'records',
  sql: /* sql */ `
-- The first schema held a placeholder records table that nothing wrote to; it is replaced.
DROP TRIGGER records_ai;
DROP TRIGGER records_ad;
DROP TRIGGER records_au;
DROP TABLE records_fts;
DROP TABLE records;

CREATE TABLE record_sources (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('tickets', 'crm')),
  name TEXT NOT NULL,
  mapping TEXT NOT NULL,                 -- JSON: the column mapping last used for this source
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (kind, name)
);

CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('tickets', 'crm')),
  record_type TEXT NOT NULL CHECK (record_type IN ('ticket', 'contact', 'account', 'note')),
  source_id INTEGER NOT NULL REFERENCES record_sources(id),
  -- sha256 of the source row: importing the same export twice adds nothing
  row_hash TEXT NOT NULL,
  external_id TEXT,
  subject TEXT,
  body TEXT,
  requester TEXT,
  created TEXT,
  name TEXT,
  email TEXT,
  phone TEXT,
  company TEXT,
  company_key TEXT,
  language TEXT,
  raw TEXT NOT NULL,                     -- JSON: the source row's cells, in the file's column order
  text TEXT NOT NULL DEFAULT '',         -- what search finds: subject, body, name, company, email
  duplicate_of INTEGER REFERENCES records(id) ON DELETE SET NULL,
  duplicate_reason TEXT,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (source_id, row_hash)
);
CREATE INDEX records_kind ON records(kind, id);
CREATE INDEX records_email ON records(email) WHERE email IS NOT NULL;

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

CREATE TABLE record_labels (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  task TEXT NOT NULL CHECK (task IN ('queue', 'priority', 'tags')),
  status TEXT NOT NULL CHECK (status IN ('auto', 'suggested', 'unassigned', 'accepted')),
  source TEXT CHECK (source IN ('history', 'rule', 'model', 'keywords', 'zero-shot', 'escalation', 'user')),
  value TEXT,                            -- JSON: a label, or an array of tags; null when none is applied
  probability REAL,                      -- of the best label (the lowest applied tag's for tags)
  top TEXT NOT NULL DEFAULT '[]',        -- JSON: [{label, probability}] best first
  reason TEXT,                           -- why, in words: the rule that fired, the keywords that matched
  model_id TEXT,
  model_version INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (record_id, task)
);
CREATE INDEX record_labels_status ON record_labels(task, status);
CREATE INDEX record_labels_value ON record_labels(task, value);

-- Each accept or correction, with the state before it: undo restores it and withdraws the example.
CREATE TABLE record_reviews (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  task TEXT NOT NULL,
  before TEXT NOT NULL,                  -- JSON: the record_labels row before
  after TEXT NOT NULL,                   -- JSON: the row after
  correction_id INTEGER REFERENCES corrections(id) ON DELETE SET NULL,
  actor TEXT NOT NULL,
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX record_reviews_record ON record_reviews(record_id);
-- Withdrawing an example (undo) deletes its correction, which looks its review up by this column.
CREATE INDEX record_reviews_correction ON record_reviews(correction_id);

CREATE TABLE record_rules (
  id INTEGER PRIMARY KEY,
  task TEXT NOT NULL CHECK (task IN ('queue', 'priority')),
  match TEXT NOT NULL CHECK (match IN ('keyword', 'regex', 'sender', 'domain')),
  pattern TEXT NOT NULL,
  value TEXT NOT NULL,
  position INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE record_tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description TEXT NOT NULL DEFAULT '',
  keywords TEXT NOT NULL DEFAULT '[]',   -- JSON array of words or phrases
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Each retraining: the candidate version, how it and the version in use did on the held-out slice of
-- reviewed examples, and whether it was promoted.
CREATE TABLE record_trainings (
  id INTEGER PRIMARY KEY,
  task TEXT NOT NULL CHECK (task IN ('queue', 'priority', 'tags')),
  model_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'promoted', 'kept', 'failed')),
  trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'corrections', 'import')),
  examples INTEGER NOT NULL,
  held_out INTEGER NOT NULL,
  -- the last correction counted in: corrections after it are "new" for the next retraining
  last_correction_id INTEGER NOT NULL DEFAULT 0,
  version INTEGER,
  previous_version INTEGER,
  score REAL,                            -- candidate: accuracy (micro-F1 for tags) on the held-out slice
  previous_score REAL,                   -- the version in use before, on the same slice
  metrics TEXT,                          -- JSON: {accuracy, macroF1, microF1, confusion, labels}
  error TEXT,
  seconds REAL,
  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at TEXT
);
CREATE INDEX record_trainings_task ON record_trainings(task, id);

CREATE TABLE record_escalations (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  task TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('answered', 'unusable', 'failed')),
  label TEXT,                            -- JSON: what the answer maps to, or null
  reply TEXT NOT NULL,
  error TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX record_escalations_record ON record_escalations(record_id);
`,
};
