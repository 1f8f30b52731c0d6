// The blocks invoice layouts are built from: a party (name, address, contact, tax id), the meta block
// (number, dates, order…) as "key value" lines or keys above values, the totals, payment details and the
// footer. Each draws at the composer's cursor and moves it below what it drew; values that are invoice
// fields are placed as their own runs, tagged with the field.
import type { InvoiceFieldName, LineItem } from '../../../main/invoices/types.ts';
import { RUN_GAP, type Composer, type Rgb } from './compose.ts';
import type { GeneratedInvoice, Party } from './model.ts';
import { amountText, dateText, labelText, taxLabel } from './printed.ts';
import type { Random } from './random.ts';

export interface LayoutContext {
  c: Composer;
  inv: GeneratedInvoice;
  rng: Random;
  /** Body font size and line pitch. */
  size: number;
  lh: number;
  margin: { left: number; right: number; top: number; bottom: number };
  /** The line items as printed, filled by the table (the truth's lineItems). */
  lineItems: LineItem[];
}

export const GRAY: Rgb = [0.38, 0.38, 0.38];
export const LIGHT: Rgb = [0.9, 0.9, 0.9];

export function contentRight(ctx: LayoutContext): number {
  return ctx.c.width - ctx.margin.right;
}

export function contentWidth(ctx: LayoutContext): number {
  return ctx.c.width - ctx.margin.left - ctx.margin.right;
}

/** The gap between a label run and its value run. */
export function gapFor(size: number): number {
  return Math.max(RUN_GAP * size, 6);
}

export interface Pair {
  label: string;
  value: string;
  field?: InvoiceFieldName | undefined;
  bold?: boolean;
}

/**
 * "Label value" as two runs on one baseline. Left-aligned from x, right-aligned ending at x, or centred on x.
 * Returns the pair's width.
 */
export function drawPair(
  ctx: LayoutContext,
  pair: Pair,
  x: number,
  baseline: number,
  options: { size: number; align?: 'left' | 'right' | 'center'; valueBold?: boolean; labelColor?: Rgb },
): number {
  const { c } = ctx;
  const label = labelText(ctx.inv, pair.label);
  const gap = gapFor(options.size);
  const labelWidth = c.measure(label, options.size);
  const valueWidth = c.measure(pair.value, options.size, options.valueBold);
  const total = labelWidth + gap + valueWidth;
  const left = options.align === 'right' ? x - total : options.align === 'center' ? x - total / 2 : x;
  c.text(label, left, baseline, { size: options.size, color: options.labelColor ?? [0, 0, 0] });
  c.text(pair.value, left + labelWidth + gap, baseline, {
    size: options.size,
    bold: options.valueBold,
    field: pair.field,
  });
  return total;
}

/** Several pairs on one line separated by wide gaps ("IBAN … BIC …"). */
export function drawPairsInLine(
  ctx: LayoutContext,
  pairs: readonly Pair[],
  x: number,
  baseline: number,
  options: { size: number; align?: 'left' | 'center' },
): void {
  const spacing = 3 * options.size;
  const widths = pairs.map(
    (p) =>
      ctx.c.measure(labelText(ctx.inv, p.label), options.size) +
      gapFor(options.size) +
      ctx.c.measure(p.value, options.size),
  );
  const total = widths.reduce((s, w) => s + w, 0) + spacing * Math.max(0, pairs.length - 1);
  let left = options.align === 'center' ? x - total / 2 : x;
  pairs.forEach((pair, i) => {
    drawPair(ctx, pair, left, baseline, { size: options.size });
    left += (widths[i] ?? 0) + spacing;
  });
}

export interface PartyOptions {
  /** Left edge, or right edge when align is 'right'. */
  x: number;
  align?: 'left' | 'right';
  heading?: string | undefined;
  nameSize?: number;
  nameBold?: boolean;
  nameColor?: Rgb;
  /** Address as one run: "street, postcode city". */
  oneLine?: boolean;
  contact?: boolean;
  taxId?: boolean;
  size?: number;
  /** The name shrinks to fit this width, and a one-line address that does not fit is split (default: 70 % of the content width). */
  maxWidth?: number;
}

