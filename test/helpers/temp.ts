// Temporary folders for tests: real files on disk, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A new empty folder for each call, removed after the current test. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'docket-test-'));
    made.push(dir);
    return dir;
  };
}

export const TEST_KEY = 'test-key-0123456789abcdef0123456789abcdef';
