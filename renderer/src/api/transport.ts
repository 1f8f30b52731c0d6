// How the window reaches the core: through `window.docket` (the desktop app's preload) or, in a browser,
// through `docket serve` on 127.0.0.1 with the bearer token it printed (passed in the URL fragment).
import type { ApiResult } from '../../../main/api/contract.ts';

export interface Transport {
  kind: 'ipc' | 'http';
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  subscribe(name: string, input: unknown, listener: (result: ApiResult<unknown>) => void): () => void;
}

interface DocketBridge {
  call(name: string, input: unknown): Promise<unknown>;
  subscribe(name: string, input: unknown, listener: (result: unknown) => void): () => void;
  /** Desktop only: the path of a dropped file. */
  pathForFile?(file: File): string;
  /** Desktop only: the system's folder or file chooser. */
  choosePaths?(kind: 'folder' | 'files'): Promise<string[]>;
}

declare global {
  interface Window {
    docket?: DocketBridge;
  }
}

const TOKEN_KEY = 'docket.token';
const RECONNECT_MS = 2000;

/** Takes the token from `#token=…` once, keeps it for this tab only, and clears it from the address bar. */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${window.location.pathname}#/inbox`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function ipcTransport(bridge: DocketBridge): Transport {
  return {
    kind: 'ipc',
    call: async (name, input) => (await bridge.call(name, input)) as ApiResult<unknown>,
    subscribe: (name, input, listener) =>
      bridge.subscribe(name, input, (r) => listener(r as ApiResult<unknown>)),
  };
}

const networkError = (message: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'INTERNAL', message },
});

function httpTransport(token: string | null): Transport {
  const headers = (): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});
  return {
    kind: 'http',
    async call(name, input) {
      try {
        const res = await fetch(`api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers() },
          body: JSON.stringify(input ?? {}),
        });
        return (await res.json()) as ApiResult<unknown>;
      } catch {
        return networkError('Docket is not reachable. Is `docket serve` still running?');
      }
    },
    subscribe(name, input, listener) {
      // Server-sent events read through fetch, so the token can travel in a header rather than the URL.
      // When the stream drops (the server stopped or restarted) the window says so and reconnects.
      const abort = new AbortController();
      const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const readStream = async (): Promise<'final' | 'dropped'> => {
        const res = await fetch(`api/subscribe/${encodeURIComponent(name)}${query}`, {
          headers: headers(),
          signal: abort.signal,
        });
        if (!res.ok || !res.body) {
          listener((await res.json()) as ApiResult<unknown>); // refused (token, input): retrying won't help
          return 'final';
        }
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return 'dropped';
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = frame
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) listener({ ok: true, data: JSON.parse(data) as unknown });
          }
        }
      };
      void (async () => {
        while (!abort.signal.aborted) {
          try {
            if ((await readStream()) === 'final') return;
          } catch {
            // network error: fall through to reconnect
          }
          if (abort.signal.aborted) return;
          listener(networkError('Lost the connection to Docket; reconnecting…'));
          await new Promise((r) => setTimeout(r, RECONNECT_MS));
        }
      })();
      return () => abort.abort();
    },
  };
}

export function createTransport(): Transport {
  return window.docket ? ipcTransport(window.docket) : httpTransport(takeToken());
}
