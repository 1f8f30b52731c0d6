// The text classifier trainer on real data (banking77, NLU++), its ONNX export run by ONNX Runtime, its
// calibration, determinism, cancellation, and the model folder's integrity checks.
import { readFileSync } from 'node:fs';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from '../../main/engine/metrics/classification.ts';
import { ModelError, loadModelFolder, writeModelFolder } from '../../main/engine/model-folder.ts';
import { TextSession } from '../../main/engine/runtime/text-session.ts';
import { readLabelledRows } from '../../main/engine/datasets/labelled-rows.ts';
import {
  stratifiedSplit,
  trainTextClassifier,
  TrainingCancelledError,
} from '../../main/engine/text/train-text.ts';
import { trainTextModel, toPrediction } from '../../main/engine/text/text-model.ts';
import type { TextExample } from '../../main/engine/text/train-text.ts';
import { useTempDirs } from '../helpers/temp.ts';

const BANKING = new URL('../../../shared/datasets/banking77/train.csv', import.meta.url).pathname;
const NLUPP = new URL('../../../shared/datasets/nlupp/data/banking/', import.meta.url).pathname;

/** 20 banking77 intents: 1,500-odd rows, enough to train in a few seconds. */
async function bankingSlice(): Promise<{ train: TextExample[]; test: TextExample[] }> {
  const { examples } = await readLabelledRows(BANKING, { text: 'text', label: 'category' });
  const labels = [...new Set(examples.map((e) => e.labels[0]!))].sort().slice(0, 20);
  const chosen = examples.filter((e) => labels.includes(e.labels[0]!));
  const { train, heldOut } = stratifiedSplit(chosen, 0.25, 7);
  return { train, test: heldOut };
}

const argmax = (p: ArrayLike<number>) => Array.from(p).reduce((b, v, i, a) => (v > a[b]! ? i : b), 0);

