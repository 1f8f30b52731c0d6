// Tickets and CRM records in the database: sources with their mappings, records, each task's label per
// record, the review log, rules, the tag taxonomy, retrainings and escalations. SQL only; the decisions
// are the record service's.
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { toFtsQuery } from './documents.ts';
import type {
  LabelSource,
  LabelStatus,
  LabelValue,
  RecordDraft,
  RecordKind,
  RecordMapping,
  RecordTask,
  RecordType,
} from '../records/types.ts';

export interface StoredLabel {
  task: RecordTask;
  status: LabelStatus;
  source: LabelSource | null;
  value: LabelValue | null;
  probability: number | null;
  top: { label: string; probability: number }[];
  reason: string | null;
  modelId: string | null;
  modelVersion: number | null;
}

export interface StoredRecord {
  id: number;
  kind: RecordKind;
  recordType: RecordType;
  sourceId: number;
  source: string;
  externalId: string | null;
  subject: string | null;
  body: string | null;
  requester: string | null;
  created: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  companyKey: string | null;
  language: string | null;
  raw: Record<string, string>;
  duplicateOf: number | null;
  duplicateReason: string | null;
}

interface RecordRow {
  id: number;
  kind: RecordKind;
  record_type: RecordType;
  source_id: number;
  source_name: string;
  external_id: string | null;
  subject: string | null;
  body: string | null;
  requester: string | null;
  created: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  company_key: string | null;
  language: string | null;
  raw: string;
  duplicate_of: number | null;
  duplicate_reason: string | null;
}

interface LabelRow {
  record_id: number;
  task: RecordTask;
  status: LabelStatus;
  source: LabelSource | null;
  value: string | null;
  probability: number | null;
  top: string;
  reason: string | null;
  model_id: string | null;
  model_version: number | null;
}

const toRecord = (r: RecordRow): StoredRecord => ({
  id: r.id,
  kind: r.kind,
  recordType: r.record_type,
  sourceId: r.source_id,
  source: r.source_name,
  externalId: r.external_id,
  subject: r.subject,
  body: r.body,
  requester: r.requester,
  created: r.created,
  name: r.name,
  email: r.email,
  phone: r.phone,
  company: r.company,
  companyKey: r.company_key,
  language: r.language,
  raw: JSON.parse(r.raw) as Record<string, string>,
  duplicateOf: r.duplicate_of,
  duplicateReason: r.duplicate_reason,
});

const toLabel = (r: LabelRow): StoredLabel => ({
  task: r.task,
  status: r.status,
  source: r.source,
  value: r.value === null ? null : (JSON.parse(r.value) as LabelValue),
  probability: r.probability,
  top: JSON.parse(r.top) as StoredLabel['top'],
  reason: r.reason,
  modelId: r.model_id,
  modelVersion: r.model_version,
});

const RECORD_SELECT = `SELECT r.*, s.name AS source_name FROM records r JOIN record_sources s ON s.id = r.source_id`;

// ---- sources -------------------------------------------------------------------------------------------

export function saveSource(db: Database, mapping: RecordMapping): number {
  const row = db
    .prepare(
      `INSERT INTO record_sources (kind, name, mapping) VALUES (?, ?, ?)
       ON CONFLICT(kind, name) DO UPDATE SET mapping = excluded.mapping,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       RETURNING id`,
    )
    .get(mapping.kind, mapping.source, JSON.stringify(mapping)) as { id: number };
  return row.id;
}

export function listSources(
  db: Database,
  kind?: RecordKind,
): { source: string; mapping: RecordMapping; updatedAt: string }[] {
  const rows = db
    .prepare(
      `SELECT name, mapping, updated_at FROM record_sources WHERE (? IS NULL OR kind = ?) ORDER BY updated_at DESC`,
    )
    .all(kind ?? null, kind ?? null) as { name: string; mapping: string; updated_at: string }[];
  return rows.map((r) => ({
    source: r.name,
    mapping: JSON.parse(r.mapping) as RecordMapping,
    updatedAt: r.updated_at,
  }));
}

// ---- records -------------------------------------------------------------------------------------------

