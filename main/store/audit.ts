import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: unknown;
}

export function appendAudit(
  db: Database,
  entry: { actor: string; action: string; subject?: string | null; details?: unknown },
): void {
  db.prepare('INSERT INTO audit_log (actor, action, subject, details) VALUES (?, ?, ?, ?)').run(
    entry.actor,
    entry.action,
    entry.subject ?? null,
    JSON.stringify(entry.details ?? {}),
  );
}

export function listAudit(db: Database, limit: number, offset: number): AuditEntry[] {
  const rows = db
    .prepare(
      'SELECT id, at, actor, action, subject, details FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?',
    )
    .all(limit, offset) as Array<Omit<AuditEntry, 'details'> & { details: string }>;
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) }));
}
