// Applies pending migrations, each in its own IMMEDIATE transaction (so two processes opening the same
// database cannot both apply one), and records each in schema_migrations. PRAGMA user_version mirrors the
// latest applied version so it can be read before any table is touched.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migrations, type Migration } from './migrations/index.ts';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, list: readonly Migration[] = migrations): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const applied: number[] = [];
  for (const m of list) {
    const ran = db
      .transaction(() => {
        // Read inside the write lock: another process may have applied it meanwhile.
        if (schemaVersion(db) >= m.version) return false;
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
        db.pragma(`user_version = ${m.version}`);
        return true;
      })
      .immediate();
    if (ran) applied.push(m.version);
  }
  return applied;
}
