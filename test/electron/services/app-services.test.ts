// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop services end to end in Node: real vault on disk (floor KDF parameters), real OTP
 * engine, fake clipboard and clock. Checks the state machine, codes pushes and the rule that no
 * event or response ever carries a secret.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../electron/ipc/contract';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { toIpcError } from '../../../electron/services/error-report';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238 SHA1 key "12345678901234567890"
const SECRET_HEX = Buffer.from('12345678901234567890').toString('hex');
const PASSWORD = 'correct horse battery';

let dir: string;
const running: AppServices[] = [];
let events: { channel: EventChannel; payload: unknown }[];
let clock: FakeClock;
let clipboard: MemoryClipboard;

function services() {
  return track({
    vaultPath: path.join(dir, 'vault.tessera'),
    clipboard,
    clock,
    emit: (channel, payload) => events.push({ channel, payload }),
    kdfParams: KDF_FLOOR,
  });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-services-'));
  events = [];
  // RFC 6238 test time 59 s: the SHA1 8-digit code is 94287082, the 6-digit one 287082.
  clock = new FakeClock(59_000);
  clipboard = new MemoryClipboard();
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

function track(deps: Parameters<typeof createAppServices>[0]): AppServices {
  const s = createAppServices(deps);
  running.push(s);
  return s;
}

describe('app services', () => {
  it('goes absent → unlocked → locked → unlocked', async () => {
    const s = services();
    expect(await s.vault.status()).toMatchObject({ status: 'absent' });
    await expect(s.vault.create('short')).rejects.toThrow(/at least 10/);
    expect(await s.vault.create(PASSWORD)).toMatchObject({ status: 'unlocked', entryCount: 0 });
    expect(await s.lock('manual')).toMatchObject({ status: 'locked', lastLockReason: 'manual' });
    expect(() => s.entries.list()).toThrow(/locked/);
    await expect(s.vault.unlock('wrong password!')).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    expect(await s.vault.unlock(PASSWORD)).toMatchObject({ status: 'unlocked' });
    expect(
      events.filter((e) => e.channel === 'vault:status-changed').map((e) => (e.payload as { status: string }).status),
    ).toEqual(['unlocked', 'locked', 'unlocked']);
  });

  it('adds entries, computes codes and copies through the clipboard guard', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const entry = await s.entries.add({
      type: 'totp',
      issuer: 'Example',
      account: 'alice',
      secret: SECRET_B32,
      digits: 8,
    });
    expect(entry).toMatchObject({ issuer: 'Example', account: 'alice', digits: 8, period: 30 });
    const codes = s.codes.current();
    expect(codes).toEqual([
      expect.objectContaining({ id: entry.id, code: '94287082', validFrom: 30_000, validUntil: 60_000 }),
    ]);
    expect(await s.codes.copy(entry.id)).toBe(20);
    expect(clipboard.text).toBe('94287082');
    await s.lock('idle');
    expect(clipboard.text).toBe('');
  });

  it('pushes codes once per period boundary', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    await s.entries.addUri(`otpauth://totp/Example:alice?secret=${SECRET_B32}&issuer=Example`);
    events = [];
    clock.advance(90_000);
    const pushes = events.filter((e) => e.channel === 'codes:update');
    // Boundaries at 60 s, 90 s, 120 s, 150 s, plus next-code previews: never one per second.
    expect(pushes.length).toBeGreaterThanOrEqual(3);
    expect(pushes.length).toBeLessThanOrEqual(8);
  });

  it('pushes the codes again at once when the computer wakes, while unlocked only', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    await s.entries.addUri(`otpauth://totp/Example:alice?secret=${SECRET_B32}&issuer=Example`);
    events = [];
    s.resumed();
    expect(events.filter((e) => e.channel === 'codes:update')).toHaveLength(1);
    await s.lock('manual');
    events = [];
    s.resumed();
    expect(events.filter((e) => e.channel === 'codes:update')).toHaveLength(0);
  });

  it('HOTP saves the counter before showing the code', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const e = await s.entries.add({ type: 'hotp', issuer: 'RFC', account: '4226', secret: SECRET_B32, counter: 0 });
    expect(s.codes.current()).toEqual([]);
    expect((await s.codes.nextHotp(e.id)).code).toBe('755224');
    expect((await s.codes.nextHotp(e.id)).code).toBe('287082');
    await s.lock('manual');
    const again = services();
    await again.vault.unlock(PASSWORD);
    expect(again.entries.list()[0]).toMatchObject({ counter: 2 });
    expect((await again.codes.nextHotp(e.id)).code).toBe('359152');
  });

  it('names the field of a bad entry and changes nothing', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    await expect(
      s.entries.add({ type: 'totp', issuer: 'X', account: 'y', secret: SECRET_B32, digits: 11 }),
    ).rejects.toMatchObject({
      field: 'digits',
    });
    await expect(s.entries.addUri('otpauth://totp/X:y?secret=' + SECRET_B32 + '&algorithm=MD5')).rejects.toMatchObject({
      field: 'algorithm',
    });
    expect(s.entries.list()).toEqual([]);
  });

  it('answers every bad field of an entry at once, in plain words, the detail apart', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const refused = await s.entries
      .add({ type: 'totp', issuer: '', account: '', secret: SECRET_B32, digits: 12, period: 0 })
      .then(
        () => null,
        (error: unknown) => toIpcError(error),
      );
    expect(refused).toEqual({
      code: 'invalid-entry',
      field: 'account',
      message: 'Enter the service’s name or your account name (or both).',
      fields: {
        account: 'Enter the service’s name or your account name (or both).',
        digits: 'Codes must have 5 to 10 digits (most sites use 6).',
        period: 'The period must be 1 to 3600 seconds (most sites use 30).',
      },
      details: "Invalid 'account': enter an issuer or an account name.",
    });
    expect(s.entries.list()).toEqual([]);
  });

  it('reports an unreadable vault and never overwrites it', async () => {
    const file = path.join(dir, 'vault.tessera');
    writeFileSync(file, 'this is not a vault');
    const s = services();
    expect(await s.vault.status()).toMatchObject({ status: 'unreadable', error: { code: 'corrupt' } });
    await expect(s.vault.create(PASSWORD)).rejects.toThrow();
  });

  it('never lets a secret into an event', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const e = await s.entries.add({ type: 'totp', issuer: 'Example', account: 'alice', secret: SECRET_B32 });
    await s.entries.update(e.id, { notes: 'backup codes in the safe', favourite: true });
    clock.advance(60_000);
    const all = JSON.stringify(events) + JSON.stringify(s.entries.list()) + JSON.stringify(s.codes.current());
    expect(all).not.toContain(SECRET_B32);
    expect(all.toLowerCase()).not.toContain(SECRET_HEX);
    expect(all).not.toContain('12345678901234567890');
  });
});

