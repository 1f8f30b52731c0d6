// Composes the core: an open store, the event hub and the router. Every shell (desktop, CLI, HTTP) builds
// one of these and talks to it only through the router.
import { Router, type Logger } from '../api/router.ts';
import { createHandlers } from '../api/handlers.ts';
import { Store, type OpenOptions } from '../store/database.ts';
import { EventHub } from './events.ts';
import { appVersion } from './app-info.ts';
import { ImportService } from '../ingest/import-service.ts';
import { ModelRegistry } from '../engine/registry.ts';
import { TrainingService } from '../engine/training-service.ts';
import { InferencePool } from '../engine/runtime/inference-pool.ts';
import { InvoiceService } from '../invoices/invoice-service.ts';
import { RecordService, type RecordServiceOptions } from '../records/record-service.ts';

export interface DocketCore {
  store: Store;
  events: EventHub;
  router: Router;
  imports: ImportService;
  models: ModelRegistry;
  trainings: TrainingService;
  inference: InferencePool;
  invoices: InvoiceService;
  records: RecordService;
  /** Stops imports (their jobs resume from their stage next time), then closes the database. */
  close(): Promise<void>;
}

export interface CoreOptions extends OpenOptions {
  log?: Logger;
  /** Read workers for imports; default the `ingest.workers` setting, else the number of cores. */
  workers?: number;
  /** Policy and network access for records (tests pass their own). */
  records?: RecordServiceOptions;
}

export function openCore(options: CoreOptions): DocketCore {
  const store = Store.open(options);
  const events = new EventHub();
  const log = options.log ?? console;
  const models = new ModelRegistry(store.db, store.path);
  const invoices = new InvoiceService(store.db, models);
  const imports = new ImportService({
    store,
    events,
    log,
    workers: options.workers,
    key: options.key,
    // Each document read is searched for invoices before its job counts as done.
    afterRead: (documentId, mediaType) => invoices.analyseDocument(documentId, mediaType),
  });
  const trainings = new TrainingService(models, events);
  const inference = new InferencePool();
  const records = new RecordService(
    store.db,
    { registry: models, inference, trainings, events },
    options.records,
  );
  const { handlers, subscriptions } = createHandlers({
    store,
    events,
    appVersion,
    log,
    imports,
    models,
    trainings,
    inference,
    invoices,
    records,
  });
  const router = new Router(handlers, subscriptions, log);
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    // Trainings stop first (a retraining in flight is recorded as failed), then what waits on them.
    closing ??= trainings
      .close()
      .then(() => records.close())
      .then(() => Promise.all([imports.close(), inference.close()]))
      .then(() => invoices.close())
      .then(() => undefined)
      .finally(() => store.close());
    return closing;
  };
  return { store, events, router, imports, models, trainings, inference, invoices, records, close };
}
