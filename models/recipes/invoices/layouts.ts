// The invoice page layouts, each arranging the shared blocks differently: where the vendor sits (header,
// letterhead, footer), the customer's side, the meta block's form, the title, totals and payment details.
// layoutDocument dispatches on the style's layout and returns the printed line items.
import type { LineItem } from '../../../main/invoices/types.ts';
import {
  contentRight,
  contentWidth,
  drawFooter,
  drawMetaInline,
  drawMetaStacked,
  drawPageNumbers,
  drawPairsInLine,
  drawParagraph,
  drawParty,
  drawPaymentInfo,
  drawTitle,
  fitSize,
  drawTotals,
  footerColumns,
  footerHeight,
  gapFor,
  GRAY,
  metaEntries,
  needsCurrencyLine,
  type LayoutContext,
  type Pair,
} from './blocks.ts';
import type { Composer } from './compose.ts';
import type { GeneratedInvoice, InvoiceLayoutId } from './model.ts';
import { pageLabel } from './printed.ts';
import { createRandom } from './random.ts';
import { layoutReceipt } from './receipt-layout.ts';
import { drawItemsTable } from './table.ts';

/** Lays the document out on the composer's pages; returns its line items as printed. */
export function layoutDocument(c: Composer, inv: GeneratedInvoice): LineItem[] {
  const size = inv.style.size;
  const receipt = inv.style.layout === 'receipt';
  const ctx: LayoutContext = {
    c,
    inv,
    rng: createRandom(inv.seed).fork('layout'),
    size,
    lh: size * 1.35,
    margin: receipt
      ? { left: 12, right: 12, top: 14, bottom: 16 }
      : { left: 50, right: 48, top: 42, bottom: 34 },
    lineItems: [],
  };
  if (inv.style.layout === 'receipt') layoutReceipt(ctx);
  else LAYOUT_FUNCTIONS[inv.style.layout](ctx);
  return ctx.lineItems;
}

const LAYOUT_FUNCTIONS: Record<InvoiceLayoutId, (ctx: LayoutContext) => void> = {
  classic,
  letterhead,
  banner,
  'footer-vendor': footerVendor,
  grid,
  minimal,
  'right-customer': rightCustomer,
};

function start(ctx: LayoutContext): void {
  ctx.c.y = ctx.margin.top;
}

/** Page numbers when the style wants them, and usually when there is more than one page. */
function finish(ctx: LayoutContext, align: 'center' | 'right' = 'center'): void {
  const { c, inv, rng } = ctx;
  if (inv.style.pageNumbers || (c.pages.length > 1 && rng.chance(0.7))) {
    drawPageNumbers(ctx, (n, total) => pageLabel(inv, n, total), align);
  }
}

function thanks(ctx: LayoutContext): void {
  if (ctx.rng.chance(0.5)) {
    drawParagraph(ctx, ctx.inv.style.labels.thanks, { x: ctx.margin.left, width: contentWidth(ctx) });
  }
}

function meta(ctx: LayoutContext, entries: Pair[], x: number, width: number, stackedColumns = 2): void {
  const { inv } = ctx;
  if (inv.style.metaStyle === 'stacked') drawMetaStacked(ctx, entries, { x, width, columns: stackedColumns });
  else
    drawMetaInline(ctx, entries, {
      x,
      width,
      valueAlign: inv.style.metaValueAlign,
      boldKeys: ctx.rng.chance(0.3),
    });
}

function customerBlock(ctx: LayoutContext, x: number, align: 'left' | 'right', taxId: boolean): void {
  const { inv, rng } = ctx;
  if (!inv.customer) return;
  drawParty(ctx, inv.customer, 'customer', {
    x,
    align,
    heading: rng.chance(0.7) ? inv.style.labels.billTo : undefined,
    taxId,
    nameBold: rng.chance(0.6),
  });
}

/** Keep the footer's space free on every page, and draw it once the pages exist. */
function reserveFooter(ctx: LayoutContext, columns: Pair[][]): void {
  ctx.c.bottom = ctx.c.height - ctx.margin.bottom - footerHeight(ctx, columns) - ctx.size;
}

function drawFooters(ctx: LayoutContext, columns: Pair[][]): void {
  for (let i = 0; i < ctx.c.pages.length; i++) ctx.c.onPage(i, () => drawFooter(ctx, columns));
}

function reserveBottom(ctx: LayoutContext): void {
  ctx.c.bottom = ctx.c.height - ctx.margin.bottom - ctx.size * 2;
}

