// Content sniffing decides the reader from the bytes, never the name; the name only sets
// extensionMismatch (and breaks the single-line CSV tie).
import CFB from 'cfb';
import { Document, Packer, Paragraph } from 'docx';
import sharp from 'sharp';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { detectCsvDelimiter, looksLikeEmail, looksLikeHtml, sniffFile } from '../../main/documents/sniff.ts';

const text = (value: string) => new TextEncoder().encode(value);
const pdf = text('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function png(): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  return new Uint8Array(buffer);
}

async function docx(): Promise<Uint8Array> {
  const doc = new Document({ sections: [{ children: [new Paragraph('Hello')] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function xlsx(): Promise<Uint8Array> {
  return new Uint8Array(
    await writeExcelFile([
      ['a', 'b'],
      [1, 2],
    ]).toBuffer(),
  );
}

/** A CFB (OLE2) file with the given root streams. */
function cfbWith(streams: Record<string, Uint8Array>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams))
    CFB.utils.cfb_add(container, `/${name}`, Buffer.from(content));
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

function randomBytes(length: number): Uint8Array {
  let seed = 42;
  return Uint8Array.from({ length }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
}

describe('sniffFile: binary formats', () => {
  it('reads a PDF named .docx as a PDF and flags the mismatch', async () => {
    expect(await sniffFile(pdf, 'report.docx')).toEqual({
      kind: 'pdf',
      mediaType: 'application/pdf',
      label: 'PDF document',
      extensionMismatch: true,
    });
    expect((await sniffFile(pdf, 'report.pdf')).extensionMismatch).toBe(false);
    expect((await sniffFile(pdf, 'report')).extensionMismatch).toBe(false);
    expect((await sniffFile(pdf, 'scan.dat')).extensionMismatch).toBe(false); // unknown extension
  });

  it('reads a PNG named .pdf as an image', async () => {
    const result = await sniffFile(await png(), 'invoice.pdf');
    expect(result).toMatchObject({ kind: 'image', mediaType: 'image/png', extensionMismatch: true });
  });

  it('tells DOCX from XLSX', async () => {
    expect(await sniffFile(await docx(), 'letter.docx')).toMatchObject({
      kind: 'docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extensionMismatch: false,
    });
    expect(await sniffFile(await xlsx(), 'letter.docx')).toMatchObject({
      kind: 'xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extensionMismatch: true,
    });
  });

  it('tells an Outlook .msg from old .doc and .xls files', async () => {
    const msg = cfbWith({
      '__properties_version1.0': new Uint8Array(32),
      '__substg1.0_0037001F': new Uint8Array(Buffer.from('Hi\0', 'utf16le')),
    });
    expect(await sniffFile(msg, 'mail.msg')).toMatchObject({
      kind: 'msg',
      mediaType: 'application/vnd.ms-outlook',
      extensionMismatch: false,
    });
    const doc = await sniffFile(cfbWith({ WordDocument: new Uint8Array(16) }), 'old.doc');
    expect(doc).toMatchObject({
      kind: 'unsupported',
      mediaType: 'application/msword',
      extensionMismatch: false,
    });
    expect(doc.label).toMatch(/\.doc\b.*not supported/);
    const xls = await sniffFile(cfbWith({ Workbook: new Uint8Array(16) }), 'old.xls');
    expect(xls).toMatchObject({ kind: 'unsupported', mediaType: 'application/vnd.ms-excel' });
    expect(xls.label).toMatch(/\.xls\b.*not supported/);
  });

  it('reports zero bytes as empty and random bytes as unsupported', async () => {
    expect(await sniffFile(new Uint8Array(), 'x.pdf')).toMatchObject({ kind: 'unsupported', label: 'empty' });
    const random = await sniffFile(randomBytes(8192), 'blob.pdf');
    expect(random.kind).toBe('unsupported');
    expect(random.extensionMismatch).toBe(true);
  });
});

describe('sniffFile: text formats', () => {
  it('recognises an EML without an extension', async () => {
    const eml = text(
      'Received: from mx\r\nFrom: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nBody\r\n',
    );
    expect(await sniffFile(eml, 'message')).toMatchObject({
      kind: 'email',
      mediaType: 'message/rfc822',
      extensionMismatch: false,
    });
  });

  it('recognises HTML by its start, even named .txt', async () => {
    const html = text('<!-- saved page -->\n<!DOCTYPE html>\n<html><body>Hi</body></html>');
    expect(await sniffFile(html, 'page.txt')).toMatchObject({ kind: 'html', mediaType: 'text/html' });
  });

  it('tells CSV from plain text', async () => {
    expect(await sniffFile(text('name,amount\nA,1\nB,2\nC,3\n'), 'data.txt')).toMatchObject({
      kind: 'csv',
      label: 'CSV (comma-delimited)',
      extensionMismatch: false,
    });
    expect(await sniffFile(text('a;b;c\n1;2;3\n4;5;6\n'), 'x')).toMatchObject({
      label: 'CSV (semicolon-delimited)',
    });
    expect(await sniffFile(text('a\tb\n1\t2\n3\t4\n'), 'x')).toMatchObject({
      kind: 'csv',
      mediaType: 'text/tab-separated-values',
    });
    const prose = text(
      'Dear team,\n\nThe meeting is moved to Friday. Please bring the reports, the\nbudget and your ideas.\nThanks\n',
    );
    expect(await sniffFile(prose, 'notes.txt')).toMatchObject({ kind: 'text', mediaType: 'text/plain' });
  });

  it('does not mistake text starting with a short magic number for binary ("BM" is BMP, "ID3" is MP3)', async () => {
    expect(await sniffFile(text('BMW,Audi,VW\n1,2,3\n4,5,6\n'), 'cars.csv')).toMatchObject({ kind: 'csv' });
    expect((await sniffFile(text('ID3 tags are explained below.\n'), 'notes.txt')).kind).toBe('text');
    expect((await sniffFile(text('MZ notes\n'), 'notes.txt')).kind).toBe('text');
  });

  it('takes a header-only file named .csv as CSV (the one tie the name breaks)', async () => {
    expect((await sniffFile(text('name,email,phone\n'), 'contacts.csv')).kind).toBe('csv');
    expect((await sniffFile(text('name,email,phone\n'), 'contacts.txt')).kind).toBe('text');
  });

  it('sniffs UTF-16 and Windows-1252 text', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('a;b\n1;2\n3;4\n', 'utf16le')]);
    expect((await sniffFile(utf16, 'x.csv')).kind).toBe('csv');
    const latin = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72,
    ]);
    expect((await sniffFile(latin, 'x.txt')).kind).toBe('text');
  });
});

describe('detectors', () => {
  it('detectCsvDelimiter is quote-aware', () => {
    expect(detectCsvDelimiter('a;b\n"x;y";2\n"p;q";3\n')).toMatchObject({ delimiter: ';', fields: 2 });
    expect(detectCsvDelimiter('one line of prose without delimiters\nand another\n')).toBeUndefined();
  });

  it('looksLikeEmail wants header syntax up to the blank line and two known headers', () => {
    expect(looksLikeEmail('From: a\nSubject: b\n\nbody')).toBe(true);
    expect(looksLikeEmail('Subject: only one\n\nbody')).toBe(false);
    expect(looksLikeEmail('From: a\nnot a header line\nSubject: b\n\n')).toBe(false);
  });

  it('looksLikeHtml', () => {
    expect(looksLikeHtml('  <html lang="en">')).toBe(true);
    expect(looksLikeHtml('<p>fragment</p>')).toBe(false);
  });
});
