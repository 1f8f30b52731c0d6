// Files dropped into a window that cannot tell their paths (the browser): their bytes are written to an
// inbox beside the database and imported from there like any folder.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DocketError } from '../api/errors.ts';

/** A name safe to create: no folders, no control characters, not hidden, not empty. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replaceAll('\\', '/'))
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
    .replace(/^\.+/, '');
  return cleaned.slice(0, 200) || 'file';
}

export async function saveUploads(
  dbPath: string,
  files: Array<{ name: string; dataBase64: string }>,
): Promise<string[]> {
  const dir = join(
    `${dbPath}.inbox`,
    `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`,
  );
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const used = new Set<string>();
    const paths: string[] = [];
    for (const file of files) {
      let name = safeFileName(file.name);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${n}-${safeFileName(file.name)}`;
      used.add(name.toLowerCase());
      const path = join(dir, name);
      await writeFile(path, Buffer.from(file.dataBase64, 'base64'), { mode: 0o600, flag: 'wx' });
      paths.push(path);
    }
    return paths;
  } catch (e) {
    throw new DocketError(
      'IO_ERROR',
      `The dropped files could not be saved for import: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}
