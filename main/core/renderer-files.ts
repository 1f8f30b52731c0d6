// Resolves a URL path to a file of the built renderer, never outside its folder. Shared by the desktop
// protocol handler and the HTTP server.
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { mediaTypeFor } from './content-security.ts';

export interface RendererFile {
  body: Buffer;
  mediaType: string;
}

/** Returns null when the path is outside the folder or the file does not exist. Unknown routes get index.html. */
export async function readRendererFile(rendererDir: string, urlPath: string): Promise<RendererFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = normalize(rendererDir + sep);
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (!full.startsWith(root)) return null;
  try {
    return { body: await readFile(full), mediaType: mediaTypeFor(full) };
  } catch {
    // Client-side routes (no file extension) fall back to the app itself.
    if (!/\.[a-z0-9]+$/i.test(relative)) {
      try {
        const index = join(root, 'index.html');
        return { body: await readFile(index), mediaType: mediaTypeFor(index) };
      } catch {
        return null;
      }
    }
    return null;
  }
}
