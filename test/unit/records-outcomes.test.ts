// The three outcomes from calibrated probabilities, at the thresholds' exact edges, for one label per
// ticket and for tags (each tag on its own: some applied while others wait as suggestions).
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../main/records/outcomes.ts';

const queue = {
  id: 'tickets-queue',
  version: 3,
  labels: ['Access', 'Billing', 'Shipping'],
  multiLabel: false,
};
const tags = { id: 'crm-tags', version: 1, labels: ['Churn risk', 'Pricing', 'Renewal'], multiLabel: true };
const thresholds = { high: 0.9, low: 0.5 };

describe('one label per record', () => {
  it('applies at the high threshold, suggests at the low one, and leaves below it unassigned', () => {
    expect(outcomeOf('queue', [0.05, 0.9, 0.05], queue, thresholds)).toMatchObject({
      status: 'auto',
      value: 'Billing',
      probability: 0.9,
      source: 'model',
      modelId: 'tickets-queue',
      modelVersion: 3,
    });
    const suggested = outcomeOf('queue', [0.3, 0.5, 0.2], queue, thresholds);
    expect(suggested).toMatchObject({ status: 'suggested', value: null, probability: 0.5 });
    expect(suggested.top.map((t) => t.label)).toEqual(['Billing', 'Access', 'Shipping']);
    const unsure = outcomeOf('queue', [0.34, 0.33, 0.33], queue, thresholds);
    expect(unsure).toMatchObject({ status: 'unassigned', value: null });
    expect(unsure.top).toHaveLength(3);
  });
});

describe('tags', () => {
  it('applies tags at or above high and suggests those between, each on its own', () => {
    const mixed = outcomeOf('tags', [0.95, 0.6, 0.1], tags, thresholds);
    expect(mixed).toMatchObject({ status: 'suggested', value: ['Churn risk'] });
    expect(mixed.top.map((t) => t.label)).toEqual(['Churn risk', 'Pricing']);
    expect(outcomeOf('tags', [0.95, 0.2, 0.1], tags, thresholds)).toMatchObject({
      status: 'auto',
      value: ['Churn risk'],
    });
    expect(outcomeOf('tags', [0.4, 0.2, 0.1], tags, thresholds)).toMatchObject({
      status: 'unassigned',
      value: null,
    });
  });
});