describe('app services and another writer (the CLI)', () => {
  it('reloads when the file changed under it, and re-locks when the password changed there', async () => {
    const { unlockVault } = await import('../../../electron/vault');
    let fire: () => void = () => undefined;
    const s = track({
      vaultPath: path.join(dir, 'vault.tessera'),
      clipboard,
      clock,
      emit: (channel, payload) => events.push({ channel, payload }),
      kdfParams: KDF_FLOOR,
      watchFile: (_p, onChange) => {
        fire = onChange;
        return () => undefined;
      },
    });
    await s.vault.create(PASSWORD);
    await s.entries.add({ type: 'totp', issuer: 'App', account: 'a', secret: SECRET_B32 });

    const cli = await unlockVault({ path: path.join(dir, 'vault.tessera'), kdfParams: KDF_FLOOR }, PASSWORD);
    await cli.add([
      {
        ...{ type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null },
        issuer: 'Cli',
        account: 'b',
        secret: new Uint8Array(20).fill(7),
      },
    ]);
    expect(await s.syncWithDisk()).toBe(true);
    expect(
      s.entries
        .list()
        .map((e) => e.issuer)
        .sort(),
    ).toEqual(['App', 'Cli']);
    // A write from the app after the CLI's keeps both.
    await s.entries.add({ type: 'totp', issuer: 'App2', account: 'c', secret: SECRET_B32 });
    expect(s.entries.list()).toHaveLength(3);

    await cli.reloadIfChangedOnDisk();
    await cli.changePassword(PASSWORD, 'another long password');
    cli.lock();
    fire();
    await new Promise((r) => setTimeout(r, 50));
    expect(await s.vault.status()).toMatchObject({ status: 'locked', lastLockReason: 'changed-on-disk' });
    expect(await s.vault.unlock('another long password')).toMatchObject({ status: 'unlocked', entryCount: 3 });
  });
});

describe('an unreadable vault with a previous generation', () => {
  it('opens the previous generation on request and keeps the damaged file aside', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const file = path.join(dir, 'vault.tessera');
    const s = services();
    await s.vault.create(PASSWORD);
    await s.entries.add({ type: 'totp', issuer: 'Kept', account: 'a', secret: SECRET_B32 });
    await s.entries.add({ type: 'totp', issuer: 'Latest', account: 'b', secret: SECRET_B32 });
    await s.lock('manual');
    // Damage the current file: the previous generation (before 'Latest') is intact beside it.
    const damaged = readFileSync(file);
    damaged.fill(0, 0, 16);
    writeFileSync(file, damaged);
    expect(await s.vault.status()).toMatchObject({ status: 'unreadable', previousGenerationAvailable: true });

    expect(await s.vault.usePrevious()).toMatchObject({ status: 'locked' });
    const aside = readdirSync(dir).filter((n) => n.startsWith('vault.tessera.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0]!)).equals(damaged)).toBe(true);
    await s.vault.unlock(PASSWORD);
    expect(s.entries.list().map((e) => e.issuer)).toEqual(['Kept']);
    await expect(s.vault.usePrevious()).rejects.toThrow(/no previous version/);
  });

  it('through a symbolic link, sets the real file aside and keeps the link a link', async () => {
    const { lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } = await import('node:fs');
    const synced = path.join(dir, 'synced');
    mkdirSync(synced);
    const real = path.join(synced, 'vault.tessera');
    const link = path.join(dir, 'vault.tessera');
    symlinkSync(real, link);
    const s = services();
    await s.vault.create(PASSWORD);
    await s.entries.add({ type: 'totp', issuer: 'Kept', account: 'a', secret: SECRET_B32 });
    await s.entries.add({ type: 'totp', issuer: 'Latest', account: 'b', secret: SECRET_B32 });
    await s.lock('manual');
    const damaged = readFileSync(real);
    damaged.fill(0, 0, 16);
    writeFileSync(real, damaged);

    expect(await s.vault.usePrevious()).toMatchObject({ status: 'locked' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(synced).filter((n) => n.startsWith('vault.tessera.unreadable-'))).toHaveLength(1);
    await s.vault.unlock(PASSWORD);
    expect(s.entries.list().map((e) => e.issuer)).toEqual(['Kept']);
  });
});

describe('creating a vault', () => {
  it('on a folder says it is a folder and names a file to choose', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'vault.tessera'));
    await expect(services().vault.create(PASSWORD)).rejects.toThrow(
      /vault\.tessera is a folder, not a vault file\. Choose a file name inside it/,
    );
  });
});
