// The renderer is served from a custom protocol, so the app has its own origin and nothing else does.
export const APP_SCHEME = 'app';
export const APP_HOST = 'docket';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** True for URLs the window may load: the app's own origin. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Requests the session lets through: the app's own files, inline data, and DevTools when opened. */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith('blob:app://docket/') || url.startsWith('devtools://');
}
