// Where the database key comes from for the CLI and the local server: DOCKET_DB_KEY, or a key file created
// with mode 0600 beside the database. (The desktop app keeps its key with Electron safeStorage instead.)
import { randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { DocketError } from '../api/errors.ts';

export const KEY_ENV = 'DOCKET_DB_KEY';

export function keyFilePath(dbPath: string): string {
  return `${dbPath}.key`;
}

/** A new random key: 256 bits, hex. */
export function generateKey(): string {
  return randomBytes(32).toString('hex');
}

/** Writes a new key file readable only by its owner. Never overwrites: a lost key means a lost database. */
export function createKeyFile(path: string, key: string): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new DocketError('CONFLICT', `A key file already exists at ${path}; it was left as it is.`);
    }
    throw new DocketError('IO_ERROR', `Cannot create the key file ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  try {
    writeSync(fd, `${key}\n`);
  } finally {
    closeSync(fd);
  }
}

export interface KeySource {
  key: string;
  /** Where it came from, for messages: 'DOCKET_DB_KEY' or the key file's path. */
  from: string;
}

/** The key for an existing database, from the environment or the key file. */
export function resolveKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): KeySource {
  const fromEnv = env[KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return { key: fromEnv, from: KEY_ENV };
  const file = keyFilePath(dbPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DocketError(
        'DB_KEY_MISSING',
        `No key for ${dbPath}: set ${KEY_ENV} or put the database's key file at ${file}.`,
      );
    }
    throw new DocketError('IO_ERROR', `Cannot read the key file ${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const key = text.trim();
  if (key === '') throw new DocketError('DB_KEY_MISSING', `The key file ${file} is empty.`);
  return { key, from: file };
}

function hasContent(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

/**
 * The key for a database that may not exist yet: DOCKET_DB_KEY or its key file when there is one, else a
 * new key written to a new key file (0600). `docket init`, `docket demo` and the sample workspace use it.
 */
export function resolveOrCreateKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): KeySource {
  try {
    return resolveKey(dbPath, env);
  } catch (e) {
    // A database that exists keeps the key it was made with: a new one could never open it.
    if (!(e instanceof DocketError) || e.code !== 'DB_KEY_MISSING' || hasContent(dbPath)) throw e;
    const key = generateKey();
    createKeyFile(keyFilePath(dbPath), key);
    return { key, from: keyFilePath(dbPath) };
  }
}

/** True when the key file can be read by anyone but its owner (we warn; ssh-style refusal would lock users out). */
export function keyFileTooOpen(path: string): boolean {
  try {
    return (statSync(path).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}
