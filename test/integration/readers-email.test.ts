// Email readers: .eml (mailparser) and Outlook .msg (msgreader), both built here from scratch.
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../main/documents/read-error.ts';
import { readEmail } from '../../main/documents/readers/email.ts';
import { readMsg } from '../../main/documents/readers/msg.ts';
import { sniffFile } from '../../main/documents/sniff.ts';

const input = (bytes: Uint8Array, fileName: string) => ({ bytes, fileName, limits: defaultReadLimits });
const crlf = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));
const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

function multipartEml(): Uint8Array {
  return crlf([
    'Received: from mx.example.com by mail.example.com; Tue, 2 Jan 2024 10:00:05 +0100',
    'From: Alice Example <alice@example.com>',
    'To: Bob <bob@example.com>, carol@example.com',
    'Cc: Dan <dan@example.com>',
    'Subject: =?UTF-8?Q?Rechnung_f=C3=BCr_M=C3=A4rz?=',
    'Date: Tue, 02 Jan 2024 10:00:00 +0100',
    'Message-ID: <inv-42@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="BOUNDARY"',
    '',
    '--BOUNDARY',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Hello Bob,',
    '',
    'the invoice for March is attached: 120,00 €.',
    '--BOUNDARY',
    'Content-Type: application/pdf; name="invoice-42.pdf"',
    'Content-Disposition: attachment; filename="invoice-42.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    base64(pdfBytes),
    '--BOUNDARY',
    'Content-Type: text/plain; name="notes.txt"',
    'Content-Disposition: attachment; filename="../../notes.txt"',
    'Content-Transfer-Encoding: base64',
    '',
    base64('Delivery on Friday.'),
    '--BOUNDARY--',
    '',
  ]);
}

function htmlOnlyEml(): Uint8Array {
  return crlf([
    'From: shop@example.com',
    'To: me@example.com',
    'Subject: Your order',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="REL"',
    '',
    '--REL',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<html><head><style>p { color: red }</style><script>track()</script></head>',
    '<body><h1>Order 7</h1><p>Thanks for your <b>order</b>.</p><img src="cid:logo@x"></body></html>',
    '--REL',
    'Content-Type: image/png',
    'Content-ID: <logo@x>',
    'Content-Disposition: inline',
    'Content-Transfer-Encoding: base64',
    '',
    base64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    '--REL--',
    '',
  ]);
}

describe('readEmail', () => {
  it('reads headers, the text body and attachments from multipart/mixed', async () => {
    const bytes = multipartEml();
    expect((await sniffFile(bytes, 'mail')).kind).toBe('email');
    const result = await readEmail(input(bytes, 'mail.eml'));
    expect(result.mediaType).toBe('message/rfc822');
    expect(result.title).toBe('Rechnung für März');
    expect(result.metadata).toMatchObject({
      subject: 'Rechnung für März',
      from: expect.stringContaining('alice@example.com'),
      to: expect.stringMatching(/bob@example\.com.*carol@example\.com/),
      cc: expect.stringContaining('dan@example.com'),
      date: '2024-01-02T09:00:00.000Z',
      messageId: '<inv-42@example.com>',
      attachmentCount: 2,
      bodyFormat: 'text',
    });
    expect(result.text).toMatch(/^From: .*alice@example\.com/);
    expect(result.text).toContain('Subject: Rechnung für März');
    expect(result.text).toContain('Date: 2024-01-02T09:00:00.000Z');
    expect(result.text).toContain('Attachments: invoice-42.pdf, notes.txt');
    expect(result.text).toContain('the invoice for March is attached: 120,00 €.');

    expect(result.attachments).toHaveLength(2);
    const [pdf, notes] = result.attachments!;
    expect(pdf).toMatchObject({ fileName: 'invoice-42.pdf', mediaType: 'application/pdf' });
    expect(Buffer.from(pdf!.bytes).equals(Buffer.from(pdfBytes))).toBe(true);
    expect(notes!.fileName).toBe('notes.txt'); // path parts stripped
    expect(new TextDecoder().decode(notes!.bytes)).toBe('Delivery on Friday.');

    expect(result.pages).toHaveLength(1);
    const page = result.pages[0]!;
    expect(page.textSource).toBe('text-layer');
    expect(page.lines[0]!.words[0]!.text).toBe('From:');
    expect(page.lines[0]!.box).toEqual([0, 0, 1, 1 / 60]);
  });

  it('converts an HTML-only body to text and leaves inline images out', async () => {
    const result = await readEmail(input(htmlOnlyEml(), 'order.eml'));
    expect(result.title).toBe('Your order');
    expect(result.metadata).toMatchObject({ bodyFormat: 'html', inlinePartsSkipped: 1, attachmentCount: 0 });
    expect(result.text).toContain('Order 7');
    expect(result.text).toContain('Thanks for your order.');
    expect(result.text).not.toContain('track()');
    expect(result.text).not.toContain('color: red');
    expect(result.attachments).toEqual([]);
  });
});

// --- A minimal Outlook .msg written with the cfb package ([MS-OXMSG]) ---------------------------

const unicode = (text: string) => Buffer.from(`${text}\0`, 'utf16le');

/** A property stream: a header (32 bytes top level, 8 for recipients/attachments) + 16-byte entries. */
function propertyStream(headerSize: number, entries: Array<[tag: number, value: Buffer]>): Buffer {
  const out = Buffer.alloc(headerSize + entries.length * 16);
  entries.forEach(([tag, value], index) => {
    const offset = headerSize + index * 16;
    out.writeUInt32LE(tag >>> 0, offset);
    out.writeUInt32LE(0x6, offset + 4); // readable | writable
    value.copy(out, offset + 8, 0, 8);
  });
  return out;
}