/** Vendor top left, title and meta top right, customer below, bank details after the totals. */
function classic(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  start(ctx);
  reserveBottom(ctx);
  const top = c.y;
  const metaX = c.width * 0.56;
  drawParty(ctx, inv.vendor, 'vendor', {
    x: left,
    nameSize: ctx.size + 4,
    nameColor: style.accent,
    contact: rng.chance(0.7),
    taxId: true,
    oneLine: style.addressOneLine,
    maxWidth: metaX - left - 12,
  });
  const afterVendor = c.y;
  c.y = top;
  drawTitle(ctx, style.labels.title, {
    x: right,
    size: style.titleSize,
    align: 'right',
    color: style.accent,
  });
  const customerTaxInMeta = rng.chance(0.4);
  const termInMeta = rng.chance(0.4);
  meta(
    ctx,
    metaEntries(ctx, {
      customerTaxId: customerTaxInMeta,
      paymentTerm: termInMeta,
      currency: needsCurrencyLine(inv),
    }),
    metaX,
    right - metaX,
  );
  c.y = Math.max(afterVendor, c.y) + ctx.size;
  customerBlock(ctx, left, 'left', !customerTaxInMeta);
  c.y += ctx.size;
  drawItemsTable(ctx, { x: left, width: contentWidth(ctx) });
  drawTotals(ctx, { right, width: contentWidth(ctx) * 0.45 });
  drawPaymentInfo(ctx, { x: left, width: contentWidth(ctx), term: !termInMeta, bank: true });
  thanks(ctx);
  finish(ctx);
}

/** A letter: the vendor as a letterhead on the right, a sender line above the address window, footer. */
function letterhead(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  const footer = footerColumns(ctx, rng.chance(0.7));
  start(ctx);
  reserveFooter(ctx, footer);
  drawParty(ctx, inv.vendor, 'vendor', {
    x: right,
    align: 'right',
    nameSize: Math.max(style.titleSize, 14),
    nameColor: style.accent,
    oneLine: style.addressOneLine,
    contact: rng.chance(0.5),
    size: ctx.size - 0.5,
  });
  c.y = Math.max(c.y, 125);
  const windowTop = c.y;
  const metaX = c.width * 0.58;
  senderLine(ctx, left, c.y + 7, metaX - 12);
  c.y += 14;
  customerBlock(ctx, left, 'left', rng.chance(0.5));
  const afterCustomer = c.y;
  c.y = windowTop;
  const numberInTitle = rng.chance(0.4);
  const entries = metaEntries(ctx, {
    invoiceId: !numberInTitle || rng.chance(0.5),
    currency: needsCurrencyLine(inv),
    customerTaxId: false,
  });
  meta(ctx, entries, metaX, right - metaX);
  c.y = Math.max(afterCustomer, c.y) + ctx.size * 1.5;
  drawTitle(ctx, style.labels.title, {
    x: left,
    size: Math.min(style.titleSize, 16),
    withNumber: numberInTitle,
  });
  c.y += ctx.size * 0.5;
  if (rng.chance(0.6)) drawParagraph(ctx, style.labels.intro, { x: left, width: contentWidth(ctx) });
  drawItemsTable(ctx, { x: left, width: contentWidth(ctx) });
  drawTotals(ctx, { right, width: contentWidth(ctx) * 0.42 });
  drawPaymentInfo(ctx, { x: left, width: contentWidth(ctx), term: true, bank: false });
  thanks(ctx);
  drawFooters(ctx, footer);
  finish(ctx, 'right');
}

/**
 * The small sender line above a window envelope's address: "Name · Street · City", as separate runs, shrunk
 * to end before `maxRight`.
 */
function senderLine(ctx: LayoutContext, x: number, baseline: number, maxRight: number): void {
  const { c, inv } = ctx;
  const parts: [string, 'vendorName' | 'vendorAddress'][] = [
    [inv.vendor.name, 'vendorName'],
    ...inv.vendor.addressLines.map((line) => [line, 'vendorAddress'] as [string, 'vendorAddress']),
  ];
  const widthAt = (size: number) =>
    parts.reduce((sum, [text]) => sum + c.measure(text, size), 0) +
    (parts.length - 1) * (c.measure('·', size) + 2 * gapFor(size));
  let size = 6.5;
  while (size > 4.5 && widthAt(size) > maxRight - x) size -= 0.25;
  // Too long even in tiny print: letters without a sender line exist too.
  if (widthAt(size) > maxRight - x) return;
  const gap = gapFor(size);
  let left = x;
  parts.forEach(([text, field], i) => {
    if (i > 0) {
      left += c.text('·', left, baseline, { size, color: GRAY }) + gap;
    }
    left += c.text(text, left, baseline, { size, field, color: GRAY }) + gap;
  });
  c.line(x, baseline + 2, left - gap, baseline + 2, 0.3, GRAY);
}

