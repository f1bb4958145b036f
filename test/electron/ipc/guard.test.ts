// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderInfo } from '../../../electron/ipc/guard';

const policy = { mainWebContentsId: 7, allowedOrigins: ['app://bundle'] };
const event = (url: string, opts: { id?: number; parent?: unknown; noFrame?: boolean } = {}): SenderInfo => ({
  sender: { id: opts.id ?? 7 },
  senderFrame: opts.noFrame ? null : { url, parent: opts.parent ?? null },
});

describe('isTrustedSender', () => {
  it('accepts the main frame of our window at our origin', () => {
    expect(isTrustedSender(event('app://bundle/index.html'), policy)).toBe(true);
    expect(isTrustedSender(event('app://bundle/'), policy)).toBe(true);
  });

  it.each([
    ['a foreign origin', event('https://evil.example/index.html')],
    ['a look-alike host (prefix trap)', event('app://bundle.evil/index.html')],
    ['a look-alike host with userinfo', event('app://bundle@evil/index.html')],
    ['a file URL', event('file:///tmp/index.html')],
    ['a data URL', event('data:text/html,<script></script>')],
    ['about:blank', event('about:blank')],
    ['a malformed URL', event('not a url')],
    ['an empty URL (Playwright-style skip must not exist)', event('')],
    ['a sub-frame', event('app://bundle/index.html', { parent: {} })],
    ['another webContents (unknown window)', event('app://bundle/index.html', { id: 8 })],
    ['a destroyed frame', event('app://bundle/index.html', { noFrame: true })],
  ])('refuses %s', (_name, e) => {
    expect(isTrustedSender(e, policy)).toBe(false);
  });

  it('accepts the dev server origin only when the policy lists it', () => {
    const dev = event('http://localhost:5173/');
    expect(isTrustedSender(dev, policy)).toBe(false);
    expect(isTrustedSender(dev, { ...policy, allowedOrigins: ['app://bundle', 'http://localhost:5173'] })).toBe(true);
  });
});
