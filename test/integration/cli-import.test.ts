// `docket import` and `docket docs` as a script uses them: the JSON summary's fields are a contract.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docket } from '../helpers/cli.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();

function setup(): { db: string; folder: string } {
  const dir = tempDir();
  const db = join(dir, 'd.db');
  const folder = join(dir, 'in');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a.txt'), 'The Ardmore lease renewal notice.');
  writeFileSync(join(folder, 'b.txt'), 'The Ardmore lease renewal notice.'); // an exact duplicate of a.txt
  writeFileSync(join(folder, 'c.csv'), 'Customer,Total\nArdmore,120\n');
  writeFileSync(join(folder, 'zero.pdf'), '');
  expect(docket(['init', '--db', db]).code).toBe(0);
  return { db, folder };
}

describe('docket import', () => {
  it('prints the JSON summary and exits 0 even though a file failed; the failure is listed with its reason', () => {
    const { db, folder } = setup();
    const r = docket(['import', folder, '--db', db, '--json', '--workers', '1']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ imported: 2, duplicates: 1, failed: { empty: 1 }, status: 'done' });
    expect(summary.pages).toBeGreaterThanOrEqual(2);
    expect(typeof summary.seconds).toBe('number');
    expect(summary.failedFiles).toEqual([
      { path: join(folder, 'zero.pdf'), reason: 'empty', message: 'The file is empty (0 bytes).' },
    ]);
  });

  it('without --json it says what happened in words', () => {
    const { db, folder } = setup();
    const r = docket(['import', folder, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported 2 files/);
    expect(r.stdout).toMatch(/1 exact duplicates were linked/);
    expect(r.stdout).toMatch(/zero\.pdf: The file is empty/);
  });

  it('exits 1 when the import cannot run at all', () => {
    const { db, folder } = setup();
    const missing = docket(['import', join(folder, 'nope'), '--db', db, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    const noDb = docket(['import', folder, '--db', join(folder, 'none.db')]);
    expect(noDb.code).toBe(1);
    expect(docket(['import', folder, '--db', db, '--workers', '0']).code).toBe(2);
  });
});

describe('docket docs', () => {
  it('lists, shows and prints the text of documents', () => {
    const { db, folder } = setup();
    expect(docket(['import', folder, '--db', db, '--json']).code).toBe(0);
    const list = JSON.parse(docket(['docs', 'list', '--db', db, '--json']).stdout) as {
      total: number;
      items: Array<{ id: number; title: string; status: string }>;
    };
    expect(list.total).toBe(2); // b.txt is linked to a.txt, not stored twice
    const a = list.items.find((d) => d.title === 'a.txt' || d.title === 'b.txt')!; // whichever was stored first
    const show = JSON.parse(docket(['docs', 'show', String(a.id), '--db', db, '--json']).stdout) as {
      sourcePaths: string[];
      status: string;
    };
    expect(show.status).toBe('read');
    expect(show.sourcePaths.sort()).toEqual([join(folder, 'a.txt'), join(folder, 'b.txt')]);
    const text = docket(['docs', 'text', String(a.id), '--db', db]);
    expect(text.stdout).toContain('Ardmore lease renewal');
    const failed = list.items.find((d) => d.title === 'zero.pdf');
    expect(failed).toBeUndefined(); // an empty file is never stored, so it has no document; its job says why
    const missing = docket(['docs', 'show', '9999', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no document 9999/);
    const search = JSON.parse(
      docket(['docs', 'list', '--db', db, '--query', 'Ardmore', '--json']).stdout,
    ) as {
      total: number;
    };
    expect(search.total).toBe(2);
  });
});
