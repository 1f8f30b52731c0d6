// What each procedure does: thin glue from the contract to the store and services.
import { statSync } from 'node:fs';
import type { ImportService } from '../ingest/import-service.ts';
import { readOriginal } from '../ingest/originals.ts';
import { saveUploads } from '../ingest/uploads.ts';
import { getImport, listImportJobs, listImports } from '../store/imports.ts';
import { DocketError } from './errors.ts';
import { settingKeys, type Output, type Status } from './contract.ts';
import type { Handlers, Logger, SubscriptionHandlers } from './router.ts';
import type { WorkspaceCallName } from './workspace-contract.ts';
import type { Store } from '../store/database.ts';
import type { EventHub } from '../core/events.ts';
import { appendAudit, listAudit } from '../store/audit.ts';
import { backupTo } from '../store/backup.ts';
import { countRows } from '../store/counts.ts';
import {
  documentPage,
  documentText,
  getDocument,
  listDocuments,
  mediaTypeCounts,
} from '../store/documents.ts';
import { listSettings, setSetting } from '../store/settings.ts';
import { runtimeInfo } from '../engine/runtime-info.ts';
import type { ModelRegistry } from '../engine/registry.ts';
import type { TrainingService } from '../engine/training-service.ts';
import type { InferencePool } from '../engine/runtime/inference-pool.ts';
import { modelHandlers } from './model-handlers.ts';
import { invoiceHandlers } from './invoice-handlers.ts';
import type { InvoiceService } from '../invoices/invoice-service.ts';
import { recordHandlers } from './record-handlers.ts';
import type { RecordService } from '../records/record-service.ts';

export interface HandlerDeps {
  store: Store;
  events: EventHub;
  appVersion: string;
  log: Logger;
  imports: ImportService;
  models: ModelRegistry;
  trainings: TrainingService;
  inference: InferencePool;
  invoices: InvoiceService;
  records: RecordService;
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

/** Every procedure but the workspaces' own, which the door in front of the cores answers. */
export type CoreHandlers = Omit<Handlers, WorkspaceCallName>;

export function createHandlers(deps: HandlerDeps): {
  handlers: CoreHandlers;
  subscriptions: SubscriptionHandlers;
} {
  const { store, events, log, imports, models, trainings, inference, invoices, records } = deps;
  const db = store.db;

  const handlers: CoreHandlers = {
    'status.get': () => readStatus(deps),
    // Only the settings the window may change: others (escalation's endpoint and key, thresholds kept by
    // their own procedures) are not the window's to read here.
    'settings.list': () =>
      listSettings(db).filter((s) =>
        (settingKeys as readonly string[]).includes(s.key),
      ) as Output<'settings.list'>,
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
    'documents.mediaTypes': () => mediaTypeCounts(db),
    'documents.get': ({ id }) => getDocument(db, id),
    'documents.text': ({ id }) => documentText(db, id),
    'documents.page': ({ id, pageNumber }) => documentPage(db, id, pageNumber) as Output<'documents.page'>,
    'documents.original': async ({ id }) => {
      const { fileName, mediaType, bytes } = await readOriginal(store, id);
      return { fileName, mediaType, dataBase64: bytes.toString('base64') };
    },
    'imports.start': async ({ paths, ...options }, ctx) => {
      const importId = await imports.start({ sources: paths, ...options }, ctx.actor);
      events.statusChanged();
      return { importId };
    },
    'imports.upload': async ({ files }, ctx) => {
      const paths = await saveUploads(store.path, files);
      return { importId: await imports.start({ sources: paths }, ctx.actor) };
    },
    'imports.list': () =>
      listImports(db).map((row) => ({
        id: row.id,
        sources: row.sources,
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
        progress: imports.progress(row.id),
      })),
    'imports.get': ({ importId }) => imports.progress(importId),
    'imports.jobs': ({ importId, ...filter }) => {
      if (!getImport(db, importId)) throw new DocketError('NOT_FOUND', `There is no import ${importId}.`);
      return listImportJobs(db, importId, filter);
    },
    'imports.pause': ({ importId }, ctx) => imports.pause(importId, ctx.actor),
    'imports.resume': ({ importId }, ctx) => imports.resume(importId, ctx.actor),
    'imports.cancel': ({ importId }, ctx) => imports.cancel(importId, ctx.actor),
    'imports.retry': ({ importId, jobIds, password }, ctx) => ({
      retried: imports.retry(importId, jobIds ?? null, password, ctx.actor).length,
    }),
    ...modelHandlers(models, trainings, inference, store.path),
    ...invoiceHandlers(invoices),
    ...recordHandlers(records),
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
    'imports.progress': (_input, emit) => events.on('import-progress', emit),
  };

  return { handlers, subscriptions };
}
