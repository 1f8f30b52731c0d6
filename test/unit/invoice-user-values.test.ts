import { describe, expect, it } from 'vitest';
import { parseUserValue } from '../../main/invoices/user-values.ts';

describe('values typed into invoice fields', () => {
  it('normalises what is well formed', () => {
    expect(parseUserValue('invoiceDate', '2024-02-29')).toBe('2024-02-29');
    expect(parseUserValue('invoiceTotal', '1.234,56')).toBe(1234.56);
    expect(parseUserValue('invoiceTotal', 99.999)).toBe(100);
    expect(parseUserValue('currency', 'eur')).toBe('EUR');
    expect(parseUserValue('currency', '€')).toBe('EUR');
    expect(parseUserValue('iban', 'de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(parseUserValue('bic', 'cobadeffxxx')).toBe('COBADEFFXXX');
    expect(parseUserValue('vendorTaxId', 'DE 136.695.976')).toBe('DE136695976');
    expect(parseUserValue('invoiceId', '  INV-7 ')).toBe('INV-7');
    // Empty text removes the field.
    expect(parseUserValue('invoiceId', '   ')).toBeNull();
  });

  it('refuses malformed values with a message saying what to type', () => {
    const cases: Array<[Parameters<typeof parseUserValue>[0], string, RegExp]> = [
      ['invoiceDate', '2024-02-30', /YYYY-MM-DD/],
      ['dueDate', 'next week', /not a date/],
      ['invoiceTotal', 'twelve', /not an amount/],
      ['currency', 'XYZ1', /three-letter code/],
      ['iban', '12345', /not an IBAN/],
      ['bic', 'BANK', /not a BIC/],
      // Day and month order differ between users: only ISO dates are taken.
      ['invoiceDate', '12/01/2024', /YYYY-MM-DD/],
      ['invoiceId', 'INV\u00001', /control characters/],
      ['vendorName', 'ACME\nLtd', /control characters/],
    ];
    for (const [field, value, message] of cases) {
      expect(() => parseUserValue(field, value)).toThrow(message);
      try {
        parseUserValue(field, value);
      } catch (e) {
        expect((e as { code: string }).code).toBe('BAD_INPUT');
      }
    }
  });

  it('keeps an IBAN whose check digits fail: validation warns, the user decides', () => {
    expect(parseUserValue('iban', 'DE89370400440532013001')).toBe('DE89370400440532013001');
  });
});
