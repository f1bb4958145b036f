// SPDX-License-Identifier: GPL-3.0-or-later
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../../electron/main/protocol';

const root = path.resolve('/opt/tessera/out/renderer');
const csp = "default-src 'none'";

describe('resolveAppAsset', () => {
  it('serves files under the renderer folder with CSP and MIME type', () => {
    const a = resolveAppAsset('app://bundle/assets/index-abc.js', root, csp);
    expect(a).toEqual({
      status: 200,
      filePath: path.join(root, 'assets/index-abc.js'),
      headers: expect.objectContaining({
        'Content-Security-Policy': csp,
        'Content-Type': 'text/javascript; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
      }),
    });
    expect(resolveAppAsset('app://bundle/', root, csp)).toMatchObject({ filePath: path.join(root, 'index.html') });
  });

  it.each([
    ['app://bundle/../../etc/passwd', [403, 404]],
    ['app://bundle/%2e%2e/%2e%2e/etc/passwd', [403, 404]],
    ['app://bundle/..%2f..%2fetc%2fpasswd', [403]],
    ['app://bundle/assets/..%5c..%5c..%5cwindows%5cwin.ini', [403, 404]],
    ['app://other/index.html', [403]],
    ['app://bundle.evil/index.html', [403]],
    ['https://bundle/index.html', [403]],
    ['app://bundle/index.html%00.png', [400]],
    ['app://bundle/%E0%A4%A', [400]],
    ['app://bundle/secret.key', [404]],
  ])('refuses %s', (url, statuses) => {
    const a = resolveAppAsset(url, root, csp);
    if (a.status === 200) {
      // URL parsing already collapsed the dots: whatever resolved must stay inside root.
      expect(path.relative(root, a.filePath).startsWith('..')).toBe(false);
    }
    expect(statuses).toContain(a.status);
    expect(a.headers['Content-Security-Policy']).toBe(csp);
  });
});
