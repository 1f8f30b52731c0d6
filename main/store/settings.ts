import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: string;
}

interface RawSetting {
  key: string;
  value: string;
  updated_at: string;
}

const toSetting = (r: RawSetting): SettingRow => ({
  key: r.key,
  value: JSON.parse(r.value),
  updatedAt: r.updated_at,
});

export function listSettings(db: Database): SettingRow[] {
  return (db.prepare('SELECT key, value, updated_at FROM settings ORDER BY key').all() as RawSetting[]).map(
    toSetting,
  );
}

export function setSetting(db: Database, key: string, value: unknown): SettingRow {
  const row = db
    .prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       RETURNING key, value, updated_at`,
    )
    .get(key, JSON.stringify(value)) as RawSetting;
  return toSetting(row);
}

export function getSetting<T>(db: Database, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}
