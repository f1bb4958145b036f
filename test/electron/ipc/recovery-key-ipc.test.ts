// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key channels through the one IPC pipeline (sender check → validator → handler →
 * Result) over the real services: the create answer is the one thing that carries the key's text,
 * every failure is a plain `Result`, and nothing the main process reports or pushes quotes the key.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../electron/ipc/contract';
import { createDispatch, type Dispatch } from '../../../electron/ipc/dispatch';
import { createHandlers } from '../../../electron/ipc/handlers';
import { validators } from '../../../electron/ipc/validators';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { NO_DESKTOP } from '../../../electron/services/desktop-ports';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new master password';
const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };

let dir: string;
let services: AppServices;
let dispatch: Dispatch;
let events: { channel: EventChannel; payload: unknown }[];
let refusals: string[][];

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-recovery-ipc-'));
  events = [];
  refusals = [];
  services = createAppServices({
    vaultPath: path.join(dir, 'vault.tessera'),
    clipboard: new MemoryClipboard(),
    clock: new FakeClock(Date.UTC(2024, 0, 31)),
    emit: (channel, payload) => events.push({ channel, payload }),
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
    desktop: { ...NO_DESKTOP, pickSavePath: async () => path.join(dir, 'key.txt') },
  });
  dispatch = createDispatch({
    handlers: createHandlers(services),
    validators,
    trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
    onRefused: (channel, reason) => refusals.push([channel, reason]),
  });
  await services.vault.create(PASSWORD);
  await services.settings.update({ autoLockMinutes: 0, autoBackup: false });
});
afterEach(async () => {
  await services.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, payload: unknown) => dispatch(channel, trusted, payload);

describe('the recovery key channels', () => {
  it('make, save, forget, recover and remove, each answering a Result', async () => {
    expect(await call('vault:create-recovery-key', { password: 'wrong password!' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-password-or-tampered' },
    });
    const made = await call('vault:create-recovery-key', { password: PASSWORD });
    expect(made).toEqual({ ok: true, value: { recoveryKey: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/) } });
    const key = (made as { value: { recoveryKey: string } }).value.recoveryKey;

    expect(await call('vault:save-recovery-key', null)).toEqual({
      ok: true,
      value: { savedTo: path.join(dir, 'key.txt') },
    });
    expect(readFileSync(path.join(dir, 'key.txt'), 'utf8')).toContain(key);
    expect(await call('vault:forget-recovery-key', null)).toEqual({ ok: true, value: null });
    expect(await call('vault:save-recovery-key', null)).toMatchObject({ ok: false, error: { code: 'not-found' } });

    expect(await call('vault:lock', null)).toMatchObject({ ok: true, value: { status: 'locked' } });
    const typo = key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const refused = await call('vault:recover', { recoveryKey: typo, newPassword: NEW_PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-entry', field: 'recoveryKey' } });
    expect(await call('vault:recover', { recoveryKey: key, newPassword: NEW_PASSWORD })).toMatchObject({
      ok: true,
      value: { status: 'unlocked', recoveryKey: true },
    });

    expect(await call('vault:remove-recovery-key', { password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'wrong-password-or-tampered' },
    });
    expect(await call('vault:remove-recovery-key', { password: NEW_PASSWORD })).toMatchObject({
      ok: true,
      value: { status: 'unlocked', recoveryKey: false },
    });

    // Only the create answer held the key: no push, no refusal report, no other answer.
    for (const text of [JSON.stringify(events), JSON.stringify(refusals), JSON.stringify(refused)]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.replace(/-/g, ''));
    }
  });

  it('refuses bad payloads before any service runs, without quoting them', async () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD';
    for (const [channel, payload] of [
      ['vault:recover', { recoveryKey: key.repeat(5), newPassword: NEW_PASSWORD }],
      ['vault:recover', { recoveryKey: key }],
      ['vault:create-recovery-key', { password: PASSWORD, extra: key }],
      ['vault:save-recovery-key', { path: path.join(dir, 'elsewhere.txt') }],
      ['vault:remove-recovery-key', null],
    ] as const) {
      const answer = await call(channel, payload);
      expect(answer, channel).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(JSON.stringify(answer)).not.toContain(key);
    }
    expect(refusals.every(([, reason]) => reason === 'invalid payload')).toBe(true);
    expect(JSON.stringify(refusals)).not.toContain(key);
    expect(await services.vault.status()).toMatchObject({ status: 'unlocked', recoveryKey: false });
  });
});
