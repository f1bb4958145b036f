// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key through the desktop services, end to end in Node: a real vault on disk (fast
 * fake KDF), a fake save dialog writing into a temp folder and a manual clock. Checks the way back
 * in with a forgotten password, the master-password gate on making and removing a key, the one
 * pending key main holds for “Save to a file” and when it lets go of it, and that the key's text
 * reaches no event, status or error.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRecoveryKey } from '../../../electron/cli/commands/run/recovery-key-file';
import { RECOVERY_KEY_FILE_NAME, recoveryKeyPage } from '../../../electron/domain/recovery-key';
import type { EventChannel } from '../../../electron/ipc/contract';
import type { AppServices } from '../../../electron/services/app-services';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import { toIpcError } from '../../../electron/services/error-report';
import {
  createRecoveryKeyService,
  PENDING_RECOVERY_KEY_SECONDS,
} from '../../../electron/services/recovery-key-service';
import { inspectVault, type UnlockedVault } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { testServices } from './test-services';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new master password';
const T0 = Date.UTC(2024, 0, 31, 12, 0, 0);
const KEY_RE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){8}$/;

let dir: string;
let outDir: string;
let vaultPath: string;
let clock: FakeClock;
let events: { channel: EventChannel; payload: unknown }[];
/** What the save dialog answers next (a file name in `outDir`, or null for Cancel), and what it was asked. */
let nextSave: string | null;
let dialogs: Parameters<DesktopPorts['pickSavePath']>[0][];
/** How the dialog answers; default: at once, with `nextSave`. */
let dialogAnswer: () => Promise<string | null>;
const running: AppServices[] = [];

function services(): AppServices {
  const desktop: DesktopPorts = {
    ...NO_DESKTOP,
    pickSavePath: async (options) => {
      dialogs.push(options);
      return dialogAnswer();
    },
  };
  const s = testServices({
    vaultPath,
    clock,
    emit: (channel, payload) => events.push({ channel, payload }),
    desktop,
  });
  running.push(s);
  return s;
}

/** An unlocked vault with one account, the idle lock and automatic backups off (not what is tested here). */
async function openVault(): Promise<AppServices> {
  const s = services();
  await s.vault.create(PASSWORD);
  await s.settings.update({ autoLockMinutes: 0, autoBackup: false });
  await s.entries.addUri('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example');
  return s;
}

/** The statuses pushed to the window. */
const statuses = (): { status: string; recoveryKey?: boolean }[] =>
  events
    .filter((e) => e.channel === 'vault:status-changed')
    .map((e) => e.payload as { status: string; recoveryKey?: boolean });

/** Nothing the window was pushed holds the key, with or without its hyphens. */
function expectNoKeyIn(value: unknown, key: string): void {
  const text = JSON.stringify(value);
  expect(text).not.toContain(key);
  expect(text).not.toContain(key.replace(/-/g, ''));
}

