// `docket demo`: the whole job on the sample data in one command — a sample workspace created, every
// document read, invoices found, the help desk's models trained and its new tickets routed, the CRM
// tagged — and a short report; then `docket serve` on it with --serve.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DocketError } from '../../api/errors.ts';
import type { SampleProgress, SampleReport } from '../../api/workspace-contract.ts';
import { countRows } from '../../store/counts.ts';
import { isSampleWorkspace, loadSamples } from '../../samples/load-samples.ts';
import { samplesDirectory } from '../../samples/sample-files.ts';
import { openExisting, openOrCreate } from '../open-core.ts';
import { percent, printResult } from '../output.ts';
import { serve } from './serve.ts';

export interface DemoOptions {
  db?: string | undefined;
  json: boolean;
  serve: boolean;
  port?: number | undefined;
}

/** Checked before anything is written (no migration, no backup): only an earlier demo's database is reused. */
async function refuseUnlessSample(path: string): Promise<void> {
  const probe = openExisting(path, { migrate: false });
  try {
    if (isSampleWorkspace(probe.store.db)) return;
    const counts = countRows(probe.store.db);
    throw new DocketError(
      'BAD_INPUT',
      `${path} ${counts.files + counts.records > 0 ? 'holds your own documents or records' : 'is a database of your own'}. docket demo loads fictional sample data, so it only writes into a new database or an earlier demo's: choose another --db, or leave it out.`,
    );
  } finally {
    await probe.close();
  }
}

function progressLine(p: SampleProgress): string {
  return p.total > 0 ? `${p.message}… ${p.done}/${p.total}` : `${p.message}…`;
}

export async function demo(options: DemoOptions): Promise<void> {
  const dir = samplesDirectory();
  if (!dir) {
    throw new DocketError(
      'NOT_FOUND',
      'This installation of Docket has no sample data (samples/); regenerate it with node scripts/samples/write-samples.ts.',
    );
  }
  const path = resolve(options.db ?? join(mkdtempSync(join(tmpdir(), 'docket-demo-')), 'sample.db'));
  const existed = existsSync(path) && statSync(path).size > 0;
  if (existed) await refuseUnlessSample(path);
  const core = existed ? openExisting(path) : openOrCreate(path);
  let report: SampleReport;
  try {
    const tty = process.stderr.isTTY && !options.json;
    let last = '';
    report = await loadSamples(core, dir, (p) => {
      const line = progressLine(p);
      if (!tty || line === last) return;
      last = line;
      process.stderr.write(`\r\x1b[2K${line}`);
    });
    if (tty) process.stderr.write('\r\x1b[2K');
  } finally {
    await core.close();
  }
  printResult(options.json, report, () => describe(report, options.serve));
  if (options.serve) {
    await serve(path, { json: options.json, ...(options.port === undefined ? {} : { port: options.port }) });
  }
}

const money = (amount: number, currency: string | null): string =>
  `${amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;

function describe(r: SampleReport, serving: boolean): string {
  const d = r.documents;
  const inv = r.invoices;
  const t = r.tickets;
  const c = r.crm;
  const types = Object.entries(inv.byType)
    .map(([type, n]) => `${n} ${type.replace('_', ' ')}${n === 1 ? '' : 's'}`)
    .join(', ');
  const lines = [
    `Docket's sample workspace ${r.database}: everything below ran on this machine in ${r.seconds.toFixed(1)} s; nothing was sent anywhere.`,
    '',
    `Documents: ${d.read} read (${d.pages} pages) from ${d.files} files${d.failed ? `; ${d.failed} could not be read` : ''}.`,
    ...d.failedFiles.map((f) => `  ${f.path}: ${f.message ?? f.reason}`),
    `Invoices: ${inv.found} found (${types}); net of their totals ${inv.totals.map((x) => (x.currency ? money(x.amount, x.currency) : `${money(x.amount, null)} with no currency found`)).join(', ')}.`,
    `  ${inv.totalsRight} of ${inv.totalsChecked} totals match what the samples were generated with.`,
    ...inv.items.map(
      (i) =>
        `  ${i.title.padEnd(34)} ${(i.vendor ?? '?').slice(0, 28).padEnd(28)} ${(i.invoiceId ?? '').padEnd(14)} ${i.invoiceDate ?? '          '} ${i.total === null ? '?' : money(i.total, i.currency)}`,
    ),
    `Contracts: ${r.contracts.map((k) => `${k.title} (${k.type ?? 'type unknown'})`).join(', ') || 'none'}.`,
    `Tickets: ${t.records} imported, ${t.fromHistory} with the help desk's queue; ${t.routed} new ones routed: ${t.auto} applied, ${t.suggested} suggested, ${t.unassigned} left for review.`,
    `  Held-out accuracy against the history: queue ${percent(t.accuracy.queue)}, priority ${percent(t.accuracy.priority)}.`,
    `CRM: ${c.records} records; ${c.tagged} tagged and ${c.suggested} with suggested tags (held-out micro-F1 ${percent(c.accuracy)}); ${c.duplicates} likely duplicates.`,
    `  Tags: ${c.tags.map((x) => `${x.tag} ${x.records}`).join(', ')}.`,
    '',
    serving
      ? 'Opening it in the window:'
      : `Look at it in the window: npx docket serve --db ${r.database}   (or npm start, then "Try with sample data")`,
  ];
  return lines.join('\n');
}
