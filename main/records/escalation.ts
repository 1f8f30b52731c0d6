// Optional escalation of unsure items to an OpenAI-compatible chat endpoint the admin configures (for
// example a local LLM server). Off by default; with it off this module refuses to send anything, so no
// caller can leak a record by mistake. The endpoint's answer is only ever mapped onto the allowed labels.
import { z } from 'zod';
import { DocketError } from '../api/errors.ts';

export interface EscalationConfig {
  enabled: boolean;
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

/** Why a URL cannot be an escalation endpoint, or null when it can. */
function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `“${url}” is not a web address; give one like http://127.0.0.1:8080/v1.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `The endpoint must be an http:// or https:// address, not ${parsed.protocol}//.`;
  if (parsed.username || parsed.password)
    return 'The endpoint address holds a user name or password; put the key in the API key field instead.';
  return null;
}

export const escalationConfigSchema = z
  .object({
    enabled: z.boolean().default(false),
    url: z
      .string()
      .trim()
      .max(2000)
      .superRefine((url, ctx) => {
        const problem = urlProblem(url);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    model: z.string().trim().min(1, 'name the model the endpoint should use').max(200),
    apiKey: z.string().max(1000).optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();

export interface EscalationItem {
  task: 'queue' | 'priority' | 'tags';
  text: string;
  labels: string[];
  multiLabel: boolean;
}

export interface EscalationAnswer {
  /** The allowed label named by the reply (tags: the allowed labels, comma-separated); null otherwise. */
  label: string | null;
  /** Every allowed label named (one for a queue or priority). */
  labels: string[];
  /** The endpoint's reply as it came, for the window to show. */
  reply: string;
  status: 'answered' | 'unusable' | 'failed';
  error?: string;
}

export const ESCALATION_TEXT_LIMIT = 4000;
const DEFAULT_TIMEOUT_MS = 20_000;
/** A chat answer is a few words; more than this is not an answer Docket can use. */
const MAX_RESPONSE_BYTES = 1_000_000;

const TASK_WORDS: Record<EscalationItem['task'], string> = {
  queue: 'the queue (category) this support ticket belongs in',
  priority: 'the priority of this support ticket',
  tags: 'the tags that apply to this CRM record',
};

function instruction(item: EscalationItem): string {
  const list = item.labels.map((l) => `- ${l}`).join('\n');
  const answer = item.multiLabel
    ? 'Answer with the labels that apply, separated by commas, exactly as written above, and nothing else.'
    : 'Answer with exactly one label, exactly as written above, and nothing else.';
  return `Choose ${TASK_WORDS[item.task]}. The allowed labels are:\n${list}\n${answer}`;
}

export function chatCompletionsUrl(url: string): string {
  const base = url.trim().replace(/\/+$/, '');
  return /\/chat\/completions$/.test(base) ? base : `${base}/chat/completions`;
}

const EDGES = /^[\s"'`“”‘’«»*_.,:;!?()[\]{}<>-]+|[\s"'`“”‘’«»*_.,:;!?()[\]{}<>-]+$/gu;

/** An allowed label named by one piece of the reply, compared case-insensitively without quotes. */
function allowedLabel(piece: string, labels: string[]): string | null {
  const clean = (s: string) => s.replace(EDGES, '').toLowerCase();
  // Models often say "Label: Billing" despite being asked for the label only.
  const said = clean(
    clean(piece).replace(/^(?:label|labels|answer|queue|category|priority|tags?)\s*:\s*/u, ''),
  );
  if (!said) return null;
  return labels.find((l) => clean(l) === said) ?? null;
}

function mapReply(reply: string, item: EscalationItem): string[] {
  if (!item.multiLabel) {
    const label = allowedLabel(reply, item.labels);
    return label ? [label] : [];
  }
  const whole = allowedLabel(reply, item.labels);
  if (whole) return [whole];
  const found = reply
    .replace(/^\s*(?:labels?|answer|tags?)\s*:\s*/iu, '')
    .split(/[,;\n]+/u)
    .map((p) => allowedLabel(p, item.labels))
    .filter((l): l is string => l !== null);
  return [...new Set(found)];
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw new Error('too-large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failed(error: string, reply = ''): EscalationAnswer {
  return { label: null, labels: [], reply, status: 'failed', error };
}

/** What went wrong with the request, in words. */
function describeFailure(e: unknown, host: string, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `The escalation endpoint at ${host} did not answer within ${Math.round(timeoutMs / 100) / 10} seconds.`;
  if (err.message === 'too-large')
    return `The escalation endpoint at ${host} sent an answer larger than 1 MB; it is not a chat answer.`;
  const cause = err.cause?.message ?? '';
  if (/redirect/i.test(cause) || /redirect/i.test(err.message))
    return `The escalation endpoint at ${host} tried to redirect the request elsewhere; Docket does not follow redirects. Give the final address.`;
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return `Nothing is listening at ${host}; is the escalation server running?`;
  if (code === 'ENOTFOUND') return `The host of the escalation endpoint (${host}) cannot be found.`;
  return `Could not reach the escalation endpoint at ${host}: ${cause || err.message}${code ? ` (${code})` : ''}.`;
}

/**
 * Asks the endpoint for the item's label(s). Never throws for what the endpoint does (HTTP error, timeout,
 * bad answer): the answer says 'failed' or 'unusable' in words. Throws FORBIDDEN when escalation is off.
 */
export async function askEndpoint(
  config: EscalationConfig,
  item: EscalationItem,
  fetchImpl: typeof fetch = fetch,
): Promise<EscalationAnswer> {
  if (!config.enabled)
    throw new DocketError('FORBIDDEN', 'Escalation is turned off; no item is sent to an outside endpoint.');
  const problem = urlProblem(config.url.trim());
  if (problem) return failed(problem);
  if (item.labels.length === 0) return failed('There are no labels to choose from, so nothing was sent.');
  const url = chatCompletionsUrl(config.url);
  const host = new URL(url).host;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const body = JSON.stringify({
    model: config.model,
    temperature: 0,
    messages: [
      { role: 'system', content: instruction(item) },
      { role: 'user', content: item.text.slice(0, ESCALATION_TEXT_LIMIT) },
    ],
  });

  let status: number;
  let statusText: string;
  let text: string;
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers,
      body,
      // A redirect could carry the record to another host: refuse it rather than follow.
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    statusText = response.statusText;
    text = await readCapped(response);
  } catch (e) {
    return failed(describeFailure(e, host, timeoutMs));
  }

  if (status < 200 || status >= 300) {
    let detail = '';
    try {
      const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
      if (typeof message === 'string') detail = `: ${message.slice(0, 300)}`;
    } catch {
      // Not JSON: the status alone says enough.
    }
    return failed(
      `The escalation endpoint at ${host} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}${detail}.`,
      text.slice(0, 2000),
    );
  }
  let content: unknown;
  try {
    content = (JSON.parse(text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message
      ?.content;
  } catch {
    return failed(
      `The escalation endpoint at ${host} did not answer in JSON; is it OpenAI-compatible?`,
      text.slice(0, 2000),
    );
  }
  if (typeof content !== 'string')
    return failed(
      `The escalation endpoint at ${host} answered without choices[0].message.content; is it OpenAI-compatible?`,
      text.slice(0, 2000),
    );
  const labels = mapReply(content, item);
  if (labels.length === 0)
    return {
      label: null,
      labels: [],
      reply: content,
      status: 'unusable',
      error: 'The answer names none of the allowed labels.',
    };
  return { label: labels.join(', '), labels, reply: content, status: 'answered' };
}
