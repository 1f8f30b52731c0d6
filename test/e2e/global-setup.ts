// Starts the real `docket serve` on a new temporary database for the browser tests, and stops it after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docket, spawnServe } from '../helpers/cli.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-'));
  const db = join(dir, 'docket.db');
  const init = docket(['init', '--db', db]);
  if (init.code !== 0) throw new Error(`docket init failed: ${init.stderr}`);
  const { child: server, info } = await spawnServe(db);
  process.env.DOCKET_E2E_OPEN_URL = info.openUrl;
  process.env.DOCKET_E2E_URL = info.url;
  return async () => {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}