/** The largest size up to `size` at which `text` fits in `maxWidth`. */
export function fitSize(c: Composer, text: string, size: number, maxWidth: number, bold = false): number {
  const width = c.measure(text, size, bold);
  return width <= maxWidth ? size : Math.max(5, Math.floor((size * maxWidth * 10) / width) / 10);
}

/** A party's name, address lines and optionally contact lines and VAT id. */
export function drawParty(
  ctx: LayoutContext,
  party: Party,
  role: 'vendor' | 'customer',
  o: PartyOptions,
): void {
  const { c, inv } = ctx;
  const size = o.size ?? ctx.size;
  const lh = size * 1.32;
  const align = o.align ?? 'left';
  let y = c.y;
  if (o.heading) {
    y += size;
    c.text(labelText(inv, o.heading), o.x, y, { size: size * 0.92, bold: true, align, color: GRAY });
    y += lh * 0.35;
  }
  const nameBold = o.nameBold ?? true;
  const nameSize = fitSize(
    c,
    party.name,
    o.nameSize ?? size,
    o.maxWidth ?? contentWidth(ctx) * 0.7,
    nameBold,
  );
  y += nameSize * 1.1;
  c.text(party.name, o.x, y, {
    size: nameSize,
    bold: nameBold,
    align,
    color: o.nameColor ?? [0, 0, 0],
    field: role === 'vendor' ? 'vendorName' : 'customerName',
  });
  const addressField = role === 'vendor' ? 'vendorAddress' : 'customerAddress';
  const maxWidth = o.maxWidth ?? contentWidth(ctx) * 0.7;
  const joined = party.addressLines.join(', ');
  const lines = o.oneLine && c.measure(joined, size) <= maxWidth ? [joined] : party.addressLines;
  // Below a big name, leave room for its descenders before the smaller address.
  y += Math.max(lh, nameSize * 0.35 + size * 1.05) - lh;
  for (const line of lines) {
    y += lh;
    c.text(line, o.x, y, { size, align, field: addressField });
  }
  if (o.contact) {
    const pairs: Pair[] = [];
    if (party.phone) pairs.push({ label: inv.style.labels.phone, value: party.phone });
    if (party.email) pairs.push({ label: inv.style.labels.email, value: party.email });
    if (party.website) pairs.push({ label: inv.style.labels.web, value: party.website });
    if (pairs.length) y += lh * 0.3;
    for (const pair of pairs) {
      y += lh;
      drawPair(ctx, pair, o.x, y, { size: size * 0.92, align });
    }
  }
  if (o.taxId && party.vatId) {
    y += lh;
    drawPair(
      ctx,
      {
        label: role === 'vendor' ? inv.style.labels.vendorTaxId : inv.style.labels.customerTaxId,
        value: party.vatId.printed,
        field: role === 'vendor' ? 'vendorTaxId' : 'customerTaxId',
      },
      o.x,
      y,
      { size: size * 0.92, align },
    );
  }
  c.y = y + lh * 0.5;
}

