// Emails from suppliers with an invoice or a receipt attached, as an email client saves them (.eml:
// RFC 5322 headers, MIME multipart/mixed, CRLF line endings, the PDF in base64). Dates and the MIME
// boundary are fixed, so the files are the same on every run.
import { domainStem } from '../../models/recipes/invoices/names.ts';
import type { RenderedInvoice } from './invoices.ts';

export interface SupplierEmail {
  /** File name of the .eml under documents/mail/. */
  name: string;
  bytes: Uint8Array;
  /** File name of the attached PDF. */
  attachmentName: string;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date, in UTC. */
function mailDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAY_NAMES[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ` +
    `${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:00 +0000`
  );
}

/** A display name as a quoted string, or RFC 2047 encoded when it is not plain ASCII. */
function displayName(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/(["\\])/g, '\\$1')}"`;
  return `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?=`;
}

function headerText(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function base64Lines(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 76) lines.push(text.slice(i, i + 76));
  return lines;
}

function money(amount: number, currency: string): string {
  return `${currency} ${amount.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A supplier's email with the rendered document attached, sent at 09:14 UTC on the document's date. */
export function supplierEmail(rendered: RenderedInvoice, index: number): SupplierEmail {
  const { invoice } = rendered;
  const receipt = invoice.documentType === 'receipt';
  const kind = receipt ? 'receipt' : 'invoice';
  const vendorDomain = `${domainStem(invoice.vendor.name).replace(/-/g, '')}.test`;
  const from = `${receipt ? 'orders' : 'accounts'}@${vendorDomain}`;
  const to = invoice.customer
    ? `accounts@${domainStem(invoice.customer.name).replace(/-/g, '')}.test`
    : 'purchasing@example.com';
  const safeId = invoice.invoiceId.replace(/[^A-Za-z0-9-]+/g, '-');
  const attachmentName = `${kind}-${safeId}.pdf`;
  const total = money(Math.abs(invoice.totalCents) / 100, invoice.currency);
  const boundary = `----=_docket_sample_${index}`;

  const body = receipt
    ? [
        'Hello,',
        '',
        `Thank you for your order. Your receipt ${invoice.invoiceId} of ${invoice.invoiceDate} for ${total}`,
        'is attached as a PDF for your records. The amount has already been paid; nothing more is due.',
        '',
        'Best regards,',
        invoice.vendor.name,
      ]
    : [
        'Dear Accounts Payable team,',
        '',
        `Please find attached our invoice ${invoice.invoiceId} of ${invoice.invoiceDate} for ${total}.`,
        invoice.dueDate
          ? `Payment is due by ${invoice.dueDate}; the bank details are on the invoice.`
          : 'The payment terms and bank details are on the invoice.',
        '',
        'If anything on it is unclear, just reply to this email.',
        '',
        'Kind regards,',
        'Accounts team',
        invoice.vendor.name,
      ];

  const lines = [
    `From: ${displayName(invoice.vendor.name)} <${from}>`,
    `To: ${displayName('Accounts Payable')} <${to}>`,
    `Subject: ${headerText(`${receipt ? 'Your receipt' : 'Invoice'} ${invoice.invoiceId} from ${invoice.vendor.name}`)}`,
    `Date: ${mailDate(new Date(`${invoice.invoiceDate}T09:14:00Z`))}`,
    `Message-ID: <${kind}-${safeId}.${index}@${vendorDomain}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...body,
    '',
    `--${boundary}`,
    `Content-Type: application/pdf; name="${attachmentName}"`,
    `Content-Disposition: attachment; filename="${attachmentName}"`,
    'Content-Transfer-Encoding: base64',
    '',
    ...base64Lines(rendered.pdf),
    '',
    `--${boundary}--`,
    '',
  ];
  return {
    name: `${String(index).padStart(2, '0')}-${kind}-from-${domainStem(invoice.vendor.name)}.eml`,
    bytes: new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8')),
    attachmentName,
  };
}
