// Escalation to an OpenAI-compatible endpoint, against a real HTTP server on 127.0.0.1: what is sent,
// how the reply is mapped onto the allowed labels, how failures are reported, and that with escalation
// off not a single request is made.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  askEndpoint,
  chatCompletionsUrl,
  escalationConfigSchema,
  type EscalationConfig,
} from '../../main/records/escalation.ts';

interface Seen {
  url: string;
  authorization: string | undefined;
  body: { model: string; temperature: number; messages: { role: string; content: string }[] };
}

/** How the server answers the next request. */
let answer: (res: ServerResponse) => void = () => {};
const seen: Seen[] = [];
const hanging: ServerResponse[] = [];

const reply = (content: string) => (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'x',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content } }],
    }),
  );
};

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(data) });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

const config = (extra: Partial<EscalationConfig> = {}): EscalationConfig => ({
  enabled: true,
  url: base,
  model: 'local-model',
  ...extra,
});
const queueItem = {
  task: 'queue' as const,
  text: 'Please refund my invoice',
  labels: ['Billing', 'Access', 'Shipping'],
  multiLabel: false,
};

describe('askEndpoint', () => {
  it('sends the model, the allowed labels, the text and the key, and maps the reply onto a label', async () => {
    answer = reply('  billing.');
    const result = await askEndpoint(config({ apiKey: 'sk-local-123' }), queueItem);
    expect(result).toEqual({
      label: 'Billing',
      labels: ['Billing'],
      reply: '  billing.',
      status: 'answered',
    });
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.authorization).toBe('Bearer sk-local-123');
    expect(request!.body.model).toBe('local-model');
    expect(request!.body.temperature).toBe(0);
    const [system, user] = request!.body.messages;
    expect(system!.role).toBe('system');
    for (const label of queueItem.labels) expect(system!.content).toContain(label);
    expect(system!.content).toMatch(/exactly one label/);
    expect(user).toEqual({ role: 'user', content: 'Please refund my invoice' });
  });

  it('sends no key when none is set, caps the text, and accepts the full /chat/completions address', async () => {
    answer = reply('"Access"');
    const long = `${'x'.repeat(5000)}`;
    const result = await askEndpoint(config({ url: `${base}/chat/completions/` }), {
      ...queueItem,
      text: long,
    });
    expect(result.label).toBe('Access');
    expect(seen[0]!.url).toBe('/v1/chat/completions');
    expect(seen[0]!.authorization).toBeUndefined();
    expect(seen[0]!.body.messages[1]!.content).toHaveLength(4000);
    answer = reply('Label: SHIPPING');
    expect((await askEndpoint(config(), queueItem)).label).toBe('Shipping');
  });

  it('maps comma-separated tags and keeps only allowed ones', async () => {
    answer = reply('Churn risk, upsell, Nonsense');
    const tags = {
      task: 'tags' as const,
      text: 'We may cancel',
      labels: ['Churn risk', 'Upsell', 'Healthcare'],
      multiLabel: true,
    };
    const result = await askEndpoint(config(), tags);
    expect(result.status).toBe('answered');
    expect(result.labels).toEqual(['Churn risk', 'Upsell']);
    expect(result.label).toBe('Churn risk, Upsell');
    expect(seen[0]!.body.messages[0]!.content).toMatch(/separated by commas/);
  });

  it('calls a reply that names no allowed label unusable', async () => {
    answer = reply('I think this is about refunds.');
    const result = await askEndpoint(config(), queueItem);
    expect(result).toMatchObject({
      status: 'unusable',
      label: null,
      reply: 'I think this is about refunds.',
    });
    expect(result.error).toMatch(/none of the allowed labels/);
  });

  it('reports an HTTP error, a bad answer and no answer in time as failed, in words, without throwing', async () => {
    answer = (res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model not loaded' } }));
    };
    const http500 = await askEndpoint(config(), queueItem);
    expect(http500.status).toBe('failed');
    expect(http500.label).toBeNull();
    expect(http500.error).toMatch(/answered HTTP 500 Internal Server Error: model not loaded/);

    answer = (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    };
    expect((await askEndpoint(config(), queueItem)).error).toMatch(/did not answer in JSON/);

    answer = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"choices": []}');
    };
    expect((await askEndpoint(config(), queueItem)).error).toMatch(/without choices\[0\]\.message\.content/);

    answer = (res) => void hanging.push(res);
    const started = Date.now();
    const late = await askEndpoint(config({ timeoutMs: 200 }), queueItem);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(late.status).toBe('failed');
    expect(late.error).toMatch(/did not answer within 0\.2 seconds/);
  });

  it('refuses to follow a redirect to another host', async () => {
    answer = (res) => {
      res.writeHead(307, { location: 'http://example.invalid/steal' });
      res.end();
    };
    const result = await askEndpoint(config(), queueItem);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/redirect/);
    expect(seen).toHaveLength(1);
  });

  it('reports a server that is not there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await askEndpoint(config({ url: `http://127.0.0.1:${port}/v1` }), queueItem);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/Nothing is listening at 127\.0\.0\.1/);
  });

  it('with escalation off, refuses and sends nothing', async () => {
    answer = reply('Billing');
    await expect(askEndpoint(config({ enabled: false, apiKey: 'sk-x' }), queueItem)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/Escalation is turned off/),
    });
    expect(seen).toHaveLength(0);
  });
});

describe('escalation settings', () => {
  it('accept an http(s) address and a model name, and are off unless turned on', () => {
    const parsed = escalationConfigSchema.parse({ url: 'https://llm.example.com/v1', model: 'llama' });
    expect(parsed.enabled).toBe(false);
    expect(
      escalationConfigSchema.safeParse({ enabled: true, url: base, model: 'm', timeoutMs: 5000 }).success,
    ).toBe(true);
  });

  it('refuse other schemes, credentials in the address, and a missing model, saying why', () => {
    const problem = (input: object) => {
      const r = escalationConfigSchema.safeParse(input);
      return r.success ? '' : r.error.issues.map((i) => i.message).join('; ');
    };
    expect(problem({ url: 'ftp://llm.example.com', model: 'm' })).toMatch(/http:\/\/ or https:\/\//);
    expect(problem({ url: 'https://me:secret@llm.example.com', model: 'm' })).toMatch(/API key field/);
    expect(problem({ url: 'not a url', model: 'm' })).toMatch(/not a web address/);
    expect(problem({ url: 'https://llm.example.com', model: ' ' })).toMatch(/name the model/);
    expect(problem({ url: 'https://llm.example.com', model: 'x'.repeat(201) })).not.toBe('');
  });

  it('build the chat completions address', () => {
    expect(chatCompletionsUrl('http://127.0.0.1:8080/v1/')).toBe('http://127.0.0.1:8080/v1/chat/completions');
    expect(chatCompletionsUrl('http://127.0.0.1:8080/v1/chat/completions')).toBe(
      'http://127.0.0.1:8080/v1/chat/completions',
    );
  });
});
