// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Copying the current or next code, the usage counts and an export limited to a selection, through
 * the one IPC pipeline (sender check → validator → handler → Result) over the real services: every
 * refusal is a plain `Result` the window can show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch, type Dispatch } from '../../../electron/ipc/dispatch';
import { createHandlers } from '../../../electron/ipc/handlers';
import { validators } from '../../../electron/ipc/validators';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { NO_NEXT_HOTP_CODE } from '../../../electron/services/codes-service';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

const PASSWORD = 'correct horse battery';
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };

let dir: string;
let services: AppServices;
let dispatch: Dispatch;
let clipboard: MemoryClipboard;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-codes-ipc-'));
  clipboard = new MemoryClipboard();
  services = createAppServices({
    vaultPath: path.join(dir, 'vault.tessera'),
    clipboard,
    clock: new FakeClock(61_000),
    emit: () => undefined,
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
  });
  dispatch = createDispatch({
    handlers: createHandlers(services),
    validators,
    trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
    onRefused: () => undefined,
  });
  await services.vault.create(PASSWORD);
  await services.settings.update({ autoLockMinutes: 0, autoBackup: false });
});
afterEach(async () => {
  await services.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const call = (channel: string, payload: unknown) => dispatch(channel, trusted, payload);

describe('codes:copy and codes:usage', () => {
  it('copies the current or the next code and counts each copy', async () => {
    const totp = await services.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    expect(await call('codes:usage', null)).toEqual({ ok: true, value: {} });
    expect(await call('codes:copy', { id: totp.id })).toEqual({ ok: true, value: { clearAfterSeconds: 20 } });
    const current = clipboard.text;
    expect(await call('codes:copy', { id: totp.id, next: true })).toEqual({
      ok: true,
      value: { clearAfterSeconds: 20 },
    });
    expect(clipboard.text).not.toBe(current);
    expect(await call('codes:copy', { id: totp.id, next: false })).toMatchObject({ ok: true });
    expect(clipboard.text).toBe(current);
    expect(await call('codes:usage', null)).toEqual({ ok: true, value: { [totp.id]: { count: 3, lastUsed: 61_000 } } });
  });

  it('answers a plain refusal for the next code of a counter-based account', async () => {
    const hotp = await services.entries.add({ type: 'hotp', issuer: 'B', account: 'b', secret: SECRET_B32 });
    expect(await call('codes:copy', { id: hotp.id, next: true })).toEqual({
      ok: false,
      error: { code: 'invalid-entry', message: NO_NEXT_HOTP_CODE, field: 'type' },
    });
  });

  it('answers “locked” for the usage of a locked vault', async () => {
    await services.lock('manual');
    expect(await call('codes:usage', null)).toMatchObject({ ok: false, error: { code: 'vault-locked' } });
  });
});

describe('exports:authorize with a selection', () => {
  it('authorises the chosen accounts only, and refuses unknown ones in plain words', async () => {
    const a = await services.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    await services.entries.add({ type: 'totp', issuer: 'B', account: 'b', secret: SECRET_B32 });
    expect(await call('exports:authorize', { password: PASSWORD, ids: [a.id] })).toEqual({
      ok: true,
      value: { validForSeconds: 300 },
    });
    expect(await call('exports:qr', { kind: 'entry', index: 0 })).toMatchObject({
      ok: true,
      value: { count: 1, title: 'A (a)' },
    });
    const unknown = await call('exports:authorize', {
      password: PASSWORD,
      ids: ['0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5a'],
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-entry', field: 'ids' } });
    expect(await call('exports:qr', { kind: 'entry', index: 0 })).toMatchObject({
      ok: false,
      error: { code: 'password-required' },
    });
    expect(await call('exports:authorize', { password: PASSWORD, ids: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });
});
