// transformers.js-format model folders through @huggingface/transformers, offline: the four text tasks on
// the tiny fixture models (test/fixtures/models, built by make-tiny-transformers.ts), folder detection,
// no network (remote loading off, no fetch, no model ids), clear errors that name the folder, and the
// committed fixtures equal to what the generator writes.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  TransformersModelError,
  detectModelFolderFormat,
  isDocketModelFolder,
  isTransformersFolder,
  missingTransformersFiles,
} from '../../main/engine/transformers/folder.ts';
import { openTransformersModel } from '../../main/engine/transformers/open.ts';
import type { TransformersModel } from '../../main/engine/transformers/open.ts';
import {
  FIXTURE_ROOT,
  HIDDEN,
  TEXT_LABELS,
  TINY_FOLDERS,
  TOKEN_LABELS,
  tinyTransformersFiles,
} from '../fixtures/models/make-tiny-transformers.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();
const fixture = (name: string) => join(FIXTURE_ROOT, name);

// The library's default file cache lives in its own package folder; Docket must never write there.
const libraryDir = dirname(dirname(createRequire(import.meta.url).resolve('@huggingface/transformers')));
const libraryCache = join(libraryDir, '.cache');
const libraryCacheExisted = existsSync(libraryCache);

// Every test runs with fetch replaced by a spy that fails; none may call it.
const fetchSpy = vi.fn(async (input: unknown) => {
  throw new Error(`network request attempted: ${String(input)}`);
});
const realFetch = globalThis.fetch;

const models: Partial<Record<keyof typeof TINY_FOLDERS, TransformersModel>> = {};
function model(name: keyof typeof TINY_FOLDERS): TransformersModel {
  const m = models[name];
  if (!m) throw new Error(`${name} was not opened`);
  return m;
}

beforeAll(async () => {
  globalThis.fetch = fetchSpy as unknown as typeof fetch;
  models.textClassification = await openTransformersModel(fixture(TINY_FOLDERS.textClassification));
  models.tokenClassification = await openTransformersModel(fixture(TINY_FOLDERS.tokenClassification));
  models.zeroShot = await openTransformersModel(fixture(TINY_FOLDERS.zeroShot));
  models.featureExtraction = await openTransformersModel(
    fixture(TINY_FOLDERS.featureExtraction),
    'feature-extraction',
  );
});

afterEach(() => {
  expect(fetchSpy).not.toHaveBeenCalled();
});

afterAll(async () => {
  for (const m of Object.values(models)) await m?.dispose();
  globalThis.fetch = realFetch;
  expect(existsSync(libraryCache)).toBe(libraryCacheExisted);
});

