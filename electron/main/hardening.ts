// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Default-deny policies for every webContents and the default session: no navigation, no new
 * windows, no webviews, no permissions, no request to anything but our own bundle.
 * The decisions are pure functions; `installHardening` only wires them to Electron.
 */
import type { App, Session, WebContents } from 'electron';
import { APP_SCHEME, APP_HOST } from './protocol';

/** Schemes a page of ours may load from. Anything else (http, https, file, ftp, ws...) is cancelled. */
export function isAllowedRequestUrl(rawUrl: string, devServerOrigin?: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST;
  // Images the renderer builds itself (letter tiles, QR previews) and DevTools in development.
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:') return true;
  if (devServerOrigin) {
    const dev = new URL(devServerOrigin);
    return url.host === dev.host && (url.protocol === dev.protocol || url.protocol === 'ws:');
  }
  return false;
}

/** Locks down one webContents: navigation, redirects, popups and webviews are all refused. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Denies every permission and cancels every request outside the bundle, for the whole app. */
export function installHardening(app: Pick<App, 'on'>, session: Session, devServerOrigin?: string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, devServerOrigin) });
  });
}