/** A big title, meta keys above values across the page, then "From" and "Bill to" side by side. */
function banner(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  const width = contentWidth(ctx);
  start(ctx);
  reserveBottom(ctx);
  const top = c.y;
  drawTitle(ctx, style.labels.title, { x: left, size: style.titleSize + 4, color: style.accent });
  const afterTitle = c.y;
  c.text(inv.vendor.name, right, top + (style.titleSize + 4) * 0.95, {
    size: fitSize(
      c,
      inv.vendor.name,
      ctx.size + 3,
      width - c.measure(style.labels.title, style.titleSize + 4, true) - 20,
      true,
    ),
    bold: true,
    align: 'right',
    field: 'vendorName',
  });
  c.y = afterTitle + ctx.size;
  const entries = metaEntries(ctx, { currency: needsCurrencyLine(inv), paymentTerm: rng.chance(0.3) });
  const columns = Math.min(entries.length, rng.pick([4, 5]));
  drawMetaStacked(ctx, entries, { x: left, width, columns, fill: style.headerFill });
  const partiesTop = c.y;
  const vendorX = style.customerRight ? left : left + width / 2;
  const customerX = style.customerRight ? left + width / 2 : left;
  drawParty(ctx, inv.vendor, 'vendor', {
    x: vendorX,
    heading: style.labels.from,
    contact: rng.chance(0.6),
    taxId: true,
  });
  const afterVendor = c.y;
  c.y = partiesTop;
  customerBlock(ctx, customerX, 'left', true);
  c.y = Math.max(afterVendor, c.y) + ctx.size;
  drawItemsTable(ctx, { x: left, width });
  drawTotals(ctx, { right, width: width * 0.42, boxed: rng.chance(0.3) });
  const termInMeta = entries.some((e) => e.field === 'paymentTerm');
  drawPaymentInfo(ctx, { x: left, width, term: !termInMeta, bank: true, bankInLine: rng.chance(0.4) });
  thanks(ctx);
  finish(ctx);
}

/** Only a logo-like name on top; the vendor's address, tax id and bank live in the footer of every page. */
function footerVendor(ctx: LayoutContext): void {
  const { c, inv } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  const footer = footerColumns(ctx, true);
  start(ctx);
  reserveFooter(ctx, footer);
  const top = c.y;
  const logoSize = fitSize(c, inv.vendor.name, style.titleSize + 2, contentWidth(ctx) * 0.9, true);
  c.text(inv.vendor.name, left, top + logoSize, {
    size: logoSize,
    bold: true,
    color: style.accent,
    field: 'vendorName',
  });
  c.y = top + logoSize * 1.8;
  const afterLogo = c.y;
  drawTitle(ctx, style.labels.title, { x: right, size: Math.min(style.titleSize, 16), align: 'right' });
  const metaX = c.width * 0.55;
  meta(
    ctx,
    metaEntries(ctx, { currency: needsCurrencyLine(inv), customerTaxId: true }),
    metaX,
    right - metaX,
  );
  const afterMeta = c.y;
  c.y = afterLogo + ctx.size;
  customerBlock(ctx, left, 'left', false);
  c.y = Math.max(afterMeta, c.y) + ctx.size;
  drawItemsTable(ctx, { x: left, width: contentWidth(ctx) });
  drawTotals(ctx, { right, width: contentWidth(ctx) * 0.45 });
  drawPaymentInfo(ctx, { x: left, width: contentWidth(ctx), term: true, bank: false });
  thanks(ctx);
  drawFooters(ctx, footer);
  finish(ctx, 'right');
}

