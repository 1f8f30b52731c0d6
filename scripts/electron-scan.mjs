// Static security scan of the desktop shell with @doyensec/electronegativity. Fails on any HIGH finding.
// Its CLI breaks on a newer hoisted `commander`, so this calls its runner directly; the Electron version
// is given so it does not look releases up on the network.
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);

// The scanner fetches translations from the internet at start-up (and its HTTP client crashes on a retry
// when there is no network). Nothing of ours goes online: give it an HTTP client that refuses at once.
const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js'));
const gotPath = scannerRequire.resolve('got');
const offline = () => Promise.reject(new Error('offline: the Docket scan makes no network requests'));
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { default: offline }),
};

const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = require('electron/package.json').version;

// What the packaged app contains of ours: the main-process code, the renderer's page (with its CSP) and
// package.json. Staged in one folder because the scanner takes a single input.
const input = resolve(process.argv[2] ?? 'reports/electron-scan-input');
// Usage: node scripts/electron-scan.mjs [INPUT_DIR [REPORT.csv]] (defaults: the app, reports/electronegativity.csv)
const output = resolve(process.argv[3] ?? 'reports/electronegativity.csv');
if (!process.argv[2]) {
  rmSync(input, { recursive: true, force: true });
  mkdirSync(input, { recursive: true });
  cpSync('main', `${input}/main`, { recursive: true });
  cpSync('renderer/index.html', `${input}/renderer/index.html`);
  cpSync('package.json', `${input}/package.json`);
}
mkdirSync('reports', { recursive: true });

const result = await run({
  input,
  output,
  isSarif: false,
  customScan: [],
  // This check downloads Electron's release list; the version is pinned and audited with the lockfile.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  severitySet: undefined,
  confidenceSet: undefined,
  isRelative: true,
  isVerbose: false,
  electronUpgrade: undefined,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});

const issues = result.issues ?? [];
const severityOf = (i) => String(i.severity?.name ?? i.severity ?? '').toUpperCase();
for (const i of issues) {
  console.log(
    `${severityOf(i).padEnd(14)} ${i.id}  ${i.file}:${i.location?.line ?? ''}  ${i.description ?? ''}`,
  );
}
if (result.errors?.length)
  console.log(`parse errors: ${result.errors.map((e) => e.file ?? String(e)).join(', ')}`);
const high = issues.filter((i) => severityOf(i) === 'HIGH');
console.log(
  `electronegativity: ${issues.length} findings, ${high.length} high (Electron ${electronVersion}; report in ${output})`,
);
if (high.length > 0 || result.errors?.length) process.exitCode = 1;
