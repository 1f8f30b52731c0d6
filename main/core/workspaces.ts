// The window's workspaces: the user's own database, and a sample workspace beside it — fictional data from
// samples/ in its own encrypted database, so nothing of it mixes with real work, deleted in one click.
// Transports talk to `door`: it answers the workspace procedures itself and passes every other call to the
// workspace in use, moving live subscriptions (status, progress) across when that changes.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiResult } from '../api/contract.ts';
import { DocketError } from '../api/errors.ts';
import { Router, type ApiDoor, type CallContext, type Logger } from '../api/router.ts';
import type { SampleProgress, WorkspaceName, WorkspaceState } from '../api/workspace-contract.ts';
import { isSampleWorkspace, loadSamples, savedSampleReport } from '../samples/load-samples.ts';
import { holdsSamples } from '../samples/sample-files.ts';
import { isBesideDatabase, sampleWorkspacePath } from '../store/beside-database.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import type { DocketCore } from './docket.ts';

export { sampleWorkspacePath } from '../store/beside-database.ts';

/** Set in the user's database when it creates the sample workspace: what Docket may delete as its own. */
const CREATED_SETTING = 'workspace.sampleCreated';

export interface WorkspacesOptions {
  main: DocketCore;
  /** samples/, or undefined when this installation has none. */
  samplesDir: string | undefined;
  /** Opens the sample workspace's database, creating it (and its key, the shell's way) when missing. */
  openSample: (path: string) => DocketCore;
  log?: Logger;
}

interface LiveSubscription {
  name: string;
  input: unknown;
  ctx: CallContext;
  onEvent: (event: unknown) => void;
  stop: () => void;
}

export class Workspaces {
  readonly door: ApiDoor;
  private readonly main: DocketCore;
  private readonly samplePath: string;
  private readonly options: WorkspacesOptions;
  private readonly own: Router;
  private readonly live = new Set<LiveSubscription>();
  private sample: DocketCore | undefined;
  private activeName: WorkspaceName = 'main';
  private loading: SampleProgress | null = null;
  private loadError: string | null = null;
  private loaded: Promise<void> | null = null;
  private deleting: Promise<void> | null = null;

  constructor(options: WorkspacesOptions) {
    this.options = options;
    this.main = options.main;
    this.samplePath = sampleWorkspacePath(options.main.store.path);
    const log = options.log ?? console;
    this.own = new Router(
      {
        'workspace.get': () => this.state(),
        'workspace.trySample': () => this.trySample(),
        'workspace.useMain': () => this.useMain(),
        'workspace.deleteSample': () => this.deleteSample(),
      },
      {},
      log,
    );
    this.door = {
      call: (name, input, ctx) =>
        name.startsWith('workspace.')
          ? this.own.call(name, input, ctx)
          : this.active().router.call(name, input, ctx),
      subscribe: (name, input, ctx, onEvent) => this.subscribe(name, input, ctx, onEvent),
    };
  }

  /** The core every call goes to now. */
  active(): DocketCore {
    return this.activeName === 'sample' && this.sample ? this.sample : this.main;
  }

  state(): WorkspaceState {
    const exists = existsSync(this.samplePath);
    return {
      active: this.activeName,
      activeReport: savedSampleReport(this.active().store.db),
      sample: {
        available: this.options.samplesDir !== undefined,
        exists,
        deletable: exists && this.loaded === null && this.deletable(),
        loading: this.loading,
        error: this.loadError,
        report: this.sample && !this.loading ? savedSampleReport(this.sample.store.db) : null,
      },
    };
  }

  /**
   * Uses the sample workspace when it is loaded; otherwise starts loading it in the background and answers
   * at once (the window follows the loading in `workspace.get`, then asks again to use it). The switch
   * happens only when asked, so no call meant for one workspace lands in the other unannounced.
   */
  trySample(): WorkspaceState {
    const dir = this.options.samplesDir;
    if (dir === undefined) {
      throw new DocketError('NOT_FOUND', 'This installation of Docket does not include the sample data.');
    }
    if (!holdsSamples(dir)) {
      throw new DocketError('NOT_FOUND', `There is no sample data in ${dir}.`);
    }
    if (this.deleting) {
      throw new DocketError('CONFLICT', 'The sample workspace is being deleted; try again in a moment.');
    }
    if (this.loaded) return this.state();
    if (this.sample && savedSampleReport(this.sample.store.db)) {
      this.switchTo('sample');
      return this.state();
    }
    this.loadError = null;
    this.loaded = this.load(dir)
      .catch((e: unknown) => {
        this.loadError = `The sample data could not be loaded: ${(e as Error).message}`;
        (this.options.log ?? console).error('Loading the sample workspace failed', e);
      })
      .finally(() => {
        this.loading = null;
        this.loaded = null;
      });
    return this.state();
  }

