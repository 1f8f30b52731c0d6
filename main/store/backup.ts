// Online backup: VACUUM INTO reads one consistent snapshot while the app keeps working, and writes it
// encrypted with the same key (sqlite3mc; the plain backup API refuses encrypted sources, which is right).
import { chmodSync, existsSync, linkSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DocketError } from '../api/errors.ts';
import type { Store } from './database.ts';

/**
 * Writes a snapshot of `db` to `target`, readable only by its owner. It goes to a temporary name first and
 * is then hard-linked into place, which fails if `target` exists: a backup never replaces a file, and a
 * failed one never leaves a half-written file under the target's name.
 */
export function vacuumInto(db: Database, target: string): void {
  const partial = `${target}.partial-${process.pid}-${Date.now()}`;
  try {
    db.prepare('VACUUM INTO ?').run(partial);
    chmodSync(partial, 0o600);
    linkSync(partial, target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new DocketError('CONFLICT', `${target} already exists; choose a new file name for the backup.`);
    }
    throw new DocketError('IO_ERROR', `Backup to ${target} failed: ${(e as Error).message}`, { cause: e });
  } finally {
    rmSync(partial, { force: true });
  }
}

export function backupTo(
  store: Store,
  out: string,
): { path: string; sizeBytes: number; schemaVersion: number } {
  const target = resolve(out);
  if (target === resolve(store.path)) {
    throw new DocketError('CONFLICT', 'The backup cannot be written over the database itself.');
  }
  if (!existsSync(dirname(target))) {
    throw new DocketError('IO_ERROR', `The folder ${dirname(target)} does not exist.`);
  }
  vacuumInto(store.db, target);
  return { path: target, sizeBytes: statSync(target).size, schemaVersion: store.schemaVersion };
}
