// The PDF reader and page renderer on PDFs built in the test (standard fonts, known positions).
import { describe, expect, it } from 'vitest';
import type { Line, Page, ReadResult, Word } from '../../main/documents/layout.ts';
import { defaultReadLimits, ReadError, type ReadFailureReason } from '../../main/documents/read-error.ts';
import type { OcrEngine, RasterImage, ReadInput } from '../../main/documents/reader.ts';
import { assessTextLayer, layoutTextItems, readPdf } from '../../main/documents/readers/pdf.ts';
import { renderPdfPage, renderScale } from '../../main/documents/render-pdf-page.ts';
import { buildPdf, column, LETTER, twoColumnPage, type PageSpec } from '../helpers/pdf-fixtures.ts';

function read(bytes: Uint8Array, extra: Partial<ReadInput> = {}): Promise<ReadResult> {
  return readPdf({ bytes, fileName: 'test.pdf', limits: defaultReadLimits, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<ReadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ReadError);
    return error as ReadError;
  }
  throw new Error('expected the read to fail');
}

async function expectReason(promise: Promise<unknown>, reason: ReadFailureReason): Promise<ReadError> {
  const error = await failure(promise);
  expect(error.reason).toBe(reason);
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}

const wordsOf = (page: Page): Word[] => page.lines.flatMap((line) => line.words);
const textsOf = (page: Page): string[] => wordsOf(page).map((w) => w.text);
const lineTexts = (page: Page): string[] => page.lines.map((l: Line) => l.words.map((w) => w.text).join(' '));

function firstPage(result: ReadResult): Page {
  const page = result.pages[0];
  if (!page) throw new Error('no page');
  return page;
}

