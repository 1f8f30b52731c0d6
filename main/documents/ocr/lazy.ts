// An OCR engine whose models load on first need: a process or worker that never meets a scan never loads
// ONNX Runtime or the PP-OCR models.
import type { OcrEngine } from '../reader.ts';
import type { PpOcrOptions } from './pp-ocr.ts';

export function lazyPpOcr(options: PpOcrOptions = {}): OcrEngine {
  let engine: Promise<OcrEngine> | null = null;
  return {
    recognize: async (image) => {
      engine ??= import('./pp-ocr.ts').then((m) => m.createPpOcrEngine(options));
      return (await engine).recognize(image);
    },
  };
}
