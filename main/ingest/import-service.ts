// Runs imports: scans sources into durable jobs, takes each job through its stages (hash → store → read),
// reads in a pool of worker threads, and reports progress. The thread that calls this only hashes in
// streamed chunks, copies through the OS and writes results; the heavy reading happens in the workers.
import { workerScript } from '../core/worker-script.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { basename, relative, resolve, sep } from 'node:path';
import { stat } from 'node:fs/promises';
import { watch as watchFiles, type FSWatcher } from 'chokidar';
import type { Store } from '../store/database.ts';
import type { EventHub } from '../core/events.ts';
import { appendAudit } from '../store/audit.ts';
import { getSetting } from '../store/settings.ts';
import {
  cancelQueued,
  claimJob,
  clearReadResults,
  insertPages,
  insertRows,
  createImport,
  enqueueScanned,
  failJob,
  findResumable,
  findUnchanged,
  getImport,
  getJob,
  hasUnfinishedJobs,
  importCounts,
  markScanComplete,
  markUnchanged,
  nextQueuedJobs,
  recordRead,
  recordStored,
  requeueFailed,
  requeueInterrupted,
  requeueJob,
  setImportStatus,
  storedPathOf,
  unfinishedImports,
  type ImportCounts,
  type ImportStatus,
  type JobRow,
  type StoredAttachment,
} from '../store/imports.ts';
import { defaultReadLimits, type ReadLimits } from '../documents/read-error.ts';
import { formatMb } from '../documents/read-document.ts';
import { ContentStore, hashFile } from './content-store.ts';
import { globFilter, isJunk, isOwnFile, scanSources, type ScanEntry } from './scan.ts';
import { WorkerCrashError, WorkerPool, WorkerTimeoutError } from './worker-pool.ts';
import type { ReadRequest, ReadResponse } from './read-protocol.ts';
import { DocketError } from '../api/errors.ts';

export interface ImportRequest {
  sources: string[];
  include?: string[] | undefined;
  exclude?: string[] | undefined;
  /** Keep watching the folders: new and changed files are taken once they stop changing. */
  watch?: boolean | undefined;
  /** Poll instead of relying on file-system events (network shares). */
  polling?: boolean | undefined;
  limits?: Partial<ReadLimits> | undefined;
  /** Read scanned pages and images with OCR (default true); off, they are kept with no text. */
  ocr?: boolean | undefined;
}

export interface ImportProgress extends ImportCounts {
  importId: number;
  status: ImportStatus;
  scanning: boolean;
  /** Files finished (read, duplicate, unchanged, failed or cancelled). */
  done: number;
  pagesPerSecond: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
}

export interface ImportServiceOptions {
  store: Store;
  events: EventHub;
  log: { error(message: string, e?: unknown): void };
  /** Read workers; default the setting `ingest.workers`, else the number of cores. */
  workers?: number | undefined;
  /** Watch folders: how long a file must stay unchanged before it is taken, and how often to rescan. */
  watchStableMs?: number | undefined;
  rescanMs?: number | undefined;
  /** The database key, for the background checkpointer's own connection. */
  key?: string | undefined;
  /** Further reading of each document once stored (invoices); a failure there is logged, not the job's. */
  afterRead?: ((documentId: number, mediaType: string) => Promise<unknown>) | undefined;
}

/** What an import was started with (kept in `imports.options`). */
interface StoredOptions {
  include?: string[];
  exclude?: string[];
  watch?: boolean;
  polling?: boolean;
  limits?: Partial<ReadLimits>;
  ocr?: boolean;
}

interface Active {
  startedAt: number;
  pagesAtStart: number;
  doneAtStart: number;
  scanning: boolean;
  /** Set by cancel(), so the scan stops without asking the database at every file. */
  cancelled: boolean;
  watcher: FSWatcher | null;
  watcherReady: Promise<void>;
  rescanTimer: NodeJS.Timeout | null;
  waiters: Array<(p: ImportProgress) => void>;
  limits: ReadLimits;
  ocr: boolean;
}

const WORKER_URL = workerScript(import.meta.url, './read-worker.ts', './read-worker.mjs');
const CHECKPOINTER_URL = workerScript(import.meta.url, '../store/checkpointer.ts', './checkpointer.mjs');

