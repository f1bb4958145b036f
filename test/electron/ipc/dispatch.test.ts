// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../../electron/ipc/contract';
import { createDispatch, type Handlers } from '../../../electron/ipc/dispatch';
import { ok } from '../../../electron/ipc/result';
import { validators } from '../../../electron/ipc/validators';

const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };

function fakeHandlers(): Handlers & Record<string, ReturnType<typeof vi.fn>> {
  const handlers: Record<string, ReturnType<typeof vi.fn>> = {};
  for (const c of INVOKE_CHANNELS) handlers[c] = vi.fn(async () => ok(null));
  return handlers as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
}

describe('createDispatch', () => {
  it('runs sender check, then validation, then the handler', async () => {
    const handlers = fakeHandlers();
    const refused = vi.fn();
    const dispatch = createDispatch({
      handlers,
      validators,
      trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
      onRefused: refused,
    });
    expect(await dispatch('vault:unlock', trusted, { password: 'pw' })).toEqual({ ok: true, value: null });
    expect(handlers['vault:unlock']).toHaveBeenCalledWith({ password: 'pw' });
    expect(refused).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders before looking at the payload', async () => {
    const handlers = fakeHandlers();
    const refused = vi.fn();
    const dispatch = createDispatch({
      handlers,
      validators,
      trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
      onRefused: refused,
    });
    const foreign = { sender: { id: 1 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    const subFrame = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: {} } };
    const otherWindow = { sender: { id: 2 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
    for (const e of [foreign, subFrame, otherWindow]) {
      expect(await dispatch('vault:unlock', e, { password: 'pw' })).toMatchObject({
        ok: false,
        error: { code: 'untrusted-sender' },
      });
    }
    expect(handlers['vault:unlock']).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledTimes(3);
    // The refusal report carries the channel and reason, never the payload.
    expect(JSON.stringify(refused.mock.calls)).not.toContain('pw');
  });

  it('refuses when there is no window to trust', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatch({ handlers, validators, trust: () => null });
    expect(await dispatch('vault:status', trusted, null)).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
  });

  it('refuses unknown channels and invalid payloads', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatch({
      handlers,
      validators,
      trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
    });
    expect(await dispatch('vault:dump', trusted, null)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch('vault:unlock', trusted, { password: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(handlers['vault:unlock']).not.toHaveBeenCalled();
  });

  it('turns a handler bug into an internal error without leaking its message', async () => {
    const handlers = {
      ...fakeHandlers(),
      'vault:unlock': vi.fn(async () => {
        throw new Error('secret JBSWY3DPEHPK3PXP leaked');
      }),
    };
    const refused = vi.fn();
    const dispatch = createDispatch({
      handlers,
      validators,
      trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
      onRefused: refused,
    });
    const result = await dispatch('vault:unlock', trusted, { password: 'pw' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(JSON.stringify(refused.mock.calls)).not.toContain('JBSWY3DPEHPK3PXP');
  });
});
