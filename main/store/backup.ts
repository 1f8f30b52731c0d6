// Online backup: VACUUM INTO reads one consistent snapshot while the app keeps working, and writes it
// encrypted with the same key (sqlite3mc; the plain backup API refuses encrypted sources, which is right).
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DocketError } from '../api/errors.ts';
import type { Store } from './database.ts';

export function backupTo(
  store: Store,
  out: string,
): { path: string; sizeBytes: number; schemaVersion: number } {
  const target = resolve(out);
  if (target === resolve(store.path)) {
    throw new DocketError('CONFLICT', 'The backup cannot be written over the database itself.');
  }
  if (existsSync(target)) {
    throw new DocketError('CONFLICT', `${target} already exists; choose a new file name for the backup.`);
  }
  if (!existsSync(dirname(target))) {
    throw new DocketError('IO_ERROR', `The folder ${dirname(target)} does not exist.`);
  }
  // Write beside the target and rename, so a failed backup never leaves a half-written file under its name.
  const partial = `${target}.partial-${process.pid}`;
  try {
    store.db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new DocketError('IO_ERROR', `Backup to ${target} failed: ${(e as Error).message}`, { cause: e });
  }
  return { path: target, sizeBytes: statSync(target).size, schemaVersion: store.schemaVersion };
}
