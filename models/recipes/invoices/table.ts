// The line-item table of an invoice: the style's columns in its order, widths from the content, multi-line
// descriptions, rule lines (grid, rows, header only or none), and rows that continue on a new page (with or
// without the header repeated, with a "continued" note and sometimes a carried-forward amount). Records
// each row as the truth's LineItem, holding only what the printed columns show.
import type { LineItem } from '../../../main/invoices/types.ts';
import { drawPair, gapFor, LIGHT, newContentPage, type LayoutContext } from './blocks.ts';
import { centsToNumber } from './format.ts';
import type { ColumnId, GeneratedInvoice, InvoiceLine } from './model.ts';
import { amountText, quantityText, rateText } from './printed.ts';

const NUMERIC: ReadonlySet<ColumnId> = new Set(['quantity', 'unitPrice', 'taxRate', 'amount']);
/** Columns given up, in this order, when the description would get too narrow. */
const OPTIONAL: readonly ColumnId[] = ['productCode', 'position', 'unit', 'taxRate'];

function cellText(inv: GeneratedInvoice, line: InvoiceLine, column: ColumnId): string {
  switch (column) {
    case 'position':
      return String(line.position);
    case 'productCode':
      return line.productCode ?? '';
    case 'description':
      return line.descriptionLines.join(' ');
    case 'quantity':
      return quantityText(inv, line);
    case 'unit':
      return line.unit;
    case 'unitPrice':
      return amountText(inv, line.unitPriceCents, 'table');
    case 'taxRate':
      return rateText(inv, line.taxRate);
    case 'amount':
      return amountText(inv, line.amountCents, 'table');
  }
}

/** The line item as the printed columns show it (null for what is not printed). */
export function printedLineItem(
  inv: GeneratedInvoice,
  line: InvoiceLine,
  columns: readonly ColumnId[],
): LineItem {
  const has = (c: ColumnId) => columns.includes(c);
  return {
    description: has('description') ? line.descriptionLines.join(' ') : null,
    quantity: has('quantity') ? line.quantityHundredths / 100 : null,
    unit: has('unit') || (has('quantity') && inv.style.quantityWithUnit) ? line.unit : null,
    unitPrice: has('unitPrice') ? centsToNumber(inv.sign * line.unitPriceCents) : null,
    amount: has('amount') ? centsToNumber(inv.sign * line.amountCents) : null,
    taxRate: has('taxRate') ? line.taxRate : null,
    productCode: has('productCode') ? line.productCode : null,
  };
}

