// The checks that keep the architecture honest must themselves be able to fail: the lint import
// boundaries and the Electron security scan are run here on code that breaks them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function lint(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint import boundaries', () => {
  it("lets only main/electron import 'electron'", async () => {
    const code = "import { app } from 'electron';\nexport const name = app.name;\n";
    expect(await lint('main/store/leak.ts', code)).toEqual([
      expect.stringMatching(/no-restricted-imports: .*Only main\/electron/),
    ]);
    expect(await lint('main/cli/leak.ts', code)).toHaveLength(1);
    expect(await lint('main/store/leak.ts', "export { app } from 'electron';\n")).toHaveLength(1);
    expect(
      await lint('main/store/leak.ts', "import { app } from 'electron/main';\nexport const a = app;\n"),
    ).toHaveLength(1);
    expect(await lint('main/store/leak.ts', "export const load = () => import('electron');\n")).toEqual([
      expect.stringMatching(/no-restricted-syntax: .*Only main\/electron/),
    ]);
    expect(await lint('main/core/leak.ts', "export const e = require('electron');\n")).toContainEqual(
      expect.stringMatching(/no-restricted-syntax/),
    );
    expect(await lint('main/electron/ok.ts', code)).toEqual([]);
  });

  it("lets the renderer import only the API contract's types from main", async () => {
    const typeOnly = "import type { Status } from '../../main/api/contract.ts';\nexport type S = Status;\n";
    expect(await lint('renderer/src/ok.ts', typeOnly)).toEqual([]);
    const valueImport =
      "import { contract } from '../../main/api/contract.ts';\nexport const c = contract;\n";
    expect((await lint('renderer/src/bad.ts', valueImport)).join()).toMatch(/import type/);
    const storeImport =
      "import type { Store } from '../../main/store/database.ts';\nexport type S = Store;\n";
    expect((await lint('renderer/src/bad.ts', storeImport)).join()).toMatch(/nothing from main/);
    const nodeImport = "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n";
    expect((await lint('renderer/src/bad.ts', nodeImport)).join()).toMatch(/no Node.js modules/);
    const bareNodeImport = "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n";
    expect((await lint('renderer/src/bad.tsx', bareNodeImport)).join()).toMatch(/no Node.js modules/);
    const dynamicCore = "export const load = () => import('../../main/store/database.ts');\n";
    expect((await lint('renderer/src/bad.ts', dynamicCore)).join()).toMatch(/loads no code from main/);
  });
});

describe('Electron security scan', () => {
  it('fails on an insecure window and names the finding', () => {
    // The report goes to a temporary file so the app's own report in reports/ is not overwritten.
    const report = join(mkdtempSync(join(tmpdir(), 'docket-scan-')), 'report.csv');
    const r = spawnSync(
      process.execPath,
      ['scripts/electron-scan.mjs', 'test/fixtures/electron-insecure', report],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/HIGH\s+(NODE_INTEGRATION|CONTEXT_ISOLATION)/);
    expect(r.stdout).toMatch(/[1-9]\d* high/);
    expect(readFileSync(report, 'utf8')).toMatch(/HIGH/);
    rmSync(join(report, '..'), { recursive: true, force: true });
  });
});
