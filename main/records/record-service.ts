// Tickets and CRM records: imported from help-desk and CRM exports with a saved column mapping, routed and
// tagged (predictor.ts), reviewed by people (accept, correct, undo), learned from (learning.ts) and exported
// back. Every review is a labelled example; enough new ones start a retraining by themselves.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DocketError } from '../api/errors.ts';
import type {
  ImportReport,
  PredictReport,
  RecordDetail,
  RecordSummary,
  RecordTraining,
  TaskStatus,
} from '../api/record-contract.ts';
import type { EventHub } from '../core/events.ts';
import { readPolicy, type Policy } from '../core/policy.ts';
import type { ModelRegistry } from '../engine/registry.ts';
import type { InferencePool } from '../engine/runtime/inference-pool.ts';
import type { TrainingService } from '../engine/training-service.ts';
import { appendAudit } from '../store/audit.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import * as store from '../store/records.ts';
import type { StoredLabel, StoredRecord } from '../store/records.ts';
import { findLikelyDuplicates } from './duplicates.ts';
import { EscalationGate } from './escalation-gate.ts';
import { explainByOcclusion } from './explain.ts';
import { exportRecordsCsv } from './export.ts';
import { LearningLoop, labelsOfValue } from './learning.ts';
import { applyMapping, checkMapping, suggestMapping } from './mapping.ts';
import { Predictor } from './predictor.ts';
import { readSourceTable, emailTicketMapping } from './read-source.ts';
import { detectRecordLanguage, modelText } from './record-text.ts';
import { validateRule } from './rules.ts';
import {
  EMAIL_SOURCE,
  MODEL_OF_TASK,
  RECORD_TASKS,
  TASKS_OF_KIND,
  type LabelValue,
  type RecordKind,
  type RecordMapping,
  type RecordTask,
} from './types.ts';

/** Tags the learned model needs per tag before it is trained from imports by itself. */
const EXAMPLES_PER_TAG = 10;
const PREVIEW_ROWS = 20;
/** Rows stored per transaction during an import. */
const IMPORT_CHUNK = 1000;
/** Explanations kept (a record's text does not change, so neither do its words' weights). */
const WHY_CACHE_SIZE = 500;

export interface RecordServiceOptions {
  policy?: Policy;
  fetchImpl?: typeof fetch;
}

export class RecordService {
  private readonly db: Database;
  private readonly registry: ModelRegistry;
  private readonly inference: InferencePool;
  private readonly events: EventHub;
  readonly escalation: EscalationGate;
  readonly predictor: Predictor;
  readonly learning: LearningLoop;
  /** Predictions started in the background (after a promotion or an import), for close() and tests. */
  private background = new Set<Promise<unknown>>();
  private readonly whyCache = new Map<string, RecordDetail['why'][number]['evidence']>();

  constructor(
    db: Database,
    deps: { registry: ModelRegistry; inference: InferencePool; trainings: TrainingService; events: EventHub },
    options: RecordServiceOptions = {},
  ) {
    this.db = db;
    this.registry = deps.registry;
    this.inference = deps.inference;
    this.events = deps.events;
    this.escalation = new EscalationGate(db, options.policy ?? readPolicy(), options.fetchImpl);
    this.predictor = new Predictor(db, deps.registry, deps.inference, this.escalation);
    this.learning = new LearningLoop(db, deps.registry, deps.trainings, deps.inference, deps.events);
    // A promoted version predicts again whatever still waits for a person.
    this.learning.onPromoted = (task) => this.inBackground(this.predictor.predict(kindOf(task)));
  }

  private inBackground(p: Promise<unknown>): void {
    const tracked = p
      .catch(() => undefined)
      .finally(() => {
        this.background.delete(tracked);
        this.events.statusChanged();
      });
    this.background.add(tracked);
  }

  /** Waits for background trainings and predictions (the CLI waits before it prints; tests too). */
  async settled(): Promise<void> {
    for (;;) {
      const trainings = RECORD_TASKS.map((t) => this.learning.settled(t));
      await Promise.all([...trainings, ...this.background]);
      if (this.background.size === 0 && RECORD_TASKS.every((t) => !this.learning.isTraining(t))) return;
    }
  }

