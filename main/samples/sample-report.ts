// The sample workspace's report: what Docket read, found, routed and tagged, with the checks a sceptical
// evaluator wants (totals against what the generator wrote, routing against the help desk's history).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallContext } from '../api/router.ts';
import type { SampleReport } from '../api/workspace-contract.ts';
import type { DocketCore } from '../core/docket.ts';
import { CONTRACT_HEAD_CHARS } from '../engine/shipped-models.ts';
import { SAMPLE_ACTOR, SAMPLE_CONTRACTS, SAMPLE_INVOICE_TRUTH } from './sample-files.ts';

const context: CallContext = { transport: 'in-process', actor: SAMPLE_ACTOR };
const CONTRACT_MODEL_ID = 'contract-type';

interface InvoiceTruth {
  invoiceTotal?: number;
}

function readTruth(dir: string): Record<string, InvoiceTruth> {
  const path = join(dir, SAMPLE_INVOICE_TRUTH);
  if (!existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, InvoiceTruth>;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

async function invoicesPart(core: DocketCore, dir: string): Promise<SampleReport['invoices']> {
  const { items } = await core.router.invoke('invoices.list', { limit: 1000 }, context);
  const truth = readTruth(dir);
  const byType: Record<string, number> = {};
  const totals = new Map<string | null, { amount: number; documents: number }>();
  let totalsRight = 0;
  let totalsChecked = 0;
  const listed = [...items]
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((inv) => {
      byType[inv.documentType] = (byType[inv.documentType] ?? 0) + 1;
      // A credit note reduces what is owed, whichever sign its document prints.
      const total =
        inv.total !== null && inv.documentType === 'credit_note' ? -Math.abs(inv.total) : inv.total;
      if (total !== null) {
        const t = totals.get(inv.currency) ?? { amount: 0, documents: 0 };
        t.amount += total;
        t.documents++;
        totals.set(inv.currency, t);
      }
      const expected = truth[inv.title]?.invoiceTotal ?? null;
      if (expected !== null) {
        totalsChecked++;
        if (inv.total !== null && Math.abs(Math.abs(inv.total) - Math.abs(expected)) < 0.005) totalsRight++;
      }
      return {
        id: inv.id,
        title: inv.title,
        documentType: inv.documentType,
        vendor: inv.vendor,
        invoiceId: inv.invoiceId,
        invoiceDate: inv.invoiceDate,
        total,
        currency: inv.currency,
        expectedTotal: expected,
      };
    });
  return {
    found: items.length,
    byType,
    totals: [...totals]
      .map(([currency, t]) => ({ currency, amount: round2(t.amount), documents: t.documents }))
      .sort((a, b) => (a.currency ?? '~').localeCompare(b.currency ?? '~')),
    totalsRight,
    totalsChecked,
    items: listed,
  };
}

/** The sample contracts, each classified from its opening by the shipped contract-type model (trained on CUAD). */
async function contractsPart(core: DocketCore, dir: string): Promise<SampleReport['contracts']> {
  const folder = join(dir, SAMPLE_CONTRACTS);
  if (!existsSync(folder)) return [];
  const names = new Set(readdirSync(folder));
  const { items } = await core.router.invoke('documents.list', { limit: 1000, offset: 0 }, context);
  const contracts = items.filter((d) => names.has(d.title)).sort((a, b) => a.title.localeCompare(b.title));
  const model = core.models.active(CONTRACT_MODEL_ID);
  const usable = model && model.format === 'docket' && model.card.task === 'text-classification';
  if (!usable || contracts.length === 0) {
    return contracts.map((d) => ({ title: d.title, type: null, probability: null }));
  }
  const texts = await Promise.all(
    contracts.map(async (d) =>
      (await core.router.invoke('documents.text', { id: d.id }, context)).text.slice(0, CONTRACT_HEAD_CHARS),
    ),
  );
  const rows = await core.inference.probabilities({ dir: model.path, sha256: model.card.sha256 }, texts);
  return contracts.map((d, i) => {
    const row = rows[i]!;
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k]! > row[best]!) best = k;
    return { title: d.title, type: model.card.labels[best] ?? null, probability: round2(row[best] ?? 0) };
  });
}

interface LabelCount {
  status: string;
  source: string | null;
  n: number;
}

function labelCounts(core: DocketCore, kind: 'tickets' | 'crm', task: string): LabelCount[] {
  return core.store.db
    .prepare(
      `SELECT l.status, l.source, count(*) AS n FROM record_labels l JOIN records r ON r.id = l.record_id
       WHERE r.kind = ? AND l.task = ? GROUP BY l.status, l.source`,
    )
    .all(kind, task) as LabelCount[];
}

