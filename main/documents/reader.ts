// The one interface every reader implements, and the OCR engine the PDF and image readers call.
import type { Line, ReadResult } from './layout.ts';
import type { ReadLimits } from './read-error.ts';

/** Decoded pixels, row-major, top-left first. */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

export interface OcrPageResult {
  /** Clockwise rotation in degrees (0, 90, 180, 270) applied to read the image upright. */
  rotation: number;
  /** Lines in reading order with word boxes relative to the image as given (0..1). */
  lines: Line[];
}

export interface OcrEngine {
  recognize(image: RasterImage): Promise<OcrPageResult>;
}

export interface ReadInput {
  bytes: Uint8Array;
  /** The original file name, for titles and messages; never used to choose the reader. */
  fileName: string;
  limits: ReadLimits;
  /** A password the user gave for an encrypted PDF. */
  password?: string | undefined;
  /** OCR for scanned pages and images; without it such pages come back with textSource 'none'. */
  ocr?: OcrEngine | undefined;
}

/** Reads one file's bytes. Throws ReadError with a specific reason when it cannot. */
export type Reader = (input: ReadInput) => Promise<ReadResult>;
