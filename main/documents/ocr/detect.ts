// Text detection around PP-OCR's DB (differentiable binarisation) model: input sizing and the
// post-processing that turns the probability map into axis-aligned line boxes.

export interface DetectOptions {
  /** The longer side of the detector input is at most this many pixels (multiples of 32). */
  limitSideLen: number;
  /** Pixels above this probability are text. */
  thresh: number;
  /** A candidate box is kept when the mean probability inside it is at least this. */
  boxThresh: number;
  /** How far a text kernel is grown back to the text's extent (PaddleOCR's unclip_ratio). */
  unclipRatio: number;
  /** At most this many boxes per page (the largest-scoring are not preferred; first found are kept). */
  maxCandidates: number;
}

export const defaultDetectOptions: DetectOptions = {
  limitSideLen: 1600,
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.6,
  maxCandidates: 3000,
};

/** A detected text box in source image pixels (edges, not centres). */
export interface DetBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
}

/**
 * The detector's input size for an image: scaled so the longer side is at most limitSideLen
 * (never enlarged past the original, except to reach a multiple of 32), each side rounded to a
 * multiple of 32, as PaddleOCR's DetResizeForTest (limit_type 'max') does.
 */
export function detInputSize(
  width: number,
  height: number,
  limitSideLen: number,
): { width: number; height: number } {
  const longer = Math.max(width, height);
  const ratio = longer > limitSideLen ? limitSideLen / longer : 1;
  const w = Math.max(32, Math.round((width * ratio) / 32) * 32);
  const h = Math.max(32, Math.round((height * ratio) / 32) * 32);
  return { width: w, height: h };
}

/**
 * DB post-processing: threshold the probability map, take 8-connected components, score each by
 * its mean probability, drop weak or tiny ones, grow ("unclip") the rest by
 * area × unclipRatio / perimeter like PaddleOCR, and scale them to the source image.
 */
export function dbPostprocess(
  prob: Float32Array,
  mapWidth: number,
  mapHeight: number,
  srcWidth: number,
  srcHeight: number,
  options: DetectOptions = defaultDetectOptions,
): DetBox[] {
  const n = mapWidth * mapHeight;
  // labels: 0 = background, -1 = text not yet visited, > 0 = component id
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) if (prob[i]! > options.thresh) labels[i] = -1;
  const stack = new Int32Array(n);
  const boxes: DetBox[] = [];
  const sx = srcWidth / mapWidth;
  const sy = srcHeight / mapHeight;
  let id = 0;
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1) continue;
    id++;
    let top = 0;
    stack[top++] = start;
    labels[start] = id;
    let minX = mapWidth;
    let minY = mapHeight;
    let maxX = -1;
    let maxY = -1;
    let sum = 0;
    let count = 0;
    while (top > 0) {
      const p = stack[--top]!;
      sum += prob[p]!;
      count++;
      const y = (p / mapWidth) | 0;
      const x = p - y * mapWidth;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const yLo = y > 0 ? -1 : 0;
      const yHi = y < mapHeight - 1 ? 1 : 0;
      const xLo = x > 0 ? -1 : 0;
      const xHi = x < mapWidth - 1 ? 1 : 0;
      for (let dy = yLo; dy <= yHi; dy++) {
        const row = p + dy * mapWidth;
        for (let dx = xLo; dx <= xHi; dx++) {
          const q = row + dx;
          if (labels[q] === -1) {
            labels[q] = id;
            stack[top++] = q;
          }
        }
      }
    }
    // PaddleOCR measures the min-area rectangle of the contour through pixel centres.
    const w = maxX - minX;
    const h = maxY - minY;
    if (Math.min(w, h) < 3) continue;
    // Mean probability over the component itself (PaddleOCR's score_mode 'slow': over the filled
    // contour); the bounding-box mean ('fast') under-scores lines with superscripts or a slight skew.
    const score = sum / count;
    if (score < options.boxThresh) continue;
    const d = (w * h * options.unclipRatio) / (2 * (w + h));
    const ux0 = minX - d;
    const ux1 = maxX + d;
    const uy0 = minY - d;
    const uy1 = maxY + d;
    if (Math.min(ux1 - ux0, uy1 - uy0) < 5) continue;
    // Map pixel x covers [x, x + 1) of the map, i.e. [x·sx, (x + 1)·sx) of the source.
    boxes.push({
      x0: clamp(ux0 * sx, 0, srcWidth),
      y0: clamp(uy0 * sy, 0, srcHeight),
      x1: clamp((ux1 + 1) * sx, 0, srcWidth),
      y1: clamp((uy1 + 1) * sy, 0, srcHeight),
      score,
    });
    if (boxes.length >= options.maxCandidates) break;
  }
  return boxes;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
