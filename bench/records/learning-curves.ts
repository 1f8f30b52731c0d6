// npm run bench:records — learning curves of the models that route tickets and tag CRM records (issue 6),
// with Debian's fastText side by side on the same rows in the same run:
//  - banking77 (one label per row): a stratified dev split (20 % of each label, stratifiedSplit seed 42, the
//    engine bench's split) carved once from ../shared/datasets/banking77/train.csv; from the other 80 %,
//    nested seeded samples of 10, 50 and 100 rows per label, and all of it. Accuracy and macro-F1 on dev.
//  - NLU++ (multi-label), per domain: visible folds 0–9 to train on, 10–14 as dev. Samples that give each
//    intent at least 10, 50 or 100 rows where the folds have them (rows without intents count as one more
//    "intent", so every sample keeps its share of them), and all rows. Micro- and macro-F1 on dev.
//  - Few-shot levers on banking77 at 10 rows per label, over 3 samples: a trainer option (l2) and extra rows
//    a user has anyway (the label names; the unlabelled records, labelled by a first model where it does not
//    abstain, for a second model: self-training).
// Docket trains as the product does (trainTextModel, default options, seed 1, one thread) and is scored
// through ONNX Runtime (writeModelFolder → TextSession → evaluateTextModel, the path of `docket eval text`);
// NLU++ is also trained with l2 = 1e-4. fastText gets the engine bench's preprocessing and arguments on one
// thread (reproducible), the same with -lr 1.0, and fastText's multi-label recipe for NLU++; it runs on the
// second core while Docket trains on the first. Without `fasttext` on the PATH it is skipped with a note.
// Prints a JSON summary and markdown tables; writes reports/bench-records-learning-curves.json. Not part of
// `npm test`. About 4 minutes on 2 idle cores.
//
// Usage: node bench/records/learning-curves.ts [--only banking77|nlupp|levers] [--options '{"l2":1e-4}']
//                                              [--out reports/bench-records-learning-curves.json]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readLabelledRows } from '../../main/engine/datasets/labelled-rows.ts';
import { classificationReport, multiLabelReport } from '../../main/engine/metrics/classification.ts';
import type { ModelCard } from '../../main/engine/model-card.ts';
import { writeModelFolder } from '../../main/engine/model-folder.ts';
import { seededRandom, shuffleInPlace } from '../../main/engine/random.ts';
import { TextSession } from '../../main/engine/runtime/text-session.ts';
import { evaluateTextModel } from '../../main/engine/text/evaluate-text.ts';
import { toPrediction, trainTextModel } from '../../main/engine/text/text-model.ts';
import {
  stratifiedSplit,
  type TextExample,
  type TextTrainingOptions,
} from '../../main/engine/text/train-text.ts';

const root = resolve(import.meta.dirname, '../..');
const datasets = resolve(root, '../shared/datasets');
const SPLIT_SEED = 42;
const DOCKET_SEED = 1;
/** The learning curves use the first; the few-shot levers average over all of them. */
const SAMPLE_SEEDS = [7, 8, 9];
const POINTS = [10, 50, 100, 'all'] as const;
type Point = (typeof POINTS)[number];
const NLUPP_TRAIN_FOLDS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const NLUPP_DEV_FOLDS = [10, 11, 12, 13, 14];
const NO_INTENT = '(none)';
const MULTI_LABEL_L2 = 1e-4;
const FASTTEXT = 'fasttext';
/** The engine bench's arguments (bench/engine.ts), on one thread: its all-data figure is the target's. */
const FASTTEXT_ARGS = '-wordNgrams 2 -minn 2 -maxn 5 -epoch 50 -thread 1 -seed 0'.split(' ');
/**
 * The same with learning rate 1.0 (fastText's tutorial's; its default is 0.1): the default barely moves
 * the weights on a few hundred rows (14.8 % at 10 rows per label), so the curve also shows this one.
 */
