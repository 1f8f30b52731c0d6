import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../main/documents/readers/table.ts';
import { defaultReadLimits } from '../../main/documents/read-error.ts';
import {
  exportInvoices,
  invoicesToCsv,
  neutraliseCell,
  type ExportedInvoice,
} from '../../main/invoices/export.ts';

const hostile = ['=HYPERLINK("http://evil","x")', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR'];

function invoice(id: number, vendor: string, invoiceId = 'INV-1'): ExportedInvoice {
  const f = (value: string | number) => ({
    value,
    confidence: 0.9,
    page: 1,
    bbox: [0, 0, 1, 1] as [number, number, number, number],
    source: 'model' as const,
  });
  return {
    id,
    title: `${vendor}.pdf`,
    status: 'accepted',
    extraction: {
      file: `${vendor}.pdf`,
      documentType: 'invoice',
      language: 'en',
      fields: {
        vendorName: f(vendor),
        invoiceId: f(invoiceId),
        invoiceTotal: f(-12.5),
        invoiceDate: f('2024-03-01'),
      },
      lineItems: [
        {
          description: '=1+1',
          quantity: 1,
          unit: null,
          unitPrice: 10,
          amount: 10,
          taxRate: 19,
          productCode: null,
        },
      ],
      validation: [],
    },
  };
}

describe('invoice export', () => {
  it('neutralises every cell a spreadsheet would run as a formula', () => {
    for (const text of hostile) expect(neutraliseCell(text)).toBe(`'${text}`);
    expect(neutraliseCell('ACME GmbH')).toBe('ACME GmbH');
    expect(neutraliseCell('a=b')).toBe('a=b');
    // Numbers that compute nothing stay as they are (an apostrophe would be stored by the CRM).
    for (const text of ['+44 20 7946 0958', '+4930123456', '-5', '-12.50'])
      expect(neutraliseCell(text)).toBe(text);
    for (const text of ['+1-555-0100', '-2-3', '+1+1']) expect(neutraliseCell(text)).toBe(`'${text}`);
  });

  it('CSV: hostile vendor names and numbers come out safe, values intact, one row per invoice', () => {
    const csv = invoicesToCsv(hostile.map((v, i) => invoice(i + 1, v)));
    const rows = parse(csv.replace(/^\uFEFF/u, ''), { columns: true, relax_quotes: false }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(hostile.length);
    rows.forEach((row, i) => {
      expect(row.vendorName).toBe(`'${hostile[i]}`);
      expect(row.vendorName!.startsWith("'")).toBe(true);
      // Numbers stay numbers: a negative amount is not a formula.
      expect(row.invoiceTotal).toBe('-12.5');
      expect(row.invoiceDate).toBe('2024-03-01');
    });
    // No cell of any row starts with a formula character unless it is a plain number.
    for (const row of rows) {
      for (const cell of Object.values(row)) {
        if (/^-?\d+(\.\d+)?$/u.test(cell)) continue;
        expect(cell).not.toMatch(/^[=+\-@\t\r]/u);
      }
    }
  });

  it('JSON is the API shape with id and status; XLSX opens with typed cells', async () => {
    const json = await exportInvoices([invoice(7, 'ACME')], 'json');
    const parsed = JSON.parse(new TextDecoder().decode(json.bytes)) as Array<Record<string, unknown>>;
    expect(parsed[0]).toMatchObject({ id: 7, status: 'accepted', documentType: 'invoice', file: 'ACME.pdf' });
    const xlsx = await exportInvoices([invoice(7, 'ACME'), invoice(8, '=cmd')], 'xlsx');
    expect(xlsx.fileName).toMatch(/\.xlsx$/u);
    const book = await readXlsx({ bytes: xlsx.bytes, fileName: xlsx.fileName, limits: defaultReadLimits });
    const sheet = book.tables!.find((t) => t.name === 'Invoices')!;
    expect(sheet.rows.map((r) => r.values.vendorName)).toEqual(['ACME', '=cmd']);
    expect(book.tables!.find((t) => t.name === 'Line items')!.rows).toHaveLength(2);
  });
});
