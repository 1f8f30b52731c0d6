// The one door to the network in Docket's core (principle 8): items left unassigned may be sent to an
// OpenAI-compatible endpoint, only when an admin turned it on (the docket command, never the window) and
// IT's policy does not forbid it. Each item goes once per task; what came back is kept and shown, and
// becomes a suggestion for a person to accept, never an applied label.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DocketError } from '../api/errors.ts';
import type { Policy } from '../core/policy.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { addEscalation, wasEscalated, type StoredLabel, type StoredRecord } from '../store/records.ts';
import { askEndpoint, type EscalationConfig } from './escalation.ts';
import { modelText } from './record-text.ts';
import type { RecordTask } from './types.ts';

const SETTING = 'records.escalation';
/** At most this many items are sent per prediction run (a local LLM answers a few per second). */
const MAX_PER_RUN = 200;

export interface EscalationSettings {
  enabled: boolean;
  url: string | null;
  model: string | null;
  forbiddenByPolicy: boolean;
}

export class EscalationGate {
  private readonly db: Database;
  private readonly policy: Policy;
  private readonly fetchImpl: typeof fetch;

  constructor(db: Database, policy: Policy, fetchImpl: typeof fetch = fetch) {
    this.db = db;
    this.policy = policy;
    this.fetchImpl = fetchImpl;
  }

  private config(): EscalationConfig | undefined {
    return getSetting<EscalationConfig>(this.db, SETTING);
  }

  settings(): EscalationSettings {
    const c = this.config();
    return {
      enabled: !this.policy.forbidEscalation && (c?.enabled ?? false),
      url: c?.url ?? null,
      model: c?.model ?? null,
      forbiddenByPolicy: this.policy.forbidEscalation,
    };
  }

  set(input: { enabled: boolean; url?: string; model?: string; apiKey?: string }): EscalationSettings {
    if (input.enabled && this.policy.forbidEscalation) {
      throw new DocketError(
        'FORBIDDEN',
        'Your organisation’s policy forbids sending items to an escalation endpoint.',
      );
    }
    const before = this.config();
    const url = input.url ?? before?.url;
    const model = input.model ?? before?.model;
    if (input.enabled && (!url || !model)) {
      throw new DocketError(
        'BAD_INPUT',
        'Name the endpoint (--url) and the model (--model) to turn escalation on.',
      );
    }
    if (url && !/^https?:\/\//i.test(url)) {
      throw new DocketError('BAD_INPUT', `The endpoint must be an http:// or https:// address, not ${url}.`);
    }
    const next: EscalationConfig = {
      enabled: input.enabled,
      url: url ?? '',
      model: model ?? '',
      ...(input.apiKey !== undefined
        ? { apiKey: input.apiKey }
        : before?.apiKey
          ? { apiKey: before.apiKey }
          : {}),
    };
    setSetting(this.db, SETTING, next);
    return this.settings();
  }

  /**
   * Sends the unassigned items among `results` (once per record and task) and turns answers into
   * suggestions in place. Returns how many were sent.
   */
  /** One prediction run's allowance, shared by its pages and tasks. */
  budget(): { left: number } {
    return { left: MAX_PER_RUN };
  }

  async escalate(
    task: RecordTask,
    records: StoredRecord[],
    results: StoredLabel[],
    budget: { left: number },
    /** The labels the endpoint may answer with (the model's, or the tag taxonomy). */
    labels: string[],
  ): Promise<number> {
    const config = this.config();
    if (!config?.enabled || this.policy.forbidEscalation) return 0;
    if (labels.length === 0) return 0;
    let sent = 0;
    for (const [i, record] of records.entries()) {
      const result = results[i]!;
      if (result.status !== 'unassigned' || budget.left <= 0 || wasEscalated(this.db, record.id, task))
        continue;
      sent++;
      budget.left--;
      const answer = await askEndpoint(
        config,
        { task, text: modelText(record), labels, multiLabel: task === 'tags' },
        this.fetchImpl,
      );
      const chosen = answer.labels.length ? answer.labels : answer.label !== null ? [answer.label] : [];
      addEscalation(this.db, {
        recordId: record.id,
        task,
        endpoint: endpointName(config.url),
        status: answer.status,
        label: chosen.length === 0 ? null : task === 'tags' ? chosen : chosen[0]!,
        reply: answer.reply,
        error: answer.error ?? null,
      });
      if (answer.status === 'answered' && chosen.length > 0) {
        results[i] = {
          ...result,
          status: 'suggested',
          source: 'escalation',
          top: [
            ...chosen.map((label) => ({
              label,
              probability: result.top.find((t) => t.label === label)?.probability ?? 0,
            })),
            ...result.top.filter((t) => !chosen.includes(t.label)),
          ].slice(0, Math.max(3, chosen.length)),
          reason: `${endpointName(config.url)} answered “${chosen.join(', ')}”`,
        };
      }
    }
    return sent;
  }
}

/** The endpoint as the window names it: its host, never a key or a path with secrets. */
export function endpointName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the escalation endpoint';
  }
}
