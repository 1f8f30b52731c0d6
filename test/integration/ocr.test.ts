// The PP-OCR engine on images rendered here with sharp's text input (DejaVu Sans): words, word boxes,
// reading order, page rotation, blank pages.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { OverlayOptions, Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Line } from '../../main/documents/layout.ts';
import { resolvePpOcrModels } from '../../main/documents/ocr/models.ts';
import { fusePpOcrGraph } from '../../main/documents/ocr/onnx-fuse.ts';
import { createPpOcrEngine, uprightToInputBox } from '../../main/documents/ocr/pp-ocr.ts';
import type { PpOcrEngine } from '../../main/documents/ocr/pp-ocr.ts';
import type { RasterImage } from '../../main/documents/reader.ts';

interface Placed {
  text: string;
  left: number;
  top: number;
  /** Filled in by render(): the rendered text's size in pixels. */
  width?: number;
  height?: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Renders pieces of text (black on white) at the given positions on a white page. */
async function render(width: number, height: number, pieces: Placed[], dpi = 200): Promise<Buffer> {
  const layers: OverlayOptions[] = [];
  for (const piece of pieces) {
    const { data, info } = await sharp({
      text: {
        text: `<span foreground="black">${escape(piece.text)}</span>`,
        font: 'DejaVu Sans',
        dpi,
        rgba: true,
      },
    })
      .png()
      .toBuffer({ resolveWithObject: true });
    piece.width = info.width;
    piece.height = info.height;
    layers.push({ input: data, left: piece.left, top: piece.top });
  }
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .png()
    .toBuffer();
}

async function raster(png: Buffer | Sharp): Promise<RasterImage> {
  const { data, info } = await (Buffer.isBuffer(png) ? sharp(png) : png)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels as 3, data };
}

const lineText = (l: Line) => l.words.map((w) => w.text).join(' ');
const allWords = (lines: Line[]) => lines.flatMap((l) => l.words.map((w) => w.text.toLowerCase()));

/** A short invoice: three lines, wide enough that rotation is easy to see. */
const invoiceLines = ['Invoice number 12345', 'Total amount 250.00', 'Payment due within thirty days'];

let engine: PpOcrEngine;
let invoice: Buffer;

beforeAll(async () => {
  engine = await createPpOcrEngine({ intraOpNumThreads: 1 });
  invoice = await render(
    900,
    320,
    invoiceLines.map((text, i) => ({ text, left: 60, top: 50 + i * 80 })),
  );
});

afterAll(async () => {
  await engine?.dispose();
});