/** The meta entries an invoice prints (number, dates, order…), in the usual order. */
export function metaEntries(
  ctx: LayoutContext,
  include: { invoiceId?: boolean; customerTaxId?: boolean; paymentTerm?: boolean; currency?: boolean },
): Pair[] {
  const { inv } = ctx;
  const l = inv.style.labels;
  const out: Pair[] = [];
  if (include.invoiceId !== false) out.push({ label: l.invoiceId, value: inv.invoiceId, field: 'invoiceId' });
  out.push({ label: l.invoiceDate, value: dateText(inv, inv.invoiceDate), field: 'invoiceDate' });
  if (inv.deliveryDate) out.push({ label: l.deliveryDate, value: dateText(inv, inv.deliveryDate) });
  if (inv.dueDate) out.push({ label: l.dueDate, value: dateText(inv, inv.dueDate), field: 'dueDate' });
  if (inv.purchaseOrder)
    out.push({ label: l.purchaseOrder, value: inv.purchaseOrder, field: 'purchaseOrder' });
  if (inv.customerNumber) out.push({ label: l.customerNumber, value: inv.customerNumber });
  if (inv.referenceInvoiceId) out.push({ label: l.referenceInvoice, value: inv.referenceInvoiceId });
  if (inv.contactPerson) out.push({ label: l.contact, value: inv.contactPerson });
  if (include.customerTaxId && inv.customer?.vatId) {
    out.push({ label: l.customerTaxId, value: inv.customer.vatId.printed, field: 'customerTaxId' });
  }
  if (include.currency) out.push({ label: l.currency, value: inv.currency });
  if (include.paymentTerm && inv.paymentTerm) {
    out.push({ label: l.paymentTerms, value: inv.paymentTerm, field: 'paymentTerm' });
  }
  return out;
}

/** Whether amounts print without a currency, so the currency must be named once. */
export function needsCurrencyLine(inv: GeneratedInvoice): boolean {
  return inv.style.formats.placement === 'none';
}

/** "Key  value" lines: keys at x, values from one x (left) or ending at x + width (right). */
export function drawMetaInline(
  ctx: LayoutContext,
  entries: readonly Pair[],
  o: { x: number; width: number; valueAlign: 'left' | 'right'; size?: number; boldKeys?: boolean },
): void {
  const { c, inv } = ctx;
  const size = o.size ?? ctx.size;
  const lh = size * 1.35;
  const gap = gapFor(size);
  const keyWidth =
    Math.max(...entries.map((e) => c.measure(labelText(inv, e.label), size, o.boldKeys))) + gap;
  let y = c.y;
  for (const entry of entries) {
    y += lh;
    c.text(labelText(inv, entry.label), o.x, y, { size, bold: o.boldKeys });
    const room = o.width - keyWidth;
    const lines = c.measure(entry.value, size) > room ? c.wrap(entry.value, room, size) : [entry.value];
    lines.forEach((line, i) => {
      if (i > 0) y += lh;
      if (o.valueAlign === 'left') c.text(line, o.x + keyWidth, y, { size, field: entry.field });
      else c.text(line, o.x + o.width, y, { size, align: 'right', field: entry.field });
    });
  }
  c.y = y + lh * 0.6;
}

/** Keys above values in a grid of `columns` cells per row, optionally boxed. */
export function drawMetaStacked(
  ctx: LayoutContext,
  entries: readonly Pair[],
  o: { x: number; width: number; columns: number; boxed?: boolean; fill?: boolean; size?: number },
): void {
  const { c, inv } = ctx;
  const size = o.size ?? ctx.size;
  const labelSize = Math.max(6.5, size * 0.85);
  const pad = o.boxed ? 4 : 0;
  // As many columns as keep every word of every value (and every key) inside its cell.
  const widest = Math.max(
    ...entries.flatMap((e) => [
      ...e.value.split(' ').map((w) => c.measure(w, size)),
      c.measure(labelText(inv, e.label), labelSize, !o.boxed),
    ]),
  );
  let columns = Math.max(1, o.columns);
  while (columns > 1 && o.width / columns - 2 * pad - 4 < widest + gapFor(size)) columns--;
  const cell = o.width / columns;
  let y = c.y;
  for (let start = 0; start < entries.length; start += columns) {
    const row = entries.slice(start, start + columns);
    const wrapped = row.map((e) => c.wrap(e.value, cell - 2 * pad - 4, size));
    const height = pad * 2 + labelSize * 1.3 + Math.max(...wrapped.map((w) => w.length)) * size * 1.3 + 2;
    if (o.fill) c.rect(o.x, y, o.width, height, { fill: LIGHT });
    row.forEach((entry, i) => {
      const x = o.x + i * cell;
      if (o.boxed) c.rect(x, y, cell, height, { border: [0.3, 0.3, 0.3], borderWidth: 0.5 });
      const labelY = y + pad + labelSize;
      c.text(labelText(inv, entry.label), x + pad, labelY, { size: labelSize, color: GRAY, bold: !o.boxed });
      (wrapped[i] ?? []).forEach((line, k) => {
        c.text(line, x + pad, labelY + labelSize * 0.35 + (k + 1) * size * 1.25, {
          size,
          field: entry.field,
        });
      });
    });
    y += height + (o.boxed ? 0 : size * 0.6);
  }
  c.y = y + size * 0.8;
}

