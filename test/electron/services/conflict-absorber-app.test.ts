// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Conflict copies in the desktop app's services (issue #18): absorbed after unlock and when the
 * vault's folder changes (a burst of changes gives one run, after a quiet second on fake timers),
 * the window told once per copy (`vault:conflict-copies`), `entries:changed` only when the accounts
 * changed, and a copy saved under another password merged with it (`vault:merge-copy`).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConflictCopiesReport, EntrySummary } from '../../../electron/domain';
import type { EventChannel } from '../../../electron/ipc/contract';
import type { AppServices } from '../../../electron/services/app-services';
import { toIpcError } from '../../../electron/services/error-report';
import { KDF_FLOOR, unlockVault, type UnlockedVault } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeKdf } from '../export/arbitraries';
import { testServices } from './test-services';

const PASSWORD = 'correct horse battery';
const OTHER_PASSWORD = 'a password changed elsewhere';
const SYNCTHING = 'vault.sync-conflict-20261205-101010-ABCDEF1.tessera';
const DROPBOX = "vault (DESKTOP-ABC's conflicted copy 2026-12-05).tessera";
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

let dir: string;
let elsewhere: string;
let vaultPath: string;
let events: { channel: EventChannel; payload: unknown }[];
let folderChanged: (() => void) | null;
let folderWatches: number;
let folderStops: number;
let s: AppServices | null;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-copies-app-'));
  elsewhere = path.join(dir, 'other-computer');
  await mkdir(elsewhere);
  vaultPath = path.join(dir, 'vault.tessera');
  events = [];
  folderChanged = null;
  folderWatches = 0;
  folderStops = 0;
  s = null;
  // Only the debounce's timers are faked; the file system's work runs for real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await s?.shutdown();
  await rm(dir, { recursive: true, force: true });
});

function services(): AppServices {
  s = testServices({
    vaultPath,
    clock: new FakeClock(1_767_225_600_000),
    emit: (channel, payload) => events.push({ channel, payload }),
    watchFolder: (folder, onChange) => {
      expect(folder).toBe(dir);
      folderWatches++;
      folderChanged = onChange;
      return () => {
        folderStops++;
        folderChanged = null;
      };
    },
  });
  return s;
}

const of = <T>(channel: EventChannel): T[] => events.filter((e) => e.channel === channel).map((e) => e.payload as T);

/** A copy of the vault file as it is now, edited on "another computer", left beside the vault as `name`, an hour old. */
async function conflictCopy(name: string, edit: (other: UnlockedVault) => Promise<unknown>): Promise<string> {
  const there = path.join(elsewhere, `${Math.random().toString(36).slice(2)}.tessera`);
  await copyFile(vaultPath, there);
  const other = await unlockVault({ path: there, kdf: fakeKdf, kdfParams: KDF_FLOOR }, PASSWORD);
  try {
    await edit(other);
  } finally {
    other.lock();
  }
  const file = path.join(dir, name);
  await copyFile(there, file);
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(file, hourAgo, hourAgo);
  return file;
}

const addAccount = (account: string) => (other: UnlockedVault) =>
  other.add([
    {
      type: 'totp',
      issuer: 'Elsewhere',
      account,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      secret: new TextEncoder().encode('12345678901234567890'),
    },
  ]);

/** A vault with one account, locked, ready for a copy to be made of it. */
async function lockedVaultWithOneAccount(app: AppServices): Promise<void> {
  await app.vault.create(PASSWORD);
  await app.entries.add({ type: 'totp', issuer: 'Shared', account: 'base', secret: SECRET_B32 });
  await app.lock('manual');
}

/** The folder changed: the watcher's callback, as fs.watch would call it. */
function changeFolder(): void {
  if (!folderChanged) throw new Error('the folder is not watched');
  folderChanged();
}

