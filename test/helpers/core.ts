// A real core (encrypted store, router, events) on a new temporary database, closed after each test.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type DocketCore } from '../../main/core/docket.ts';
import { TEST_KEY, useTempDirs } from './temp.ts';

export function useTestCores(): (dir?: string) => DocketCore {
  const tempDir = useTempDirs();
  const open: DocketCore[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  return (dir = tempDir()) => {
    const core = openCore({ path: join(dir, 'd.db'), key: TEST_KEY, create: true, log: { error: () => {} } });
    open.push(core);
    return core;
  };
}
