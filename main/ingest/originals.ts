// A document's stored original, for the viewer: over the desktop app's app:// protocol as bytes, or through
// the API as base64 in a browser.
import { readFile, stat } from 'node:fs/promises';
import type { Store } from '../store/database.ts';
import { originalOf } from '../store/documents.ts';
import { DocketError } from '../api/errors.ts';
import { ContentStore } from './content-store.ts';

/** Larger originals are not sent to the viewer (their text and word boxes still are). */
export const MAX_ORIGINAL_BYTES = 100 * 1024 * 1024;

export interface Original {
  fileName: string;
  mediaType: string | null;
  bytes: Buffer;
}

export async function readOriginal(store: Store, id: number): Promise<Original> {
  const original = originalOf(store.db, id);
  const path = ContentStore.forDatabase(store.path).absolutePath(original.relative);
  const cannotRead = (e: unknown): never => {
    throw new DocketError('IO_ERROR', `The stored original of document ${id} cannot be read: ${String(e)}`);
  };
  const { size } = await stat(path).catch(cannotRead);
  if (size > MAX_ORIGINAL_BYTES) {
    throw new DocketError(
      'IO_ERROR',
      'The original is too large to show in the viewer; its text is in the Text tab.',
    );
  }
  const bytes = await readFile(path).catch(cannotRead);
  return { fileName: original.fileName, mediaType: original.mediaType, bytes };
}