const FASTTEXT_LR1_ARGS = ['-lr', '1.0', ...FASTTEXT_ARGS];
/**
 * Multi-label: fastText's own recipe (its supervised tutorial, "Multi-label classification"); with the
 * single-label arguments above and `-loss ova` its probabilities rarely reach 0.5 on a few hundred rows
 * (NLU++ micro-F1 0–31 %).
 */
const FASTTEXT_MULTI_LABEL_ARGS =
  '-lr 0.5 -epoch 25 -wordNgrams 2 -bucket 200000 -dim 50 -loss one-vs-all -thread 1 -seed 0'.split(' ');

/** Trainer options for every Docket run (none by default: the product's defaults). */
let overrides: TextTrainingOptions = {};
/** A scratch folder for model folders and fastText's files, for one run of learningCurves. */
let work = '';
const hasFastText = spawnSync(FASTTEXT, [], { encoding: 'utf8' }).error === undefined;

// ---------------------------------------------------------------------------------------------------------
// Samples

function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const copy = [...rows];
  shuffleInPlace(copy, seededRandom(seed));
  return copy;
}

function groupByLabel(rows: readonly TextExample[]): Map<string, TextExample[]> {
  const byLabel = new Map<string, TextExample[]>();
  for (const r of rows) {
    const key = r.labels[0]!;
    const list = byLabel.get(key);
    if (list) list.push(r);
    else byLabel.set(key, [r]);
  }
  return byLabel;
}

/**
 * One label per row: the first k rows of each label in a seeded order, so each point's rows contain the
 * previous point's. Also returns the rest of the pool (for the levers that use unlabelled records).
 */
function perLabelSample(pool: readonly TextExample[], k: Point, seed: number) {
  const random = seededRandom(seed);
  const chosen: TextExample[] = [];
  const rest: TextExample[] = [];
  const byLabel = groupByLabel(pool);
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel.get(label)!;
    shuffleInPlace(list, random);
    const n = k === 'all' ? list.length : k;
    chosen.push(...list.slice(0, n));
    rest.push(...list.slice(n));
  }
  return { train: shuffled(chosen, seed), rest };
}

/**
 * Multi-label: walk the rows in one seeded order and take a row while any of its intents (or "no intent")
 * has fewer than k rows taken; each point starts from the previous one's rows, so the samples are nested.
 */
function multiLabelCurve(pool: readonly TextExample[], seed: number): Map<Point, TextExample[]> {
  const order = shuffled(pool, seed);
  const taken = new Set<TextExample>();
  const count = new Map<string, number>();
  const curve = new Map<Point, TextExample[]>();
  for (const k of POINTS) {
    for (const row of order) {
      if (taken.has(row)) continue;
      const keys = row.labels.length ? row.labels : [NO_INTENT];
      if (k !== 'all' && !keys.some((l) => (count.get(l) ?? 0) < k)) continue;
      taken.add(row);
      for (const l of keys) count.set(l, (count.get(l) ?? 0) + 1);
    }
    curve.set(
      k,
      order.filter((r) => taken.has(r)),
    );
  }
  return curve;
}

