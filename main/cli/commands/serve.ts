// `docket serve`: the local HTTP transport over one database, until Ctrl+C or SIGTERM.
import { closeSync, openSync, rmSync, writeSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../server/http-server.ts';
import { openExisting } from '../open-core.ts';
import { printResult } from '../output.ts';

export const defaultRendererDir = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

export function serverInfoPath(dbPath: string): string {
  return `${resolve(dbPath)}.server.json`;
}

/** Writes the address and token for other local tools, readable only by the owner. */
function writeServerInfo(path: string, info: object): void {
  rmSync(path, { force: true });
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

export async function serve(
  dbPath: string,
  options: { port?: number; json: boolean; rendererDir?: string },
): Promise<void> {
  const core = openExisting(dbPath);
  const server = await startServer({
    router: core.router,
    rendererDir: options.rendererDir ?? defaultRendererDir,
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  const infoFile = serverInfoPath(dbPath);
  const openUrl = `${server.url}#token=${server.token}`;
  writeServerInfo(infoFile, { url: server.url, port: server.port, token: server.token, pid: process.pid });
  printResult(
    options.json,
    { url: server.url, port: server.port, token: server.token, openUrl, tokenFile: infoFile },
    () =>
      [
        `Docket is serving ${core.store.path}`,
        `Open ${openUrl}`,
        `The access token is also in ${infoFile} (readable only by you). Stop with Ctrl+C.`,
      ].join('\n'),
  );

  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(() => {
        rmSync(infoFile, { force: true });
        core.close();
        done();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
