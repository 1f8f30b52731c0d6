// Where the sample data is and how it is laid out (written by scripts/samples/write-samples.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecordKind } from '../records/types.ts';

/** Who loads the sample data, in the audit log. */
export const SAMPLE_ACTOR = 'samples';

export const SAMPLE_DOCUMENTS = 'documents';
export const SAMPLE_CONTRACTS = 'documents/contracts';
export const SAMPLE_INVOICE_TRUTH = 'truth/invoices.json';

export interface SampleRecordSource {
  step: 'tickets' | 'crm';
  kind: RecordKind;
  file: string;
  /** The column mapping beside it; null for email, which has fixed fields. */
  mapping: string | null;
}

/** In this order: the help desk's history first, so the new mail is routed by the model it trains. */
export const SAMPLE_RECORD_SOURCES: readonly SampleRecordSource[] = [
  {
    step: 'tickets',
    kind: 'tickets',
    file: 'tickets/helpdesk-tickets.csv',
    mapping: 'tickets/helpdesk-tickets.mapping.json',
  },
  { step: 'tickets', kind: 'tickets', file: 'tickets/support-inbox.mbox', mapping: null },
  { step: 'crm', kind: 'crm', file: 'crm/contacts.csv', mapping: 'crm/contacts.mapping.json' },
  { step: 'crm', kind: 'crm', file: 'crm/notes.csv', mapping: 'crm/notes.mapping.json' },
];

/** The folder holds sample data (at least its documents). */
export function holdsSamples(dir: string): boolean {
  return existsSync(join(dir, SAMPLE_DOCUMENTS));
}

/**
 * samples/ at the project's root (from main/samples/ in the source tree, or from dist-electron/ in the
 * desktop build), or DOCKET_SAMPLES_DIR. In a packaged app the files are unpacked beside the archive, since
 * the import's read workers open them as plain files.
 */
export function samplesDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DOCKET_SAMPLES_DIR) return env.DOCKET_SAMPLES_DIR;
  for (const candidate of ['../../samples', '../samples']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url)).replace(
      /app\.asar([\\/])/,
      'app.asar.unpacked$1',
    );
    // The generator's manifest, so an unrelated samples/ folder above a checkout is never taken for it.
    if (holdsSamples(dir) && existsSync(join(dir, 'manifest.json'))) return dir;
  }
  return undefined;
}