/** The same key with one character of its first group changed: the check group catches it. */
const typo = (key: string): string => key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-recovery-key-'));
  outDir = path.join(dir, 'out');
  mkdirSync(outDir);
  vaultPath = path.join(dir, 'vault.tessera');
  clock = new FakeClock(T0);
  events = [];
  nextSave = null;
  dialogs = [];
  dialogAnswer = async () => (nextSave === null ? null : path.join(outDir, nextSave));
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('a forgotten password', () => {
  it('opens the vault with the recovery key and a new password; the old password opens nothing', async () => {
    const s = await openVault();
    expect(await s.vault.status()).toMatchObject({ status: 'unlocked', recoveryKey: false });
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    expect(recoveryKey).toMatch(KEY_RE);
    expect(statuses().at(-1)).toMatchObject({ status: 'unlocked', recoveryKey: true });
    await s.lock('manual');

    expect(await s.recover(recoveryKey, NEW_PASSWORD)).toMatchObject({
      status: 'unlocked',
      entryCount: 1,
      recoveryKey: true,
    });
    expect(s.entries.list().map((e) => e.issuer)).toEqual(['Example']);
    await s.lock('manual');
    await expect(s.vault.unlock(PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    expect(await s.vault.unlock(NEW_PASSWORD)).toMatchObject({ status: 'unlocked', recoveryKey: true });
    expect(statuses().map((st) => st.status)).toEqual([
      'unlocked',
      'unlocked',
      'locked',
      'unlocked',
      'locked',
      'unlocked',
    ]);
    expectNoKeyIn(events, recoveryKey);
  });

  it('says what is wrong with a mistyped key, in plain words, and stays locked', async () => {
    const s = await openVault();
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    await s.lock('manual');
    const before = readFileSync(vaultPath);
    const refused = await s.recover(typo(recoveryKey), NEW_PASSWORD).catch(toIpcError);
    expect(refused).toEqual({
      code: 'invalid-entry',
      field: 'recoveryKey',
      message: expect.stringMatching(/typo.*Check each group/),
    });
    expectNoKeyIn(refused, recoveryKey);
    expect(await s.recover(recoveryKey.slice(0, -5), NEW_PASSWORD).catch(toIpcError)).toMatchObject({
      code: 'invalid-entry',
      message: expect.stringContaining('9 groups of 4'),
    });
    expect(await s.vault.status()).toMatchObject({ status: 'locked' });
    expect(readFileSync(vaultPath).equals(before)).toBe(true);
    // The master password still opens it: nothing changed.
    expect(await s.vault.unlock(PASSWORD)).toMatchObject({ status: 'unlocked' });
  });

  it('refuses a short new password before reading the key, and a key of a vault without one', async () => {
    const s = await openVault();
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    await s.recoveryKeys.remove(PASSWORD);
    await s.lock('manual');
    expect(await s.recover(recoveryKey, 'short').catch(toIpcError)).toMatchObject({ code: 'weak-password' });
    expect(await s.recover(recoveryKey, NEW_PASSWORD).catch(toIpcError)).toEqual({
      code: 'wrong-password-or-tampered',
      message: expect.stringContaining('has no recovery key'),
    });
    expect(await s.vault.status()).toMatchObject({ status: 'locked' });
  });

  it('is refused while the vault is open (the password is changed in Settings then)', async () => {
    const s = await openVault();
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    expect(await s.recover(recoveryKey, NEW_PASSWORD).catch(toIpcError)).toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('Settings'),
    });
    await s.lock('manual');
    expect(await s.vault.unlock(PASSWORD)).toMatchObject({ status: 'unlocked' });
  });
});

describe('making a recovery key', () => {
  it('needs the master password: a wrong one makes no key and is refused in plain words', async () => {
    const s = await openVault();
    const before = readFileSync(vaultPath);
    const refusal = await s.recoveryKeys.create('wrong password!').catch(toIpcError);
    // The exports' refusal has the same code; this one adds that nothing changed.
    expect(await s.exports.authorize('wrong password!').catch(toIpcError)).toMatchObject({
      code: 'wrong-password-or-tampered',
    });
    expect(refusal).toEqual({
      code: 'wrong-password-or-tampered',
      message: expect.stringMatching(/password is wrong/),
    });
    expect(readFileSync(vaultPath).equals(before)).toBe(true);
    expect((await inspectVault(vaultPath)).slotTypes).toEqual(['password']);
    expect(await s.vault.status()).toMatchObject({ recoveryKey: false });
    expect(await s.recoveryKeys.save().catch(toIpcError)).toMatchObject({ code: 'not-found' });
  });

  it('a wrong password keeps the key already held', async () => {
    const s = await openVault();
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    await expect(s.recoveryKeys.create('wrong password!')).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    nextSave = 'key.txt';
    await s.recoveryKeys.save();
    expect(readFileSync(path.join(outDir, 'key.txt'), 'utf8')).toContain(recoveryKey);
  });

  it('needs the vault open', async () => {
    const s = await openVault();
    await s.lock('manual');
    expect(await s.recoveryKeys.create(PASSWORD).catch(toIpcError)).toMatchObject({ code: 'vault-locked' });
    expect(await s.recoveryKeys.remove(PASSWORD).catch(toIpcError)).toMatchObject({ code: 'vault-locked' });
  });

  it('replaces the earlier key, which then opens nothing', async () => {
    const s = await openVault();
    const first = (await s.recoveryKeys.create(PASSWORD)).recoveryKey;
    const second = (await s.recoveryKeys.create(PASSWORD)).recoveryKey;
    expect(second).not.toBe(first);
    expect((await inspectVault(vaultPath)).slotTypes).toEqual(['password', 'recovery']);
    await s.lock('manual');
    expect(await s.recover(first, NEW_PASSWORD).catch(toIpcError)).toMatchObject({
      code: 'wrong-password-or-tampered',
      message: expect.stringContaining('does not open this vault'),
    });
    expect(await s.recover(second, NEW_PASSWORD)).toMatchObject({ status: 'unlocked' });
  });
});

