// An inference worker: keeps one ONNX Runtime session per model (loaded, checked and warmed up on first
// use), runs batches, and releases sessions that have not been used for a while.
import { parentPort, workerData } from 'node:worker_threads';
import { ModelError } from '../model-folder.ts';
import { TextSession } from './text-session.ts';
import { openEmbedder, type Embedder } from '../text/embedder.ts';
import type { InferenceRequest, InferenceResponse, InferenceWorkerData } from './inference-protocol.ts';

const { intraOpThreads, idleMs } = workerData as InferenceWorkerData;
const sessions = new Map<string, { session: Promise<TextSession>; sha256: string; lastUsed: number }>();
// Embedders live as long as the worker: a few MB each, shared by every classifier that uses them.
const embedders = new Map<string, Promise<Embedder>>();

function embedderFor(dir: string): Promise<Embedder> {
  let e = embedders.get(dir);
  if (!e) {
    e = openEmbedder(dir);
    embedders.set(dir, e);
    e.catch(() => embedders.delete(dir));
  }
  return e;
}

function sessionFor(request: InferenceRequest): Promise<TextSession> {
  const cached = sessions.get(request.modelDir);
  if (cached && cached.sha256 === request.sha256) {
    cached.lastUsed = Date.now();
    return cached.session;
  }
  if (cached) void cached.session.then((s) => s.release()).catch(() => undefined);
  const session = (request.embedderDir ? embedderFor(request.embedderDir) : Promise.resolve(undefined)).then(
    (embedder) => TextSession.open(request.modelDir, { intraOpThreads, embedder }),
  );
  sessions.set(request.modelDir, { session, sha256: request.sha256, lastUsed: Date.now() });
  // A model that failed to load is not cached: the next request tries again (it may have been repaired).
  session.catch(() => sessions.delete(request.modelDir));
  return session;
}

const sweep = setInterval(
  () => {
    const now = Date.now();
    for (const [dir, entry] of sessions) {
      if (now - entry.lastUsed < idleMs) continue;
      sessions.delete(dir);
      void entry.session.then((s) => s.release()).catch(() => undefined);
    }
  },
  Math.max(100, Math.min(idleMs / 2, 60_000)),
);
sweep.unref();

async function handle(request: InferenceRequest): Promise<InferenceResponse> {
  if (request.modelDir === '' && request.texts.length === 0) {
    return { ok: true, probabilities: new Float32Array(0), classes: 0, cachedSessions: sessions.size };
  }
  try {
    const session = await sessionFor(request);
    if (session.card.sha256 !== request.sha256) {
      throw new ModelError(
        `Model "${session.card.id}" at ${request.modelDir} is not the version the registry expects.`,
      );
    }
    const rows = await session.probabilities(request.texts);
    const classes = session.card.labels.length;
    const probabilities = new Float32Array(rows.length * classes);
    rows.forEach((r, i) => probabilities.set(r, i * classes));
    return { ok: true, probabilities, classes, cachedSessions: sessions.size };
  } catch (e) {
    return { ok: false, message: (e as Error).message, modelError: e instanceof ModelError };
  }
}

parentPort!.on('message', (request: InferenceRequest) => {
  void handle(request).then((response) =>
    parentPort!.postMessage(response, response.ok ? [response.probabilities.buffer as ArrayBuffer] : []),
  );
});
