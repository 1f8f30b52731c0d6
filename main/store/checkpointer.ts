// Copies the write-ahead log into the database file from its own thread and connection. During a bulk
// import the main connection's automatic checkpoints (which encrypt and write thousands of pages at once)
// held the thread that serves the window for 60–90 ms at a time; a PASSIVE checkpoint here never blocks
// the writer.
import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { applyKey } from './database.ts';

const { path, key, intervalMs } = workerData as { path: string; key: string; intervalMs: number };
const db = new Sqlite(path, { fileMustExist: true });
applyKey(db, key);
db.pragma('busy_timeout = 1000');

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next round, or the main connection's own checkpoint at close, catches up.
  }
}, intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
