// Starts the real `docket serve` on a new temporary database for the browser tests, and stops it after.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const BIN = fileURLToPath(new URL('../../bin/docket.js', import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'docket-e2e-'));
  const db = join(dir, 'docket.db');
  const init = spawnSync(process.execPath, [BIN, 'init', '--db', db], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`docket init failed: ${init.stderr}`);
  const server = spawn(process.execPath, [BIN, 'serve', '--db', db, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<{ openUrl: string; url: string; token: string }>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve(JSON.parse(out));
      } catch {
        // wait for the rest
      }
    });
    server.on('exit', (code) => reject(new Error(`docket serve exited early with code ${code}`)));
  });
  process.env.DOCKET_E2E_OPEN_URL = info.openUrl;
  process.env.DOCKET_E2E_URL = info.url;
  return async () => {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}
