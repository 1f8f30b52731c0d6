// A till receipt on 80 mm paper that grows to its content: the shop centred on top, date, time and receipt
// number, items as lines ("2 x Coffee   3,00") or a small table, the total (printed again on a card
// payment), cash and change, and the tax contained in the prices as lines or a small table.
import { drawPair, fitSize, gapFor, type LayoutContext, type Pair } from './blocks.ts';
import { centsToNumber } from './format.ts';
import type { InvoiceLine } from './model.ts';
import { amountText, dateText, labelText, quantityText, taxLabel } from './printed.ts';

export function layoutReceipt(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const l = style.labels;
  const size = ctx.size;
  const lh = size * 1.3;
  const left = ctx.margin.left;
  const right = c.width - ctx.margin.right;
  const centre = c.width / 2;
  const width = right - left;
  c.y = ctx.margin.top;

  const centred = (text: string, o: { size?: number; bold?: boolean; field?: Pair['field'] } = {}): void => {
    const s = fitSize(c, text, o.size ?? size, width, o.bold);
    c.y += s * 1.3;
    c.text(text, centre, c.y, { size: s, bold: o.bold, align: 'center', field: o.field });
  };
  const dash = rng.pick(['-', '=', '*']);
  const separator = (): void => {
    c.y += lh * 0.8;
    if (c.family === 'Courier') {
      const count = Math.floor(width / c.measure(dash, size));
      c.text(dash.repeat(count), left, c.y, { size });
    } else {
      c.line(left, c.y - size * 0.3, right, c.y - size * 0.3, 0.5);
    }
  };
  /** Label on the left, value on the right edge. */
  const row = (
    label: string,
    value: string,
    o: { field?: Pair['field']; bold?: boolean; size?: number } = {},
  ): void => {
    // Smaller print when label and value would not fit side by side.
    const s = fitSize(c, `${label}  ${value}`, o.size ?? size, width - gapFor(o.size ?? size), o.bold);
    c.y += s * 1.3;
    c.text(label, left, c.y, { size: s, bold: o.bold });
    c.text(value, right, c.y, { size: s, bold: o.bold, align: 'right', field: o.field });
  };

  // The shop.
  centred(inv.vendor.name, { size: style.titleSize, bold: true, field: 'vendorName' });
  c.y += size * 0.3;
  for (const line of inv.vendor.addressLines) centred(line, { field: 'vendorAddress' });
  if (inv.vendor.phone) {
    c.y += lh;
    drawPair(ctx, { label: l.phone, value: inv.vendor.phone }, centre, c.y, { size, align: 'center' });
  }
  if (inv.vendor.vatId) {
    c.y += lh;
    const pair = { label: l.vendorTaxId, value: inv.vendor.vatId.printed, field: 'vendorTaxId' as const };
    const s = fitSize(c, `${labelText(inv, pair.label)} ${pair.value}`, size, width - gapFor(size));
    drawPair(ctx, pair, centre, c.y, { size: s, align: 'center' });
  }
  if (rng.chance(0.6)) {
    c.y += size * 0.4;
    centred(l.title, { bold: true, size: size + 1 });
  }
  separator();

  // Date, time and number.
  const date = dateText(inv, inv.invoiceDate);
  const numberPair: Pair = { label: l.invoiceId, value: inv.invoiceId, field: 'invoiceId' };
  const dateAndTimeWidth =
    c.measure(date, size) + (inv.time ? 2 * gapFor(size) + c.measure(inv.time, size) : 0);
  const numberWidth =
    c.measure(`${labelText(inv, numberPair.label)} ${numberPair.value}`, size) + gapFor(size);
  const oneLine = dateAndTimeWidth + numberWidth + 2 * gapFor(size) <= width;
  // Date, time and number on one line only when they fit.
  switch (oneLine ? rng.int(0, 2) : rng.pick([0, 2])) {
    case 0:
      c.y += lh;
      drawPair(ctx, { label: l.invoiceDate, value: date, field: 'invoiceDate' }, left, c.y, { size });
      if (inv.time) c.text(inv.time, right, c.y, { size, align: 'right' });
      c.y += lh;
      drawPair(ctx, numberPair, left, c.y, { size });
      break;
    case 1:
      c.y += lh;
      c.text(date, left, c.y, { size, field: 'invoiceDate' });
      if (inv.time) c.text(inv.time, left + c.measure(date, size) + 2 * gapFor(size), c.y, { size });
      drawPair(ctx, numberPair, right, c.y, { size, align: 'right' });
      break;
    default:
      c.y += lh;
      drawPair(ctx, numberPair, left, c.y, { size });
      c.y += lh;
      drawPair(ctx, { label: l.invoiceDate, value: date, field: 'invoiceDate' }, left, c.y, { size });
      if (inv.time) c.text(inv.time, right, c.y, { size, align: 'right' });
  }
  separator();

  drawReceiptItems(ctx, { left, right, size });
  separator();

  // Totals.
  const total = amountText(inv, inv.totalCents);
  if (!inv.pricesIncludeTax) {
    row(labelText(inv, l.subTotal), amountText(inv, inv.subTotalCents), { field: 'subTotal' });
    for (const tax of inv.taxes) {
      row(taxLabel(inv, l.tax, tax.rate), amountText(inv, tax.taxCents), {
        field: inv.taxes.length === 1 ? 'totalTax' : undefined,
      });
    }
    if (inv.taxes.length > 1)
      row(labelText(inv, l.totalTax), amountText(inv, inv.totalTaxCents), { field: 'totalTax' });
  }
  row(labelText(inv, l.total), total, { field: 'invoiceTotal', bold: true, size: size + 1.5 });
  c.y += size * 0.4;

  // Payment: a card pays the total again; cash shows what was given and the change.
  const payment = inv.payment;
  if (payment?.method === 'card') {
    row(l.card, total, { field: 'invoiceTotal' });
  } else if (payment) {
    row(l.cash, amountText(inv, payment.givenCents));
    row(l.change, amountText(inv, payment.changeCents));
  }

  if (inv.pricesIncludeTax) {
    separator();
    if (!(rng.chance(0.5) && taxTable(ctx, { left, right, size }))) {
      for (const tax of inv.taxes) {
        row(taxLabel(inv, l.taxIncluded, tax.rate), amountText(inv, tax.taxCents, 'table'), {
          field: inv.taxes.length === 1 ? 'totalTax' : undefined,
        });
      }
      if (inv.taxes.length > 1) {
        row(labelText(inv, l.totalTax), amountText(inv, inv.totalTaxCents, 'table'), { field: 'totalTax' });
      }
    }
  }
  separator();
  c.y += size * 0.3;
  centred(l.thanks);
  c.fitHeight(ctx.margin.bottom + size);
}

