// The bundled desktop shell (dist-electron/main.mjs) run end to end under Node with a stand-in for the
// Electron API (test/fixtures/fake-electron): lifecycle order, the window it opens, the session rules, the
// app:// protocol and an IPC call reaching the real core and the real encrypted database.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDirs();

interface Report {
  events: string[];
  windows: Array<{
    options: { webPreferences: Record<string, unknown> };
    url: string;
    navigationBlocked: boolean;
    openDenied: boolean;
  }>;
  ipc: {
    status: { ok: boolean; data?: { encrypted: boolean; database: string } };
    foreign: { error?: { code: string } };
  };
  protocol: {
    schemes: Array<{ scheme: string }>;
    handled: string;
    index: { status: number; csp: string; body: string };
  };
  session: {
    blocksExternal: boolean;
    allowsApp: boolean;
    permissionDenied: boolean;
    'will-download': boolean;
  };
  errors: string[];
}

function runShell(userData: string): Report {
  const appPath = tempDir();
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<title>Docket window</title>');
  const report = join(tempDir(), 'report.json');
  const r = spawnSync(
    process.execPath,
    ['--import', './test/fixtures/fake-electron/register.mjs', 'dist-electron/main.mjs'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        FAKE_ELECTRON_APP_PATH: appPath,
        FAKE_ELECTRON_USER_DATA: userData,
        FAKE_ELECTRON_REPORT: report,
      },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(report, 'utf8')) as Report;
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
});

describe('desktop shell bundle', () => {
  it('keeps the sandboxed preload free of everything but electron', () => {
    const preload = readFileSync(join(root, 'dist-electron', 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
  });
});

describe('desktop shell lifecycle', () => {
  it('registers app:// before ready, takes the single-instance lock, and opens a locked-down window', () => {
    const userData = tempDir();
    const report = runShell(userData);
    expect(report.errors).toEqual([]);
    expect(report.events.indexOf('registerSchemesAsPrivileged')).toBeLessThan(
      report.events.indexOf('whenReady'),
    );
    expect(report.events).toContain('requestSingleInstanceLock');
    expect(report.protocol.schemes[0]?.scheme).toBe('app');
    expect(report.protocol.handled).toBe('app');

    const [window] = report.windows;
    expect(window?.url).toBe('app://docket/index.html');
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(existsSync(window?.options.webPreferences.preload as string)).toBe(true);
    expect(window?.navigationBlocked).toBe(true);
    expect(window?.openDenied).toBe(true);

    expect(report.session).toMatchObject({
      blocksExternal: true,
      allowsApp: true,
      permissionDenied: true,
      'will-download': true,
    });
    expect(report.protocol.index.status).toBe(200);
    expect(report.protocol.index.body).toContain('Docket window');
    expect(report.protocol.index.csp).toContain("script-src 'self'");
  });

  it('creates an encrypted database with a keychain-sealed key, answers the window over IPC, and reopens it', () => {
    const userData = tempDir();
    const first = runShell(userData);
    expect(first.ipc.status.ok).toBe(true);
    expect(first.ipc.status.data).toMatchObject({ encrypted: true, database: join(userData, 'docket.db') });
    expect(first.ipc.foreign.error?.code).toBe('FORBIDDEN');
    expect(readFileSync(join(userData, 'docket.db')).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    expect(existsSync(join(userData, 'docket.db.key.sealed'))).toBe(true);
    expect(existsSync(join(userData, 'docket.db.key'))).toBe(false);
    const second = runShell(userData);
    expect(second.ipc.status.ok).toBe(true);
  });

  it('shows an error and exits, changing nothing, when the database key is gone', () => {
    const userData = tempDir();
    runShell(userData);
    const before = readFileSync(join(userData, 'docket.db'));
    const sealed = join(userData, 'docket.db.key.sealed');
    writeFileSync(sealed, Buffer.from('damaged'));
    const report = runShell(userData);
    expect(report.errors.join()).toMatch(/Docket cannot start/);
    expect(report.events).toContain('exit 1');
    expect(report.windows).toEqual([]);
    expect(readFileSync(join(userData, 'docket.db')).equals(before)).toBe(true);
  });
});
