// Runs the real `docket` command (bin/docket.js) in a child process, as a user would.
import { spawn, spawnSync, type ChildProcessByStdio, type SpawnSyncReturns } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/docket.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function docket(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): CliResult {
  const { DOCKET_DB_KEY: _ignored, ...inherited } = process.env;
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...inherited, ...env },
    timeout: 60_000,
    ...(input === undefined ? {} : { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface ServeInfo {
  url: string;
  port: number;
  token: string;
  openUrl: string;
  tokenFile: string;
}

/** Starts `docket serve --json` on a database and waits for the address it prints. */
export async function spawnServe(
  db: string,
): Promise<{ child: ChildProcessByStdio<null, Readable, null>; info: ServeInfo }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<ServeInfo>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve(JSON.parse(out) as ServeInfo);
      } catch {
        // the JSON is not complete yet
      }
    });
    child.on('exit', (code) => reject(new Error(`docket serve exited early with code ${code}`)));
  });
  return { child, info };
}
