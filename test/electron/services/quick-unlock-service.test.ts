// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock (electron/services/quick-unlock-service.ts) with a fake OS keyring and a fake Touch
 * ID: a PIN opens the locked vault; five wrong PINs destroy the material while the master password
 * keeps working; no keyring → refused with the reason; the keyring entry deleted, a backend switch,
 * a vault folder copied to another account; "until restart"; expiry; re-keys here and elsewhere.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuickUnlockStatus } from '../../../electron/domain';
import type { EventChannel } from '../../../electron/ipc/contract';
import type { AppServices } from '../../../electron/services/app-services';
import { toIpcError } from '../../../electron/services/error-report';
import { QUICK_UNLOCK_FILE_NAME } from '../../../electron/services/quick-unlock-service';
import type { OsSecretStore, QuickUnlockPorts, UserPresence } from '../../../electron/services/quick-unlock-ports';
import { unlockVault } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeKdf } from '../export/arbitraries';
import { testServices } from './test-services';

const PASSWORD = 'correct horse battery';
const PIN = '482913';
const DAY = 86_400_000;

/** A keyring bound to one OS account: what it seals, only the same account unseals. */
class FakeKeyring implements OsSecretStore {
  usable: { usable: true } | { usable: false; reason: string } = { usable: true };
  reseal = false;
  broken = false;
  constructor(readonly account: string) {}
  async check() {
    return this.usable;
  }
  #sealed = 0;
  /** Like a real keyring, every seal differs (a fresh IV): here, a counter. */
  async seal(text: string): Promise<Uint8Array> {
    return new TextEncoder().encode(`${this.account}|${Buffer.from(text).toString('base64')}|${this.#sealed++}`);
  }
  async unseal(sealed: Uint8Array) {
    const [account, body] = new TextDecoder().decode(sealed).split('|');
    if (this.broken || account !== this.account) throw new Error('the keyring cannot open this');
    return { text: Buffer.from(body ?? '', 'base64').toString(), shouldReseal: this.reseal };
  }
}

class FakeTouchId implements UserPresence {
  answer: 'yes' | 'no' = 'yes';
  available(): boolean {
    return true;
  }
  async confirm(): Promise<void> {
    if (this.answer === 'no') throw new Error('cancelled');
  }
}

let dir: string;
let clock: FakeClock;
let events: { channel: EventChannel; payload: unknown }[];
let keyring: FakeKeyring;
const running: AppServices[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-quick-'));
  clock = new FakeClock(1_700_000_000_000);
  events = [];
  keyring = new FakeKeyring('alice');
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function services(ports: Partial<QuickUnlockPorts> = {}, folder = dir): AppServices {
  const s = testServices({
    vaultPath: path.join(dir, 'vault.tessera'),
    dataFolder: folder,
    clock,
    emit: (channel, payload) => events.push({ channel, payload }),
    quickUnlock: { store: keyring, presence: null, ...ports },
  });
  running.push(s);
  return s;
}

async function withPin(s: AppServices, settings: { untilRestart?: boolean } = {}): Promise<QuickUnlockStatus> {
  await s.vault.create(PASSWORD);
  await s.settings.update({ quickUnlockUntilRestart: settings.untilRestart ?? false });
  const status = await s.quickUnlock.enable('pin', PIN, PASSWORD);
  await s.lock('manual');
  return status;
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => toIpcError(e),
  );

describe('quick unlock with a PIN', () => {
  it('opens the locked vault with the PIN; the material stays on this computer, sealed, not in the vault', async () => {
    const s = services();
    const status = await withPin(s);
    expect(status).toMatchObject({
      available: true,
      enabled: true,
      method: 'pin',
      attemptsLeft: 5,
      untilRestart: false,
    });
    expect(status.expiresAt).toBe(clock.now() + 14 * DAY);
    const stored = readFileSync(path.join(dir, QUICK_UNLOCK_FILE_NAME), 'utf8');
    expect(stored).not.toContain(PIN);
    expect(JSON.parse(stored)).toMatchObject({ v: 1, method: 'pin', failures: 0 });
    expect((await s.quickUnlock.unlock(PIN)).status).toBe('unlocked');
    expect(events.some((e) => e.channel === 'quick-unlock:changed')).toBe(true);
  });

  it('refuses a PIN that is not one, before any work', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    expect(await errorOf(s.quickUnlock.enable('pin', '12 34', PASSWORD))).toMatchObject({
      code: 'invalid-entry',
      field: 'pin',
    });
    expect(await errorOf(s.quickUnlock.enable('pin', '12345', PASSWORD))).toMatchObject({ field: 'pin' });
    expect(await errorOf(s.quickUnlock.enable('pin', PIN, 'not the password'))).toMatchObject({
      code: 'wrong-password-or-tampered',
    });
    expect((await s.quickUnlock.status()).enabled).toBe(false);
  });

  it('five wrong PINs destroy the material; the master password still works', async () => {
    const s = services();
    await withPin(s);
    for (let left = 4; left >= 1; left--) {
      const error = await errorOf(s.quickUnlock.unlock('000000'));
      expect(error).toMatchObject({ code: 'wrong-password-or-tampered', field: 'pin' });
      expect(error?.message).toContain(`${left} ${left === 1 ? 'try is' : 'tries are'} left`);
      expect((await s.quickUnlock.status()).attemptsLeft).toBe(left);
    }
    expect((await errorOf(s.quickUnlock.unlock('000000')))?.message).toContain('5 wrong PINs in a row');
    expect(existsSync(path.join(dir, QUICK_UNLOCK_FILE_NAME))).toBe(false);
    const after = await s.quickUnlock.status();
    expect(after).toMatchObject({ enabled: false, lapsedReason: expect.stringContaining('5 wrong PINs') });
    // Even the right PIN opens nothing now; the master password does.
    expect(await errorOf(s.quickUnlock.unlock(PIN))).toMatchObject({ code: 'not-found' });
    expect((await s.vault.unlock(PASSWORD)).status).toBe('unlocked');
  });

  it('a right PIN after wrong ones resets the count', async () => {
    const s = services();
    await withPin(s);
    await errorOf(s.quickUnlock.unlock('000000'));
    await errorOf(s.quickUnlock.unlock('000000'));
    await s.quickUnlock.unlock(PIN);
    await s.lock('manual');
    expect((await s.quickUnlock.status()).attemptsLeft).toBe(5);
  });
});