/** A copy of a fixture folder in a temporary folder, to damage. */
function copyFixture(name: string): string {
  const dir = join(tempDir(), name);
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

async function openError(dir: string, task?: Parameters<typeof openTransformersModel>[1]) {
  try {
    await openTransformersModel(dir, task);
  } catch (e) {
    expect(e).toBeInstanceOf(TransformersModelError);
    return e as TransformersModelError;
  }
  throw new Error(`expected opening ${dir} to fail`);
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('the four tasks on the tiny fixture models', () => {
  it('reads the task from config.json and runs on onnxruntime-node', () => {
    expect(model('textClassification').task).toBe('text-classification');
    expect(model('tokenClassification').task).toBe('token-classification');
    expect(model('zeroShot').task).toBe('zero-shot-classification');
    expect(model('featureExtraction').task).toBe('feature-extraction');
    expect(model('textClassification').labels).toEqual(TEXT_LABELS);
    expect(model('tokenClassification').labels).toEqual(TOKEN_LABELS);
    for (const m of Object.values(models)) expect(m!.runtime).toMatch(/^onnxruntime-node \d+\.\d+/);
  });

  it('text-classification: labels texts by their topic words', async () => {
    const texts = [
      'Please pay the attached INVOICE',
      'The agreement has been signed by both parties',
      'Our login is broken, please help',
      'Hello world',
    ];
    const top = await model('textClassification').classify(texts);
    expect(top.map((r) => r.map((x) => x.label))).toEqual([['invoice'], ['contract'], ['ticket'], ['other']]);
    expect(top[0]![0]!.score).toBeGreaterThan(0.9);

    const all = await model('textClassification').classify(['The bill is due'], { topK: 10 });
    expect(all[0]!.map((x) => x.label).sort()).toEqual([...TEXT_LABELS].sort());
    expect(all[0]![0]!.label).toBe('invoice');
    const scores = all[0]!.map((x) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    expect(await model('textClassification').classify([])).toEqual([]);
  });

  it('token-classification: tags every token and groups entities', async () => {
    const tokens = await model('tokenClassification').labelTokens('John Smith of Acme Corp in Paris');
    expect(tokens.map((t) => [t.word, t.label])).toEqual([
      ['john', 'B-PER'],
      ['smith', 'I-PER'],
      ['of', 'O'],
      ['acme', 'B-ORG'],
      ['corp', 'I-ORG'],
      ['in', 'O'],
      ['paris', 'B-LOC'],
    ]);
    expect(tokens.map((t) => t.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const t of tokens) expect(t.score).toBeGreaterThan(0.9);

    const entities = await model('tokenClassification').entities(
      'Invoice from Globex Inc, London, for Jane Doe',
    );
    expect(entities.map((e) => [e.label, e.word])).toEqual([
      ['ORG', 'globex inc'],
      ['LOC', 'london'],
      ['PER', 'jane doe'],
    ]);
  });

  it('zero-shot-classification: ranks the matching hypothesis first', async () => {
    const candidates = ['contracts', 'invoices', 'support tickets'];
    const hypothesisTemplate = 'This example is about {}.';
    const invoice = await model('zeroShot').zeroShot('Please pay the attached invoice', candidates, {
      hypothesisTemplate,
    });
    expect(invoice.labels[0]).toBe('invoices');
    expect(invoice.scores[0]).toBeGreaterThan(0.9);
    expect(invoice.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    const contract = await model('zeroShot').zeroShot('The agreement has been signed', candidates, {
      hypothesisTemplate,
    });
    expect(contract.labels[0]).toBe('contracts');
    const ticket = await model('zeroShot').zeroShot('Login broken, need help', candidates);
    expect(ticket.labels[0]).toBe('support tickets');

    const multi = await model('zeroShot').zeroShot('The bill is due under the contract terms', candidates, {
      hypothesisTemplate,
      multiLabel: true,
    });
    const score = Object.fromEntries(multi.labels.map((l, i) => [l, multi.scores[i]!]));
    expect(score.invoices).toBeGreaterThan(0.5);
    expect(score.contracts).toBeGreaterThan(0.5);
    expect(score['support tickets']).toBeLessThan(0.1);
  });

  it('feature-extraction: one normalised vector per text, closer within a topic', async () => {
    const [invoice, bill, contract] = await model('featureExtraction').embed([
      'Please pay the invoice',
      'The bill is due',
      'The contract is signed',
    ]);
    for (const v of [invoice!, bill!, contract!]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(HIDDEN);
      expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 5);
    }
    expect(cosine(invoice!, bill!)).toBeGreaterThan(cosine(invoice!, contract!) + 0.5);
    // The same text gives the same vector, alone or in a padded batch.
    const [alone] = await model('featureExtraction').embed(['The bill is due']);
    expect(Array.from(alone!)).toEqual(Array.from(bill!).map((x) => expect.closeTo(x, 6)));
  });

  it('refuses a method the task does not have', async () => {
    await expect(model('tokenClassification').classify(['invoice'])).rejects.toThrow(
      /classify\(\) needs a text-classification model; this one is token-classification/,
    );
    await expect(model('textClassification').embed(['invoice'])).rejects.toThrow(TransformersModelError);
    await expect(model('zeroShot').zeroShot('invoice', [])).rejects.toThrow(/needs candidate labels/);
  });
});

describe('no network', () => {
  it('leaves remote loading off and every cache off after opening', () => {
    expect(env.allowRemoteModels).toBe(false);
    expect(env.allowLocalModels).toBe(true);
    expect(env.useFSCache).toBe(false);
    expect(env.useBrowserCache).toBe(false);
    expect(env.useCustomCache).toBe(false);
    expect(env.cacheDir).toBeNull();
  });

  it("replaces the library's fetch with one that refuses", async () => {
    await expect(env.fetch('https://huggingface.co/Xenova/bert/resolve/main/config.json')).rejects.toThrow(
      /local folders only/,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fails clearly for a model id that is not a local folder, without a request', async () => {
    const libraryFetch = vi.spyOn(env, 'fetch');
    try {
      const error = await openError('Xenova/distilbert-base-uncased-mnli', 'zero-shot-classification');
      expect(error.message).toContain('"Xenova/distilbert-base-uncased-mnli"');
      expect(error.message).toMatch(/no such folder on this machine.*never downloads/);
      // Even the library itself, asked directly for a Hub id, stays offline in the environment set.
      await expect(
        pipeline('text-classification', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english'),
      ).rejects.toThrow(/allowRemoteModels=false|local_files_only/);
      expect(libraryFetch).not.toHaveBeenCalled();
    } finally {
      libraryFetch.mockRestore();
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('folder detection', () => {
  it('tells transformers.js folders from Docket-native ones', () => {
    for (const name of Object.values(TINY_FOLDERS)) {
      expect(isTransformersFolder(fixture(name))).toBe(true);
      expect(isDocketModelFolder(fixture(name))).toBe(false);
      expect(detectModelFolderFormat(fixture(name))).toBe('transformers');
      expect(missingTransformersFiles(fixture(name))).toEqual([]);
    }
    const native = tempDir();
    writeFileSync(join(native, 'model.onnx'), new Uint8Array([8, 8]));
    writeFileSync(join(native, 'card.json'), '{}');
    expect(isDocketModelFolder(native)).toBe(true);
    expect(isTransformersFolder(native)).toBe(false);
    expect(detectModelFolderFormat(native)).toBe('docket');

    const empty = tempDir();
    expect(detectModelFolderFormat(empty)).toBeNull();
    expect(detectModelFolderFormat(join(empty, 'nothing-here'))).toBeNull();
  });

  it('still recognises an incomplete transformers.js folder, and lists what it lacks', () => {
    const dir = copyFixture(TINY_FOLDERS.textClassification);
    rmSync(join(dir, 'onnx', 'model.onnx'));
    rmSync(join(dir, 'tokenizer_config.json'));
    expect(isTransformersFolder(dir)).toBe(true);
    expect(missingTransformersFiles(dir)).toEqual(['tokenizer_config.json', 'onnx/model.onnx']);
  });
});

describe('clear errors that name the folder', () => {
  it('a missing onnx/model.onnx', async () => {
    const dir = copyFixture(TINY_FOLDERS.textClassification);
    rmSync(join(dir, 'onnx', 'model.onnx'));
    const error = await openError(dir);
    expect(error.folder).toBe(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/missing onnx\/model\.onnx/);
  });

  it('a corrupt onnx/model.onnx', async () => {
    const dir = copyFixture(TINY_FOLDERS.zeroShot);
    writeFileSync(join(dir, 'onnx', 'model.onnx'), Buffer.from('this is not an ONNX model'.repeat(20)));
    const error = await openError(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/could not be opened for zero-shot-classification/);
  });

  it('a truncated onnx/model.onnx', async () => {
    const dir = copyFixture(TINY_FOLDERS.featureExtraction);
    const file = join(dir, 'onnx', 'model.onnx');
    writeFileSync(file, readFileSync(file).subarray(0, 200));
    const error = await openError(dir);
    expect(error.message).toContain(dir);
  });

  it('a bad config.json', async () => {
    const dir = copyFixture(TINY_FOLDERS.textClassification);
    writeFileSync(join(dir, 'config.json'), '{ "model_type": ');
    expect((await openError(dir)).message).toMatch(/config\.json is not valid JSON/);
    writeFileSync(join(dir, 'config.json'), '{ "architectures": ["BertForSequenceClassification"] }');
    expect((await openError(dir)).message).toMatch(/config\.json has no "model_type"/);
    writeFileSync(join(dir, 'config.json'), '{ "model_type": "bert", "architectures": ["BertForMaskedLM"] }');
    const error = await openError(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(
      /cannot tell the task from config\.json \(architectures: BertForMaskedLM\)/,
    );
  });

  it('takes the task from "docket_task" in config.json when the architecture does not tell', async () => {
    const dir = copyFixture(TINY_FOLDERS.featureExtraction);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    delete config.architectures;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, docket_task: 'feature-extraction' }));
    const opened = await openTransformersModel(dir);
    try {
      expect(opened.task).toBe('feature-extraction');
      expect((await opened.embed(['invoice']))[0]!.length).toBe(HIDDEN);
    } finally {
      await opened.dispose();
    }
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, docket_task: 'translation' }));
    expect((await openError(dir)).message).toMatch(/unknown task "translation"/);
  });

  it('a bad tokenizer.json', async () => {
    const dir = copyFixture(TINY_FOLDERS.tokenClassification);
    writeFileSync(join(dir, 'tokenizer.json'), 'not json');
    const error = await openError(dir);
    expect(error.message).toContain(dir);
    expect(error.message).toMatch(/tokenizer\.json is not valid JSON/);
  });

  it('an unknown task, or one the model cannot run', async () => {
    const dir = fixture(TINY_FOLDERS.textClassification);
    const unknown = await openError(dir, 'summarization' as never);
    expect(unknown.message).toContain(dir);
    expect(unknown.message).toMatch(/unknown task "summarization"/);
    const mismatch = await openError(dir, 'token-classification');
    expect(mismatch.message).toMatch(/declares BertForSequenceClassification, which cannot run the task/);
    // A classifier without entailment/contradiction labels is no zero-shot model.
    const notNli = await openError(dir, 'zero-shot-classification');
    expect(notNli.message).toMatch(/needs an NLI model/);
  });
});

describe('the committed fixtures', () => {
  function listFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => f.split(sep).join('/'));
  }

  it('equal, byte for byte, what make-tiny-transformers.ts generates', async () => {
    const generated = await tinyTransformersFiles();
    const committed = Object.values(TINY_FOLDERS).flatMap((folder) =>
      listFiles(fixture(folder)).map((f) => `${folder}/${f}`),
    );
    expect(committed.sort()).toEqual([...generated.keys()].sort());
    for (const [path, bytes] of generated) {
      const onDisk = readFileSync(join(FIXTURE_ROOT, path));
      expect(Buffer.from(bytes).equals(onDisk), `${path} differs from the generator's output`).toBe(true);
      expect(bytes.byteLength, `${path} should stay small`).toBeLessThan(16_000);
    }
  });

  it('are generated deterministically', async () => {
    const first = await tinyTransformersFiles();
    const second = await tinyTransformersFiles();
    for (const [path, bytes] of first) expect(Buffer.from(bytes).equals(second.get(path)!)).toBe(true);

    // Written to another folder, the tiny models open and classify the same way.
    const root = tempDir();
    for (const [path, bytes] of first) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), bytes);
    }
    const copy = await openTransformersModel(join(root, TINY_FOLDERS.textClassification));
    try {
      expect(relative(root, copy.dir)).toBe(TINY_FOLDERS.textClassification);
      expect((await copy.classify(['contract terms']))[0]![0]!.label).toBe('contract');
    } finally {
      await copy.dispose();
    }
  });
});
