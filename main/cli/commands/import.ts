// `docket import PATH... --db DB [--watch] [--workers N] [--json]`: a progress bar on a terminal, a JSON
// summary at the end. Files that fail are listed with their reason and do not fail the command; only an
// import that cannot run at all exits 1.
import type { ImportProgress } from '../../ingest/import-service.ts';
import { cliContext, openExisting } from '../open-core.ts';
import { printResult } from '../output.ts';

export interface ImportSummary {
  importId: number;
  status: string;
  imported: number;
  duplicates: number;
  unchanged: number;
  /** Failed files counted by reason, e.g. { "needs_password": 1, "corrupt": 2 }. */
  failed: Record<string, number>;
  failedFiles: Array<{ path: string; reason: string | null; message: string | null }>;
  pages: number;
  seconds: number;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${Math.round(s % 60)}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}

function progressLine(p: ImportProgress): string {
  const width = 24;
  const filled = p.total > 0 ? Math.round((p.done / p.total) * width) : 0;
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const eta = p.etaSeconds === null ? '' : ` · ETA ${formatSeconds(p.etaSeconds)}`;
  const failed = p.failed > 0 ? ` · ${p.failed} failed` : '';
  const scanning = p.scanning ? '+' : '';
  return `${bar} ${p.done}/${p.total}${scanning} files · ${p.pagesPerSecond.toFixed(1)} pages/s${eta}${failed}`;
}

export async function runImport(
  paths: string[],
  options: { db: string; watch: boolean; workers?: number | undefined; ocr: boolean; json: boolean },
): Promise<void> {
  const started = Date.now();
  const core = openExisting(options.db, options.workers === undefined ? {} : { workers: options.workers });
  const tty = process.stderr.isTTY && !options.json;
  let importId = 0;
  const off = core.events.on('import-progress', (p) => {
    if (p.importId !== importId) return;
    if (tty) process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
  });
  let interrupted = false;
  const stop = (): void => {
    interrupted = true;
    void core.close().then(() => {
      if (tty) process.stderr.write('\n');
      process.stderr.write(
        'docket: import interrupted; run the same command again to continue where it stopped.\n',
      );
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    importId = (
      await core.router.invoke('imports.start', { paths, watch: options.watch, ocr: options.ocr }, cliContext)
    ).importId;
    if (options.watch) {
      await core.imports.watcherReady(importId);
      process.stderr.write(
        `Watching ${paths.join(', ')} — new and changed files are imported. Stop with Ctrl+C.\n`,
      );
      await new Promise<never>(() => {}); // until a signal
    }
    const final = await core.imports.waitFor(importId);
    if (interrupted) return;
    if (tty) process.stderr.write('\n');
    const failedJobs = await core.router.invoke(
      'imports.jobs',
      { importId, status: 'failed', limit: 1000, offset: 0 },
      cliContext,
    );
    const failedFiles = failedJobs.items.map((j) => ({
      path: j.sourcePath,
      reason: j.reason,
      message: j.message,
    }));
    const summary: ImportSummary = {
      importId,
      status: final.status,
      imported: final.imported,
      duplicates: final.duplicates,
      unchanged: final.unchanged,
      failed: final.failedByReason,
      failedFiles,
      pages: final.pages,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    printResult(options.json, summary, () =>
      [
        `Imported ${summary.imported} files (${summary.pages} pages) in ${formatSeconds(summary.seconds)}.`,
        summary.duplicates > 0
          ? `${summary.duplicates} exact duplicates were linked to the documents already there.`
          : '',
        summary.unchanged > 0 ? `${summary.unchanged} files were already imported and unchanged.` : '',
        failedFiles.length > 0
          ? `${final.failed} files could not be read:\n${failedFiles.map((f) => `  ${f.path}: ${f.message ?? f.reason}`).join('\n')}`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  } finally {
    off();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (!interrupted) await core.close();
  }
}
