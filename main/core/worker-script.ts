// Where a worker thread's script is: from source, the .ts file beside the caller; in the desktop build,
// where every module is bundled into main.mjs, the worker's own bundle beside main.mjs
// (scripts/build-electron.mjs builds one per worker).
export function workerScript(callerUrl: string, source: string, bundled: string): URL {
  return new URL(callerUrl.endsWith('.ts') ? source : bundled, callerUrl);
}
