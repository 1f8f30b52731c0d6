// npm run bench:engine — the text classifier engine against Debian's fastText, side by side in one run on
// the same splits:
//  - banking77: a stratified 80/20 split of ../shared/datasets/banking77/train.csv (seed 42): accuracy,
//    macro-F1, training wall seconds, predictions/s and model size.
//  - clinc150 (data_full_trainval.json): train on train + oos_train, test on val + oos_val: in-scope accuracy
//    and out-of-scope recall. fastText has no abstain threshold; it is also scored with the probability
//    threshold that is best on a 10 % held-out part of its training data (trained on the other 90 %, as
//    Docket's own trainer holds out 10 % for its threshold).
// Docket runs only through its CLI in child processes (`docket train text`, `docket eval text`, `docket
// classify`), as users run it. fastText gets the same split, lower-cased with punctuation split off into
// its own tokens, and `-wordNgrams 2 -minn 2 -maxn 5 -epoch 50 -thread 2 -seed 0`.
// Prints a table and a JSON summary and writes reports/bench-engine.json. Not part of `npm test`.
//
// Usage: node bench/engine.ts [--only banking77|clinc150] [--keep] [--out reports/bench-engine.json]
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabelledRows } from '../main/engine/datasets/labelled-rows.ts';
import { classificationReport } from '../main/engine/metrics/classification.ts';
import { seededRandom, shuffleInPlace } from '../main/engine/random.ts';
import { stratifiedSplit, type TextExample } from '../main/engine/text/train-text.ts';

const root = resolve(import.meta.dirname, '..');
const datasets = resolve(root, '../shared/datasets');
const docketBin = join(root, 'bin/docket.js');
const FASTTEXT = 'fasttext';
const FASTTEXT_ARGS = [
  '-wordNgrams',
  '2',
  '-minn',
  '2',
  '-maxn',
  '5',
  '-epoch',
  '50',
  '-thread',
  '2',
  '-seed',
  '0',
];
const DOCKET_SEED = 1;
const SPLIT_SEED = 42;
/** Lines fed to each throughput run (the test texts repeated). */
const THROUGHPUT_LINES = 10_000;

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'reports/bench-engine.json' },
  },
});

const work = mkdtempSync(join(tmpdir(), 'docket-bench-engine-'));
const loadBefore = loadavg();

// ---------------------------------------------------------------------------------------------------------
// Running commands

interface Ran {
  seconds: number;
  stdout: string;
}

