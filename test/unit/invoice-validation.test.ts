import { describe, expect, it } from 'vitest';
import type { ExtractedField, InvoiceFieldName, LineItem } from '../../main/invoices/types.ts';
import { applyValidation, validateInvoice } from '../../main/invoices/validation.ts';

const field = (value: string | number, source: ExtractedField['source'] = 'model'): ExtractedField => ({
  value,
  confidence: 0.9,
  page: 1,
  bbox: [0.1, 0.1, 0.2, 0.12],
  source,
});
type Fields = Partial<Record<InvoiceFieldName, ExtractedField>>;
const item = (quantity: number | null, unitPrice: number | null, amount: number | null): LineItem => ({
  description: 'Widget',
  quantity,
  unit: null,
  unitPrice,
  amount,
  taxRate: null,
  productCode: null,
});
const rule = (fields: Fields, items: LineItem[], name: string) =>
  validateInvoice(fields, items).find((r) => r.rule === name);

describe('invoice validation', () => {
  it('totals: subtotal + tax = total within rounding, and says by how much it is off', () => {
    expect(
      rule({ subTotal: field(100), totalTax: field(19), invoiceTotal: field(119.01) }, [], 'totals')?.ok,
    ).toBe(true);
    const bad = rule({ subTotal: field(100), totalTax: field(19), invoiceTotal: field(191) }, [], 'totals');
    expect(bad).toMatchObject({ ok: false });
    expect(bad!.message).toContain('119.00');
    expect(bad!.message).toContain('191.00');
    // Not run without all three.
    expect(rule({ subTotal: field(100), invoiceTotal: field(119) }, [], 'totals')).toBeUndefined();
  });

  it('line amounts add up to the subtotal (or to the total on a receipt without tax lines)', () => {
    const items = [item(2, 10, 20), item(1, 5.5, 5.5)];
    expect(rule({ subTotal: field(25.5) }, items, 'lineItemsSum')?.ok).toBe(true);
    expect(rule({ subTotal: field(30) }, items, 'lineItemsSum')).toMatchObject({ ok: false });
    expect(rule({ invoiceTotal: field(25.5) }, items, 'lineItemsSum')?.ok).toBe(true);
    // A line without an amount: the sum cannot be checked.
    expect(rule({ subTotal: field(25.5) }, [...items, item(1, 1, null)], 'lineItemsSum')).toBeUndefined();
  });

  it('quantity × unit price = amount on every line, naming the lines that do not', () => {
    expect(rule({}, [item(3, 1.99, 5.97)], 'lineItemAmounts')?.ok).toBe(true);
    const bad = rule({}, [item(3, 1.99, 5.97), item(2, 10, 25)], 'lineItemAmounts');
    expect(bad).toMatchObject({ ok: false });
    expect(bad!.message).toContain('line 2');
    expect(rule({}, [item(null, 10, 10)], 'lineItemAmounts')).toBeUndefined();
  });

  it('the due date is not before the invoice date', () => {
    expect(rule({ invoiceDate: field('2024-03-01'), dueDate: field('2024-03-31') }, [], 'dueDate')?.ok).toBe(
      true,
    );
    expect(rule({ invoiceDate: field('2024-03-01'), dueDate: field('2024-03-01') }, [], 'dueDate')?.ok).toBe(
      true,
    );
    expect(
      rule({ invoiceDate: field('2024-03-01'), dueDate: field('2024-02-28') }, [], 'dueDate'),
    ).toMatchObject({
      ok: false,
    });
  });

  it('IBAN mod-97 check digits', () => {
    expect(rule({ iban: field('DE89370400440532013000') }, [], 'iban')?.ok).toBe(true);
    expect(rule({ iban: field('DE89370400440532013001') }, [], 'iban')).toMatchObject({ ok: false });
  });

  it('VAT ID check digits for the vendor and the customer', () => {
    expect(rule({ vendorTaxId: field('DE136695976') }, [], 'vendorTaxId')?.ok).toBe(true);
    expect(rule({ vendorTaxId: field('DE136695977') }, [], 'vendorTaxId')).toMatchObject({ ok: false });
    expect(rule({ customerTaxId: field('DE136695977') }, [], 'customerTaxId')).toMatchObject({ ok: false });
    // A number that is no EU VAT ID (a Malaysian GST number) has no check to run.
    expect(rule({ vendorTaxId: field('001234567890') }, [], 'vendorTaxId')).toBeUndefined();
  });

  it('a failed check lowers the confidence of the fields involved, never their values; typed values keep theirs', () => {
    const fields: Fields = {
      subTotal: field(100),
      totalTax: field(19),
      invoiceTotal: field(200, 'user'),
      invoiceId: field('INV-1'),
    };
    const checked = applyValidation(fields, validateInvoice(fields, []));
    expect(checked.subTotal).toMatchObject({ value: 100, confidence: 0.45 });
    expect(checked.totalTax!.confidence).toBe(0.45);
    expect(checked.invoiceTotal).toMatchObject({ value: 200, confidence: 0.9 });
    expect(checked.invoiceId!.confidence).toBe(0.9);
    // Passing checks change nothing.
    const good: Fields = { subTotal: field(100), totalTax: field(19), invoiceTotal: field(119) };
    expect(applyValidation(good, validateInvoice(good, []))).toEqual(good);
  });
});
