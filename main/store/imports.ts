// The database side of bulk import: import batches, their per-file jobs, and what a finished read writes.
// Every change a stage makes is one transaction together with the job's new stage, so a crash at any point
// resumes at a stage whose work is either wholly done or not started.
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { basename } from 'node:path';
import { hammingDistance, NEAR_DUPLICATE_BITS } from '../documents/simhash.ts';
import type { ReadPage, ReadResponse } from '../ingest/read-protocol.ts';
import type { ScanEntry } from '../ingest/scan.ts';
import type { Table } from '../documents/layout.ts';

// Imports run these statements for every file: prepared once per connection.
const statements = new WeakMap<Database, Map<string, Statement>>();
function sql(db: Database, text: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text)));
  return statement;
}

export type ImportStatus = 'running' | 'paused' | 'cancelled' | 'done' | 'watching';
export type JobStage = 'hash' | 'read' | 'done';
export type JobOutcome = 'imported' | 'duplicate' | 'unchanged' | 'failed' | 'cancelled';

export interface ImportRow {
  id: number;
  sources: string[];
  options: Record<string, unknown>;
  status: ImportStatus;
  scanComplete: boolean;
  createdAt: string;
  finishedAt: string | null;
}

export interface JobRow {
  id: number;
  importId: number;
  sourcePath: string;
  stage: JobStage;
  status: string;
  fileId: number | null;
  documentId: number | null;
  payload: { sizeBytes?: number; parentDocumentId?: number; storedPath?: string; fileName?: string };
}

interface RawImport {
  id: number;
  sources: string;
  options: string;
  status: ImportStatus;
  scan_complete: number;
  created_at: string;
  finished_at: string | null;
}

