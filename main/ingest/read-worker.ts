// A read worker: reads one stored original at a time and answers with its text and layout. OCR models are
// loaded on first need and kept for the worker's life (one engine per worker, one ORT thread each).
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { readDocument } from '../documents/read-document.ts';
import { ReadError } from '../documents/read-error.ts';
import { lazyPpOcr } from '../documents/ocr/lazy.ts';
import { simHash } from '../documents/simhash.ts';
import type { ReadRequest, ReadResponse } from './read-protocol.ts';

// One engine per worker, one ONNX Runtime thread each.
const lazyOcr = lazyPpOcr({ intraOpNumThreads: 1 });

async function handle(request: ReadRequest): Promise<ReadResponse> {
  try {
    const bytes = await readFile(request.storedPath);
    const result = await readDocument({
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      fileName: request.fileName,
      limits: request.limits,
      password: request.password,
      ocr: request.ocr === false ? undefined : lazyOcr,
    });
    return {
      ok: true,
      mediaType: result.mediaType,
      title: result.title?.trim() || null,
      metadataJson: JSON.stringify(result.metadata),
      text: result.text,
      pages: result.pages.map((p) => ({
        pageNumber: p.pageNumber,
        width: p.width,
        height: p.height,
        rotation: p.rotation,
        textSource: p.textSource,
        layoutJson: JSON.stringify({ lines: p.lines }),
      })),
      tables: result.tables ?? [],
      attachments: (result.attachments ?? []).map((a) => ({
        fileName: a.fileName,
        mediaType: a.mediaType ?? null,
        // A fresh copy: pooled Buffers cannot be transferred, and a copy owns exactly its bytes.
        bytes: new Uint8Array(a.bytes),
      })),
      simhash: simHash(result.text),
    };
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, reason: e.reason, message: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: 'corrupt', message: `The file could not be read: ${message}` };
  }
}

parentPort?.on('message', (request: ReadRequest) => {
  void handle(request).then((response) => {
    const transfer = response.ok ? response.attachments.map((a) => a.bytes.buffer as ArrayBuffer) : [];
    parentPort!.postMessage(response, transfer);
  });
});