describe('saving the key just made', () => {
  it('writes a page to print, 0600, through main’s save dialog', async () => {
    const s = await openVault();
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    nextSave = 'my key.txt';
    const { savedTo } = await s.recoveryKeys.save();
    expect(savedTo).toBe(path.join(outDir, 'my key.txt'));
    expect(dialogs).toEqual([
      {
        title: 'Save the recovery key',
        defaultName: RECOVERY_KEY_FILE_NAME,
        filters: [{ name: 'Text', extensions: ['txt'] }],
      },
    ]);
    expect(RECOVERY_KEY_FILE_NAME).toBe('Tessera recovery key.txt');
    if (process.platform !== 'win32') expect(statSync(savedTo!).mode & 0o777).toBe(0o600);
    const page = readFileSync(savedTo!, 'utf8');
    expect(page).toBe(recoveryKeyPage({ recoveryKey, vaultPath, createdAt: T0 }));
    expect(page.split('\n').map((l) => l.trim())).toContain(recoveryKey);
    expect(page).toContain('Forgot your password?');
    expect(page).toContain('tessera passwd --recovery-key-file FILE');
    expect(page).toContain(vaultPath);
    expect(page).toContain('2024-01-31 at 12:00 UTC');
    // `tessera passwd --recovery-key-file` finds the key in the page.
    expect(findRecoveryKey(page, savedTo!)).toBe(recoveryKey);
    expect(readdirSync(outDir)).toEqual(['my key.txt']);
  });

  it('answers null when the dialog is cancelled, and may be saved again after', async () => {
    const s = await openVault();
    await s.recoveryKeys.create(PASSWORD);
    expect(await s.recoveryKeys.save()).toEqual({ savedTo: null });
    nextSave = 'key.txt';
    expect(await s.recoveryKeys.save()).toEqual({ savedTo: path.join(outDir, 'key.txt') });
    nextSave = 'second copy.txt';
    expect(await s.recoveryKeys.save()).toEqual({ savedTo: path.join(outDir, 'second copy.txt') });
  });

  it('never over the vault file', async () => {
    const s = await openVault();
    await s.recoveryKeys.create(PASSWORD);
    const before = readFileSync(vaultPath);
    nextSave = path.relative(outDir, vaultPath);
    expect(await s.recoveryKeys.save().catch(toIpcError)).toMatchObject({ code: 'invalid-entry', field: 'path' });
    expect(readFileSync(vaultPath).equals(before)).toBe(true);
  });

  it('says so plainly when no key is held, without opening the dialog', async () => {
    const s = await openVault();
    nextSave = 'key.txt';
    expect(await s.recoveryKeys.save().catch(toIpcError)).toEqual({
      code: 'not-found',
      message: expect.stringMatching(/no longer holds the recovery key.*Make a new recovery key/),
    });
    expect(dialogs).toEqual([]);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('forgets the key when the window says so, when the vault locks, and after ten minutes', async () => {
    const s = await openVault();
    nextSave = 'key.txt';

    await s.recoveryKeys.create(PASSWORD);
    s.recoveryKeys.forget();
    await expect(s.recoveryKeys.save()).rejects.toMatchObject({ name: 'NoPendingRecoveryKeyError' });

    await s.recoveryKeys.create(PASSWORD);
    await s.lock('idle');
    await s.vault.unlock(PASSWORD);
    await expect(s.recoveryKeys.save()).rejects.toMatchObject({ name: 'NoPendingRecoveryKeyError' });

    await s.recoveryKeys.create(PASSWORD);
    clock.advance(PENDING_RECOVERY_KEY_SECONDS * 1000 - 1);
    expect(await s.recoveryKeys.save()).toEqual({ savedTo: path.join(outDir, 'key.txt') });
    clock.advance(1);
    await expect(s.recoveryKeys.save()).rejects.toMatchObject({ name: 'NoPendingRecoveryKeyError' });
    expect(dialogs).toHaveLength(1);
  });

  it('does not write the key when the vault locked while the dialog was open', async () => {
    const s = await openVault();
    await s.recoveryKeys.create(PASSWORD);
    let answer!: (file: string) => void;
    dialogAnswer = () => new Promise((resolve) => (answer = resolve));
    const saving = s.recoveryKeys.save();
    await s.lock('idle');
    answer(path.join(outDir, 'key.txt'));
    await expect(saving).rejects.toMatchObject({ name: 'NoPendingRecoveryKeyError' });
    expect(readdirSync(outDir)).toEqual([]);
  });
});

describe('removing the recovery key', () => {
  it('needs the master password, then the key opens nothing and the status says so', async () => {
    const s = await openVault();
    const { recoveryKey } = await s.recoveryKeys.create(PASSWORD);
    await expect(s.recoveryKeys.remove('wrong password!')).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    expect((await inspectVault(vaultPath)).slotTypes).toEqual(['password', 'recovery']);
    expect(await s.vault.status()).toMatchObject({ recoveryKey: true });
    expect(await s.recoveryKeys.remove(PASSWORD)).toMatchObject({ status: 'unlocked', recoveryKey: false });
    expect(statuses().at(-1)).toMatchObject({ status: 'unlocked', recoveryKey: false });
    expect((await inspectVault(vaultPath)).slotTypes).toEqual(['password']);
    // The key just made was dropped with it.
    await expect(s.recoveryKeys.save()).rejects.toMatchObject({ name: 'NoPendingRecoveryKeyError' });
    // With no key left, a wrong password is still refused.
    await expect(s.recoveryKeys.remove('wrong password!')).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    expect(await s.recoveryKeys.remove(PASSWORD)).toMatchObject({ recoveryKey: false });
    await s.lock('manual');
    await expect(s.recover(recoveryKey, NEW_PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    expectNoKeyIn(events, recoveryKey);
  });
});

describe('the service alone, on a stand-in vault', () => {
  /** A vault whose key making waits for the test. */
  function standIn() {
    let made = 0;
    const waiting: (() => void)[] = [];
    const vault = {
      hasRecoveryKey: false,
      createRecoveryKey: (password: string) =>
        new Promise<string>((resolve) => {
          if (password !== PASSWORD) throw new Error('wrong');
          const key = `KEY-${++made}`;
          waiting.push(() => resolve(key));
        }),
      removeRecoveryKey: async () => undefined,
    } as unknown as UnlockedVault;
    const service = createRecoveryKeyService({
      clock,
      desktop: { pickSavePath: async () => path.join(outDir, 'key.txt') },
      vaultPath,
      vault: () => vault,
      announce: async () => ({ status: 'locked', path: vaultPath, lastLockReason: null }),
      saved: () => undefined,
    });
    /** Waits until a key is being made (the password was checked). */
    const making = async (): Promise<void> => {
      for (let i = 0; i < 50 && waiting.length === 0; i++) await Promise.resolve();
      expect(waiting.length).toBeGreaterThan(0);
    };
    /** Lets the oldest key being made finish. */
    const finish = async (): Promise<void> => {
      await making();
      waiting.shift()?.();
    };
    return { service, making, finish };
  }

  it('does not keep or show a key whose making outlived a lock', async () => {
    const { service, making, finish } = standIn();
    const creating = service.create(PASSWORD);
    await making();
    service.forget();
    await finish();
    expect(await creating.catch(toIpcError)).toMatchObject({
      code: 'vault-locked',
      message: expect.stringContaining('make a new'),
    });
    await expect(service.save()).rejects.toMatchObject({ name: 'NoPendingRecoveryKeyError' });
    expect(clock.pending()).toBe(0);
  });

  it('makes keys one at a time, so the key held is the vault’s newest', async () => {
    const { service, finish } = standIn();
    const first = service.create(PASSWORD);
    const second = service.create(PASSWORD);
    await finish();
    expect(await first).toEqual({ recoveryKey: 'KEY-1' });
    await finish();
    expect(await second).toEqual({ recoveryKey: 'KEY-2' });
    await service.save();
    expect(readFileSync(path.join(outDir, 'key.txt'), 'utf8')).toContain('    KEY-2\n');
    // One ten-minute timer, for the key held.
    expect(clock.pending()).toBe(1);
  });
});