/** A centred letterhead, a rule, and the meta block as a boxed grid; totals in a box. */
function grid(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  const width = contentWidth(ctx);
  const centre = c.width / 2;
  start(ctx);
  reserveBottom(ctx);
  const vendor = inv.vendor;
  c.y += ctx.size + 5;
  c.text(vendor.name, centre, c.y, {
    size: fitSize(c, vendor.name, ctx.size + 5, width, true),
    bold: true,
    align: 'center',
    color: style.accent,
    field: 'vendorName',
  });
  c.y += ctx.lh;
  c.text(vendor.addressLines.join(', '), centre, c.y, {
    size: ctx.size,
    align: 'center',
    field: 'vendorAddress',
  });
  const contact: Pair[] = [];
  if (vendor.phone) contact.push({ label: style.labels.phone, value: vendor.phone });
  if (vendor.email) contact.push({ label: style.labels.email, value: vendor.email });
  if (vendor.vatId)
    contact.push({ label: style.labels.vendorTaxId, value: vendor.vatId.printed, field: 'vendorTaxId' });
  // Contact and tax id centred under the address, two to a line.
  for (let i = 0; i < contact.length; i += 2) {
    c.y += ctx.lh;
    drawPairsInLine(ctx, contact.slice(i, i + 2), centre, c.y, { size: ctx.size - 0.5, align: 'center' });
  }
  c.y += ctx.size;
  c.line(left, c.y, right, c.y, 0.8, style.accent);
  c.y += ctx.size;
  const centred = rng.chance(0.5);
  drawTitle(ctx, style.labels.title, {
    x: centred ? centre : left,
    size: style.titleSize,
    align: centred ? 'center' : 'left',
  });
  c.y += ctx.size * 0.5;
  const entries = metaEntries(ctx, { currency: needsCurrencyLine(inv), paymentTerm: rng.chance(0.4) });
  drawMetaStacked(ctx, entries, {
    x: left,
    width,
    columns: Math.min(entries.length, rng.pick([3, 4])),
    boxed: true,
  });
  customerBlock(ctx, style.customerRight ? left + width * 0.55 : left, 'left', true);
  c.y += ctx.size;
  drawItemsTable(ctx, { x: left, width });
  drawTotals(ctx, { right, width: width * 0.45, boxed: true });
  const termInMeta = entries.some((e) => e.field === 'paymentTerm');
  drawPaymentInfo(ctx, { x: left, width, term: !termInMeta, bank: true, bankInLine: rng.chance(0.5) });
  thanks(ctx);
  finish(ctx);
}

/** Everything in one left-aligned column, as plain text-mode invoices are. */
function minimal(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  const width = contentWidth(ctx);
  start(ctx);
  reserveBottom(ctx);
  drawParty(ctx, inv.vendor, 'vendor', {
    x: left,
    nameSize: ctx.size + 2,
    contact: rng.chance(0.6),
    taxId: true,
    oneLine: style.addressOneLine,
  });
  c.y += ctx.size;
  drawTitle(ctx, style.labels.title, {
    x: left,
    size: Math.min(style.titleSize, 16),
    withNumber: rng.chance(0.3),
  });
  const customerTaxInMeta = rng.chance(0.5);
  drawMetaInline(
    ctx,
    metaEntries(ctx, { currency: needsCurrencyLine(inv), customerTaxId: customerTaxInMeta }),
    {
      x: left,
      width: width * 0.55,
      valueAlign: 'left',
    },
  );
  customerBlock(ctx, left, 'left', !customerTaxInMeta);
  c.y += ctx.size;
  drawItemsTable(ctx, { x: left, width });
  drawTotals(ctx, { right, width: width * 0.4 });
  drawPaymentInfo(ctx, { x: left, width, term: true, bank: true, bankInLine: rng.chance(0.3) });
  thanks(ctx);
  finish(ctx, 'right');
}

/** Vendor top left, customer block aligned to the right edge, centred title, meta on the left. */
function rightCustomer(ctx: LayoutContext): void {
  const { c, inv, rng } = ctx;
  const style = inv.style;
  const left = ctx.margin.left;
  const right = contentRight(ctx);
  const width = contentWidth(ctx);
  start(ctx);
  reserveBottom(ctx);
  drawParty(ctx, inv.vendor, 'vendor', {
    x: left,
    nameSize: ctx.size + 3,
    nameColor: style.accent,
    contact: rng.chance(0.6),
    taxId: rng.chance(0.8),
    oneLine: style.addressOneLine,
  });
  c.y = Math.max(c.y, 110);
  customerBlock(ctx, right, 'right', true);
  c.y += ctx.size;
  drawTitle(ctx, style.labels.title, {
    x: c.width / 2,
    size: style.titleSize,
    align: 'center',
    color: style.accent,
  });
  c.y += ctx.size * 0.5;
  meta(
    ctx,
    metaEntries(ctx, { currency: needsCurrencyLine(inv), paymentTerm: rng.chance(0.5) }),
    left,
    width * 0.5,
    3,
  );
  c.y += ctx.size * 0.5;
  drawItemsTable(ctx, { x: left, width });
  drawTotals(ctx, { right, width: width * 0.45 });
  drawPaymentInfo(ctx, { x: left, width, term: true, bank: true, bankInLine: rng.chance(0.6) });
  thanks(ctx);
  finish(ctx);
}
