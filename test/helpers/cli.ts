// Runs the real `docket` command (bin/docket.js) in a child process, as a user would.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/docket.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function docket(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const { DOCKET_DB_KEY: _ignored, ...inherited } = process.env;
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...inherited, ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
