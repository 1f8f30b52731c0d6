// Sentence embeddings from an installed feature-extraction model (transformers.js format), as extra
// features for Docket's own classifiers. The classifier's card records the embedder's sha256, so it is
// only ever run with the exact model it was trained with.
import { ModelError } from '../model-folder.ts';
import { describeTransformersFolder } from '../transformers-card.ts';
import type { EmbedderSpec } from './features.ts';
import type { TextExample } from './train-text.ts';

export interface Embedder {
  spec: Omit<EmbedderSpec, 'scale'>;
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export async function openEmbedder(dir: string): Promise<Embedder> {
  const card = await describeTransformersFolder(dir);
  if (card.task !== 'feature-extraction') {
    throw new ModelError(
      `The model in ${dir} is a ${card.task} model; embeddings need a feature-extraction model.`,
    );
  }
  const { openTransformersModel } = await import('../transformers/open.ts');
  const model = await openTransformersModel(dir, 'feature-extraction');
  const [probe] = await model.embed(['dimensions']);
  return {
    spec: { modelId: card.id, sha256: card.sha256, dimensions: probe!.length },
    embed: (texts) => (texts.length ? model.embed(texts) : Promise.resolve([])),
    dispose: () => model.dispose(),
  };
}

/** Checks that an embedder is the one a classifier was trained with. */
export function checkEmbedder(
  expected: EmbedderSpec,
  embedder: Embedder | undefined,
  model: string,
): Embedder {
  if (!embedder) {
    throw new ModelError(
      `${model} reads sentence embeddings from the feature-extraction model "${expected.modelId}" ` +
        `(sha256 ${expected.sha256.slice(0, 12)}…); install that model, or pass it with --embedder.`,
    );
  }
  if (embedder.spec.sha256 !== expected.sha256) {
    throw new ModelError(
      `${model} was trained with the feature-extraction model "${expected.modelId}" (sha256 ${expected.sha256.slice(0, 12)}…), ` +
        `not with "${embedder.spec.modelId}" (sha256 ${embedder.spec.sha256.slice(0, 12)}…).`,
    );
  }
  return embedder;
}

/** The examples with their embeddings, computed in batches. */
export async function embedExamples(
  examples: TextExample[],
  embedder: Embedder,
  batch = 64,
): Promise<TextExample[]> {
  const out: TextExample[] = [];
  for (let i = 0; i < examples.length; i += batch) {
    const slice = examples.slice(i, i + batch);
    const vectors = await embedder.embed(slice.map((e) => e.text));
    slice.forEach((e, k) => out.push({ ...e, embedding: vectors[k]! }));
  }
  return out;
}
