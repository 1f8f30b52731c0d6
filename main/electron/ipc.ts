// The IPC transport: the window's calls and subscriptions reach the router, and only from the app's own
// pages. Every input is still validated by the router; the renderer is untrusted.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { ApiResult } from '../api/contract.ts';
import type { CallContext, Router } from '../api/router.ts';
import { isAppUrl } from './app-origin.ts';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL } from './ipc-channels.ts';

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame'>;
type SubscriberEvent = {
  senderFrame: IpcMainEvent['senderFrame'];
  sender: Pick<WebContents, 'id' | 'send' | 'once'>;
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

export function registerIpc(ipcMain: IpcMainLike, router: Router): void {
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return refused;
    return router.call(String(name), input, windowContext);
  });

  // Subscriptions, per window: id → stop function; all stopped when the window goes away.
  const active = new Map<number, Map<number, () => void>>();

  ipcMain.on(SUBSCRIBE_CHANNEL, (rawEvent, id: unknown, name: unknown, input: unknown) => {
    const event = rawEvent as unknown as SubscriberEvent;
    if (!isTrustedSender(event) || typeof id !== 'number') return;
    const sender = event.sender;
    const started = router.subscribe(String(name), input, windowContext, (payload) =>
      sender.send(EVENT_CHANNEL, id, { ok: true, data: payload }),
    );
    if (!started.ok) {
      sender.send(EVENT_CHANNEL, id, started);
      return;
    }
    let forWindow = active.get(sender.id);
    if (!forWindow) {
      const created = new Map<number, () => void>();
      active.set(sender.id, created);
      sender.once('destroyed', () => {
        for (const stop of created.values()) stop();
        active.delete(sender.id);
      });
      forWindow = created;
    }
    forWindow.get(id)?.();
    forWindow.set(id, started.data);
  });

  ipcMain.on(UNSUBSCRIBE_CHANNEL, (rawEvent, id: unknown) => {
    const event = rawEvent as unknown as SubscriberEvent;
    if (!isTrustedSender(event) || typeof id !== 'number') return;
    const forWindow = active.get(event.sender.id);
    forWindow?.get(id)?.();
    forWindow?.delete(id);
  });
}
