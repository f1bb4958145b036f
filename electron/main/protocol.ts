// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The `app://bundle/` scheme that serves the built renderer. Resolution is pure and refuses any
 * path that escapes the renderer folder; every response carries the CSP and no-sniff headers.
 * @see https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type AppAsset =
  | { readonly status: 200; readonly filePath: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly status: 400 | 403 | 404; readonly headers: Readonly<Record<string, string>> };

/** Maps an `app://bundle/...` URL to a file under `rootDir`, or a refusal status. */
export function resolveAppAsset(requestUrl: string, rootDir: string, csp: string): AppAsset {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400, headers };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403, headers };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, headers };
  }
  if (pathname.includes('\0')) return { status: 400, headers };
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return { status: 403, headers };
  const mime = MIME[path.extname(filePath).toLowerCase()];
  if (!mime) return { status: 404, headers };
  return { status: 200, filePath, headers: { ...headers, 'Content-Type': mime } };
}

/**
 * The `app://` handler's answer: the file with its headers, or the refusal status. A file that
 * resolves but cannot be read (missing from the bundle) is a 404, not a thrown error, which
 * Electron would turn into a bare network failure. `fetchFile` is Electron's `net.fetch`.
 */
export async function serveAppAsset(
  requestUrl: string,
  rootDir: string,
  csp: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
): Promise<Response> {
  const asset = resolveAppAsset(requestUrl, rootDir, csp);
  if (asset.status !== 200) return new Response(null, { status: asset.status, headers: asset.headers });
  let file: Response;
  try {
    file = await fetchFile(pathToFileURL(asset.filePath).toString());
  } catch {
    file = new Response(null, { status: 404 });
  }
  if (!file.ok) {
    const { 'Content-Type': _type, ...headers } = asset.headers;
    return new Response(null, { status: 404, headers });
  }
  return new Response(file.body, { status: 200, headers: asset.headers });
}
