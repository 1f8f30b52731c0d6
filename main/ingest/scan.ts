// Walks the sources of an import: folders recursively (following symlinks, but never into a loop), single
// files as given. Yields one entry at a time, so a folder of any size never sits in memory.
import { opendir, realpath, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { isBesideDatabase, sampleWorkspacePath } from '../store/beside-database.ts';
import picomatch from 'picomatch';

export interface ScanOptions {
  /** Globs relative to each folder, e.g. `**\/*.pdf`; a file must match one when any are given. */
  include?: string[] | undefined;
  /** Globs relative to each folder; a matching file or folder is left out. */
  exclude?: string[] | undefined;
  /** Paths never to take (the database's own files). */
  skip?: ((path: string) => boolean) | undefined;
}

export type ScanEntry =
  { path: string; sizeBytes: number; mtimeMs: number } | { path: string; unreadable: string };

/**
 * The database's own files: importing a folder that holds the database must never copy it, its key, its
 * originals or its models into the store (the key would then sit beside the data it protects), nor the
 * sample workspace beside it (fiction). Uploads in `<db>.inbox` are the exception: they are imported from there.
 */
export function isOwnFile(dbPath: string, path: string): boolean {
  const upload = path.startsWith(`${dbPath}.inbox`);
  return (!upload && isBesideDatabase(dbPath, path)) || isBesideDatabase(sampleWorkspacePath(dbPath), path);
}

/** Files no one means to import: OS metadata and Office's lock files. */
const junkNames = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', 'ehthumbs.db', '.localized', 'icon\r']);
export function isJunk(name: string): boolean {
  const lower = name.toLowerCase();
  return junkNames.has(lower) || name.startsWith('~$') || name.startsWith('._') || lower.endsWith('.partial');
}

/** Include and exclude globs, matched against the path relative to its folder and against the bare name. */
export interface GlobFilter {
  excluded(relativePath: string): boolean;
  included(relativePath: string): boolean;
}

export function globFilter(options: Pick<ScanOptions, 'include' | 'exclude'>): GlobFilter {
  const include = options.include?.length ? picomatch(options.include, { dot: true, nocase: true }) : null;
  const exclude = options.exclude?.length ? picomatch(options.exclude, { dot: true, nocase: true }) : null;
  return {
    excluded: (rel) => exclude !== null && (exclude(rel) || exclude(posix.basename(rel))),
    included: (rel) => include === null || include(rel) || include(posix.basename(rel)),
  };
}

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'Docket is not allowed to read it (permission denied).';
  if (code === 'ENOENT') return 'It disappeared before it could be read.';
  if (code === 'ELOOP') return 'It is a symbolic link that points to itself.';
  return e instanceof Error ? e.message : String(e);
}

export async function* scanSources(sources: string[], options: ScanOptions = {}): AsyncGenerator<ScanEntry> {
  const globs = globFilter(options);
  for (const source of sources) {
    let info;
    try {
      info = await stat(source);
    } catch (e) {
      yield { path: source, unreadable: describe(e) };
      continue;
    }
    if (info.isFile()) {
      if (!options.skip?.(source)) yield { path: source, sizeBytes: info.size, mtimeMs: info.mtimeMs };
      continue;
    }
    const visited = new Set<string>();
    yield* walk(source, source, visited, globs, options.skip);
  }
}

async function* walk(
  root: string,
  dir: string,
  visited: Set<string>,
  globs: GlobFilter,
  skip: ((path: string) => boolean) | undefined,
): AsyncGenerator<ScanEntry> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (e) {
    yield { path: dir, unreadable: describe(e) };
    return;
  }
  if (visited.has(real)) return; // a symlink back into a folder already walked
  visited.add(real);
  let handle;
  try {
    handle = await opendir(dir, { bufferSize: 64 });
  } catch (e) {
    yield { path: dir, unreadable: describe(e) };
    return;
  }
  const subdirs: string[] = [];
  try {
    for await (const entry of handle) {
      if (isJunk(entry.name)) continue;
      const path = join(dir, entry.name);
      if (skip?.(path)) continue;
      const rel = relative(root, path).split(sep).join('/');
      if (globs.excluded(rel)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let sizeBytes = 0;
      let mtimeMs = 0;
      if (entry.isSymbolicLink() || isFile) {
        try {
          const s = await stat(path); // follows the link
          isDir = s.isDirectory();
          isFile = s.isFile();
          sizeBytes = s.size;
          mtimeMs = s.mtimeMs;
        } catch (e) {
          yield { path, unreadable: describe(e) };
          continue;
        }
      }
      if (isDir) subdirs.push(path);
      else if (isFile && globs.included(rel)) {
        yield { path, sizeBytes, mtimeMs };
      }
    }
  } catch (e) {
    yield { path: dir, unreadable: describe(e) };
  }
  subdirs.sort();
  for (const sub of subdirs) yield* walk(root, sub, visited, globs, skip);
}
