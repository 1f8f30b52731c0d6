// Numbered migrations, oldest first. Never edit one that has shipped: add the next number.
import { initial } from './001-initial.ts';
import { imports } from './002-imports.ts';
import { models } from './003-models.ts';
import { invoices } from './004-invoices.ts';
import { records } from './005-records.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [initial, imports, models, invoices, records];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