const long = (value: number) => {
  const buffer = Buffer.alloc(8);
  buffer.writeUInt32LE(value, 0);
  return buffer;
};

const fileTime = (date: Date) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(date.getTime()) * 10_000n + 116_444_736_000_000_000n);
  return buffer;
};

interface MsgSpec {
  subject: string;
  body?: string;
  html?: string;
  attachment?: { name: string; mime: string; data: Uint8Array };
}

function buildMsg(spec: MsgSpec): Uint8Array {
  const container = CFB.utils.cfb_new();
  const add = (path: string, content: Buffer | Uint8Array) =>
    CFB.utils.cfb_add(container, path, Buffer.from(content));
  const submitted = fileTime(new Date('2024-03-04T05:06:07Z'));
  add('/__properties_version1.0', propertyStream(32, [[0x00390040, submitted]])); // PidTagClientSubmitTime
  add('/__substg1.0_0037001F', unicode(spec.subject)); // PidTagSubject
  if (spec.body) add('/__substg1.0_1000001F', unicode(spec.body)); // PidTagBody
  if (spec.html) add('/__substg1.0_10130102', Buffer.from(spec.html, 'utf8')); // PidTagHtml
  add('/__substg1.0_0C1A001F', unicode('Alice Example')); // PidTagSenderName
  add('/__substg1.0_5D01001F', unicode('alice@example.com')); // PidTagSenderSmtpAddress
  const recipients: Array<[string, string, number]> = [
    ['Bob Example', 'bob@example.com', 1],
    ['Carol', 'carol@example.com', 2],
  ];
  recipients.forEach(([name, address, type], index) => {
    const folder = `/__recip_version1.0_#0000000${index}`;
    add(`${folder}/__substg1.0_3001001F`, unicode(name)); // PidTagDisplayName
    add(`${folder}/__substg1.0_39FE001F`, unicode(address)); // PidTagSmtpAddress
    add(`${folder}/__properties_version1.0`, propertyStream(8, [[0x0c150003, long(type)]])); // PidTagRecipientType
  });
  if (spec.attachment) {
    const folder = '/__attach_version1.0_#00000000';
    add(`${folder}/__substg1.0_3707001F`, unicode(spec.attachment.name)); // PidTagAttachLongFilename
    add(`${folder}/__substg1.0_370E001F`, unicode(spec.attachment.mime)); // PidTagAttachMimeTag
    add(`${folder}/__substg1.0_37010102`, spec.attachment.data); // PidTagAttachDataBinary
    add(`${folder}/__properties_version1.0`, propertyStream(8, [[0x37050003, long(1)]])); // PidTagAttachMethod
  }
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

describe('readMsg', () => {
  it('reads subject, sender, recipients, date, body and attachments', async () => {
    const bytes = buildMsg({
      subject: 'Quarterly invoice',
      body: 'Hello Bob,\r\nplease find the invoice attached.',
      attachment: { name: 'invoice.pdf', mime: 'application/pdf', data: pdfBytes },
    });
    expect((await sniffFile(bytes, 'message.msg')).kind).toBe('msg');
    const result = await readMsg(input(bytes, 'message.msg'));
    expect(result.mediaType).toBe('application/vnd.ms-outlook');
    expect(result.title).toBe('Quarterly invoice');
    expect(result.metadata).toMatchObject({
      subject: 'Quarterly invoice',
      from: 'Alice Example <alice@example.com>',
      to: 'Bob Example <bob@example.com>',
      cc: 'Carol <carol@example.com>',
      date: '2024-03-04T05:06:07.000Z',
      attachmentCount: 1,
      bodyFormat: 'text',
    });
    expect(result.text).toBe(
      [
        'From: Alice Example <alice@example.com>',
        'To: Bob Example <bob@example.com>',
        'Cc: Carol <carol@example.com>',
        'Date: 2024-03-04T05:06:07.000Z',
        'Subject: Quarterly invoice',
        'Attachments: invoice.pdf',
        '',
        'Hello Bob,',
        'please find the invoice attached.',
      ].join('\n'),
    );
    expect(result.attachments).toHaveLength(1);
    expect(result.attachments![0]).toMatchObject({ fileName: 'invoice.pdf', mediaType: 'application/pdf' });
    expect(Buffer.from(result.attachments![0]!.bytes).equals(Buffer.from(pdfBytes))).toBe(true);
    expect(result.pages[0]!.lines).toHaveLength(8); // 9 text lines, one blank
  });

  it('converts an HTML body when there is no plain one', async () => {
    const bytes = buildMsg({
      subject: 'HTML only',
      html: '<html><body><p>Meeting at <b>10:00</b></p></body></html>',
    });
    const result = await readMsg(input(bytes, 'html.msg'));
    expect(result.metadata.bodyFormat).toBe('html');
    expect(result.text).toContain('Meeting at 10:00');
    expect(result.attachments).toEqual([]);
  });

  it('reports a file that is not a message as corrupt', async () => {
    await expect(readMsg(input(new TextEncoder().encode('not a msg at all'), 'x.msg'))).rejects.toMatchObject(
      {
        name: 'ReadError',
        reason: 'corrupt',
      },
    );
  });
});
