// Session and web-contents hardening. Written against small slices of Electron's own types so that unit
// tests can drive it through a seam (the Electron runtime cannot be downloaded on the build machines).
import type { Event, Session, WebContents } from 'electron';
import { isAllowedRequest, isAppUrl } from './app-origin.ts';

export type SessionLike = {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
} & Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & {
    on(event: 'will-download', listener: (event: Event) => void): unknown;
  };

/** Blocks every request that is not the app's own, denies every permission, and refuses downloads. */
export function hardenSession(session: SessionLike, log: (message: string) => void = () => {}): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) log(`Blocked a request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

export type WebContentsLike = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: Event, url?: string) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown;
};

/** No navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContentsLike): void {
  const stayInApp = (event: Event, url?: string): void => {
    const target = url ?? (event as unknown as { url?: string }).url ?? '';
    if (!isAppUrl(target)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
