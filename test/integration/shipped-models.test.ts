// The models Docket ships: intact, credited, and useful on texts they were not trained on.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextSession } from '../../main/engine/runtime/text-session.ts';
import { shippedModelsDir } from '../../main/engine/shipped-models.ts';
import { toPrediction } from '../../main/engine/text/text-model.ts';

const dir = shippedModelsDir()!;

describe('shipped models', () => {
  it('are found, and each card names its training data with licence and attribution', async () => {
    const ids = readdirSync(dir).filter((d) => d !== 'recipes' && !d.startsWith('.') && !d.endsWith('.md'));
    expect(ids.sort()).toEqual(['contract-type', 'support-intent']);
    for (const id of ids) {
      const session = await TextSession.open(join(dir, id)); // checks the sha256 too
      expect(session.card.data.length).toBeGreaterThan(0);
      for (const d of session.card.data) {
        expect(d.licence).toMatch(/CC BY/);
        expect(d.attribution.length).toBeGreaterThan(20);
      }
      expect(session.card.metrics.accuracy).toBeGreaterThan(0.5);
      await session.release();
    }
  });

  it('route support messages and name contract types', async () => {
    const intents = await TextSession.open(join(dir, 'support-intent'));
    const [lost, refund] = await intents.probabilities([
      'I think I lost my card somewhere in town, what should I do?',
      'The refund for my order has not arrived in my account yet',
    ]);
    // Paraphrases unlike the training rows, close to neighbouring intents (compromised_card,
    // request_refund): the right intent must be among the three suggestions a reviewer sees.
    expect(toPrediction(lost!, intents.card, 3).top.map((t) => t.label)).toContain('lost_or_stolen_card');
    expect(toPrediction(refund!, intents.card, 3).top.map((t) => t.label)).toContain('Refund_not_showing_up');
    await intents.release();

    const contracts = await TextSession.open(join(dir, 'contract-type'));
    const [p] = await contracts.probabilities([
      'EXCLUSIVE DISTRIBUTOR AGREEMENT. This Distributor Agreement is made between Acme Corp ("Supplier") and ' +
        'Beta Trading Ltd ("Distributor"). Supplier appoints Distributor as its exclusive distributor of the Products in the Territory.',
    ]);
    expect(toPrediction(p!, contracts.card).label).toBe('Distributor');
    await contracts.release();
  });
});
