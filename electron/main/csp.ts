// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The renderer's Content-Security-Policy, built in one place for production and the dev server.
 * Production allows nothing remote, no inline script or style elements, no eval, no WebAssembly.
 * @see https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */

export interface CspOptions {
  /** Origin of the Vite dev server (e.g. `http://localhost:5173`); only ever set when unpackaged. */
  readonly devServerOrigin?: string;
}

const PRODUCTION: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'manifest-src': ["'none'"],
  'media-src': ["'none'"],
};

/** Returns the policy string; the dev variant only adds what Vite's HMR client needs. */
export function buildCsp(options: CspOptions = {}): string {
  const directives: Record<string, readonly string[]> = { ...PRODUCTION };
  const dev = options.devServerOrigin;
  if (dev) {
    const ws = dev.replace(/^http/, 'ws');
    directives['script-src'] = ["'self'", dev];
    // Vite injects CSS with <style> elements in dev only.
    directives['style-src'] = ["'self'", "'unsafe-inline'", dev];
    directives['connect-src'] = [dev, ws];
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
