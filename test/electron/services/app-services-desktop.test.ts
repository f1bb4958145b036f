// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes-window features of the services, end to end in Node over a real vault on disk: delete
 * with undo (and what a lock or quit does to it), reorder, the live code preview, settings, window
 * activity and the push rate.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../../electron/domain';
import type { EventChannel } from '../../../electron/ipc/contract';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { UNDO_SECONDS } from '../../../electron/services/pending-removals';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238 SHA1 key "12345678901234567890"
const PASSWORD = 'correct horse battery';

let dir: string;
let clock: FakeClock;
let events: { channel: EventChannel; payload: unknown }[];
const running: AppServices[] = [];

function services(): AppServices {
  const s = createAppServices({
    vaultPath: path.join(dir, 'vault.tessera'),
    clipboard: new MemoryClipboard(),
    clock,
    emit: (channel, payload) => events.push({ channel, payload }),
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
  });
  running.push(s);
  return s;
}

async function withEntries(...issuers: string[]): Promise<{ s: AppServices; ids: string[] }> {
  const s = services();
  await s.vault.create(PASSWORD);
  const ids: string[] = [];
  for (const issuer of issuers)
    ids.push((await s.entries.add({ type: 'totp', issuer, account: 'a', secret: SECRET_B32 })).id);
  return { s, ids };
}

