// The main window: the renderer is untrusted web content with no Node.js, isolated from the preload,
// sandboxed, with web security on. The options are written out literally so the security scan can read them.
import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export type BrowserWindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

export function createMainWindow<W = ElectronBrowserWindow>(
  BrowserWindow: BrowserWindowClass<W>,
  preloadPath: string,
): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Docket',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would otherwise open links in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
