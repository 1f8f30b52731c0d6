// DOCX, HTML and plain-text readers, and the synthetic page layout they share.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../main/documents/read-error.ts';
import { readDocx, readHtml, readText } from '../../main/documents/readers/office.ts';
import { LINES_PER_PAGE, textToPages } from '../../main/documents/readers/plain-pages.ts';

const input = (bytes: Uint8Array, fileName: string, maxPages = defaultReadLimits.maxPages) => ({
  bytes,
  fileName,
  limits: { ...defaultReadLimits, maxPages },
});
const utf8 = (text: string) => new TextEncoder().encode(text);

async function sampleDocx(): Promise<Uint8Array> {
  const doc = new Document({
    title: 'Service Agreement',
    creator: 'Alice Example',
    sections: [
      {
        children: [
          new Paragraph({ text: 'Service Agreement', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('This agreement is made between ACME GmbH and Café Müller.'),
          new Paragraph('Payment is due within 30 days.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('readDocx', () => {
  it('extracts the text, and title and author from docProps/core.xml', async () => {
    const result = await readDocx(input(await sampleDocx(), 'agreement.docx'));
    expect(result.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(result.title).toBe('Service Agreement');
    expect(result.metadata).toMatchObject({ title: 'Service Agreement', author: 'Alice Example' });
    expect(result.text).toBe(
      'Service Agreement\n\nThis agreement is made between ACME GmbH and Café Müller.\n\nPayment is due within 30 days.',
    );
    expect(result.pages).toHaveLength(1);
    const lines = result.pages[0]!.lines;
    expect(lines.map((line) => line.block)).toEqual([0, 1, 2]); // blank lines separate blocks
    expect(lines[1]!.box).toEqual([0, 2 / LINES_PER_PAGE, 1, 3 / LINES_PER_PAGE]); // its slot is kept
  });

  it('reports a broken ZIP as corrupt', async () => {
    const broken = (await sampleDocx()).slice(0, 300);
    await expect(readDocx(input(broken, 'broken.docx'))).rejects.toMatchObject({
      name: 'ReadError',
      reason: 'corrupt',
    });
    await expect(readDocx(input(utf8('plain text'), 'fake.docx'))).rejects.toMatchObject({
      reason: 'corrupt',
    });
  });
});

describe('readHtml', () => {
  it('takes the title from <title>, drops scripts and styles, keeps headings and tables', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Invoice &amp; Receipt</title>
      <style>body { font: 12px sans-serif }</style><script>window.secret = 1</script></head>
      <body><h1>Invoice 42</h1><p>Total due: <b>99 €</b> <a href="https://example.com/pay">Pay now</a></p>
      <table><tr><th>Item</th><th>Price</th></tr><tr><td>Widget</td><td>99 €</td></tr></table></body></html>`;
    const result = await readHtml(input(utf8(html), 'invoice.html'));
    expect(result.mediaType).toBe('text/html');
    expect(result.title).toBe('Invoice & Receipt');
    expect(result.metadata.encoding).toBe('utf-8');
    expect(result.text).toContain('Invoice 42');
    expect(result.text).toContain('Total due: 99 € Pay now');
    expect(result.text).toMatch(/Item\s+Price\nWidget\s+99 €/);
    expect(result.text).not.toMatch(/secret|font:|https:/);
  });

  it('decodes by the declared charset when the bytes are not UTF-8', async () => {
    const head = utf8(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    );
    const body = new Uint8Array([
      ...utf8('<title>Caf'),
      0xe9,
      ...utf8('</title></head><body>5 '),
      0x80,
      ...utf8('</body></html>'),
    ]);
    const result = await readHtml(input(new Uint8Array([...head, ...body]), 'page.htm'));
    expect(result.metadata.encoding).toBe('windows-1252');
    expect(result.title).toBe('Café');
    expect(result.text).toBe('5 €');
  });
});

describe('readText', () => {
  it('decodes UTF-16LE with a BOM and Windows-1252', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('Grüße\r\nzweite Zeile\r\n', 'utf16le')]);
    const a = await readText(input(utf16, 'a.txt'));
    expect(a).toMatchObject({ mediaType: 'text/plain', text: 'Grüße\nzweite Zeile' });
    expect(a.metadata).toEqual({ encoding: 'utf-16le', lineCount: 2 });
    expect(a.title).toBeUndefined();

    const cp1252 = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x3a, 0x20, 0x35, 0x20, 0x80,
    ]);
    const b = await readText(input(cp1252, 'b.txt'));
    expect(b.text).toBe('Café Müller: 5 €');
    expect(b.metadata.encoding).toBe('windows-1252');
  });

  it('splits long text into pages of 60 lines and stops at the page limit', async () => {
    const text = Array.from({ length: 150 }, (_, i) => `line ${i + 1}`).join('\n');
    const all = await readText(input(utf8(text), 'long.txt'));
    expect(all.pages.map((page) => page.lines.length)).toEqual([60, 60, 30]);
    expect(all.pages[2]!.lines[0]!.words.map((word) => word.text)).toEqual(['line', '121']);
    expect(all.metadata.pagesTruncated).toBeUndefined();

    const capped = await readText(input(utf8(text), 'long.txt', 2));
    expect(capped.pages).toHaveLength(2);
    expect(capped.metadata.pagesTruncated).toBe(true);
    expect(capped.text).toBe(text); // the text stays complete
  });
});

describe('textToPages', () => {
  it('gives words boxes by character position (1/100 of the width per character on short pages)', () => {
    const { pages } = textToPages('Total: 42');
    expect(pages[0]!.lines[0]!.words.map((word) => [word.text, word.box])).toEqual([
      ['Total:', [0, 0, 6 / 100, 1 / 60]],
      ['42', [7 / 100, 0, 9 / 100, 1 / 60]],
    ]);
  });

  it('wraps very long lines at 500 characters and keeps boxes within the page', () => {
    const { pages } = textToPages(`Total: 42\n${'word '.repeat(200)}`);
    expect(pages[0]!.lines).toHaveLength(3); // 1 + 1000 characters in two pieces
    expect(pages[0]!.lines[0]!.words[1]!.box).toEqual([7 / 500, 0, 9 / 500, 1 / 60]);
    for (const line of pages[0]!.lines) {
      for (const word of line.words) for (const value of word.box) expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('produces no pages for empty text', () => {
    expect(textToPages('')).toEqual({ pages: [], truncated: false });
  });
});
