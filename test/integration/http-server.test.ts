// The local HTTP transport against the real core: token, Host and Origin checks, typed errors, events,
// and the renderer's files with their security headers.
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../main/server/http-server.ts';
import { docket, spawnServe } from '../helpers/cli.ts';
import { useTestCores } from '../helpers/core.ts';
import { useTempDirs } from '../helpers/temp.ts';

const tempDir = useTempDirs();
const testCore = useTestCores();
const servers: RunningServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(): Promise<{ server: RunningServer; rendererDir: string }> {
  const dir = tempDir();
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Docket</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  const server = await startServer({ router: testCore(dir).router, rendererDir });
  servers.push(server);
  return { server, rendererDir };
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so tests can send any Host header (fetch cannot). */
function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The API's answer, shaped as the tests read it. */
interface ApiBody {
  ok: boolean;
  data: { encrypted: boolean; schemaVersion: number };
  error: { code: string; issues: Array<{ path: string }> };
}
const jsonOf = async (res: Response): Promise<ApiBody> => (await res.json()) as ApiBody;

function call(server: RunningServer, name: string, input: unknown, token = server.token): Promise<Response> {
  return fetch(`${server.url}api/call/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
}

describe('access control', () => {
  it('binds to 127.0.0.1 and answers a call with the right token', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await call(server, 'status.get', {});
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body.ok).toBe(true);
    expect(body.data.encrypted).toBe(true);
  });

  it('refuses a wrong or missing token', async () => {
    const { server } = await start();
    const wrong = await call(server, 'status.get', {}, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect((await jsonOf(wrong)).error.code).toBe('UNAUTHORIZED');
    const missing = await fetch(`${server.url}api/call/status.get`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    const almost = await call(server, 'status.get', {}, `${server.token}x`);
    expect(almost.status).toBe(401);
  });

  it('refuses a foreign Host header even with the right token (DNS rebinding)', async () => {
    const { server } = await start();
    const auth = { Authorization: `Bearer ${server.token}` };
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
    ]) {
      const res = await raw(server.port, {
        method: 'POST',
        path: '/api/call/status.get',
        headers: { ...auth, Host: host },
      });
      expect(res.status, `Host: ${host}`).toBe(403);
    }
    const page = await raw(server.port, { path: '/', headers: { Host: `attacker.test:${server.port}` } });
    expect(page.status).toBe(403);
    const ok = await raw(server.port, {
      method: 'POST',
      path: '/api/call/status.get',
      headers: { ...auth, Host: `localhost:${server.port}` },
    });
    expect(ok.status).toBe(200);
  });

  it('refuses cross-origin requests and sends no CORS headers', async () => {
    const { server } = await start();
    const res = await raw(server.port, {
      method: 'POST',
      path: '/api/call/status.get',
      headers: {
        Host: `127.0.0.1:${server.port}`,
        Authorization: `Bearer ${server.token}`,
        Origin: 'https://evil.example',
      },
    });
    expect(res.status).toBe(403);
    const preflight = await raw(server.port, {
      method: 'OPTIONS',
      path: '/api/call/status.get',
      headers: { Host: `127.0.0.1:${server.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const same = await call(server, 'status.get', {});
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the API over HTTP', () => {
  it('returns typed errors for bad input, unknown procedures and malformed JSON', async () => {
    const { server } = await start();
    const bad = await call(server, 'settings.set', { key: 'ingest.workers', value: 'many' });
    expect(bad.status).toBe(400);
    const body = await jsonOf(bad);
    expect(body.error.code).toBe('BAD_INPUT');
    expect(body.error.issues[0]?.path).toBe('value');
    const unknown = await call(server, 'nope.nothing', {});
    expect(unknown.status).toBe(404);
    const malformed = await fetch(`${server.url}api/call/status.get`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
      body: '{not json',
    });
    expect(malformed.status).toBe(400);
  });

  it('keeps command-line-only procedures away from the web transport', async () => {
    const { server } = await start();
    const res = await call(server, 'store.backup', { out: join(tempDir(), 'steal.db') });
    expect(res.status).toBe(403);
    expect((await jsonOf(res)).error.code).toBe('FORBIDDEN');
  });

  it('streams status events over SSE when something changes', async () => {
    const { server } = await start();
    const abort = new AbortController();
    const res = await fetch(`${server.url}api/subscribe/status.watch`, {
      headers: { Authorization: `Bearer ${server.token}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    const events: Array<{ counts: { auditLog: number } }> = [];
    let buffer = '';
    const nextEvent = async (): Promise<{ counts: { auditLog: number } }> => {
      for (;;) {
        const frames = buffer.split('\n\n');
        buffer = frames.pop() ?? '';
        for (const f of frames) {
          const data = f.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
        const first = events.shift();
        if (first) return first;
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    };
    expect((await nextEvent()).counts.auditLog).toBe(0);
    expect((await call(server, 'settings.set', { key: 'ui.density', value: 'compact' })).status).toBe(200);
    expect((await nextEvent()).counts.auditLog).toBe(1);
    abort.abort();
  });
});

describe('renderer files', () => {
  it('serves the app with a strict CSP and never a file outside its folder', async () => {
    const { server } = await start();
    const host = { Host: `127.0.0.1:${server.port}` };
    const index = await raw(server.port, { path: '/', headers: host });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(
      (await raw(server.port, { path: '/assets/app.js', headers: host })).headers['content-type'],
    ).toMatch(/javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await raw(server.port, { path, headers: host });
      expect(res.body, path).not.toContain('outside the renderer');
    }
    expect((await raw(server.port, { path: '/missing.js', headers: host })).status).toBe(404);
  });
});

describe('docket serve', () => {
  it('prints the address and token once, writes them to a 0600 file, and removes it on exit', async () => {
    const dir = tempDir();
    const db = join(dir, 'd.db');
    expect(docket(['init', '--db', db]).code).toBe(0);
    const { child, info } = await spawnServe(db);
    try {
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(info.openUrl).toBe(`${info.url}#token=${info.token}`);
      expect(statSync(info.tokenFile).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(info.tokenFile, 'utf8')).token).toBe(info.token);
      const res = await fetch(`${info.url}api/call/status.get`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${info.token}` },
        body: '{}',
      });
      expect((await jsonOf(res)).data.schemaVersion).toBeGreaterThan(0);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(info.tokenFile)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('docket serve failures', () => {
  it('a port in use exits 1 with a clear message and leaves nothing running', async () => {
    const dir = tempDir();
    const db = join(dir, 'd.db');
    expect(docket(['init', '--db', db]).code).toBe(0);
    const { child, info } = await spawnServe(db);
    try {
      const second = docket(['serve', '--db', db, '--port', String(info.port)]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`Port ${info.port} is already in use`));
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('a failure after the server started stops it and exits 1', () => {
    const dir = tempDir();
    const db = join(dir, 'd.db');
    expect(docket(['init', '--db', db]).code).toBe(0);
    mkdirSync(`${db}.server.json`); // the token file cannot be written
    const r = docket(['serve', '--db', db]); // returns only because the process exits
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot write the server's token file .*server\.json/);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });
});
