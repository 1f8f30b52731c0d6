// The encrypted store on real SQLite files: encryption at rest, key checks that never touch the file,
// schema versions, migrations, full-text search and online backup.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { DocketError } from '../../main/api/errors.ts';
import { backupTo } from '../../main/store/backup.ts';
import { preMigrationBackupPath, Store } from '../../main/store/database.ts';
import { listDocuments } from '../../main/store/documents.ts';
import { migrate } from '../../main/store/migrate.ts';
import { LATEST_SCHEMA_VERSION, migrations } from '../../main/store/migrations/index.ts';
import { TEST_KEY, useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();

function newStore(): Store {
  return Store.open({ path: join(tempDir(), 'docket.db'), key: TEST_KEY, create: true });
}

function addDocument(store: Store, title: string, text: string): number {
  const id = Number(
    store.db.prepare('INSERT INTO documents (title, status) VALUES (?, ?)').run(title, 'read')
      .lastInsertRowid,
  );
  store.db.prepare('INSERT INTO document_text (document_id, text) VALUES (?, ?)').run(id, text);
  return id;
}

/** Every file the database consists of (main file, WAL, shared memory), read as bytes. */
function bytesOnDisk(dbPath: string): Buffer {
  const dir = join(dbPath, '..');
  const name = dbPath.split('/').pop() as string;
  return Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith(name))
      .map((f) => readFileSync(join(dir, f))),
  );
}

function openError(fn: () => unknown): DocketError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DocketError) return e;
    throw e;
  }
  throw new Error('expected a DocketError');
}

/** A ticket or CRM record with just its searchable text (the rest as an import would leave it). */
function addRecord(store: Store, kind: 'tickets' | 'crm', text: string): void {
  const { id } = store.db
    .prepare(
      `INSERT INTO record_sources (kind, name, mapping) VALUES (?, 'test', '{}')
       ON CONFLICT(kind, name) DO UPDATE SET name = excluded.name RETURNING id`,
    )
    .get(kind) as { id: number };
  store.db
    .prepare(
      `INSERT INTO records (kind, record_type, source_id, row_hash, raw, text) VALUES (?, ?, ?, ?, '{}', ?)`,
    )
    .run(kind, kind === 'tickets' ? 'ticket' : 'contact', id, text, text);
}

