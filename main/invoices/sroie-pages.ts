// SROIE receipts (metadata.jsonl: OCR segments with pixel boxes) as a Docket page, so that the extractor
// reads them as it reads any scan: each segment is a line, each whitespace-separated word gets the slice of
// the segment's box proportional to its characters. pagesToTokens then gives exactly the tokens
// receiptToSequence labels (the same proportional split), so SROIE's tags apply to them.
import type { Box, Line, Page } from '../documents/layout.ts';
import type { RawReceipt, SroieField } from '../engine/datasets/sroie.ts';
import type { InvoiceFieldName } from './types.ts';

/** SROIE's four fields are these invoice fields. */
export const SROIE_TO_INVOICE: Record<SroieField, InvoiceFieldName> = {
  company: 'vendorName',
  date: 'invoiceDate',
  address: 'vendorAddress',
  total: 'invoiceTotal',
};

export function sroiePage(raw: RawReceipt): Page {
  const { width, height } = raw.image_size;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const lines: Line[] = [];
  raw.words.forEach((segment, i) => {
    const [bx0, by0, bx1, by1] = raw.bboxes[i] as [number, number, number, number];
    const length = Math.max(segment.length, 1);
    const words = [...segment.matchAll(/\S+/gu)].map((m) => {
      const box: Box = [
        clamp((bx0 + ((bx1 - bx0) * m.index) / length) / width),
        clamp(by0 / height),
        clamp((bx0 + ((bx1 - bx0) * (m.index + m[0].length)) / length) / width),
        clamp(by1 / height),
      ];
      return { text: m[0], box };
    });
    if (words.length === 0) return;
    lines.push({
      words,
      box: [words[0]!.box[0], words[0]!.box[1], words.at(-1)!.box[2], words[0]!.box[3]],
      block: i,
    });
  });
  return { pageNumber: 1, width, height, rotation: 0, textSource: 'ocr', lines };
}
