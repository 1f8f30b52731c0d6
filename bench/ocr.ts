// OCR benchmark: PP-OCR (Docket's engine) vs Debian's tesseract on real contract pages.
//
// Pages: the first page of each of the first 20 PDFs (sorted by file name) in
// ../shared/datasets/kleister-nda/documents whose first page has at least 50 words in its text layer.
// Each page is rendered with pdfjs (main/documents/render-pdf-page.ts) at 150 and 300 dpi; both
// engines read the same PNG files, single-threaded (ONNX Runtime intraOpNumThreads 1; tesseract with
// OMP_THREAD_LIMIT=1, all pages in one process so its model loads once, like PP-OCR's).
// Reference: the page's own text layer (pdfjs). WER = word-level Levenshtein distance / reference
// words, after lowercasing and stripping punctuation, summed over pages (same for both engines).
//
// Usage: node bench/ocr.ts [--pages 20] [--dpi 150,300] [--no-tesseract] [--engine '{"detection":{...}}']
//                          [--out reports/bench-ocr.json] [--verbose]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import sharp from 'sharp';
import { createPpOcrEngine } from '../main/documents/ocr/pp-ocr.ts';
import type { PpOcrOptions } from '../main/documents/ocr/pp-ocr.ts';
import { closePdf, openPdf, renderPage } from '../main/documents/render-pdf-page.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const datasetDir = path.resolve(root, '../shared/datasets/kleister-nda/documents');

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '20' },
    dpi: { type: 'string', default: '150,300' },
    'no-tesseract': { type: 'boolean', default: false },
    engine: { type: 'string', default: '{}' },
    out: { type: 'string', default: 'reports/bench-ocr.json' },
    verbose: { type: 'boolean', default: false },
  },
});
const pageCount = Number(args.pages);
const dpis = args.dpi.split(',').map(Number);
const engineOptions = JSON.parse(args.engine) as PpOcrOptions;

/** Lowercase, punctuation stripped, split on whitespace. */
export function normaliseWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** Word-level Levenshtein distance. */
export function editDistance(ref: readonly string[], hyp: readonly string[]): number {
  let prev = new Uint32Array(hyp.length + 1);
  let cur = new Uint32Array(hyp.length + 1);
  for (let j = 0; j <= hyp.length; j++) prev[j] = j;
  for (let i = 1; i <= ref.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= hyp.length; j++) {
      const sub = prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[hyp.length]!;
}

interface BenchPage {
  file: string;
  pageNumber: number;
  reference: string;
  referenceWords: number;
}

async function textLayer(bytes: Uint8Array, pageNumber: number): Promise<string> {
  const doc = await openPdf(bytes);
  try {
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str + (item.hasEOL ? '\n' : ' ');
    }
    return text;
  } finally {
    await closePdf(doc);
  }
}

async function choosePages(): Promise<BenchPage[]> {
  const files = (await readdir(datasetDir)).filter((f) => f.endsWith('.pdf')).sort();
  const chosen: BenchPage[] = [];
  for (const file of files) {
    if (chosen.length >= pageCount) break;
    const bytes = await readFile(path.join(datasetDir, file));
    const reference = await textLayer(bytes, 1);
    const n = normaliseWords(reference).length;
    if (n >= 50) chosen.push({ file, pageNumber: 1, reference, referenceWords: n });
  }
  return chosen;
}

interface EngineScore {
  seconds: number;
  secondsPerPage: number;
  /** CPU time (user + system) per page: steadier than wall time on a busy machine. */
  cpuSecondsPerPage: number;
  wer: number;
  errors: number;
  referenceWords: number;
  perPage: { file: string; wer: number; seconds?: number }[];
}

function score(
  pages: BenchPage[],
  hyps: string[],
  seconds: number,
  cpuSeconds: number,
  perPageSeconds?: number[],
): EngineScore {
  let errors = 0;
  let words = 0;
  const perPage = pages.map((p, i) => {
    const ref = normaliseWords(p.reference);
    const e = editDistance(ref, normaliseWords(hyps[i] ?? ''));
    errors += e;
    words += ref.length;
    return {
      file: p.file,
      wer: round(e / ref.length),
      ...(perPageSeconds ? { seconds: round(perPageSeconds[i]!) } : {}),
    };
  });
  return {
    seconds: round(seconds),
    secondsPerPage: round(seconds / pages.length),
    cpuSecondsPerPage: round(cpuSeconds / pages.length),
    wer: round(errors / words),
    errors,
    referenceWords: words,
    perPage,
  };
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}

