// `docket models list|activate|rollback|export|import|rm --db DB [--json]`: the model registry.
import { cliContext, openExisting } from '../open-core.ts';
import { percent, printResult } from '../output.ts';
import type { Output } from '../../api/contract.ts';
import type { DocketCore } from '../../core/docket.ts';

type Summary = Output<'models.list'>[number];

const pct = (x: number | null) => percent(x).padStart(6);

function line(m: Summary): string {
  const score = m.multiLabel ? `micro-F1 ${pct(m.metrics.microF1)}` : `accuracy ${pct(m.metrics.accuracy)}`;
  return `${m.active ? '*' : ' '} ${m.modelId.padEnd(28)} v${String(m.version).padEnd(4)} ${m.task.padEnd(26)} ${String(m.trainingRows).padStart(7)} rows  ${score}  ${m.created.slice(0, 10)}`;
}

async function withCore<T>(db: string, work: (core: DocketCore) => Promise<T>): Promise<T> {
  const core = openExisting(db);
  try {
    return await work(core);
  } finally {
    await core.close();
  }
}

export function modelsList(o: { db: string; json: boolean }) {
  return withCore(o.db, async (core) => {
    const list = await core.router.invoke('models.list', {}, cliContext);
    printResult(o.json, list, () =>
      list.length
        ? [...list.map(line), '(* = active)'].join('\n')
        : 'No models installed. Add one with: docket models import DIR --db DB',
    );
  });
}

export function modelsActivate(modelId: string, version: number, o: { db: string; json: boolean }) {
  return withCore(o.db, async (core) => {
    const m = await core.router.invoke('models.activate', { modelId, version }, cliContext);
    printResult(o.json, m, () => `Active: ${m.modelId} version ${m.version}`);
  });
}

export function modelsRollback(modelId: string, o: { db: string; json: boolean }) {
  return withCore(o.db, async (core) => {
    const m = await core.router.invoke('models.rollback', { modelId }, cliContext);
    printResult(o.json, m, () => `Rolled back: ${m.modelId} version ${m.version} is active again`);
  });
}

export function modelsExport(
  modelId: string,
  version: number | undefined,
  o: { db: string; out: string; json: boolean },
) {
  return withCore(o.db, async (core) => {
    const r = await core.router.invoke(
      'models.export',
      { modelId, out: o.out, ...(version === undefined ? {} : { version }) },
      cliContext,
    );
    printResult(o.json, r, () => `Exported to ${r.path}`);
  });
}

export function modelsImport(path: string, o: { db: string; id?: string; activate: boolean; json: boolean }) {
  return withCore(o.db, async (core) => {
    const m = await core.router.invoke(
      'models.import',
      { path, activate: o.activate, ...(o.id ? { modelId: o.id } : {}) },
      cliContext,
    );
    printResult(o.json, m, () => `Installed ${m.modelId} version ${m.version}${m.active ? ' (active)' : ''}`);
  });
}

export function modelsRemove(modelId: string, version: number, o: { db: string; json: boolean }) {
  return withCore(o.db, async (core) => {
    const r = await core.router.invoke('models.delete', { modelId, version }, cliContext);
    printResult(o.json, { ...r, modelId, version }, () => `Deleted ${modelId} version ${version}`);
  });
}
