// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault-location channels through the one IPC pipeline (sender check → validator → handler →
 * Result) over the real services: the window never names a folder or file (main's dialogs do), the
 * merge password is bounded and never quoted back, and a move answers in words.
 */
import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../../electron/ipc/dispatch';
import { createHandlers } from '../../../electron/ipc/handlers';
import { LIMITS, validators } from '../../../electron/ipc/validators';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { NO_DESKTOP } from '../../../electron/services/desktop-ports';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

const PASSWORD = 'correct horse battery';
const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };
const NO_PAYLOAD = ['vault:location', 'vault:move', 'vault:choose-folder', 'vault:choose-file'] as const;

describe('validators', () => {
  it('the dialog channels take no payload: a folder or file named by the window is refused', () => {
    for (const channel of NO_PAYLOAD) {
      expect(validators[channel](null)).toEqual({ ok: true, value: null });
      for (const bad of [{ folder: '/tmp' }, '/tmp', { path: '/etc' }, []]) {
        expect(validators[channel](bad).ok, `${channel} ${JSON.stringify(bad)}`).toBe(false);
      }
    }
  });

  it('vault:move-merge takes a password or null, and nothing else', () => {
    expect(validators['vault:move-merge']({ password: null })).toEqual({ ok: true, value: { password: null } });
    expect(validators['vault:move-merge']({ password: 'other horse' })).toEqual({
      ok: true,
      value: { password: 'other horse' },
    });
    for (const bad of [
      null,
      {},
      { password: 1 },
      { password: 'x'.repeat(LIMITS.password + 1) },
      { password: null, folder: '/tmp' },
      'password',
    ]) {
      expect(validators['vault:move-merge'](bad).ok, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });

  it('never quotes the password back in a refusal', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), (secret) => {
        const refused = validators['vault:move-merge']({ password: secret, extra: secret });
        expect(refused.ok).toBe(false);
        if (!refused.ok) expect(refused.message).not.toContain(secret);
      }),
    );
  });
});

describe('through the pipeline', () => {
  let dir: string;
  let services: AppServices;
  let dispatch: Dispatch;
  let folder: string | null;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-location-ipc-'));
    mkdirSync(path.join(dir, 'Sync'));
    folder = null;
    services = createAppServices({
      vaultPath: path.join(dir, 'vault.tessera'),
      clipboard: new MemoryClipboard(),
      clock: new FakeClock(Date.UTC(2024, 0, 31)),
      emit: () => undefined,
      kdf: fakeKdf,
      kdfParams: KDF_FLOOR,
      watchFile: () => () => undefined,
      watchFolder: () => () => undefined,
      desktop: { ...NO_DESKTOP, pickFolder: async () => folder },
    });
    dispatch = createDispatch({
      handlers: createHandlers(services),
      validators,
      trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
    });
    await services.vault.create(PASSWORD);
  });
  afterEach(async () => {
    await services.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (channel: string, payload: unknown) => dispatch(channel, trusted, payload);

  it('vault:location, then vault:move into the folder main’s dialog answers', async () => {
    expect(await call('vault:location', null)).toMatchObject({
      ok: true,
      value: { path: path.join(dir, 'vault.tessera'), source: 'default', movable: true, problem: null },
    });
    expect(await call('vault:move', null)).toEqual({ ok: true, value: { status: 'cancelled' } });
    folder = path.join(dir, 'Sync');
    const moved = await call('vault:move', null);
    expect(moved).toMatchObject({
      ok: true,
      value: { status: 'moved', location: { path: path.join(dir, 'Sync', 'vault.tessera') } },
    });
    expect(existsSync(path.join(dir, 'vault.tessera'))).toBe(false);
  });

  it('a refusal is a Result in words, not an internal error', async () => {
    folder = dir; // the folder it is in
    expect(await call('vault:move', null)).toEqual({
      ok: false,
      error: { code: 'io', message: `The vault is already in ${dir}.` },
    });
    expect(await call('vault:move-merge', { password: null })).toMatchObject({
      ok: false,
      error: { code: 'io', message: expect.stringMatching(/Choose the folder again/) },
    });
    expect(await call('vault:choose-folder', null)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/The vault is open/) },
    });
  });
});