/** CPU seconds (user + system) used so far by this process, and by its waited-for children (Linux). */
async function cpuSeconds(): Promise<{ self: number; children: number }> {
  const u = process.cpuUsage();
  let children: number;
  try {
    // /proc/self/stat fields 16 and 17: cutime and cstime, in clock ticks (100 per second on Linux).
    const stat = await readFile('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    children = Number.NaN;
  }
  return { self: (u.user + u.system) / 1e6, children };
}

async function runPpOcr(
  pngs: string[],
): Promise<{ texts: string[]; seconds: number; cpuSeconds: number; perPage: number[] }> {
  const engine = await createPpOcrEngine({ intraOpNumThreads: 1, ...engineOptions });
  try {
    // Warm-up on the first page (ORT allocates on the first run), not timed.
    {
      const { data, info } = await sharp(pngs[0]!).raw().toBuffer({ resolveWithObject: true });
      await engine.recognize({ width: info.width, height: info.height, channels: info.channels as 3, data });
    }
    const texts: string[] = [];
    const perPage: number[] = [];
    const cpu0 = await cpuSeconds();
    const start = performance.now();
    for (const png of pngs) {
      const t0 = performance.now();
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      const result = await engine.recognize({
        width: info.width,
        height: info.height,
        channels: info.channels as 1 | 3 | 4,
        data,
      });
      texts.push(result.lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n'));
      perPage.push((performance.now() - t0) / 1000);
      if (args.verbose) console.error(`  pp-ocr ${path.basename(png)} ${perPage.at(-1)!.toFixed(2)} s`);
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu1 = await cpuSeconds();
    return { texts, seconds, cpuSeconds: cpu1.self - cpu0.self, perPage };
  } finally {
    await engine.dispose();
  }
}

async function runTesseract(
  pngs: string[],
  dir: string,
): Promise<{ texts: string[]; seconds: number; cpuSeconds: number }> {
  // One process for all pages (a list file), so the model loads once.
  const list = path.join(dir, 'tesseract-list.txt');
  await writeFile(list, pngs.join('\n') + '\n');
  const cpu0 = await cpuSeconds();
  const start = performance.now();
  const { stdout } = await run('tesseract', [list, 'stdout', '-l', 'eng'], {
    env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  const cpu1 = await cpuSeconds();
  // Tesseract ends each page's text with a form feed.
  const texts = stdout.split('\f').slice(0, pngs.length);
  return { texts, seconds, cpuSeconds: cpu1.children - cpu0.children };
}

async function tesseractVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('tesseract', ['--version']);
    return stdout.split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const pages = await choosePages();
  console.error(`${pages.length} pages from ${datasetDir}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'docket-bench-ocr-'));
  const tessVersion = args['no-tesseract'] ? undefined : await tesseractVersion();
  if (!args['no-tesseract'] && !tessVersion) {
    console.error('tesseract not found (apt-get install -y tesseract-ocr); running PP-OCR only');
  }
  const results: Record<string, { ppOcr: EngineScore; tesseract?: EngineScore }> = {};
  try {
    for (const dpi of dpis) {
      const pngs: string[] = [];
      for (const p of pages) {
        const bytes = await readFile(path.join(datasetDir, p.file));
        const doc = await openPdf(bytes);
        try {
          const r = await renderPage(doc, p.pageNumber, { dpi, png: true });
          const file = path.join(dir, `${dpi}-${p.file.replace(/\.pdf$/, '')}-p${p.pageNumber}.png`);
          await writeFile(file, r.png!);
          pngs.push(file);
        } finally {
          await closePdf(doc);
        }
      }
      console.error(`${dpi} dpi: rendered ${pngs.length} pages; PP-OCR...`);
      const pp = await runPpOcr(pngs);
      const entry: { ppOcr: EngineScore; tesseract?: EngineScore } = {
        ppOcr: score(pages, pp.texts, pp.seconds, pp.cpuSeconds, pp.perPage),
      };
      if (args.verbose) {
        await mkdir(path.join(root, 'reports', 'bench-ocr-text'), { recursive: true });
        for (let i = 0; i < pages.length; i++) {
          await writeFile(path.join(root, 'reports', 'bench-ocr-text', `${dpi}-${i}-pp.txt`), pp.texts[i]!);
          await writeFile(
            path.join(root, 'reports', 'bench-ocr-text', `${dpi}-${i}-ref.txt`),
            pages[i]!.reference,
          );
        }
      }
      if (tessVersion) {
        console.error(`${dpi} dpi: tesseract...`);
        const t = await runTesseract(pngs, dir);
        entry.tesseract = score(pages, t.texts, t.seconds, t.cpuSeconds);
        if (args.verbose) {
          for (let i = 0; i < pages.length; i++) {
            await writeFile(
              path.join(root, 'reports', 'bench-ocr-text', `${dpi}-${i}-tess.txt`),
              t.texts[i] ?? '',
            );
          }
        }
      }
      results[String(dpi)] = entry;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const rows = [
    '| dpi | engine | s/page (wall) | CPU s/page | WER | word errors / reference words |',
    '|---|---|---|---|---|---|',
  ];
  for (const [dpi, r] of Object.entries(results)) {
    const line = (name: string, s: EngineScore) =>
      `| ${dpi} | ${name} | ${s.secondsPerPage.toFixed(2)} | ${s.cpuSecondsPerPage.toFixed(2)} | ${(s.wer * 100).toFixed(2)} % | ${s.errors} / ${s.referenceWords} |`;
    rows.push(line('PP-OCRv4 (onnxruntime-node, 1 thread)', r.ppOcr));
    if (r.tesseract) rows.push(line(`${tessVersion} (OMP_THREAD_LIMIT=1)`, r.tesseract));
  }
  console.log(rows.join('\n'));

  const report = {
    benchmark: 'ocr',
    date: new Date().toISOString(),
    dataset: 'kleister-nda documents: page 1 of the first PDFs by name with >= 50 text-layer words',
    pages: pages.map((p) => ({ file: p.file, page: p.pageNumber, referenceWords: p.referenceWords })),
    threads: 1,
    engineOptions,
    tesseract: tessVersion ?? null,
    node: process.version,
    results,
  };
  const out = path.resolve(root, args.out);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  console.error(`wrote ${path.relative(root, out)}`);
}

await main();
