// Outlook .msg (CFB with MAPI property streams) via @kenjiuno/msgreader. Same shape as the .eml
// reader: title = subject; text = header block + body (plain PR_BODY, else the HTML body converted
// to text); attachments as files (an embedded message comes back as its own .msg). A body stored
// only as compressed RTF is not decoded (metadata.bodyFormat 'rtf-only'; the header block remains).
import MsgReaderModule from '@kenjiuno/msgreader';
import type { FieldsData } from '@kenjiuno/msgreader';
import type { Attachment } from '../layout.ts';
import type { Reader } from '../reader.ts';
import { ReadError } from '../read-error.ts';
import { decodeText } from '../text-encoding.ts';
import { attachmentFileName, emailMetadata, emailText } from './email.ts';
import type { EmailParts } from './email.ts';
import { htmlToText } from './html-text.ts';
import { plainResult } from './plain-pages.ts';

export const MSG_MEDIA_TYPE = 'application/vnd.ms-outlook';

// The package is CommonJS with `exports.default`: Node's ESM hands over the exports object (class on
// `.default`), while bundlers and vitest apply __esModule interop and hand over the class itself.
const moduleValue: unknown = MsgReaderModule;
const MsgReader = (
  typeof moduleValue === 'function' ? moduleValue : MsgReaderModule.default
) as typeof MsgReaderModule.default;

function person(name: string | undefined, address: string | undefined): string | undefined {
  const cleanName = name?.trim();
  const cleanAddress = address?.trim();
  if (cleanName && cleanAddress && cleanName !== cleanAddress) return `${cleanName} <${cleanAddress}>`;
  return cleanAddress || cleanName || undefined;
}

function recipients(fields: FieldsData, type: 'to' | 'cc'): string | undefined {
  const list = (fields.recipients ?? [])
    .filter((recipient) => (recipient.recipType ?? 'to') === type)
    .map((recipient) => person(recipient.name, recipient.smtpAddress ?? recipient.email))
    .filter((entry): entry is string => entry !== undefined);
  return list.length > 0 ? list.join(', ') : undefined;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Message-ID from the stored transport headers, when the message was received. */
function headerValue(headers: string | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headers);
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() || undefined;
}

function body(fields: FieldsData): { text: string; format: string } {
  if (fields.body?.trim()) return { text: fields.body, format: 'text' };
  if (fields.bodyHtml?.trim()) return { text: htmlToText(fields.bodyHtml), format: 'html' };
  if (fields.html && fields.html.length > 0) {
    const declared = fields.internetCodepage === 65001 ? 'utf-8' : undefined;
    return { text: htmlToText(decodeText(fields.html, { declared }).text), format: 'html' };
  }
  return { text: '', format: fields.compressedRtf ? 'rtf-only' : 'none' };
}

/** Outlook .msg; a file msgreader cannot parse is 'corrupt'. */
export const readMsg: Reader = async (input) => {
  let reader: InstanceType<typeof MsgReader>;
  let fields: FieldsData;
  try {
    const bytes = input.bytes;
    reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    fields = reader.getFileData();
  } catch (error) {
    throw new ReadError('corrupt', `Could not read the Outlook message: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (fields.error || fields.dataType !== 'msg') {
    throw new ReadError('corrupt', `Could not read the Outlook message: ${fields.error ?? 'not a message'}`);
  }

  const attachments: Attachment[] = [];
  const attachmentErrors: string[] = [];
  for (const attachment of fields.attachments ?? []) {
    if (attachment.attachmentHidden && attachment.pidContentId) continue; // inline image of the HTML body
    try {
      const data = reader.getAttachment(attachment);
      const isMessage = attachment.innerMsgContent === true;
      const mediaType = isMessage ? MSG_MEDIA_TYPE : attachment.attachMimeTag || undefined;
      let name = data.fileName || attachment.fileName || attachment.fileNameShort || attachment.name;
      if (isMessage && name && !/\.msg$/i.test(name)) name = `${name}.msg`;
      attachments.push({
        fileName: attachmentFileName(name, mediaType, attachments.length),
        mediaType,
        bytes: data.content,
      });
    } catch (error) {
      attachmentErrors.push(
        `${attachment.fileName ?? attachment.name ?? 'attachment'}: ${(error as Error).message}`,
      );
    }
  }

  const content = body(fields);
  const parts: EmailParts = {
    subject: fields.subject?.trim() || undefined,
    from: person(fields.senderName, fields.senderSmtpAddress ?? fields.senderEmail),
    to: recipients(fields, 'to'),
    cc: recipients(fields, 'cc'),
    date: isoDate(fields.clientSubmitTime ?? fields.messageDeliveryTime ?? fields.creationTime),
    messageId: fields.messageId ?? headerValue(fields.headers, 'Message-ID'),
    body: content.text,
    attachments,
  };
  return {
    ...plainResult(input, {
      mediaType: MSG_MEDIA_TYPE,
      title: parts.subject,
      metadata: emailMetadata(parts, {
        bodyFormat: content.format,
        ...(attachmentErrors.length > 0 ? { warnings: attachmentErrors } : {}),
      }),
      text: emailText(parts),
    }),
    attachments,
  };
};