/** Items as lines, in the style's form; records the printed line items. */
function drawReceiptItems(ctx: LayoutContext, o: { left: number; right: number; size: number }): void {
  const { c, inv } = ctx;
  const style = inv.style;
  const { left, right, size } = o;
  const lh = size * 1.3;
  const gap = gapFor(size) * 1.5;
  const isWeighed = (line: InvoiceLine) => line.unit === 'kg';

  if (style.receiptItems === 'table' && receiptTable(ctx, o)) return;
  for (const line of inv.lines) {
    const name = line.descriptionLines.join(' ');
    const amount = amountText(inv, line.amountCents, 'table');
    const amountWidth = c.measure(amount, size);
    const qty = quantityText(inv, line, false);
    let label = name;
    let quantity: number | null = null;
    let unit: string | null = null;
    let unitPrice: number | null = null;
    if (style.receiptItems === 'qty-x-name') {
      label = isWeighed(line) ? `${qty} ${line.unit} ${name}` : `${qty} x ${name}`;
      quantity = line.quantityHundredths / 100;
      unit = isWeighed(line) ? line.unit : null;
    }
    const room = right - left - amountWidth - gap;
    const nameLines = c.wrap(label, room, size);
    // A word too long to share its line with the amount puts the amount on a line of its own.
    const amountBelow = nameLines.some((text) => c.measure(text, size) > room);
    nameLines.forEach((text, k) => {
      c.y += lh;
      c.text(text, left, c.y, { size });
      if (k === 0 && !amountBelow) c.text(amount, right, c.y, { size, align: 'right' });
    });
    if (amountBelow) {
      c.y += lh;
      c.text(amount, right, c.y, { size, align: 'right' });
    }
    if (style.receiptItems === 'name-then-qty' && (line.quantityHundredths !== 100 || isWeighed(line))) {
      c.y += lh;
      const price = amountText(inv, line.unitPriceCents, 'table');
      c.text(isWeighed(line) ? `${qty} ${line.unit} x ${price}` : `${qty} x ${price}`, left + 2 * size, c.y, {
        size,
      });
      quantity = line.quantityHundredths / 100;
      unit = isWeighed(line) ? line.unit : null;
      unitPrice = centsToNumber(inv.sign * line.unitPriceCents);
    }
    ctx.lineItems.push({
      description: name,
      quantity,
      unit,
      unitPrice,
      amount: centsToNumber(inv.sign * line.amountCents),
      taxRate: null,
      productCode: null,
    });
  }
}

