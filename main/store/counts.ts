import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Table behind each count shown by `docket status` and the status bar. */
const countedTables = {
  files: 'files',
  documents: 'documents',
  pages: 'pages',
  records: 'records',
  predictions: 'predictions',
  corrections: 'corrections',
  models: 'models',
  jobs: 'jobs',
  auditLog: 'audit_log',
} as const;

export type Counts = Record<keyof typeof countedTables, number>;

export function countRows(db: Database): Counts {
  const select = Object.entries(countedTables)
    .map(([name, table]) => `(SELECT count(*) FROM ${table}) AS ${name}`)
    .join(', ');
  return db.prepare(`SELECT ${select}`).get() as Counts;
}
