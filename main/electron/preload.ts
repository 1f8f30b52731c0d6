// The preload: one small `window.docket` object, nothing else crosses the bridge. It carries procedure
// names and JSON-like values; the main process validates everything.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  CALL_CHANNEL,
  CHOOSE_PATHS_CHANNEL,
  EVENT_CHANNEL,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from './ipc-channels.ts';

const listeners = new Map<number, (result: unknown) => void>();
let nextId = 1;
// Identifies this page load, so events meant for a page that has since been reloaded never reach this one.
const pageKey = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;

ipcRenderer.on(EVENT_CHANNEL, (_event, key: string, id: number, result: unknown) => {
  if (key === pageKey) listeners.get(id)?.(result);
});

contextBridge.exposeInMainWorld('docket', {
  call: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, name, input),
  subscribe: (name: string, input: unknown, listener: (result: unknown) => void): (() => void) => {
    const id = nextId++;
    listeners.set(id, listener);
    ipcRenderer.send(SUBSCRIBE_CHANNEL, pageKey, id, name, input);
    return () => {
      listeners.delete(id);
      ipcRenderer.send(UNSUBSCRIBE_CHANNEL, pageKey, id);
    };
  },
  // A dropped file's path (drag-and-drop import); the file itself is read by the main process.
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  // The system's chooser; only the paths the user picked come back.
  choosePaths: (kind: 'folder' | 'files'): Promise<string[]> =>
    ipcRenderer.invoke(CHOOSE_PATHS_CHANNEL, kind),
});
