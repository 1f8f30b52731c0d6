// Email (.eml, RFC 822/MIME) via mailparser. The text is a header block (From/To/Cc/Date/Subject
// and the attachment names) followed by the body: the text/plain part, or the HTML part converted
// to text. Attachments come back as files for the pipeline to import as their own documents;
// inline parts referenced from the HTML body by cid: (logos, signatures) are part of the body's
// rendering and are left out (counted in metadata.inlinePartsSkipped).
import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import type { Attachment } from '../layout.ts';
import type { Reader } from '../reader.ts';
import { ReadError } from '../read-error.ts';
import { htmlToText } from './html-text.ts';
import { normalizeText, plainResult } from './plain-pages.ts';

export const EMAIL_MEDIA_TYPE = 'message/rfc822';

export interface EmailParts {
  subject: string | undefined;
  from: string | undefined;
  to: string | undefined;
  cc: string | undefined;
  /** ISO 8601. */
  date: string | undefined;
  messageId: string | undefined;
  body: string;
  attachments: Attachment[];
}

const extensionsByMediaType: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/tiff': '.tif',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/csv': '.csv',
  'message/rfc822': '.eml',
  'application/vnd.ms-outlook': '.msg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};

/**
 * A safe attachment file name: the last path segment, no control characters, at most 200
 * characters; `attachment-N` plus an extension guessed from the media type when there is none.
 */
export function attachmentFileName(
  name: string | undefined,
  mediaType: string | undefined,
  index: number,
): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  if (base !== '' && base !== '.' && base !== '..') return base.length > 200 ? base.slice(-200) : base;
  const extension = extensionsByMediaType[mediaType?.toLowerCase() ?? ''] ?? '';
  return `attachment-${index + 1}${extension}`;
}

/** The text: header block, blank line, body. Shared with the .msg reader so both read alike. */
export function emailText(parts: EmailParts): string {
  const header: string[] = [];
  if (parts.from) header.push(`From: ${parts.from}`);
  if (parts.to) header.push(`To: ${parts.to}`);
  if (parts.cc) header.push(`Cc: ${parts.cc}`);
  if (parts.date) header.push(`Date: ${parts.date}`);
  if (parts.subject) header.push(`Subject: ${parts.subject}`);
  if (parts.attachments.length > 0) {
    header.push(`Attachments: ${parts.attachments.map((attachment) => attachment.fileName).join(', ')}`);
  }
  const body = normalizeText(parts.body);
  return [header.join('\n'), body].filter((part) => part !== '').join('\n\n');
}

/** Metadata common to both email readers (undefined fields are left out). */
export function emailMetadata(
  parts: EmailParts,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  const fields = {
    subject: parts.subject,
    from: parts.from,
    to: parts.to,
    cc: parts.cc,
    date: parts.date,
    messageId: parts.messageId,
  };
  for (const [key, value] of Object.entries(fields)) if (value) metadata[key] = value;
  metadata.attachmentCount = parts.attachments.length;
  return { ...metadata, ...extra };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  const text = (Array.isArray(value) ? value : [value])
    .map((address) => address.text)
    .filter((entry) => entry !== '')
    .join(', ');
  return text || undefined;
}

function isoDate(date: Date | undefined): string | undefined {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** .eml: title = subject; see the file comment for text and attachments. */
export const readEmail: Reader = async (input) => {
  let mail;
  try {
    mail = await simpleParser(
      Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
      {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipImageLinks: true,
        keepCidLinks: true,
      },
    );
  } catch (error) {
    throw new ReadError('corrupt', `Could not parse the email: ${(error as Error).message}`, {
      cause: error,
    });
  }

  const attachments: Attachment[] = [];
  let inlinePartsSkipped = 0;
  for (const part of mail.attachments) {
    if (part.related) {
      inlinePartsSkipped++;
      continue;
    }
    attachments.push({
      fileName: attachmentFileName(part.filename, part.contentType, attachments.length),
      mediaType: part.contentType || undefined,
      bytes: new Uint8Array(part.content.buffer, part.content.byteOffset, part.content.byteLength),
    });
  }

  const body = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  const parts: EmailParts = {
    subject: mail.subject?.trim() || undefined,
    from: addresses(mail.from),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    date: isoDate(mail.date),
    messageId: mail.messageId,
    body,
    attachments,
  };
  return {
    ...plainResult(input, {
      mediaType: EMAIL_MEDIA_TYPE,
      title: parts.subject,
      metadata: emailMetadata(parts, {
        bodyFormat: mail.text?.trim() ? 'text' : mail.html ? 'html' : 'none',
        ...(inlinePartsSkipped > 0 ? { inlinePartsSkipped } : {}),
      }),
      text: emailText(parts),
    }),
    attachments,
  };
};
