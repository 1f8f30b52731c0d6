// Small raster helpers for the OCR pipeline: pixels in, pixels out, no dependencies.
// Images here are 3-channel RGB, row-major, top-left first (RasterImage with channels 3).
import type { RasterImage } from '../reader.ts';

export interface Rgb {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. */
  data: Uint8Array;
}

/** Any RasterImage (gray, RGB, RGBA) as RGB; RGBA is composited on white. */
export function toRgb(image: RasterImage): Rgb {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`Invalid image size ${width}x${height}`);
  }
  const n = width * height;
  if (data.length < n * channels)
    throw new RangeError('Image data is shorter than width × height × channels');
  if (channels === 3) return { width, height, data: data.length === n * 3 ? data : data.subarray(0, n * 3) };
  const out = new Uint8Array(n * 3);
  if (channels === 1) {
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const v = data[i]!;
      out[o] = v;
      out[o + 1] = v;
      out[o + 2] = v;
    }
  } else {
    for (let i = 0, s = 0, o = 0; i < n; i++, s += 4, o += 3) {
      const a = data[s + 3]!;
      const inv = 255 - a;
      out[o] = (data[s]! * a + 255 * inv + 127) / 255;
      out[o + 1] = (data[s + 1]! * a + 255 * inv + 127) / 255;
      out[o + 2] = (data[s + 2]! * a + 255 * inv + 127) / 255;
    }
  }
  return { width, height, data: out };
}

/** Rotates clockwise by 90, 180 or 270 degrees. */
export function rotateRgb(image: Rgb, degrees: number): Rgb {
  const { width: w, height: h, data } = image;
  const r = ((degrees % 360) + 360) % 360;
  if (r === 0) return image;
  const out = new Uint8Array(data.length);
  if (r === 180) {
    const n = w * h;
    for (let i = 0; i < n; i++) {
      const s = i * 3;
      const d = (n - 1 - i) * 3;
      out[d] = data[s]!;
      out[d + 1] = data[s + 1]!;
      out[d + 2] = data[s + 2]!;
    }
    return { width: w, height: h, data: out };
  }
  // New image is h wide and w tall.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (y * w + x) * 3;
      // 90 clockwise: (x, y) -> (h - 1 - y, x); 270 clockwise: (x, y) -> (y, w - 1 - x)
      const nx = r === 90 ? h - 1 - y : y;
      const ny = r === 90 ? x : w - 1 - x;
      const d = (ny * h + nx) * 3;
      out[d] = data[s]!;
      out[d + 1] = data[s + 1]!;
      out[d + 2] = data[s + 2]!;
    }
  }
  return { width: h, height: w, data: out };
}

/**
 * Samples the source rectangle [sx0, sx0 + sw) × [sy0, sy0 + sh) of an RGB image into a dw × dh
 * float tensor region (CHW, BGR channel order as PaddleOCR's models expect), applying
 * value = (pixel / 255 - mean[c]) / std[c]. Bilinear when enlarging or mildly shrinking, area
 * averaging when shrinking by more than 1.5× (keeps thin strokes that bilinear would skip).
 */
