// The sample workspace behind the window's "Try with sample data": loaded into a database of its own from a
// samples folder (a small one made here, in the layout of samples/), used in place of the user's workspace
// with live subscriptions moved across, left and re-entered, and deleted with every file it made — while the
// user's own database stays as it was.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../main/api/contract.ts';
import type { CallContext } from '../../main/api/router.ts';
import type { WorkspaceState } from '../../main/api/workspace-contract.ts';
import { openCore, type DocketCore } from '../../main/core/docket.ts';
import { Workspaces } from '../../main/core/workspaces.ts';
import { recordSamples } from '../../scripts/samples/records.ts';
import { TEST_KEY, useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();
const window: CallContext = { transport: 'ipc', actor: 'window' };
const open: Workspaces[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) await w.close();
});

function openDb(path: string): DocketCore {
  return openCore({ path, key: TEST_KEY, create: true, log: { error: () => {} } });
}

/** samples/ in miniature, in its layout: one document, a help desk with history, a mailbox, a CRM. */
function tinySamples(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'documents'), { recursive: true });
  writeFileSync(join(dir, 'documents', 'letter.txt'), 'Dear customer, your order 1234 has shipped.\n');
  const { files } = recordSamples({ tickets: 120, emails: 3, contacts: 40, notes: 10 });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function call<T>(w: Workspaces, name: string, input: unknown = {}): Promise<ApiResult<T>> {
  return (await w.door.call(name, input, window)) as ApiResult<T>;
}