export function drawItemsTable(ctx: LayoutContext, o: { x: number; width: number; size?: number }): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const size = o.size ?? ctx.size;
  const lh = size * 1.3;
  const padX = Math.max(0.6 * size, 3);
  const rowPad = size * 0.45;
  const headers = style.columns.map((col) => style.labels.columns[col]);
  const header = (col: ColumnId) => headers[style.columns.indexOf(col)] ?? '';

  // Widths from the content; the description takes the rest, and optional columns go if it gets too narrow.
  let columns = [...style.columns];
  const natural = (col: ColumnId): number =>
    Math.max(
      c.measure(header(col), size, true),
      ...inv.lines.map((line) => c.measure(cellText(inv, line, col), size)),
    ) +
    2 * padX;
  const widthsFor = (cols: ColumnId[]) => {
    const widths = new Map<ColumnId, number>();
    for (const col of cols) if (col !== 'description') widths.set(col, natural(col));
    const used = [...widths.values()].reduce((a, b) => a + b, 0);
    widths.set('description', o.width - used);
    return widths;
  };
  let widths = widthsFor(columns);
  for (const drop of OPTIONAL) {
    if ((widths.get('description') ?? 0) >= Math.max(0.3 * o.width, 110)) break;
    if (columns.includes(drop)) {
      columns = columns.filter((col) => col !== drop);
      widths = widthsFor(columns);
    }
  }
  const lefts = new Map<ColumnId, number>();
  let left = o.x;
  for (const col of columns) {
    lefts.set(col, left);
    left += widths.get(col) ?? 0;
  }
  const descriptionWidth = (widths.get('description') ?? 0) - 2 * padX;

  const headerHeight = size * 1.9;
  const drawHeader = (): void => {
    const top = c.y;
    if (style.headerFill) c.rect(o.x, top, o.width, headerHeight, { fill: LIGHT });
    if (style.rules !== 'none') c.line(o.x, top, o.x + o.width, top, 0.7);
    for (const col of columns) {
      const colLeft = lefts.get(col) ?? 0;
      const colWidth = widths.get(col) ?? 0;
      const baseline = top + size * 1.3;
      if (NUMERIC.has(col))
        c.text(header(col), colLeft + colWidth - padX, baseline, { size, bold: true, align: 'right' });
      else c.text(header(col), colLeft + padX, baseline, { size, bold: true });
      if (style.rules === 'grid') c.line(colLeft, top, colLeft, top + headerHeight, 0.5);
    }
    if (style.rules === 'grid') c.line(o.x + o.width, top, o.x + o.width, top + headerHeight, 0.5);
    if (style.rules !== 'none' || style.headerFill)
      c.line(o.x, top + headerHeight, o.x + o.width, top + headerHeight, 0.7);
    c.y = top + headerHeight;
  };

  if (!c.fits(headerHeight + 3 * lh)) newContentPage(ctx);
  drawHeader();
  let runningCents = 0;
  inv.lines.forEach((line, index) => {
    const descriptionLines = line.descriptionLines.flatMap((text) => c.wrap(text, descriptionWidth, size));
    const rowHeight = Math.max(1, descriptionLines.length) * lh + 2 * rowPad;
    const last = index === inv.lines.length - 1;
    if (!c.fits(rowHeight + (last ? 0 : lh * 1.5))) {
      continuedNote(ctx, runningCents, o.x + o.width, size);
      newContentPage(ctx);
      c.y += size * 0.6;
      if (style.repeatHeader) drawHeader();
      else if (style.rules !== 'none') c.line(o.x, c.y, o.x + o.width, c.y, 0.7);
    }
    const top = c.y;
    const baseline = top + rowPad + size;
    for (const col of columns) {
      const colLeft = lefts.get(col) ?? 0;
      const colWidth = widths.get(col) ?? 0;
      if (col === 'description') {
        descriptionLines.forEach((text, k) => c.text(text, colLeft + padX, baseline + k * lh, { size }));
      } else if (NUMERIC.has(col)) {
        c.text(cellText(inv, line, col), colLeft + colWidth - padX, baseline, { size, align: 'right' });
      } else {
        c.text(cellText(inv, line, col), colLeft + padX, baseline, { size });
      }
      if (style.rules === 'grid') c.line(colLeft, top, colLeft, top + rowHeight, 0.5);
    }
    if (style.rules === 'grid') c.line(o.x + o.width, top, o.x + o.width, top + rowHeight, 0.5);
    if (style.rules === 'grid' || style.rules === 'rows')
      c.line(o.x, top + rowHeight, o.x + o.width, top + rowHeight, 0.3);
    c.y = top + rowHeight;
    runningCents += line.amountCents;
    ctx.lineItems.push(printedLineItem(inv, line, columns));
  });
  if (style.rules === 'header') c.line(o.x, c.y, o.x + o.width, c.y, 0.7);
  c.y += size * (rng.chance(0.5) ? 0.8 : 1.6);
}

/** At the foot of a full page: "Continued…", sometimes with the net sum so far carried forward. */
function continuedNote(ctx: LayoutContext, runningCents: number, right: number, size: number): void {
  const { c, inv, rng } = ctx;
  const text = inv.style.labels.continued.replace('{next}', String(c.pageIndex + 2));
  const y = c.y + size * 1.6;
  if (rng.chance(0.4)) {
    const value = amountText(inv, runningCents, 'table');
    const width = c.measure(text, size) + gapFor(size) + c.measure(value, size);
    drawPair(ctx, { label: text, value }, right - width, y, { size });
  } else {
    c.text(text, right, y, { size, align: 'right' });
  }
}
