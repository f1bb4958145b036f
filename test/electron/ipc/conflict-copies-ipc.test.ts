// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `vault:merge-copy` through the one IPC pipeline (sender check → validator → handler → Result)
 * over the real services: the window names a copy by its file name only (never a path), a password
 * is never quoted back, a copy main did not name as waiting is `not-found`, and a wrong password is
 * `wrong-password-or-tampered`; the copy's merge then goes through.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictCopiesReport } from '../../../electron/domain';
import { createDispatch, type Dispatch } from '../../../electron/ipc/dispatch';
import { createHandlers } from '../../../electron/ipc/handlers';
import { validators } from '../../../electron/ipc/validators';
import type { AppServices } from '../../../electron/services/app-services';
import { KDF_FLOOR, unlockVault } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeKdf } from '../export/arbitraries';
import { testServices } from '../services/test-services';

const PASSWORD = 'correct horse battery';
const COPY_PASSWORD = 'the password of that copy';
const COPY = 'vault.sync-conflict-20261205-101010-ABCDEF1.tessera';
const trusted = { sender: { id: 1 }, senderFrame: { url: 'app://bundle/index.html', parent: null } };

let dir: string;
let services: AppServices;
let dispatch: Dispatch;
let reports: ConflictCopiesReport[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-merge-copy-ipc-'));
  reports = [];
  services = testServices({
    vaultPath: path.join(dir, 'vault.tessera'),
    clock: new FakeClock(Date.UTC(2026, 11, 5)),
    emit: (channel, payload) => {
      if (channel === 'vault:conflict-copies') reports.push(payload as ConflictCopiesReport);
    },
  });
  dispatch = createDispatch({
    handlers: createHandlers(services),
    validators,
    trust: () => ({ mainWebContentsId: 1, allowedOrigins: ['app://bundle'] }),
    onRefused: () => undefined,
  });
  await services.vault.create(PASSWORD);
  await services.entries.add({ type: 'totp', issuer: 'Here', account: 'base', secret: 'JBSWY3DPEHPK3PXP' });
  await services.lock('manual');
  // A copy changed on another computer, whose password was changed there too.
  const there = path.join(dir, 'elsewhere', 'vault.tessera');
  await mkdir(path.dirname(there));
  await copyFile(path.join(dir, 'vault.tessera'), there);
  const other = await unlockVault({ path: there, kdf: fakeKdf, kdfParams: KDF_FLOOR }, PASSWORD);
  try {
    await other.add([
      {
        type: 'totp',
        issuer: 'There',
        account: 'added-there',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
        secret: new TextEncoder().encode('12345678901234567890'),
      },
    ]);
    await other.changePassword(PASSWORD, COPY_PASSWORD);
  } finally {
    other.lock();
  }
  await copyFile(there, path.join(dir, COPY));
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(path.join(dir, COPY), hourAgo, hourAgo);
  await services.vault.unlock(PASSWORD);
  await services.conflictCopies.settled();
});
afterEach(async () => {
  await services.shutdown();
  await rm(dir, { recursive: true, force: true });
});

const call = (payload: unknown) => dispatch('vault:merge-copy', trusted, payload);

describe('vault:merge-copy', () => {
  it('refuses anything but a file name and a password, without quoting the password', async () => {
    for (const bad of [
      null,
      { file: COPY },
      { file: COPY, password: 7 },
      { file: `../${COPY}`, password: 'secret words' },
      { file: `/tmp/${COPY}`, password: 'secret words' },
      { file: `sub\\${COPY}`, password: 'secret words' },
      { file: 'a\0b.tessera', password: 'secret words' },
      { file: '..', password: 'secret words' },
      { file: '', password: 'secret words' },
      { file: COPY, password: 'secret words', extra: true },
      { file: 'x'.repeat(1025), password: 'secret words' },
    ]) {
      const answer = await call(bad);
      expect(answer, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(JSON.stringify(answer)).not.toContain('secret words');
    }
  });

  it('merges the copy main named as waiting, with its own password', async () => {
    expect(reports).toEqual([{ merged: [], needPassword: [COPY], otherVaults: [], failed: [] }]);
    expect(await call({ file: 'vault 2.tessera', password: COPY_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await call({ file: COPY, password: 'not the password' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-password-or-tampered' },
    });
    expect(await call({ file: COPY, password: COPY_PASSWORD })).toEqual({
      ok: true,
      value: {
        merged: [{ file: COPY, tool: 'syncthing', device: 'ABCDEF1', passwordFromCopy: expect.any(Boolean) }],
        needPassword: [],
        otherVaults: [],
        failed: [],
      },
    });
    expect(services.entries.list().map((e) => e.account)).toEqual(expect.arrayContaining(['base', 'added-there']));
    expect(await readdir(path.join(dir, 'backups'))).toContain(COPY);
  });
});