/** Runs a command to completion; stdin from a file, stdout captured (or into a file). */
function run(command: string, argv: string[], io: { stdin?: string; stdoutFile?: string } = {}): Ran {
  const inFd = io.stdin ? openSync(io.stdin, 'r') : 'ignore';
  const outFd = io.stdoutFile ? openSync(io.stdoutFile, 'w') : 'pipe';
  const started = performance.now();
  const r = spawnSync(command, argv, {
    cwd: root,
    stdio: [inFd, outFd, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - started) / 1000;
  if (typeof inFd === 'number') closeSync(inFd);
  if (typeof outFd === 'number') closeSync(outFd);
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${command} ${argv.join(' ')} exited with ${r.status}:\n${r.stderr.slice(-4000)}`);
  }
  return { seconds, stdout: io.stdoutFile ? readFileSync(io.stdoutFile, 'utf8') : r.stdout };
}

const docket = (argv: string[], io?: { stdin?: string; stdoutFile?: string }) =>
  run(process.execPath, [docketBin, ...argv], io);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Training rows in a seeded random order, the same file order for both engines. The split functions
 * return rows grouped by label, and fastText reads its file in order (SGD over label-sorted rows loses
 * about 3 points on banking77); Docket shuffles its rows itself.
 */
function shuffled<T>(rows: T[], seed: number): T[] {
  const copy = [...rows];
  shuffleInPlace(copy, seededRandom(seed));
  return copy;
}

// ---------------------------------------------------------------------------------------------------------
// Data files

/** One line of text: newlines inside a text would split it into two inputs. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** fastText's usual preprocessing: lower-cased, punctuation split off as its own tokens. */
const forFastText = (text: string) =>
  oneLine(
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, ' $& ')
      .replace(/\s+/g, ' '),
  );

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

interface SplitFiles {
  /** Docket's training and test files (CSV or JSONL). */
  train: string;
  test: string;
  textColumn: string;
  labelColumn: string;
  /** fastText's training file, and its test texts (no labels). */
  ftTrain: string;
  ftTestTexts: string;
  /** Docket's test texts, one per line, for `docket classify`. */
  testTexts: string;
  /** The test texts repeated to at least THROUGHPUT_LINES lines, for each engine. */
  manyTexts: string;
  ftManyTexts: string;
  oneText: string;
  ftOneText: string;
  truth: string[];
  trainRows: number;
}

function writeSplit(
  dir: string,
  name: string,
  train: TextExample[],
  test: TextExample[],
  format: 'csv' | 'jsonl',
): SplitFiles {
  mkdirSync(dir, { recursive: true });
  const textColumn = 'text';
  const labelColumn = 'label';
  const file = (rows: TextExample[]) =>
    format === 'csv'
      ? `${textColumn},${labelColumn}\n${rows.map((r) => `${csvCell(r.text)},${csvCell(r.labels[0]!)}`).join('\n')}\n`
      : rows.map((r) => JSON.stringify({ [textColumn]: r.text, [labelColumn]: r.labels[0] })).join('\n') +
        '\n';
  const lines = (xs: string[]) => xs.join('\n') + '\n';
  const repeat = (xs: string[]) =>
    lines(Array.from({ length: Math.ceil(THROUGHPUT_LINES / xs.length) }, () => xs).flat());
  const p = (f: string) => join(dir, f);
  const texts = test.map((r) => oneLine(r.text));
  const ftTexts = test.map((r) => forFastText(r.text));
  writeFileSync(p(`${name}.train.${format}`), file(train));
  writeFileSync(p(`${name}.test.${format}`), file(test));
  writeFileSync(
    p(`${name}.ft.train`),
    lines(train.map((r) => `__label__${r.labels[0]} ${forFastText(r.text)}`)),
  );
  writeFileSync(p(`${name}.ft.test.txt`), lines(ftTexts));
  writeFileSync(p(`${name}.test.txt`), lines(texts));
  writeFileSync(p(`${name}.many.txt`), repeat(texts));
  writeFileSync(p(`${name}.ft.many.txt`), repeat(ftTexts));
  writeFileSync(p(`${name}.one.txt`), lines(texts.slice(0, 1)));
  writeFileSync(p(`${name}.ft.one.txt`), lines(ftTexts.slice(0, 1)));
  return {
    train: p(`${name}.train.${format}`),
    test: p(`${name}.test.${format}`),
    textColumn,
    labelColumn,
    ftTrain: p(`${name}.ft.train`),
    ftTestTexts: p(`${name}.ft.test.txt`),
    testTexts: p(`${name}.test.txt`),
    manyTexts: p(`${name}.many.txt`),
    ftManyTexts: p(`${name}.ft.many.txt`),
    oneText: p(`${name}.one.txt`),
    ftOneText: p(`${name}.ft.one.txt`),
    truth: test.map((r) => r.labels[0]!),
    trainRows: train.length,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Throughput

interface Throughput {
  lines: number;
  /** Median wall seconds of the whole command over `lines` texts (start-up and model load included). */
  seconds: number;
  /** Median of 3 runs. Start-up: median wall seconds of the same command over one text. */
  startupSeconds: number;
  perSecond: number;
  perSecondExcludingStartup: number;
}

function throughput(
  label: string,
  many: string,
  one: string,
  command: (stdin: string, out: string) => Ran,
): Throughput {
  const lines = readFileSync(many, 'utf8').split('\n').length - 1;
  command(one, join(work, 'warm.out')); // Warm the page cache: every timed run reads the model from memory.
  const startupSeconds = median([0, 1, 2].map(() => command(one, join(work, 'one.out')).seconds));
  const out = join(work, `${label}.many.out`);
  const seconds = median(
    [0, 1, 2].map(() => {
      const r = command(many, out);
      const produced = readFileSync(out, 'utf8').split('\n').length - 1;
      if (produced !== lines) throw new Error(`${label}: ${produced} predictions for ${lines} lines`);
      return r.seconds;
    }),
  );
  return {
    lines,
    seconds,
    startupSeconds,
    perSecond: lines / seconds,
    perSecondExcludingStartup: lines / Math.max(1e-6, seconds - startupSeconds),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Docket

interface DocketTrain {
  model: string;
  seconds: number;
  sizeBytes: number;
  epochs: number;
  abstain: number;
}

interface DocketResult {
  trainWallSeconds: number;
  /** Training time as the CLI reports it (reading the file and writing the folder excluded). */
  trainSeconds: number;
  /** The epoch with the best held-out score (the CLI's `epochs`); training ran up to 3 epochs past it. */
  bestEpoch: number;
  modelBytes: number;
  abstainThreshold: number;
  eval: Record<string, unknown> & { accuracy: number; macroF1: number; n: number };
  /** With an out-of-scope label: in-scope accuracy of the top label, had the model never abstained. */
  inScopeTopLabelAccuracy?: number;
}

function docketTrainAndEval(files: SplitFiles, name: string, oosLabel?: string): DocketResult {
  const model = join(work, `${name}.docket.model`);
  const trained = docket([
    'train',
    'text',
    '--data',
    files.train,
    '--text',
    files.textColumn,
    '--label',
    files.labelColumn,
    '--out',
    model,
    '--seed',
    String(DOCKET_SEED),
    '--id',
    `bench-${name}`,
    '--json',
  ]);
  const t = JSON.parse(trained.stdout) as DocketTrain & { thresholds: { abstain: number } };
  const onnx = statSync(join(model, 'model.onnx')).size;
  const evaluated = docket([
    'eval',
    'text',
    '--model',
    model,
    '--data',
    files.test,
    '--text',
    files.textColumn,
    '--label',
    files.labelColumn,
    ...(oosLabel ? ['--oos-label', oosLabel] : []),
    '--json',
  ]);
  const {
    perClass,
    coverageCurve: _curve,
    ...evalSummary
  } = JSON.parse(evaluated.stdout) as DocketResult['eval'] & {
    perClass: Record<string, { recall: number; support: number }>;
  };
  let inScopeTopLabelAccuracy: number | undefined;
  if (oosLabel) {
    const inScope = Object.entries(perClass).filter(([label]) => label !== oosLabel);
    const right = inScope.reduce((n, [, c]) => n + c.recall * c.support, 0);
    inScopeTopLabelAccuracy = right / inScope.reduce((n, [, c]) => n + c.support, 0);
  }
  return {
    trainWallSeconds: trained.seconds,
    trainSeconds: t.seconds,
    bestEpoch: t.epochs,
    modelBytes: onnx,
    abstainThreshold: t.thresholds.abstain,
    eval: evalSummary,
    inScopeTopLabelAccuracy,
  };
}

const docketClassify = (model: string) => (stdin: string, out: string) =>
  docket(['classify', '--model', model, '--json'], { stdin, stdoutFile: out });

/** `docket classify` over the test texts must agree with `docket eval`: the same model, the same path. */
function docketClassifyAccuracy(model: string, files: SplitFiles): number {
  const out = docketClassify(model)(files.testTexts, join(work, 'check.out')).stdout.trim().split('\n');
  let right = 0;
  out.forEach((line, i) => {
    if ((JSON.parse(line) as { label: string }).label === files.truth[i]) right++;
  });
  return right / files.truth.length;
}

// ---------------------------------------------------------------------------------------------------------
// fastText

interface FastTextModel {
  bin: string;
  trainWallSeconds: number;
  modelBytes: number;
}

function fastTextTrain(trainFile: string, name: string): FastTextModel {
  const output = join(work, `${name}.fasttext`);
  const { seconds } = run(FASTTEXT, [
    'supervised',
    '-input',
    trainFile,
    '-output',
    output,
    ...FASTTEXT_ARGS,
    '-verbose',
    '0',
  ]);
  rmSync(`${output}.vec`, { force: true });
  return { bin: `${output}.bin`, trainWallSeconds: seconds, modelBytes: statSync(`${output}.bin`).size };
}

/** Top label and its probability for each line of a text file. */
function fastTextPredict(bin: string, texts: string): { label: string; probability: number }[] {
  const { stdout } = run(FASTTEXT, ['predict-prob', bin, texts, '1'], {
    stdoutFile: join(work, 'ft.predict.out'),
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [label, p] = line.split(' ');
      return { label: (label ?? '').replace(/^__label__/, ''), probability: Number(p) };
    });
}

const fastTextCommand = (bin: string) => (stdin: string, out: string) =>
  run(FASTTEXT, ['predict', bin, stdin], { stdoutFile: out });

function report(truth: string[], predicted: string[]) {
  const labels = [...new Set([...truth, ...predicted])].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const r = classificationReport(
    labels,
    truth.map((l) => index.get(l)!),
    predicted.map((l) => index.get(l)!),
  );
  return { n: r.n, accuracy: r.accuracy, macroF1: r.macroF1 };
}

function oosScores(truth: string[], predicted: string[], oos: string) {
  let inScope = 0;
  let inScopeRight = 0;
  let outOfScope = 0;
  let caught = 0;
  truth.forEach((t, i) => {
    if (t === oos) {
      outOfScope++;
      if (predicted[i] === oos) caught++;
    } else {
      inScope++;
      if (predicted[i] === t) inScopeRight++;
    }
  });
  return { inScopeAccuracy: inScopeRight / inScope, oosRecall: caught / outOfScope };
}

// ---------------------------------------------------------------------------------------------------------
// banking77

async function banking77() {
  const { examples } = await readLabelledRows(join(datasets, 'banking77/train.csv'), {
    text: 'text',
    label: 'category',
  });
  const split = stratifiedSplit(examples, 0.2, SPLIT_SEED);
  const train = shuffled(split.train, SPLIT_SEED);
  const test = split.heldOut;
  const files = writeSplit(join(work, 'banking77'), 'banking77', train, test, 'csv');
  console.error(`banking77: ${train.length} training rows, ${test.length} test rows`);

  console.error('banking77: Docket train + eval');
  const d = docketTrainAndEval(files, 'banking77');
  const model = join(work, 'banking77.docket.model');
  const classifyAccuracy = docketClassifyAccuracy(model, files);
  console.error('banking77: Docket classify throughput');
  const dThroughput = throughput('docket', files.manyTexts, files.oneText, docketClassify(model));

  console.error('banking77: fastText train + predict');
  const ft = fastTextTrain(files.ftTrain, 'banking77');
  const ftPredicted = fastTextPredict(ft.bin, files.ftTestTexts).map((p) => p.label);
  const ftReport = report(files.truth, ftPredicted);
  console.error('banking77: fastText predict throughput');
  const ftThroughput = throughput('fasttext', files.ftManyTexts, files.ftOneText, fastTextCommand(ft.bin));
  rmSync(ft.bin, { force: true });

  return {
    trainRows: train.length,
    testRows: test.length,
    docket: {
      accuracy: d.eval.accuracy,
      macroF1: d.eval.macroF1,
      classifyAccuracy,
      ece: d.eval.ece,
      trainWallSeconds: d.trainWallSeconds,
      trainSeconds: d.trainSeconds,
      bestEpoch: d.bestEpoch,
      modelMB: d.modelBytes / 1e6,
      throughput: dThroughput,
    },
    fastText: {
      accuracy: ftReport.accuracy,
      macroF1: ftReport.macroF1,
      trainWallSeconds: ft.trainWallSeconds,
      modelMB: ft.modelBytes / 1e6,
      throughput: ftThroughput,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// clinc150

async function clinc150() {
  const data = JSON.parse(readFileSync(join(datasets, 'clinc150/data_full_trainval.json'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const rows = (...parts: string[]): TextExample[] =>
    parts.flatMap((p) => data[p]!.map(([text, intent]) => ({ text, labels: [intent] })));
  const train = shuffled(rows('train', 'oos_train'), SPLIT_SEED);
  const test = rows('val', 'oos_val');
  const files = writeSplit(join(work, 'clinc150'), 'clinc150', train, test, 'jsonl');
  console.error(`clinc150: ${train.length} training rows, ${test.length} test rows`);

  console.error('clinc150: Docket train + eval');
  const d = docketTrainAndEval(files, 'clinc150', 'oos');

  console.error('clinc150: fastText train + predict');
  const ft = fastTextTrain(files.ftTrain, 'clinc150');
  const ftPredicted = fastTextPredict(ft.bin, files.ftTestTexts).map((p) => p.label);
  rmSync(ft.bin, { force: true });

  // fastText with an abstain threshold: trained on 90 % of the training rows, the threshold that gives
  // the most right answers (abstaining counts as saying "oos") on the other 10 %.
  console.error('clinc150: fastText with a threshold (90 % train, 10 % to choose it)');
  const tuneSplit = stratifiedSplit(train, 0.1, SPLIT_SEED);
  const part = shuffled(tuneSplit.train, SPLIT_SEED);
  const tune = tuneSplit.heldOut;
  const dir = join(work, 'clinc150');
  writeFileSync(
    join(dir, 'part.ft.train'),
    part.map((r) => `__label__${r.labels[0]} ${forFastText(r.text)}`).join('\n') + '\n',
  );
  writeFileSync(join(dir, 'tune.ft.txt'), tune.map((r) => forFastText(r.text)).join('\n') + '\n');
  const ftPart = fastTextTrain(join(dir, 'part.ft.train'), 'clinc150-part');
  const tunePredicted = fastTextPredict(ftPart.bin, join(dir, 'tune.ft.txt'));
  const answer = (p: { label: string; probability: number }, t: number) =>
    p.probability >= t ? p.label : 'oos';
  let threshold = 0;
  let best = -1;
  for (let i = 0; i <= 19; i++) {
    const t = i * 0.05;
    const right = tunePredicted.filter((p, j) => answer(p, t) === tune[j]!.labels[0]).length;
    if (right > best) [best, threshold] = [right, Math.round(t * 100) / 100];
  }
  const testPart = fastTextPredict(ftPart.bin, files.ftTestTexts).map((p) => answer(p, threshold));
  rmSync(ftPart.bin, { force: true });

  return {
    trainRows: train.length,
    testRows: test.length,
    docket: {
      inScopeAccuracy: d.eval.inScopeAccuracy as number,
      oosRecall: d.eval.oosRecall as number,
      accuracy: d.eval.accuracy,
      macroF1: d.eval.macroF1,
      inScopeTopLabelAccuracy: d.inScopeTopLabelAccuracy,
      abstainThreshold: d.abstainThreshold,
      coverage: d.eval.coverage as number,
      trainWallSeconds: d.trainWallSeconds,
      trainSeconds: d.trainSeconds,
      bestEpoch: d.bestEpoch,
      modelMB: d.modelBytes / 1e6,
    },
    fastText: {
      ...oosScores(files.truth, ftPredicted, 'oos'),
      ...report(files.truth, ftPredicted),
      trainWallSeconds: ft.trainWallSeconds,
      modelMB: ft.modelBytes / 1e6,
    },
    fastTextThreshold: {
      threshold,
      trainRows: part.length,
      tuneRows: tune.length,
      ...oosScores(files.truth, testPart, 'oos'),
      ...report(files.truth, testPart),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

const started = performance.now();
const fastTextVersion = (() => {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'fasttext'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : 'unknown';
})();
try {
  const b = !args.only || args.only === 'banking77' ? await banking77() : undefined;
  const c = !args.only || args.only === 'clinc150' ? await clinc150() : undefined;
  const summary = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      node: process.version,
      fastText: fastTextVersion,
      loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
      loadAverageAfter: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    settings: {
      splitSeed: SPLIT_SEED,
      docketSeed: DOCKET_SEED,
      fastTextArgs: FASTTEXT_ARGS.join(' '),
      fastTextPreprocessing:
        'lower-cased; every character that is not a letter, digit or space split off as a token',
      throughputLines: THROUGHPUT_LINES,
    },
    banking77: b,
    clinc150: c,
    seconds: (performance.now() - started) / 1000,
  };

  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const n1 = (x: number) => x.toFixed(1);
  const rate = (x: number) => Math.round(x).toLocaleString('en-US');
  const table: string[][] = [['', 'Docket', 'fastText', 'Target', '']];
  if (b) {
    const dT = b.docket.throughput;
    const fT = b.fastText.throughput;
    table.push(
      [
        'banking77 accuracy',
        pct(b.docket.accuracy),
        pct(b.fastText.accuracy),
        '≥ fastText + 2 pts',
        b.docket.accuracy >= b.fastText.accuracy + 0.02 ? 'met' : 'missed',
      ],
      ['banking77 macro-F1', pct(b.docket.macroF1), pct(b.fastText.macroF1), '', ''],
      [
        'training s (wall)',
        n1(b.docket.trainWallSeconds),
        n1(b.fastText.trainWallSeconds),
        '< 60 s',
        b.docket.trainWallSeconds < 60 ? 'met' : 'missed',
      ],
      [
        'predictions/s, whole command',
        rate(dT.perSecond),
        rate(fT.perSecond),
        '≥ 50 % of fastText',
        `${pct(dT.perSecond / fT.perSecond)} ${dT.perSecond >= fT.perSecond / 2 ? 'met' : 'missed'}`,
      ],
      [
        'predictions/s, start-up excluded',
        rate(dT.perSecondExcludingStartup),
        rate(fT.perSecondExcludingStartup),
        '≥ 50 % of fastText',
        `${pct(dT.perSecondExcludingStartup / fT.perSecondExcludingStartup)} ${
          dT.perSecondExcludingStartup >= fT.perSecondExcludingStartup / 2 ? 'met' : 'missed'
        }`,
      ],
      ['start-up s (1 line)', dT.startupSeconds.toFixed(2), fT.startupSeconds.toFixed(2), '', ''],
      [
        'model MB',
        n1(b.docket.modelMB),
        n1(b.fastText.modelMB),
        '≤ 25 MB',
        b.docket.modelMB <= 25 ? 'met' : 'missed',
      ],
    );
  }
  if (c) {
    table.push(
      [
        'clinc150 in-scope accuracy',
        pct(c.docket.inScopeAccuracy),
        `${pct(c.fastText.inScopeAccuracy)} (threshold: ${pct(c.fastTextThreshold.inScopeAccuracy)})`,
        '≥ 92 %',
        c.docket.inScopeAccuracy >= 0.92 ? 'met' : 'missed',
      ],
      [
        'clinc150 out-of-scope recall',
        pct(c.docket.oosRecall),
        `${pct(c.fastText.oosRecall)} (threshold: ${pct(c.fastTextThreshold.oosRecall)})`,
        '≥ 50 %',
        c.docket.oosRecall >= 0.5 ? 'met' : 'missed',
      ],
      ['clinc150 training s (wall)', n1(c.docket.trainWallSeconds), n1(c.fastText.trainWallSeconds), '', ''],
      ['clinc150 model MB', n1(c.docket.modelMB), n1(c.fastText.modelMB), '', ''],
    );
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const md = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(JSON.stringify(summary, null, 2));
  console.log([md(table[0]!), md(widths.map((w) => '-'.repeat(w))), ...table.slice(1).map(md)].join('\n'));
  const out = resolve(root, args.out);
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
  console.error(`Wrote ${out} (${summary.seconds.toFixed(0)} s)`);
} finally {
  if (args.keep) console.error(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
