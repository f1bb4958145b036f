// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { isAllowedRequestUrl } from '../../../electron/main/hardening';

describe('isAllowedRequestUrl', () => {
  it.each(['app://bundle/index.html', 'app://bundle/assets/a.css', 'data:image/png;base64,AA', 'blob:app://bundle/x'])(
    'allows %s',
    (url) => expect(isAllowedRequestUrl(url)).toBe(true),
  );

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'ws://localhost:5173/',
    'ftp://example.com/',
    'app://bundle.evil/index.html',
    'app://other/',
    'nonsense',
  ])('cancels %s', (url) => expect(isAllowedRequestUrl(url)).toBe(false));

  it('allows the dev server only when configured', () => {
    expect(isAllowedRequestUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  it('prevents navigation, redirects and webviews, and denies every window.open', async () => {
    const { hardenWebContents } = await import('../../../electron/main/hardening');
    const listeners = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const fake = {
      on: (name: string, fn: (event: { preventDefault: () => void }) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => {
        openHandler = fn;
      },
    };
    hardenWebContents(fake as unknown as Parameters<typeof hardenWebContents>[0]);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) });
      expect(prevented, name).toBe(true);
    }
    expect(openHandler).not.toBeNull();
    for (const url of ['https://example.com', 'app://bundle/index.html', 'about:blank']) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
  });
});
