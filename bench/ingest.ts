// npm run bench:ingest — end-to-end import of real PDFs (hash, store, read, index) with 1 and 2 read
// workers, side by side with pdftotext on the same files, plus a 1,000-file scale run. Prints a markdown
// table and writes reports/bench-ingest.json. Not part of `npm test`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { openCore } from '../main/core/docket.ts';

const run = promisify(execFile);
const DATA = resolve(import.meta.dirname, '../../shared/datasets/kleister-nda/documents');
const TEST_KEY = 'bench-key-0123456789abcdef0123456789abcdef';

function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

interface IngestResult {
  label: string;
  workers: number;
  files: number;
  imported: number;
  failed: number;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  eventLoopP99Ms: number;
  eventLoopMaxMs: number;
  peakRssMb: number;
}

/** One import in this process, as the window's process would run it. */
async function ingest(label: string, folder: string, workers: number, ocr = true): Promise<IngestResult> {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-'));
  const core = openCore({ path: join(dir, 'bench.db'), key: TEST_KEY, create: true, workers, log: console });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const started = performance.now();
    delay.enable();
    const id = await core.imports.start({ sources: [folder], ocr }, 'bench');
    const p = await core.imports.waitFor(id);
    delay.disable();
    const seconds = (performance.now() - started) / 1000;
    return {
      label,
      workers,
      files: p.total,
      imported: p.imported,
      failed: p.failed,
      pages: p.pages,
      seconds,
      pagesPerSecond: p.pages / seconds,
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
      peakRssMb: peakRssMb(),
    };
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pdftotext(
  files: string[],
  parallel: number,
): Promise<{ seconds: number; pagesPerSecond: number; pages: number }> {
  const pages = files.reduce(
    (n, f) => n + Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1] ?? 0),
    0,
  );
  const queue = [...files];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let f = queue.shift(); f; f = queue.shift()) await run('pdftotext', ['-layout', f, '/dev/null']);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { seconds, pages, pagesPerSecond: pages / seconds };
}

/** The 40 PDFs repeated to `count` distinct files (a trailing comment makes each copy's hash unique). */
function repeated(source: string[], count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'docket-bench-scale-'));
  for (let i = 0; i < count; i++) {
    const from = source[i % source.length]!;
    const sub = join(dir, `batch-${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(
      join(sub, `copy-${i}.pdf`),
      Buffer.concat([readFileSync(from), Buffer.from(`\n% copy ${i}\n`)]),
    );
  }
  return dir;
}

const pdfs = readdirSync(DATA)
  .filter((f) => f.endsWith('.pdf'))
  .sort()
  .map((f) => join(DATA, f));

/** Each run in its own process, so peak RSS belongs to that run alone. */
function runIsolated(label: string, folder: string, workers: number, ocr: boolean): IngestResult {
  const out = execFileSync(
    process.execPath,
    [import.meta.filename, '--run', label, folder, String(workers), String(ocr)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as IngestResult;
}

if (process.argv[2] === '--run') {
  const [label, folder, workers, ocr] = process.argv.slice(3);
  const r = await ingest(label!, folder!, Number(workers), ocr === 'true');
  console.log(JSON.stringify(r));
  process.exit(0);
}

const only = process.argv[2];
const results: IngestResult[] = [];
if (!only || only === 'pdf') {
  for (const ocr of [true, false]) {
    for (const workers of [1, 2]) {
      results.push(runIsolated(ocr ? '40 PDFs' : '40 PDFs, text layer only', DATA, workers, ocr));
    }
  }
}
// pdftotext never OCRs: the like-for-like comparison is with the text-layer-only runs.
const peers = !only || only === 'pdf' ? [await pdftotext(pdfs, 1), await pdftotext(pdfs, 2)] : [];
if (!only || only === 'scale') {
  const scaleDir = repeated(pdfs, 1000);
  try {
    results.push(runIsolated('1,000 PDFs', scaleDir, 2, true));
    results.push(runIsolated('1,000 PDFs, text layer only', scaleDir, 2, false));
  } finally {
    rmSync(scaleDir, { recursive: true, force: true });
  }
}

const lines = [
  '| Run | Workers | Files | Pages | Seconds | Pages/s | Event-loop p99 (ms) | max (ms) | Peak RSS (MB) |',
  '|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| Docket: ${r.label} | ${r.workers} | ${r.imported}/${r.files} | ${r.pages} | ${r.seconds.toFixed(1)} | ${r.pagesPerSecond.toFixed(1)} | ${r.eventLoopP99Ms.toFixed(1)} | ${r.eventLoopMaxMs.toFixed(1)} | ${r.peakRssMb.toFixed(0)} |`,
  ),
  ...peers.map(
    (p, i) =>
      `| pdftotext: 40 PDFs | ${i + 1} process${i ? 'es' : ''} | 40 | ${p.pages} | ${p.seconds.toFixed(1)} | ${p.pagesPerSecond.toFixed(1)} | – | – | – |`,
  ),
];
if (peers.length === 2) {
  for (const r of results.filter((r) => r.label.startsWith('40 PDFs'))) {
    const peer = peers[r.workers - 1]!;
    lines.push(
      '',
      `Docket (${r.label}) with ${r.workers} worker(s) / pdftotext with ${r.workers} process(es): ${((100 * r.pagesPerSecond) / peer.pagesPerSecond).toFixed(0)}%`,
    );
  }
}
console.log(lines.join('\n'));
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench-ingest.json', `${JSON.stringify({ results, pdftotext: peers }, null, 2)}\n`);