export function rowHash(raw: Record<string, string>): string {
  return createHash('sha256').update(JSON.stringify(raw)).digest('hex');
}

/** Inserts the drafts (rows already imported from this source are skipped); returns the new ids. */
export function insertRecords(
  db: Database,
  sourceId: number,
  drafts: (RecordDraft & { language: string | null })[],
): { ids: number[]; skipped: number } {
  const insert = db.prepare(
    `INSERT INTO records (kind, record_type, source_id, row_hash, external_id, subject, body, requester, created,
       name, email, phone, company, company_key, language, raw, text)
     VALUES (@kind, @recordType, @sourceId, @rowHash, @externalId, @subject, @body, @requester, @created,
       @name, @email, @phone, @company, @companyKey, @language, @raw, @text)
     ON CONFLICT(source_id, row_hash) DO NOTHING RETURNING id`,
  );
  const label = db.prepare(
    `INSERT INTO record_labels (record_id, task, status, source, value) VALUES (?, ?, 'accepted', 'history', ?)`,
  );
  const ids: number[] = [];
  let skipped = 0;
  db.transaction(() => {
    for (const d of drafts) {
      const row = insert.get({
        kind: d.kind,
        recordType: d.recordType,
        sourceId,
        rowHash: rowHash(d.raw),
        externalId: d.externalId,
        subject: d.subject,
        body: d.body,
        requester: d.requester,
        created: d.created,
        name: d.name,
        email: d.email,
        phone: d.phone,
        company: d.company,
        companyKey: d.companyKey,
        language: d.language,
        raw: JSON.stringify(d.raw),
        text: [d.subject, d.body, d.name, d.company, d.email ?? d.requester].filter(Boolean).join('\n'),
      }) as { id: number } | undefined;
      if (!row) {
        skipped++;
        continue;
      }
      ids.push(row.id);
      for (const [task, value] of Object.entries(d.history)) {
        if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
        label.run(row.id, task, JSON.stringify(value));
      }
    }
  })();
  return { ids, skipped };
}