  private async load(dir: string): Promise<void> {
    this.loading = { step: 'models', message: 'Creating the sample workspace', done: 0, total: 1 };
    if (!existsSync(this.samplePath)) setSetting(this.main.store.db, CREATED_SETTING, this.samplePath);
    this.sample ??= this.options.openSample(this.samplePath);
    const db = this.sample.store.db;
    // A database at that path that Docket did not make as the sample workspace is someone's own: never load
    // fiction into it. (One Docket made but left unmarked, say by a crash, is still its own.)
    if (!isSampleWorkspace(db) && !this.createdHere()) {
      const notOurs = this.sample;
      this.sample = undefined;
      await notOurs.close();
      throw new DocketError(
        'CONFLICT',
        `${this.samplePath} is not a sample workspace; Docket will not load sample data into it or delete it. Move it elsewhere to try the sample data.`,
      );
    }
    if (!savedSampleReport(db)) {
      await loadSamples(this.sample, dir, (p) => {
        this.loading = p;
      });
    }
  }

  /** This workspace's user database records having created the sample workspace at its path. */
  private createdHere(): boolean {
    return getSetting<string>(this.main.store.db, CREATED_SETTING) === this.samplePath;
  }

  /** Docket may delete it: it made it here, or it opens and says it is a sample workspace. */
  private deletable(): boolean {
    return this.createdHere() || (this.sample !== undefined && isSampleWorkspace(this.sample.store.db));
  }

  useMain(): WorkspaceState {
    this.switchTo('main');
    return this.state();
  }

  /** Closes the sample workspace and removes its database and the files and folders Docket made beside it. */
  async deleteSample(): Promise<WorkspaceState> {
    if (this.loaded) {
      throw new DocketError('CONFLICT', 'The sample workspace is still loading; delete it once it is ready.');
    }
    if (this.deleting) {
      await this.deleting;
      return this.state();
    }
    this.deleting = this.removeSample().finally(() => {
      this.deleting = null;
    });
    await this.deleting;
    return this.state();
  }

  private async removeSample(): Promise<void> {
    const path = this.samplePath;
    if (!this.sample && existsSync(path) && !this.createdHere()) {
      // Not made here: open it only to see what it is; what cannot be opened is not deleted.
      try {
        this.sample = this.options.openSample(path);
      } catch {
        // checked just below
      }
    }
    if (existsSync(path) && !this.deletable()) {
      throw new DocketError(
        'CONFLICT',
        `Docket cannot tell that ${path} is its sample workspace, so it does not delete it.`,
      );
    }
    this.switchTo('main');
    const sample = this.sample;
    this.sample = undefined;
    await sample?.close();
    const folder = dirname(path);
    try {
      for (const entry of readdirSync(folder)) {
        const full = join(folder, entry);
        if (isBesideDatabase(path, full)) rmSync(full, { recursive: true, force: true });
      }
    } catch (e) {
      throw new DocketError(
        'IO_ERROR',
        `The sample workspace could not be deleted completely from ${folder}: ${(e as Error).message}`,
      );
    }
    this.main.store.db.prepare('DELETE FROM settings WHERE key = ?').run(CREATED_SETTING);
    this.loadError = null;
  }

  private switchTo(name: WorkspaceName): void {
    if (name === this.activeName) return;
    this.activeName = name;
    const core = this.active();
    for (const s of this.live) {
      s.stop();
      const started = core.router.subscribe(s.name, s.input, s.ctx, s.onEvent);
      s.stop = started.ok ? started.data : () => {};
    }
  }

  private subscribe(
    name: string,
    input: unknown,
    ctx: CallContext,
    onEvent: (event: unknown) => void,
  ): ApiResult<() => void> {
    const started = this.active().router.subscribe(name, input, ctx, onEvent);
    if (!started.ok) return started;
    const entry: LiveSubscription = { name, input, ctx, onEvent, stop: started.data };
    this.live.add(entry);
    return {
      ok: true,
      data: () => {
        entry.stop();
        this.live.delete(entry);
      },
    };
  }

  /** Closes both workspaces; a loading in flight stops with them (imports resume their files next time). */
  async close(): Promise<void> {
    await Promise.all([this.sample?.close(), this.main.close()]);
  }
}
