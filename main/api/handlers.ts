// What each procedure does: thin glue from the contract to the store and services.
import { statSync } from 'node:fs';
import type { Output, Status } from './contract.ts';
import type { Handlers, Logger, SubscriptionHandlers } from './router.ts';
import type { Store } from '../store/database.ts';
import type { EventHub } from '../core/events.ts';
import { appendAudit, listAudit } from '../store/audit.ts';
import { backupTo } from '../store/backup.ts';
import { countRows } from '../store/counts.ts';
import { listDocuments } from '../store/documents.ts';
import { listSettings, setSetting } from '../store/settings.ts';
import { runtimeInfo } from '../engine/runtime-info.ts';

export interface HandlerDeps {
  store: Store;
  events: EventHub;
  appVersion: string;
  log: Logger;
}

export async function readStatus({ store, appVersion }: HandlerDeps): Promise<Status> {
  const cipher = store.cipher;
  return {
    appVersion,
    database: store.path,
    schemaVersion: store.schemaVersion,
    encrypted: store.encryptedAtRest,
    cipher,
    sizeBytes: statSync(store.path).size,
    counts: countRows(store.db),
    engine: await runtimeInfo(),
  };
}

export function createHandlers(deps: HandlerDeps): {
  handlers: Handlers;
  subscriptions: SubscriptionHandlers;
} {
  const { store, events, log } = deps;
  const db = store.db;

  const handlers: Handlers = {
    'status.get': () => readStatus(deps),
    'settings.list': () => listSettings(db) as Output<'settings.list'>,
    'settings.set': ({ key, value }, ctx) => {
      const row = db.transaction(() => {
        const saved = setSetting(db, key, value);
        appendAudit(db, { actor: ctx.actor, action: 'settings.set', subject: key, details: { value } });
        return saved;
      })();
      events.statusChanged();
      return row as Output<'settings.set'>;
    },
    'documents.list': (input) => listDocuments(db, input),
    'audit.list': ({ limit, offset }) => listAudit(db, limit, offset),
    'store.backup': ({ out }, ctx) => {
      const result = backupTo(store, out);
      appendAudit(db, { actor: ctx.actor, action: 'store.backup', subject: result.path });
      events.statusChanged();
      return result;
    },
  };

  const subscriptions: SubscriptionHandlers = {
    'status.watch': (_input, emit) => {
      let stopped = false;
      const send = (): void => {
        readStatus(deps).then(
          (s) => {
            if (!stopped) emit(s);
          },
          // A status that cannot be read now (say the file was moved) must not take the process down;
          // the next change tries again.
          (e: unknown) => log.error('Could not read the status for status.watch', e),
        );
      };
      send();
      const off = events.on('status-changed', send);
      return () => {
        stopped = true;
        off();
      };
    },
    'jobs.progress': (_input, emit) => events.on('progress', emit),
  };

  return { handlers, subscriptions };
}
