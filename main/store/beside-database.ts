// What Docket keeps beside a database file `<db>`: SQLite's journal files, the key (a file, or sealed by the
// keychain), the token file of `docket serve`, the copies kept before a schema upgrade, and the folders of
// originals, uploads and models. Import skips them; deleting the sample workspace removes exactly these.
import { basename, dirname, extname, join } from 'node:path';

const BESIDE =
  /^(-wal|-shm|-journal|\.key|\.key\.sealed|\.server\.json|\.schema-\d+\.bak|\.originals|\.inbox|\.models)$/;

/** The path is the database itself, one of the files beside it, or inside one of its folders. */
export function isBesideDatabase(dbPath: string, path: string): boolean {
  if (path === dbPath) return true;
  if (!path.startsWith(dbPath)) return false;
  const head = path.slice(dbPath.length).split(/[\\/]/)[0] ?? '';
  return BESIDE.test(head);
}

/** The sample workspace beside a database: `docket.db` → `docket-sample.db`. */
export function sampleWorkspacePath(dbPath: string): string {
  const ext = extname(dbPath) || '.db';
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}-sample${ext}`);
}
