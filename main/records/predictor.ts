// Routes tickets and tags CRM records that no person has reviewed: rules first (they always win), then the
// task's learned model with its thresholds, or — for tags before enough examples exist — keywords and
// descriptions, which only ever suggest. Items left below the low threshold may be escalated when an admin
// has turned escalation on and policy allows it.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { InstalledModel, ModelRegistry } from '../engine/registry.ts';
import type { InferencePool } from '../engine/runtime/inference-pool.ts';
import { getSetting } from '../store/settings.ts';
import {
  eachRecord,
  labelsOf,
  listRules,
  listTags,
  listTrainings,
  putLabel,
  type StoredLabel,
  type StoredRecord,
} from '../store/records.ts';
import { firstMatchingRule } from './rules.ts';
import { openTransformersModel } from '../engine/transformers/open.ts';
import { keywordTags } from './keyword-tagger.ts';
import { outcomeOf, type ModelUsed, type Thresholds } from './outcomes.ts';
import { modelText } from './record-text.ts';
import type { EscalationGate } from './escalation-gate.ts';
import { MODEL_OF_TASK, TASKS_OF_KIND, type RecordKind, type RecordTask } from './types.ts';
import type { PredictReport } from '../api/record-contract.ts';

/** Keyword matches are suggestions from this score up (the tagger's scores stay below auto-apply). */
const KEYWORD_SUGGEST = 0.3;
/** A zero-shot score (independent per tag) from which the tag is suggested. */
const ZERO_SHOT_SUGGEST = 0.5;
const DEFAULT_THRESHOLDS: Thresholds = { high: 0.9, low: 0.5 };
const PAGE = 1000;

export type PredictionMode = 'model' | 'keywords' | 'zero-shot' | 'rules-only';

export class Predictor {
  private readonly db: Database;
  private readonly registry: ModelRegistry;
  private readonly inference: InferencePool;
  private readonly escalation: EscalationGate;
  private readonly inFlight = new Map<RecordKind, Promise<PredictReport>>();

  constructor(db: Database, registry: ModelRegistry, inference: InferencePool, escalation: EscalationGate) {
    this.db = db;
    this.registry = registry;
    this.inference = inference;
    this.escalation = escalation;
  }

  model(task: RecordTask): InstalledModel | undefined {
    const m = this.registry.active(MODEL_OF_TASK[task]);
    return m && m.format === 'docket' && m.card.task === 'text-classification' ? m : undefined;
  }

  /** An installed zero-shot model (transformers.js format), used for tags before a learned one exists. */
  zeroShotModel(): InstalledModel | undefined {
    return this.registry
      .list()
      .find((m) => m.active && m.format === 'transformers.js' && m.card.task === 'zero-shot-classification');
  }

  mode(task: RecordTask): PredictionMode {
    if (this.model(task)) return 'model';
    if (task !== 'tags') return 'rules-only';
    return this.zeroShotModel() ? 'zero-shot' : 'keywords';
  }

  /** The admin's thresholds, else the model card's (chosen on its held-out rows), else 0.9 / 0.5. */
  thresholds(task: RecordTask): Thresholds {
    const set = getSetting<Thresholds>(this.db, `records.thresholds.${task}`);
    if (set) return set;
    const card = this.model(task)?.card;
    if (!card) return DEFAULT_THRESHOLDS;
    const low = card.thresholds.abstain;
    return { low, high: Math.max(low, card.thresholds.autoApply) };
  }

  /** Predicts every record of the kind that waits for review; one run per kind at a time. */
  predict(kind: RecordKind): Promise<PredictReport> {
    // A second request while one runs gets the same run: predictions it would make are the same.
    let run = this.inFlight.get(kind);
    if (!run) {
      run = this.run(kind).finally(() => this.inFlight.delete(kind));
      this.inFlight.set(kind, run);
    }
    return run;
  }