describe('encryption at rest', () => {
  it('keeps inserted text out of the bytes on disk, including the WAL, while open and after close', () => {
    const store = newStore();
    const secret = 'Invoice 4471 for Zebulon Quartermaine, IBAN DE89370400440532013000';
    addDocument(store, 'Confidential contract', secret);
    addRecord(store, 'tickets', `ticket from ${secret}`);
    expect(bytesOnDisk(store.path).includes('Zebulon')).toBe(false);
    expect(bytesOnDisk(store.path).includes('Confidential contract')).toBe(false);
    store.close();
    const bytes = readFileSync(store.path);
    expect(bytes.length).toBeGreaterThan(4096);
    expect(bytes.includes('Zebulon')).toBe(false);
    expect(bytes.includes('DE89370400440532013000')).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    // and the text is really there, for the right key
    const again = Store.open({ path: store.path, key: TEST_KEY });
    expect(listDocuments(again.db, { query: 'Zebulon', limit: 10, offset: 0 }).total).toBe(1);
    expect(again.encryptedAtRest).toBe(true);
    again.close();
  });

  it('is readable by a plain SQLCipher-4 configured connection with the same key (compatibility)', () => {
    const store = newStore();
    addDocument(store, 'Lease', 'lease agreement for the office');
    store.close();
    const raw = new Sqlite(store.path, { readonly: true });
    raw.pragma("cipher='sqlcipher'");
    raw.pragma('legacy=4');
    raw.pragma(`key='${TEST_KEY}'`);
    expect(raw.prepare('SELECT title FROM documents').get()).toEqual({ title: 'Lease' });
    raw.close();
  });

  it('refuses a wrong key with a clear error and leaves the file byte-identical, with no side files', () => {
    const store = newStore();
    addDocument(store, 'A', 'alpha');
    store.close();
    const before = readFileSync(store.path);
    const filesBefore = readdirSync(join(store.path, '..')).sort();
    const error = openError(() => Store.open({ path: store.path, key: 'not-the-key' }));
    expect(error.code).toBe('DB_KEY_WRONG');
    expect(error.message).toMatch(/key is wrong/);
    expect(error.message).toContain(store.path);
    expect(readFileSync(store.path).equals(before)).toBe(true);
    expect(readdirSync(join(store.path, '..')).sort()).toEqual(filesBefore);
  });

  it('refuses an unencrypted SQLite file rather than treating it as Docket data', () => {
    const path = join(tempDir(), 'plain.db');
    const plain = new Sqlite(path);
    plain.exec('CREATE TABLE t (a); INSERT INTO t VALUES (1)');
    plain.close();
    const before = readFileSync(path);
    expect(openError(() => Store.open({ path, key: TEST_KEY })).code).toBe('DB_KEY_WRONG');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('tells a damaged (truncated) database from a wrong key, and leaves it as it is', () => {
    const store = newStore();
    for (let i = 0; i < 50; i++) addDocument(store, `Doc ${i}`, 'words '.repeat(200));
    store.close();
    const whole = readFileSync(store.path);
    const truncated = whole.subarray(0, 4096 * 3);
    writeFileSync(store.path, truncated);
    const error = openError(() => Store.open({ path: store.path, key: TEST_KEY }));
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toMatch(/damaged .*restore it from a backup/);
    expect(readFileSync(store.path).equals(truncated)).toBe(true);
  });

  it('refuses random bytes as not a Docket database', () => {
    const path = join(tempDir(), 'random.db');
    writeFileSync(path, randomBytes(20_000));
    expect(openError(() => Store.open({ path, key: TEST_KEY })).message).toMatch(
      /not an encrypted Docket database/,
    );
  });

  it('never creates a new database where one is missing unless asked to', () => {
    const path = join(tempDir(), 'missing.db');
    expect(openError(() => Store.open({ path, key: TEST_KEY })).code).toBe('DB_NOT_FOUND');
    expect(existsSync(path)).toBe(false);
  });

  it('creates the database readable only by its owner', () => {
    const store = newStore();
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    store.close();
  });
});

describe('schema versions and migrations', () => {
  it('records every migration and sets the schema version', () => {
    const store = newStore();
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const rows = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    store.close();
  });

  it('refuses a database written by a newer Docket, with a message that says so, and does not touch it', () => {
    const store = newStore();
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    store.close();
    const before = readFileSync(store.path);
    const error = openError(() => Store.open({ path: store.path, key: TEST_KEY }));
    expect(error.code).toBe('DB_TOO_NEW');
    expect(error.message).toContain(`schema ${LATEST_SCHEMA_VERSION + 5}`);
    expect(error.message).toMatch(/newer version of Docket/);
    expect(error.message).toMatch(/Update Docket/);
    expect(readFileSync(store.path).equals(before)).toBe(true);
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const store = newStore();
    const broken = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: 'CREATE TABLE half_done (a); SELECT * FROM no_such_table;',
      },
    ];
    expect(() => migrate(store.db, broken)).toThrow(/no_such_table/);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    store.close();
  });

  it('keeps a copy of the old database before upgrading its schema, and leaves it alone when asked to', () => {
    const path = join(tempDir(), 'docket.db');
    Store.open({ path, key: TEST_KEY, create: true }).close();
    const next = [
      ...migrations,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'tags', sql: 'CREATE TABLE tags (id INTEGER PRIMARY KEY)' },
    ];
    const untouched = Store.open({ path, key: TEST_KEY, migrations: next, migrate: false });
    expect(untouched.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    untouched.close();
    expect(existsSync(preMigrationBackupPath(path, LATEST_SCHEMA_VERSION))).toBe(false);

    const upgraded = Store.open({ path, key: TEST_KEY, migrations: next });
    expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION + 1);
    upgraded.close();
    const copyPath = preMigrationBackupPath(path, LATEST_SCHEMA_VERSION);
    expect(statSync(copyPath).mode & 0o777).toBe(0o600);
    const copy = Store.open({ path: copyPath, key: TEST_KEY, migrate: false });
    expect(copy.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    copy.close();
  });

  it('runs with WAL and foreign keys on', () => {
    const store = newStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      store.db.prepare('INSERT INTO pages (document_id, page_number) VALUES (999, 1)').run(),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });
});

