// Opens the core for a CLI command: the key from DOCKET_DB_KEY or the key file beside the database.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DocketError } from '../api/errors.ts';
import type { CallContext } from '../api/router.ts';
import { openCore, type DocketCore } from '../core/docket.ts';
import { databaseNotFound } from '../store/database.ts';
import { keyFilePath, keyFileTooOpen, resolveKey, resolveOrCreateKey } from '../store/keys.ts';

export const cliContext: CallContext = { transport: 'in-process', actor: 'cli' };

const cliLog = { error: (m: string, e?: unknown) => process.stderr.write(`docket: ${m}: ${String(e)}\n`) };

/**
 * Opens a database, creating it with a new key file when it does not exist (`docket demo`). With `ownKey`
 * the key is always its own file, never DOCKET_DB_KEY: the sample workspace beside a served database must
 * not take the key meant for the user's database.
 */
export function openOrCreate(dbPath: string, options: { ownKey?: boolean } = {}): DocketCore {
  const path = resolve(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  const { key } = resolveOrCreateKey(path, options.ownKey ? {} : process.env);
  return openCore({ path, key, create: true, log: cliLog });
}

/** Opens an existing database; `migrate: false` for commands that must not change it (status, backup). */
export function openExisting(
  dbPath: string,
  options: { migrate?: boolean; workers?: number } = {},
): DocketCore {
  const path = resolve(dbPath);
  // Before looking for its key, so a mistyped path is reported as such rather than as a missing key.
  if (!existsSync(path)) throw databaseNotFound(path);
  const { key, from } = resolveKey(path);
  if (from === keyFilePath(path) && keyFileTooOpen(from)) {
    process.stderr.write(`docket: warning: ${from} can be read by other users; run: chmod 600 ${from}\n`);
  }
  try {
    return openCore({
      path,
      key,
      ...options,
      log: cliLog,
    });
  } catch (e) {
    // Say which key was tried: the usual mistake is a stale DOCKET_DB_KEY or the wrong key file.
    if (e instanceof DocketError && e.code === 'DB_KEY_WRONG') {
      throw new DocketError(e.code, `${e.message} (The key was taken from ${from}.)`, { cause: e });
    }
    throw e;
  }
}