export function sampleToTensor(
  image: Rgb,
  sx0: number,
  sy0: number,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  out: Float32Array,
  outOffset: number,
  outStride: number,
  outPlane: number,
  mean: readonly [number, number, number],
  std: readonly [number, number, number],
): void {
  const { width: W, height: H, data } = image;
  const scaleX = sw / dw;
  const scaleY = sh / dh;
  // value = pixel * k[c] + b[c] for output planes c = 0, 1, 2 (B, G, R).
  const k = [1 / 255 / std[0], 1 / 255 / std[1], 1 / 255 / std[2]] as const;
  const b0 = [-mean[0] / std[0], -mean[1] / std[1], -mean[2] / std[2]] as const;
  const area = scaleX > 1.5 || scaleY > 1.5;
  if (!area) {
    const xs0 = new Int32Array(dw);
    const xs1 = new Int32Array(dw);
    const fx = new Float32Array(dw);
    for (let x = 0; x < dw; x++) {
      let sx = sx0 + (x + 0.5) * scaleX - 0.5;
      if (sx < 0) sx = 0;
      if (sx > W - 1) sx = W - 1;
      const x0 = Math.floor(sx);
      xs0[x] = x0;
      xs1[x] = Math.min(x0 + 1, W - 1);
      fx[x] = sx - x0;
    }
    for (let y = 0; y < dh; y++) {
      let sy = sy0 + (y + 0.5) * scaleY - 0.5;
      if (sy < 0) sy = 0;
      if (sy > H - 1) sy = H - 1;
      const y0 = Math.floor(sy);
      const y1 = Math.min(y0 + 1, H - 1);
      const fy = sy - y0;
      const row0 = y0 * W;
      const row1 = y1 * W;
      const o = outOffset + y * outStride;
      for (let x = 0; x < dw; x++) {
        const a = (row0 + xs0[x]!) * 3;
        const b = (row0 + xs1[x]!) * 3;
        const c = (row1 + xs0[x]!) * 3;
        const d = (row1 + xs1[x]!) * 3;
        const wx = fx[x]!;
        for (let ch = 0; ch < 3; ch++) {
          const src = 2 - ch; // BGR planes from RGB pixels
          const top = data[a + src]! + (data[b + src]! - data[a + src]!) * wx;
          const bot = data[c + src]! + (data[d + src]! - data[c + src]!) * wx;
          out[o + ch * outPlane + x] = (top + (bot - top) * fy) * k[ch]! + b0[ch]!;
        }
      }
    }
    return;
  }
  // Area averaging: each output pixel averages the source pixels its footprint covers (integer bounds).
  const xa = new Int32Array(dw);
  const xb = new Int32Array(dw);
  for (let x = 0; x < dw; x++) {
    const a = Math.floor(sx0 + x * scaleX);
    let b = Math.floor(sx0 + (x + 1) * scaleX);
    if (b <= a) b = a + 1;
    xa[x] = Math.max(0, Math.min(W - 1, a));
    xb[x] = Math.max(xa[x]! + 1, Math.min(W, b));
  }
  const acc = new Float64Array(dw * 3);
  for (let y = 0; y < dh; y++) {
    const ya = Math.max(0, Math.min(H - 1, Math.floor(sy0 + y * scaleY)));
    let yb = Math.min(H, Math.floor(sy0 + (y + 1) * scaleY));
    if (yb <= ya) yb = ya + 1;
    acc.fill(0);
    for (let yy = ya; yy < yb; yy++) {
      const row = yy * W;
      for (let x = 0; x < dw; x++) {
        let r = 0;
        let g = 0;
        let bl = 0;
        const end = xb[x]!;
        for (let xx = xa[x]!; xx < end; xx++) {
          const p = (row + xx) * 3;
          r += data[p]!;
          g += data[p + 1]!;
          bl += data[p + 2]!;
        }
        acc[x * 3] = acc[x * 3]! + bl;
        acc[x * 3 + 1] = acc[x * 3 + 1]! + g;
        acc[x * 3 + 2] = acc[x * 3 + 2]! + r;
      }
    }
    const o = outOffset + y * outStride;
    for (let x = 0; x < dw; x++) {
      const n = (xb[x]! - xa[x]!) * (yb - ya);
      for (let ch = 0; ch < 3; ch++) {
        out[o + ch * outPlane + x] = (acc[x * 3 + ch]! / n) * k[ch]! + b0[ch]!;
      }
    }
  }
}

/** Gray level (0..255) of an RGB pixel at byte offset p. */
const gray = (data: Uint8Array, p: number) => (data[p]! * 77 + data[p + 1]! * 150 + data[p + 2]! * 29) >> 8;

/**
 * Ink in the rectangle [x0, x1) × [y0, y1): pixels clearly darker than the rectangle's paper (the
 * 90th percentile of gray), counted per column and per row. Index 0 is column floor(x0) / row floor(y0).
 */
export function inkCounts(
  image: Rgb,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): { columns: Uint16Array; rows: Uint32Array } {
  const { width: W, height: H, data } = image;
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(W, Math.ceil(x1));
  const ya = Math.max(0, Math.floor(y0));
  const yb = Math.min(H, Math.ceil(y1));
  const columns = new Uint16Array(Math.max(0, xb - xa));
  const rows = new Uint32Array(Math.max(0, yb - ya));
  const hist = new Uint32Array(256);
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) hist[gray(data, (y * W + x) * 3)]!++;
  }
  const total = columns.length * rows.length;
  if (total === 0) return { columns, rows };
  let seen = 0;
  let paper = 255;
  let darkest = -1;
  for (let v = 0; v < 256; v++) {
    if (hist[v]! > 0 && darkest < 0) darkest = v;
    seen += hist[v]!;
    if (seen >= 0.9 * total) {
      paper = v;
      break;
    }
  }
  // Darker than the paper by at least a third of the contrast (and by 24 levels at least).
  const threshold = paper - Math.max(24, (paper - Math.max(0, darkest)) / 3);
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      if (gray(data, (y * W + x) * 3) < threshold) {
        columns[x - xa]!++;
        rows[y - ya]!++;
      }
    }
  }
  return { columns, rows };
}