  async close(): Promise<void> {
    await this.settled();
  }

  private defaultRegion(): string {
    return getSetting<string>(this.db, 'records.defaultPhoneRegion') ?? machineRegion();
  }

  // ---- import ------------------------------------------------------------------------------------------

  async preview(kind: RecordKind, file: { fileName: string; bytes: Uint8Array }) {
    const table = await readSourceTable(file);
    const isEmail = /\.(eml|mbox)$/i.test(file.fileName) || isEmailTable(table.columns);
    return {
      columns: table.columns,
      rows: table.rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
      total: table.rows.length,
      suggested: suggestMapping(table.columns, kind) as Record<string, string>,
      fixedMapping: isEmail && kind === 'tickets' ? emailTicketMapping(EMAIL_SOURCE) : null,
      saved: store.listSources(this.db, kind).map(({ source, mapping }) => ({ source, mapping })),
    };
  }

  /**
   * Imports an export: rows stored (the same row again adds nothing), the mapping saved for its source,
   * history labels kept as reviewed examples, contacts checked for duplicates. A task without a model
   * that now has enough examples trains its first version in the background.
   */
  async importFile(
    file: { fileName: string; bytes: Uint8Array },
    mapping: RecordMapping,
    actor: string,
  ): Promise<ImportReport & { trainingStarted: RecordTask[] }> {
    const table = await readSourceTable(file);
    checkMapping(mapping, table.columns);
    const { drafts, problems } = applyMapping(table, mapping, { defaultRegion: this.defaultRegion() });
    // In chunks, each in its own transaction, letting the event loop breathe between them: a 100,000-row
    // export must not freeze the window. Rows already stored are skipped, so an interrupted import is
    // simply imported again.
    const sourceId = store.saveSource(this.db, mapping);
    const ids: number[] = [];
    let skipped = 0;
    for (let start = 0; start < drafts.length; start += IMPORT_CHUNK) {
      const chunk = drafts.slice(start, start + IMPORT_CHUNK).map((d) => ({
        ...d,
        language:
          d.kind === 'tickets' ? detectRecordLanguage([d.subject, d.body].filter(Boolean).join('\n')) : null,
      }));
      const inserted = store.insertRecords(this.db, sourceId, chunk); // one transaction
      ids.push(...inserted.ids);
      skipped += inserted.skipped;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const duplicates = mapping.kind === 'crm' ? this.db.transaction(() => this.markDuplicates())() : 0;
    appendAudit(this.db, {
      actor,
      action: 'records.import',
      subject: `${mapping.kind}:${mapping.source}`,
      details: { file: file.fileName, imported: ids.length, skipped },
    });
    const labelled: ImportReport['labelled'] = {};
    for (const d of drafts) {
      for (const [task, value] of Object.entries(d.history) as [RecordTask, LabelValue][]) {
        if (labelsOfValue(value).length) labelled[task] = (labelled[task] ?? 0) + 1;
      }
    }
    const trainingStarted: RecordTask[] = [];
    for (const task of TASKS_OF_KIND[mapping.kind]) {
      if (this.predictor.model(task) || this.learning.isTraining(task) || !this.readyForFirstModel(task))
        continue;
      this.learning.start(task, 'import', actor);
      trainingStarted.push(task);
    }
    this.events.statusChanged();
    return {
      kind: mapping.kind,
      source: mapping.source,
      rows: table.rows.length,
      imported: ids.length,
      skipped,
      problems: [...(table.problems ?? []), ...problems].sort((a, b) => a.line - b.line),
      labelled,
      duplicates,
      trainingStarted,
    };
  }

  /** Queues and priorities: enough examples to train; tags: two tags with enough examples each. */
  private readyForFirstModel(task: RecordTask): boolean {
    if (!this.learning.canTrain(task)) return false;
    if (task !== 'tags') return true;
    const { counts } = store.acceptedLabelCounts(this.db, 'tags');
    return [...counts.values()].filter((n) => n >= EXAMPLES_PER_TAG).length >= 2;
  }

  private markDuplicates(): number {
    const contacts = store.contactsForDuplicateCheck(this.db);
    const found = findLikelyDuplicates(contacts);
    const marked = new Map(contacts.map((c) => [c.id, c.duplicateOf]));
    // Contacts already flagged keep their original (a person may have reviewed it).
    const fresh = new Map([...found].filter(([id]) => marked.get(id) === null));
    store.setDuplicates(this.db, fresh);
    return fresh.size;
  }

  /** Import, then wait for any first training and predict (what the CLI prints in one go). */
  async importAndPredict(
    file: { fileName: string; bytes: Uint8Array },
    mapping: RecordMapping,
    actor: string,
    options: { wait: boolean },
  ): Promise<ImportReport & { predicted: PredictReport | null }> {
    const report = await this.importFile(file, mapping, actor);
    const { trainingStarted, ...rest } = report;
    if (!options.wait && trainingStarted.length > 0) {
      // The window: the first version trains in the background and predicts when it is promoted.
      return { ...rest, predicted: null };
    }
    if (trainingStarted.length) await this.settled();
    return { ...rest, predicted: await this.predictor.predict(mapping.kind) };
  }

  sources(kind?: RecordKind) {
    return store.listSources(this.db, kind);
  }

  /** Predicts a kind; with trainMissing, tasks without a model train their first version first. */
  async predict(kind: RecordKind, options: { trainMissing: boolean; actor: string }): Promise<PredictReport> {
    if (options.trainMissing) {
      for (const task of TASKS_OF_KIND[kind]) {
        if (!this.predictor.model(task) && !this.learning.isTraining(task) && this.readyForFirstModel(task)) {
          this.learning.start(task, 'manual', options.actor);
        }
      }
      await this.settled();
    }
    return this.predictor.predict(kind);
  }

  // ---- reading -----------------------------------------------------------------------------------------

  list(filter: store.RecordListFilter): {
    items: RecordSummary[];
    total: number;
    labels: ReturnType<typeof store.labelsInUse>;
  } {
    const { records, total } = store.listRecords(this.db, filter);
    // The filter menus' labels: asked for with the first page only (a scan of every label).
    const labels = filter.offset === 0 ? this.labelsInUse(filter.kind) : {};
    return { items: this.summaries(records), total, labels };
  }

  /** Labels applied, and those the models (and the tag taxonomy) can suggest. */
  private labelsInUse(kind: RecordKind): Partial<Record<RecordTask, string[]>> {
    const applied = store.labelsInUse(this.db, kind);
    const out: Partial<Record<RecordTask, string[]>> = {};
    for (const task of TASKS_OF_KIND[kind]) {
      const all = new Set([...(applied[task] ?? []), ...(this.predictor.model(task)?.card.labels ?? [])]);
      if (task === 'tags') for (const t of store.listTags(this.db)) all.add(t.name);
      if (all.size) out[task] = [...all].sort();
    }
    return out;
  }

  private summaries(records: StoredRecord[]): RecordSummary[] {
    const ids = records.map((r) => r.id);
    const labels = store.labelsOf(this.db, ids);
    const escalated = store.escalatedIds(this.db, ids);
    return records.map((r) => summaryOf(r, labels.get(r.id) ?? [], escalated.has(r.id)));
  }

  async get(id: number): Promise<RecordDetail> {
    const record = this.recordOrThrow(id);
    const labels = store.labelsOf(this.db, [id]).get(id) ?? [];
    return {
      ...summaryOf(record, labels, store.escalatedIds(this.db, [id]).has(id)),
      subject: record.subject,
      body: record.body,
      name: record.name,
      duplicateReason: record.duplicateReason,
      source: record.source,
      raw: record.raw,
      why: await this.why(record, labels),
      escalations: store.escalationsOf(this.db, id).map((e) => ({ ...e })),
      reviews: store.reviewsOf(this.db, id).map((r) => ({
        id: r.id,
        task: r.task,
        before: r.before?.value ?? null,
        after: r.after.value,
        actor: r.actor,
        at: r.at,
        undone: r.undone,
      })),
    };
  }

  /** The words that pushed each model prediction, by occlusion through the version that made it. */
  private async why(record: StoredRecord, labels: StoredLabel[]): Promise<RecordDetail['why']> {
    const out: RecordDetail['why'] = [];
    for (const l of labels) {
      if (l.modelId === null || l.modelVersion === null || l.top.length === 0) continue;
      if (l.source !== 'model' && !(l.status === 'accepted' && l.modelId)) continue;
      let model;
      try {
        model = this.registry.get(l.modelId, l.modelVersion);
      } catch {
        continue; // the version was removed since: nothing to explain with
      }
      if (model.format !== 'docket') continue; // a zero-shot model's words are not weighed here
      const label = l.top[0]!.label;
      const index = model.card.labels.indexOf(label);
      if (index < 0) continue;
      // The same record, model version and label always give the same words: the window asks again as
      // it refreshes, so the answer is kept.
      const key = `${record.id}\u0000${model.card.sha256}\u0000${label}`;
      let evidence = this.whyCache.get(key);
      if (!evidence) {
        evidence = await explainByOcclusion(modelText(record), index, (texts) =>
          this.inference.probabilities({ dir: model.path, sha256: model.card.sha256 }, texts),
        );
        if (this.whyCache.size >= WHY_CACHE_SIZE) this.whyCache.delete(this.whyCache.keys().next().value!);
        this.whyCache.set(key, evidence);
      }
      out.push({ task: l.task, label, evidence });
    }
    return out;
  }

  private recordOrThrow(id: number): StoredRecord {
    const record = store.getRecord(this.db, id);
    if (!record) throw new DocketError('NOT_FOUND', `There is no record ${id}.`);
    return record;
  }

  // ---- reviews -----------------------------------------------------------------------------------------

  /** Accepts what is applied or suggested for one task (or all the record's tasks that have something). */
  async accept(
    id: number,
    task: RecordTask | undefined,
    actor: string,
  ): Promise<{ record: RecordDetail; reviewIds: number[] }> {
    const record = this.recordOrThrow(id);
    const tasks = task ? [task] : TASKS_OF_KIND[record.kind];
    const reviewIds: number[] = [];
    const nothing: string[] = [];
    this.db.transaction(() => {
      for (const t of tasks) {
        const current = store.getLabel(this.db, id, t);
        if (current?.status === 'accepted') continue;
        const value = acceptable(current);
        if (value === null) {
          nothing.push(t);
          continue;
        }
        reviewIds.push(this.review(id, t, current ?? null, value, current?.source ?? 'user', actor));
      }
    })();
    if (reviewIds.length === 0 && nothing.length > 0) {
      throw new DocketError(
        'CONFLICT',
        `Nothing is suggested for the ${nothing.join(' and ')} of record ${id}: pick a label instead.`,
      );
    }
    this.afterReviews(record.kind);
    return { record: await this.get(id), reviewIds };
  }

  async setLabel(
    id: number,
    task: RecordTask,
    value: LabelValue,
    actor: string,
  ): Promise<{ record: RecordDetail; reviewIds: number[] }> {
    const record = this.recordOrThrow(id);
    if (!TASKS_OF_KIND[record.kind].includes(task)) {
      throw new DocketError('BAD_INPUT', `A ${record.recordType} has no ${task}.`);
    }
    const tags = task === 'tags';
    if (tags !== Array.isArray(value)) {
      throw new DocketError(
        'BAD_INPUT',
        tags ? 'Tags are a list of names.' : `A ${task} is one label, not a list.`,
      );
    }
    const clean: LabelValue = Array.isArray(value) ? [...new Set(value.map((v) => v.trim()))] : value.trim();
    const current = store.getLabel(this.db, id, task) ?? null;
    const reviewId = this.db.transaction(() => this.review(id, task, current, clean, 'user', actor))();
    this.afterReviews(record.kind);
    return { record: await this.get(id), reviewIds: [reviewId] };
  }

  private review(
    id: number,
    task: RecordTask,
    before: StoredLabel | null,
    value: LabelValue,
    source: StoredLabel['source'],
    actor: string,
  ): number {
    const after: StoredLabel = {
      task,
      status: 'accepted',
      // A suggestion taken as it was keeps where it came from; anything else is the person's.
      source: sameValue(value, acceptable(before)) ? source : 'user',
      value,
      probability: before?.probability ?? null,
      top: before?.top ?? [],
      reason: before?.reason ?? null,
      modelId: before?.modelId ?? null,
      modelVersion: before?.modelVersion ?? null,
    };
    store.putLabel(this.db, id, after);
    return store.addReview(this.db, {
      recordId: id,
      task,
      before,
      after,
      actor,
      modelId: MODEL_OF_TASK[task],
    });
  }

  /** Bulk accept: every waiting label at or above `minProbability` (default: the task's high threshold). */
  async acceptConfident(
    kind: RecordKind,
    minProbability: number | undefined,
    ids: number[] | undefined,
    actor: string,
  ): Promise<{ accepted: number; reviewIds: number[] }> {
    const reviewIds: number[] = [];
    const records = new Set<number>();
    const only = ids ? new Set(ids) : null;
    for (const task of TASKS_OF_KIND[kind]) {
      const floor = minProbability ?? this.predictor.thresholds(task).high;
      // A page per transaction, with the window's requests served between pages.
      for (const page of store.eachRecord(this.db, kind)) {
        this.db.transaction(() => {
          const labels = store.labelsOf(
            this.db,
            page.map((r) => r.id),
          );
          for (const r of page) {
            if (only && !only.has(r.id)) continue;
            const l = labels.get(r.id)?.find((x) => x.task === task);
            if (!l || l.status === 'accepted' || l.status === 'unassigned') continue;
            const value = confidentValue(l, floor);
            if (value === null) continue;
            reviewIds.push(this.review(r.id, task, l, value, l.source, actor));
            records.add(r.id);
          }
        })();
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    this.afterReviews(kind);
    return { accepted: records.size, reviewIds };
  }

  /** Takes reviews back, newest first: each label returns to what it was and its example is withdrawn. */
  undo(reviewIds: number[], _actor: string): { undone: number; recordIds: number[] } {
    const recordIds = new Set<number>();
    let undone = 0;
    this.db.transaction(() => {
      for (const id of [...reviewIds].sort((a, b) => b - a)) {
        const review = store.getReview(this.db, id);
        if (!review) throw new DocketError('NOT_FOUND', `There is no review ${id}.`);
        if (review.undone) continue;
        const now = store.getLabel(this.db, review.recordId, review.task);
        if (!now || !sameValue(now.value, review.after.value) || now.status !== 'accepted') {
          throw new DocketError(
            'CONFLICT',
            `The ${review.task} of record ${review.recordId} has changed since; it was not undone.`,
          );
        }
        if (review.before) store.putLabel(this.db, review.recordId, review.before);
        else store.deleteLabel(this.db, review.recordId, review.task);
        store.markReviewUndone(this.db, review);
        recordIds.add(review.recordId);
        undone++;
      }
    })();
    this.events.statusChanged();
    return { undone, recordIds: [...recordIds] };
  }

  /** Enough new examples start a retraining by themselves. */
  private afterReviews(kind: RecordKind): void {
    for (const task of TASKS_OF_KIND[kind]) {
      const after = this.learning.retrainAfter(task);
      if (after <= 0 || this.learning.isTraining(task)) continue;
      if (this.learning.newExamples(task) < after) continue;
      if (this.predictor.model(task) ? !this.learning.canTrain(task) : !this.readyForFirstModel(task))
        continue;
      this.learning.start(task, 'corrections', 'docket');
    }
    this.events.statusChanged();
  }

  // ---- models ------------------------------------------------------------------------------------------

  status(kind: RecordKind): TaskStatus[] {
    return TASKS_OF_KIND[kind].map((task) => this.taskStatus(task));
  }

  taskStatus(task: RecordTask): TaskStatus {
    const modelId = MODEL_OF_TASK[task];
    const versions = this.registry.list(modelId);
    const active = versions.find((v) => v.active);
    const { counts: perTag, records: examples } = store.acceptedLabelCounts(this.db, task);
    const labels = new Set(perTag.keys());
    if (task === 'tags') for (const t of store.listTags(this.db)) labels.add(t.name);
    const last = store.listTrainings(this.db, task, 1)[0];
    return {
      task,
      modelId,
      mode: this.predictor.mode(task),
      activeVersion: active?.version ?? null,
      versions: versions.map((v) => ({ version: v.version, created: v.card.created, active: v.active })),
      examples,
      newExamples: this.learning.newExamples(task),
      retrainAfter: this.learning.retrainAfter(task),
      coldStart:
        task === 'tags' && !active
          ? {
              needed: EXAMPLES_PER_TAG,
              // The first model needs two tags with enough examples: the second-best tag's count.
              have: [...perTag.values(), 0, 0].sort((a, b) => b - a)[1]!,
            }
          : null,
      thresholds: this.predictor.thresholds(task),
      labels: [...labels].sort(),
      lastTraining: last ? trainingOf(last) : null,
      training: this.learning.isTraining(task),
    };
  }

  retrain(task: RecordTask, actor: string): RecordTraining {
    return trainingOf(this.learning.start(task, 'manual', actor));
  }

  trainings(task: RecordTask, limit: number): RecordTraining[] {
    return store.listTrainings(this.db, task, limit).map(trainingOf);
  }

  rollback(task: RecordTask, actor: string): TaskStatus {
    if (this.learning.isTraining(task)) {
      throw new DocketError('CONFLICT', `A new ${task} model is being trained; roll back once it is done.`);
    }
    this.registry.rollback(MODEL_OF_TASK[task], actor);
    // What the rolled-back version applied by itself is predicted again by the version now in use.
    this.inBackground(this.predictor.predict(kindOf(task)));
    this.events.statusChanged();
    return this.taskStatus(task);
  }

  setThresholds(task: RecordTask, high: number, low: number, actor: string): TaskStatus {
    setSetting(this.db, `records.thresholds.${task}`, { high, low });
    appendAudit(this.db, { actor, action: 'records.setThresholds', subject: task, details: { high, low } });
    return this.taskStatus(task);
  }

  setRetrainAfter(task: RecordTask, corrections: number, actor: string): TaskStatus {
    this.learning.setRetrainAfter(task, corrections);
    appendAudit(this.db, {
      actor,
      action: 'records.setRetrainAfter',
      subject: task,
      details: { corrections },
    });
    return this.taskStatus(task);
  }

  // ---- export, rules, tags -----------------------------------------------------------------------------

  export(
    kind: RecordKind,
    ids: number[] | undefined,
  ): { fileName: string; mediaType: string; csv: string; rows: number } {
    const records: StoredRecord[] = [];
    if (ids) {
      const found = store.recordsByIds(this.db, ids).filter((r) => r.kind === kind);
      if (found.length !== new Set(ids).size) {
        throw new DocketError(
          'NOT_FOUND',
          `Some of the chosen records are not ${kind} records in this database.`,
        );
      }
      records.push(...found);
    } else {
      for (const page of store.eachRecord(this.db, kind)) records.push(...page);
    }
    const labels = store.labelsOf(
      this.db,
      records.map((r) => r.id),
    );
    const csv = exportRecordsCsv(kind, records, labels);
    return { fileName: `docket-${kind}.csv`, mediaType: 'text/csv', csv, rows: records.length };
  }

  listRules() {
    return store.listRules(this.db);
  }

  saveRule(
    rule: Omit<store.StoredRule, 'id' | 'position'> & { id?: number; position?: number },
    actor: string,
  ) {
    validateRule(rule);
    const id = store.saveRule(this.db, rule);
    if (id === 0) throw new DocketError('NOT_FOUND', `There is no rule ${rule.id}.`);
    appendAudit(this.db, { actor, action: 'rules.save', subject: String(id), details: rule });
    return store.listRules(this.db).find((r) => r.id === id)!;
  }

  deleteRule(id: number, actor: string) {
    const deleted = store.deleteRule(this.db, id);
    if (deleted === 0) throw new DocketError('NOT_FOUND', `There is no rule ${id}.`);
    appendAudit(this.db, { actor, action: 'rules.delete', subject: String(id) });
    return { deleted };
  }

  listTags() {
    return store.listTags(this.db);
  }

  saveTag(tag: { id?: number; name: string; description: string; keywords: string[] }, actor: string) {
    const clash = store
      .listTags(this.db)
      .find((t) => t.name.toLowerCase() === tag.name.toLowerCase() && t.id !== tag.id);
    if (clash) throw new DocketError('CONFLICT', `A tag named “${clash.name}” exists already.`);
    const keywords = [...new Set(tag.keywords.map((k) => k.trim()).filter(Boolean))];
    const id = store.saveTag(this.db, { ...tag, keywords });
    if (id === 0) throw new DocketError('NOT_FOUND', `There is no tag ${tag.id}.`);
    appendAudit(this.db, { actor, action: 'tags.save', subject: tag.name });
    return store.listTags(this.db).find((t) => t.id === id)!;
  }

  deleteTag(id: number, actor: string) {
    const deleted = store.deleteTag(this.db, id);
    if (deleted === 0) throw new DocketError('NOT_FOUND', `There is no tag ${id}.`);
    appendAudit(this.db, { actor, action: 'tags.delete', subject: String(id) });
    return { deleted };
  }

  setEscalation(input: { enabled: boolean; url?: string; model?: string; apiKey?: string }, actor: string) {
    const settings = this.escalation.set(input);
    appendAudit(this.db, {
      actor,
      action: 'escalation.set',
      subject: settings.url ?? '',
      details: { enabled: settings.enabled, model: settings.model },
    });
    return settings;
  }
}

// ---- helpers -------------------------------------------------------------------------------------------

/** The machine's region (from its locale) until the user sets one; GB when the locale names none. */
function machineRegion(): string {
  try {
    return new Intl.Locale(Intl.DateTimeFormat().resolvedOptions().locale).maximize().region ?? 'GB';
  } catch {
    return 'GB';
  }
}

function kindOf(task: RecordTask): RecordKind {
  return task === 'tags' ? 'crm' : 'tickets';
}

function isEmailTable(columns: string[]): boolean {
  return (
    ['Message-ID', 'From', 'Subject', 'Date', 'Body'].every((c) => columns.includes(c)) &&
    columns.length === 5
  );
}

/** What accepting a label takes: the applied value, else the best suggestion (tags: all suggested ones). */
function acceptable(l: StoredLabel | null | undefined): LabelValue | null {
  if (!l) return null;
  if (l.task === 'tags') {
    if (l.status === 'unassigned') return null;
    const tags = [...new Set([...labelsOfValue(l.value), ...l.top.map((t) => t.label)])];
    return tags.length ? tags : null;
  }
  if (l.value !== null) return l.value;
  if (l.status === 'suggested' && l.top[0]) return l.top[0].label;
  return null;
}

/** What a bulk accept takes: a label at or above the floor; for tags the applied ones and those above it. */
function confidentValue(l: StoredLabel, floor: number): LabelValue | null {
  if (l.task !== 'tags') return (l.probability ?? 0) >= floor ? acceptable(l) : null;
  const tags = [
    ...new Set([
      ...labelsOfValue(l.value),
      ...l.top.filter((t) => t.probability >= floor).map((t) => t.label),
    ]),
  ];
  // Nothing new above the floor: the record is left for a person (accepting would only confirm).
  return l.top.some((t) => t.probability >= floor && !labelsOfValue(l.value).includes(t.label)) ? tags : null;
}

function sameValue(a: LabelValue | null, b: LabelValue | null): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b))
    return [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  return a === b;
}

function summaryOf(r: StoredRecord, labels: StoredLabel[], escalated: boolean): RecordSummary {
  const title =
    r.recordType === 'contact' || r.recordType === 'account'
      ? (r.name ?? r.company ?? r.email ?? `Record ${r.id}`)
      : (r.subject ?? r.body?.slice(0, 120) ?? `Record ${r.id}`);
  return {
    id: r.id,
    kind: r.kind,
    recordType: r.recordType,
    title,
    requester: r.requester,
    email: r.email,
    phone: r.phone,
    company: r.company,
    created: r.created,
    language: r.language,
    duplicateOf: r.duplicateOf,
    labels: labels.map((l) => ({ ...l })),
    needsReview: labels.some((l) => l.status === 'suggested' || l.status === 'unassigned'),
    escalated,
  };
}

function trainingOf(t: store.StoredTraining): RecordTraining {
  const { lastCorrectionId: _omit, ...rest } = t;
  return rest;
}