function expectBoxesInside(page: Page): void {
  for (const line of page.lines) {
    for (const box of [line.box, ...line.words.map((w) => w.box)]) {
      const [x0, y0, x1, y1] = box;
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThanOrEqual(1);
      expect(y1).toBeLessThanOrEqual(1);
      expect(x1).toBeGreaterThan(x0);
      expect(y1).toBeGreaterThan(y0);
    }
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

const emptyPage: PageSpec = { rects: [[100, 300, 300, 200]] };

describe('readPdf: text layer', () => {
  it('reads words in order with boxes relative to the page, where they were drawn', async () => {
    const bytes = await buildPdf({
      pages: [
        {
          runs: [
            { text: 'Invoice number 12345', x: 72, y: 700, size: 12 },
            { text: 'Total due: 99.50 EUR', x: 72, y: 680, size: 12 },
          ],
        },
      ],
    });
    const result = await read(bytes);
    expect(result.mediaType).toBe('application/pdf');
    const page = firstPage(result);
    expect(page).toMatchObject({
      pageNumber: 1,
      width: 612,
      height: 792,
      rotation: 0,
      textSource: 'text-layer',
    });
    expect(textsOf(page)).toEqual(['Invoice', 'number', '12345', 'Total', 'due:', '99.50', 'EUR']);
    expect(lineTexts(page)).toEqual(['Invoice number 12345', 'Total due: 99.50 EUR']);
    expect(result.text).toBe('Invoice number 12345\nTotal due: 99.50 EUR');
    expectBoxesInside(page);

    // "Invoice" starts at x = 72 pt with its baseline 700 pt above the bottom (92 pt below the top).
    const invoice = wordsOf(page)[0];
    if (!invoice) throw new Error('no word');
    expect(invoice.fontSize).toBeCloseTo(12, 1);
    expect(invoice.box[0]).toBeCloseTo(72 / 612, 3);
    expect(invoice.box[1]).toBeGreaterThan((92 - 12) / 792);
    expect(invoice.box[1]).toBeLessThan(92 / 792);
    expect(invoice.box[3]).toBeGreaterThan(92 / 792);
    expect(invoice.box[3]).toBeLessThan((92 + 4) / 792);
    // Helvetica "Invoice" is 3168/1000 em: 38.0 pt wide at 12 pt.
    expect((invoice.box[2] - invoice.box[0]) * 612).toBeCloseTo(38.016, 1);
    // Words of a line follow each other left to right without overlapping.
    const [, number, amount] = wordsOf(page);
    expect(number && amount && number.box[2] < amount.box[0]).toBe(true);
  });

  it('reads the left column before the right one, after a title spanning the page', async () => {
    const { spec, title, left, right } = twoColumnPage();
    const result = await read(await buildPdf({ pages: [spec] }));
    const page = firstPage(result);
    expect(lineTexts(page)).toEqual([title, ...left, ...right]);
    // The title, the left column and the right column are separate blocks, in that order.
    const blocks = page.lines.map((l) => l.block);
    expect(blocks[0]).toBe(0);
    expect(new Set(blocks.slice(1, 6)).size).toBe(1);
    expect(new Set(blocks.slice(6)).size).toBe(1);
    expect(blocks[1]).toBeLessThan(blocks[6] ?? -1);
    expect(result.text).toBe(`${title}\n\n${left.join('\n')}\n\n${right.join('\n')}`);
    expectBoxesInside(page);
  });

  it('reads two columns whose baselines do not line up one after the other', async () => {
    const { spec, title, left, right } = twoColumnPage(7);
    const page = firstPage(await read(await buildPdf({ pages: [spec] })));
    expect(lineTexts(page)).toEqual([title, ...left, ...right]);
  });

  it('keeps the labels and values of a form on one line', async () => {
    const pairs = [
      ['Invoice number:', 'INV-2024-0042'],
      ['Invoice date:', '1 March 2024'],
      ['Customer reference:', 'Northwind Cooperative Society Ltd'],
      ['Payment terms:', 'Thirty days from the invoice date'],
    ];
    const runs = pairs.flatMap(([label = '', value = ''], i) => [
      { text: label, x: 72, y: 700 - i * 18, size: 11 },
      { text: value, x: 300, y: 700 - i * 18, size: 11 },
    ]);
    const page = firstPage(await read(await buildPdf({ pages: [{ runs }] })));
    expect(lineTexts(page)).toEqual(pairs.map((pair) => pair.join(' ')));
  });

  it('reads a table row by row rather than column by column', async () => {
    const rows = [
      ['Description', 'Qty', 'Amount'],
      ['Blue widgets', '2', '10.00'],
      ['Red widgets', '15', '7.25'],
      ['Delivery', '1', '4.90'],
    ];
    const runs = rows.flatMap((cells, i) =>
      cells.map((text, j) => ({ text, x: [72, 300, 450][j] ?? 0, y: 700 - i * 16, size: 11 })),
    );
    const page = firstPage(await read(await buildPdf({ pages: [{ runs }] })));
    expect(lineTexts(page)).toEqual(rows.map((cells) => cells.join(' ')));
  });

  it('reads several pages with the title, author and dates from the Info dictionary', async () => {
    const bytes = await buildPdf({
      title: 'Master Services Agreement',
      author: 'Jane Roe',
      subject: 'Contracts',
      creationDate: new Date('2024-03-01T10:00:00Z'),
      pages: [1, 2, 3].map((n) => ({
        runs: column([`Page ${n} first line`, `page ${n} second line`], 72, 700),
      })),
    });
    const result = await read(bytes);
    expect(result.title).toBe('Master Services Agreement');
    expect(result.metadata).toMatchObject({
      title: 'Master Services Agreement',
      author: 'Jane Roe',
      subject: 'Contracts',
      producer: 'Docket test fixtures',
      creationDate: '2024-03-01T10:00:00.000Z',
      pageCount: 3,
      encrypted: false,
    });
    expect(result.metadata.pdfVersion).toMatch(/^\d\.\d$/);
    expect(result.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(result.text.split('\f')).toEqual(
      [1, 2, 3].map((n) => `Page ${n} first line\npage ${n} second line`),
    );
  });

  it('has no title when the Info dictionary has none', async () => {
    const result = await read(await buildPdf({ pages: [{ runs: [{ text: 'Hello', x: 72, y: 700 }] }] }));
    expect(result.title).toBeUndefined();
  });

  it('reads a /Rotate 90 page whose text runs down the displayed page, in order', async () => {
    const bytes = await buildPdf({
      pages: [
        {
          rotate: 90,
          runs: [
            { text: 'Hello rotated world', x: 72, y: 700 },
            { text: 'second line here', x: 72, y: 680 },
          ],
        },
      ],
    });
    const page = firstPage(await read(bytes));
    // Displayed landscape: 792 wide, 612 high.
    expect(page).toMatchObject({ width: 792, height: 612, textSource: 'text-layer' });
    expect(lineTexts(page)).toEqual(['Hello rotated world', 'second line here']);
    expectBoxesInside(page);
    // On the displayed page the words stand vertically: taller than wide, going down.
    const [hello, rotated] = wordsOf(page);
    if (!hello || !rotated) throw new Error('no words');
    expect(hello.box[3] - hello.box[1]).toBeGreaterThan(hello.box[2] - hello.box[0]);
    expect(rotated.box[1]).toBeGreaterThan(hello.box[3] - 0.001);
    // The text is upright on the page as stored: /Rotate 90 plus the 270° turn back makes 0.
    expect(page.rotation).toBe(0);
  });

  it('reads a /Rotate 90 page whose text is upright on the displayed page, and reports the rotation', async () => {
    // On a /Rotate 90 page, displayed y grows with the stored x: lines further down have a larger x.
    const bytes = await buildPdf({
      pages: [
        {
          rotate: 90,
          runs: [
            { text: 'Landscape report title', x: 100, y: 72, rotate: 90 },
            { text: 'and its second line', x: 120, y: 72, rotate: 90 },
          ],
        },
      ],
    });
    const page = firstPage(await read(bytes));
    expect(page).toMatchObject({ width: 792, height: 612, rotation: 90 });
    expect(lineTexts(page)).toEqual(['Landscape report title', 'and its second line']);
    const first = wordsOf(page)[0];
    if (!first) throw new Error('no word');
    expect(first.box[0]).toBeCloseTo(72 / 792, 3);
    expect(first.box[2] - first.box[0]).toBeGreaterThan(first.box[3] - first.box[1]);
  });
});

describe('readPdf: passwords and damage', () => {
  const encrypted = (): Promise<Uint8Array> =>
    buildPdf({
      title: 'Secret plans',
      pages: [{ runs: [{ text: 'Confidential salary table', x: 72, y: 700 }] }],
      encrypt: { userPassword: 'open sesame' },
    });

  it('asks for a password when the PDF is encrypted and none is given', async () => {
    const error = await expectReason(read(await encrypted()), 'needs_password');
    expect(error.message).toMatch(/password/i);
  });

  it('reads an encrypted PDF with the right password', async () => {
    const result = await read(await encrypted(), { password: 'open sesame' });
    expect(result.text).toBe('Confidential salary table');
    expect(result.title).toBe('Secret plans');
    expect(result.metadata.encrypted).toBe(true);
  });

  it('says the password is wrong when it is', async () => {
    const error = await expectReason(read(await encrypted(), { password: 'guess' }), 'wrong_password');
    expect(error.message).toMatch(/password/i);
  });

  it('reports a truncated PDF as damaged', async () => {
    const bytes = await buildPdf({ pages: [twoColumnPage().spec, twoColumnPage().spec] });
    const error = await expectReason(read(bytes.slice(0, bytes.length >> 1)), 'corrupt');
    expect(error.message).toMatch(/^The PDF is damaged or incomplete/);
  });

  it('reports random bytes behind a %PDF header as damaged', async () => {
    const bytes = new Uint8Array(8000);
    let seed = 12345;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
    await expectReason(read(bytes), 'corrupt');
  });

  it('refuses more pages than the limit before reading them', async () => {
    const bytes = await buildPdf({ pages: [emptyPage, emptyPage, emptyPage] });
    const error = await expectReason(
      read(bytes, { limits: { ...defaultReadLimits, maxPages: 2 } }),
      'too_many_pages',
    );
    expect(error.message).toContain('3 pages');
  });

  it('does not modify the bytes it was given', async () => {
    const bytes = await buildPdf({ pages: [{ runs: [{ text: 'Hello', x: 72, y: 700 }] }] });
    const copy = bytes.slice();
    await read(bytes);
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });
});

describe('readPdf: pages without text', () => {
  it('gives textSource none and no lines without OCR', async () => {
    const result = await read(await buildPdf({ pages: [emptyPage] }));
    expect(firstPage(result)).toMatchObject({ textSource: 'none', lines: [], width: 612, height: 792 });
    expect(result.text).toBe('');
  });

  it('renders a page without a text layer and reads it with OCR', async () => {
    const seen: RasterImage[] = [];
    const ocrLine: Line = {
      words: [
        { text: 'Scanned', box: [0.1, 0.1, 0.3, 0.14], confidence: 0.97 },
        { text: 'receipt', box: [0.32, 0.1, 0.5, 0.14], confidence: 0.95 },
      ],
      box: [0.1, 0.1, 0.5, 0.14],
      block: 0,
    };
    const ocr: OcrEngine = {
      recognize: async (image) => {
        seen.push(image);
        return { rotation: 0, lines: [ocrLine] };
      },
    };
    const bytes = await buildPdf({
      pages: [{ runs: [{ text: 'A page with real text on it', x: 72, y: 700 }] }, emptyPage],
    });
    const result = await read(bytes, { ocr });

    // Only the page without text was rendered: letter size at 200 dpi, RGBA, with the drawn rectangle in it.
    expect(seen).toHaveLength(1);
    const image = seen[0];
    if (!image) throw new Error('no image');
    expect(image).toMatchObject({ width: (612 * 200) / 72, height: (792 * 200) / 72, channels: 4 });
    expect(image.data.length).toBe(image.width * image.height * 4);
    // The rectangle's border (x 100..400 pt, y 300..500 pt from the bottom) is dark; the corner is white.
    const pixel = (xPt: number, yFromTopPt: number): number => {
      const x = Math.round((xPt * image.width) / 612);
      const y = Math.round((yFromTopPt * image.height) / 792);
      return image.data[(y * image.width + x) * 4] ?? -1;
    };
    expect(pixel(10, 10)).toBe(255);
    expect(pixel(100, 792 - 400)).toBeLessThan(64);

    const [textPage, scanned] = result.pages;
    expect(textPage?.textSource).toBe('text-layer');
    expect(scanned).toMatchObject({ pageNumber: 2, textSource: 'ocr', rotation: 0, width: 612, height: 792 });
    expect(scanned?.lines).toEqual([ocrLine]);
    expect(result.text).toBe('A page with real text on it\fScanned receipt');
    expect(result.metadata.ocrPages).toEqual([2]);
  });

  it('sends a page with only a handful of characters to OCR when it can, and keeps them when it cannot', async () => {
    const bytes = await buildPdf({ pages: [{ ...emptyPage, runs: [{ text: 'Page 3', x: 290, y: 40 }] }] });
    let calls = 0;
    const ocrLine: Line = {
      words: [{ text: 'Stamped', box: [0.2, 0.2, 0.4, 0.25] }],
      box: [0.2, 0.2, 0.4, 0.25],
      block: 0,
    };
    const ocr: OcrEngine = {
      recognize: async () => {
        calls++;
        return { rotation: 90, lines: [ocrLine] };
      },
    };
    const page = firstPage(await read(bytes, { ocr }));
    expect(calls).toBe(1);
    expect(page).toMatchObject({ textSource: 'ocr', rotation: 90, lines: [ocrLine] });
    const withoutOcr = firstPage(await read(bytes));
    expect(withoutOcr.textSource).toBe('text-layer');
    expect(lineTexts(withoutOcr)).toEqual(['Page 3']);
  });

  it('OCRs a scanned page that carries a few words of text, and only with OCR', async () => {
    // A "scan": a page rendered to a 1275 × 1650 PNG, drawn over a whole page, with a short stamp of text.
    const scan = await renderPdfPage({
      bytes: await buildPdf({ pages: [twoColumnPage().spec] }),
      pageNumber: 1,
    });
    const stamp = { text: 'Received 2024-03-04 by the mail room', x: 350, y: 30, size: 9 };
    const bytes = await buildPdf({
      pages: [{ images: [{ png: scan.png, x: 0, y: 0, width: 612, height: 792 }], runs: [stamp] }],
    });
    const ocrLine: Line = {
      words: [{ text: 'Quarterly', box: [0.1, 0.07, 0.3, 0.1] }],
      box: [0.1, 0.07, 0.3, 0.1],
      block: 0,
    };
    let calls = 0;
    const ocr: OcrEngine = {
      recognize: async () => {
        calls++;
        return { rotation: 0, lines: [ocrLine] };
      },
    };
    expect(firstPage(await read(bytes, { ocr }))).toMatchObject({ textSource: 'ocr', lines: [ocrLine] });
    expect(calls).toBe(1);
    const withoutOcr = firstPage(await read(bytes));
    expect(withoutOcr.textSource).toBe('text-layer');
    expect(lineTexts(withoutOcr)).toEqual([stamp.text]);
  });

  it('keeps reading the other pages when OCR fails on one', async () => {
    const ocr: OcrEngine = {
      recognize: async () => {
        throw new Error('model not found');
      },
    };
    const bytes = await buildPdf({
      pages: [{ runs: [{ text: 'A page with real text on it', x: 72, y: 700 }] }, emptyPage],
    });
    const result = await read(bytes, { ocr });
    expect(result.pages.map((p) => p.textSource)).toEqual(['text-layer', 'none']);
    expect(result.metadata.ocrFailedPages).toEqual([2]);
  });

  it('treats a text layer of unmapped glyphs as garbage', () => {
    // What pdfjs gives for fonts without a Unicode map: private-use and replacement characters.
    const garbage = String.fromCharCode(...Array.from({ length: 30 }, (_, i) => 0xe000 + i)) + '\ufffd\ufffd';
    const identity = [1, 0, 0, -1, 0, 792];
    const item = (str: string, y: number) => ({
      str,
      transform: [12, 0, 0, 12, 72, y],
      width: 200,
      fontName: 'f',
    });
    const bad = layoutTextItems([item(garbage, 700), item('ok', 680)], {}, identity, 612, 792);
    expect(bad.chars).toBe(34);
    expect(assessTextLayer(bad)).toBe('garbage');
    const good = layoutTextItems([item('An ordinary line of text on a page', 700)], {}, identity, 612, 792);
    expect(assessTextLayer(good)).toBe('ok');
    expect(assessTextLayer(layoutTextItems([], {}, identity, 612, 792))).toBe('none');
  });
});

describe('renderPdfPage', () => {
  it('renders a page at 150 dpi to a PNG of the page size × 150/72', async () => {
    const bytes = await buildPdf({ pages: [twoColumnPage().spec, { ...emptyPage, size: [595, 842] }] });
    const rendered = await renderPdfPage({ bytes, pageNumber: 1, dpi: 150 });
    expect(pngSize(rendered.png)).toEqual([(LETTER[0] * 150) / 72, (LETTER[1] * 150) / 72]);
    expect(rendered).toMatchObject({ pageNumber: 1, widthPoints: 612, heightPoints: 792, rotation: 0 });
    expect(rendered.image).toMatchObject({ width: 1275, height: 1650, channels: 4 });
    expect(rendered.image.data.length).toBe(1275 * 1650 * 4);
    // Some pixels are dark (the text), most are white.
    let dark = 0;
    for (let i = 0; i < rendered.image.data.length; i += 4) if ((rendered.image.data[i] ?? 255) < 128) dark++;
    expect(dark).toBeGreaterThan(1000);
    expect(dark).toBeLessThan(1275 * 1650 * 0.1);

    const a4 = await renderPdfPage({ bytes, pageNumber: 2, scale: 1 });
    expect(pngSize(a4.png)).toEqual([595, 842]);
  });

  it('applies /Rotate and caps the size', async () => {
    const bytes = await buildPdf({ pages: [{ ...emptyPage, rotate: 90 }] });
    const rendered = await renderPdfPage({ bytes, pageNumber: 1, dpi: 72 });
    expect(pngSize(rendered.png)).toEqual([792, 612]);
    expect(rendered.rotation).toBe(90);
    const capped = await renderPdfPage({ bytes, pageNumber: 1, dpi: 600, maxSide: 1000 });
    expect(Math.max(...pngSize(capped.png))).toBeLessThanOrEqual(1000);
    expect(renderScale(612, 792, { dpi: 300, maxPixels: 1_000_000 })).toBeCloseTo(
      Math.sqrt(1_000_000 / (612 * 792)),
      6,
    );
  });

  it('needs the password of an encrypted PDF and refuses a page that does not exist', async () => {
    const bytes = await buildPdf({ pages: [emptyPage], encrypt: { userPassword: 'pw' } });
    await expectReason(renderPdfPage({ bytes, pageNumber: 1 }), 'needs_password');
    const rendered = await renderPdfPage({ bytes, password: 'pw', pageNumber: 1, dpi: 36 });
    expect(pngSize(rendered.png)).toEqual([306, 396]);
    await expect(renderPdfPage({ bytes, password: 'pw', pageNumber: 2 })).rejects.toThrow(RangeError);
  });
});
