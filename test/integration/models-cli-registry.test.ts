// The model engine end to end through its contracts: `docket train text`, `eval text`, `classify` and
// `models ...` as child processes on real data and a real encrypted database; the registry's
// activate / roll-back / export / delete; the inference pool; trainings in the background; a damaged
// model's clear error; and a transformers.js folder from the committed fixture.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readLabelledRows } from '../../main/engine/datasets/labelled-rows.ts';
import { InferencePool, threadPlan } from '../../main/engine/runtime/inference-pool.ts';
import { TextSession } from '../../main/engine/runtime/text-session.ts';
import { readModelCard } from '../../main/engine/model-folder.ts';
import { stratifiedSplit } from '../../main/engine/text/train-text.ts';
import { docket } from '../helpers/cli.ts';
import { useTestCores } from '../helpers/core.ts';
import { TEST_KEY, useTempDirs } from '../helpers/temp.ts';

const BANKING = new URL('../../../shared/datasets/banking77/train.csv', import.meta.url).pathname;
const TINY_TRANSFORMERS = new URL('../fixtures/models/tiny-text-classification', import.meta.url).pathname;
const env = { DOCKET_DB_KEY: TEST_KEY };

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Six banking77 intents, split 75/25, written as CSV; plus an out-of-scope file for --oos-label. */
async function dataFiles(dir: string): Promise<{ train: string; test: string; testTexts: string[] }> {
  const { examples } = await readLabelledRows(BANKING, { text: 'text', label: 'category' });
  const labels = [...new Set(examples.map((e) => e.labels[0]!))].sort().slice(0, 6);
  const { train, heldOut } = stratifiedSplit(
    examples.filter((e) => labels.includes(e.labels[0]!)),
    0.25,
    3,
  );
  const write = (name: string, rows: typeof train) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      `text,category\n${rows.map((e) => `${csvCell(e.text)},${e.labels[0]}`).join('\n')}\n`,
    );
    return path;
  };
  return {
    train: write('train.csv', train),
    test: write('test.csv', heldOut),
    testTexts: heldOut.map((e) => e.text),
  };
}

