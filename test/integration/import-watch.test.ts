// Watch folders: a new or changed file is taken once it has stopped changing; polling works for network
// shares.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestCores } from '../helpers/core.ts';
import { useTempDirs } from '../helpers/temp.ts';
import { ImportService } from '../../main/ingest/import-service.ts';
import { listImportJobs } from '../../main/store/imports.ts';
import type { DocketCore } from '../../main/core/docket.ts';

const openTestCore = useTestCores();
const tempDir = useTempDirs();
const services: ImportService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
});

function watchService(core: DocketCore, options: { rescanMs?: number } = {}): ImportService {
  const service = new ImportService({
    store: core.store,
    events: core.events,
    log: { error: () => {} },
    workers: 1,
    watchStableMs: 400,
    rescanMs: options.rescanMs ?? 60_000,
  });
  services.push(service);
  return service;
}

async function until<T>(read: () => T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const importedTitles = (core: DocketCore, id: number) =>
  listImportJobs(core.store.db, id, { limit: 100, offset: 0 })
    .items.filter((j) => j.outcome === 'imported')
    .map((j) => j.sourcePath.split('/').pop())
    .sort();

describe.each([
  ['file-system events', false],
  ['polling', true],
])('watch folder (%s)', (_name, polling) => {
  it('takes existing files, then new and changed ones once they are stable', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'before.txt'), 'Already there when watching began.');
    const core = openTestCore();
    const service = watchService(core);
    const id = await service.start({ sources: [dir], watch: true, polling }, 'test');
    await service.watcherReady(id);
    await until(
      () => importedTitles(core, id),
      (t) => t.includes('before.txt'),
    );

    // Written in pieces: it must be taken once, after the writes stop.
    const path = join(dir, 'arriving.txt');
    writeFileSync(path, 'Part one. ');
    await new Promise((r) => setTimeout(r, 150));
    appendFileSync(path, 'Part two.');
    await until(
      () => importedTitles(core, id),
      (t) => t.includes('arriving.txt'),
    );
    const text = await core.router.invoke(
      'documents.list',
      { query: 'Part two', limit: 10, offset: 0 },
      { transport: 'in-process', actor: 'test' },
    );
    expect(text.total).toBe(1);

    writeFileSync(join(dir, 'before.txt'), 'Changed later: a second version with new words.');
    await until(
      () => importedTitles(core, id),
      (t) => t.filter((x) => x === 'before.txt').length === 2,
    );
    expect(service.progress(id).status).toBe('watching');
  });
});

describe('watch folder across restarts', () => {
  it('watching the same folder again continues the same watch import and re-imports nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'kept.txt'), 'Taken the first time only.');
    const core = openTestCore();
    const first = watchService(core);
    const id = await first.start({ sources: [dir], watch: true }, 'test');
    await first.watcherReady(id);
    await until(
      () => importedTitles(core, id),
      (t) => t.includes('kept.txt'),
    );
    await first.close();

    const second = watchService(core);
    const again = await second.start({ sources: [dir], watch: true }, 'test');
    expect(again).toBe(id);
    await second.watcherReady(again);
    writeFileSync(join(dir, 'new.txt'), 'Arrived after the restart.');
    await until(
      () => importedTitles(core, id),
      (t) => t.includes('new.txt'),
    );
    expect(importedTitles(core, id)).toEqual(['kept.txt', 'new.txt']);
  });
});