describe('PP-OCR engine', () => {
  it('recognises the words of a line with confidences', async () => {
    const pieces: Placed[] = [{ text: 'Invoice number 12345 Total 250.00', left: 40, top: 40 }];
    const png = await render(1000, 140, pieces);
    const result = await engine.recognize(await raster(png));
    expect(result.rotation).toBe(0);
    expect(result.lines).toHaveLength(1);
    expect(allWords(result.lines)).toEqual(['invoice', 'number', '12345', 'total', '250.00']);
    for (const w of result.lines[0]!.words) {
      expect(w.confidence).toBeGreaterThan(0.8);
      expect(w.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('gives word boxes inside the image, left to right, where the words are', async () => {
    // Each word rendered on its own at a known place, with ordinary spacing between them.
    const words = ['Ship', 'to', 'Acme', 'Corporation', 'Ltd'];
    const pieces: Placed[] = [];
    let left = 50;
    for (const text of words) {
      const piece: Placed = { text, left, top: 40 };
      pieces.push(piece);
      const meta = await sharp({ text: { text, font: 'DejaVu Sans', dpi: 200, rgba: true } }).metadata();
      left += meta.width + 20;
    }
    const width = left + 50;
    const png = await render(width, 130, pieces);
    const result = await engine.recognize(await raster(png));
    expect(result.lines).toHaveLength(1);
    const found = result.lines[0]!.words;
    expect(found.map((w) => w.text)).toEqual(words);
    let previousRight = 0;
    found.forEach((w, i) => {
      const [x0, y0, x1, y1] = w.box;
      for (const v of w.box) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(x1).toBeGreaterThan(x0);
      expect(y1).toBeGreaterThan(y0);
      expect(x0).toBeGreaterThanOrEqual(previousRight);
      previousRight = x1;
      // Within 8 px of the rendered word on each side.
      const p = pieces[i]!;
      expect(Math.abs(x0 * width - p.left)).toBeLessThan(8);
      expect(Math.abs(x1 * width - (p.left + p.width!))).toBeLessThan(8);
      // Vertically around the text.
      expect(y0 * 130).toBeLessThan(40 + 8);
      expect(y1 * 130).toBeGreaterThan(40 + p.height! - 8);
    });
    const lineBox = result.lines[0]!.box;
    expect(lineBox[0]).toBeLessThanOrEqual(found[0]!.box[0]);
    expect(lineBox[2]).toBeGreaterThanOrEqual(found.at(-1)!.box[2]);
  });

  it('reads a two-column page column by column', async () => {
    const left = [
      'The left column starts here',
      'and carries on with more',
      'words about the contract',
      'until it stops',
    ];
    const right = [
      'The right column begins',
      'after the left one ends',
      'with other sentences',
      'and then it ends',
    ];
    const pieces: Placed[] = [
      ...left.map((text, i) => ({ text, left: 40, top: 40 + i * 50 })),
      ...right.map((text, i) => ({ text, left: 700, top: 40 + i * 50 })),
    ];
    const png = await render(1300, 280, pieces, 150);
    const result = await engine.recognize(await raster(png));
    expect(result.lines.map(lineText)).toEqual([...left, ...right]);
    // Blocks never go backwards, and the columns are different blocks.
    const blocks = result.lines.map((l) => l.block);
    expect([...blocks].sort((a, b) => a - b)).toEqual(blocks);
    expect(blocks[left.length]).toBeGreaterThan(blocks[left.length - 1]!);
  });

  it('keeps a table row on one reading line order (label, then value)', async () => {
    const pieces: Placed[] = [
      { text: 'Invoice date', left: 40, top: 40 },
      { text: '2024-03-01', left: 600, top: 40 },
      { text: 'Due', left: 40, top: 90 },
      { text: '2024-03-31', left: 600, top: 90 },
      { text: 'Total', left: 40, top: 140 },
      { text: '1,250.00', left: 600, top: 140 },
    ];
    const png = await render(900, 200, pieces, 150);
    const result = await engine.recognize(await raster(png));
    expect(result.lines.map(lineText)).toEqual([
      'Invoice date',
      '2024-03-01',
      'Due',
      '2024-03-31',
      'Total',
      '1,250.00',
    ]);
  });

  it.each([
    [90, 270],
    [180, 180],
    [270, 90],
  ])('reads a page turned by %i° upright and reports rotation %i', async (turned, expected) => {
    const upright = await engine.recognize(await raster(invoice));
    const result = await engine.recognize(await raster(sharp(invoice).rotate(turned)));
    expect(result.rotation).toBe(expected);
    expect(result.lines.map(lineText)).toEqual(invoiceLines);
    // Boxes are relative to the image as given: the upright page's boxes, turned with it.
    result.lines.forEach((line, i) => {
      const want = uprightToInputBox(upright.lines[i]!.box, expected);
      line.box.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(0.03));
    });
  });

  it('can give boxes relative to the upright image', async () => {
    const uprightEngine = await createPpOcrEngine({ uprightBoxes: true });
    try {
      const result = await uprightEngine.recognize(await raster(sharp(invoice).rotate(180)));
      expect(result.rotation).toBe(180);
      expect(result.lines[0]!.box[1]).toBeLessThan(0.3);
      const words = result.lines[0]!.words;
      expect(words[0]!.box[0]).toBeLessThan(words[1]!.box[0]);
    } finally {
      await uprightEngine.dispose();
    }
  });

  it('finds no lines on a blank page', async () => {
    const blank = sharp({ create: { width: 800, height: 600, channels: 3, background: '#ffffff' } });
    const result = await engine.recognize(await raster(blank.png()));
    expect(result).toEqual({ rotation: 0, lines: [] });
  });

  it('accepts gray and RGBA images', async () => {
    const gray = await sharp(invoice).grayscale().raw().toBuffer({ resolveWithObject: true });
    const fromGray = await engine.recognize({
      width: gray.info.width,
      height: gray.info.height,
      channels: 1,
      data: gray.data,
    });
    expect(fromGray.lines.map(lineText)).toEqual(invoiceLines);
    const rgba = await sharp(invoice).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const fromRgba = await engine.recognize({
      width: rgba.info.width,
      height: rgba.info.height,
      channels: 4,
      data: rgba.data,
    });
    expect(fromRgba.lines.map(lineText)).toEqual(invoiceLines);
  });

  it('loads and runs inside a worker thread', async () => {
    const image = await raster(invoice);
    const module = fileURLToPath(new URL('../../main/documents/ocr/pp-ocr.ts', import.meta.url));
    // An eval worker is CommonJS; it loads the engine (TypeScript, type-stripped by Node) with import().
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const { pathToFileURL } = require('node:url');
      (async () => {
        const { createPpOcrEngine } = await import(pathToFileURL(workerData.module).href);
        const engine = await createPpOcrEngine({ intraOpNumThreads: 1 });
        const result = await engine.recognize(workerData.image);
        await engine.dispose();
        parentPort.postMessage(result.lines.map((l) => l.words.map((w) => w.text).join(' ')));
      })().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
    `;
    const worker = new Worker(code, { eval: true, workerData: { module, image } });
    try {
      const message = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(message).toEqual(invoiceLines);
    } finally {
      await worker.terminate();
    }
  });

  it('simplifies the model graphs without changing their outputs', async () => {
    const paths = resolvePpOcrModels();
    const cases: [string, number[]][] = [
      [paths.recognition, [1, 3, 48, 320]],
      [paths.detection, [1, 3, 96, 160]],
      [paths.classification, [2, 3, 48, 192]],
    ];
    for (const [file, dims] of cases) {
      const original = new Uint8Array(await readFile(file));
      const { model, report } = fusePpOcrGraph(original);
      expect(report.convAffine + report.hardSwish + report.affineIntoConv).toBeGreaterThan(0);
      const size = dims.reduce((a, b) => a * b, 1);
      const data = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.37) * 0.9);
      const outputs: Float32Array[] = [];
      for (const bytes of [original, model]) {
        const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
        const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', data, dims) });
        outputs.push(result[session.outputNames[0]!]!.data as Float32Array);
        await session.release();
      }
      const [a, b] = outputs as [Float32Array, Float32Array];
      expect(b.length).toBe(a.length);
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
      expect(maxDiff).toBeLessThan(1e-4);
    }
  });
});
