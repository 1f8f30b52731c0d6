// Opens Docket's encrypted SQLite database. The key is checked on a read-only connection first, so a wrong
// key or a database from a newer Docket is refused before anything could be written to the file.
import Sqlite, { type Database } from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { DocketError } from '../api/errors.ts';
import { vacuumInto } from './backup.ts';
import { migrate, schemaVersion } from './migrate.ts';
import { migrations as knownMigrations, type Migration } from './migrations/index.ts';

export interface OpenOptions {
  path: string;
  key: string;
  /** Create the file if it is missing (init). Otherwise a missing file is an error, never a new database. */
  create?: boolean;
  /**
   * Bring an older schema up to date (default). Read-only uses such as `status` and `backup` pass false,
   * so a backup taken before an upgrade holds the old schema.
   */
  migrate?: boolean;
  /** The migrations this build knows; tests pass longer lists to exercise upgrades. */
  migrations?: readonly Migration[];
}

export function databaseNotFound(path: string): DocketError {
  return new DocketError(
    'DB_NOT_FOUND',
    `No Docket database at ${path}. Create one with: docket init --db ${path}`,
  );
}

/** Where the automatic copy taken before upgrading an existing database's schema goes. */
export function preMigrationBackupPath(path: string, fromVersion: number): string {
  return `${path}.schema-${fromVersion}.bak`;
}

/** SQLCipher 4 compatible pages: sqlite3mc's 'sqlcipher' scheme with legacy=4 (SQLCipher 4 defaults). */
export function applyKey(db: Database, key: string): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // The key is bound as a string literal; escape quotes rather than trusting the caller.
  db.pragma(`key='${key.replaceAll("'", "''")}'`);
}

const sqliteCode = (e: unknown): string | undefined => (e as { code?: string }).code;

/** Checks key and schema version on a read-only connection; returns the file's schema version. */
function checkExisting(path: string, key: string, latest: number): number {
  let ro: Database;
  try {
    ro = new Sqlite(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new DocketError('IO_ERROR', `Cannot open ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    applyKey(ro, key);
    ro.prepare('SELECT count(*) FROM sqlite_master').get();
    const version = schemaVersion(ro);
    if (version > latest) {
      throw new DocketError(
        'DB_TOO_NEW',
        `${path} was written by a newer version of Docket (schema ${version}; this version reads up to ${latest}). ` +
          'Update Docket to open it. The file was not changed.',
      );
    }
    return version;
  } catch (e) {
    if (e instanceof DocketError) throw e;
    // With SQLCipher a wrong key makes page 1 unreadable: "not a database". A readable first page with
    // damage behind it is corruption (a truncated copy, a failing disk), which a new key would not fix.
    if (sqliteCode(e) === 'SQLITE_NOTADB') {
      throw new DocketError(
        'DB_KEY_WRONG',
        `Cannot open ${path}: the key is wrong, or the file is not an encrypted Docket database. The file was not changed.`,
        { cause: e },
      );
    }
    if (sqliteCode(e) === 'SQLITE_CORRUPT') {
      throw new DocketError(
        'DB_CORRUPT',
        `${path} is damaged (corrupt or truncated): restore it from a backup. The file was not changed.`,
        { cause: e },
      );
    }
    throw new DocketError('DB_CORRUPT', `Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    ro.close();
  }
}

export class Store {
  readonly db: Database;
  readonly path: string;

  private constructor(db: Database, path: string) {
    this.db = db;
    this.path = path;
  }

  static open(options: OpenOptions): Store {
    const { path, key } = options;
    if (key === '') throw new DocketError('DB_KEY_MISSING', 'The database key is empty.');
    const exists = existsSync(path) && statSync(path).size > 0;
    if (!exists && !options.create) throw databaseNotFound(path);
    const list = options.migrations ?? knownMigrations;
    const latest = list.at(-1)?.version ?? 0;
    const fileVersion = exists ? checkExisting(path, key, latest) : 0;

    const db = new Sqlite(path, { fileMustExist: exists });
    try {
      applyKey(db, key);
      // Encrypted or not, the database is private to its owner.
      if (!exists) chmodSync(path, 0o600);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      if (options.migrate !== false && fileVersion < latest) {
        // Upgrading changes the file for good: keep a copy of the old one first (once per version).
        const copy = preMigrationBackupPath(path, fileVersion);
        if (exists && fileVersion > 0 && !existsSync(copy)) vacuumInto(db, copy);
        migrate(db, list);
      }
    } catch (e) {
      db.close();
      if (e instanceof DocketError) throw e;
      throw new DocketError('DB_CORRUPT', `Cannot prepare ${path}: ${(e as Error).message}`, { cause: e });
    }
    return new Store(db, path);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** The cipher in use, read back from the connection (proof the pages are encrypted). */
  get cipher(): string {
    const name = this.db.pragma('cipher', { simple: true });
    return typeof name === 'string' && name !== '' ? name : 'none';
  }

  /** True when the file on disk does not start with SQLite's plaintext header. */
  get encryptedAtRest(): boolean {
    const header = Buffer.alloc(16);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, header, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    return !header.equals(Buffer.from('SQLite format 3\0', 'latin1'));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
