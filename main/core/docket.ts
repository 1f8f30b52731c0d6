// Composes the core: an open store, the event hub and the router. Every shell (desktop, CLI, HTTP) builds
// one of these and talks to it only through the router.
import { Router, type Logger } from '../api/router.ts';
import { createHandlers } from '../api/handlers.ts';
import { Store, type OpenOptions } from '../store/database.ts';
import { EventHub } from './events.ts';
import { appVersion } from './app-info.ts';

export interface DocketCore {
  store: Store;
  events: EventHub;
  router: Router;
  close(): void;
}

export function openCore(options: OpenOptions & { log?: Logger }): DocketCore {
  const store = Store.open(options);
  const events = new EventHub();
  const log = options.log ?? console;
  const { handlers, subscriptions } = createHandlers({ store, events, appVersion, log });
  const router = new Router(handlers, subscriptions, log);
  return { store, events, router, close: () => store.close() };
}
