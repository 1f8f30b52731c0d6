// Images (PNG, JPEG, TIFF including multi-page TIFF; WebP, GIF and AVIF as single pages), decoded with
// sharp and read with OCR. One Page per image (per TIFF page), sized in pixels of the image as decoded
// with its EXIF orientation applied; word boxes are relative to that image, and `rotation` is the
// clockwise turn OCR applied to read it upright (as for a rendered PDF page). Without an OCR engine
// the pages come back empty with textSource 'none'.
import sharp from 'sharp';
import type { Metadata } from 'sharp';
import type { Line, Page, ReadResult } from '../layout.ts';
import { ReadError } from '../read-error.ts';
import type { RasterImage, Reader } from '../reader.ts';

const mediaTypes: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** Formats whose extra "pages" are pages of a document (a GIF's or WebP's are animation frames). */
const multiPageFormats = new Set(['tiff']);

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0)
      ?.replace(/\.$/, '') ?? 'unknown error'
  );
}

function decodeError(error: unknown): ReadError {
  const message = describe(error);
  if (/pixel limit/i.test(message)) {
    return new ReadError('too_large', `The image is too large to read: ${message}.`, { cause: error });
  }
  return new ReadError('corrupt', `The image is damaged or incomplete: ${message}.`, { cause: error });
}

/** OCR sees at most this many pixels on the longer side (about 23 inches at 300 dpi); boxes are relative. */
const OCR_MAX_SIDE = 7000;

interface DecodedPage {
  /** Size of the page as stored, EXIF orientation applied. */
  width: number;
  height: number;
  /** The pixels, shrunk to fit OCR_MAX_SIDE when larger. */
  image: RasterImage;
}

/** Decodes one page (EXIF orientation applied, transparency flattened on white) to 8-bit RGB pixels. */
async function decodePage(bytes: Uint8Array, page: number): Promise<DecodedPage> {
  try {
    const meta = await sharp(bytes, { page, failOn: 'truncated' }).metadata();
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    const { data, info } = await sharp(bytes, { page, failOn: 'truncated' })
      .rotate()
      .resize({ width: OCR_MAX_SIDE, height: OCR_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const channels = info.channels;
    if (channels !== 1 && channels !== 3 && channels !== 4) {
      throw new Error(`unexpected channel count ${channels}`);
    }
    const image: RasterImage = {
      width: info.width,
      height: info.height,
      channels,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
    return { width: width ?? info.width, height: height ?? info.height, image };
  } catch (error) {
    throw decodeError(error);
  }
}

function linesText(lines: readonly Line[]): string {
  return lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n');
}

export const readImage: Reader = async (input): Promise<ReadResult> => {
  const { bytes, limits, ocr } = input;
  if (bytes.byteLength === 0) throw new ReadError('empty', 'The file is empty (0 bytes).');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'truncated' }).metadata();
  } catch (error) {
    throw decodeError(error);
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  const mediaType = format === 'avif' ? 'image/avif' : mediaTypes[format ?? ''];
  if (!mediaType) {
    throw new ReadError(
      'unsupported',
      `Docket cannot read ${format ? format.toUpperCase() : 'this kind of'} images.`,
    );
  }
  const pageCount = multiPageFormats.has(format!) ? Math.max(1, meta.pages ?? 1) : 1;
  if (pageCount > limits.maxPages) {
    throw new ReadError(
      'too_many_pages',
      `The image has ${pageCount} pages, over the limit of ${limits.maxPages}.`,
    );
  }

  const pages: Page[] = [];
  for (let i = 0; i < pageCount; i++) {
    const { width, height, image } = await decodePage(bytes, i);
    if (!ocr) {
      pages.push({
        pageNumber: i + 1,
        width,
        height,
        rotation: 0,
        textSource: 'none',
        lines: [],
      });
      continue;
    }
    const result = await ocr.recognize(image);
    pages.push({
      pageNumber: i + 1,
      width,
      height,
      rotation: result.rotation,
      textSource: 'ocr',
      lines: result.lines,
    });
  }

  const metadata: Record<string, unknown> = {
    format,
    pageCount,
    width: meta.width,
    height: meta.height,
  };
  if (meta.density !== undefined) metadata.density = meta.density;
  if (meta.orientation !== undefined && meta.orientation !== 1) metadata.exifOrientation = meta.orientation;
  if (meta.space !== undefined) metadata.colourSpace = meta.space;

  return {
    mediaType,
    metadata,
    pages,
    text: pages.map((p) => linesText(p.lines)).join('\n\n'),
  };
};