  private async run(kind: RecordKind): Promise<PredictReport> {
    const started = performance.now();
    const tasks = TASKS_OF_KIND[kind];
    const report: PredictReport = {
      kind,
      records: 0,
      auto: 0,
      suggested: 0,
      unassigned: 0,
      byRule: 0,
      escalated: 0,
      models: tasks.map((task) => {
        const m = this.model(task);
        return { task, mode: this.mode(task), modelId: m?.modelId ?? null, version: m?.version ?? null };
      }),
      historyAccuracy: null,
      seconds: 0,
    };
    const rules = kind === 'tickets' ? listRules(this.db).filter((r) => r.enabled) : [];
    const taxonomy = kind === 'crm' ? listTags(this.db) : [];
    const counted = new Set<number>();
    const budget = this.escalation.budget();
    for (const page of eachRecord(this.db, kind, PAGE)) {
      // Between pages the window's requests are served (a page may need no inference at all).
      await new Promise((resolve) => setImmediate(resolve));
      const labels = labelsOf(
        this.db,
        page.map((r) => r.id),
      );
      for (const task of tasks) {
        const waiting = page.filter(
          (r) => !(labels.get(r.id) ?? []).some((l) => l.task === task && l.status === 'accepted'),
        );
        if (waiting.length === 0) continue;
        const results = await this.predictTask(task, waiting, rules, taxonomy);
        const allowed = task === 'tags' ? taxonomy.map((t) => t.name) : (this.model(task)?.card.labels ?? []);
        const escalations = await this.escalation.escalate(task, waiting, results, budget, allowed);
        // A record reviewed while this page was being predicted keeps its review.
        this.db.transaction(() => {
          waiting.forEach((r, i) => putLabel(this.db, r.id, results[i]!, { prediction: true }));
        })();
        for (const [i, r] of waiting.entries()) {
          counted.add(r.id);
          const l = results[i]!;
          if (l.source === 'rule') report.byRule++;
          report[l.status === 'accepted' ? 'auto' : l.status]++;
        }
        report.escalated += escalations;
      }
    }
    report.records = counted.size;
    const primary = tasks[0]!;
    // The version in use, scored on the held-out slice of the team's history when it was trained.
    const active = this.model(primary);
    const last = active
      ? listTrainings(this.db, primary, 50).find((t) => t.version === active.version && t.score !== null)
      : undefined;
    report.historyAccuracy = last?.score ?? null;
    report.seconds = Math.round((performance.now() - started) / 10) / 100;
    return report;
  }

  /** One task's labels for records that wait for review, in their order. */
  async predictTask(
    task: RecordTask,
    records: StoredRecord[],
    rules: ReturnType<typeof listRules>,
    taxonomy: ReturnType<typeof listTags>,
  ): Promise<StoredLabel[]> {
    const out: (StoredLabel | undefined)[] = records.map((r) => {
      if (task !== 'queue' && task !== 'priority') return undefined;
      const hit = firstMatchingRule(rules, task, r);
      if (!hit) return undefined;
      return {
        task,
        status: 'auto',
        source: 'rule',
        value: hit.rule.value,
        probability: 1,
        top: [{ label: hit.rule.value, probability: 1 }],
        reason: hit.reason,
        modelId: null,
        modelVersion: null,
      } satisfies StoredLabel;
    });
    const rest = records.flatMap((r, i) => (out[i] ? [] : [i]));
    const model = this.model(task);
    if (model && rest.length) {
      const used: ModelUsed = {
        id: model.modelId,
        version: model.version,
        labels: model.card.labels,
        multiLabel: model.card.multiLabel,
      };
      const thresholds = this.thresholds(task);
      const rows = await this.inference.probabilities(
        { dir: model.path, sha256: model.card.sha256 },
        rest.map((i) => modelText(records[i]!)),
      );
      rest.forEach((i, k) => {
        let label = outcomeOf(task, rows[k]!, used, thresholds);
        // Tags defined after the model was trained: keywords suggest them until examples exist.
        if (task === 'tags')
          label = withKeywordSuggestions(label, records[i]!, taxonomy, new Set(used.labels));
        out[i] = label;
      });
    }
    const cold = out.map((label, i) => label ?? coldStart(task, records[i]!, taxonomy));
    const zeroShot = task === 'tags' && !model && taxonomy.length > 0 ? this.zeroShotModel() : undefined;
    return zeroShot ? this.withZeroShot(zeroShot, records, cold, taxonomy) : cold;
  }

