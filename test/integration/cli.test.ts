// The `docket` command as users and scripts run it: real process, real database files, exit codes.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../main/store/database.ts';
import { LATEST_SCHEMA_VERSION } from '../../main/store/migrations/index.ts';
import { docket } from '../helpers/cli.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();

function initDb(): string {
  const db = join(tempDir(), 'd.db');
  const r = docket(['init', '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

describe('docket init and status', () => {
  it('creates an encrypted database with a 0600 key file, and status --json reports it', () => {
    const db = join(tempDir(), 'sub', 'd.db');
    const init = docket(['init', '--db', db, '--json']);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({
      database: db,
      created: true,
      encrypted: true,
      key: `${db}.key`,
    });
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${db}.key`, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);

    const status = docket(['status', '--db', db, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(s.encrypted).toBe(true);
    expect(s.counts).toMatchObject({ documents: 0, records: 0, models: 4, jobs: 0 }); // the shipped models
    expect(s.engine.runtime).toBe('onnxruntime-node');
  });

  it('prints words for people without --json', () => {
    const db = initDb();
    const r = docket(['status', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Encrypted\s+yes/);
    expect(r.stdout).toMatch(/Schema\s+\d+/);
  });

  it('init on an existing database changes nothing and says so', () => {
    const db = initDb();
    const key = readFileSync(`${db}.key`, 'utf8');
    const again = docket(['init', '--db', db, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false });
    expect(readFileSync(`${db}.key`, 'utf8')).toBe(key);
  });

  it('uses DOCKET_DB_KEY instead of a key file when it is set', () => {
    const db = join(tempDir(), 'env.db');
    const env = { DOCKET_DB_KEY: 'correct horse battery staple' };
    expect(docket(['init', '--db', db], env).code).toBe(0);
    expect(existsSync(`${db}.key`)).toBe(false);
    expect(docket(['status', '--db', db, '--json'], env).code).toBe(0);
    const noKey = docket(['status', '--db', db]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/No key for .*DOCKET_DB_KEY/);
  });
});

describe('refusals that leave the database untouched', () => {
  it('a wrong key exits 1 with a clear message and the file stays byte-identical', () => {
    const db = initDb();
    const before = readFileSync(db);
    const r = docket(['status', '--db', db, '--json'], { DOCKET_DB_KEY: 'wrong key' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the key is wrong, or the file is not an encrypted Docket database/);
    expect(r.stderr).toMatch(/key was taken from DOCKET_DB_KEY/);
    expect(JSON.parse(r.stdout).error.code).toBe('DB_KEY_WRONG');
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('a wrong key file behaves the same', () => {
    const db = initDb();
    writeFileSync(`${db}.key`, 'f'.repeat(64), { mode: 0o600 });
    const before = readFileSync(db);
    const r = docket(['status', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/key is wrong/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('a database from a newer Docket is refused with the reason', () => {
    const db = initDb();
    const store = Store.open({ path: db, key: readFileSync(`${db}.key`, 'utf8').trim() });
    store.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    store.close();
    const r = docket(['status', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/written by a newer version of Docket/);
  });

  it('a missing database is not created by status', () => {
    const db = join(tempDir(), 'nothing.db');
    const r = docket(['status', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No Docket database at .*docket init/);
    expect(existsSync(db)).toBe(false);
  });
});

describe('usage', () => {
  it('exits 2 on usage errors and 0 for --help', () => {
    expect(docket(['status']).code).toBe(2);
    expect(docket(['no-such-command']).code).toBe(2);
    expect(docket(['serve', '--db', 'x.db', '--port', 'eighty']).code).toBe(2);
    const help = docket(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['init', 'status', 'backup', 'serve']) expect(help.stdout).toContain(command);
  });
});

describe('docket backup', () => {
  it('writes an encrypted copy that opens with the same key, and refuses to overwrite', () => {
    const db = initDb();
    const out = join(tempDir(), 'copy.db');
    const r = docket(['backup', '--db', db, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: out, schemaVersion: LATEST_SCHEMA_VERSION });
    const key = readFileSync(`${db}.key`, 'utf8').trim();
    const status = docket(['status', '--db', out, '--json'], { DOCKET_DB_KEY: key });
    expect(JSON.parse(status.stdout).encrypted).toBe(true);
    const again = docket(['backup', '--db', db, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