const lastEntries = (): string[] =>
  (events.filter((e) => e.channel === 'entries:changed').at(-1)?.payload as { issuer: string }[]).map((e) => e.issuer);

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-desktop-'));
  clock = new FakeClock(59_000);
  events = [];
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('delete with undo', () => {
  it('hides the entry at once and deletes it from the vault when the undo time has passed', async () => {
    const { s, ids } = await withEntries('Alpha', 'Bravo');
    expect(await s.entries.remove(ids[0] as string)).toBe(UNDO_SECONDS);
    expect(s.entries.list().map((e) => e.issuer)).toEqual(['Bravo']);
    expect(lastEntries()).toEqual(['Bravo']);
    expect(s.codes.current().map((c) => c.id)).toEqual([ids[1]]);
    await expect(s.codes.copy(ids[0] as string)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(s.entries.update(ids[0] as string, { notes: 'x' })).rejects.toMatchObject({ name: 'NotFoundError' });

    clock.advance(UNDO_SECONDS * 1000);
    await vi.waitFor(() => expect(s.vault.open().entries()).toHaveLength(1));
    await s.lock('manual');
    const again = services();
    expect(await again.vault.unlock(PASSWORD)).toMatchObject({ entryCount: 1 });
    await expect(s.entries.undoRemove(ids[0] as string)).rejects.toThrow();
  });

  it('undo within the time keeps the entry where it was; after it, undo is refused', async () => {
    const { s, ids } = await withEntries('Alpha', 'Bravo');
    await s.entries.remove(ids[0] as string);
    clock.advance(UNDO_SECONDS * 1000 - 1);
    expect(await s.entries.undoRemove(ids[0] as string)).toMatchObject({ issuer: 'Alpha' });
    expect(lastEntries()).toEqual(['Alpha', 'Bravo']);
    clock.advance(60_000);
    expect(s.vault.open().entries()).toHaveLength(2);
    await expect(s.entries.undoRemove(ids[0] as string)).rejects.toMatchObject({ name: 'UndoExpiredError' });
  });

  it('a lock within the undo time keeps the account and says so on the unlock screen', async () => {
    const { s, ids } = await withEntries('Alpha', 'Bravo');
    await s.entries.remove(ids[0] as string);
    await s.entries.remove(ids[1] as string);
    const locked = await s.lock('suspend');
    expect(locked).toMatchObject({ status: 'locked', lastLockReason: 'suspend', cancelledDeletions: 2 });
    clock.advance(60_000);
    await s.vault.unlock(PASSWORD);
    expect(s.entries.list().map((e) => e.issuer)).toEqual(['Alpha', 'Bravo']);
    expect((await s.lock('manual')) as VaultStatus).not.toHaveProperty('cancelledDeletions');
  });

  it('quitting within the undo time keeps the account in the file', async () => {
    const { s, ids } = await withEntries('Alpha');
    await s.entries.remove(ids[0] as string);
    await s.shutdown();
    const again = services();
    expect(await again.vault.unlock(PASSWORD)).toMatchObject({ entryCount: 1 });
  });
});

describe('reorder', () => {
  it('saves the order the renderer sends, and refuses a list that is not every entry once', async () => {
    const { s, ids } = await withEntries('Alpha', 'Bravo', 'Charlie');
    const [a, b, c] = ids as [string, string, string];
    const reordered = await s.entries.reorder([c, a, b]);
    expect([...reordered].sort((x, y) => x.sortOrder - y.sortOrder).map((e) => e.issuer)).toEqual([
      'Charlie',
      'Alpha',
      'Bravo',
    ]);
    await expect(s.entries.reorder([c, a])).rejects.toMatchObject({ field: 'ids' });
    await expect(s.entries.reorder([c, a, a])).rejects.toMatchObject({ field: 'ids' });
    await s.lock('manual');
    const again = services();
    await again.vault.unlock(PASSWORD);
    expect(again.entries.list().map((e) => e.issuer)).toEqual(['Charlie', 'Alpha', 'Bravo']);
  });

  it('orders the shown entries only; one being deleted keeps its place at the end', async () => {
    const { s, ids } = await withEntries('Alpha', 'Bravo', 'Charlie');
    const [a, b, c] = ids as [string, string, string];
    await s.entries.remove(b);
    await s.entries.reorder([c, a]);
    await s.entries.undoRemove(b);
    expect(s.entries.list().map((e) => e.issuer)).toEqual(['Charlie', 'Alpha', 'Bravo']);
  });
});

describe('live code preview', () => {
  it('returns the code and its end of validity, never the secret', async () => {
    const { s } = await withEntries();
    const preview = s.codes.preview({ type: 'totp', secret: SECRET_B32, digits: 8 });
    expect(preview).toEqual({ code: '94287082', validUntil: 60_000 });
    expect(JSON.stringify(preview)).not.toContain(SECRET_B32);
    expect(s.codes.preview({ type: 'hotp', secret: SECRET_B32, counter: 1 })).toEqual({
      code: '287082',
      validUntil: null,
    });
    expect(() => s.codes.preview({ type: 'totp', secret: 'not base32!' })).toThrow(
      expect.objectContaining({ field: 'secret' }),
    );
    expect(() => s.codes.preview({ type: 'totp', secret: SECRET_B32, digits: 3 })).toThrow(
      expect.objectContaining({ field: 'digits' }),
    );
    await s.lock('manual');
    expect(() => s.codes.preview({ type: 'totp', secret: SECRET_B32 })).toThrow(/locked/);
  });
});

describe('settings', () => {
  it('are changed only with the vault open, saved beside it and pushed to the renderer', async () => {
    const s = services();
    await expect(s.settings.update({ theme: 'dark' })).rejects.toThrow(/locked/);
    await s.vault.create(PASSWORD);
    const view = await s.settings.update({ theme: 'dark', clipboardClearSeconds: 45 });
    expect(view.settings).toMatchObject({ theme: 'dark', clipboardClearSeconds: 45 });
    expect(events.filter((e) => e.channel === 'settings:changed').at(-1)?.payload).toEqual(view);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
    const entry = await s.entries.add({ type: 'totp', issuer: 'X', account: 'y', secret: SECRET_B32 });
    expect(await s.codes.copy(entry.id)).toBe(45);
    expect(services().settings.view().settings.theme).toBe('dark');
  });

  it('a shorter auto-lock time takes effect at once; 0 turns the idle lock off', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    await s.settings.update({ autoLockMinutes: 0 });
    clock.advance(60 * 60_000);
    expect(s.vault.isUnlocked()).toBe(true);
    await s.settings.update({ autoLockMinutes: 1 });
    await vi.waitFor(() => expect(s.vault.isUnlocked()).toBe(false));
    expect(await s.vault.status()).toMatchObject({ lastLockReason: 'idle' });
  });

  it('follow the suspend switch', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    await s.settings.update({ lockOnSuspend: false });
    s.autoLockEvent('suspend');
    expect(s.vault.isUnlocked()).toBe(true);
    await s.settings.update({ lockOnSuspend: true });
    s.autoLockEvent('suspend');
    await vi.waitFor(() => expect(s.vault.isUnlocked()).toBe(false));
  });
});

describe('window activity and pushes', () => {
  it('activity from the window postpones the idle lock', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    clock.advance(4 * 60_000);
    s.autoLockEvent('activity');
    clock.advance(4 * 60_000);
    expect(s.vault.isUnlocked()).toBe(true);
    clock.advance(60_000);
    await vi.waitFor(() => expect(s.vault.isUnlocked()).toBe(false));
  });

  it('pushes codes once per 30 s period, each push carrying the next code', async () => {
    const { s } = await withEntries('Alpha', 'Bravo');
    await s.settings.update({ autoLockMinutes: 0 });
    events = [];
    clock.advance(60_000);
    const pushes = events.filter((e) => e.channel === 'codes:update');
    expect(pushes).toHaveLength(2);
    for (const push of pushes) {
      for (const code of push.payload as { next?: string }[]) expect(code.next).toMatch(/^\d{6}$/);
    }
  });
});
