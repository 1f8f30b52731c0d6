// The desktop shell's wiring, driven through its seam with stand-ins for Electron's objects (the Electron
// runtime cannot be downloaded on the build machines). The router and store behind it are the real ones.
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isAllowedRequest, isAppUrl } from '../../main/electron/app-origin.ts';
import { registerIpc } from '../../main/electron/ipc.ts';
import {
  CALL_CHANNEL,
  EVENT_CHANNEL,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from '../../main/electron/ipc-channels.ts';
import {
  keychainUsable,
  loadOrCreateDesktopKey,
  sealedKeyPath,
  type SafeStorageLike,
} from '../../main/electron/key-store.ts';
import { appProtocolResponse } from '../../main/electron/protocol.ts';
import {
  hardenSession,
  hardenWebContents,
  type SessionLike,
  type WebContentsLike,
} from '../../main/electron/security.ts';
import { createMainWindow } from '../../main/electron/window.ts';
import { useTestCores } from '../helpers/core.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();
const testCore = useTestCores();

type Listener = (...args: never[]) => unknown;

function preventable(): { preventDefault(): void; prevented: boolean } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('main window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webviews', () => {
    let options: Record<string, unknown> = {};
    class FakeWindow {
      constructor(o: Record<string, unknown>) {
        options = o;
      }
    }
    createMainWindow(FakeWindow as never, '/app/preload.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('session', () => {
  function fakeSession() {
    const s = {
      beforeRequest: undefined as
        undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
      permissionRequest: undefined as undefined | Listener,
      permissionCheck: undefined as undefined | Listener,
      deviceCheck: undefined as undefined | Listener,
      download: undefined as undefined | ((e: ReturnType<typeof preventable>) => void),
      webRequest: { onBeforeRequest: (fn: never) => (s.beforeRequest = fn) },
      setPermissionRequestHandler: (fn: never) => (s.permissionRequest = fn),
      setPermissionCheckHandler: (fn: never) => (s.permissionCheck = fn),
      setDevicePermissionHandler: (fn: never) => (s.deviceCheck = fn),
      on: (_name: string, fn: never) => (s.download = fn),
    };
    return s;
  }

  it("blocks every request that is not the app's own", () => {
    const s = fakeSession();
    const blocked: string[] = [];
    hardenSession(s as unknown as SessionLike, (m) => blocked.push(m));
    const decide = (url: string): boolean => {
      let cancel: boolean | undefined;
      s.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel as boolean;
    };
    expect(decide('app://docket/index.html')).toBe(false);
    expect(decide('app://docket/assets/index.js')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/api',
      'file:///etc/passwd',
      'app://other/index.html',
      'ws://localhost:1234',
      'https://docket/',
    ]) {
      expect(decide(url), url).toBe(true);
    }
    expect(blocked).toHaveLength(6);
  });

  it('denies every permission request and check, and downloads', () => {
    const s = fakeSession();
    hardenSession(s as unknown as SessionLike);
    let granted: boolean | undefined;
    (s.permissionRequest as unknown as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      (ok) => (granted = ok),
    );
    expect(granted).toBe(false);
    expect((s.permissionCheck as unknown as () => boolean)()).toBe(false);
    expect((s.deviceCheck as unknown as () => boolean)()).toBe(false);
    const download = preventable();
    s.download?.(download);
    expect(download.prevented).toBe(true);
  });
});

describe('web contents', () => {
  function fakeContents() {
    const handlers = new Map<string, (e: ReturnType<typeof preventable>, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: never) => handlers.set(name, fn),
      setWindowOpenHandler: (fn: never) => (openHandler = fn),
    };
    hardenWebContents(contents as unknown as WebContentsLike);
    return { handlers, open: () => openHandler?.() };
  }

  it('denies navigation away from the app, redirects, new windows and webviews', () => {
    const { handlers, open } = fakeContents();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const away = preventable();
      handlers.get(event)?.(away, 'https://phish.example/login');
      expect(away.prevented, event).toBe(true);
      const inside = preventable();
      handlers.get(event)?.(inside, 'app://docket/index.html#/documents');
      expect(inside.prevented, event).toBe(false);
    }
    const webview = preventable();
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.prevented).toBe(true);
    expect(open()).toEqual({ action: 'deny' });
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://docket.evil/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAllowedRequest('blob:app://docket/123')).toBe(true);
    expect(isAllowedRequest('blob:https://evil/123')).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with its CSP and nothing outside it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<title>Docket</title>');
    writeFileSync(join(dir, 'secret.txt'), 'private');
    const index = await appProtocolResponse(join(dir, 'renderer'), 'app://docket/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('Docket');
    for (const url of [
      'app://docket/../secret.txt',
      'app://docket/%2e%2e/secret.txt',
      'app://docket/..%2fsecret.txt',
    ]) {
      const res = await appProtocolResponse(join(dir, 'renderer'), url);
      expect(await res.text(), url).not.toContain('private');
    }
    expect((await appProtocolResponse(join(dir, 'renderer'), 'app://elsewhere/index.html')).status).toBe(404);
  });
});