  /**
   * Cold start with an installed zero-shot model: each tag's name (with its description) as a hypothesis,
   * scored independently. Like keywords, these are suggestions only: an untuned model is no authority.
   */
  private async withZeroShot(
    installed: InstalledModel,
    records: StoredRecord[],
    labels: StoredLabel[],
    taxonomy: ReturnType<typeof listTags>,
  ): Promise<StoredLabel[]> {
    const model = await openTransformersModel(installed.path, 'zero-shot-classification');
    try {
      const names = taxonomy.map((t) => t.name);
      const out: StoredLabel[] = [];
      for (const [i, record] of records.entries()) {
        const result = await model.zeroShot(modelText(record).slice(0, 1000), names, {
          multiLabel: true,
          hypothesisTemplate: 'This text is about {}.',
        });
        const found = result.labels
          .map((label, k) => ({ label, probability: Math.round(result.scores[k]! * 1e4) / 1e4 }))
          .filter((s) => s.probability >= ZERO_SHOT_SUGGEST);
        const label = labels[i]!;
        if (found.length === 0) {
          out.push(label);
          continue;
        }
        const known = new Set(label.top.map((t) => t.label));
        out.push({
          ...label,
          status: 'suggested',
          source: label.source ?? 'zero-shot',
          probability: label.probability ?? found[0]!.probability,
          top: [...label.top, ...found.filter((f) => !known.has(f.label))],
          reason: [
            label.reason,
            `Zero-shot model ${installed.modelId}: ${found.map((f) => f.label).join(', ')}`,
          ]
            .filter(Boolean)
            .join('; '),
          modelId: installed.modelId,
          modelVersion: installed.version,
        });
      }
      return out;
    } finally {
      await model.dispose();
    }
  }
}

/** Without a model: tags from keywords and descriptions (suggestions only); queues wait for a person. */
function coldStart(
  task: RecordTask,
  record: StoredRecord,
  taxonomy: ReturnType<typeof listTags>,
): StoredLabel {
  const empty: StoredLabel = {
    task,
    status: 'unassigned',
    source: null,
    value: null,
    probability: null,
    top: [],
    reason: null,
    modelId: null,
    modelVersion: null,
  };
  if (task !== 'tags') return empty;
  return withKeywordSuggestions(empty, record, taxonomy, new Set());
}

function withKeywordSuggestions(
  label: StoredLabel,
  record: StoredRecord,
  taxonomy: ReturnType<typeof listTags>,
  known: Set<string>,
): StoredLabel {
  const candidates = taxonomy.filter((t) => !known.has(t.name));
  if (candidates.length === 0) return label;
  const found = keywordTags(modelText(record), candidates).filter((k) => k.score >= KEYWORD_SUGGEST);
  if (found.length === 0) return label;
  const reason = found.map((k) => `${k.tag}: ${k.why.map((w) => `“${w}”`).join(', ')}`).join('; ');
  const suggestions = found.map((k) => ({ label: k.tag, probability: k.score }));
  return {
    ...label,
    // Something now waits for a person, whatever the model applied by itself.
    status: 'suggested',
    source: label.source ?? 'keywords',
    probability: label.probability ?? found[0]!.score,
    // The model's guesses below the low threshold are not suggestions; its applied and suggested tags are.
    top: label.status === 'unassigned' ? suggestions : [...label.top, ...suggestions],
    reason: label.reason ? `${label.reason}; keywords: ${reason}` : `Keywords: ${reason}`,
  };
}
