// Opening a PDF with pdfjs-dist (local files only, no network, no eval) and rendering one page to pixels.
// The PDF reader renders scanned pages for OCR with it; the benchmark renders pages to PNG files with it.
//
// pdfjs in Node runs its "worker" in the calling thread (a fake worker loaded with a dynamic import), so
// this works the same on the main thread and in a worker_threads worker. Rendering draws on
// @napi-rs/canvas through the document's own canvasFactory.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  getDocument,
  GlobalWorkerOptions,
  InvalidPDFException,
  PasswordException,
  PasswordResponses,
  VerbosityLevel,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReadError } from './read-error.ts';
import type { RasterImage } from './reader.ts';

// pdfjs reads its data files with fs.readFile(base + name), so these are file-system paths ending in a separator.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const dataDir = (name: string): string => join(pdfjsRoot, name) + sep;

// pdfjs loads its worker code with `import('./pdf.worker.mjs')` relative to its own module; give it an
// absolute URL so that this still works when the core is bundled (esbuild) into one file.
if (GlobalWorkerOptions.workerSrc === './pdf.worker.mjs') {
  GlobalWorkerOptions.workerSrc = pathToFileURL(join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs')).href;
}

/** Options every document is opened with: local data files only, no eval, no system fonts, quiet. */
function documentOptions(data: Uint8Array, password: string | undefined) {
  return {
    data,
    password,
    standardFontDataUrl: dataDir('standard_fonts'),
    cMapUrl: dataDir('cmaps'),
    cMapPacked: true,
    iccUrl: dataDir('iccs'),
    wasmUrl: dataDir('wasm'),
    useWorkerFetch: false,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    verbosity: VerbosityLevel.ERRORS,
  };
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().replace(/\.$/, '') || 'unknown error';
}

/**
 * Opens a PDF from its bytes (copied: pdfjs takes ownership of the buffer it is given).
 * Throws ReadError: 'empty', 'needs_password', 'wrong_password' or 'corrupt'.
 * The caller must `await closePdf(doc)` when done.
 */
export async function openPdf(bytes: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw new ReadError('empty', 'The file is empty (0 bytes).');
  // A plain Uint8Array copy: pdfjs detaches the buffer it is given and refuses Node Buffers.
  const task = getDocument(documentOptions(new Uint8Array(bytes), password));
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    if (error instanceof PasswordException) {
      if (error.code === PasswordResponses.INCORRECT_PASSWORD) {
        throw new ReadError('wrong_password', 'The password for this PDF is not correct.', { cause: error });
      }
      throw new ReadError(
        'needs_password',
        'This PDF is protected with a password. Enter the password to read it.',
        {
          cause: error,
        },
      );
    }
    if (error instanceof InvalidPDFException) {
      throw new ReadError('corrupt', `The PDF is damaged or incomplete: ${describe(error)}.`, {
        cause: error,
      });
    }
    throw new ReadError('corrupt', `The PDF could not be opened; it may be damaged: ${describe(error)}.`, {
      cause: error,
    });
  }
}

/** Frees everything pdfjs holds for the document (pdfjs 6 destroys through the loading task). */
export async function closePdf(doc: PDFDocumentProxy): Promise<void> {
  await doc.loadingTask.destroy();
}

export interface RenderOptions {
  /** Pixels per PDF point; wins over dpi. */
  scale?: number;
  /** Dots per inch (72 dpi = 1 pixel per point). Default 150. */
  dpi?: number;
  /** Largest width × height in pixels; the scale is lowered to fit. Default 40 million. */
  maxPixels?: number;
  /** Largest width or height in pixels; the scale is lowered to fit. Default 10,000. */
  maxSide?: number;
  /** Also encode a PNG (default true). The OCR path only needs the pixels. */
  png?: boolean;
}

export interface RenderedPage {
  pageNumber: number;
  /** Page size in PDF points as displayed (after /Rotate). */
  widthPoints: number;
  heightPoints: number;
  /** The page's /Rotate, already applied to the pixels. */
  rotation: number;
  /** Pixels per point actually used (after the size caps). */
  scale: number;
  /** RGBA pixels, row-major, top-left first, white background. */
  image: RasterImage;
  /** PNG of the same pixels, unless `png: false` was asked. */
  png?: Buffer;
}

// The parts of pdfjs's Node canvas factory (backed by @napi-rs/canvas) that rendering uses.
interface NodeCanvas {
  width: number;
  height: number;
  encode(format: 'png'): Promise<Buffer>;
}
interface NodeContext {
  getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
}
interface CanvasAndContext {
  canvas: NodeCanvas;
  context: NodeContext;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

type RenderCanvas = Parameters<PDFPageProxy['render']>[0]['canvas'];

/** Chooses the scale: the asked scale or dpi, lowered so the image fits the caps. */
export function renderScale(widthPoints: number, heightPoints: number, options: RenderOptions = {}): number {
  let scale = options.scale ?? (options.dpi ?? 150) / 72;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError('The render scale must be a positive number.');
  const maxPixels = options.maxPixels ?? 40_000_000;
  const maxSide = options.maxSide ?? 10_000;
  const pixels = widthPoints * heightPoints * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const side = Math.max(widthPoints, heightPoints) * scale;
  if (side > maxSide) scale *= maxSide / side;
  return scale;
}

/** Renders one page of an open document (pageNumber is 1-based). */
export async function renderPage(
  doc: PDFDocumentProxy,
  pageNumber: number,
  options: RenderOptions = {},
): Promise<RenderedPage> {
  if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) {
    throw new RangeError(`Page ${pageNumber} does not exist; the PDF has ${doc.numPages} page(s).`);
  }
  const page = await doc.getPage(pageNumber);
  const base = page.getViewport({ scale: 1 });
  const scale = renderScale(base.width, base.height, options);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = doc.canvasFactory as CanvasFactory;
  const target = factory.create(width, height);
  try {
    await page.render({ canvas: target.canvas as unknown as RenderCanvas, viewport }).promise;
    const pixels = target.context.getImageData(0, 0, width, height).data;
    const image: RasterImage = {
      width,
      height,
      channels: 4,
      data: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength),
    };
    const png = options.png === false ? undefined : await target.canvas.encode('png');
    return {
      pageNumber,
      widthPoints: base.width,
      heightPoints: base.height,
      rotation: page.rotate,
      scale,
      image,
      ...(png ? { png } : {}),
    };
  } finally {
    factory.destroy(target);
    page.cleanup();
  }
}

export interface RenderPdfPageInput extends RenderOptions {
  bytes: Uint8Array;
  password?: string | undefined;
  /** 1-based. */
  pageNumber: number;
}

/** Opens a PDF, renders one page to RGBA pixels and a PNG, and closes it. */
export async function renderPdfPage(input: RenderPdfPageInput): Promise<RenderedPage & { png: Buffer }> {
  const { bytes, password, pageNumber, ...options } = input;
  const doc = await openPdf(bytes, password);
  try {
    const rendered = await renderPage(doc, pageNumber, { ...options, png: true });
    if (!rendered.png) throw new Error('The page was rendered but no PNG was produced.');
    return { ...rendered, png: rendered.png };
  } finally {
    await closePdf(doc);
  }
}
