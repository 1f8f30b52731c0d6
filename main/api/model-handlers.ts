// The models.* procedures: glue from the contract to the registry and the training service.
import { DocketError } from './errors.ts';
import type { Output } from './contract.ts';
import type { Handlers } from './router.ts';
import type { InstalledModel, ModelRegistry } from '../engine/registry.ts';
import type { TrainingService } from '../engine/training-service.ts';
import { readRecords } from '../engine/datasets/labelled-rows.ts';
import { saveUploads } from '../ingest/uploads.ts';
import type { InferencePool } from '../engine/runtime/inference-pool.ts';
import { toPrediction } from '../engine/text/text-model.ts';

type ModelHandlers = Pick<
  Handlers,
  | 'models.list'
  | 'models.get'
  | 'models.activate'
  | 'models.rollback'
  | 'models.delete'
  | 'models.import'
  | 'models.export'
  | 'models.classify'
  | 'models.uploadData'
  | 'models.dataColumns'
  | 'models.train'
  | 'models.trainings'
  | 'models.cancelTraining'
>;

export function modelSummary(m: InstalledModel): Output<'models.list'>[number] {
  const c = m.card;
  return {
    modelId: m.modelId,
    version: m.version,
    task: m.task,
    format: m.format,
    multiLabel: c.multiLabel,
    active: m.active,
    description: c.description,
    created: c.created,
    installedAt: m.installedAt,
    sizeBytes: m.sizeBytes,
    labelCount: c.labels.length,
    trainingRows: c.training.rows,
    heldOutRows: c.training.heldOutRows,
    trainingSource: c.training.source ?? null,
    metrics: {
      accuracy: c.metrics.accuracy ?? null,
      macroF1: c.metrics.macroF1 ?? null,
      microF1: c.metrics.microF1 ?? null,
      ece: c.metrics.ece ?? null,
    },
    data: c.data.map(({ name, licence, attribution }) => ({ name, licence, attribution })),
  };
}

async function preview(path: string): Promise<Output<'models.dataColumns'>> {
  const { records, columns } = await readRecords(path);
  return {
    path,
    columns,
    rows: records.length,
    preview: records.slice(0, 5).map((r) => Object.fromEntries(columns.map((c) => [c, String(r[c] ?? '')]))),
  };
}

export function modelHandlers(
  registry: ModelRegistry,
  trainings: TrainingService,
  inference: InferencePool,
  dbPath: string,
): ModelHandlers {
  return {
    'models.list': () => registry.list().map(modelSummary),
    'models.get': ({ modelId, version }) => {
      const m = registry.get(modelId, version);
      const c = m.card;
      return {
        ...modelSummary(m),
        labels: c.labels,
        perClass: c.metrics.perClass ?? {},
        confusion: c.metrics.confusion ?? null,
        thresholds: { abstain: c.thresholds.abstain, autoApply: c.thresholds.autoApply },
        temperature: c.calibration.temperature,
        eceBefore: c.metrics.eceBefore ?? null,
        sha256: c.sha256,
      };
    },
    'models.activate': ({ modelId, version }, ctx) =>
      modelSummary(registry.activate(modelId, version, ctx.actor)),
    'models.rollback': ({ modelId }, ctx) => modelSummary(registry.rollback(modelId, ctx.actor)),
    'models.delete': async ({ modelId, version }, ctx) => {
      await registry.remove(modelId, version, ctx.actor);
      return { deleted: true };
    },
    'models.import': async ({ path, modelId, activate }, ctx) =>
      modelSummary(
        await registry.install(path, { actor: ctx.actor, ...(modelId ? { modelId } : {}), activate }),
      ),
    'models.export': async ({ modelId, version, out }, ctx) => ({
      path: await registry.export(modelId, version, out, ctx.actor),
    }),
    'models.classify': async ({ modelId, version, texts, top }) => {
      const model = registry.get(modelId, version); // without a version: the active one
      if (model.task !== 'text-classification') {
        throw new DocketError(
          'BAD_INPUT',
          `Model "${modelId}" is a ${model.task} model; it does not classify text.`,
        );
      }
      if (model.format === 'transformers.js') {
        await registry.verify(model.modelId, model.version); // the sha256 in its card, before loading
        const { openTransformersModel } = await import('../engine/transformers/open.ts');
        const tm = await openTransformersModel(model.path, 'text-classification');
        try {
          const all = await tm.classify(texts, { topK: model.card.labels.length });
          return all.map((scores) => {
            const probabilities = model.card.labels.map((l) => scores.find((s) => s.label === l)?.score ?? 0);
            return toPrediction(probabilities, model.card, top);
          });
        } finally {
          await tm.dispose();
        }
      }
      const embedderSpec = (model.card.featureSpec as { embedder?: { sha256: string } }).embedder;
      const embedderDir = embedderSpec ? registry.findBySha256(embedderSpec.sha256)?.path : undefined;
      const rows = await inference.probabilities(
        { dir: model.path, sha256: model.card.sha256, ...(embedderDir ? { embedderDir } : {}) },
        texts,
      );
      return rows.map((p) => toPrediction(p, model.card, top));
    },
    'models.uploadData': async ({ name, dataBase64 }) => {
      const [path] = await saveUploads(dbPath, [{ name, dataBase64 }]);
      try {
        return await preview(path!);
      } catch (e) {
        // The user chose "name"; where the window kept its copy means nothing to them.
        if (e instanceof DocketError)
          throw new DocketError(e.code, e.message.replaceAll(path!, name), { cause: e });
        throw e;
      }
    },
    'models.dataColumns': ({ path }) => preview(path),
    'models.train': async (
      { path, text, label, modelId, multiLabel, labelSeparator, seed, embedderModelId },
      ctx,
    ) => {
      const embedder = embedderModelId ? registry.get(embedderModelId) : undefined; // its active version
      if (embedder && (embedder.format !== 'transformers.js' || embedder.task !== 'feature-extraction')) {
        throw new DocketError('BAD_INPUT', `Model "${embedderModelId}" is not a feature-extraction model.`);
      }
      const { columns } = await readRecords(path);
      for (const column of [text, label]) {
        if (!columns.includes(column))
          throw new DocketError('BAD_INPUT', `The data file has no column "${column}".`);
      }
      return trainings.start(
        {
          dataPath: path,
          text,
          label,
          modelId,
          multiLabel,
          seed,
          ...(labelSeparator ? { labelSeparator } : {}),
          ...(embedder ? { embedderDir: embedder.path } : {}),
        },
        ctx.actor,
      );
    },
    'models.trainings': () => trainings.list(),
    'models.cancelTraining': ({ trainingId }) => trainings.cancel(trainingId),
  };
}