describe('where the OS offers no real protection, or stops offering it', () => {
  it('basic_text: refused with the reason, nothing written', async () => {
    keyring.usable = {
      usable: false,
      reason: 'No keyring is running (basic_text), so quick unlock would protect nothing.',
    };
    const s = services();
    await s.vault.create(PASSWORD);
    const status = await s.quickUnlock.status();
    expect(status).toMatchObject({
      available: false,
      enabled: false,
      unavailableReason: expect.stringContaining('basic_text'),
    });
    expect(await errorOf(s.quickUnlock.enable('pin', PIN, PASSWORD))).toMatchObject({ code: 'unavailable' });
    expect(existsSync(path.join(dir, QUICK_UNLOCK_FILE_NAME))).toBe(false);
  });

  it('without any keyring port, says so', async () => {
    const s = services({ store: null });
    expect((await s.quickUnlock.status()).unavailableReason).toMatch(/keyring/);
  });

  it('the keyring entry deleted: quick unlock ends with the reason; the master password works', async () => {
    const s = services();
    await withPin(s);
    keyring.broken = true;
    expect((await errorOf(s.quickUnlock.unlock(PIN)))?.message).toMatch(/keyring can no longer open/);
    expect((await s.quickUnlock.status()).enabled).toBe(false);
    expect((await s.vault.unlock(PASSWORD)).status).toBe('unlocked');
  });

  it('a keyring that asks for re-sealing (a backend or key switch) gets the material sealed again', async () => {
    const s = services();
    await withPin(s);
    const before = readFileSync(path.join(dir, QUICK_UNLOCK_FILE_NAME), 'utf8');
    keyring.reseal = true;
    await s.quickUnlock.unlock(PIN);
    const after = readFileSync(path.join(dir, QUICK_UNLOCK_FILE_NAME), 'utf8');
    expect(JSON.parse(after).sealed).not.toBe(JSON.parse(before).sealed);
  });

  it('the vault and data folders copied to another OS account: the material opens nothing there', async () => {
    const s = services();
    await withPin(s);
    await s.shutdown();
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'tessera-quick-copy-'));
    try {
      cpSync(dir, elsewhere, { recursive: true });
      keyring = new FakeKeyring('mallory');
      const copy = testServices({
        vaultPath: path.join(elsewhere, 'vault.tessera'),
        dataFolder: elsewhere,
        clock,
        emit: () => undefined,
        quickUnlock: { store: keyring, presence: null },
      });
      running.push(copy);
      expect((await errorOf(copy.quickUnlock.unlock(PIN)))?.message).toMatch(/keyring can no longer open/);
      expect(copy.vault.isUnlocked()).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('policies', () => {
  it('"ask after a restart": kept in memory only, so a restarted app needs the master password', async () => {
    const s = services();
    const status = await withPin(s, { untilRestart: true });
    expect(status.untilRestart).toBe(true);
    expect(existsSync(path.join(dir, QUICK_UNLOCK_FILE_NAME))).toBe(false);
    expect((await s.quickUnlock.unlock(PIN)).status).toBe('unlocked');
    await s.shutdown();
    const restarted = services();
    expect((await restarted.quickUnlock.status()).enabled).toBe(false);
    expect(await errorOf(restarted.quickUnlock.unlock(PIN))).toMatchObject({ code: 'not-found' });
  });

  it('"every N days": after them, the master password', async () => {
    const s = services();
    await withPin(s);
    clock.advance(14 * DAY);
    expect((await errorOf(s.quickUnlock.unlock(PIN)))?.message).toContain('every 14 days');
    expect((await s.quickUnlock.status()).enabled).toBe(false);
  });
});

describe('re-keys', () => {
  it('a password change here switches quick unlock off, saying why', async () => {
    const s = services();
    await withPin(s);
    await s.vault.unlock(PASSWORD);
    await s.changePassword(PASSWORD, 'a brand new password');
    expect((await s.quickUnlock.status()).lapsedReason).toMatch(/password was changed, so quick unlock was turned off/);
    expect(existsSync(path.join(dir, QUICK_UNLOCK_FILE_NAME))).toBe(false);
  });

  it('a re-key elsewhere (the CLI, another computer): the PIN opens the wrap but not the vault; it lapses', async () => {
    const s = services();
    await withPin(s);
    const other = await unlockVault({ path: path.join(dir, 'vault.tessera'), kdf: fakeKdf }, PASSWORD);
    await other.changePassword(PASSWORD, 'changed on the other computer');
    other.lock();
    expect((await errorOf(s.quickUnlock.unlock(PIN)))?.message).toMatch(/master password was changed since/);
    expect((await s.quickUnlock.status()).enabled).toBe(false);
  });
});

describe('Touch ID', () => {
  async function withTouchId(touch: FakeTouchId): Promise<AppServices> {
    const s = services({ presence: touch });
    await s.vault.create(PASSWORD);
    await s.settings.update({ quickUnlockUntilRestart: false });
    await s.quickUnlock.enable('touch-id', null, PASSWORD);
    return s;
  }

  it('keeps working across a password change here: its material is wrapped again for the new key', async () => {
    const s = await withTouchId(new FakeTouchId());
    await s.changePassword(PASSWORD, 'a brand new password');
    await s.lock('manual');
    expect((await s.quickUnlock.unlock(null)).status).toBe('unlocked');
  });

  it('after a re-key elsewhere: asks for the master password once, then works again', async () => {
    const s = await withTouchId(new FakeTouchId());
    await s.lock('manual');
    const other = await unlockVault({ path: path.join(dir, 'vault.tessera'), kdf: fakeKdf }, PASSWORD);
    await other.changePassword(PASSWORD, 'changed on the other computer');
    other.lock();
    expect((await errorOf(s.quickUnlock.unlock(null)))?.message).toMatch(
      /Unlock with it once, and Touch ID works again/,
    );
    await s.vault.unlock('changed on the other computer');
    await expect.poll(async () => (await s.quickUnlock.status()).lapsedReason).toBeNull();
    await s.lock('manual');
    expect((await s.quickUnlock.unlock(null)).status).toBe('unlocked');
  });

  it('opens after the person confirms; a cancelled prompt opens nothing', async () => {
    const touch = new FakeTouchId();
    const s = services({ presence: touch });
    await s.vault.create(PASSWORD);
    expect((await s.quickUnlock.status()).touchIdAvailable).toBe(true);
    await s.quickUnlock.enable('touch-id', null, PASSWORD);
    await s.lock('manual');
    touch.answer = 'no';
    expect(await errorOf(s.quickUnlock.unlock(null))).toMatchObject({ code: 'unavailable' });
    expect(s.vault.isUnlocked()).toBe(false);
    touch.answer = 'yes';
    expect((await s.quickUnlock.unlock(null)).status).toBe('unlocked');
  });
});