describe('text classifier', () => {
  const tempDir = useTempDirs();

  it('trains on banking77, and ONNX Runtime gives the trainer’s probabilities within 1e-5', async () => {
    const { train, test } = await bankingSlice();
    const { card, bytes, result } = trainTextModel(train, { seed: 3 }, { id: 'banking-slice' });
    const dir = tempDir();
    await writeModelFolder(dir, card, bytes);
    const session = await TextSession.open(dir);
    const texts = test.map((e) => e.text);
    const onnx = await session.probabilities(texts);
    let maxDiff = 0;
    let right = 0;
    texts.forEach((t, i) => {
      const mine = result.model.probabilities(t);
      for (let c = 0; c < mine.length; c++) maxDiff = Math.max(maxDiff, Math.abs(mine[c]! - onnx[i]![c]!));
      if (card.labels[argmax(onnx[i]!)] === test[i]!.labels[0]) right++;
    });
    await session.release();
    expect(maxDiff).toBeLessThan(1e-5);
    expect(right / test.length).toBeGreaterThan(0.85);
    expect(bytes.length).toBeLessThan(25_000_000);
    expect(card.metrics.accuracy).toBeGreaterThan(0.8);
    expect(card.metrics.perClass?.[card.labels[0]!]?.f1).toBeGreaterThan(0);
    expect(card.metrics.confusion).toHaveLength(card.labels.length);
  });

  it('temperature scaling lowers the expected calibration error on rows it never saw', async () => {
    const { train, test } = await bankingSlice();
    const { model } = trainTextClassifier(train, { seed: 5 });
    const T = model.parts.temperature;
    expect(T).not.toBe(1);
    const ece = (temperature: number) => {
      const conf: number[] = [];
      const correct: boolean[] = [];
      for (const e of test) {
        const p = model.probabilitiesOfLogits(model.logits(e.text), temperature);
        const best = argmax(p);
        conf.push(p[best]!);
        correct.push(model.labels[best] === e.labels[0]);
      }
      return expectedCalibrationError(conf, correct);
    };
    const before = ece(1);
    const after = ece(T);
    expect(after).toBeLessThan(before);
  });

  it('is deterministic for a seed', async () => {
    const { train } = await bankingSlice();
    const a = trainTextClassifier(train.slice(0, 600), { seed: 11, maxEpochs: 4 });
    const b = trainTextClassifier(train.slice(0, 600), { seed: 11, maxEpochs: 4 });
    expect(Buffer.from(a.model.toOnnx()).equals(Buffer.from(b.model.toOnnx()))).toBe(true);
  });

  it('can be cancelled, and reports progress until then', async () => {
    const { train } = await bankingSlice();
    const controller = new AbortController();
    const epochs: number[] = [];
    expect(() =>
      trainTextClassifier(train, {
        signal: controller.signal,
        onProgress: (e) => {
          if (e.phase === 'epoch') {
            epochs.push(e.epoch);
            if (e.epoch === 2) controller.abort();
          }
        },
      }),
    ).toThrow(TrainingCancelledError);
    expect(epochs).toEqual([1, 2]);
  });

  it('trains a multi-label model on NLU++ and reports micro and macro F1', async () => {
    const rows = (fold: number): TextExample[] =>
      (
        JSON.parse(readFileSync(join(NLUPP, `fold${fold}.json`), 'utf8')) as {
          text: string;
          intents?: string[];
        }[]
      ).map((r) => ({ text: r.text, labels: r.intents ?? [] }));
    const train = [0, 1, 2, 3, 4, 5].flatMap(rows);
    const { card, bytes, result } = trainTextModel(train, { multiLabel: true, seed: 1 }, { id: 'nlupp' });
    expect(card.multiLabel).toBe(true);
    expect(card.metrics.microF1).toBeGreaterThan(0.5);
    expect(card.metrics.macroF1).toBeGreaterThan(0);
    const dir = tempDir();
    await writeModelFolder(dir, card, bytes);
    const session = await TextSession.open(dir);
    const text = 'How long does it take to get a new pin?';
    const [p] = await session.probabilities([text]);
    const mine = result.model.probabilities(text);
    for (let c = 0; c < mine.length; c++) expect(Math.abs(mine[c]! - p![c]!)).toBeLessThan(1e-5);
    const prediction = toPrediction(p!, card);
    expect(prediction.labels).toContain('pin');
    await session.release();
  });

  it('refuses data with a single label, with a clear message', () => {
    expect(() =>
      trainTextClassifier([
        { text: 'a', labels: ['x'] },
        { text: 'b', labels: ['x'] },
      ]),
    ).toThrow(/at least two different labels/);
  });

  describe('model folder integrity', () => {
    async function smallModel(): Promise<string> {
      const { train } = await bankingSlice();
      const { card, bytes } = trainTextModel(train.slice(0, 400), { seed: 1, maxEpochs: 2 }, { id: 'tiny' });
      const dir = tempDir();
      await writeModelFolder(dir, card, bytes);
      return dir;
    }

    it('a damaged model.onnx is refused by name before ONNX Runtime sees it', async () => {
      const dir = await smallModel();
      const bytes = await readFile(join(dir, 'model.onnx'));
      const middle = bytes.length >> 1;
      bytes[middle] = bytes[middle]! ^ 0xff;
      await writeFile(join(dir, 'model.onnx'), bytes);
      await expect(TextSession.open(dir)).rejects.toThrow(/Model "tiny" version 1 .* is damaged/);
    });

    it('a missing model.onnx, a missing card and a broken card each give a clear error', async () => {
      const dir = await smallModel();
      await rm(join(dir, 'model.onnx'));
      await expect(loadModelFolder(dir)).rejects.toThrow(/Model "tiny" version 1 .* is missing model.onnx/);
      await writeFile(join(dir, 'card.json'), '{"format": "docket-model/1", "id": "tiny"}');
      await expect(loadModelFolder(dir)).rejects.toThrow(ModelError);
      await expect(loadModelFolder(dir)).rejects.toThrow(/not a valid model card/);
      await rm(join(dir, 'card.json'));
      await expect(loadModelFolder(dir)).rejects.toThrow(/has no card.json/);
    });

    it('a file that ONNX Runtime cannot load is reported with the model’s name', async () => {
      const dir = await smallModel();
      const card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8'));
      const junk = new TextEncoder().encode('this is not an onnx model');
      const { createHash } = await import('node:crypto');
      card.sha256 = createHash('sha256').update(junk).digest('hex');
      await writeFile(join(dir, 'model.onnx'), junk);
      await writeFile(join(dir, 'card.json'), JSON.stringify(card));
      await expect(TextSession.open(dir)).rejects.toThrow(
        /Model "tiny" version 1 .* cannot be loaded by ONNX Runtime/,
      );
    });
  });
});
