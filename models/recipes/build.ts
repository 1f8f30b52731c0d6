// `npm run models:build [-- ID...]`: trains the shipped models from their recipes and writes each folder
// (model.onnx + card.json) to models/<id>/. Deterministic for the recipe's seed.
import { join } from 'node:path';
import { writeModelFolder } from '../../main/engine/model-folder.ts';
import { trainTextModel } from '../../main/engine/text/text-model.ts';
import { buildInvoiceModels } from './invoice-models.ts';
import { recipes } from './recipes.ts';

const wanted = process.argv.slice(2);
const want = (id: string) => wanted.length === 0 || wanted.includes(id);
for (const recipe of recipes.filter((r) => want(r.id))) {
  const examples = await recipe.load();
  const { card, bytes, result } = trainTextModel(examples, recipe.options, {
    id: recipe.id,
    description: recipe.description,
    source: recipe.data.map((d) => d.name).join(', '),
    data: recipe.data,
  });
  const dir = join(import.meta.dirname, '..', recipe.id);
  await writeModelFolder(dir, card, bytes);
  const pct = (x: number | undefined) => `${((x ?? 0) * 100).toFixed(1)}%`;
  console.log(
    `${recipe.id}: ${examples.length} rows, ${card.labels.length} labels, held-out accuracy ${pct(card.metrics.accuracy)}, ` +
      `macro-F1 ${pct(card.metrics.macroF1)}, ECE ${pct(card.metrics.ece)}, ${(bytes.length / 1e6).toFixed(1)} MB, ` +
      `${result.seconds.toFixed(1)} s → ${dir}`,
  );
}

await buildInvoiceModels(want, join(import.meta.dirname, '..'));
