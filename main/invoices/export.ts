// Invoices out to CSV, JSON and XLSX for the accounting system. CSV cells that a spreadsheet would run as a
// formula (starting with = + - @, a tab or a carriage return) are neutralised with a leading apostrophe;
// numbers stay numbers (a negative amount is not a formula). XLSX cells are typed (strings are never
// formulas there), JSON is the API's shape.
import { stringify } from 'csv-stringify/sync';
import writeExcelFile from 'write-excel-file/node';
import { INVOICE_FIELDS, type InvoiceExtraction } from './types.ts';
import { neutraliseCell } from '../core/spreadsheet-cells.ts';

export interface ExportedInvoice {
  id: number;
  title: string;
  status: string;
  extraction: InvoiceExtraction;
}

export type ExportFormat = 'csv' | 'json' | 'xlsx';

export { neutraliseCell };

const COLUMNS = [
  'id',
  'file',
  'status',
  'documentType',
  'language',
  ...INVOICE_FIELDS,
  'lowestConfidence',
  'warnings',
];

function rowOf(inv: ExportedInvoice): (string | number | null)[] {
  const { fields } = inv.extraction;
  const confidences = Object.values(fields).map((f) => f.confidence);
  return [
    inv.id,
    inv.title,
    inv.status,
    inv.extraction.documentType,
    inv.extraction.language,
    ...INVOICE_FIELDS.map((name) => fields[name]?.value ?? null),
    confidences.length ? Math.min(...confidences) : null,
    inv.extraction.validation
      .filter((v) => !v.ok)
      .map((v) => v.message)
      .join(' ') || null,
  ];
}

export function invoicesToCsv(invoices: readonly ExportedInvoice[]): string {
  const rows = invoices.map((inv) =>
    rowOf(inv).map((cell) =>
      cell === null ? '' : typeof cell === 'number' ? String(cell) : neutraliseCell(cell),
    ),
  );
  // A byte-order mark so that Excel reads the file as UTF-8 (accented vendor names).
  return `\uFEFF${stringify([COLUMNS, ...rows])}`;
}

export function invoicesToJson(invoices: readonly ExportedInvoice[]): string {
  return JSON.stringify(
    invoices.map((inv) => ({ id: inv.id, status: inv.status, ...inv.extraction })),
    null,
    2,
  );
}

export async function invoicesToXlsx(invoices: readonly ExportedInvoice[]): Promise<Uint8Array> {
  const header = COLUMNS.map((c) => ({ value: c, fontWeight: 'bold' as const }));
  const lines = invoices.flatMap((inv) =>
    inv.extraction.lineItems.map((item) => [
      inv.id,
      item.description,
      item.quantity,
      item.unit,
      item.unitPrice,
      item.amount,
      item.taxRate,
      item.productCode,
    ]),
  );
  const cells = (row: (string | number | null)[]) => row.map((value) => (value === null ? null : { value }));
  const buffer = await writeExcelFile([
    { sheet: 'Invoices', data: [header, ...invoices.map((inv) => cells(rowOf(inv)))] },
    {
      sheet: 'Line items',
      data: [
        ['invoice', 'description', 'quantity', 'unit', 'unitPrice', 'amount', 'taxRate', 'productCode'].map(
          (value) => ({ value, fontWeight: 'bold' as const }),
        ),
        ...lines.map(cells),
      ],
    },
  ]).toBuffer();
  return new Uint8Array(buffer);
}

export async function exportInvoices(
  invoices: readonly ExportedInvoice[],
  format: ExportFormat,
): Promise<{ fileName: string; mediaType: string; bytes: Uint8Array }> {
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'csv') {
    return {
      fileName: `invoices-${stamp}.csv`,
      mediaType: 'text/csv',
      bytes: new TextEncoder().encode(invoicesToCsv(invoices)),
    };
  }
  if (format === 'json') {
    return {
      fileName: `invoices-${stamp}.json`,
      mediaType: 'application/json',
      bytes: new TextEncoder().encode(invoicesToJson(invoices)),
    };
  }
  return {
    fileName: `invoices-${stamp}.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await invoicesToXlsx(invoices),
  };
}
