// The local HTTP transport: for development and browser tests, and for machines where Electron cannot
// run. It binds 127.0.0.1 only, wants a bearer token on every API request, refuses any Host header but its
// own loopback address (DNS rebinding) and sends no CORS headers, so no other web page can use it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiError, ApiResult, ErrorCode } from '../api/contract.ts';
import { DocketError } from '../api/errors.ts';
import type { ApiDoor, CallContext } from '../api/router.ts';
import { SECURITY_HEADERS } from '../core/content-security.ts';
import { readRendererFile } from '../core/renderer-files.ts';

export const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;
/** Files dropped on a browser window arrive as base64 in one call (the contract allows up to ~100 MB each). */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** The calls that carry files' bytes (dropped documents, a training file chosen in the window). */
const UPLOADS = new Set(['imports.upload', 'models.uploadData']);
const HEARTBEAT_MS = 15_000;

export interface ServerOptions {
  router: ApiDoor;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** A fixed token (tests); otherwise a new random one. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const httpStatus: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  const error: ApiError = { code, message };
  sendJson(res, status, { ok: false, error } satisfies ApiResult<never>);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { router, rendererDir } = options;
  const token = options.token ?? newToken();
  let port = 0;
  const streams = new Set<ServerResponse>();
  const ctx: CallContext = { transport: 'http', actor: 'http' };

  // Filled in once the port is known (before the first request can arrive).
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    return match?.[1] !== undefined && sameSecret(match[1], token);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, 'BAD_INPUT', 'Use POST for API calls.');
    let input: unknown;
    try {
      const body = await readBody(req, UPLOADS.has(name) ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
      input = body.trim() === '' ? undefined : JSON.parse(body);
    } catch (e) {
      const tooLarge = (e as Error).message === 'too large';
      return sendError(
        res,
        tooLarge ? 413 : 400,
        'BAD_INPUT',
        tooLarge ? 'Request body too large.' : 'Request body is not valid JSON.',
      );
    }
    const result = await router.call(name, input, ctx);
    sendJson(res, result.ok ? 200 : (httpStatus[result.error.code] ?? 500), result);
  }

  function handleSubscribe(req: IncomingMessage, res: ServerResponse, name: string, url: URL): void {
    if (req.method !== 'GET') return sendError(res, 405, 'BAD_INPUT', 'Use GET for subscriptions.');
    let input: unknown;
    try {
      const raw = url.searchParams.get('input');
      input = raw === null ? undefined : JSON.parse(raw);
    } catch {
      return sendError(res, 400, 'BAD_INPUT', 'The input parameter is not valid JSON.');
    }
    const started = router.subscribe(name, input, ctx, (event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    if (!started.ok) return sendJson(res, httpStatus[started.error.code] ?? 500, started);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const stop = (): void => {
      clearInterval(heartbeat);
      started.data();
      streams.delete(res);
    };
    req.on('close', stop);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await readRendererFile(rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(
        url.pathname === '/'
          ? 'The window has not been built yet: run `npm run build:renderer`, then reload.'
          : 'Not found',
      );
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.mediaType,
      'Content-Length': file.body.length,
      'Cache-Control': file.mediaType.startsWith('text/html') ? 'no-store' : 'max-age=3600',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on any other name that resolves to 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendError(
        res,
        403,
        'FORBIDDEN',
        'This server only answers requests addressed to its loopback address.',
      );
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return sendError(res, 403, 'FORBIDDEN', 'Cross-origin requests are refused.');
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    const api = /^\/api\/(call|subscribe)\/([A-Za-z0-9.]+)$/.exec(url.pathname);
    if (url.pathname.startsWith('/api/')) {
      if (!authorised(req)) return sendError(res, 401, 'UNAUTHORIZED', 'Missing or wrong access token.');
      if (!api) return sendError(res, 404, 'NOT_FOUND', `No API route ${url.pathname}`);
      const [, kind, name] = api as unknown as [string, 'call' | 'subscribe', string];
      return kind === 'call' ? handleCall(req, res, name) : handleSubscribe(req, res, name, url);
    }
    return handleStatic(req, res, url);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', `Server error: ${(e as Error).message}`);
      else res.end();
    });
  });

  const requested = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: NodeJS.ErrnoException): void => {
      const reason =
        e.code === 'EADDRINUSE'
          ? `Port ${requested} is already in use: choose another with --port, or leave --port out to use a free one.`
          : e.code === 'EACCES'
            ? `Port ${requested} needs privileges Docket does not have: choose a port above 1023.`
            : `Cannot listen on ${LOOPBACK}:${requested}: ${e.message}`;
      reject(new DocketError('IO_ERROR', reason, { cause: e }));
    };
    server.once('error', fail);
    server.listen(requested, LOOPBACK, () => {
      server.off('error', fail);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
