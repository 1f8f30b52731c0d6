// The models Docket ships (models/<id>/, built by `npm run models:build`) are installed into a database's
// registry when it is created or opened by the app, unless a model of that id is already there: a user's
// own versions and choices of the active one are never overwritten.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelRegistry } from './registry.ts';
import { CARD_FILE } from './model-folder.ts';

/**
 * The contract-type model reads the opening of a contract, which names it and its parties. Measured on the
 * held-out split: 800 characters 57.5% accuracy, 2,000 52.5%, 6,000 52.5% (more text adds clauses that all
 * contract types share). Its recipe trains on this much, and callers classify this much.
 */
export const CONTRACT_HEAD_CHARS = 800;

/** models/ beside the source tree, or beside dist-electron/ in the desktop build. */
export function shippedModelsDir(): string | undefined {
  for (const candidate of ['../../models', '../models']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(dir, 'recipes')) || existsSync(join(dir, 'support-intent'))) return dir;
  }
  return undefined;
}

export async function installShippedModels(
  registry: ModelRegistry,
  actor: string,
  dir = shippedModelsDir(),
): Promise<string[]> {
  if (!dir) return [];
  const installed: string[] = [];
  const present = new Set(registry.list().map((m) => m.modelId));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(join(dir, entry.name, CARD_FILE))) continue;
    if (present.has(entry.name)) continue;
    const model = await registry.install(join(dir, entry.name), { actor });
    installed.push(`${model.modelId}@${model.version}`);
  }
  return installed;
}
