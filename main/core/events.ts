// The core's event hub: services publish, subscriptions (status.watch, jobs.progress) listen.
import { EventEmitter } from 'node:events';
import type { ImportProgress } from '../ingest/import-service.ts';

export interface ProgressEvent {
  jobId: number | null;
  kind: string;
  done: number;
  total: number | null;
  message: string;
}

interface EventMap {
  'status-changed': [];
  progress: [ProgressEvent];
  'import-progress': [ImportProgress];
}

export class EventHub {
  private readonly emitter = new EventEmitter<EventMap>();

  constructor() {
    // Each open window or HTTP stream is one listener; many are normal, none are leaks.
    this.emitter.setMaxListeners(0);
  }

  statusChanged(): void {
    this.emitter.emit('status-changed');
  }

  progress(event: ProgressEvent): void {
    this.emitter.emit('progress', event);
  }

  importProgress(event: ImportProgress): void {
    this.emitter.emit('import-progress', event);
  }

  on<K extends keyof EventMap>(name: K, listener: (...args: EventMap[K]) => void): () => void {
    this.emitter.on(name, listener as never);
    return () => this.emitter.off(name, listener as never);
  }
}
