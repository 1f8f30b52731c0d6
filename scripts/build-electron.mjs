// Bundles the desktop shell: the main process as ESM, the preload as CommonJS (sandboxed preloads must be).
import { build } from 'esbuild';

const external = ['electron', 'better-sqlite3-multiple-ciphers', 'onnxruntime-node'];
await Promise.all([
  build({
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist-electron/main.mjs',
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
console.log('built dist-electron/main.mjs and dist-electron/preload.cjs');
