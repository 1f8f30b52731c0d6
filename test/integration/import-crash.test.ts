// Durability: an import killed with SIGKILL in the middle, then run again, ends with every file imported
// exactly once — no file lost, none duplicated.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, docket } from '../helpers/cli.ts';
import { useTempDirs } from '../helpers/temp.ts';
import { Store } from '../../main/store/database.ts';
import { resolveKey } from '../../main/store/keys.ts';

const tempDir = useTempDirs();

function countStored(root: string): number {
  if (!existsSync(root)) return 0;
  let n = 0;
  for (const a of readdirSync(root)) {
    for (const b of readdirSync(join(root, a))) {
      // Only complete originals: a copy interrupted by the kill is left as *.partial, never under its hash.
      n += readdirSync(join(root, a, b)).filter((name) => /^[0-9a-f]{64}$/.test(name)).length;
    }
  }
  return n;
}

describe('import after a crash', () => {
  it('kill -9 mid-way, run again: every file is imported exactly once', async () => {
    const dir = tempDir();
    const folder = join(dir, 'inbox');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    const FILES = 400;
    for (let i = 0; i < FILES; i++) {
      const name = i % 2 ? join('sub', `doc-${i}.txt`) : `doc-${i}.txt`;
      writeFileSync(join(folder, name), `Document ${i} of the crash test. Unique word crashword${i}.`);
    }
    const db = join(dir, 'd.db');
    expect(docket(['init', '--db', db]).code).toBe(0);
    const { DOCKET_DB_KEY: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [BIN, 'import', folder, '--db', db, '--json'], {
      env,
      stdio: 'ignore',
    });
    const originals = `${db}.originals`;
    // Kill once a good part, but not all, has been stored.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const stored = countStored(originals);
        if (stored >= 60) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(timer);
        reject(new Error('the import finished before it could be killed'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    expect(countStored(originals)).toBeLessThan(FILES);

    const again = docket(['import', folder, '--db', db, '--json']);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout) as {
      imported: number;
      duplicates: number;
      failed: Record<string, number>;
    };
    expect(summary.failed).toEqual({});
    expect(summary.duplicates).toBe(0);

    const store = Store.open({ path: db, key: resolveKey(db).key });
    try {
      const one = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
      expect(one('SELECT count(*) AS n FROM documents')).toBe(FILES);
      expect(one(`SELECT count(*) AS n FROM documents WHERE status = 'read'`)).toBe(FILES);
      expect(one('SELECT count(DISTINCT source_path) AS n FROM file_sources')).toBe(FILES);
      expect(one('SELECT count(*) AS n FROM file_sources')).toBe(FILES);
      expect(one('SELECT count(*) AS n FROM files')).toBe(FILES);
      expect(one(`SELECT count(*) AS n FROM jobs WHERE status != 'done'`)).toBe(0);
      expect(
        one(`SELECT count(*) AS n FROM document_text_fts WHERE document_text_fts MATCH 'crashword399'`),
      ).toBe(1);
    } finally {
      store.close();
    }
    expect(countStored(originals)).toBe(FILES);
  });
});