/** The document title, optionally followed by the invoice number as its own run. */
export function drawTitle(
  ctx: LayoutContext,
  text: string,
  o: { x: number; size: number; align?: 'left' | 'right' | 'center'; color?: Rgb; withNumber?: boolean },
): void {
  const { c, inv } = ctx;
  const y = c.y + o.size;
  if (o.withNumber) {
    const gap = gapFor(o.size);
    const titleWidth = c.measure(text, o.size, true);
    const numberSize = o.size * 0.8;
    const numberWidth = c.measure(inv.invoiceId, numberSize, true);
    const total = titleWidth + gap + numberWidth;
    const left = o.align === 'right' ? o.x - total : o.align === 'center' ? o.x - total / 2 : o.x;
    c.text(text, left, y, { size: o.size, bold: true, color: o.color });
    c.text(inv.invoiceId, left + titleWidth + gap, y, { size: numberSize, bold: true, field: 'invoiceId' });
  } else {
    c.text(text, o.x, y, { size: o.size, bold: true, align: o.align, color: o.color });
  }
  c.y = y + o.size * 0.6;
}

interface TotalRow extends Pair {
  ruleAbove?: boolean;
}

/** The rows of the totals block for a document with net prices. */
export function totalRows(ctx: LayoutContext): TotalRow[] {
  const { inv } = ctx;
  const l = inv.style.labels;
  const rows: TotalRow[] = [];
  if (!inv.pricesIncludeTax)
    rows.push({ label: l.subTotal, value: amountText(inv, inv.subTotalCents), field: 'subTotal' });
  const single = inv.taxes.length === 1;
  for (const tax of inv.taxes) {
    rows.push({
      label: taxLabel(inv, l.tax, tax.rate),
      value: amountText(inv, tax.taxCents),
      field: single ? 'totalTax' : undefined,
    });
  }
  if (!single) rows.push({ label: l.totalTax, value: amountText(inv, inv.totalTaxCents), field: 'totalTax' });
  rows.push({
    label: l.total,
    value: amountText(inv, inv.totalCents),
    field: 'invoiceTotal',
    bold: true,
    ruleAbove: true,
  });
  if (inv.depositCents > 0) rows.push({ label: l.deposit, value: amountText(inv, -inv.depositCents) });
  if (inv.printAmountDue) {
    rows.push({
      label: l.amountDue,
      value: amountText(inv, inv.amountDueCents),
      field: 'amountDue',
      bold: true,
    });
  }
  return rows;
}

/** The totals, values right-aligned at `right`, labels from right − width. */
export function drawTotals(
  ctx: LayoutContext,
  o: { right: number; width: number; boxed?: boolean; size?: number },
): void {
  const { c, inv } = ctx;
  const size = o.size ?? ctx.size;
  const lh = size * 1.45;
  const rows = totalRows(ctx);
  const height = rows.length * lh + size;
  if (!c.fits(height)) newContentPage(ctx);
  const top = c.y;
  let y = c.y + size * 0.4;
  const gap = gapFor(size) * 1.5;
  for (const row of rows) {
    if (row.ruleAbove) {
      c.line(o.right - o.width, y + size * 0.5, o.right, y + size * 0.5, 0.6);
      y += size * 0.5;
    }
    y += lh;
    const valueWidth = c.text(row.value, o.right - (o.boxed ? 4 : 0), y, {
      size,
      bold: row.bold,
      align: 'right',
      field: row.field,
    });
    const label = labelText(inv, row.label);
    const labelWidth = c.measure(label, size, row.bold);
    const labelX = Math.min(o.right - o.width + (o.boxed ? 4 : 0), o.right - valueWidth - gap - labelWidth);
    c.text(label, labelX, y, { size, bold: row.bold });
  }
  if (o.boxed)
    c.rect(o.right - o.width, top, o.width, y - top + size * 0.6, { border: [0, 0, 0], borderWidth: 0.6 });
  c.y = y + lh;
}

