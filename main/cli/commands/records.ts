// `docket import records`, `docket route`, `docket tag`, `docket export records` and `docket escalation`:
// tickets and CRM records from the command line. Outputs with --json are contracts for scripts.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Output } from '../../api/contract.ts';
import { DocketError } from '../../api/errors.ts';
import type { DocketCore } from '../../core/docket.ts';
import { emailTicketMapping } from '../../records/read-source.ts';
import { readMappingFile } from '../../records/mapping-file.ts';
import { EMAIL_SOURCE, type RecordKind } from '../../records/types.ts';
import { cliContext, openExisting } from '../open-core.ts';
import { percent, printResult } from '../output.ts';

async function withCore<T>(db: string, work: (core: DocketCore) => Promise<T>): Promise<T> {
  const core = openExisting(db);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

const kindSchema = z.enum(['tickets', 'crm']);

/** Email has fixed fields, so tickets from .eml and .mbox files need no mapping (as in the window). */
const EMAIL_FILE = /\.(eml|mbox)$/i;

export function importRecords(
  file: string,
  o: { kind: string; mapping?: string | undefined; db: string; json: boolean },
) {
  const kind = kindSchema.safeParse(o.kind);
  if (!kind.success) throw new DocketError('BAD_INPUT', `--kind must be tickets or crm, not “${o.kind}”.`);
  const emailTickets = kind.data === 'tickets' && EMAIL_FILE.test(file);
  if (o.mapping === undefined && !emailTickets) {
    throw new DocketError(
      'BAD_INPUT',
      `${file} needs --mapping: a JSON file naming its columns, such as {"source": "Zendesk", "columns": {"subject": "Subject", "body": "Description"}}.`,
    );
  }
  const mappingFile = o.mapping;
  return withCore(o.db, async (core) => {
    const mapping =
      mappingFile === undefined
        ? emailTicketMapping(EMAIL_SOURCE)
        : await readMappingFile(mappingFile, kind.data);
    const report = await core.router.invoke(
      'records.importFile',
      { path: resolve(file), mapping },
      cliContext,
    );
    printResult(o.json, report, () => describeImport(report));
  });
}

function describeImport(r: Output<'records.importFile'>): string {
  const lines = [
    `Imported ${r.imported} of ${r.rows} rows from ${r.source} (${r.skipped} already imported).`,
  ];
  const labelled = Object.entries(r.labelled).map(([task, n]) => `${n} ${task}`);
  if (labelled.length) lines.push(`History labels: ${labelled.join(', ')}.`);
  if (r.duplicates) lines.push(`Likely duplicate contacts: ${r.duplicates}.`);
  // Each message says where it is (line, row or message number).
  for (const p of r.problems.slice(0, 20)) lines.push(`  ${p.message}`);
  if (r.problems.length > 20) lines.push(`  … and ${r.problems.length - 20} more problems.`);
  if (r.predicted) lines.push(describePrediction(r.predicted));
  return lines.join('\n');
}

function describePrediction(p: Output<'records.predict'>): string {
  const verb = p.kind === 'tickets' ? 'Routed' : 'Tagged';
  const models = p.models
    .map((m) => `${m.task}: ${m.mode === 'model' ? `${m.modelId} v${m.version}` : m.mode}`)
    .join(', ');
  return [
    `${verb} ${p.records} records in ${p.seconds.toFixed(1)} s: ${p.auto} applied, ${p.suggested} suggested, ${p.unassigned} left for review (${p.byRule} by rules, ${p.escalated} escalated).`,
    `Using ${models}.${p.historyAccuracy === null ? '' : ` Held-out accuracy against your history: ${percent(p.historyAccuracy)}.`}`,
  ].join('\n');
}

export function predictRecords(kind: RecordKind, o: { db: string; json: boolean }) {
  return withCore(o.db, async (core) => {
    const report = await core.router.invoke('records.predict', { kind, trainMissing: true }, cliContext);
    printResult(o.json, report, () => describePrediction(report));
  });
}

export function exportRecords(o: { kind: string; db: string; out: string; json: boolean }) {
  const kind = kindSchema.safeParse(o.kind);
  if (!kind.success) throw new DocketError('BAD_INPUT', `--kind must be tickets or crm, not “${o.kind}”.`);
  return withCore(o.db, async (core) => {
    const file = await core.router.invoke('records.export', { kind: kind.data }, cliContext);
    const out = resolve(o.out);
    try {
      await writeFile(out, Buffer.from(file.dataBase64, 'base64'));
    } catch (e) {
      throw new DocketError(
        'IO_ERROR',
        `Cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`,
      );
    }
    const result = { kind: kind.data, out, rows: file.rows };
    printResult(o.json, result, () => `Wrote ${file.rows} ${kind.data} records to ${out}.`);
  });
}

export function escalationShow(o: { db: string; json: boolean }) {
  return withCore(o.db, async (core) => {
    const s = await core.router.invoke('escalation.get', {}, cliContext);
    printResult(o.json, s, () => describeEscalation(s));
  });
}

export function escalationSet(o: {
  db: string;
  enable?: boolean;
  disable?: boolean;
  url?: string;
  model?: string;
  apiKeyEnv?: string;
  json: boolean;
}) {
  if (o.enable === o.disable) throw new DocketError('BAD_INPUT', 'Say --enable or --disable.');
  const apiKey = o.apiKeyEnv ? process.env[o.apiKeyEnv] : undefined;
  if (o.apiKeyEnv && apiKey === undefined) {
    throw new DocketError('BAD_INPUT', `The environment variable ${o.apiKeyEnv} is not set.`);
  }
  return withCore(o.db, async (core) => {
    const s = await core.router.invoke(
      'escalation.set',
      {
        enabled: o.enable === true,
        ...(o.url ? { url: o.url } : {}),
        ...(o.model ? { model: o.model } : {}),
        ...(apiKey !== undefined ? { apiKey } : {}),
      },
      cliContext,
    );
    printResult(o.json, s, () => describeEscalation(s));
  });
}

function describeEscalation(s: Output<'escalation.get'>): string {
  if (s.forbiddenByPolicy) return 'Escalation is forbidden by your organisation’s policy.';
  return s.enabled
    ? `Escalation is on: items below the low threshold go to ${s.url} (model ${s.model}).`
    : 'Escalation is off: nothing leaves this machine.';
}