describe('IPC transport', () => {
  function setup() {
    const core = testCore();
    const handles = new Map<string, Listener>();
    const ons = new Map<string, Listener>();
    registerIpc(
      {
        handle: (c: string, fn: never) => handles.set(c, fn),
        on: (c: string, fn: never) => ons.set(c, fn),
      } as never,
      core.router,
    );
    return { core, handles, ons };
  }

  function sender(id: number) {
    const sent: unknown[][] = [];
    const onceHandlers = new Map<string, () => void>();
    return {
      sent,
      destroy: () => onceHandlers.get('destroyed')?.(),
      crash: () => onceHandlers.get('render-process-gone')?.(),
      value: {
        id,
        send: (...args: unknown[]) => sent.push(args),
        once: (n: string, fn: () => void) => onceHandlers.set(n, fn),
      },
    };
  }

  it('routes calls from the app to the real router, with validation', async () => {
    const { handles } = setup();
    const call = handles.get(CALL_CHANNEL) as unknown as (
      e: unknown,
      n: unknown,
      i: unknown,
    ) => Promise<{ ok: boolean; data?: { encrypted: boolean }; error?: { code: string } }>;
    const fromApp = { senderFrame: { url: 'app://docket/index.html' } };
    const status = await call(fromApp, 'status.get', {});
    expect(status.ok).toBe(true);
    expect(status.data?.encrypted).toBe(true);
    const bad = await call(fromApp, 'settings.set', { key: 'nope', value: 1 });
    expect(bad.error?.code).toBe('BAD_INPUT');
    const backup = await call(fromApp, 'store.backup', { out: '/tmp/x.db' });
    expect(backup.error?.code).toBe('FORBIDDEN');
  });

  it('refuses calls from any other frame', async () => {
    const { handles } = setup();
    const call = handles.get(CALL_CHANNEL) as unknown as (
      e: unknown,
      n: string,
      i: unknown,
    ) => Promise<{ error?: { code: string } }>;
    for (const frame of [{ url: 'https://evil.example/' }, { url: 'file:///tmp/x.html' }, null]) {
      expect((await call({ senderFrame: frame }, 'status.get', {})).error?.code).toBe('FORBIDDEN');
    }
  });

  function subscriptionChannels(ons: Map<string, Listener>) {
    return {
      subscribe: ons.get(SUBSCRIBE_CHANNEL) as unknown as (
        e: unknown,
        key: string,
        id: unknown,
        n: string,
        i: unknown,
      ) => void,
      unsubscribe: ons.get(UNSUBSCRIBE_CHANNEL) as unknown as (e: unknown, key: string, id: unknown) => void,
    };
  }
  const progress = (done: number) => ({
    jobId: 3,
    kind: 'import',
    done,
    total: 10,
    message: 'Reading files',
  });

  it('sends subscription events to the window and stops them on unsubscribe or when the window goes away', () => {
    const { core, ons } = setup();
    const { subscribe, unsubscribe } = subscriptionChannels(ons);
    const win = sender(7);
    const event = { senderFrame: { url: 'app://docket/index.html' }, sender: win.value };
    subscribe(event, 'page-1', 1, 'jobs.progress', {});
    core.events.progress(progress(1));
    expect(win.sent).toEqual([[EVENT_CHANNEL, 'page-1', 1, { ok: true, data: progress(1) }]]);
    unsubscribe(event, 'page-1', 1);
    core.events.progress(progress(2));
    expect(win.sent).toHaveLength(1);

    subscribe(event, 'page-1', 2, 'jobs.progress', {});
    win.destroy();
    core.events.progress(progress(3));
    expect(win.sent).toHaveLength(1);

    const stranger = sender(8);
    subscribe(
      { senderFrame: { url: 'https://evil.example/' }, sender: stranger.value },
      'x',
      1,
      'jobs.progress',
      {},
    );
    core.events.progress(progress(4));
    expect(stranger.sent).toHaveLength(0);

    subscribe(event, 'page-1', 3, 'no.such', {});
    expect(win.sent.at(-1)).toMatchObject([
      EVENT_CHANNEL,
      'page-1',
      3,
      { ok: false, error: { code: 'NOT_FOUND' } },
    ]);
  });

  it('ends what a page left running when the window reloads', () => {
    const { core, ons } = setup();
    const { subscribe } = subscriptionChannels(ons);
    const win = sender(9);
    const event = { senderFrame: { url: 'app://docket/index.html' }, sender: win.value };
    subscribe(event, 'old-page', 1, 'jobs.progress', {});
    subscribe(event, 'old-page', 2, 'jobs.progress', {});
    subscribe(event, 'new-page', 1, 'jobs.progress', {});
    core.events.progress(progress(5));
    expect(win.sent).toEqual([[EVENT_CHANNEL, 'new-page', 1, { ok: true, data: progress(5) }]]);
  });

  it('ends subscriptions when the renderer process crashes', () => {
    const { core, ons } = setup();
    const { subscribe } = subscriptionChannels(ons);
    const win = sender(10);
    subscribe(
      { senderFrame: { url: 'app://docket/index.html' }, sender: win.value },
      'p',
      1,
      'jobs.progress',
      {},
    );
    win.crash();
    core.events.progress(progress(6));
    expect(win.sent).toHaveLength(0);
  });
});