async function ok<T>(w: Workspaces, name: string, input: unknown = {}): Promise<T> {
  const r = await call<T>(w, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

async function untilLoaded(w: Workspaces): Promise<WorkspaceState> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const state = await ok<WorkspaceState>(w, 'workspace.get');
    if (!state.sample.loading) return state;
    if (Date.now() > deadline) throw new Error(`still loading: ${JSON.stringify(state.sample.loading)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('workspaces', () => {
  it('loads the sample data into its own database, moves subscriptions across, and deletes it in one step', async () => {
    const folder = tempDir();
    const mainPath = join(folder, 'docket.db');
    const samplePath = join(folder, 'docket-sample.db');
    const w = new Workspaces({ main: openDb(mainPath), samplesDir: tinySamples(), openSample: openDb });
    open.push(w);
    const databases: string[] = [];
    const watched = w.door.subscribe('status.watch', {}, window, (s) =>
      databases.push((s as { database: string }).database),
    );
    expect(watched.ok).toBe(true);

    const first = await ok<WorkspaceState>(w, 'workspace.get');
    expect(first).toMatchObject({ active: 'main', sample: { available: true, exists: false, report: null } });

    // Loading runs in the background; the workspace cannot be deleted half made.
    const started = await ok<WorkspaceState>(w, 'workspace.trySample');
    expect(started.sample.loading).not.toBeNull();
    const refused = await call(w, 'workspace.deleteSample');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('CONFLICT');

    // Loaded, it is not used until asked for: no call meant for the user's workspace lands in it unannounced.
    const ready = await untilLoaded(w);
    expect(ready).toMatchObject({
      active: 'main',
      activeReport: null,
      sample: { error: null, exists: true },
    });
    const loaded = await ok<WorkspaceState>(w, 'workspace.trySample');
    expect(loaded.active).toBe('sample');
    const report = loaded.sample.report!;
    expect(loaded.activeReport).toEqual(report);
    expect(report.database).toBe(samplePath);
    expect(report.documents).toMatchObject({ files: 1, read: 1, failed: 0 });
    expect(report.tickets.records).toBe(123);
    expect(report.tickets.fromHistory).toBe(108);
    expect(report.tickets.routed).toBe(15);
    expect(report.crm.records).toBe(50);

    // Every call and the live status now concern the sample workspace; the user's own has nothing of it.
    const docs = await ok<{ total: number }>(w, 'documents.list', {});
    expect(docs.total).toBe(1);
    await expect.poll(() => databases.at(-1)).toBe(samplePath);
    const sampleCounts = await ok<{ counts: { documents: number; records: number } }>(w, 'status.get');
    expect(sampleCounts.counts.records).toBe(173);

    // Back to the user's workspace, and into the sample again: it is already loaded, nothing is redone.
    const back = await ok<WorkspaceState>(w, 'workspace.useMain');
    expect(back).toMatchObject({ active: 'main', activeReport: null, sample: { exists: true } });
    await expect.poll(() => databases.at(-1)).toBe(mainPath);
    expect((await ok<{ total: number }>(w, 'documents.list', {})).total).toBe(0);
    const again = await ok<WorkspaceState>(w, 'workspace.trySample');
    expect(again).toMatchObject({ active: 'sample', sample: { loading: null } });
    expect(again.sample.report!.seconds).toBe(report.seconds);

    // Deleted: the user's workspace is in use, every file of the sample's is gone, the user's are not —
    // not even files whose names start like the sample's.
    writeFileSync(join(folder, 'docket-sample.db-my-notes.txt'), 'mine\n');
    writeFileSync(join(folder, 'docket-sample.db.2025.bak'), 'mine\n');
    const afterDelete = await ok<WorkspaceState>(w, 'workspace.deleteSample');
    expect(afterDelete).toMatchObject({
      active: 'main',
      activeReport: null,
      sample: { exists: false, report: null },
    });
    expect(readdirSync(folder).filter((f) => f.startsWith('docket-sample.db'))).toEqual([
      'docket-sample.db-my-notes.txt',
      'docket-sample.db.2025.bak',
    ]);
    expect(existsSync(mainPath)).toBe(true);
    await expect.poll(() => databases.at(-1)).toBe(mainPath);
    const counts = await ok<{ counts: { files: number; records: number } }>(w, 'status.get');
    expect(counts.counts.files + counts.counts.records).toBe(0);
  }, 120_000);

  it('never loads sample data into, or deletes, a database of the user’s at the sample path', async () => {
    const folder = tempDir();
    const theirs = openDb(join(folder, 'docket-sample.db'));
    await theirs.close();
    const w = new Workspaces({
      main: openDb(join(folder, 'docket.db')),
      samplesDir: tinySamples(),
      openSample: openDb,
      log: { error: () => {} },
    });
    open.push(w);
    await ok(w, 'workspace.trySample');
    const state = await untilLoaded(w);
    expect(state.active).toBe('main');
    expect(state.sample.error).toMatch(
      /docket-sample\.db is not a sample workspace; Docket will not load sample data into it/,
    );
    expect(state.sample).toMatchObject({ exists: true, deletable: false });
    const refused = await call(w, 'workspace.deleteSample');
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/cannot tell that .*docket-sample\.db is its sample workspace/),
    });
    expect(existsSync(join(folder, 'docket-sample.db'))).toBe(true);
    const reopened = openDb(join(folder, 'docket-sample.db'));
    expect((reopened.store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n).toBe(0);
    await reopened.close();
  });

  it('deletes a sample workspace it made that can no longer be opened (a lost key)', async () => {
    const folder = tempDir();
    const mainPath = join(folder, 'docket.db');
    const samples = tinySamples();
    const first = new Workspaces({ main: openDb(mainPath), samplesDir: samples, openSample: openDb });
    await ok(first, 'workspace.trySample');
    expect((await untilLoaded(first)).sample.error).toBeNull();
    await first.close();

    const lostKey = (): DocketCore => {
      throw new Error('No key for the sample workspace.');
    };
    const w = new Workspaces({
      main: openDb(mainPath),
      samplesDir: samples,
      openSample: lostKey,
      log: { error: () => {} },
    });
    open.push(w);
    await ok(w, 'workspace.trySample');
    const broken = await untilLoaded(w);
    expect(broken).toMatchObject({ active: 'main', sample: { exists: true, deletable: true } });
    expect(broken.sample.error).toContain('No key for the sample workspace.');
    const deleted = await ok<WorkspaceState>(w, 'workspace.deleteSample');
    expect(deleted.sample).toMatchObject({ exists: false, deletable: false, error: null });
    expect(readdirSync(folder).filter((f) => f.startsWith('docket-sample.db'))).toEqual([]);
  });

  it('says so when this installation has no sample data', async () => {
    const w = new Workspaces({
      main: openDb(join(tempDir(), 'docket.db')),
      samplesDir: undefined,
      openSample: openDb,
    });
    open.push(w);
    expect((await ok<WorkspaceState>(w, 'workspace.get')).sample.available).toBe(false);
    const r = await call(w, 'workspace.trySample');
    expect(!r.ok && r.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This installation of Docket does not include the sample data.',
    });
  });

  it('refuses a samples folder without sample data, and keeps the user in their workspace', async () => {
    const empty = tempDir(); // no documents/ in it
    const folder = tempDir();
    const w = new Workspaces({
      main: openDb(join(folder, 'docket.db')),
      samplesDir: empty,
      openSample: openDb,
    });
    open.push(w);
    const r = await call(w, 'workspace.trySample');
    expect(!r.ok && r.error).toMatchObject({
      code: 'NOT_FOUND',
      message: `There is no sample data in ${empty}.`,
    });
    const state = await ok<WorkspaceState>(w, 'workspace.get');
    expect(state).toMatchObject({ active: 'main', sample: { exists: false, loading: null } });
    expect(existsSync(join(folder, 'docket-sample.db'))).toBe(false);
  });
});