export function getRecord(db: Database, id: number): StoredRecord | undefined {
  const row = db.prepare(`${RECORD_SELECT} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function recordsByIds(db: Database, ids: number[]): StoredRecord[] {
  const out: StoredRecord[] = [];
  const get = db.prepare(`${RECORD_SELECT} WHERE r.id = ?`);
  for (const id of ids) {
    const row = get.get(id) as RecordRow | undefined;
    if (row) out.push(toRecord(row));
  }
  return out;
}

/** Every record of a kind, oldest first, in pages (for predicting, exporting and duplicate checks). */
export function* eachRecord(db: Database, kind: RecordKind, pageSize = 2000): Generator<StoredRecord[]> {
  const page = db.prepare(`${RECORD_SELECT} WHERE r.kind = ? AND r.id > ? ORDER BY r.id LIMIT ?`);
  let after = 0;
  for (;;) {
    const rows = (page.all(kind, after, pageSize) as RecordRow[]).map(toRecord);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

export function contactsForDuplicateCheck(db: Database): {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  companyKey: string | null;
  duplicateOf: number | null;
}[] {
  return (
    db
      .prepare(
        `SELECT id, name, email, phone, company_key, duplicate_of FROM records
         WHERE kind = 'crm' AND record_type = 'contact' ORDER BY id`,
      )
      .all() as {
      id: number;
      name: string | null;
      email: string | null;
      phone: string | null;
      company_key: string | null;
      duplicate_of: number | null;
    }[]
  ).map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    companyKey: r.company_key,
    duplicateOf: r.duplicate_of,
  }));
}

export function setDuplicates(
  db: Database,
  found: Map<number, { originalId: number; reason: string }>,
): void {
  const update = db.prepare('UPDATE records SET duplicate_of = ?, duplicate_reason = ? WHERE id = ?');
  db.transaction(() => {
    for (const [id, d] of found) update.run(d.originalId, d.reason, id);
  })();
}

export interface RecordListFilter {
  kind: RecordKind;
  status?: LabelStatus | 'needs_review';
  task?: RecordTask;
  label?: string;
  minConfidence?: number;
  maxConfidence?: number;
  recordType?: RecordType;
  query?: string;
  duplicates?: boolean;
  limit: number;
  offset: number;
}

export function listRecords(db: Database, f: RecordListFilter): { records: StoredRecord[]; total: number } {
  const where: string[] = ['r.kind = @kind'];
  const labelWhere: string[] = [];
  if (f.task) labelWhere.push('l.task = @task');
  if (f.status === 'needs_review') labelWhere.push(`l.status IN ('suggested', 'unassigned')`);
  else if (f.status) labelWhere.push('l.status = @status');
  if (f.label !== undefined) {
    // The applied label, or the best suggestion when none is applied (tags: any of them).
    labelWhere.push(
      `(EXISTS (SELECT 1 FROM json_each(CASE WHEN json_type(l.value) = 'array' THEN l.value ELSE json_array(json(l.value)) END) WHERE value = @label)
        OR (l.value IS NULL AND json_extract(l.top, '$[0].label') = @label))`,
    );
  }
  if (f.minConfidence !== undefined) labelWhere.push('l.probability >= @minConfidence');
  if (f.maxConfidence !== undefined) labelWhere.push('l.probability <= @maxConfidence');
  if (labelWhere.length) {
    where.push(
      `EXISTS (SELECT 1 FROM record_labels l WHERE l.record_id = r.id AND ${labelWhere.join(' AND ')})`,
    );
  }
  if (f.recordType) where.push('r.record_type = @recordType');
  if (f.duplicates) where.push('r.duplicate_of IS NOT NULL');
  const fts = f.query ? toFtsQuery(f.query) : null;
  if (f.query && !fts) return { records: [], total: 0 };
  if (fts) where.push('r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH @query)');
  const params = {
    kind: f.kind,
    task: f.task ?? null,
    status: f.status ?? null,
    label: f.label ?? null,
    minConfidence: f.minConfidence ?? null,
    maxConfidence: f.maxConfidence ?? null,
    recordType: f.recordType ?? null,
    query: fts,
  };
  const clause = where.join(' AND ');
  const total = (
    db.prepare(`SELECT count(*) AS n FROM records r WHERE ${clause}`).get(params) as { n: number }
  ).n;
  // The page's ids first (on the records index alone), then their rows: skipped rows are never joined.
  const rows = db
    .prepare(
      `${RECORD_SELECT} WHERE r.id IN (SELECT r.id FROM records r WHERE ${clause} ORDER BY r.id DESC LIMIT @limit OFFSET @offset)
       ORDER BY r.id DESC`,
    )
    .all({ ...params, limit: f.limit, offset: f.offset }) as RecordRow[];
  return { records: rows.map(toRecord), total };
}

// ---- labels --------------------------------------------------------------------------------------------

export function labelsOf(db: Database, ids: number[]): Map<number, StoredLabel[]> {
  const out = new Map<number, StoredLabel[]>();
  if (ids.length === 0) return out;
  const stmt = db.prepare(
    `SELECT * FROM record_labels WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY task`,
  );
  for (const row of stmt.all(JSON.stringify(ids)) as LabelRow[]) {
    let list = out.get(row.record_id);
    if (!list) out.set(row.record_id, (list = []));
    list.push(toLabel(row));
  }
  return out;
}

export function getLabel(db: Database, recordId: number, task: RecordTask): StoredLabel | undefined {
  const row = db
    .prepare('SELECT * FROM record_labels WHERE record_id = ? AND task = ?')
    .get(recordId, task) as LabelRow | undefined;
  return row ? toLabel(row) : undefined;
}

/**
 * Writes a task's label. `prediction: true` leaves an accepted label alone: a person may have reviewed the
 * record while the prediction was being computed.
 */
export function putLabel(
  db: Database,
  recordId: number,
  label: StoredLabel,
  options: { prediction?: boolean } = {},
): void {
  const statement = options.prediction ? putPredictionStatement(db) : putLabelStatement(db);
  statement.run({
    recordId,
    task: label.task,
    status: label.status,
    source: label.source,
    value: label.value === null ? null : JSON.stringify(label.value),
    probability: label.probability,
    top: JSON.stringify(label.top),
    reason: label.reason,
    modelId: label.modelId,
    modelVersion: label.modelVersion,
  });
}

const UPSERT_LABEL = /* sql */ `INSERT INTO record_labels (record_id, task, status, source, value, probability, top, reason, model_id, model_version)
     VALUES (@recordId, @task, @status, @source, @value, @probability, @top, @reason, @modelId, @modelVersion)
     ON CONFLICT(record_id, task) DO UPDATE SET status = excluded.status, source = excluded.source,
       value = excluded.value, probability = excluded.probability, top = excluded.top, reason = excluded.reason,
       model_id = excluded.model_id, model_version = excluded.model_version,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

// Prepared once per database (imports and predictions write thousands of rows).
const labelStatements = new WeakMap<Database, { put: Statement; predict: Statement }>();
function statementsOf(db: Database): { put: Statement; predict: Statement } {
  let s = labelStatements.get(db);
  if (!s) {
    s = {
      put: db.prepare(UPSERT_LABEL),
      predict: db.prepare(`${UPSERT_LABEL} WHERE record_labels.status <> 'accepted'`),
    };
    labelStatements.set(db, s);
  }
  return s;
}
const putLabelStatement = (db: Database) => statementsOf(db).put;
const putPredictionStatement = (db: Database) => statementsOf(db).predict;

export function deleteLabel(db: Database, recordId: number, task: RecordTask): void {
  db.prepare('DELETE FROM record_labels WHERE record_id = ? AND task = ?').run(recordId, task);
}

/** Labels applied per task (auto or accepted), for filter menus. */
export function labelsInUse(db: Database, kind: RecordKind): Partial<Record<RecordTask, string[]>> {
  const tasks = kind === 'tickets' ? ['queue', 'priority'] : ['tags'];
  const rows = db
    .prepare(
      `SELECT DISTINCT task, value FROM record_labels
       WHERE task IN (SELECT value FROM json_each(?)) AND value IS NOT NULL`,
    )
    .all(JSON.stringify(tasks)) as { task: RecordTask; value: string | null }[];
  const found = new Map<RecordTask, Set<string>>();
  for (const r of rows) {
    const value = r.value === null ? null : (JSON.parse(r.value) as LabelValue | null);
    if (value === null) continue;
    let set = found.get(r.task);
    if (!set) found.set(r.task, (set = new Set()));
    for (const label of Array.isArray(value) ? value : [value]) set.add(label);
  }
  return Object.fromEntries([...found].map(([task, set]) => [task, [...set].sort()]));
}

/** How many reviewed examples each label of a task has (a record with several tags counts for each). */
export function acceptedLabelCounts(
  db: Database,
  task: RecordTask,
): { counts: Map<string, number>; records: number } {
  // Grouped by the stored JSON value first (one row per queue, or per set of tags): a cheap index scan.
  const groups = db
    .prepare(
      `SELECT value, count(*) AS n FROM record_labels
       WHERE task = ? AND status = 'accepted' AND value IS NOT NULL GROUP BY value`,
    )
    .all(task) as { value: string; n: number }[];
  const counts = new Map<string, number>();
  let records = 0;
  for (const g of groups) {
    records += g.n;
    const value = JSON.parse(g.value) as LabelValue;
    for (const label of Array.isArray(value) ? value : [value])
      counts.set(label, (counts.get(label) ?? 0) + g.n);
  }
  return { counts, records };
}

/** Reviewed examples of a task: the text's record and its accepted label. */
export function acceptedExamples(
  db: Database,
  task: RecordTask,
): { record: StoredRecord; value: LabelValue }[] {
  const rows = db
    .prepare(
      `SELECT r.*, s.name AS source_name, l.value AS label_value FROM records r
       JOIN record_sources s ON s.id = r.source_id JOIN record_labels l ON l.record_id = r.id
       WHERE l.task = ? AND l.status = 'accepted' AND l.value IS NOT NULL ORDER BY r.id`,
    )
    .all(task) as (RecordRow & { label_value: string })[];
  return rows.map((r) => ({ record: toRecord(r), value: JSON.parse(r.label_value) as LabelValue }));
}

// ---- reviews and corrections ---------------------------------------------------------------------------

export function addReview(
  db: Database,
  review: {
    recordId: number;
    task: RecordTask;
    before: StoredLabel | null;
    after: StoredLabel;
    actor: string;
    modelId: string;
  },
): number {
  const correction = db
    .prepare(
      `INSERT INTO corrections (subject_type, subject_id, task, target, old_value, new_value, actor)
       VALUES ('record', ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      review.recordId,
      review.modelId,
      review.task,
      JSON.stringify(review.before?.value ?? review.before?.top[0]?.label ?? null),
      JSON.stringify(review.after.value),
      review.actor,
    ) as { id: number };
  const row = db
    .prepare(
      `INSERT INTO record_reviews (record_id, task, before, after, correction_id, actor) VALUES (?, ?, ?, ?, ?, ?)
       RETURNING id`,
    )
    .get(
      review.recordId,
      review.task,
      JSON.stringify(review.before),
      JSON.stringify(review.after),
      correction.id,
      review.actor,
    ) as { id: number };
  return row.id;
}

export interface StoredReview {
  id: number;
  recordId: number;
  task: RecordTask;
  before: StoredLabel | null;
  after: StoredLabel;
  correctionId: number | null;
  actor: string;
  undone: boolean;
  at: string;
}

interface ReviewRow {
  id: number;
  record_id: number;
  task: RecordTask;
  before: string;
  after: string;
  correction_id: number | null;
  actor: string;
  undone: number;
  at: string;
}

const toReview = (r: ReviewRow): StoredReview => ({
  id: r.id,
  recordId: r.record_id,
  task: r.task,
  before: JSON.parse(r.before) as StoredLabel | null,
  after: JSON.parse(r.after) as StoredLabel,
  correctionId: r.correction_id,
  actor: r.actor,
  undone: r.undone === 1,
  at: r.at,
});

export function getReview(db: Database, id: number): StoredReview | undefined {
  const row = db.prepare('SELECT * FROM record_reviews WHERE id = ?').get(id) as ReviewRow | undefined;
  return row ? toReview(row) : undefined;
}

export function reviewsOf(db: Database, recordId: number): StoredReview[] {
  return (
    db
      .prepare('SELECT * FROM record_reviews WHERE record_id = ? ORDER BY id DESC LIMIT 50')
      .all(recordId) as ReviewRow[]
  ).map(toReview);
}

export function markReviewUndone(db: Database, review: StoredReview): void {
  db.prepare('UPDATE record_reviews SET undone = 1 WHERE id = ?').run(review.id);
  if (review.correctionId !== null)
    db.prepare('DELETE FROM corrections WHERE id = ?').run(review.correctionId);
}

/** The newest correction of a model's task (0 when none): trainings remember it to count what is new. */
export function lastCorrectionId(db: Database, modelId: string): number {
  return (
    (
      db
        .prepare(`SELECT max(id) AS id FROM corrections WHERE subject_type = 'record' AND task = ?`)
        .get(modelId) as {
        id: number | null;
      }
    ).id ?? 0
  );
}

export function correctionsSince(db: Database, modelId: string, afterId: number): number {
  return (
    db
      .prepare(`SELECT count(*) AS n FROM corrections WHERE subject_type = 'record' AND task = ? AND id > ?`)
      .get(modelId, afterId) as { n: number }
  ).n;
}

// ---- rules ---------------------------------------------------------------------------------------------

export interface StoredRule {
  id: number;
  task: 'queue' | 'priority';
  match: 'keyword' | 'regex' | 'sender' | 'domain';
  pattern: string;
  value: string;
  position: number;
  enabled: boolean;
}

export function listRules(db: Database): StoredRule[] {
  return (
    db.prepare('SELECT * FROM record_rules ORDER BY position, id').all() as (Omit<StoredRule, 'enabled'> & {
      enabled: number;
    })[]
  ).map((r) => ({
    id: r.id,
    task: r.task,
    match: r.match,
    pattern: r.pattern,
    value: r.value,
    position: r.position,
    enabled: r.enabled === 1,
  }));
}

export function saveRule(
  db: Database,
  rule: Omit<StoredRule, 'id' | 'position'> & { id?: number; position?: number },
): number {
  if (rule.id !== undefined) {
    const changed = db
      .prepare(
        `UPDATE record_rules SET task = ?, match = ?, pattern = ?, value = ?, enabled = ?,
           position = coalesce(?, position) WHERE id = ?`,
      )
      .run(
        rule.task,
        rule.match,
        rule.pattern,
        rule.value,
        rule.enabled ? 1 : 0,
        rule.position ?? null,
        rule.id,
      );
    return changed.changes === 0 ? 0 : rule.id;
  }
  const position =
    rule.position ??
    (db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM record_rules').get() as { p: number }).p;
  const row = db
    .prepare(
      'INSERT INTO record_rules (task, match, pattern, value, position, enabled) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    )
    .get(rule.task, rule.match, rule.pattern, rule.value, position, rule.enabled ? 1 : 0) as { id: number };
  return row.id;
}

export function deleteRule(db: Database, id: number): number {
  return db.prepare('DELETE FROM record_rules WHERE id = ?').run(id).changes;
}

// ---- tags ----------------------------------------------------------------------------------------------

export interface StoredTag {
  id: number;
  name: string;
  description: string;
  keywords: string[];
}

export function listTags(db: Database): StoredTag[] {
  return (
    db
      .prepare('SELECT id, name, description, keywords FROM record_tags ORDER BY name COLLATE NOCASE')
      .all() as {
      id: number;
      name: string;
      description: string;
      keywords: string;
    }[]
  ).map((t) => ({ ...t, keywords: JSON.parse(t.keywords) as string[] }));
}

export function saveTag(db: Database, tag: Omit<StoredTag, 'id'> & { id?: number }): number {
  if (tag.id !== undefined) {
    const changed = db
      .prepare('UPDATE record_tags SET name = ?, description = ?, keywords = ? WHERE id = ?')
      .run(tag.name, tag.description, JSON.stringify(tag.keywords), tag.id);
    return changed.changes === 0 ? 0 : tag.id;
  }
  const row = db
    .prepare('INSERT INTO record_tags (name, description, keywords) VALUES (?, ?, ?) RETURNING id')
    .get(tag.name, tag.description, JSON.stringify(tag.keywords)) as { id: number };
  return row.id;
}

export function deleteTag(db: Database, id: number): number {
  return db.prepare('DELETE FROM record_tags WHERE id = ?').run(id).changes;
}

// ---- trainings -----------------------------------------------------------------------------------------

export interface StoredTraining {
  id: number;
  task: RecordTask;
  modelId: string;
  status: 'running' | 'promoted' | 'kept' | 'failed';
  trigger: 'manual' | 'corrections' | 'import';
  examples: number;
  heldOut: number;
  lastCorrectionId: number;
  version: number | null;
  previousVersion: number | null;
  score: number | null;
  previousScore: number | null;
  metrics: {
    accuracy?: number;
    macroF1?: number;
    microF1?: number;
    labels: string[];
    confusion?: number[][];
  } | null;
  error: string | null;
  seconds: number | null;
  startedAt: string;
  finishedAt: string | null;
}

interface TrainingRow {
  id: number;
  task: RecordTask;
  model_id: string;
  status: StoredTraining['status'];
  trigger: StoredTraining['trigger'];
  examples: number;
  held_out: number;
  last_correction_id: number;
  version: number | null;
  previous_version: number | null;
  score: number | null;
  previous_score: number | null;
  metrics: string | null;
  error: string | null;
  seconds: number | null;
  started_at: string;
  finished_at: string | null;
}

const toTraining = (r: TrainingRow): StoredTraining => ({
  id: r.id,
  task: r.task,
  modelId: r.model_id,
  status: r.status,
  trigger: r.trigger,
  examples: r.examples,
  heldOut: r.held_out,
  lastCorrectionId: r.last_correction_id,
  version: r.version,
  previousVersion: r.previous_version,
  score: r.score,
  previousScore: r.previous_score,
  metrics: r.metrics === null ? null : (JSON.parse(r.metrics) as StoredTraining['metrics']),
  error: r.error,
  seconds: r.seconds,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export function startTrainingRow(
  db: Database,
  t: Pick<
    StoredTraining,
    'task' | 'modelId' | 'trigger' | 'examples' | 'heldOut' | 'lastCorrectionId' | 'previousVersion'
  >,
): number {
  return (
    db
      .prepare(
        `INSERT INTO record_trainings (task, model_id, status, trigger, examples, held_out, last_correction_id, previous_version)
         VALUES (?, ?, 'running', ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(t.task, t.modelId, t.trigger, t.examples, t.heldOut, t.lastCorrectionId, t.previousVersion) as {
      id: number;
    }
  ).id;
}

export function finishTrainingRow(
  db: Database,
  id: number,
  t: Pick<StoredTraining, 'status' | 'version' | 'score' | 'previousScore' | 'metrics' | 'error' | 'seconds'>,
): void {
  db.prepare(
    `UPDATE record_trainings SET status = ?, version = ?, score = ?, previous_score = ?, metrics = ?, error = ?,
       seconds = ?, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
  ).run(
    t.status,
    t.version,
    t.score,
    t.previousScore,
    t.metrics === null ? null : JSON.stringify(t.metrics),
    t.error,
    t.seconds,
    id,
  );
}

export function getTraining(db: Database, id: number): StoredTraining | undefined {
  const row = db.prepare('SELECT * FROM record_trainings WHERE id = ?').get(id) as TrainingRow | undefined;
  return row ? toTraining(row) : undefined;
}

export function listTrainings(db: Database, task: RecordTask, limit = 20): StoredTraining[] {
  return (
    db
      .prepare('SELECT * FROM record_trainings WHERE task = ? ORDER BY id DESC LIMIT ?')
      .all(task, limit) as TrainingRow[]
  ).map(toTraining);
}

/** Trainings a crash or quit left 'running' can never finish: they are marked failed on open. */
export function failInterruptedTrainings(db: Database): void {
  db.prepare(
    `UPDATE record_trainings SET status = 'failed', error = 'Docket was closed during this training.',
       finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE status = 'running'`,
  ).run();
}

// ---- escalations ---------------------------------------------------------------------------------------

export interface StoredEscalation {
  recordId: number;
  task: RecordTask;
  endpoint: string;
  status: 'answered' | 'unusable' | 'failed';
  label: LabelValue | null;
  reply: string;
  error: string | null;
  at: string;
}

export function addEscalation(db: Database, e: Omit<StoredEscalation, 'at'>): void {
  db.prepare(
    `INSERT INTO record_escalations (record_id, task, endpoint, status, label, reply, error) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.recordId,
    e.task,
    e.endpoint,
    e.status,
    e.label === null ? null : JSON.stringify(e.label),
    e.reply,
    e.error,
  );
}

export function escalationsOf(db: Database, recordId: number): StoredEscalation[] {
  return (
    db.prepare('SELECT * FROM record_escalations WHERE record_id = ? ORDER BY id DESC').all(recordId) as {
      record_id: number;
      task: RecordTask;
      endpoint: string;
      status: StoredEscalation['status'];
      label: string | null;
      reply: string;
      error: string | null;
      at: string;
    }[]
  ).map((r) => ({
    recordId: r.record_id,
    task: r.task,
    endpoint: r.endpoint,
    status: r.status,
    label: r.label === null ? null : (JSON.parse(r.label) as LabelValue),
    reply: r.reply,
    error: r.error,
    at: r.at,
  }));
}

export function escalatedIds(db: Database, ids: number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = db
    .prepare(
      `SELECT DISTINCT record_id FROM record_escalations WHERE record_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as { record_id: number }[];
  return new Set(rows.map((r) => r.record_id));
}

export function wasEscalated(db: Database, recordId: number, task: RecordTask): boolean {
  return (
    db
      // A failed attempt (the server was down) does not count: the item is sent again next time.
      .prepare(
        `SELECT 1 FROM record_escalations WHERE record_id = ? AND task = ? AND status <> 'failed' LIMIT 1`,
      )
      .get(recordId, task) !== undefined
  );
}