function json<T>(r: { code: number | null; stdout: string; stderr: string }): T {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** `docket train text` on a banking77 slice (text, category) into `out`, with extra flags; its JSON. */
function trainCli<T = unknown>(data: string, out: string, ...extra: string[]): T {
  return json<T>(
    docket([
      'train',
      'text',
      '--data',
      data,
      '--text',
      'text',
      '--label',
      'category',
      '--out',
      out,
      ...extra,
      '--json',
    ]),
  );
}

describe('model engine through the CLI and the registry', () => {
  const tempDir = useTempDirs();
  const openTestCore = useTestCores();

  it('train text → eval text → classify, with the contracted JSON fields', async () => {
    const dir = tempDir();
    const { train, test, testTexts } = await dataFiles(dir);
    const out = join(dir, 'intents.model');
    const trained = trainCli<{
      model: string;
      metrics: { accuracy: number; macroF1: number; ece: number };
      heldOutRows: number;
    }>(train, out, '--seed', '4');
    expect(trained.model).toBe(out);
    expect(trained.metrics.accuracy).toBeGreaterThan(0.8);
    expect(trained.heldOutRows).toBeGreaterThan(0);

    const evaluated = json<Record<string, unknown>>(
      docket([
        'eval',
        'text',
        '--model',
        out,
        '--data',
        test,
        '--text',
        'text',
        '--label',
        'category',
        '--json',
      ]),
    );
    for (const key of ['n', 'accuracy', 'macroF1', 'ece', 'perClass']) expect(evaluated).toHaveProperty(key);
    expect(evaluated.n).toBe(testTexts.length);
    expect(evaluated.accuracy as number).toBeGreaterThan(0.8);
    expect(evaluated).not.toHaveProperty('microF1');

    // Out of scope: rows labelled "oos" (the model never saw any) count as caught when it abstains.
    const inScopeRows = (await readLabelledRows(test, { text: 'text', label: 'category' })).examples.slice(
      0,
      40,
    );
    const oosTexts = [
      'what is the weather tomorrow in lisbon',
      'play some jazz music please',
      'how many calories are in a banana',
    ];
    const oosFile = join(dir, 'oos.csv');
    writeFileSync(
      oosFile,
      `text,category\n${[
        ...inScopeRows.map((e) => `${csvCell(e.text)},${e.labels[0]}`),
        ...oosTexts.map((t) => `${t},oos`),
      ].join('\n')}\n`,
    );
    const withOos = json<{ inScopeAccuracy: number; oosRecall: number }>(
      docket([
        'eval',
        'text',
        '--model',
        out,
        '--data',
        oosFile,
        '--text',
        'text',
        '--label',
        'category',
        '--oos-label',
        'oos',
        '--json',
      ]),
    );
    expect(withOos.inScopeAccuracy).toBeGreaterThan(0.7);
    // The same abstentions as `docket classify` gives for those texts.
    const oosPredictions = docket(['classify', '--model', out, '--json'], {}, `${oosTexts.join('\n')}\n`)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { abstain: boolean });
    expect(withOos.oosRecall).toBeCloseTo(
      oosPredictions.filter((p) => p.abstain).length / oosTexts.length,
      6,
    );

    const classified = docket(
      ['classify', '--model', out, '--top', '2', '--json'],
      {},
      `${testTexts.slice(0, 30).join('\n')}\n`,
    );
    expect(classified.code).toBe(0);
    const lines = classified.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { label: string; probability: number; abstain: boolean; top: unknown[] });
    expect(lines).toHaveLength(30);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual(['abstain', 'label', 'probability', 'top']);
      expect(l.top).toHaveLength(2);
      expect(l.probability).toBeGreaterThan(0);
    }
  });

  it('a multi-label file trains with --multi-label --label-sep and eval adds microF1', () => {
    const dir = tempDir();
    const rows = (
      JSON.parse(
        readFileSync(
          new URL('../../../shared/datasets/nlupp/data/banking/fold0.json', import.meta.url),
          'utf8',
        ),
      ) as { text: string; intents?: string[] }[]
    ).concat(
      JSON.parse(
        readFileSync(
          new URL('../../../shared/datasets/nlupp/data/banking/fold1.json', import.meta.url),
          'utf8',
        ),
      ) as { text: string; intents?: string[] }[],
    );
    const file = join(dir, 'tags.csv');
    writeFileSync(
      file,
      `text,tags\n${rows.map((r) => `${csvCell(r.text)},${csvCell((r.intents ?? []).join('|'))}`).join('\n')}\n`,
    );
    const out = join(dir, 'tags.model');
    const args = ['--data', file, '--text', 'text', '--label', 'tags', '--multi-label', '--label-sep', '|'];
    json(docket(['train', 'text', ...args, '--out', out, '--json']));
    const evaluated = json<{ microF1: number; macroF1: number }>(
      docket(['eval', 'text', '--model', out, ...args, '--json']),
    );
    expect(evaluated.microF1).toBeGreaterThan(0.5);
  });

  it('bad input: a missing column, an unreadable file and a missing model are clear errors (exit 1)', async () => {
    const dir = tempDir();
    const { train } = await dataFiles(dir);
    const noColumn = docket([
      'train',
      'text',
      '--data',
      train,
      '--text',
      'body',
      '--label',
      'category',
      '--json',
    ]);
    expect(noColumn.code).toBe(1);
    expect(noColumn.stderr).toMatch(/has no column "body". Its columns are: "text", "category"/);
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, '{"text": "a", "label": "x"}\n{"text": \n');
    expect(docket(['train', 'text', '--data', broken, '--text', 'text', '--label', 'label']).stderr).toMatch(
      /Line 2 of .* is not valid JSON/,
    );
    const missing = docket(['classify', '--model', join(dir, 'nothing-here')], {}, 'hello\n');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/has no card.json/);
  });

  it('models import | list | activate | rollback | export | rm on a database', async () => {
    const dir = tempDir();
    const { train } = await dataFiles(dir);
    const db = join(dir, 'docket.db');
    expect(docket(['init', '--db', db], env).code).toBe(0);
    const a = join(dir, 'a.model');
    const b = join(dir, 'b.model');
    for (const [out, seed] of [
      [a, '1'],
      [b, '2'],
    ] as const) {
      trainCli(train, out, '--seed', seed, '--id', 'intents');
    }
    const first = json<{ modelId: string; version: number; active: boolean }>(
      docket(['models', 'import', a, '--db', db, '--json'], env),
    );
    expect(first).toMatchObject({ modelId: 'intents', version: 1, active: true });
    const second = json<{ version: number; active: boolean }>(
      docket(['models', 'import', b, '--db', db, '--json'], env),
    );
    expect(second).toMatchObject({ version: 2, active: false });
    expect(docket(['models', 'import', b, '--db', db], env).stderr).toMatch(
      /already installed as "intents" version 2/,
    );

    json(docket(['models', 'activate', 'intents', '2', '--db', db, '--json'], env));
    const active = () =>
      json<{ modelId: string; version: number; active: boolean }[]>(
        docket(['models', 'list', '--db', db, '--json'], env),
      )
        .filter((m) => m.active && m.modelId === 'intents')
        .map((m) => m.version);
    expect(active()).toEqual([2]);
    expect(
      json<{ version: number }>(docket(['models', 'rollback', 'intents', '--db', db, '--json'], env)).version,
    ).toBe(1);
    expect(active()).toEqual([1]);
    const again = docket(['models', 'rollback', 'intents', '--db', db], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no earlier version to roll back to/);

    const exported = join(dir, 'exported');
    json(docket(['models', 'export', 'intents', '2', '--out', exported, '--db', db, '--json'], env));
    const session = await TextSession.open(exported);
    expect(session.card.version).toBe(2);
    await session.release();

    expect(docket(['models', 'rm', 'intents', '1', '--db', db], env).stderr).toMatch(/is active/);
    json(docket(['models', 'rm', 'intents', '2', '--db', db, '--json'], env));
    const left = json<{ modelId: string }[]>(docket(['models', 'list', '--db', db, '--json'], env));
    // What remains: version 1, and the shipped models that `docket init` installed.
    expect(left.map((m) => m.modelId).sort()).toEqual([
      'contract-type',
      'document-type',
      'intents',
      'invoice-fields',
      'support-intent',
    ]);
  });

  it('the inference pool gives the session’s probabilities; a damaged installed model is a clear error, not a crash', async () => {
    const dir = tempDir();
    const { train, testTexts } = await dataFiles(dir);
    const out = join(dir, 'm.model');
    trainCli(train, out, '--id', 'intents');
    const core = openTestCore();
    const ctx = { transport: 'in-process' as const, actor: 'test' };
    const installed = await core.router.invoke('models.import', { path: out }, ctx);
    const texts = [...testTexts, ...testTexts].slice(0, 300); // several batches over the workers
    const predictions = await core.router.invoke(
      'models.classify',
      { modelId: 'intents', texts, top: 3 },
      ctx,
    );
    const session = await TextSession.open(out);
    const direct = await session.probabilities(texts);
    await session.release();
    predictions.forEach((p, i) => {
      const best = Math.max(...direct[i]!);
      expect(Math.abs(p.probability - best)).toBeLessThan(1e-5);
    });
    expect(core.inference.plan.workers * core.inference.plan.intraOpThreads).toBeLessThanOrEqual(
      (await import('node:os')).availableParallelism(),
    );

    // Damage the installed copy: the next load refuses it by name; the app keeps working.
    const file = join(core.models.get('intents', installed.version).path, 'model.onnx');
    const bytes = await readFile(file);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(file, bytes);
    await core.inference.close(); // forget cached sessions, as after a restart
    await expect(
      core.router.invoke('models.classify', { modelId: 'intents', texts: ['hello'] }, ctx),
    ).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/Model "intents" version 1 .* is damaged/),
    });
    expect(await core.router.invoke('models.list', {}, ctx)).toHaveLength(1);
  });

  it('keeps one session per model per worker, releases it when idle, and loads it again when needed', async () => {
    const dir = tempDir();
    const { train, testTexts } = await dataFiles(dir);
    const out = join(dir, 'm.model');
    trainCli(train, out);
    const model = { dir: out, sha256: (await readModelCard(out)).sha256 };
    const pool = new InferencePool({ workers: 2, idleMs: 300, batchSize: 16 });
    try {
      const texts = testTexts.slice(0, 64);
      const first = await pool.probabilities(model, texts);
      expect(first).toHaveLength(64);
      expect(await pool.cachedSessions()).toEqual([1, 1]);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await pool.cachedSessions()).toEqual([0, 0]);
      const again = await pool.probabilities(model, texts);
      expect(again.map((p) => Array.from(p))).toEqual(first.map((p) => Array.from(p)));
    } finally {
      await pool.close();
    }
  });

  it('refuses model ids that could name a folder outside the models folder, and data that cannot train', async () => {
    const dir = tempDir();
    const { train } = await dataFiles(dir);
    const db = join(dir, 'docket.db');
    expect(docket(['init', '--db', db], env).code).toBe(0);
    const out = join(dir, 'm.model');
    trainCli(train, out);
    for (const id of ['../victim', 'a/b', 'Upper']) {
      const r = docket(['models', 'import', out, '--id', id, '--db', db, '--json'], env);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).error.code).toBe('BAD_INPUT');
    }
    expect(existsSync(join(dir, 'victim'))).toBe(false);
    const badId = docket([
      'train',
      'text',
      '--data',
      train,
      '--text',
      'text',
      '--label',
      'category',
      '--id',
      'My Model',
    ]);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toMatch(/cannot be a model id/);

    const oneLabel = join(dir, 'one.csv');
    writeFileSync(oneLabel, 'text,label\nhello there,greeting\nhi,greeting\n');
    const r = docket(['train', 'text', '--data', oneLabel, '--text', 'text', '--label', 'label', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/at least two different labels/),
    });
  });

  it('a transformers.js model exported from one database imports into another', async () => {
    const ctx = { transport: 'in-process' as const, actor: 'test' };
    const a = openTestCore();
    await a.router.invoke('models.import', { path: TINY_TRANSFORMERS, modelId: 'tiny-topics' }, ctx);
    const exported = join(tempDir(), 'exported');
    await a.router.invoke('models.export', { modelId: 'tiny-topics', out: exported }, ctx);
    const b = openTestCore();
    const again = await b.router.invoke('models.import', { path: exported }, ctx);
    expect(again).toMatchObject({ format: 'transformers.js', task: 'text-classification' });
    const [p] = await b.router.invoke(
      'models.classify',
      { modelId: again.modelId, texts: ['the contract was signed'] },
      ctx,
    );
    expect(p!.label).toBe('contract');
  });

  it('plans workers × ONNX Runtime threads within the cores', () => {
    expect(threadPlan(2)).toEqual({ workers: 2, intraOpThreads: 1 });
    expect(threadPlan(8)).toEqual({ workers: 2, intraOpThreads: 4 });
    expect(threadPlan(1)).toEqual({ workers: 1, intraOpThreads: 1 });
    expect(threadPlan(4, 8)).toEqual({ workers: 4, intraOpThreads: 1 });
  });

  it('trains in the background with progress, installs the new version as active, and can cancel', async () => {
    const dir = tempDir();
    const { train } = await dataFiles(dir);
    const core = openTestCore();
    const ctx = { transport: 'in-process' as const, actor: 'test' };
    const events: string[] = [];
    core.events.on('progress', (e) => events.push(e.message));
    const started = await core.router.invoke(
      'models.train',
      { path: train, text: 'text', label: 'category', modelId: 'intents' },
      ctx,
    );
    const done = await core.trainings.settled(started.id);
    expect(done).toMatchObject({ status: 'done', version: 1 });
    expect(events.some((m) => /epoch 1/.test(m))).toBe(true);
    const detail = await core.router.invoke('models.get', { modelId: 'intents' }, ctx);
    expect(detail.active).toBe(true);
    expect(detail.confusion).toHaveLength(detail.labels.length);

    const second = await core.router.invoke(
      'models.train',
      { path: train, text: 'text', label: 'category', modelId: 'intents', seed: 9 },
      ctx,
    );
    expect((await core.trainings.settled(second.id)).version).toBe(2);
    expect((await core.router.invoke('models.rollback', { modelId: 'intents' }, ctx)).version).toBe(1);

    const cancelled = await core.router.invoke(
      'models.train',
      { path: train, text: 'text', label: 'category', modelId: 'intents' },
      ctx,
    );
    await core.router.invoke('models.cancelTraining', { trainingId: cancelled.id }, ctx);
    expect((await core.trainings.settled(cancelled.id)).status).toBe('cancelled');
    expect(await core.router.invoke('models.list', {}, ctx)).toHaveLength(2);

    await expect(
      core.router.invoke(
        'models.train',
        { path: train, text: 'body', label: 'category', modelId: 'intents' },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('a transformers.js folder installs and classifies through the registry with no network request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    try {
      const core = openTestCore();
      const ctx = { transport: 'in-process' as const, actor: 'test' };
      const installed = await core.router.invoke(
        'models.import',
        { path: TINY_TRANSFORMERS, modelId: 'tiny-topics' },
        ctx,
      );
      expect(installed).toMatchObject({
        format: 'transformers.js',
        task: 'text-classification',
        active: true,
      });
      const [p] = await core.router.invoke(
        'models.classify',
        { modelId: 'tiny-topics', texts: ['please pay this invoice and the bill'] },
        ctx,
      );
      expect(p!.label).toBe('invoice');
      const { env: tenv } = await import('@huggingface/transformers');
      expect(tenv.allowRemoteModels).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