/** The payment term (as a sentence line or "Terms: …") and the bank details. */
export function drawPaymentInfo(
  ctx: LayoutContext,
  o: { x: number; width: number; term: boolean; bank: boolean; bankInLine?: boolean; size?: number },
): void {
  const { c, inv, rng } = ctx;
  const size = o.size ?? ctx.size;
  const lh = size * 1.35;
  const l = inv.style.labels;
  const needed = ((o.term ? 2 : 0) + (o.bank ? 5 : 0)) * lh;
  if (!c.fits(needed)) newContentPage(ctx);
  let y = c.y;
  if (o.term && inv.paymentTerm) {
    y += lh;
    if (rng.chance(0.5))
      drawPair(ctx, { label: l.paymentTerms, value: inv.paymentTerm, field: 'paymentTerm' }, o.x, y, {
        size,
      });
    else c.text(inv.paymentTerm, o.x, y, { size, field: 'paymentTerm' });
    y += lh * 0.4;
  }
  if (o.bank && inv.bank) {
    const bank = inv.bank;
    const pairs: Pair[] = [{ label: 'IBAN', value: bank.ibanPrinted, field: 'iban' }];
    if (bank.bic) pairs.push({ label: l.bic, value: bank.bic, field: 'bic' });
    if (o.bankInLine) {
      y += lh;
      c.text(`${l.bank}: ${bank.bankName}`, o.x, y, { size });
      y += lh;
      drawPairsInLine(ctx, pairs, o.x, y, { size });
    } else {
      y += lh;
      c.text(l.bank, o.x, y, { size, bold: true });
      y += lh;
      c.text(bank.bankName, o.x, y, { size });
      if (rng.chance(0.5)) {
        y += lh;
        drawPair(ctx, { label: l.accountHolder, value: inv.vendor.name, field: 'vendorName' }, o.x, y, {
          size,
        });
      }
      for (const pair of pairs) {
        y += lh;
        drawPair(ctx, pair, o.x, y, { size });
      }
    }
  }
  c.y = y + lh * 0.6;
}

/** A wrapped paragraph (intro or closing text). */
export function drawParagraph(
  ctx: LayoutContext,
  text: string,
  o: { x: number; width: number; size?: number },
): void {
  const { c } = ctx;
  const size = o.size ?? ctx.size;
  const lh = size * 1.35;
  for (const line of c.wrap(text, o.width, size)) {
    if (!c.fits(lh)) newContentPage(ctx);
    c.y += lh;
    c.text(line, o.x, c.y, { size });
  }
  c.y += lh * 0.6;
}

/** The footer with the vendor's details in columns, on every page; returns the height it needs. */
export function footerColumns(ctx: LayoutContext, withAddress: boolean): Pair[][] {
  const { inv } = ctx;
  const l = inv.style.labels;
  const vendor = inv.vendor;
  const columns: Pair[][] = [];
  const first: Pair[] = [{ label: '', value: vendor.name, field: 'vendorName', bold: true }];
  if (withAddress)
    for (const line of vendor.addressLines) first.push({ label: '', value: line, field: 'vendorAddress' });
  columns.push(first);
  const contact: Pair[] = [];
  if (vendor.phone) contact.push({ label: l.phone, value: vendor.phone });
  if (vendor.email) contact.push({ label: l.email, value: vendor.email });
  if (vendor.website) contact.push({ label: l.web, value: vendor.website });
  if (vendor.vatId) contact.push({ label: l.vendorTaxId, value: vendor.vatId.printed, field: 'vendorTaxId' });
  if (contact.length) columns.push(contact);
  if (inv.bank) {
    const bank: Pair[] = [{ label: '', value: inv.bank.bankName }];
    bank.push({ label: 'IBAN', value: inv.bank.ibanPrinted, field: 'iban' });
    if (inv.bank.bic) bank.push({ label: l.bic, value: inv.bank.bic, field: 'bic' });
    columns.push(bank);
  }
  return columns;
}