export class ImportService {
  private readonly store: Store;
  private readonly events: EventHub;
  private readonly log: ImportServiceOptions['log'];
  private readonly contentStore: ContentStore;
  private readonly workerCount: number;
  private readonly watchStableMs: number;
  private readonly rescanMs: number;
  private pool: WorkerPool<ReadRequest, ReadResponse> | null = null;
  private checkpointer: Worker | null = null;
  private readonly key: string | undefined;
  private readonly afterRead: ImportServiceOptions['afterRead'];
  private readonly active = new Map<number, Active>();
  private readonly inHand = new Set<number>();
  private readonly passwords = new Map<number, string>();
  private readonly progressTimers = new Map<number, NodeJS.Timeout>();
  private lastStatusEvent = 0;
  private closed = false;

  constructor(options: ImportServiceOptions) {
    this.store = options.store;
    this.events = options.events;
    this.log = options.log;
    this.contentStore = ContentStore.forDatabase(options.store.path);
    this.workerCount =
      options.workers ?? getSetting<number>(options.store.db, 'ingest.workers') ?? availableParallelism();
    this.watchStableMs = options.watchStableMs ?? 3000;
    this.rescanMs = options.rescanMs ?? 10 * 60_000;
    this.key = options.key;
    this.afterRead = options.afterRead;
  }

  private get db() {
    return this.store.db;
  }

  get workers(): number {
    return this.workerCount;
  }

  private workerPool(): WorkerPool<ReadRequest, ReadResponse> {
    if (!this.pool) {
      this.pool = new WorkerPool<ReadRequest, ReadResponse>(WORKER_URL, { size: this.workerCount });
      this.startCheckpointer();
    }
    return this.pool;
  }

