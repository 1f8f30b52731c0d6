// The image reader: PNG, JPEG, multi-page TIFF, EXIF orientation, damaged files, with and without OCR.
import sharp from 'sharp';
import type { OverlayOptions } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPpOcrEngine } from '../../main/documents/ocr/pp-ocr.ts';
import type { PpOcrEngine } from '../../main/documents/ocr/pp-ocr.ts';
import { defaultReadLimits, ReadError } from '../../main/documents/read-error.ts';
import type { ReadLimits } from '../../main/documents/read-error.ts';
import { readImage } from '../../main/documents/readers/image.ts';

/** A white page with lines of black text (DejaVu Sans at 200 dpi). */
async function textPage(lines: string[], width = 900): Promise<Buffer> {
  const layers: OverlayOptions[] = [];
  for (const [i, text] of lines.entries()) {
    const input = await sharp({
      text: { text: `<span foreground="black">${text}</span>`, font: 'DejaVu Sans', dpi: 200, rgba: true },
    })
      .png()
      .toBuffer();
    layers.push({ input, left: 50, top: 40 + i * 70 });
  }
  return sharp({ create: { width, height: 80 + lines.length * 70, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toBuffer();
}

async function expectReadError(promise: Promise<unknown>, reason: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  expect((error as ReadError).reason).toBe(reason);
}

let engine: PpOcrEngine;
let page: Buffer;
const limits: ReadLimits = defaultReadLimits;

beforeAll(async () => {
  engine = await createPpOcrEngine();
  page = await textPage(['Invoice number 12345', 'Total 250.00']);
});

afterAll(async () => {
  await engine?.dispose();
});

describe('readImage', () => {
  it('reads a PNG with OCR', async () => {
    const result = await readImage({ bytes: page, fileName: 'scan.png', limits, ocr: engine });
    expect(result.mediaType).toBe('image/png');
    expect(result.pages).toHaveLength(1);
    const [p] = result.pages;
    expect(p).toMatchObject({ pageNumber: 1, width: 900, height: 220, rotation: 0, textSource: 'ocr' });
    expect(result.text).toBe('Invoice number 12345\nTotal 250.00');
    expect(p!.lines[0]!.words.map((w) => w.text)).toEqual(['Invoice', 'number', '12345']);
    expect(result.metadata).toMatchObject({ format: 'png', pageCount: 1 });
  });

  it('reads a JPEG', async () => {
    const jpeg = await sharp(page).jpeg({ quality: 85 }).toBuffer();
    const result = await readImage({ bytes: jpeg, fileName: 'scan.jpg', limits, ocr: engine });
    expect(result.mediaType).toBe('image/jpeg');
    expect(result.text.toLowerCase()).toContain('invoice number 12345');
  });

  it('reads each page of a multi-page TIFF', async () => {
    const pages = await Promise.all(
      [['First page alpha'], ['Second page bravo'], ['Third page charlie']].map((l) => textPage(l, 700)),
    );
    const tiff = await sharp(pages, { join: { animated: true } })
      .tiff()
      .toBuffer();
    expect((await sharp(tiff).metadata()).pages).toBe(3);
    const result = await readImage({ bytes: tiff, fileName: 'fax.tif', limits, ocr: engine });
    expect(result.mediaType).toBe('image/tiff');
    expect(result.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(result.pages.map((p) => p.lines.map((l) => l.words.map((w) => w.text).join(' ')))).toEqual([
      ['First page alpha'],
      ['Second page bravo'],
      ['Third page charlie'],
    ]);
    expect(result.text).toBe('First page alpha\n\nSecond page bravo\n\nThird page charlie');

    await expectReadError(
      readImage({ bytes: tiff, fileName: 'fax.tif', limits: { ...limits, maxPages: 2 }, ocr: engine }),
      'too_many_pages',
    );
  });

  it('applies EXIF orientation before OCR', async () => {
    // Stored turned by 90° counter-clockwise, with orientation 6 ("turn 90° clockwise to display").
    const stored = await sharp(page).rotate(-90).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([220, 900, 6]);
    const result = await readImage({ bytes: stored, fileName: 'phone.jpg', limits, ocr: engine });
    expect(result.pages[0]).toMatchObject({ width: 900, height: 220, rotation: 0 });
    expect(result.text.toLowerCase()).toContain('invoice number 12345');
    expect(result.metadata.exifOrientation).toBe(6);
  });

  it('reports the rotation OCR applied to a turned page', async () => {
    const turned = await sharp(page).rotate(90).png().toBuffer();
    const result = await readImage({ bytes: turned, fileName: 'turned.png', limits, ocr: engine });
    // Size and boxes are those of the image as stored; rotation says how to turn it upright.
    expect(result.pages[0]).toMatchObject({ width: 220, height: 900, rotation: 270, textSource: 'ocr' });
    const first = result.pages[0]!.lines[0]!;
    expect(first.box[0]).toBeGreaterThan(0.5);
    expect(first.box[3] - first.box[1]).toBeGreaterThan(first.box[2] - first.box[0]);
    expect(result.text).toBe('Invoice number 12345\nTotal 250.00');
  });

  it('without OCR gives empty pages', async () => {
    const result = await readImage({ bytes: page, fileName: 'scan.png', limits });
    expect(result.pages).toEqual([
      { pageNumber: 1, width: 900, height: 220, rotation: 0, textSource: 'none', lines: [] },
    ]);
    expect(result.text).toBe('');
  });

  it('finds no text on a blank image', async () => {
    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const result = await readImage({ bytes: blank, fileName: 'blank.png', limits, ocr: engine });
    expect(result.pages[0]).toMatchObject({ textSource: 'ocr', lines: [] });
    expect(result.text).toBe('');
  });

  it('rejects truncated and empty files', async () => {
    await expectReadError(
      readImage({
        bytes: page.subarray(0, Math.floor(page.length / 2)),
        fileName: 'cut.png',
        limits,
        ocr: engine,
      }),
      'corrupt',
    );
    const jpeg = await sharp(page).jpeg().toBuffer();
    await expectReadError(
      readImage({ bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)), fileName: 'cut.jpg', limits }),
      'corrupt',
    );
    await expectReadError(readImage({ bytes: new Uint8Array(0), fileName: 'empty.png', limits }), 'empty');
  });
});
