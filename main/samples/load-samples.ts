// Loads samples/ into a workspace and runs every task on it, through the same procedures the window and the
// command line use: the documents are read (invoices found in them), the help desk's history imported (its
// queue and priority models train) and the new mail routed, the CRM contacts and notes imported and tagged.
// `docket demo` and the window's "Try with sample data" both come here.
import { join } from 'node:path';
import { DocketError } from '../api/errors.ts';
import type { CallContext } from '../api/router.ts';
import type { SampleProgress, SampleReport } from '../api/workspace-contract.ts';
import type { DocketCore } from '../core/docket.ts';
import { installShippedModels } from '../engine/shipped-models.ts';
import { emailTicketMapping } from '../records/read-source.ts';
import { readMappingFile } from '../records/mapping-file.ts';
import type { RecordMapping } from '../records/types.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  holdsSamples,
  SAMPLE_ACTOR,
  SAMPLE_DOCUMENTS,
  SAMPLE_RECORD_SOURCES,
  type SampleRecordSource,
} from './sample-files.ts';
import { buildSampleReport } from './sample-report.ts';

const context: CallContext = { transport: 'in-process', actor: SAMPLE_ACTOR };

/** Marks a database as holding sample data only, so `docket demo` never loads fiction into real work. */
const KIND_SETTING = 'workspace.kind';
const REPORT_SETTING = 'workspace.sampleReport';

export function isSampleWorkspace(db: Database): boolean {
  return getSetting<string>(db, KIND_SETTING) === 'sample';
}

/** The report of the last complete loading; absent while loading or after an interrupted one. */
export function savedSampleReport(db: Database): SampleReport | null {
  return getSetting<SampleReport>(db, REPORT_SETTING) ?? null;
}

/** The column mapping beside an export; email has fixed fields. */
function sampleMapping(dir: string, source: SampleRecordSource): Promise<RecordMapping> {
  return source.mapping === null
    ? Promise.resolve(emailTicketMapping('Support inbox'))
    : readMappingFile(join(dir, source.mapping), source.kind);
}

export async function loadSamples(
  core: DocketCore,
  dir: string,
  onProgress: (progress: SampleProgress) => void = () => {},
): Promise<SampleReport> {
  const started = performance.now();
  if (!holdsSamples(dir)) {
    throw new DocketError(
      'NOT_FOUND',
      `There is no sample data in ${dir}: this installation does not include it. Regenerate it with node scripts/samples/write-samples.ts.`,
    );
  }
  const db = core.store.db;
  setSetting(db, KIND_SETTING, 'sample');
  db.prepare('DELETE FROM settings WHERE key = ?').run(REPORT_SETTING);

  onProgress({ step: 'models', message: 'Installing the models Docket ships', done: 0, total: 1 });
  await installShippedModels(core.models, SAMPLE_ACTOR);

  // Invoices are searched for in each document before its job counts as done, so they are all there after.
  onProgress({ step: 'documents', message: 'Reading the documents', done: 0, total: 0 });
  const { importId } = await core.router.invoke(
    'imports.start',
    { paths: [join(dir, SAMPLE_DOCUMENTS)] },
    context,
  );
  const off = core.events.on('import-progress', (p) => {
    if (p.importId === importId) {
      onProgress({ step: 'documents', message: 'Reading the documents', done: p.done, total: p.total });
    }
  });
  try {
    await core.imports.waitFor(importId);
  } finally {
    off();
  }
  const failed = await core.router.invoke(
    'imports.jobs',
    { importId, status: 'failed', limit: 1000, offset: 0 },
    context,
  );

  // Each import waits for a first model to train from the history in it, then predicts the rest.
  for (const [i, source] of SAMPLE_RECORD_SOURCES.entries()) {
    onProgress({
      step: source.step,
      message:
        source.step === 'tickets'
          ? 'Importing the help desk, learning its queues and routing the new tickets'
          : 'Importing the CRM, learning its tags and tagging the contacts',
      done: i,
      total: SAMPLE_RECORD_SOURCES.length,
    });
    await core.router.invoke(
      'records.importFile',
      { path: join(dir, source.file), mapping: await sampleMapping(dir, source) },
      context,
    );
  }

  onProgress({ step: 'report', message: 'Writing the report', done: 0, total: 1 });
  const report = await buildSampleReport(core, dir, {
    failedFiles: failed.items.map((j) => ({ path: j.sourcePath, reason: j.reason, message: j.message })),
    started,
  });
  setSetting(db, REPORT_SETTING, report);
  return report;
}