/** Quantity, item, price and total under a header row; false (nothing drawn) when the names have no room. */
function receiptTable(ctx: LayoutContext, o: { left: number; right: number; size: number }): boolean {
  const { c, inv } = ctx;
  const columns = inv.style.labels.columns;
  const { left, right, size } = o;
  const lh = size * 1.3;
  const gap = gapFor(size) * 1.3;
  const qtyTexts = inv.lines.map((line) => quantityText(inv, line, line.unit === 'kg'));
  const prices = inv.lines.map((line) => amountText(inv, line.unitPriceCents, 'table'));
  const amounts = inv.lines.map((line) => amountText(inv, line.amountCents, 'table'));
  const widest = (texts: string[], header: string) =>
    Math.max(c.measure(header, size, true), ...texts.map((t) => c.measure(t, size)));
  const qtyRight = left + widest(qtyTexts, columns.quantity);
  const amountRight = right;
  const priceRight = amountRight - widest(amounts, columns.amount) - gap;
  const nameLeft = qtyRight + gap;
  const nameWidth = priceRight - widest(prices, columns.unitPrice) - gap - nameLeft;
  const longestWord = Math.max(
    c.measure(columns.description, size, true),
    ...inv.lines.flatMap((line) =>
      line.descriptionLines
        .join(' ')
        .split(' ')
        .map((w) => c.measure(w, size)),
    ),
  );
  if (longestWord > nameWidth) return false;
  c.y += lh;
  c.text(columns.quantity, qtyRight, c.y, { size, bold: true, align: 'right' });
  c.text(columns.description, nameLeft, c.y, { size, bold: true });
  c.text(columns.unitPrice, priceRight, c.y, { size, bold: true, align: 'right' });
  c.text(columns.amount, amountRight, c.y, { size, bold: true, align: 'right' });
  inv.lines.forEach((line, i) => {
    const name = line.descriptionLines.join(' ');
    c.wrap(name, nameWidth, size).forEach((text, k) => {
      c.y += lh;
      c.text(text, nameLeft, c.y, { size });
      if (k > 0) return;
      c.text(qtyTexts[i] ?? '', qtyRight, c.y, { size, align: 'right' });
      c.text(prices[i] ?? '', priceRight, c.y, { size, align: 'right' });
      c.text(amounts[i] ?? '', amountRight, c.y, { size, align: 'right' });
    });
    ctx.lineItems.push({
      description: name,
      quantity: line.quantityHundredths / 100,
      unit: line.unit === 'kg' ? line.unit : null,
      unitPrice: centsToNumber(inv.sign * line.unitPriceCents),
      amount: centsToNumber(inv.sign * line.amountCents),
      taxRate: null,
      productCode: null,
    });
  });
  return true;
}

/** Rate, net, tax, gross per rate, and with several rates a sum row; false (nothing drawn) if it cannot fit. */
function taxTable(ctx: LayoutContext, o: { left: number; right: number; size: number }): boolean {
  const { c, inv } = ctx;
  const l = inv.style.labels;
  const size = Math.max(6, o.size - 0.5);
  const lh = size * 1.3;
  const single = inv.taxes.length === 1;
  const quarter = (o.right - o.left) / 4;
  const cols = [o.left, o.left + quarter * 2, o.left + quarter * 3, o.right];
  const taxHeader = l.columns.taxRate;
  const widest = Math.max(
    ...[taxHeader, l.net, l.columns.amount, amountText(inv, inv.totalCents, 'table')].map((t) =>
      c.measure(t, size, true),
    ),
  );
  if (widest + gapFor(size) > quarter) return false;
  c.y += lh;
  c.text(taxHeader, cols[0] ?? 0, c.y, { size, bold: true });
  c.text(l.net, cols[1] ?? 0, c.y, { size, bold: true, align: 'right' });
  c.text(taxHeader, cols[2] ?? 0, c.y, { size, bold: true, align: 'right' });
  c.text(l.columns.amount, cols[3] ?? 0, c.y, { size, bold: true, align: 'right' });
  for (const tax of inv.taxes) {
    c.y += lh;
    c.text(taxLabel(inv, '{rate}', tax.rate), cols[0] ?? 0, c.y, { size });
    c.text(amountText(inv, tax.baseCents, 'table'), cols[1] ?? 0, c.y, { size, align: 'right' });
    c.text(amountText(inv, tax.taxCents, 'table'), cols[2] ?? 0, c.y, {
      size,
      align: 'right',
      field: single ? 'totalTax' : undefined,
    });
    c.text(amountText(inv, tax.baseCents + tax.taxCents, 'table'), cols[3] ?? 0, c.y, {
      size,
      align: 'right',
    });
  }
  if (!single) {
    c.y += lh;
    c.text(amountText(inv, inv.subTotalCents, 'table'), cols[1] ?? 0, c.y, { size, align: 'right' });
    c.text(amountText(inv, inv.totalTaxCents, 'table'), cols[2] ?? 0, c.y, {
      size,
      align: 'right',
      field: 'totalTax',
    });
    c.text(amountText(inv, inv.totalCents, 'table'), cols[3] ?? 0, c.y, { size, align: 'right' });
  }
  return true;
}
