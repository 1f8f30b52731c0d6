// The desktop app's database key: generated on first run and kept encrypted by the OS keychain through
// Electron safeStorage. Where no keychain exists (some Linux desktops) it falls back to a 0600 key file,
// as the CLI uses, and says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import { DocketError } from '../api/errors.ts';
import { createKeyFile, generateKey, keyFilePath } from '../store/keys.ts';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * Whether safeStorage really is a keychain. On Linux without a keyring it reports itself available but
 * uses 'basic_text', which seals with a fixed, public password: that is no protection, so say so.
 */
export function keychainUsable(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

export interface DesktopKey {
  key: string;
  keptBy: 'os-keychain' | 'key-file';
}

export function sealedKeyPath(dbPath: string): string {
  return `${dbPath}.key.sealed`;
}

export function loadOrCreateDesktopKey(
  safeStorage: SafeStorageLike,
  dbPath: string,
  platform: NodeJS.Platform = process.platform,
): DesktopKey {
  const sealed = sealedKeyPath(dbPath);
  const plainFile = keyFilePath(dbPath);
  if (existsSync(sealed)) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new DocketError(
        'DB_KEY_MISSING',
        'The OS keychain that holds the database key is not available.',
      );
    }
    try {
      return { key: safeStorage.decryptString(readFileSync(sealed)), keptBy: 'os-keychain' };
    } catch (e) {
      throw new DocketError('DB_KEY_WRONG', 'The OS keychain could not unlock the database key.', {
        cause: e,
      });
    }
  }
  if (existsSync(plainFile)) return { key: readFileSync(plainFile, 'utf8').trim(), keptBy: 'key-file' };
  if (existsSync(dbPath)) {
    // Never create a new key for an existing database: that would make it unreadable.
    throw new DocketError(
      'DB_KEY_MISSING',
      `The key for ${dbPath} is missing; restore ${sealed} or ${plainFile}.`,
    );
  }
  const key = generateKey();
  if (keychainUsable(safeStorage, platform)) {
    writeFileSync(sealed, safeStorage.encryptString(key), { mode: 0o600, flag: 'wx' });
    return { key, keptBy: 'os-keychain' };
  }
  createKeyFile(plainFile, key);
  return { key, keptBy: 'key-file' };
}
