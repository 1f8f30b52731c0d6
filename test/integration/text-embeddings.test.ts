// An installed feature-extraction model feeding Docket's own classifier: sentence embeddings join the
// n-gram features, so words never seen in training still land in the right class when the embedder
// knows them. Runs on the committed tiny transformers.js fixture, with no network.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeModelFolder } from '../../main/engine/model-folder.ts';
import { TextSession } from '../../main/engine/runtime/text-session.ts';
import { embedExamples, openEmbedder } from '../../main/engine/text/embedder.ts';
import { trainTextModel } from '../../main/engine/text/text-model.ts';
import type { TextExample } from '../../main/engine/text/train-text.ts';
import { docket } from '../helpers/cli.ts';
import { useTestCores } from '../helpers/core.ts';
import { useTempDirs } from '../helpers/temp.ts';

const EMBEDDER = new URL('../fixtures/models/tiny-feature-extraction', import.meta.url).pathname;

const FRAMES = [
  'please see the {} attached',
  'our new {} has been sent',
  'the {} from acme corp',
  'your {} with globex inc',
  'a {} for jane doe in london',
  'we have a {} at initech',
  'the {} on your account',
  'is the {} done',
];

/** Training uses one word per class; the test uses other words of the same topic, never seen in training. */
function rows(words: Record<string, string>): TextExample[] {
  return Object.entries(words).flatMap(([label, word]) =>
    FRAMES.flatMap((f) => [f, `${f} today`, `so ${f}`]).map((f) => ({
      text: f.replace('{}', word),
      labels: [label],
    })),
  );
}
const train = rows({ invoice: 'invoice', contract: 'contract', ticket: 'ticket' });
const unseen = [
  { text: 'the bill is due', label: 'invoice' },
  { text: 'the agreement was signed by the parties', label: 'contract' },
  { text: 'support please, login is broken', label: 'ticket' },
];

describe('classifiers with sentence embeddings from an installed feature-extraction model', () => {
  const tempDir = useTempDirs();
  const openTestCore = useTestCores();

  it('generalise to unseen words through the embedder, and ONNX Runtime matches the trainer', async () => {
    const embedder = await openEmbedder(EMBEDDER);
    try {
      const plain = trainTextModel(train, { seed: 1 }, { id: 'topics-plain' });
      const embedded = trainTextModel(
        await embedExamples(train, embedder),
        { seed: 1, embedder: embedder.spec },
        { id: 'topics' },
      );
      expect(embedded.card.featureSpec).toMatchObject({
        embedder: { sha256: embedder.spec.sha256, dimensions: 16 },
      });

      const vectors = await embedder.embed(unseen.map((u) => u.text));
      const argmaxLabel = (p: ArrayLike<number>, labels: string[]) =>
        labels[Array.from(p).reduce((b, v, i, a) => (v > a[b]! ? i : b), 0)];
      const rightWith = unseen.filter(
        (u, i) =>
          argmaxLabel(embedded.result.model.probabilities(u.text, vectors[i]), embedded.card.labels) ===
          u.label,
      );
      const rightWithout = unseen.filter(
        (u) => argmaxLabel(plain.result.model.probabilities(u.text), plain.card.labels) === u.label,
      );
      expect(rightWith).toHaveLength(unseen.length);
      expect(rightWithout.length).toBeLessThan(unseen.length);

      const dir = tempDir();
      await writeModelFolder(dir, embedded.card, embedded.bytes);
      await expect(TextSession.open(dir)).rejects.toThrow(
        /reads sentence embeddings from the feature-extraction model/,
      );
      const session = await TextSession.open(dir, { embedder });
      const onnx = await session.probabilities(unseen.map((u) => u.text));
      unseen.forEach((u, i) => {
        const mine = embedded.result.model.probabilities(u.text, vectors[i]);
        for (let c = 0; c < mine.length; c++) expect(Math.abs(mine[c]! - onnx[i]![c]!)).toBeLessThan(1e-5);
      });
      await session.release();
    } finally {
      await embedder.dispose();
    }
  });

  it('through the CLI (--embedder) and the registry (the embedder found by its sha256)', async () => {
    const dir = tempDir();
    const data = join(dir, 'topics.csv');
    writeFileSync(data, `text,label\n${train.map((r) => `"${r.text}",${r.labels[0]}`).join('\n')}\n`);
    const out = join(dir, 'topics.model');
    const trained = docket([
      'train',
      'text',
      '--data',
      data,
      '--text',
      'text',
      '--label',
      'label',
      '--embedder',
      EMBEDDER,
      '--out',
      out,
      '--json',
    ]);
    expect(trained.code).toBe(0);
    const withoutEmbedder = docket(['classify', '--model', out], {}, 'the bill is due\n');
    expect(withoutEmbedder.code).toBe(1);
    expect(withoutEmbedder.stderr).toMatch(/install that model, or pass it with --embedder/);
    const classified = docket(
      ['classify', '--model', out, '--embedder', EMBEDDER, '--json'],
      {},
      'the bill is due\n',
    );
    expect(JSON.parse(classified.stdout).label).toBe('invoice');

    const core = openTestCore();
    const ctx = { transport: 'in-process' as const, actor: 'test' };
    await core.router.invoke('models.import', { path: EMBEDDER, modelId: 'sentence-embedder' }, ctx);
    await core.router.invoke('models.import', { path: out }, ctx);
    const [p] = await core.router.invoke(
      'models.classify',
      { modelId: 'topics', texts: ['support please, login is broken'] },
      ctx,
    );
    expect(p!.label).toBe('ticket');

    // Training in the background with an installed embedder.
    const training = await core.router.invoke(
      'models.train',
      {
        path: data,
        text: 'text',
        label: 'label',
        modelId: 'topics',
        embedderModelId: 'sentence-embedder',
        seed: 2,
      },
      ctx,
    );
    expect(await core.trainings.settled(training.id)).toMatchObject({ status: 'done', version: 2 });
    const [q] = await core.router.invoke(
      'models.classify',
      { modelId: 'topics', texts: ['the agreement was signed'] },
      ctx,
    );
    expect(q!.label).toBe('contract');
  });
});