describe('desktop database key', () => {
  // Stands in for the OS keychain: a reversible transformation, so nothing is stored in the clear.
  const keychain = (available = true): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
  });

  it('generates a key on first run, seals it with the OS keychain, and returns the same key later', () => {
    const db = join(tempDir(), 'docket.db');
    const first = loadOrCreateDesktopKey(keychain(), db, 'darwin');
    expect(first.keptBy).toBe('os-keychain');
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(sealedKeyPath(db)).includes(first.key)).toBe(false);
    expect(statSync(sealedKeyPath(db)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDesktopKey(keychain(), db, 'darwin').key).toBe(first.key);
  });

  it('falls back to a 0600 key file where no keychain exists', () => {
    const db = join(tempDir(), 'docket.db');
    const k = loadOrCreateDesktopKey(keychain(false), db);
    expect(k.keptBy).toBe('key-file');
    expect(statSync(`${db}.key`).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDesktopKey(keychain(false), db).key).toBe(k.key);
  });

  it("does not trust Linux's 'basic_text' store (a fixed password) as a keychain", () => {
    const db = join(tempDir(), 'docket.db');
    const basicText = { ...keychain(), getSelectedStorageBackend: () => 'basic_text' as const };
    expect(keychainUsable(basicText, 'linux')).toBe(false);
    expect(loadOrCreateDesktopKey(basicText, db, 'linux').keptBy).toBe('key-file');
    expect(existsSync(sealedKeyPath(db))).toBe(false);
    const libsecret = { ...keychain(), getSelectedStorageBackend: () => 'gnome_libsecret' as const };
    expect(keychainUsable(libsecret, 'linux')).toBe(true);
    expect(keychainUsable(keychain(), 'darwin')).toBe(true);
  });

  it('never makes a new key for an existing database whose key is gone', () => {
    const db = join(tempDir(), 'docket.db');
    writeFileSync(db, 'existing encrypted bytes');
    expect(() => loadOrCreateDesktopKey(keychain(), db)).toThrow(/key .* is missing/);
    expect(existsSync(sealedKeyPath(db))).toBe(false);
  });
});

describe('app:// originals for the document viewer', () => {
  it('serves a stored original by document id with its media type, and 404 for anything else', async () => {
    const dir = tempDir();
    const originals = async (id: number) => {
      if (id !== 7) throw new Error(`There is no document ${id}.`);
      return { mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7 bytes') };
    };
    const ok = await appProtocolResponse(dir, 'app://docket/originals/7', originals);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.text()).toBe('%PDF-1.7 bytes');
    expect((await appProtocolResponse(dir, 'app://docket/originals/8', originals)).status).toBe(404);
    expect((await appProtocolResponse(dir, 'app://docket/originals/../7', originals)).status).toBe(404);
    expect((await appProtocolResponse(dir, 'app://elsewhere/originals/7', originals)).status).toBe(404);
  });
});
