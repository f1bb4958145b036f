// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 9: changing the master password gives the vault a new data key (re-key), so a
 * copy from before the change and the old password open nothing saved after it. Every slot is
 * re-issued (the password slot from the typed password, a recovery slot re-sealed to its public
 * key); a slot kind this build cannot re-issue stops the re-key. `keepDataKey` is the explicit,
 * weaker key-only change. The desktop app's Change password re-keys.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../../electron/services/app-services';
import { createVault, KDF_FLOOR, unlockVault, VaultError, type VaultOptions } from '../../../electron/vault';
import { getSodium, passwordBytes } from '../../../electron/vault/crypto';
import { parseContainer, type VaultHeader } from '../../../electron/vault/format';
import { openPayload, sealVault } from '../../../electron/vault/sealing';
import { unwrapWithPassword } from '../../../electron/vault/slots';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { createFakeKdf, fastOptions, hotpEntry, makeTempDir, seededRandom, spyKdf, totpEntry } from './helpers/fakes';

const OLD = 'the old master password';
const NEW = 'the new master password';
let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
beforeEach(() => {
  tmp = makeTempDir();
  opts = fastOptions(tmp.dir);
});
afterEach(() => tmp.cleanup());

const read = (file = opts.path): Uint8Array => new Uint8Array(readFileSync(file));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The data key a file's password slot wraps, opened with `password` (fake KDF). */
async function dataKeyOf(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  return (await unwrapWithPassword(createFakeKdf(), parseContainer(bytes).header.slots, passwordBytes(password)))
    .dataKey;
}

/** Whether `key` decrypts the payload of `bytes`; the error kind when it does not. */
async function payloadWith(bytes: Uint8Array, key: Uint8Array): Promise<'opens' | string> {
  return openPayload(parseContainer(bytes), key).then(
    (p) => {
      p.buffer.fill(0);
      return 'opens' as const;
    },
    (error: unknown) => (error instanceof VaultError ? error.kind : Promise.reject(error)),
  );
}

/** Entries as comparable plain values, secrets in hex. */
function snapshot(entries: readonly { secret: Uint8Array }[]): unknown[] {
  return entries.map(({ secret, ...rest }) => ({ ...rest, secret: hex(secret) }));
}

