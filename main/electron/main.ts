// The desktop shell: app lifecycle, one instance, a hardened session and window, the app:// protocol and
// the IPC transport over the core. No logic of its own.
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { openCore, type DocketCore } from '../core/docket.ts';
import { installShippedModels } from '../engine/shipped-models.ts';
import { isDocketError } from '../api/errors.ts';
import { readOriginal } from '../ingest/originals.ts';
import { APP_ENTRY } from './app-origin.ts';
import { registerChoosePaths, registerIpc } from './ipc.ts';
import { loadOrCreateDesktopKey } from './key-store.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createMainWindow } from './window.ts';
import { Workspaces } from '../core/workspaces.ts';
import { samplesDirectory } from '../samples/sample-files.ts';

let core: DocketCore | undefined;
let workspaces: Workspaces | undefined;
let mainWindow: BrowserWindow | undefined;

registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  // Every web contents, including any created later, stays inside the app.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void (workspaces ?? core)?.close());

  void app.whenReady().then(start);
}

function start(): void {
  const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
  const dbPath = join(app.getPath('userData'), 'docket.db');
  hardenSession(session.defaultSession, (m) => console.warn(m));
  // Originals for the viewer come straight from the content store, not as base64 over IPC.
  handleAppProtocol(protocol, rendererDir, async (id) => {
    if (!workspaces) throw new Error('Docket is not open.');
    return readOriginal(workspaces.active().store, id);
  });
  try {
    const { key, keptBy } = loadOrCreateDesktopKey(safeStorage, dbPath);
    if (keptBy === 'key-file') {
      console.warn(`No OS keychain is available: the database key is kept in ${dbPath}.key (mode 0600).`);
    }
    core = openCore({ path: dbPath, key, create: true });
  } catch (e) {
    const message = isDocketError(e)
      ? e.message
      : `Docket could not open its database: ${(e as Error).message}`;
    dialog.showErrorBox('Docket cannot start', message);
    app.exit(1);
    return;
  }
  // "Try with sample data" opens a sample workspace beside the user's database, its key kept the same way.
  workspaces = new Workspaces({
    main: core,
    samplesDir: samplesDirectory(),
    openSample: (path) =>
      openCore({ path, key: loadOrCreateDesktopKey(safeStorage, path).key, create: true }),
  });
  registerIpc(ipcMain, workspaces.door);
  registerChoosePaths(ipcMain, dialog, () => mainWindow);
  // Imports interrupted by the last quit (or a crash) carry on from where their files stopped.
  core.imports.resumeUnfinished();
  // The shipped models, for a database that does not have them yet (never replacing the user's versions).
  // Then the PDFs and images an earlier version imported are searched for invoices, in the background.
  const opened = core;
  installShippedModels(opened.models, 'window')
    .catch((e: unknown) => console.error('The shipped models could not be installed:', e))
    .then(() => opened.invoices.readEarlierDocuments())
    .catch((e: unknown) => console.error('Searching earlier documents for invoices failed:', e));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  const window = createMainWindow(BrowserWindow, join(import.meta.dirname, 'preload.cjs'));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = undefined;
  });
  void window.loadURL(APP_ENTRY);
}