function toImport(r: RawImport): ImportRow {
  return {
    id: r.id,
    sources: JSON.parse(r.sources) as string[],
    options: JSON.parse(r.options) as Record<string, unknown>,
    status: r.status,
    scanComplete: r.scan_complete === 1,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

export function createImport(
  db: Database,
  input: { sources: string[]; options: Record<string, unknown>; actor: string; watch: boolean },
): number {
  return Number(
    db
      .prepare('INSERT INTO imports (sources, options, status, actor) VALUES (?, ?, ?, ?)')
      .run(
        JSON.stringify(input.sources),
        JSON.stringify(input.options),
        input.watch ? 'watching' : 'running',
        input.actor,
      ).lastInsertRowid,
  );
}

export function getImport(db: Database, id: number): ImportRow | null {
  const row = sql(db, 'SELECT * FROM imports WHERE id = ?').get(id) as RawImport | undefined;
  return row ? toImport(row) : null;
}

export function listImports(db: Database, limit = 50): ImportRow[] {
  return (sql(db, 'SELECT * FROM imports ORDER BY id DESC LIMIT ?').all(limit) as RawImport[]).map(toImport);
}

/** Imports that were under way when the process stopped (crash, kill, quit). */
export function unfinishedImports(db: Database): ImportRow[] {
  return (
    db
      .prepare(`SELECT * FROM imports WHERE status IN ('running', 'paused', 'watching') ORDER BY id`)
      .all() as RawImport[]
  ).map(toImport);
}

/** An unfinished import of exactly these sources, which running the same import again continues. */
export function findResumable(db: Database, sources: string[], watch: boolean): ImportRow | null {
  // A watch folder is one import for as long as it is watched; a plain import continues until it is done.
  const statuses = watch ? `('watching', 'paused')` : `('running', 'paused')`;
  const row = sql(
    db,
    `SELECT * FROM imports WHERE sources = ? AND status IN ${statuses}
       AND json_extract(options, '$.watch') IS ${watch ? 'TRUE' : 'NOT TRUE'}
     ORDER BY id DESC LIMIT 1`,
  ).get(JSON.stringify(sources)) as RawImport | undefined;
  return row ? toImport(row) : null;
}

export function setImportStatus(db: Database, id: number, status: ImportStatus): void {
  const finished = status === 'done' || status === 'cancelled';
  sql(
    db,
    `UPDATE imports SET status = ?, finished_at = CASE WHEN ? THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END
     WHERE id = ?`,
  ).run(status, finished ? 1 : 0, id);
}

export function markScanComplete(db: Database, id: number): void {
  sql(db, 'UPDATE imports SET scan_complete = 1 WHERE id = ?').run(id);
}

/** Adds scanned files as queued jobs; a file already queued in this import with the same size and time is skipped. */
export function enqueueScanned(db: Database, importId: number, entries: ScanEntry[]): number {
  const insert = sql(
    db,
    `INSERT OR IGNORE INTO jobs (kind, stage, status, payload, import_id, source_path, source_key, outcome, reason, error, finished_at)
     VALUES ('import-file', 'hash', @status, @payload, @importId, @path, @key, @outcome, @reason, @error, @finishedAt)`,
  );
  let added = 0;
  db.transaction(() => {
    for (const e of entries) {
      const failed = 'unreadable' in e;
      added += insert.run({
        status: failed ? 'failed' : 'queued',
        payload: JSON.stringify(failed ? {} : { sizeBytes: e.sizeBytes }),
        importId,
        path: e.path,
        key: failed ? `${e.path}|unreadable` : `${e.path}|${e.sizeBytes}|${Math.round(e.mtimeMs)}`,
        outcome: failed ? 'failed' : null,
        reason: failed ? 'unreadable' : null,
        error: failed ? e.unreadable : null,
        finishedAt: failed ? new Date().toISOString() : null,
      }).changes;
    }
  })();
  return added;
}

/** A job taken but not started (its import was paused meanwhile) goes back to the queue at its stage. */
export function requeueJob(db: Database, id: number): void {
  sql(db, `UPDATE jobs SET status = 'queued' WHERE id = ?`).run(id);
}

/** Jobs interrupted by a crash go back to the queue; their stage says where to pick up. */
/** A file that was being read when Docket stopped this many times is set aside instead of tried again. */
export const MAX_ATTEMPTS = 3;

export function requeueInterrupted(db: Database, importId?: number): number {
  const scope = importId === undefined ? '' : ' AND import_id = ?';
  const args = importId === undefined ? [] : [importId];
  const stuck = `status = 'running' AND kind = 'import-file' AND attempts >= ${MAX_ATTEMPTS}${scope}`;
  sql(
    db,
    `UPDATE documents SET status = 'failed', status_reason = 'Docket stopped while reading this file ${MAX_ATTEMPTS} times.'
     WHERE status = 'pending' AND id IN (SELECT document_id FROM jobs WHERE ${stuck})`,
  ).run(...args);
  sql(
    db,
    `UPDATE jobs SET status = 'failed', outcome = 'failed', stage = 'done', reason = 'corrupt',
       error = 'Docket stopped while reading this file ${MAX_ATTEMPTS} times; it is set aside. Retry it when you are sure it is safe.',
       finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE ${stuck}`,
  ).run(...args);
  const update = `UPDATE jobs SET status = 'queued' WHERE status = 'running' AND kind = 'import-file'`;
  return importId === undefined
    ? sql(db, update).run().changes
    : sql(db, `${update} AND import_id = ?`).run(importId).changes;
}

interface RawJob {
  id: number;
  import_id: number;
  source_path: string;
  stage: JobStage;
  status: string;
  file_id: number | null;
  document_id: number | null;
  payload: string;
}

function toJob(r: RawJob): JobRow {
  return {
    id: r.id,
    importId: r.import_id,
    sourcePath: r.source_path,
    stage: r.stage,
    status: r.status,
    fileId: r.file_id,
    documentId: r.document_id,
    payload: JSON.parse(r.payload) as JobRow['payload'],
  };
}

/** The next queued jobs of imports that are running, oldest first, skipping those already in hand. */
/** The next queued jobs of one import, oldest first, skipping those already in hand (index order, no sort). */
export function nextQueuedJobs(db: Database, importId: number, limit: number, inHand: Set<number>): JobRow[] {
  const rows = sql(
    db,
    `SELECT * FROM jobs INDEXED BY jobs_import_status WHERE import_id = ? AND status = 'queued' ORDER BY id LIMIT ?`,
  ).all(importId, limit + inHand.size) as RawJob[];
  return rows
    .filter((r) => !inHand.has(r.id))
    .slice(0, limit)
    .map(toJob);
}

/** Takes a queued job; false when someone else already took it. */
export function claimJob(db: Database, id: number): boolean {
  return (
    sql(
      db,
      `UPDATE jobs SET status = 'running', attempts = attempts + 1,
         started_at = coalesce(started_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND status = 'queued'`,
    ).run(id).changes === 1
  );
}

function finishJob(
  db: Database,
  id: number,
  outcome: JobOutcome,
  extra: {
    reason?: string | null;
    error?: string | null;
    documentId?: number | null;
    fileId?: number | null;
  } = {},
): void {
  sql(
    db,
    `UPDATE jobs SET status = @status, stage = 'done', outcome = @outcome, reason = @reason, error = @error,
       document_id = coalesce(@documentId, document_id), file_id = coalesce(@fileId, file_id),
       finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = @id`,
  ).run({
    id,
    status: outcome === 'failed' ? 'failed' : outcome === 'cancelled' ? 'cancelled' : 'done',
    outcome,
    reason: extra.reason ?? null,
    error: extra.error ?? null,
    documentId: extra.documentId ?? null,
    fileId: extra.fileId ?? null,
  });
}

/** A file that failed before it was stored (unreadable, empty, too large): the job says why. */
export function failJob(db: Database, job: JobRow, reason: string, message: string): void {
  db.transaction(() => {
    finishJob(db, job.id, 'failed', { reason, error: message });
    if (job.documentId !== null) {
      sql(
        db,
        `UPDATE documents SET status = ?, status_reason = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      ).run(reason === 'needs_password' ? 'needs_password' : 'failed', message, job.documentId);
    }
  })();
}

/** The same path with the same content was imported before and read (or failed for good): nothing to do. */
export function findUnchanged(db: Database, sourcePath: string, sha256: string): number | null {
  const row = db
    .prepare(
      `SELECT d.id FROM files f
       JOIN file_sources s ON s.file_id = f.id
       JOIN documents d ON d.file_id = f.id AND d.parent_id IS NULL
       WHERE f.sha256 = ? AND s.source_path = ? AND d.status = 'read'`,
    )
    .get(sha256, sourcePath) as { id: number } | undefined;
  return row?.id ?? null;
}

export function markUnchanged(db: Database, jobId: number, documentId: number): void {
  finishJob(db, jobId, 'unchanged', { documentId });
}

/**
 * Records a stored original and decides what the job does next: a new document to read, or a link to the
 * document that already holds this content (an exact duplicate).
 */
export function recordStored(
  db: Database,
  job: JobRow,
  stored: { sha256: string; sizeBytes: number; relative: string },
): { next: 'read'; documentId: number } | { next: 'duplicate'; documentId: number } {
  return db.transaction(() => {
    sql(
      db,
      `INSERT INTO files (sha256, size_bytes, stored_path) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING`,
    ).run(stored.sha256, stored.sizeBytes, stored.relative);
    const fileId = (sql(db, 'SELECT id FROM files WHERE sha256 = ?').get(stored.sha256) as { id: number }).id;
    sql(
      db,
      'INSERT INTO file_sources (file_id, source_path, import_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(fileId, job.sourcePath, job.importId);
    const existing = db
      .prepare('SELECT id, status FROM documents WHERE file_id = ? AND parent_id IS NULL')
      .get(fileId) as { id: number; status: string } | undefined;
    if (existing) {
      // Not read (never finished, cancelled, or failed before): this job takes it over and reads it again.
      if (existing.status !== 'read' && !activeJobFor(db, existing.id, job.id)) {
        setStage(db, job.id, 'read', { fileId, documentId: existing.id });
        return { next: 'read' as const, documentId: existing.id };
      }
      finishJob(db, job.id, 'duplicate', { documentId: existing.id, fileId });
      return { next: 'duplicate' as const, documentId: existing.id };
    }
    const documentId = Number(
      db
        .prepare(`INSERT INTO documents (file_id, title, status, source_path) VALUES (?, ?, 'pending', ?)`)
        .run(fileId, basename(job.sourcePath), job.sourcePath).lastInsertRowid,
    );
    setStage(db, job.id, 'read', { fileId, documentId });
    return { next: 'read' as const, documentId };
  })();
}

function activeJobFor(db: Database, documentId: number, exceptJobId: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM jobs WHERE document_id = ? AND id != ? AND status IN ('queued', 'running') AND stage = 'read'`,
      )
      .get(documentId, exceptJobId) !== undefined
  );
}

function setStage(
  db: Database,
  jobId: number,
  stage: JobStage,
  ids: { fileId: number; documentId: number },
): void {
  sql(
    db,
    `UPDATE jobs SET stage = ?, file_id = ?, document_id = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = ?`,
  ).run(stage, ids.fileId, ids.documentId, jobId);
}

export function storedPathOf(db: Database, fileId: number): string {
  return (sql(db, 'SELECT stored_path AS p FROM files WHERE id = ?').get(fileId) as { p: string }).p;
}

export interface StoredAttachment {
  fileName: string;
  mediaType: string | null;
  sha256: string;
  sizeBytes: number;
  relative: string;
}

const EMAIL_TYPES = new Set(['message/rfc822', 'application/vnd.ms-outlook']);

/** Removes what an earlier, interrupted or failed read of this document wrote. */
export function clearReadResults(db: Database, documentId: number): void {
  db.transaction(() => {
    sql(db, 'DELETE FROM pages WHERE document_id = ?').run(documentId);
    sql(db, 'DELETE FROM document_text WHERE document_id = ?').run(documentId);
    sql(db, 'DELETE FROM document_rows WHERE document_id = ?').run(documentId);
  })();
}

/**
 * Writes some pages of a document being read. The import writes a long document in several short
 * transactions, so the thread that serves the window is never held for long; the document stays
 * 'pending' until recordRead, and a crash in between is undone by clearReadResults on the next attempt.
 */
export function insertPages(db: Database, documentId: number, pages: ReadPage[]): void {
  const insert = sql(
    db,
    `INSERT INTO pages (document_id, page_number, width, height, rotation, text_source, layout)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const p of pages) {
      insert.run(documentId, p.pageNumber, p.width, p.height, p.rotation, p.textSource, p.layoutJson);
    }
  })();
}

/** Writes some rows of a CSV or XLSX file being read (in chunks, as insertPages). */
export function insertRows(db: Database, documentId: number, sheet: string, rows: Table['rows']): void {
  const insert = sql(
    db,
    'INSERT INTO document_rows (document_id, sheet, row_number, data) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const row of rows) insert.run(documentId, sheet, row.rowNumber, JSON.stringify(row.values));
  })();
}

/** Finishes a read: the text (indexed for search), the document's status and metadata, the job, attachments. */
export function recordRead(
  db: Database,
  job: JobRow,
  result: Extract<ReadResponse, { ok: true }>,
  attachments: StoredAttachment[],
): { nearDuplicateOf: number | null; pages: number; attachmentsQueued: number } {
  const documentId = job.documentId!;
  return db.transaction(() => {
    sql(db, 'DELETE FROM document_text WHERE document_id = ?').run(documentId);
    sql(db, 'INSERT INTO document_text (document_id, text) VALUES (?, ?)').run(documentId, result.text);
    const nearDuplicateOf = result.simhash ? findNearDuplicate(db, documentId, result.simhash) : null;
    const title = EMAIL_TYPES.has(result.mediaType) && result.title ? result.title : null;
    sql(
      db,
      `UPDATE documents SET status = 'read', status_reason = NULL, media_type = ?, page_count = ?, metadata = ?,
         title = coalesce(?, title), simhash = ?, simhash_b0 = ?, simhash_b1 = ?, simhash_b2 = ?, simhash_b3 = ?,
         near_duplicate_of = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = ?`,
    ).run(
      result.mediaType,
      result.pages.length,
      result.metadataJson,
      title,
      result.simhash?.hex ?? null,
      ...(result.simhash?.bands ?? [null, null, null, null]),
      nearDuplicateOf,
      documentId,
    );
    const attachmentsQueued = queueAttachments(db, job, documentId, attachments);
    finishJob(db, job.id, 'imported', { documentId });
    return { nearDuplicateOf, pages: result.pages.length, attachmentsQueued };
  })();
}

function findNearDuplicate(
  db: Database,
  documentId: number,
  simhash: { hex: string; bands: [number, number, number, number] },
): number | null {
  const candidates = db
    .prepare(
      `SELECT id, simhash FROM documents WHERE id != ? AND simhash IS NOT NULL
         AND (simhash_b0 = ? OR simhash_b1 = ? OR simhash_b2 = ? OR simhash_b3 = ?)
       ORDER BY id LIMIT 200`,
    )
    .all(documentId, ...simhash.bands) as Array<{ id: number; simhash: string }>;
  for (const c of candidates) {
    if (hammingDistance(c.simhash, simhash.hex) <= NEAR_DUPLICATE_BITS) return c.id;
  }
  return null;
}

function queueAttachments(
  db: Database,
  job: JobRow,
  parentId: number,
  attachments: StoredAttachment[],
): number {
  let queued = 0;
  const parentKey = (sql(db, 'SELECT source_key AS k FROM jobs WHERE id = ?').get(job.id) as { k: string }).k;
  attachments.forEach((a, index) => {
    sql(
      db,
      `INSERT INTO files (sha256, size_bytes, media_type, stored_path) VALUES (?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING`,
    ).run(a.sha256, a.sizeBytes, a.mediaType, a.relative);
    const fileId = (sql(db, 'SELECT id FROM files WHERE sha256 = ?').get(a.sha256) as { id: number }).id;
    const sourcePath = `${job.sourcePath}#${a.fileName}`;
    sql(
      db,
      'INSERT INTO file_sources (file_id, source_path, import_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(fileId, sourcePath, job.importId);
    const existing = db
      .prepare('SELECT id FROM documents WHERE file_id = ? AND parent_id = ?')
      .get(fileId, parentId);
    if (existing) return; // read again after a retry: already queued the first time
    const documentId = Number(
      db
        .prepare(
          `INSERT INTO documents (file_id, parent_id, title, status, source_path, media_type)
           VALUES (?, ?, ?, 'pending', ?, ?)`,
        )
        .run(fileId, parentId, a.fileName, sourcePath, a.mediaType).lastInsertRowid,
    );
    sql(
      db,
      `INSERT OR IGNORE INTO jobs (kind, stage, status, payload, import_id, source_path, source_key, file_id, document_id)
       VALUES ('import-file', 'read', 'queued', ?, ?, ?, ?, ?, ?)`,
    ).run(
      JSON.stringify({ parentDocumentId: parentId, sizeBytes: a.sizeBytes, fileName: a.fileName }),
      job.importId,
      sourcePath,
      `${parentKey}#${index}:${a.fileName}`,
      fileId,
      documentId,
    );
    queued++;
  });
  return queued;
}

export interface ImportCounts {
  total: number;
  queued: number;
  running: number;
  imported: number;
  duplicates: number;
  unchanged: number;
  failed: number;
  cancelled: number;
  failedByReason: Record<string, number>;
  pages: number;
}

export function importCounts(db: Database, importId: number): ImportCounts {
  const counts: ImportCounts = {
    total: 0,
    queued: 0,
    running: 0,
    imported: 0,
    duplicates: 0,
    unchanged: 0,
    failed: 0,
    cancelled: 0,
    failedByReason: {},
    pages: 0,
  };
  const rows = db
    .prepare(
      `SELECT status, outcome, reason, count(*) AS n FROM jobs WHERE import_id = ? GROUP BY status, outcome, reason`,
    )
    .all(importId) as Array<{ status: string; outcome: JobOutcome | null; reason: string | null; n: number }>;
  for (const r of rows) {
    counts.total += r.n;
    if (r.status === 'queued') counts.queued += r.n;
    else if (r.status === 'running') counts.running += r.n;
    else if (r.outcome === 'imported') counts.imported += r.n;
    else if (r.outcome === 'duplicate') counts.duplicates += r.n;
    else if (r.outcome === 'unchanged') counts.unchanged += r.n;
    else if (r.outcome === 'cancelled') counts.cancelled += r.n;
    else if (r.outcome === 'failed') {
      counts.failed += r.n;
      const reason = r.reason ?? 'unknown';
      counts.failedByReason[reason] = (counts.failedByReason[reason] ?? 0) + r.n;
    }
  }
  counts.pages = (
    db
      .prepare(
        `SELECT coalesce(sum(d.page_count), 0) AS n FROM jobs j JOIN documents d ON d.id = j.document_id
         WHERE j.import_id = ? AND j.outcome = 'imported'`,
      )
      .get(importId) as { n: number }
  ).n;
  return counts;
}

export interface ImportJobView {
  id: number;
  sourcePath: string;
  status: string;
  stage: string;
  outcome: JobOutcome | null;
  reason: string | null;
  message: string | null;
  documentId: number | null;
}

export function listImportJobs(
  db: Database,
  importId: number,
  filter: { status?: 'failed' | 'done' | 'queued' | undefined; limit: number; offset: number },
): { items: ImportJobView[]; total: number } {
  const where = filter.status ? 'AND status = ?' : '';
  const args: unknown[] = filter.status ? [importId, filter.status] : [importId];
  const total = (
    sql(db, `SELECT count(*) AS n FROM jobs WHERE import_id = ? ${where}`).get(...args) as { n: number }
  ).n;
  const items = db
    .prepare(
      `SELECT id, source_path AS sourcePath, status, stage, outcome, reason, error AS message, document_id AS documentId
       FROM jobs WHERE import_id = ? ${where} ORDER BY (status = 'failed') DESC, id LIMIT ? OFFSET ?`,
    )
    .all(...args, filter.limit, filter.offset) as ImportJobView[];
  return { items, total };
}

/** Failed jobs go back to the queue: at the read stage when their file was stored, else from the start. */
export function requeueFailed(db: Database, importId: number, jobIds: number[] | null): number[] {
  const rows = db
    .prepare(`SELECT id FROM jobs WHERE import_id = ? AND status = 'failed'`)
    .all(importId) as Array<{ id: number }>;
  const ids = rows.map((r) => r.id).filter((id) => !jobIds || jobIds.includes(id));
  const update = sql(
    db,
    `UPDATE jobs SET status = 'queued', outcome = NULL, reason = NULL, error = NULL, finished_at = NULL, attempts = 0,
       stage = CASE WHEN document_id IS NOT NULL THEN 'read' ELSE 'hash' END,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = ?`,
  );
  db.transaction(() => {
    for (const id of ids) update.run(id);
    if (ids.length > 0) {
      sql(
        db,
        `UPDATE imports SET status = 'running', finished_at = NULL WHERE id = ? AND status = 'done'`,
      ).run(importId);
    }
  })();
  return ids;
}

export function cancelQueued(db: Database, importId: number): number {
  return db.transaction(() => {
    // Stored but not read yet: the document says so rather than staying "pending" for ever.
    sql(
      db,
      `UPDATE documents SET status = 'skipped', status_reason = 'The import was cancelled before it was read.'
       WHERE status = 'pending' AND id IN (SELECT document_id FROM jobs WHERE import_id = ? AND status = 'queued')`,
    ).run(importId);
    return db
      .prepare(
        `UPDATE jobs SET status = 'cancelled', outcome = 'cancelled', stage = 'done',
           finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE import_id = ? AND status = 'queued'`,
      )
      .run(importId).changes;
  })();
}

export function hasUnfinishedJobs(db: Database, importId: number): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM jobs WHERE import_id = ? AND status IN ('queued', 'running') LIMIT 1`)
      .get(importId) !== undefined
  );
}

export function getJob(db: Database, id: number): JobRow | null {
  const row = sql(db, 'SELECT * FROM jobs WHERE id = ?').get(id) as RawJob | undefined;
  return row ? toJob(row) : null;
}