/** A label as a user would type it: "card_arrival" → "card arrival". */
const labelText = (label: string) => label.replace(/[_\-.]+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------
// Docket

interface DocketScores {
  rows: number;
  accuracy: number;
  macroF1: number;
  microF1?: number;
  /** The trainer's own seconds (features, epochs, calibration, final pass), as the model card reports. */
  trainSeconds: number;
  /** The epoch early stopping chose. */
  epochs: number;
  abstainThreshold: number;
}

let modelCount = 0;

/** Trains as the product does, writes the model folder, and opens it in ONNX Runtime. */
async function docketModel(train: TextExample[], multiLabel: boolean, options: TextTrainingOptions = {}) {
  const id = `bench-records-${++modelCount}`;
  const { card, bytes, result } = trainTextModel(
    train,
    { multiLabel, seed: DOCKET_SEED, ...overrides, ...options },
    { id, source: 'bench' },
  );
  const dir = join(work, id);
  const written: ModelCard = await writeModelFolder(dir, card, bytes);
  const session = await TextSession.open(dir);
  return {
    card: written,
    session,
    trainSeconds: result.seconds,
    epochs: result.epochs,
    async close() {
      await session.release();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function docketPoint(
  train: TextExample[],
  dev: TextExample[],
  multiLabel: boolean,
  options: TextTrainingOptions = {},
): Promise<DocketScores> {
  const model = await docketModel(train, multiLabel, options);
  try {
    const e = await evaluateTextModel(model.session, dev);
    return {
      rows: train.length,
      accuracy: e.accuracy,
      macroF1: e.macroF1,
      ...(multiLabel ? { microF1: e.microF1 } : {}),
      trainSeconds: model.trainSeconds,
      epochs: model.epochs,
      abstainThreshold: model.card.thresholds.abstain,
    };
  } finally {
    await model.close();
  }
}

/**
 * Self-training, one label per row: the first model labels the unlabelled records; those it would not
 * abstain on (its own threshold, chosen on its held-out rows) join the labelled rows for a second model.
 * The trainer has no train-only rows yet, so some self-labelled rows land in its held-out split too: the
 * second model's own card metrics flatter it; the dev figures here do not.
 */
async function selfTrainedPoint(
  train: TextExample[],
  unlabelled: string[],
  dev: TextExample[],
  options: TextTrainingOptions = {},
) {
  const first = await docketModel(train, false, options);
  const pseudo: TextExample[] = [];
  try {
    const probabilities = await first.session.probabilities(unlabelled);
    probabilities.forEach((p, i) => {
      const prediction = toPrediction(p, first.card, 1);
      if (!prediction.abstain) pseudo.push({ text: unlabelled[i]!, labels: [prediction.label!] });
    });
  } finally {
    await first.close();
  }
  const second = await docketPoint([...train, ...pseudo], dev, false, options);
  return { ...second, trainSeconds: first.trainSeconds + second.trainSeconds, pseudoRows: pseudo.length };
}

// ---------------------------------------------------------------------------------------------------------
// fastText

interface FastTextScores {
  accuracy: number;
  macroF1: number;
  microF1?: number;
  /** Wall seconds of `fasttext supervised` (read, train, write the model). */
  trainWallSeconds: number;
}

/** fastText's usual preprocessing (as in bench/engine.ts): lower-cased, punctuation as its own tokens. */
const forFastText = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' $& ')
    .replace(/\s+/g, ' ')
    .trim();

interface FastTextJob {
  name: string;
  train: TextExample[];
  dev: TextExample[];
  multiLabel: boolean;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * fastText runs one after another in one shell script, on the second core while Docket trains on the
 * first. Each training is timed by the shell (`time`), so the figure does not wait on this process.
 */
class FastTextRuns {
  private readonly jobs: FastTextJob[] = [];
  private readonly script: string[] = ['set -e', 'TIMEFORMAT=%R'];
  private finished: Promise<void> | undefined;

  /**
   * Writes the job's files; rows without labels cannot be written for fastText and are left out. It
   * predicts the top label, or every label at probability ≥ 0.5 for multi-label.
   */
  add(train: TextExample[], dev: TextExample[], multiLabel: boolean, fastTextArgs: string[]): FastTextJob {
    const job = { name: join(work, `ft-${this.jobs.length + 1}`), train, dev, multiLabel };
    writeFileSync(
      `${job.name}.train`,
      train
        .filter((r) => r.labels.length > 0)
        .map((r) => `${r.labels.map((l) => `__label__${l}`).join(' ')} ${forFastText(r.text)}\n`)
        .join(''),
    );
    writeFileSync(`${job.name}.dev`, dev.map((r) => `${forFastText(r.text)}\n`).join(''));
    const f = (suffix = '') => shellQuote(`${job.name}${suffix}`);
    this.script.push(
      `{ time ${FASTTEXT} supervised -input ${f('.train')} -output ${f()} ${fastTextArgs.join(' ')} -verbose 0 ; } 2> ${f('.seconds')}`,
      `${FASTTEXT} predict-prob ${f('.bin')} ${f('.dev')} ${multiLabel ? '-1 0.5' : '1'} > ${f('.predicted')}`,
      `rm -f ${f('.bin')} ${f('.vec')}`,
    );
    this.jobs.push(job);
    return job;
  }

  start(): void {
    const file = join(work, 'fasttext.sh');
    writeFileSync(file, this.script.join('\n') + '\n');
    this.finished = new Promise((done, fail) => {
      const child = spawn('bash', [file], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', fail);
      child.on('close', (code) =>
        code === 0 ? done() : fail(new Error(`fastText failed (exit ${code}):\n${stderr.slice(-2000)}`)),
      );
    });
    this.finished.catch(() => {}); // awaited in scores(); until then a failure must not end the process
  }

  async scores(job: FastTextJob): Promise<FastTextScores> {
    await this.finished;
    const seconds = Number(readFileSync(`${job.name}.seconds`, 'utf8').trim().split('\n').at(-1));
    const { train, dev } = job;
    const predicted = readFileSync(`${job.name}.predicted`, 'utf8')
      .split('\n')
      .slice(0, dev.length)
      .map((line) =>
        line
          .split(' ')
          .filter((token) => token.startsWith('__label__'))
          .map((token) => token.slice('__label__'.length)),
      );
    if (predicted.length !== dev.length)
      throw new Error(`fastText gave ${predicted.length} lines for ${dev.length}`);
    const labels = [...new Set([...dev, ...train].flatMap((r) => r.labels).concat(predicted.flat()))].sort();
    const index = new Map(labels.map((l, i) => [l, i]));
    if (job.multiLabel) {
      const r = multiLabelReport(
        labels,
        dev.map((row) => new Set(row.labels.map((l) => index.get(l)!))),
        predicted.map((p) => new Set(p.map((l) => index.get(l)!))),
      );
      return { accuracy: r.accuracy, macroF1: r.macroF1, microF1: r.microF1, trainWallSeconds: seconds };
    }
    const r = classificationReport(
      labels,
      dev.map((row) => index.get(row.labels[0]!)!),
      predicted.map((p) => index.get(p[0]!)!),
    );
    return { accuracy: r.accuracy, macroF1: r.macroF1, trainWallSeconds: seconds };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The data sets

async function readBanking77() {
  const { examples } = await readLabelledRows(join(datasets, 'banking77/train.csv'), {
    text: 'text',
    label: 'category',
  });
  const { train: pool, heldOut: dev } = stratifiedSplit(examples, 0.2, SPLIT_SEED);
  return { pool, dev, labels: groupByLabel(pool).size };
}

interface CurvePoint {
  perLabel: Point;
  trainRows: number;
  docket: DocketScores;
  /** NLU++: the same rows with l2 = 1e-4 (the trainer's default is 0), a lever for multi-label. */
  docketL2?: DocketScores;
  fastText?: FastTextScores;
  /** banking77: fastText with learning rate 1.0. */
  fastTextLr1?: FastTextScores;
}

/** The samples, with their fastText runs queued; Docket trains on them in `curve`. */
async function banking77Samples(fastText: FastTextRuns | undefined) {
  const { pool, dev, labels } = await readBanking77();
  console.error(`banking77: ${pool.length} rows to sample from, ${dev.length} dev rows, ${labels} labels`);
  const samples = POINTS.map((k) => {
    const { train } = perLabelSample(pool, k, SAMPLE_SEEDS[0]!);
    return {
      k,
      train,
      fastText: fastText?.add(train, dev, false, FASTTEXT_ARGS),
      fastTextLr1: fastText?.add(train, dev, false, FASTTEXT_LR1_ARGS),
    };
  });
  return { name: 'banking77', multiLabel: false, poolRows: pool.length, dev, labels, samples };
}

function readNluppFolds(domain: string, folds: number[]): TextExample[] {
  return folds.flatMap((f) =>
    (
      JSON.parse(readFileSync(join(datasets, `nlupp/data/${domain}/fold${f}.json`), 'utf8')) as {
        text: string;
        intents?: string[];
      }[]
    )
      .filter((r) => r.text.trim() !== '')
      .map((r) => ({ text: r.text, labels: [...new Set(r.intents ?? [])] })),
  );
}

function nluppSamples(domain: string, fastText: FastTextRuns | undefined) {
  const pool = readNluppFolds(domain, NLUPP_TRAIN_FOLDS);
  const dev = readNluppFolds(domain, NLUPP_DEV_FOLDS);
  const intents = new Set(pool.flatMap((r) => r.labels)).size;
  console.error(`nlupp ${domain}: ${pool.length} training rows (${intents} intents), ${dev.length} dev rows`);
  const samples = [...multiLabelCurve(pool, SAMPLE_SEEDS[0]!)].map(([k, train]) => ({
    k,
    train,
    fastText: fastText?.add(train, dev, true, FASTTEXT_MULTI_LABEL_ARGS),
    fastTextLr1: undefined,
  }));
  return {
    name: `nlupp ${domain}`,
    multiLabel: true,
    trainRows: pool.length,
    trainRowsWithoutIntent: pool.filter((r) => r.labels.length === 0).length,
    dev,
    devRowsWithoutIntent: dev.filter((r) => r.labels.length === 0).length,
    intents,
    samples,
  };
}

/** Docket on each sample (multi-label: also with l2 = 1e-4), then fastText's scores once it has finished. */
async function curve<
  S extends Awaited<ReturnType<typeof banking77Samples>> | ReturnType<typeof nluppSamples>,
>(data: S, fastText: FastTextRuns | undefined) {
  const { samples, dev, multiLabel, ...rest } = data;
  const points: CurvePoint[] = [];
  for (const s of samples) {
    console.error(`${data.name} ${s.k} per label: ${s.train.length} rows`);
    const docket = await docketPoint(s.train, dev, multiLabel);
    const docketL2 = multiLabel ? await docketPoint(s.train, dev, true, { l2: MULTI_LABEL_L2 }) : undefined;
    points.push({ perLabel: s.k, trainRows: s.train.length, docket, docketL2 });
  }
  return {
    ...rest,
    devRows: dev.length,
    points,
    /** Filled in when the fastText runs have finished. */
    async withFastText() {
      for (const [i, s] of samples.entries()) {
        if (s.fastText) points[i]!.fastText = await fastText!.scores(s.fastText);
        if (s.fastTextLr1) points[i]!.fastTextLr1 = await fastText!.scores(s.fastTextLr1);
      }
      return { ...rest, devRows: dev.length, points };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Few-shot levers (banking77, 10 rows per label)

interface Lever {
  name: string;
  options?: TextTrainingOptions;
  /** Add one row per label: the label's name as its text. */
  labelNames?: boolean;
  /** Self-training on the rest of the pool, labels removed. */
  selfTraining?: boolean;
}

const LEVERS: Lever[] = [
  { name: 'default options' },
  { name: 'l2 = 1e-4', options: { l2: 1e-4 } },
  { name: 'label names as rows', labelNames: true },
  { name: 'self-training on the unlabelled rest', selfTraining: true },
  {
    name: 'l2 = 1e-4 + label names + self-training',
    options: { l2: 1e-4 },
    labelNames: true,
    selfTraining: true,
  },
];

async function fewShotLevers(k: Point = 10) {
  const { pool, dev } = await readBanking77();
  const results = [];
  for (const lever of LEVERS) {
    const runs: (DocketScores & { pseudoRows?: number })[] = [];
    for (const seed of SAMPLE_SEEDS) {
      const { train, rest } = perLabelSample(pool, k, seed);
      const names = lever.labelNames
        ? [...new Set(train.map((r) => r.labels[0]!))]
            .sort()
            .map((l) => ({ text: labelText(l), labels: [l] }))
        : [];
      const rows = [...train, ...names];
      runs.push(
        lever.selfTraining
          ? await selfTrainedPoint(
              rows,
              rest.map((r) => r.text),
              dev,
              lever.options,
            )
          : await docketPoint(rows, dev, false, lever.options),
      );
    }
    const accuracies = runs.map((r) => r.accuracy);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const result = {
      lever: lever.name,
      options: lever.options ?? {},
      labelNames: lever.labelNames ?? false,
      selfTraining: lever.selfTraining ?? false,
      accuracy: mean(accuracies),
      accuracies,
      macroF1: mean(runs.map((r) => r.macroF1)),
      trainSeconds: mean(runs.map((r) => r.trainSeconds)),
      pseudoRows: lever.selfTraining ? mean(runs.map((r) => r.pseudoRows ?? 0)) : 0,
    };
    console.error(`levers: ${lever.name}: ${(result.accuracy * 100).toFixed(1)} %`);
    results.push(result);
  }
  return { perLabel: k, samples: SAMPLE_SEEDS, devRows: dev.length, levers: results };
}

// ---------------------------------------------------------------------------------------------------------
// Tables

const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);
const secs = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(1));

function markdown(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n');
}

type Summary = Awaited<ReturnType<typeof learningCurves>>;

export function learningCurveTables(s: Summary): string {
  const out: string[] = [];
  if (s.banking77) {
    const rows = [
      [
        'Per label',
        'Rows',
        'Docket accuracy',
        'macro-F1',
        'train s',
        'fastText accuracy',
        'train s',
        'fastText lr 1.0 accuracy',
        'macro-F1',
        'train s',
        'Target',
        'Result',
      ],
    ];
    const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
    for (const p of s.banking77.points) {
      let target = '–';
      let result = '–';
      if (p.perLabel === 10) {
        target = '≥ 75 %';
        result = p.docket.accuracy >= 0.75 ? 'met' : 'missed';
      } else if (p.perLabel === 'all' && p.fastText) {
        target = '≥ fastText + 2 points';
        result = `${p.docket.accuracy >= p.fastText.accuracy + 0.02 ? 'met' : 'missed'} (${points(p.docket.accuracy - p.fastText.accuracy)}; lr 1.0: ${points(p.docket.accuracy - p.fastTextLr1!.accuracy)})`;
      }
      rows.push([
        String(p.perLabel),
        String(p.trainRows),
        pct(p.docket.accuracy),
        pct(p.docket.macroF1),
        secs(p.docket.trainSeconds),
        pct(p.fastText?.accuracy),
        secs(p.fastText?.trainWallSeconds),
        pct(p.fastTextLr1?.accuracy),
        pct(p.fastTextLr1?.macroF1),
        secs(p.fastTextLr1?.trainWallSeconds),
        target,
        result,
      ]);
    }
    out.push(`banking77 (dev: ${s.banking77.devRows} rows)\n\n${markdown(rows)}`);
  }
  for (const [domain, c] of Object.entries(s.nlupp ?? {})) {
    const rows = [
      [
        '≥ per intent',
        'Rows',
        'Docket micro-F1',
        'macro-F1',
        'train s',
        'l2 = 1e-4: micro-F1',
        'macro-F1',
        'fastText micro-F1',
        'macro-F1',
        'train s',
      ],
    ];
    for (const p of c.points) {
      rows.push([
        String(p.perLabel),
        String(p.trainRows),
        pct(p.docket.microF1),
        pct(p.docket.macroF1),
        secs(p.docket.trainSeconds),
        pct(p.docketL2?.microF1),
        pct(p.docketL2?.macroF1),
        pct(p.fastText?.microF1),
        pct(p.fastText?.macroF1),
        secs(p.fastText?.trainWallSeconds),
      ]);
    }
    out.push(`NLU++ ${domain} (dev: folds 10–14, ${c.devRows} rows)\n\n${markdown(rows)}`);
  }
  // RETRAIN SECONDS AND ROUTES PER SECOND: their table goes here once the record service exists.
  if (s.levers) {
    const base = s.levers.levers[0]!.accuracy;
    const rows = [['Lever (10 per label)', 'Accuracy, mean', 'Δ', 'Samples', 'train s']];
    for (const l of s.levers.levers) {
      rows.push([
        l.lever,
        pct(l.accuracy),
        `${l.accuracy >= base ? '+' : '−'}${(Math.abs(l.accuracy - base) * 100).toFixed(1)}`,
        l.accuracies.map((a) => (a * 100).toFixed(1)).join(' / '),
        secs(l.trainSeconds),
      ]);
    }
    out.push(`banking77 few-shot levers (${s.levers.samples.length} samples)\n\n${markdown(rows)}`);
  }
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------

export async function learningCurves(run: { only?: string; options?: TextTrainingOptions } = {}) {
  const { only } = run;
  const started = performance.now();
  const loadBefore = loadavg();
  overrides = run.options ?? {};
  work = mkdtempSync(join(tmpdir(), 'docket-bench-records-'));
  if (!hasFastText) console.error('fastText: `fasttext` is not on the PATH; its columns are skipped.');
  let banking77, nlupp, levers;
  try {
    const fastText = hasFastText ? new FastTextRuns() : undefined;
    const b = !only || only === 'banking77' ? await banking77Samples(fastText) : undefined;
    const n =
      !only || only === 'nlupp' ? [nluppSamples('banking', fastText), nluppSamples('hotels', fastText)] : [];
    fastText?.start();
    const bCurve = b ? await curve(b, fastText) : undefined;
    const nCurves = [];
    for (const domain of n) nCurves.push(await curve(domain, fastText));
    levers = !only || only === 'levers' ? await fewShotLevers() : undefined;
    banking77 = await bCurve?.withFastText();
    if (nCurves.length)
      nlupp = { banking: await nCurves[0]!.withFastText(), hotels: await nCurves[1]!.withFastText() };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const fastTextVersion = (() => {
    const r = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'fasttext'], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout : hasFastText ? 'unknown' : 'not installed';
  })();
  return {
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
      sampleSeeds: SAMPLE_SEEDS,
      docketSeed: DOCKET_SEED,
      docketOptions: overrides,
      nluppTrainFolds: NLUPP_TRAIN_FOLDS,
      nluppDevFolds: NLUPP_DEV_FOLDS,
      fastTextArgs: FASTTEXT_ARGS.join(' '),
      fastTextLr1Args: FASTTEXT_LR1_ARGS.join(' '),
      fastTextMultiLabelArgs: `${FASTTEXT_MULTI_LABEL_ARGS.join(' ')}; predict-prob -1 0.5`,
    },
    banking77,
    nlupp,
    levers,
    // RETRAIN SECONDS AND ROUTES PER SECOND: the lead adds these here once the record service exists
    // (seconds to retrain after 100 new corrections; routes per second through `docket route`).
    retrain: null,
    routesPerSecond: null,
    seconds: (performance.now() - started) / 1000,
  };
}

if (import.meta.main) {
  const { values: args } = parseArgs({
    options: {
      only: { type: 'string' },
      options: { type: 'string', default: '{}' },
      out: { type: 'string', default: 'reports/bench-records-learning-curves.json' },
    },
  });
  const summary = await learningCurves({
    only: args.only,
    options: JSON.parse(args.options!) as TextTrainingOptions,
  });
  console.log(JSON.stringify(summary, null, 2));
  console.log(learningCurveTables(summary));
  const out = resolve(root, args.out!);
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
  console.error(`Wrote ${out} (${summary.seconds.toFixed(0)} s)`);
}
