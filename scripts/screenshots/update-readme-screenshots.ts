// Regenerates the README's screenshots from the real window: builds it, runs the first-run Playwright test
// (a fresh `docket serve`, "Try with sample data", a reviewed invoice, a routed ticket, a tagged contact),
// and copies the screenshots it took into docs/screenshots/.
//   npm run screenshots:readme
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { README_SHOTS, README_SHOTS_DIR } from './readme-shots.ts';

const root = new URL('../../', import.meta.url).pathname;
const taken = join(root, 'test-results', 'screenshots');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

// Stale shots must not be copied if the test fails before taking them again.
for (const name of Object.keys(README_SHOTS)) rmSync(join(taken, name), { force: true });
execFileSync(bin('vite'), ['build', '--config', 'renderer/vite.config.ts'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('playwright'), ['test', 'test/e2e/first-run.spec.ts'], { cwd: root, stdio: 'inherit' });

mkdirSync(join(root, README_SHOTS_DIR), { recursive: true });
for (const [from, to] of Object.entries(README_SHOTS)) {
  copyFileSync(join(taken, from), join(root, README_SHOTS_DIR, to));
  console.log(`${README_SHOTS_DIR}/${to}`);
}
