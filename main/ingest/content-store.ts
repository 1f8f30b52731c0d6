// Originals, content-addressed: each distinct file is kept once under its SHA-256, never modified after.
// Files are written to a temporary name and renamed into place, so a crash never leaves a partial original
// under a real hash.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Hashed {
  sha256: string;
  sizeBytes: number;
}

/** Hashes a file by streaming it, so memory stays flat however large the file. */
export async function hashFile(path: string): Promise<Hashed> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

export function hashBytes(bytes: Uint8Array): Hashed {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.byteLength };
}

export class ContentStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** The store's data folder for a database: beside it, named after it. */
  static forDatabase(dbPath: string): ContentStore {
    return new ContentStore(`${dbPath}.originals`);
  }

  /** Path relative to the store's root, as recorded in `files.stored_path`. */
  relativePath(sha256: string): string {
    return join(sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  absolutePath(relative: string): string {
    return join(this.root, relative);
  }

  private async exists(path: string): Promise<boolean> {
    return stat(path).then(
      () => true,
      () => false,
    );
  }

  /**
   * Copies a source file in under its hash. The copy is hashed again and must match, so a file that
   * changed while it was being imported is never stored under the wrong hash.
   */
  async putFile(sourcePath: string, expected: Hashed): Promise<string> {
    const relative = this.relativePath(expected.sha256);
    const target = this.absolutePath(relative);
    if (await this.exists(target)) return relative;
    const temp = await this.tempPath(target);
    try {
      await copyFile(sourcePath, temp);
      const copied = await hashFile(temp);
      if (copied.sha256 !== expected.sha256) {
        throw new Error(`${sourcePath} changed while it was being imported; it will be taken again.`);
      }
      await this.commit(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
    return relative;
  }

  /** Stores bytes already in memory (an email's attachment). */
  async putBytes(bytes: Uint8Array): Promise<{ relative: string } & Hashed> {
    const hashed = hashBytes(bytes);
    const relative = this.relativePath(hashed.sha256);
    const target = this.absolutePath(relative);
    if (!(await this.exists(target))) {
      const temp = await this.tempPath(target);
      try {
        await writeFile(temp, bytes);
        await this.commit(temp, target);
      } finally {
        await rm(temp, { force: true });
      }
    }
    return { relative, ...hashed };
  }

  private async tempPath(target: string): Promise<string> {
    await mkdir(join(target, '..'), { recursive: true, mode: 0o700 });
    return `${target}.${randomBytes(6).toString('hex')}.partial`;
  }

  private async commit(temp: string, target: string): Promise<void> {
    await chmod(temp, 0o400);
    // link() refuses to replace: if another job stored the same content meanwhile, theirs stays.
    try {
      await link(temp, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
      if ((e as NodeJS.ErrnoException).code === 'EPERM' || (e as NodeJS.ErrnoException).code === 'ENOTSUP') {
        await rename(temp, target); // file systems without hard links
        return;
      }
      throw e;
    }
  }
}
