// "Why" by occlusion, through a real text model run by the real inference pool: the words that pushed a
// ticket towards its queue come out with positive weights, and the texts go to the model in one batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeModelFolder } from '../../main/engine/model-folder.ts';
import { InferencePool } from '../../main/engine/runtime/inference-pool.ts';
import { trainTextModel } from '../../main/engine/text/text-model.ts';
import type { TextExample } from '../../main/engine/text/train-text.ts';
import { explainByOcclusion } from '../../main/records/explain.ts';

/** A few dozen synthetic tickets: money words → Billing, sign-in words → Access, delivery words → Shipping. */
function tickets(): TextExample[] {
  const openers = ['Hello,', 'Hi team,', 'Good morning,', 'Dear support,', 'Hey,', 'Urgent:'];
  const closers = ['thanks', 'regards', 'asap please', 'cheers', 'thank you', 'best'];
  const billing = [
    'I need a refund',
    'the invoice is wrong',
    'refund the invoice',
    'my invoice total is off',
    'please refund my payment',
    'send a corrected invoice',
  ];
  const access = [
    'I forgot my password',
    'cannot login',
    'login fails after the password change',
    'reset my password',
    'my login is locked',
    'password expired',
  ];
  const shipping = [
    'where is my parcel',
    'the delivery is late',
    'parcel never arrived',
    'track my delivery',
    'delivery address change',
    'the parcel is damaged',
  ];
  const out: TextExample[] = [];
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 2; j++) {
      const o = openers[(i + j) % 6]!;
      const c = closers[(i + 2 * j) % 6]!;
      out.push({ text: `${o} ${billing[i]} ${c}`, labels: ['Billing'] });
      out.push({ text: `${o} ${access[i]} ${c}`, labels: ['Access'] });
      out.push({ text: `${o} ${shipping[i]} ${c}`, labels: ['Shipping'] });
    }
  }
  return out;
}

describe('explainByOcclusion', () => {
  const pool = new InferencePool({ workers: 1 });
  let dir = '';
  let model = { dir: '', sha256: '' };
  let labels: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'docket-explain-'));
    const { card, bytes } = trainTextModel(tickets(), { seed: 2 }, { id: 'tickets-queue' });
    const written = await writeModelFolder(join(dir, 'model'), card, bytes);
    model = { dir: join(dir, 'model'), sha256: written.sha256 };
    labels = written.labels;
  });

  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the words that pushed a ticket towards Billing, from one batch through the real model', async () => {
    const text = 'I want a refund for my invoice please';
    const billing = labels.indexOf('Billing');
    const calls: number[] = [];
    const evidence = await explainByOcclusion(text, billing, (texts) => {
      calls.push(texts.length);
      return pool.probabilities(model, texts);
    });
    // The original and one text per word (8 words), in a single call.
    expect(calls).toEqual([9]);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.length).toBeLessThanOrEqual(6);
    const pushing = evidence.filter((e) => e.weight > 0).map((e) => e.text.toLowerCase());
    expect(pushing.some((t) => /\b(refund|invoice)\b/.test(t))).toBe(true);
    expect(evidence[0]!.weight).toBeGreaterThan(0);
    // Positive first, each side strongest first; every piece is text from the ticket.
    const signs = evidence.map((e) => Math.sign(e.weight));
    expect(signs).toEqual([...signs].sort((a, b) => b - a));
    for (const e of evidence) {
      expect(text).toContain(e.text);
      expect(Math.abs(e.weight)).toBeGreaterThanOrEqual(0.005);
    }

    // Towards Access, the same money words pull the other way.
    const against = await explainByOcclusion(text, labels.indexOf('Access'), (texts) =>
      pool.probabilities(model, texts),
    );
    const refundOrInvoice = against.filter((e) => /refund|invoice/i.test(e.text));
    expect(refundOrInvoice.length).toBeGreaterThan(0);
    for (const e of refundOrInvoice) expect(e.weight).toBeLessThan(0);
  });

  it('explains a long ticket on its first words only, and gives nothing for a text without words', async () => {
    const long = `${'please '.repeat(200)}refund`;
    const sizes: number[] = [];
    await explainByOcclusion(
      long,
      labels.indexOf('Billing'),
      (texts) => {
        sizes.push(texts.length, Math.max(...texts.map((t) => t.length)));
        return pool.probabilities(model, texts);
      },
      { maxWords: 50 },
    );
    expect(sizes[0]).toBe(51);
    expect(sizes[1]).toBeLessThanOrEqual('please '.repeat(50).length);
    let called = false;
    const none = await explainByOcclusion('!!! ???', 0, async (texts) => {
      called = true;
      return pool.probabilities(model, texts);
    });
    expect(none).toEqual([]);
    expect(called).toBe(false);
  });
});

describe('phrases and ordering', () => {
  // A transparent scorer: each of these words adds its share to the label's probability.
  const share: Record<string, number> = { reset: 0.3, my: 0.25, password: 0.3, invoice: -0.1, the: 0.001 };
  const scorer = async (texts: string[]) =>
    texts.map((t) => {
      const p = 0.1 + (t.toLowerCase().match(/\p{L}+/gu) ?? []).reduce((s, w) => s + (share[w] ?? 0), 0);
      return [p, 1 - p];
    });

  it('joins strong neighbours into a phrase, keeps the opposing words, drops noise, and caps the list', async () => {
    const evidence = await explainByOcclusion('Please reset my password not the invoice', 0, scorer);
    expect(evidence).toEqual([
      { text: 'reset my password', weight: 0.85 },
      { text: 'invoice', weight: -0.1 },
    ]);
    const top1 = await explainByOcclusion('Please reset my password not the invoice', 0, scorer, { top: 1 });
    expect(top1).toEqual([{ text: 'reset my password', weight: 0.85 }]);
  });

  it('shows a repeated word once, and refuses a label the model does not have', async () => {
    const evidence = await explainByOcclusion('password, then password again', 0, scorer);
    expect(evidence).toEqual([{ text: 'password', weight: 0.3 }]);
    await expect(explainByOcclusion('reset password', 5, scorer)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/Label number 5 is not one of the model's 2 labels/),
    });
  });
});
