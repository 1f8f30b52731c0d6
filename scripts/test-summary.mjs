// One closing line for the whole `npm test` run, from the Vitest and Playwright JSON reports.
import { readFileSync } from 'node:fs';

const read = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
};
const vitest = read('reports/vitest.json');
const playwright = read('reports/playwright.json');
let passed = 0;
let failed = 0;
let skipped = 0;
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
}
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}
if (!vitest || !playwright) {
  console.error('test summary: a report is missing (reports/vitest.json, reports/playwright.json)');
  process.exitCode = 1;
}
console.log(
  `Vitest ${vitest?.numTotalTests ?? 0} tests, Playwright ${playwright ? playwright.stats.expected + playwright.stats.unexpected + playwright.stats.flaky + playwright.stats.skipped : 0} tests`,
);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0) process.exitCode = 1;
