import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openCore } from '../../core/docket.ts';
import { resolveKey, resolveOrCreateKey, KEY_ENV } from '../../store/keys.ts';
import { printResult } from '../output.ts';
import { installShippedModels } from '../../engine/shipped-models.ts';

export interface InitResult {
  database: string;
  created: boolean;
  schemaVersion: number;
  encrypted: boolean;
  key: string; // where the key lives: DOCKET_DB_KEY or the key file's path
  /** Shipped models installed into a new database, as id@version. */
  models: string[];
}

/** Creates an encrypted database with a new key; on an existing database it only checks and migrates it. */
export async function init(dbPath: string, json: boolean): Promise<void> {
  const path = resolve(dbPath);
  const exists = existsSync(path) && statSync(path).size > 0;
  if (!exists) mkdirSync(dirname(path), { recursive: true });
  const keySource = exists ? resolveKey(path) : resolveOrCreateKey(path);
  const core = openCore({ path, key: keySource.key, create: true });
  try {
    // A new database starts with the models Docket ships.
    const shipped = exists ? [] : await installShippedModels(core.models, 'cli');
    const result: InitResult = {
      database: path,
      created: !exists,
      schemaVersion: core.store.schemaVersion,
      encrypted: core.store.encryptedAtRest,
      key: keySource.from,
      models: shipped,
    };
    printResult(json, result, () =>
      exists
        ? `${path} is already a Docket database (schema ${result.schemaVersion}); nothing to do.`
        : [
            `Created encrypted database ${path} (schema ${result.schemaVersion}).`,
            keySource.from === KEY_ENV
              ? `Its key is the value of ${KEY_ENV}: keep it safe, without it the database cannot be read.`
              : `Its key is in ${keySource.from} (readable only by you): keep it safe, without it the database cannot be read.`,
          ].join('\n'),
    );
  } finally {
    await core.close();
  }
}
