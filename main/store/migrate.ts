// Applies pending migrations, each in its own transaction, and records it in schema_migrations.
// PRAGMA user_version mirrors the latest applied version so it can be read before any table is touched.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations/index.ts';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, list: readonly Migration[] = migrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const current = schemaVersion(db);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}

export { LATEST_SCHEMA_VERSION };