describe('full-text search', () => {
  it('finds documents by words in their text, ignores accents and survives punctuation in queries', () => {
    const store = newStore();
    addDocument(store, 'Rechnung', 'Rechnung Nr. 2024-117 für Müller GmbH, Betrag 1.250,00 EUR');
    addDocument(store, 'Contract', 'Master services agreement between Acme and Initech');
    expect(
      listDocuments(store.db, { query: 'muller', limit: 10, offset: 0 }).items.map((d) => d.title),
    ).toEqual(['Rechnung']);
    const hit = listDocuments(store.db, { query: 'services agreement', limit: 10, offset: 0 });
    expect(hit.total).toBe(1);
    expect(hit.items[0]?.snippet).toEqual([
      { text: 'Master ', match: false },
      { text: 'services', match: true },
      { text: ' ', match: false },
      { text: 'agreement', match: true },
      { text: ' between Acme and Initech', match: false },
    ]);
    expect(listDocuments(store.db, { query: '"unbalanced AND (', limit: 10, offset: 0 }).total).toBe(0);
    expect(listDocuments(store.db, { limit: 10, offset: 0 }).total).toBe(2);
    store.close();
  });

  it('keeps the index in step when text changes or is deleted', () => {
    const store = newStore();
    const id = addDocument(store, 'Memo', 'first draft wording');
    store.db
      .prepare('UPDATE document_text SET text = ? WHERE document_id = ?')
      .run('final approved wording', id);
    expect(listDocuments(store.db, { query: 'draft', limit: 10, offset: 0 }).total).toBe(0);
    expect(listDocuments(store.db, { query: 'approved', limit: 10, offset: 0 }).total).toBe(1);
    store.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    expect(listDocuments(store.db, { query: 'approved', limit: 10, offset: 0 }).total).toBe(0);
    store.close();
  });

  it('indexes record text (tickets, CRM)', () => {
    const store = newStore();
    addRecord(store, 'tickets', 'Printer on floor 3 is jammed');
    addRecord(store, 'crm', 'Jane Doe, procurement lead');
    const found = store.db.prepare("SELECT rowid FROM records_fts WHERE records_fts MATCH 'jammed'").all();
    expect(found).toHaveLength(1);
    store.close();
  });
});

describe('online backup', () => {
  it('writes an encrypted, readable copy while the database stays open and in use', () => {
    const store = newStore();
    addDocument(store, 'Before backup', 'text from before the backup');
    const out = join(tempDir(), 'backup.db');
    const result = backupTo(store, out);
    addDocument(store, 'After backup', 'text from after the backup');
    expect(result.path).toBe(out);
    expect(result.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(readFileSync(out).includes('text from before')).toBe(false);
    const copy = Store.open({ path: out, key: TEST_KEY });
    expect(listDocuments(copy.db, { limit: 10, offset: 0 }).items.map((d) => d.title)).toEqual([
      'Before backup',
    ]);
    copy.close();
    expect(() => Store.open({ path: out, key: 'wrong' })).toThrow(/key is wrong/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(out, '..')).filter((f) => f.includes('.partial-'))).toEqual([]);
    store.close();
  });

  it('refuses to overwrite an existing file or the database itself', () => {
    const store = newStore();
    const out = join(tempDir(), 'existing.db');
    backupTo(store, out);
    expect(openError(() => backupTo(store, out)).code).toBe('CONFLICT');
    expect(openError(() => backupTo(store, store.path)).code).toBe('CONFLICT');
    expect(openError(() => backupTo(store, join(tempDir(), 'no', 'such', 'dir.db'))).code).toBe('IO_ERROR');
    store.close();
  });
});
