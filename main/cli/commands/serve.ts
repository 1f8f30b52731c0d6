// `docket serve`: the local HTTP transport over one database, until Ctrl+C or SIGTERM.
import { closeSync, openSync, rmSync, writeSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DocketError } from '../../api/errors.ts';
import { startServer, type RunningServer } from '../../server/http-server.ts';
import { Workspaces } from '../../core/workspaces.ts';
import { samplesDirectory } from '../../samples/sample-files.ts';
import { openExisting, openOrCreate } from '../open-core.ts';
import { printResult } from '../output.ts';

export const defaultRendererDir = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

export function serverInfoPath(dbPath: string): string {
  return `${resolve(dbPath)}.server.json`;
}

/** Writes the address and token for other local tools, readable only by the owner. */
function writeServerInfo(path: string, info: object): void {
  try {
    rmSync(path, { force: true }); // left by a server that was killed
    const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new DocketError(
      'IO_ERROR',
      `Cannot write the server's token file ${path}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}

export async function serve(
  dbPath: string,
  options: { port?: number; json: boolean; rendererDir?: string },
): Promise<void> {
  const core = openExisting(dbPath);
  // The window may try the sample data: a workspace of its own beside this database.
  const workspaces = new Workspaces({
    main: core,
    samplesDir: samplesDirectory(),
    openSample: (path) => {
      try {
        return openOrCreate(path, { ownKey: true });
      } catch (e) {
        // Its key is always its own file (never DOCKET_DB_KEY): say so rather than suggest the variable.
        if (e instanceof DocketError && e.code === 'DB_KEY_MISSING') {
          throw new DocketError(
            e.code,
            `The sample workspace's key file ${path}.key is missing, so it cannot be opened. Delete the sample workspace and try the sample data again.`,
          );
        }
        throw e;
      }
    },
  });
  const infoFile = serverInfoPath(dbPath);
  let server: RunningServer | undefined;
  try {
    server = await startServer({
      router: workspaces.door,
      rendererDir: options.rendererDir ?? defaultRendererDir,
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    const openUrl = `${server.url}#token=${server.token}`;
    writeServerInfo(infoFile, { url: server.url, port: server.port, token: server.token, pid: process.pid });
    // Imports interrupted when this database was last open carry on from where their files stopped.
    core.imports.resumeUnfinished();
    // PDFs and images an earlier version imported are searched for invoices in the background.
    core.invoices
      .readEarlierDocuments()
      .catch((e: unknown) =>
        process.stderr.write(`docket: searching earlier documents for invoices failed: ${String(e)}\n`),
      );
    const { url, port, token } = server;
    printResult(options.json, { url, port, token, openUrl, tokenFile: infoFile }, () =>
      [
        `Docket is serving ${core.store.path}`,
        `Open ${openUrl}`,
        `The access token is also in ${infoFile} (readable only by you). Stop with Ctrl+C.`,
      ].join('\n'),
    );
  } catch (e) {
    // Nothing may keep running or hold the database once serving has failed.
    await server?.close();
    await workspaces.close();
    throw e;
  }

  const running = server;
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(() => {
        rmSync(infoFile, { force: true });
        void workspaces.close().then(done);
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