describe('changePassword re-keys by default', () => {
  it('a new data key: the pre-change copy and the old password cannot read what is saved after', async () => {
    const v = await createVault(opts, OLD);
    await v.add([totpEntry(), hotpEntry()]);
    const before = snapshot(v.entries());
    const preChange = read();
    const oldKey = await dataKeyOf(preChange, OLD);

    await v.changePassword(OLD, NEW);
    const afterChange = read();
    const newKey = await dataKeyOf(afterChange, NEW);
    expect(hex(newKey)).not.toBe(hex(oldKey));
    expect(await payloadWith(afterChange, oldKey)).toBe('payload-tampered');
    expect(await payloadWith(afterChange, newKey)).toBe('opens');

    // An account added after the change is out of reach of the old copy and the old password.
    await v.add([totpEntry({ issuer: 'Added after the change' })]);
    const later = read();
    expect(await payloadWith(later, oldKey)).toBe('payload-tampered');
    await expect(dataKeyOf(later, OLD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    v.lock();

    // The new password opens it, every entry intact (ids, fields and secrets), plus the new one.
    const again = await unlockVault(opts, NEW);
    expect(snapshot(again.entries()).slice(0, 2)).toEqual(before);
    expect(again.entries().map((e) => e.issuer)).toContain('Added after the change');
    again.lock();
    await expect(unlockVault(opts, OLD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    // One save after the change, the previous generation is a re-keyed one too.
    expect(await payloadWith(read(`${opts.path}.prev`), oldKey)).toBe('payload-tampered');
  });

  it('derives twice (check the current password, wrap under the new one) and keeps the vault id', async () => {
    const spy = spyKdf(createFakeKdf());
    const v = await createVault({ ...opts, kdf: spy }, OLD);
    const id = parseContainer(read()).header.vaultId;
    spy.calls.length = 0;
    await v.changePassword(OLD, NEW);
    expect(spy.calls.map((c) => c.params)).toEqual([KDF_FLOOR, KDF_FLOOR]);
    expect(parseContainer(read()).header.vaultId).toBe(id);
    v.lock();
  });

  it('right after the change, the previous generation is the pre-change file (a snapshot: old password)', async () => {
    const v = await createVault(opts, OLD);
    await v.add([totpEntry()]);
    const preChange = read();
    await v.changePassword(OLD, NEW);
    v.lock();
    expect(hex(read(`${opts.path}.prev`))).toBe(hex(preChange));
    expect(await payloadWith(read(`${opts.path}.prev`), await dataKeyOf(preChange, OLD))).toBe('opens');
  });

  it('the session goes on with the new key: saves, reloads and backup checks work', async () => {
    const v = await createVault(opts, OLD);
    await v.add([totpEntry()]);
    await v.changePassword(OLD, NEW);
    await v.add([hotpEntry()]);
    await v.checkCopy(read());
    await v.verifyPassword(NEW);
    await expect(v.verifyPassword(OLD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    expect(await v.reloadIfChangedOnDisk()).toBe(false);
    expect(v.entries()).toHaveLength(2);
    v.lock();
  });

  it('another session holding the old key locks itself instead of saving over the re-keyed file', async () => {
    const v = await createVault(opts, OLD);
    const other = await unlockVault(opts, OLD);
    await v.changePassword(OLD, NEW);
    await expect(other.add([totpEntry()])).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
      reason: 'password-changed-elsewhere',
    });
    expect(other.locked).toBe(true);
    v.lock();
    expect((await unlockVault(opts, NEW)).entries()).toHaveLength(0);
  });

  it('a wrong current password changes nothing', async () => {
    const v = await createVault(opts, OLD);
    const before = read();
    await expect(v.changePassword('not the password', NEW)).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    expect(hex(read())).toBe(hex(before));
    v.lock();
  });

  it('a save that fails leaves the old file and the old key in place, and the session usable', async () => {
    const v = await createVault(opts, OLD);
    await v.add([totpEntry()]);
    const before = read();
    // The previous generation cannot be replaced (a non-empty folder sits where it goes): the save fails.
    rmSync(`${opts.path}.prev`);
    mkdirSync(path.join(`${opts.path}.prev`, 'blocker'), { recursive: true });
    await expect(v.changePassword(OLD, NEW)).rejects.toMatchObject({ kind: 'io' });
    expect(hex(read())).toBe(hex(before));
    expect(v.locked).toBe(false);
    await v.verifyPassword(OLD);
    v.lock();
    const again = await unlockVault(opts, OLD);
    expect(again.entries()).toHaveLength(1);
    again.lock();
  });
});

describe('keepDataKey: the key-only change', () => {
  it('re-wraps the same data key: a copy from before still opens what is saved after', async () => {
    const v = await createVault(opts, OLD);
    await v.add([totpEntry()]);
    const oldKey = await dataKeyOf(read(), OLD);
    await v.changePassword(OLD, NEW, { keepDataKey: true });
    await v.add([hotpEntry()]);
    v.lock();
    expect(hex(await dataKeyOf(read(), NEW))).toBe(hex(oldKey));
    expect(await payloadWith(read(), oldKey)).toBe('opens');
    await expect(unlockVault(opts, OLD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
  });
});

describe('slots other than the password slot', () => {
  /** Rewrites the vault (opened with `password`) with `extra` slots appended, properly sealed. */
  async function addSlots(password: string, extra: { id: string; type: string; json: Record<string, unknown> }[]) {
    const bytes = read();
    const parsed = parseContainer(bytes);
    const key = await dataKeyOf(bytes, password);
    const header: VaultHeader = { ...parsed.header, slots: [...parsed.header.slots, ...extra] };
    const payload = await openPayload(parsed, key);
    writeFileSync(opts.path, await sealVault(header, payload.buffer, key, seededRandom('slots')));
    return key;
  }

  it('a file with two recovery slots is refused as damaged (§4: one at most)', async () => {
    const s = await getSodium();
    (await createVault(opts, OLD)).lock();
    const key = await dataKeyOf(read(), OLD);
    const recovery = (id: string) => {
      const pair = s.crypto_box_keypair();
      const json = {
        id,
        type: 'recovery',
        publicKey: Buffer.from(pair.publicKey).toString('base64'),
        sealedKey: Buffer.from(s.crypto_box_seal(key, pair.publicKey)).toString('base64'),
      };
      return { id, type: 'recovery', json };
    };
    await addSlots(OLD, [
      recovery('5d9c3b1e-7a2f-4c8e-9b6d-1f0e2a3b4c5d'),
      recovery('6e9c3b1e-7a2f-4c8e-9b6d-1f0e2a3b4c5d'),
    ]);
    await expect(unlockVault(opts, OLD)).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it('a recovery slot is re-sealed to its stored public key: its secret key opens the new data key', async () => {
    const s = await getSodium();
    const pair = s.crypto_box_keypair();
    (await createVault(opts, OLD)).lock();
    const oldKey = await dataKeyOf(read(), OLD);
    const json = {
      id: '5d9c3b1e-7a2f-4c8e-9b6d-1f0e2a3b4c5d',
      type: 'recovery',
      publicKey: Buffer.from(pair.publicKey).toString('base64'),
      sealedKey: Buffer.from(s.crypto_box_seal(oldKey, pair.publicKey)).toString('base64'),
    };
    await addSlots(OLD, [{ id: json.id, type: json.type, json }]);

    const v = await unlockVault(opts, OLD);
    await v.add([totpEntry()]);
    await v.changePassword(OLD, NEW);
    v.lock();
    const after = parseContainer(read());
    const recovery = after.header.slots.find((slot) => slot.type === 'recovery') as { json: Record<string, string> };
    expect(recovery.json.id).toBe(json.id);
    expect(recovery.json.publicKey).toBe(json.publicKey);
    expect(recovery.json.sealedKey).not.toBe(json.sealedKey);
    const opened = s.crypto_box_seal_open(
      Buffer.from(recovery.json.sealedKey!, 'base64'),
      pair.publicKey,
      pair.privateKey,
    );
    expect(hex(opened)).toBe(hex(await dataKeyOf(read(), NEW)));
    expect(hex(opened)).not.toBe(hex(oldKey));
    expect(await payloadWith(read(), opened)).toBe('opens');
  });

  it('a slot kind this build does not know stops the re-key (nothing changes); the key-only change still works', async () => {
    (await createVault(opts, OLD)).lock();
    const json = { id: '6e0d4c2f-8b3a-4d9f-8c7e-2a1b3c4d5e6f', type: 'future-kind', blob: 'AAAA' };
    await addSlots(OLD, [{ id: json.id, type: json.type, json }]);
    const v = await unlockVault(opts, OLD);
    const before = read();
    const error = await v.changePassword(OLD, NEW).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unsupported-version' });
    expect((error as VaultError).message).toMatch(/future-kind/);
    expect((error as VaultError).message).toMatch(/--keep-data-key/);
    expect(hex(read())).toBe(hex(before));
    await v.changePassword(OLD, NEW, { keepDataKey: true });
    v.lock();
    const after = parseContainer(read());
    expect(after.header.slots.map((slot) => slot.type)).toEqual(['password', 'future-kind']);
  });
});

describe("the desktop app's Change password", () => {
  it('re-keys: the data key differs, the new password opens the vault with its accounts', async () => {
    const clock = new FakeClock(59_000);
    const s = createAppServices({
      vaultPath: opts.path,
      clipboard: new MemoryClipboard(),
      clock,
      emit: () => undefined,
      kdf: createFakeKdf(),
      kdfParams: KDF_FLOOR,
    });
    try {
      await s.vault.create(OLD);
      await s.entries.add({ type: 'totp', issuer: 'App', account: 'a', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
      const oldKey = await dataKeyOf(read(), OLD);
      await s.changePassword(OLD, NEW);
      const newKey = await dataKeyOf(read(), NEW);
      expect(hex(newKey)).not.toBe(hex(oldKey));
      expect(await payloadWith(read(), oldKey)).toBe('payload-tampered');
      await s.lock('manual');
      expect(await s.vault.unlock(NEW)).toMatchObject({ status: 'unlocked', entryCount: 1 });
    } finally {
      await s.shutdown();
    }
  });
});
