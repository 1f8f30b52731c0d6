// What the Invoices window does with what a user types and ticks, before anything reaches the server.
import { describe, expect, it } from 'vitest';
import { parseAmount, parseFieldInput } from '../../renderer/src/components/invoices/fields.ts';
import {
  NOTHING_SELECTED,
  allState,
  isSelected,
  resolveSelection,
  selectedCount,
  toggle,
} from '../../renderer/src/components/invoices/selection.ts';

describe('typing into an invoice field', () => {
  it('reads amounts as people type them, with either decimal separator', () => {
    expect(parseAmount('1234.5')).toBe(1234.5);
    expect(parseAmount('1,234.50')).toBe(1234.5);
    expect(parseAmount('1.234,50')).toBe(1234.5);
    expect(parseAmount('1 234,50')).toBe(1234.5);
    expect(parseAmount('-12')).toBe(-12);
    expect(parseAmount('twelve')).toBeNull();
    expect(parseAmount('1.2.3')).toBeNull();
  });

  it('says what is wrong in words, and an empty box removes the field', () => {
    expect(parseFieldInput('invoiceTotal', 'twelve').problem).toMatch(/amount in figures/);
    expect(parseFieldInput('invoiceDate', '2024-02-30').problem).toMatch(/year-month-day/);
    expect(parseFieldInput('currency', 'EURO').problem).toMatch(/three-letter/);
    expect(parseFieldInput('currency', 'gbp')).toEqual({ value: 'GBP' });
    expect(parseFieldInput('invoiceDate', '2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(parseFieldInput('invoiceId', '   ')).toEqual({ value: null });
  });
});

describe('ticking invoices', () => {
  it('"select all" covers rows not fetched yet, minus the ones unticked', async () => {
    let s = toggle(toggle(NOTHING_SELECTED, 1), 2);
    expect(selectedCount(s, 100)).toBe(2);
    expect(allState(s, 100)).toBe('some');
    s = toggle(s, 1);
    expect(isSelected(s, 1)).toBe(false);
    const all = toggle({ mode: 'all', except: new Set() }, 7);
    expect(selectedCount(all, 100_000)).toBe(99_999);
    expect(await resolveSelection(all, async () => [5, 6, 7, 8])).toEqual([5, 6, 8]);
    expect(allState({ mode: 'all', except: new Set() }, 3)).toBe('all');
  });
});
