// The tickets learning loop on real data, through Docket's own service on a real encrypted database:
// banking77's visible train file imported as a help-desk export (text → body, intent → queue history),
// the first queue model trained from it, then
// 1. seconds to retrain after 100 new corrections: the whole loop a user waits for (examples read from the
//    database, training in a worker thread, the candidate and the version in use scored on the held-out
//    slice through ONNX Runtime, promotion);
// 2. routes per second: new tickets (banking77 texts without their intent) routed by `records.predict`
//    (rules, the model through ONNX Runtime in the worker pool, outcomes written to the database), beside
//    Debian's fastText predicting the same texts with a model trained on the same rows, in the same run.
//
// Usage: node bench/records/learning-loop.ts [--route 20000] [--out reports/bench-records-loop.json]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { cliContext } from '../../main/cli/open-core.ts';
import { openCore } from '../../main/core/docket.ts';
import { inHeldOutSlice } from '../../main/records/learning.ts';

const root = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    route: { type: 'string', default: '20000' },
    out: { type: 'string', default: 'reports/bench-records-loop.json' },
  },
});
const routeCount = Number(args.route);

const rows = (
  parse(await readFile(path.join(root, '../shared/datasets/banking77/train.csv')), { columns: true }) as {
    text: string;
    category: string;
  }[]
).map((r, i) => ({ id: `B${i}`, text: r.text, queue: r.category }));

const dir = await mkdtemp(path.join(tmpdir(), 'docket-bench-records-'));
const core = openCore({
  path: path.join(dir, 'bench.db'),
  key: 'bench-key-0123456789abcdef0123456789abcdef',
  create: true,
  log: { error: () => {} },
  records: { policy: { forbidEscalation: true, file: null } },
});
const mapping = {
  kind: 'tickets',
  source: 'banking77',
  columns: { id: 'id', body: 'text', queue: 'queue' },
} as const;
const b64 = (rows: string[][]) => Buffer.from(stringify(rows)).toString('base64');
const report: Record<string, unknown> = { date: new Date().toISOString().slice(0, 10), rows: rows.length };

try {
  // The history: every visible row with its intent. The first model trains from it (as after an import).
  let t = performance.now();
  await core.router.invoke(
    'records.import',
    {
      fileName: 'banking77.csv',
      dataBase64: b64([['id', 'text', 'queue'], ...rows.map((r) => [r.id, r.text, r.queue])]),
      mapping,
    },
    cliContext,
  );
  await core.records.settled();
  const first = (await core.router.invoke('records.status', { kind: 'tickets' }, cliContext))[0]!;
  report.firstModel = {
    seconds: (performance.now() - t) / 1000,
    version: first.activeVersion,
    examples: first.examples,
    heldOut: first.lastTraining?.heldOut,
    heldOutAccuracy: first.lastTraining?.score,
  };
  console.log(`first model: ${JSON.stringify(report.firstModel)}`);

  // 100 corrections: accepted labels changed on the training side (as a reviewer fixing mistakes would).
  await core.router.invoke('records.setRetrainAfter', { task: 'queue', corrections: 0 }, cliContext);
  const list = await core.router.invoke('records.list', { kind: 'tickets', limit: 5000 }, cliContext);
  let made = 0;
  for (const item of list.items) {
    if (made === 100 || inHeldOutSlice(item.id)) continue;
    const queue = item.labels.find((l) => l.task === 'queue')!.value as string;
    await core.router.invoke(
      'records.setLabel',
      {
        id: item.id,
        task: 'queue',
        value: queue === 'card_arrival' ? 'card_delivery_estimate' : 'card_arrival',
      },
      cliContext,
    );
    made++;
  }
  t = performance.now();
  await core.router.invoke('records.retrain', { task: 'queue' }, cliContext);
  await core.records.settled();
  const retrained = (await core.router.invoke('records.status', { kind: 'tickets' }, cliContext))[0]!;
  report.retrainAfter100 = {
    seconds: (performance.now() - t) / 1000,
    trainingRowSeconds: retrained.lastTraining?.seconds,
    status: retrained.lastTraining?.status,
    score: retrained.lastTraining?.score,
    previousScore: retrained.lastTraining?.previousScore,
  };
  console.log(`retrain after 100 corrections: ${JSON.stringify(report.retrainAfter100)}`);
  await core.router.invoke('records.rollback', { task: 'queue' }, cliContext).catch(() => undefined);

  // Routing: new tickets without history (the texts again, cycled, with a number so each row is new).
  const fresh = Array.from({ length: routeCount }, (_, i) => [
    `N${i}`,
    `${rows[i % rows.length]!.text} (ref ${i})`,
    '',
  ]);
  await core.router.invoke(
    'records.import',
    {
      fileName: 'new.csv',
      dataBase64: b64([['id', 'text', 'queue'], ...fresh]),
      mapping: { ...mapping, source: 'new tickets' },
    },
    cliContext,
  );
  await core.router.invoke('records.predict', { kind: 'tickets' }, cliContext); // warm-up (sessions, pages)
  t = performance.now();
  const routed = await core.router.invoke('records.predict', { kind: 'tickets' }, cliContext);
  const seconds = (performance.now() - t) / 1000;
  report.routing = {
    tickets: routed.records,
    seconds,
    routesPerSecond: routed.records / seconds,
    auto: routed.auto,
    suggested: routed.suggested,
    unassigned: routed.unassigned,
  };
  console.log(`routing: ${JSON.stringify(report.routing)}`);

  // The peer: fastText trained on the same history, predicting the same new texts.
  const fasttext = spawnSync('which', ['fasttext'], { encoding: 'utf8' }).stdout.trim();
  if (fasttext) {
    const clean = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();
    const train = path.join(dir, 'ft-train.txt');
    const test = path.join(dir, 'ft-test.txt');
    await writeFile(train, rows.map((r) => `__label__${r.queue} ${clean(r.text)}`).join('\n'));
    await writeFile(test, fresh.map((r) => clean(r[1]!)).join('\n'));
    execFileSync(fasttext, [
      'supervised',
      '-input',
      train,
      '-output',
      path.join(dir, 'ft'),
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
      '-verbose',
      '0',
    ]);
    t = performance.now();
    execFileSync(fasttext, ['predict-prob', path.join(dir, 'ft.bin'), test, '3'], { maxBuffer: 1 << 28 });
    const ftSeconds = (performance.now() - t) / 1000;
    report.fasttext = {
      seconds: ftSeconds,
      predictionsPerSecond: routeCount / ftSeconds,
      note: 'predict-prob top 3, whole command incl. loading its 800 MB model',
    };
    console.log(`fastText: ${JSON.stringify(report.fasttext)}`);
  } else {
    console.log('fastText is not installed here: no peer figure.');
  }
} finally {
  await core.close();
  await rm(dir, { recursive: true, force: true });
}
await mkdir(path.dirname(path.join(root, args.out)), { recursive: true });
await writeFile(path.join(root, args.out), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
