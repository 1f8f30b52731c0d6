// A Docket text classifier loaded into ONNX Runtime: checked against its card, warmed up, and run in
// batches. The features are built here in TypeScript with the card's spec; the graph does the rest.
import * as ort from 'onnxruntime-node';
import { ModelError, loadModelFolder } from '../model-folder.ts';
import type { ModelCard } from '../model-card.ts';
import { extractFeatures, toBatchTensors, type TextFeatureSpec } from '../text/features.ts';

export interface SessionOptions {
  /** Threads ONNX Runtime may use inside one run (workers × threads ≤ cores). */
  intraOpThreads?: number;
}

export class TextSession {
  readonly card: ModelCard;
  readonly dir: string;
  private readonly session: ort.InferenceSession;

  private constructor(dir: string, card: ModelCard, session: ort.InferenceSession) {
    this.dir = dir;
    this.card = card;
    this.session = session;
  }

  static async open(dir: string, options: SessionOptions = {}): Promise<TextSession> {
    const { card, bytes } = await loadModelFolder(dir);
    if (card.task !== 'text-classification') {
      throw new ModelError(
        `Model "${card.id}" version ${card.version} is a ${card.task} model, not a text classifier.`,
      );
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: options.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (e) {
      throw new ModelError(
        `Model "${card.id}" version ${card.version} (${dir}) cannot be loaded by ONNX Runtime: ${(e as Error).message.split('\n')[0]}`,
      );
    }
    const loaded = new TextSession(dir, card, session);
    await loaded.probabilities(['warm up']);
    return loaded;
  }

  /** Calibrated probabilities, one row per text, in label order. */
  async probabilities(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const spec = this.card.featureSpec as unknown as TextFeatureSpec;
    const { hashes, values, width } = toBatchTensors(texts.map((t) => extractFeatures(t, spec)));
    const out = await this.session.run({
      hashes: new ort.Tensor('int64', hashes, [texts.length, width]),
      values: new ort.Tensor('float32', values, [texts.length, width]),
    });
    const probs = out.probabilities!.data as Float32Array;
    const C = this.card.labels.length;
    return texts.map((_, i) => probs.slice(i * C, (i + 1) * C));
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
