import type { Session, WebContents } from 'electron';
import { app } from 'electron';

/**
 * Electron security checklist, applied to every web contents the app ever creates: no navigation away from our
 * page, no new windows, no <webview>, and every permission (camera, notifications, geolocation...) refused.
 */
export function hardenSession(session: Session, isAllowedUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Nothing in the renderer may download files behind the user's back.
  session.on('will-download', (event) => event.preventDefault());
  // The page never talks to the network: every Spine call is made by main. Block anything but our own origin.
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: !isAllowedUrl(details.url) && !details.url.startsWith('devtools://') });
  });
}

/** Every session, including any created later, gets the same rules. */
export function hardenAllSessions(defaultSession: Session, isAllowedUrl: (url: string) => boolean): void {
  hardenSession(defaultSession, isAllowedUrl);
  app.on('session-created', (session) => hardenSession(session, isAllowedUrl));
}

export function hardenAllWebContents(isAllowedUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedUrl(url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAllowedUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