const sum = (rows: LabelCount[], keep: (r: LabelCount) => boolean): number =>
  rows.filter(keep).reduce((n, r) => n + r.n, 0);

/** The held-out score of the version in use, from the training that made it. */
function heldOutScore(status: {
  activeVersion: number | null;
  lastTraining: { version: number | null; score: number | null } | null;
}) {
  const last = status.lastTraining;
  return last && last.version === status.activeVersion && last.score !== null ? round2(last.score) : null;
}

async function ticketsPart(core: DocketCore): Promise<SampleReport['tickets']> {
  const status = await core.router.invoke('records.status', { kind: 'tickets' }, context);
  const queue = labelCounts(core, 'tickets', 'queue');
  const predicted = (r: LabelCount) => r.source !== 'history' && r.source !== 'user';
  const of = (task: string) => status.find((s) => s.task === task);
  return {
    records: countRecords(core, 'tickets'),
    fromHistory: sum(queue, (r) => r.source === 'history'),
    routed: sum(queue, predicted),
    auto: sum(queue, (r) => predicted(r) && r.status === 'auto'),
    suggested: sum(queue, (r) => predicted(r) && r.status === 'suggested'),
    unassigned: sum(queue, (r) => predicted(r) && r.status === 'unassigned'),
    accuracy: {
      queue: of('queue') ? heldOutScore(of('queue')!) : null,
      priority: of('priority') ? heldOutScore(of('priority')!) : null,
    },
    models: status.map((s) => ({
      task: s.task,
      mode: s.mode,
      modelId: s.mode === 'model' ? s.modelId : null,
      version: s.activeVersion,
    })),
  };
}

function countRecords(core: DocketCore, kind: 'tickets' | 'crm'): number {
  return (
    core.store.db.prepare('SELECT count(*) AS n FROM records WHERE kind = ?').get(kind) as { n: number }
  ).n;
}

async function crmPart(core: DocketCore): Promise<SampleReport['crm']> {
  const [status] = await core.router.invoke('records.status', { kind: 'crm' }, context);
  const counts = labelCounts(core, 'crm', 'tags');
  const predicted = (r: LabelCount) => r.source !== 'history' && r.source !== 'user';
  // Tags applied to records, whoever applied them: the export's history, Docket or a person.
  const applied = core.store.db
    .prepare(
      `SELECT l.value FROM record_labels l JOIN records r ON r.id = l.record_id
       WHERE r.kind = 'crm' AND l.task = 'tags' AND l.status IN ('auto', 'accepted') AND l.value IS NOT NULL`,
    )
    .pluck()
    .all() as string[];
  const perTag = new Map<string, number>();
  for (const value of applied) {
    const tags = JSON.parse(value) as string[] | string;
    for (const tag of Array.isArray(tags) ? tags : [tags]) perTag.set(tag, (perTag.get(tag) ?? 0) + 1);
  }
  const duplicates = (
    core.store.db
      .prepare("SELECT count(*) AS n FROM records WHERE kind = 'crm' AND duplicate_of IS NOT NULL")
      .get() as { n: number }
  ).n;
  return {
    records: countRecords(core, 'crm'),
    tagged: sum(counts, (r) => predicted(r) && r.status === 'auto'),
    suggested: sum(counts, (r) => predicted(r) && r.status === 'suggested'),
    accuracy: status ? heldOutScore(status) : null,
    tags: [...perTag]
      .map(([tag, records]) => ({ tag, records }))
      .sort((a, b) => b.records - a.records || a.tag.localeCompare(b.tag)),
    duplicates,
  };
}

/** From the database, so a second loading (which imports nothing new) reports the same documents. */
function documentsPart(core: DocketCore, failedFiles: SampleReport['documents']['failedFiles']) {
  return {
    ...(core.store.db
      .prepare(
        `SELECT (SELECT count(*) FROM files) AS files,
                (SELECT count(*) FROM documents WHERE status = 'read') AS read,
                (SELECT count(*) FROM documents WHERE status IN ('failed', 'needs_password')) AS failed,
                (SELECT count(*) FROM pages) AS pages`,
      )
      .get() as { files: number; read: number; failed: number; pages: number }),
    failedFiles,
  };
}

export async function buildSampleReport(
  core: DocketCore,
  dir: string,
  given: { failedFiles: SampleReport['documents']['failedFiles']; started: number },
): Promise<SampleReport> {
  const invoices = await invoicesPart(core, dir);
  const contracts = await contractsPart(core, dir);
  const tickets = await ticketsPart(core);
  const crm = await crmPart(core);
  return {
    database: core.store.path,
    seconds: Math.round((performance.now() - given.started) / 100) / 10,
    documents: documentsPart(core, given.failedFiles),
    invoices,
    contracts,
    tickets,
    crm,
  };
}
