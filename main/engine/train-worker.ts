// Trains one text model off the main thread: reads the data file, trains, writes the model folder, and
// reports progress. Cancelling terminates the thread; nothing is written until training has finished.
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { readLabelledRows } from './datasets/labelled-rows.ts';
import { writeModelFolder } from './model-folder.ts';
import { trainTextModel } from './text/text-model.ts';
import { embedExamples, openEmbedder } from './text/embedder.ts';
import type { TrainMessage, TrainRequest } from './train-protocol.ts';

const request = workerData as TrainRequest;
const post = (m: TrainMessage) => parentPort!.postMessage(m);

try {
  const read = await readLabelledRows(request.dataPath, {
    text: request.text,
    label: request.label,
    multiLabel: request.multiLabel,
    labelSeparator: request.labelSeparator,
  });
  let examples = read.examples;
  const embedder = request.embedderDir ? await openEmbedder(request.embedderDir) : undefined;
  if (embedder) {
    examples = await embedExamples(examples, embedder);
    await embedder.dispose();
  }
  const { card, bytes } = trainTextModel(
    examples,
    {
      multiLabel: request.multiLabel,
      seed: request.seed,
      ...(embedder ? { embedder: embedder.spec } : {}),
      onProgress: (progress) => post({ type: 'progress', progress, rows: examples.length }),
    },
    { id: request.modelId, source: basename(request.dataPath) },
  );
  post({ type: 'done', card: await writeModelFolder(request.outDir, card, bytes) });
} catch (e) {
  post({ type: 'error', message: (e as Error).message });
}
