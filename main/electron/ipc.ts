// The IPC transport: the window's calls and subscriptions reach the router, and only from the app's own
// pages. Every input is still validated by the router; the renderer is untrusted.
import type { BrowserWindow, Dialog, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiResult } from '../api/contract.ts';
import type { ApiDoor, CallContext } from '../api/router.ts';
import { isAppUrl } from './app-origin.ts';
import {
  CALL_CHANNEL,
  CHOOSE_PATHS_CHANNEL,
  EVENT_CHANNEL,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from './ipc-channels.ts';

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame'>;
type SubscriberEvent = {
  senderFrame: IpcMainEvent['senderFrame'];
  sender: Pick<WebContents, 'id' | 'send'> & {
    once(event: 'destroyed' | 'render-process-gone', listener: () => void): unknown;
  };
};

export type IpcMainLike = Pick<IpcMain, 'handle' | 'on'>;

const windowContext: CallContext = { transport: 'ipc', actor: 'window' };

export function isTrustedSender(event: SenderEvent): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}

const refused: ApiResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Only the Docket window may call the API.' },
};

/** One window's live subscriptions, for the page now loaded in it. */
interface WindowSubscriptions {
  pageKey: string;
  stops: Map<number, () => void>;
}

function stopAll(state: WindowSubscriptions): void {
  for (const stop of state.stops.values()) stop();
  state.stops.clear();
}

export function registerIpc(ipcMain: IpcMainLike, router: ApiDoor): void {
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return refused;
    return router.call(String(name), input, windowContext);
  });

  // Each page load has its own key (made by the preload). When a window reloads, the new page's first
  // subscription ends everything the old page left running, so no stale event reaches a new listener.
  const windows = new Map<number, WindowSubscriptions>();

  function stateFor(sender: SubscriberEvent['sender'], pageKey: string): WindowSubscriptions {
    let state = windows.get(sender.id);
    if (!state) {
      const created: WindowSubscriptions = { pageKey, stops: new Map() };
      windows.set(sender.id, created);
      const forget = (): void => {
        stopAll(created);
        windows.delete(sender.id);
      };
      sender.once('destroyed', forget);
      sender.once('render-process-gone', forget);
      state = created;
    }
    if (state.pageKey !== pageKey) {
      stopAll(state);
      state.pageKey = pageKey;
    }
    return state;
  }

  ipcMain.on(SUBSCRIBE_CHANNEL, (rawEvent, pageKey: unknown, id: unknown, name: unknown, input: unknown) => {
    const event = rawEvent as unknown as SubscriberEvent;
    if (!isTrustedSender(event) || typeof pageKey !== 'string' || typeof id !== 'number') return;
    const sender = event.sender;
    const state = stateFor(sender, pageKey);
    const started = router.subscribe(String(name), input, windowContext, (payload) =>
      sender.send(EVENT_CHANNEL, pageKey, id, { ok: true, data: payload }),
    );
    if (!started.ok) {
      sender.send(EVENT_CHANNEL, pageKey, id, started);
      return;
    }
    state.stops.get(id)?.();
    state.stops.set(id, started.data);
  });

  ipcMain.on(UNSUBSCRIBE_CHANNEL, (rawEvent, pageKey: unknown, id: unknown) => {
    const event = rawEvent as unknown as SubscriberEvent;
    if (!isTrustedSender(event) || typeof id !== 'number') return;
    const state = windows.get(event.sender.id);
    if (!state || state.pageKey !== pageKey) return;
    state.stops.get(id)?.();
    state.stops.delete(id);
  });
}

/** The system's folder or file chooser for the Imports view; the window only ever learns what the user picked. */
export function registerChoosePaths(
  ipcMain: IpcMainLike,
  dialog: Pick<Dialog, 'showOpenDialog'>,
  window: () => BrowserWindow | undefined,
): void {
  ipcMain.handle(CHOOSE_PATHS_CHANNEL, async (event, kind: unknown) => {
    if (!isTrustedSender(event)) return [];
    const properties: Array<'openDirectory' | 'openFile' | 'multiSelections'> =
      kind === 'folder' ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'];
    const owner = window();
    const result = owner
      ? await dialog.showOpenDialog(owner, { properties, title: 'Import into Docket' })
      : await dialog.showOpenDialog({ properties, title: 'Import into Docket' });
    return result.canceled ? [] : result.filePaths;
  });
}
