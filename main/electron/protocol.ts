// The app:// protocol serves the built renderer, and the stored originals the document viewer shows
// (app://docket/originals/<document id>), with the app's CSP.
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../core/content-security.ts';
import { readRendererFile } from '../core/renderer-files.ts';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Reads a document's original: bytes and media type. */
export type OriginalSource = (documentId: number) => Promise<{ mediaType: string | null; bytes: Uint8Array }>;

export async function appProtocolResponse(
  rendererDir: string,
  requestUrl: string,
  originals?: OriginalSource,
): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  const original = /^\/originals\/(\d+)$/.exec(url.pathname);
  if (original && originals) {
    try {
      const { mediaType, bytes } = await originals(Number(original[1]));
      return new Response(new Uint8Array(bytes), {
        status: 200,
        headers: {
          'Content-Type': mediaType ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
          ...SECURITY_HEADERS,
        },
      });
    } catch (e) {
      return new Response((e as Error).message, { status: 404, headers: SECURITY_HEADERS });
    }
  }
  const file = await readRendererFile(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: { 'Content-Type': file.mediaType, ...SECURITY_HEADERS },
  });
}

export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  originals?: OriginalSource,
): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request.url, originals));
}