describe('conflict copies in the app', () => {
  it('absorbs the copies found at unlock, tells the window and shows the merged accounts', async () => {
    const app = services();
    await lockedVaultWithOneAccount(app);
    const copy = await conflictCopy(DROPBOX, addAccount('from-desktop'));
    events = [];

    await app.vault.unlock(PASSWORD);
    await app.conflictCopies.settled();

    expect(of<ConflictCopiesReport>('vault:conflict-copies')).toEqual([
      {
        merged: [{ file: DROPBOX, tool: 'dropbox', device: 'DESKTOP-ABC', passwordFromCopy: false }],
        needPassword: [],
        otherVaults: [],
        failed: [],
      },
    ]);
    const lists = of<EntrySummary[]>('entries:changed');
    expect(
      lists
        .at(-1)!
        .map((e) => e.account)
        .sort(),
    ).toEqual(['base', 'from-desktop']);
    expect(await readdir(path.join(dir, 'backups'))).toContain(DROPBOX);
    expect(await readdir(dir)).not.toContain(DROPBOX);
    expect(copy).toBe(path.join(dir, DROPBOX));
    // Watched while open: once when the vault was made, once now.
    expect(folderWatches).toBe(2);
  });

  it('a burst of folder changes gives one run after a quiet second; nothing new gives no event at all', async () => {
    const app = services();
    await lockedVaultWithOneAccount(app);
    await app.vault.unlock(PASSWORD);
    await app.conflictCopies.settled();
    events = [];

    // Nothing changed that anyone can see: no list is sent again (no flicker), nothing said.
    changeFolder();
    await vi.advanceTimersByTimeAsync(1000);
    await app.conflictCopies.settled();
    expect([...of('entries:changed'), ...of('vault:conflict-copies'), ...of('vault:status-changed')]).toEqual([]);

    await conflictCopy(SYNCTHING, addAccount('from-laptop'));
    for (let i = 0; i < 5; i++) {
      changeFolder();
      await vi.advanceTimersByTimeAsync(300);
    }
    await app.conflictCopies.settled();
    expect(of('vault:conflict-copies')).toEqual([]);
    await vi.advanceTimersByTimeAsync(699);
    await app.conflictCopies.settled();
    expect(of('vault:conflict-copies')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await app.conflictCopies.settled();

    expect(of<ConflictCopiesReport>('vault:conflict-copies')).toHaveLength(1);
    expect(of<ConflictCopiesReport>('vault:conflict-copies')[0]!.merged).toEqual([
      { file: SYNCTHING, tool: 'syncthing', device: 'ABCDEF1', passwordFromCopy: false },
    ]);
    expect(of<EntrySummary[]>('entries:changed')).toHaveLength(1);
    expect(
      of<EntrySummary[]>('entries:changed')[0]!
        .map((e) => e.account)
        .sort(),
    ).toEqual(['base', 'from-laptop']);
  });

  it('a copy that adds nothing is moved and said, without sending the list again', async () => {
    const app = services();
    await lockedVaultWithOneAccount(app);
    await app.vault.unlock(PASSWORD);
    await app.conflictCopies.settled();
    await conflictCopy(SYNCTHING, async () => undefined);
    events = [];
    changeFolder();
    await vi.advanceTimersByTimeAsync(1000);
    await app.conflictCopies.settled();
    expect(of<ConflictCopiesReport>('vault:conflict-copies')).toHaveLength(1);
    expect(of('entries:changed')).toEqual([]);
  });

  it('asks for a copy’s own password once, and merges it with that password', async () => {
    const app = services();
    await lockedVaultWithOneAccount(app);
    await conflictCopy(SYNCTHING, async (other) => {
      await addAccount('after-change')(other);
      await other.changePassword(PASSWORD, OTHER_PASSWORD);
    });
    await app.vault.unlock(PASSWORD);
    await app.conflictCopies.settled();
    expect(of<ConflictCopiesReport>('vault:conflict-copies')).toEqual([
      { merged: [], needPassword: [SYNCTHING], otherVaults: [], failed: [] },
    ]);

    // Told once: later changes in the folder do not ask again.
    changeFolder();
    await vi.advanceTimersByTimeAsync(1000);
    await app.conflictCopies.settled();
    expect(of('vault:conflict-copies')).toHaveLength(1);

    const wrong = await app.conflictCopies.mergeWithPassword(SYNCTHING, 'not that one').catch((e: unknown) => e);
    expect(toIpcError(wrong)).toMatchObject({ code: 'wrong-password-or-tampered' });
    const notWaiting = await app.conflictCopies.mergeWithPassword('vault 2.tessera', OTHER_PASSWORD).catch((e) => e);
    expect(toIpcError(notWaiting)).toMatchObject({ code: 'not-found' });

    events = [];
    const report = await app.conflictCopies.mergeWithPassword(SYNCTHING, OTHER_PASSWORD);
    expect(report.merged).toMatchObject([{ file: SYNCTHING }]);
    expect(
      of<EntrySummary[]>('entries:changed')
        .at(-1)!
        .map((e) => e.account),
    ).toContain('after-change');
    expect(await readdir(dir)).not.toContain(SYNCTHING);
    // Merged: no longer waiting.
    const again = await app.conflictCopies.mergeWithPassword(SYNCTHING, OTHER_PASSWORD).catch((e: unknown) => e);
    expect(toIpcError(again)).toMatchObject({ code: 'not-found' });
  });

  it('stops watching the folder on lock, and tells each copy again after the next unlock', async () => {
    const app = services();
    await lockedVaultWithOneAccount(app);
    await conflictCopy(SYNCTHING, (other) => other.changePassword(PASSWORD, OTHER_PASSWORD));
    await app.vault.unlock(PASSWORD);
    await app.conflictCopies.settled();
    const stopsBefore = folderStops;
    await app.lock('manual');
    expect(folderStops).toBe(stopsBefore + 1);
    expect(folderChanged).toBeNull();
    await app.vault.unlock(PASSWORD);
    await app.conflictCopies.settled();
    expect(of<ConflictCopiesReport>('vault:conflict-copies').map((r) => r.needPassword)).toEqual([
      [SYNCTHING],
      [SYNCTHING],
    ]);
  });
});