export function footerHeight(ctx: LayoutContext, columns: Pair[][]): number {
  const size = footerSize(ctx, columns);
  return Math.max(...columns.map((col) => col.length)) * size * 1.3 + size * 2;
}

function pairWidth(ctx: LayoutContext, pair: Pair, size: number): number {
  const value = ctx.c.measure(pair.value, size, pair.bold);
  return pair.label ? ctx.c.measure(labelText(ctx.inv, pair.label), size) + gapFor(size) + value : value;
}

function columnWidths(ctx: LayoutContext, columns: Pair[][], size: number): number[] {
  return columns.map((col) => Math.max(...col.map((pair) => pairWidth(ctx, pair, size))));
}

/** The footer's font size: a step below the body, smaller still until its columns fit side by side. */
function footerSize(ctx: LayoutContext, columns: Pair[][]): number {
  let size = Math.max(6.5, ctx.size - 1.5);
  const room = () => contentWidth(ctx) - (columns.length - 1) * 3 * size;
  while (size > 5 && columnWidths(ctx, columns, size).reduce((a, b) => a + b, 0) > room()) size -= 0.5;
  return size;
}

/** The footer on the current page: columns spread over the width with equal gaps. */
export function drawFooter(ctx: LayoutContext, columns: Pair[][]): void {
  const { c } = ctx;
  const size = footerSize(ctx, columns);
  const widths = columnWidths(ctx, columns, size);
  const gap =
    columns.length > 1 ? (contentWidth(ctx) - widths.reduce((a, b) => a + b, 0)) / (columns.length - 1) : 0;
  const top = c.height - ctx.margin.bottom - footerHeight(ctx, columns) + size;
  c.line(ctx.margin.left, top, contentRight(ctx), top, 0.4, GRAY);
  let x = ctx.margin.left;
  columns.forEach((col, i) => {
    col.forEach((pair, k) => {
      const y = top + size * 1.5 + k * size * 1.3;
      if (pair.label) drawPair(ctx, pair, x, y, { size, labelColor: GRAY });
      else c.text(pair.value, x, y, { size, bold: pair.bold, field: pair.field });
    });
    x += (widths[i] ?? 0) + gap;
  });
}

/** Page numbers at the bottom of every page, once the count is known. */
export function drawPageNumbers(
  ctx: LayoutContext,
  label: (page: number, total: number) => string,
  align: 'center' | 'right',
): void {
  const { c } = ctx;
  const total = c.pages.length;
  const size = Math.max(6.5, ctx.size - 1);
  for (let i = 0; i < total; i++) {
    c.onPage(i, () => {
      const x = align === 'center' ? c.width / 2 : contentRight(ctx);
      c.text(label(i + 1, total), x, c.height - ctx.margin.bottom / 2, { size, align, color: GRAY });
    });
  }
}

/** Continuation pages start below a short header naming the document and its number. */
export function newContentPage(ctx: LayoutContext): void {
  const { c, inv } = ctx;
  c.addPage();
  c.y = ctx.margin.top;
  const size = ctx.size;
  c.y += size;
  const title = inv.style.labels.title;
  const gap = gapFor(size);
  const w = c.text(title, ctx.margin.left, c.y, { size, bold: true });
  c.text(inv.invoiceId, ctx.margin.left + w + gap, c.y, { size, field: 'invoiceId' });
  c.text(inv.vendor.name, contentRight(ctx), c.y, { size, align: 'right', color: GRAY, field: 'vendorName' });
  c.y += size * 1.2;
}
