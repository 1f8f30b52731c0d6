// `docket classify --model DIR [--top K] [--json]`: one text per line on stdin, one prediction per line on
// stdout ({"label", "probability", "abstain", "top"}), in batches through ONNX Runtime.
import { createInterface } from 'node:readline';
import { TextSession } from '../../engine/runtime/text-session.ts';
import { toPrediction } from '../../engine/text/text-model.ts';
import { openEmbedder } from '../../engine/text/embedder.ts';

const BATCH = 256;

export async function classify(o: {
  model: string;
  top: number;
  json: boolean;
  threads?: number;
  embedder?: string;
}): Promise<void> {
  const embedder = o.embedder ? await openEmbedder(o.embedder!) : undefined;
  const session = await TextSession.open(o.model, { intraOpThreads: o.threads ?? 1, embedder });
  try {
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const rows = await session.probabilities(batch);
      let out = '';
      for (const p of rows) {
        const prediction = toPrediction(p, session.card, o.top);
        out += o.json
          ? `${JSON.stringify(prediction)}\n`
          : `${prediction.abstain ? '?' : ''}${prediction.label ?? ''}\t${prediction.probability.toFixed(3)}\n`;
      }
      batch = [];
      if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
    };
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    await session.release();
    await embedder?.dispose();
  }
}