  /** Starts an import, or continues an unfinished one of the same sources. Returns its id at once. */
  async start(request: ImportRequest, actor: string): Promise<number> {
    const sources = request.sources.map((s) => resolve(s));
    if (sources.length === 0)
      throw new DocketError('BAD_INPUT', 'Choose at least one folder or file to import.');
    const found = await Promise.all(
      sources.map((s) =>
        stat(s).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!found.includes(true)) {
      throw new DocketError('NOT_FOUND', `Nothing to import: ${sources.join(', ')} does not exist.`);
    }
    const watch = request.watch === true;
    const options = {
      include: request.include ?? [],
      exclude: request.exclude ?? [],
      watch,
      polling: request.polling === true,
      limits: request.limits ?? {},
      ocr: request.ocr !== false,
    };
    const resumable = findResumable(this.db, sources, watch);
    let id: number;
    if (resumable) {
      id = resumable.id;
      requeueInterrupted(this.db, id);
      setImportStatus(this.db, id, watch ? 'watching' : 'running');
    } else {
      id = createImport(this.db, { sources, options, actor, watch });
    }
    appendAudit(this.db, {
      actor,
      action: resumable ? 'import.resume' : 'import.start',
      subject: `import:${id}`,
      details: { sources, watch },
    });
    this.activate(id);
    return id;
  }

  /** After a restart: interrupted jobs go back to the queue and unfinished imports carry on. */
  resumeUnfinished(): number[] {
    requeueInterrupted(this.db);
    const ids: number[] = [];
    for (const row of unfinishedImports(this.db)) {
      this.activate(row.id);
      ids.push(row.id);
    }
    return ids;
  }

  private limitsFor(options: StoredOptions): ReadLimits {
    const fromSettings: Partial<ReadLimits> = {};
    const maxMb = getSetting<number>(this.db, 'ingest.maxFileMb');
    if (maxMb) fromSettings.maxBytes = maxMb * 1024 * 1024;
    const maxPages = getSetting<number>(this.db, 'ingest.maxPages');
    if (maxPages) fromSettings.maxPages = maxPages;
    const timeout = getSetting<number>(this.db, 'ingest.timeoutSeconds');
    if (timeout) fromSettings.timeoutMs = timeout * 1000;
    return { ...defaultReadLimits, ...fromSettings, ...options.limits };
  }

  private activate(id: number): void {
    if (this.active.has(id)) {
      this.pump();
      return;
    }
    const row = getImport(this.db, id)!;
    const options = row.options as StoredOptions;
    const counts = importCounts(this.db, id);
    const state: Active = {
      startedAt: Date.now(),
      pagesAtStart: counts.pages,
      doneAtStart: doneOf(counts),
      scanning: !row.scanComplete,
      cancelled: row.status === 'cancelled',
      watcher: null,
      watcherReady: Promise.resolve(),
      rescanTimer: null,
      waiters: [],
      limits: this.limitsFor(options),
      ocr: options.ocr !== false,
    };
    this.active.set(id, state);
    if (state.scanning) void this.scan(id, row.sources, options);
    if (options.watch && row.status !== 'cancelled' && row.status !== 'done') {
      this.startWatching(id, row.sources, options);
    }
    this.pump();
    this.scheduleProgress(id);
    // Nothing left to do (say it was paused while its last files were read): finish now.
    this.checkFinished(id);
  }

  private async scan(id: number, sources: string[], options: { include?: string[]; exclude?: string[] }) {
    const state = this.active.get(id);
    if (!state) return;
    state.scanning = true;
    let batch: ScanEntry[] = [];
    const flush = (): void => {
      if (batch.length === 0 || this.closed) return;
      enqueueScanned(this.db, id, batch);
      batch = [];
      this.pump();
      this.scheduleProgress(id);
    };
    try {
      for await (const entry of scanSources(sources, {
        ...options,
        skip: (p) => isOwnFile(this.store.path, p),
      })) {
        if (this.closed || state.cancelled) return;
        batch.push(entry);
        if (batch.length >= 200) flush();
      }
      if (state.cancelled) return;
      flush();
      if (!this.closed) markScanComplete(this.db, id);
    } catch (e) {
      this.log.error(`Import ${id}: scanning stopped`, e);
    } finally {
      state.scanning = false;
      if (!this.closed) {
        // Cancelled while files were being found: whatever was queued meanwhile is cancelled too.
        if (state.cancelled) cancelQueued(this.db, id);
        this.checkFinished(id);
        this.scheduleProgress(id);
      }
    }
  }

  private startWatching(
    id: number,
    sources: string[],
    options: { include?: string[]; exclude?: string[]; polling?: boolean },
  ) {
    const state = this.active.get(id)!;
    const globs = globFilter(options);
    // Globs are relative to the watched folder, as in the scan.
    const relativeTo = (path: string): string => {
      const root = sources.find((s) => path === s || path.startsWith(`${s}${sep}`));
      return (root ? relative(root, path) : basename(path)).split(sep).join('/');
    };
    const wanted = (path: string): boolean => {
      const rel = relativeTo(path);
      if (isJunk(basename(path)) || isOwnFile(this.store.path, path) || globs.excluded(rel)) return false;
      return globs.included(rel);
    };
    const watcher = watchFiles(sources, {
      ignoreInitial: true,
      usePolling: options.polling === true,
      interval: 1000,
      binaryInterval: 1000,
      awaitWriteFinish: { stabilityThreshold: this.watchStableMs, pollInterval: 250 },
      ignored: (path: string, stats?: { isFile(): boolean }) => Boolean(stats?.isFile()) && !wanted(path),
    });
    const take = (path: string, stats?: { size: number; mtimeMs: number }): void => {
      if (!wanted(path) || this.closed) return;
      const entry: ScanEntry = stats
        ? { path, sizeBytes: stats.size, mtimeMs: stats.mtimeMs }
        : { path, unreadable: 'It could not be examined.' };
      try {
        enqueueScanned(this.db, id, [entry]);
        this.pump();
        this.scheduleProgress(id);
      } catch (e) {
        this.log.error(`Import ${id}: could not queue ${path}`, e);
      }
    };
    watcher.on('add', take);
    watcher.on('change', take);
    watcher.on('error', (e) => this.log.error(`Import ${id}: watching failed`, e));
    state.watcher = watcher;
    state.watcherReady = new Promise((r) => watcher.once('ready', () => r()));
    // Events can be missed (sleep, network shares, overflow): a periodic rescan catches up.
    state.rescanTimer = setInterval(() => {
      if (!state.scanning) void this.scan(id, sources, options);
    }, this.rescanMs);
    state.rescanTimer.unref();
  }

  /** Resolves once the watcher is ready (tests and the CLI wait for it before changing files). */
  async watcherReady(id: number): Promise<void> {
    await this.active.get(id)?.watcherReady;
  }

  private capacity(): number {
    // Reading happens in the pool; a couple more jobs hash and copy meanwhile so the workers never wait.
    return this.workerCount + 2;
  }

  private pump(): void {
    if (this.closed) return;
    // Only this process's own imports: another process with the same database keeps its own.
    for (const importId of this.active.keys()) {
      const free = this.capacity() - this.inHand.size;
      if (free <= 0) return;
      const status = getImport(this.db, importId)?.status;
      if (status !== 'running' && status !== 'watching') continue;
      for (const job of nextQueuedJobs(this.db, importId, free, this.inHand)) {
        if (!claimJob(this.db, job.id)) continue;
        this.inHand.add(job.id);
        void this.process(job)
          .catch((e: unknown) => {
            this.log.error(`Import job ${job.id} (${job.sourcePath})`, e);
            if (!this.closed) failJob(this.db, job, 'unreadable', describeError(e));
          })
          .finally(() => {
            this.inHand.delete(job.id);
            if (this.closed) return;
            this.scheduleProgress(job.importId);
            this.checkFinished(job.importId);
            this.pump();
          })
          // A database that fails here (disk full) must not take the process down with an unhandled rejection.
          .catch((e: unknown) => this.log.error(`Import job ${job.id}: could not record the outcome`, e));
      }
    }
  }

  private async process(queued: JobRow): Promise<void> {
    // Jobs are only taken for active imports, and an import stays active while any of its jobs runs.
    const { limits, ocr } = this.active.get(queued.importId)!;
    let job = queued;
    if (job.stage === 'hash') {
      // The size now, not when the folder was scanned: a retried file may have been fixed since.
      const size = await stat(job.sourcePath).then(
        (s) => s.size,
        () => job.payload.sizeBytes ?? 0,
      );
      if (size === 0) return failJob(this.db, job, 'empty', 'The file is empty (0 bytes).');
      if (size > limits.maxBytes) {
        return failJob(
          this.db,
          job,
          'too_large',
          `The file is ${formatMb(size)}, over the limit of ${formatMb(limits.maxBytes)}.`,
        );
      }
      let hashed;
      try {
        hashed = await hashFile(job.sourcePath);
      } catch (e) {
        return failJob(this.db, job, 'unreadable', `It could not be read: ${describeError(e)}`);
      }
      if (this.closed) return;
      const unchanged = findUnchanged(this.db, job.sourcePath, hashed.sha256);
      if (unchanged !== null) return markUnchanged(this.db, job.id, unchanged);
      const relative = await this.contentStore.putFile(job.sourcePath, hashed);
      if (this.closed) return;
      const next = recordStored(this.db, job, { ...hashed, relative });
      if (next.next === 'duplicate') return;
      job = getJob(this.db, job.id)!;
    }
    if (job.stage !== 'read' || job.fileId === null) return;
    const status = getImport(this.db, job.importId)?.status;
    if (status === 'paused' || status === 'cancelled') {
      // Paused between stages: the job waits at the read stage; cancelled: the cancel already marked the rest.
      requeueJob(this.db, job.id);
      if (status === 'cancelled') cancelQueued(this.db, job.importId);
      return;
    }
    const storedPath = this.contentStore.absolutePath(storedPathOf(this.db, job.fileId));
    const password = this.passwords.get(job.id);
    this.passwords.delete(job.id);
    let response: ReadResponse;
    try {
      response = await this.workerPool().run(
        {
          storedPath,
          fileName: job.payload.fileName ?? basename(job.sourcePath),
          limits,
          password,
          ocr,
        },
        { timeoutMs: limits.timeoutMs },
      );
    } catch (e) {
      if (this.closed) return;
      if (e instanceof WorkerTimeoutError) {
        return failJob(this.db, job, 'timeout', `Reading stopped: ${e.message} The reader was restarted.`);
      }
      if (e instanceof WorkerCrashError) {
        return failJob(this.db, job, e.outOfMemory ? 'too_large' : 'corrupt', `Reading failed: ${e.message}`);
      }
      throw e;
    }
    if (this.closed) return;
    if (!response.ok) return failJob(this.db, job, response.reason, response.message);
    const attachments: StoredAttachment[] = [];
    for (const a of response.attachments) {
      const stored = await this.contentStore.putBytes(a.bytes);
      attachments.push({ fileName: a.fileName, mediaType: a.mediaType, ...stored });
    }
    if (this.closed) return;
    // Long documents are written a few pages at a time, yielding in between, so the window stays responsive.
    clearReadResults(this.db, job.documentId!);
    for (let i = 0; i < response.pages.length; i += PAGES_PER_WRITE) {
      insertPages(this.db, job.documentId!, response.pages.slice(i, i + PAGES_PER_WRITE));
      await yieldToEventLoop();
      if (this.closed) return;
    }
    for (const table of response.tables) {
      for (let i = 0; i < table.rows.length; i += ROWS_PER_WRITE) {
        insertRows(this.db, job.documentId!, table.name, table.rows.slice(i, i + ROWS_PER_WRITE));
        await yieldToEventLoop();
        if (this.closed) return;
      }
    }
    // Before the job is recorded as read: an import counts as done only when its documents are fully read.
    if (this.afterRead) {
      try {
        await this.afterRead(job.documentId!, response.mediaType);
      } catch (e) {
        this.log.error(`Reading invoices in document ${job.documentId} failed`, e);
      }
      if (this.closed) return;
    }
    recordRead(this.db, job, response, attachments);
  }

  private checkFinished(id: number): void {
    if (this.closed) return;
    const state = this.active.get(id);
    const row = getImport(this.db, id);
    if (!state || !row || state.scanning) return;
    // A scan that stopped early (an error) leaves the import to be resumed, not called done.
    if (!row.scanComplete && row.status !== 'cancelled') return;
    if (row.status === 'watching' || row.status === 'paused') return;
    // An indexed probe, not a count: this runs after every file. Jobs in hand are 'running' in the table.
    if (hasUnfinishedJobs(this.db, id)) return;
    if (row.status === 'running') setImportStatus(this.db, id, 'done');
    this.emitProgress(id);
    const progress = this.progress(id);
    for (const w of state.waiters.splice(0)) w(progress);
    this.active.delete(id);
    this.events.statusChanged();
  }

  progress(id: number): ImportProgress {
    const row = getImport(this.db, id);
    if (!row) throw new DocketError('NOT_FOUND', `There is no import ${id}.`);
    const counts = importCounts(this.db, id);
    const state = this.active.get(id);
    const elapsedSeconds = state ? (Date.now() - state.startedAt) / 1000 : 0;
    const done = doneOf(counts);
    const pagesNow = state ? counts.pages - state.pagesAtStart : 0;
    const doneNow = state ? done - state.doneAtStart : 0;
    const remaining = counts.total - done;
    return {
      importId: id,
      status: row.status,
      scanning: state?.scanning ?? false,
      ...counts,
      done,
      pagesPerSecond: elapsedSeconds > 0 ? pagesNow / elapsedSeconds : 0,
      etaSeconds:
        doneNow > 0 && remaining > 0 ? (remaining * elapsedSeconds) / doneNow : remaining === 0 ? 0 : null,
      elapsedSeconds,
    };
  }

  /** Resolves when the import has finished (done or cancelled); a watching import never finishes. */
  waitFor(id: number): Promise<ImportProgress> {
    const state = this.active.get(id);
    if (!state) return Promise.resolve(this.progress(id));
    return new Promise((r) => state.waiters.push(r));
  }

  private scheduleProgress(id: number): void {
    if (this.progressTimers.has(id) || this.closed) return;
    const timer = setTimeout(() => {
      this.progressTimers.delete(id);
      if (!this.closed) this.emitProgress(id);
    }, 200);
    timer.unref();
    this.progressTimers.set(id, timer);
  }

  private emitProgress(id: number): void {
    const p = this.progress(id);
    this.events.importProgress(p);
    this.events.progress({
      jobId: null,
      kind: 'import',
      done: p.done,
      total: p.total,
      message: `Import ${id}: ${p.done} of ${p.total} files`,
    });
    if (Date.now() - this.lastStatusEvent > 1000 || p.status !== 'running') {
      this.lastStatusEvent = Date.now();
      this.events.statusChanged();
    }
  }

  pause(id: number, actor: string): ImportProgress {
    const row = this.require(id);
    if (row.status === 'running' || row.status === 'watching') {
      setImportStatus(this.db, id, 'paused');
      appendAudit(this.db, { actor, action: 'import.pause', subject: `import:${id}` });
    }
    this.emitProgress(id);
    return this.progress(id);
  }

  resume(id: number, actor: string): ImportProgress {
    const row = this.require(id);
    if (row.status === 'paused') {
      setImportStatus(this.db, id, row.options.watch ? 'watching' : 'running');
      appendAudit(this.db, { actor, action: 'import.resume', subject: `import:${id}` });
      const state = this.active.get(id);
      if (state && row.options.watch && !state.watcher) {
        this.startWatching(id, row.sources, row.options as { include?: string[]; exclude?: string[] });
      }
      this.activate(id);
    }
    this.emitProgress(id);
    return this.progress(id);
  }

  async cancel(id: number, actor: string): Promise<ImportProgress> {
    const row = this.require(id);
    if (row.status !== 'done' && row.status !== 'cancelled') {
      setImportStatus(this.db, id, 'cancelled');
      const state = this.active.get(id);
      if (state) state.cancelled = true;
      cancelQueued(this.db, id);
      appendAudit(this.db, { actor, action: 'import.cancel', subject: `import:${id}` });
      await this.stopWatching(id);
      this.checkFinished(id);
    }
    this.emitProgress(id);
    return this.progress(id);
  }

  /** Failed files go back to the queue; a password, when given, is used for this attempt only and not kept. */
  retry(id: number, jobIds: number[] | null, password: string | undefined, actor: string): number[] {
    const row = this.require(id);
    const ids = requeueFailed(this.db, id, jobIds);
    if (password) for (const j of ids) this.passwords.set(j, password);
    appendAudit(this.db, {
      actor,
      action: 'import.retry',
      subject: `import:${id}`,
      details: { jobs: ids.length, withPassword: Boolean(password) },
    });
    if (ids.length > 0) {
      if (row.status === 'cancelled') {
        setImportStatus(this.db, id, 'running');
        const state = this.active.get(id);
        if (state) state.cancelled = false;
      }
      this.activate(id);
    }
    this.emitProgress(id);
    return ids;
  }

  private require(id: number) {
    const row = getImport(this.db, id);
    if (!row) throw new DocketError('NOT_FOUND', `There is no import ${id}.`);
    return row;
  }

  private async stopWatching(id: number): Promise<void> {
    const state = this.active.get(id);
    if (!state) return;
    if (state.rescanTimer) clearInterval(state.rescanTimer);
    state.rescanTimer = null;
    await state.watcher?.close();
    state.watcher = null;
  }

  /** While imports run, the WAL is checkpointed from another thread instead of by the window's thread. */
  private startCheckpointer(): void {
    if (!this.key || this.checkpointer) return;
    this.db.pragma('wal_autocheckpoint = 0');
    const worker = new Worker(CHECKPOINTER_URL, {
      workerData: { path: this.store.path, key: this.key, intervalMs: 250 },
    });
    worker.unref();
    worker.on('error', (e) => {
      this.log.error('The background checkpointer stopped; the database checkpoints itself again', e);
      this.db.pragma('wal_autocheckpoint = 1000');
      this.checkpointer = null;
    });
    this.checkpointer = worker;
  }

  private async stopCheckpointer(): Promise<void> {
    const worker = this.checkpointer;
    if (!worker) return;
    this.checkpointer = null;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage('stop');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    await worker.terminate();
    this.db.pragma('wal_autocheckpoint = 1000');
  }

  /** Stops taking new work and waits for nothing: interrupted jobs resume from their stage next time. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.progressTimers.values()) clearTimeout(t);
    await Promise.all([...this.active.keys()].map((id) => this.stopWatching(id)));
    await this.pool?.close();
    await this.stopCheckpointer();
  }
}

const PAGES_PER_WRITE = 4;
const ROWS_PER_WRITE = 1000;
const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

function doneOf(c: ImportCounts): number {
  return c.imported + c.duplicates + c.unchanged + c.failed + c.cancelled;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
