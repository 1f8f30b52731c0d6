// Messages between the import service and its read workers. Page layouts travel as JSON text, serialised
// in the worker, so the thread that serves the window only writes them to the database.
import type { Table } from '../documents/layout.ts';
import type { ReadFailureReason, ReadLimits } from '../documents/read-error.ts';

export interface ReadRequest {
  storedPath: string;
  fileName: string;
  limits: ReadLimits;
  password?: string | undefined;
  /** Read scanned pages and images with OCR (default true). */
  ocr?: boolean | undefined;
}

export interface ReadPage {
  pageNumber: number;
  width: number;
  height: number;
  rotation: number;
  textSource: string;
  layoutJson: string;
}

export type ReadResponse =
  | {
      ok: true;
      mediaType: string;
      title: string | null;
      metadataJson: string;
      text: string;
      pages: ReadPage[];
      tables: Table[];
      attachments: Array<{ fileName: string; mediaType: string | null; bytes: Uint8Array }>;
      simhash: { hex: string; bands: [number, number, number, number] } | null;
    }
  | { ok: false; reason: ReadFailureReason; message: string };
