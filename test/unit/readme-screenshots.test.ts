// The README's screenshots are the first-run test's (npm run screenshots:readme copies them): each one the
// README shows is in docs/screenshots/ and on the script's list, and nothing on the list is left unshown.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_SHOTS, README_SHOTS_DIR } from '../../scripts/screenshots/readme-shots.ts';

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const shown = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+\.png)\)/g)].map((m) => m[1]!);
const listed = Object.values(README_SHOTS).map((name) => `${README_SHOTS_DIR}/${name}`);

describe('README screenshots', () => {
  it('shows only screenshots the script regenerates, and every one of them', () => {
    expect(shown.length).toBeGreaterThan(0);
    expect([...shown].sort()).toEqual([...listed].sort());
  });

  it('has each of them in docs/screenshots as a PNG, and nothing stale beside them', () => {
    for (const path of listed) {
      expect(existsSync(join(root, path)), path).toBe(true);
      expect(readFileSync(join(root, path)).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(readdirSync(join(root, README_SHOTS_DIR)).sort()).toEqual(Object.values(README_SHOTS).sort());
  });

  it('takes each of them in the first-run Playwright test', () => {
    const spec = readFileSync(join(root, 'test', 'e2e', 'first-run.spec.ts'), 'utf8');
    for (const taken of Object.keys(README_SHOTS)) expect(spec).toContain(`'${taken.replace(/\.png$/, '')}'`);
  });
});
