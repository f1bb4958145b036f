// SPDX-License-Identifier: GPL-3.0-or-later
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInlineKdf,
  createVault,
  EntryValidationError,
  inspectVault,
  KDF_DEFAULT,
  KDF_FLOOR,
  unlockVault,
  vaultFileState,
  VaultError,
  VaultLockedError,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import {
  createFakeKdf,
  fastOptions,
  hotpEntry,
  makeTempDir,
  RFC_SECRET,
  spyKdf,
  steamEntry,
  totpEntry,
} from './helpers/fakes';

const PASSWORD = 'correct horse battery staple';

let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
const open: UnlockedVault[] = [];

beforeEach(() => {
  tmp = makeTempDir();
  opts = fastOptions(tmp.dir);
});
afterEach(() => {
  open.splice(0).forEach((v) => v.lock());
  tmp.cleanup();
});

async function create(o: VaultOptions = opts, password = PASSWORD): Promise<UnlockedVault> {
  const v = await createVault(o, password);
  open.push(v);
  return v;
}
async function unlock(o: VaultOptions = opts, password = PASSWORD): Promise<UnlockedVault> {
  const v = await unlockVault(o, password);
  open.push(v);
  return v;
}

async function expectVaultError(p: Promise<unknown>, kind: VaultError['kind']): Promise<VaultError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).kind).toBe(kind);
  expect((error as VaultError).message.length).toBeGreaterThan(20);
  return error as VaultError;
}

describe('create and unlock', () => {
  it('creates an empty vault that unlocks with the same password', async () => {
    expect(await vaultFileState(opts.path)).toBe('absent');
    const v = await create();
    expect(v.entries()).toEqual([]);
    expect(await vaultFileState(opts.path)).toBe('present');
    expect(statSync(opts.path).mode & 0o777).toBe(0o600);
    expect(statSync(tmp.dir).mode & 0o777).toBe(0o700);
    const again = await unlock();
    expect(again.entries()).toEqual([]);
    expect(again.kdf).toEqual(KDF_FLOOR);
  });

  it('refuses to create over an existing file, and leaves it alone', async () => {
    writeFileSync(opts.path, 'not mine');
    const error = await expectVaultError(createVault(opts, PASSWORD), 'io');
    expect(error.reason).toBe('exists');
    expect(readFileSync(opts.path, 'utf8')).toBe('not mine');
  });

  it('reports a missing file as io/absent', async () => {
    const error = await expectVaultError(unlockVault(opts, PASSWORD), 'io');
    expect(error.reason).toBe('absent');
  });

  it('refuses a wrong password as wrong-password-or-tampered', async () => {
    await create();
    await expectVaultError(unlockVault(opts, 'Correct horse battery staple'), 'wrong-password-or-tampered');
  });

  it('normalises the password to NFC (composed and decomposed ä are one password)', async () => {
    await create(opts, 'p\u00e4ssw\u00f6rd');
    await unlock(opts, 'pa\u0308sswo\u0308rd');
  });

  it('round-trips TOTP, HOTP and Steam entries with every field', async () => {
    const v = await create();
    const added = await v.add([
      totpEntry({
        tags: [' Work ', 'work', 'Home'],
        notes: 'line 1\nline 2',
        favourite: true,
        algorithm: 'SHA512',
        digits: 8,
      }),
      hotpEntry({ counter: 42 }),
      steamEntry(),
    ]);
    expect(added.map((e) => e.sortOrder)).toEqual([0, 1, 2]);
    const again = await unlock();
    expect(again.entries()).toEqual(v.entries());
    const [t, h, s] = again.entries();
    expect(t).toMatchObject({
      type: 'totp',
      tags: ['Work', 'Home'],
      icon: null,
      notes: 'line 1\nline 2',
      favourite: true,
      digits: 8,
    });
    expect(h).toMatchObject({ type: 'hotp', counter: 42, period: null });
    expect(s).toMatchObject({ type: 'steam', digits: 5, period: 30 });
    expect(Array.from(t?.secret ?? [])).toEqual(Array.from(RFC_SECRET));
    expect(t?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('copies secrets on add: wiping the caller bytes afterwards changes nothing', async () => {
    const v = await create();
    const input = totpEntry();
    await v.add([input]);
    input.secret.fill(0);
    expect(Array.from(v.entries()[0]?.secret ?? [])).toEqual(Array.from(RFC_SECRET));
  });

  it('uses injected time and randomness', async () => {
    const o = { ...opts, now: () => 1_700_000_000_000 };
    const v = await create(o);
    const [e] = await v.add([totpEntry()]);
    expect(e?.createdAt).toBe(1_700_000_000_000);
    const info = await inspectVault(opts.path);
    expect(info).toMatchObject({ formatVersion: 2, generation: 2, createdAt: 1_700_000_000_000, kdf: KDF_FLOOR });
  });
});

describe('changes', () => {
  it('updates metadata, reorders, removes, and each change is on disk before resolving', async () => {
    const v = await create();
    const [a, b, c] = await v.add([totpEntry({ issuer: 'A' }), totpEntry({ issuer: 'B' }), totpEntry({ issuer: 'C' })]);
    const updated = await v.update(b!.id, { issuer: 'B2', tags: [' '], favourite: true });
    expect(updated).toMatchObject({ issuer: 'B2', tags: [], favourite: true });
    await v.reorder([c!.id, a!.id, b!.id]);
    await v.remove(a!.id);
    const again = await unlock();
    expect(again.entries().map((e) => e.issuer)).toEqual(['C', 'B2']);
  });

  it('saves an HOTP counter before setCounter resolves', async () => {
    const v = await create();
    const [h] = await v.add([hotpEntry()]);
    await v.setCounter(h!.id, 7);
    expect((await unlock()).get(h!.id)?.counter).toBe(7);
    await expect(v.setCounter(h!.id, -1)).rejects.toMatchObject({ field: 'counter' });
    const [t] = await v.add([totpEntry()]);
    await expect(v.setCounter(t!.id, 1)).rejects.toMatchObject({ field: 'counter' });
  });

  it('adds all or nothing', async () => {
    const v = await create();
    const before = readFileSync(opts.path);
    await expect(v.add([totpEntry(), totpEntry({ digits: 11 })])).rejects.toMatchObject({ field: 'digits' });
    expect(v.entries()).toHaveLength(0);
    expect(readFileSync(opts.path).equals(before)).toBe(true);
  });

  it('rejects unknown ids and bad orders with the field named', async () => {
    const v = await create();
    const [a] = await v.add([totpEntry()]);
    await expect(v.update('00000000-0000-4000-8000-000000000000', { issuer: 'x' })).rejects.toBeInstanceOf(
      EntryValidationError,
    );
    await expect(v.remove('nope')).rejects.toMatchObject({ field: 'id' });
    await expect(v.reorder([a!.id, a!.id])).rejects.toMatchObject({ field: 'ids' });
    await expect(v.update(a!.id, { issuer: 'x'.repeat(257) })).rejects.toMatchObject({ field: 'issuer' });
  });

  it('increments the generation on every save', async () => {
    const v = await create();
    expect(v.generation).toBe(1);
    await v.add([totpEntry()]);
    await v.add([totpEntry()]);
    expect(v.generation).toBe(3);
    expect((await inspectVault(opts.path)).generation).toBe(3);
  });

  it('serialises concurrent changes through one queue', async () => {
    const v = await create();
    await Promise.all(Array.from({ length: 10 }, (_, i) => v.add([totpEntry({ issuer: `I${i}` })])));
    expect((await unlock()).entries()).toHaveLength(10);
  });
});

describe('password change', () => {
  it('keeps the entries; the old password stops working, the new one works', async () => {
    const v = await create();
    await v.add([totpEntry(), hotpEntry()]);
    await v.changePassword(PASSWORD, 'a new password');
    await expectVaultError(unlockVault(opts, PASSWORD), 'wrong-password-or-tampered');
    const again = await unlock(opts, 'a new password');
    expect(again.entries()).toEqual(v.entries());
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const v = await create();
    const before = readFileSync(opts.path);
    await expectVaultError(v.changePassword('wrong', 'next one'), 'wrong-password-or-tampered');
    expect(readFileSync(opts.path).equals(before)).toBe(true);
  });

  it('another session notices the changed password slot and locks itself (rekey.test.ts has the rest)', async () => {
    const v = await create();
    await v.add([totpEntry()]);
    const other = await unlock();
    await v.changePassword(PASSWORD, 'next password');
    // The other session notices the slot changed and locks itself rather than saving over it.
    await expectVaultError(other.reloadIfChangedOnDisk(), 'wrong-password-or-tampered');
    expect(other.locked).toBe(true);
  });

  it('writes the current KDF parameters, never the weaker ones of the file', async () => {
    const spy = spyKdf(createFakeKdf());
    await create({ ...opts, kdf: spy });
    const stronger = { ...opts, kdf: spy, kdfParams: { opslimit: 3, memlimit: 128 * 1024 * 1024 } };
    spy.calls.length = 0;
    const v = await unlock(stronger);
    // one derivation to open at the file's parameters, one to re-wrap at the current ones
    expect(spy.calls.map((c) => c.params)).toEqual([KDF_FLOOR, stronger.kdfParams]);
    expect((await inspectVault(opts.path)).kdf).toEqual(stronger.kdfParams);
    expect(v.kdf).toEqual(stronger.kdfParams);
    // and a later unlock with weaker current parameters does not weaken the file
    await unlock(opts);
    expect((await inspectVault(opts.path)).kdf).toEqual(stronger.kdfParams);
  });

  it('refuses KDF parameters outside the bounds for writing', async () => {
    await expect(
      createVault({ ...opts, kdfParams: { opslimit: 1, memlimit: KDF_FLOOR.memlimit } }, PASSWORD),
    ).rejects.toThrow(RangeError);
    await expect(createVault({ ...opts, kdfParams: { opslimit: 2, memlimit: 2 ** 31 } }, PASSWORD)).rejects.toThrow(
      RangeError,
    );
  });
});

describe('lock', () => {
  it('wipes the data key and every secret, and refuses further use', async () => {
    const v = await create();
    await v.add([totpEntry(), hotpEntry()]);
    const secrets = v.entries().map((e) => e.secret);
    v.lock();
    expect(v.locked).toBe(true);
    for (const s of secrets) expect(s.every((b) => b === 0)).toBe(true);
    expect(() => v.entries()).toThrow(VaultLockedError);
    expect(() => v.get('x')).toThrow(VaultLockedError);
    await expect(v.add([totpEntry()])).rejects.toThrow(VaultLockedError);
    await expect(v.reloadIfChangedOnDisk()).rejects.toThrow(VaultLockedError);
    v.lock(); // idempotent
  });

  it('lets a save already under way finish with its own copy of the key', async () => {
    const v = await create();
    const pending = v.add([totpEntry()]);
    v.lock();
    await pending.catch(() => undefined);
    const again = await unlock();
    expect(again.entries().length).toBeLessThanOrEqual(1);
    if (again.entries().length === 1) expect(Array.from(again.entries()[0]!.secret)).toEqual(Array.from(RFC_SECRET));
  });
});

describe('real Argon2id (at the floor)', () => {
  it('creates, unlocks and refuses a wrong password with libsodium Argon2id', async () => {
    const real: VaultOptions = { path: opts.path, kdf: createInlineKdf(), kdfParams: KDF_FLOOR };
    const v = await create(real);
    await v.add([totpEntry()]);
    expect((await unlock(real)).entries()).toHaveLength(1);
    await expectVaultError(unlockVault(real, 'wrong'), 'wrong-password-or-tampered');
  });

  it('defaults to KDF_DEFAULT for new wraps', () => {
    expect(KDF_DEFAULT).toEqual({ opslimit: 3, memlimit: 256 * 1024 * 1024 });
  });
});

describe('removeMany and verifyPassword', () => {
  it('removes several entries with one save and refuses an unknown id without removing any', async () => {
    const v = await create();
    const added = await v.add([totpEntry({ issuer: 'A' }), totpEntry({ issuer: 'B' }), totpEntry({ issuer: 'C' })]);
    const before = v.generation;
    await v.removeMany([added[0]!.id, added[2]!.id]);
    expect(v.generation).toBe(before + 1);
    expect(v.entries().map((e) => e.issuer)).toEqual(['B']);
    await expect(v.removeMany([added[1]!.id, 'not-there'])).rejects.toBeInstanceOf(EntryValidationError);
    expect(v.entries().map((e) => e.issuer)).toEqual(['B']);
    const again = await unlock();
    expect(again.entries().map((e) => e.issuer)).toEqual(['B']);
  });

  it('verifies the master password without changing the file', async () => {
    const v = await create();
    const before = readFileSync(opts.path);
    await expect(v.verifyPassword(PASSWORD)).resolves.toBeUndefined();
    const error = await expectVaultError(v.verifyPassword('not the password'), 'wrong-password-or-tampered');
    expect(error.message).not.toContain('not the password');
    expect(readFileSync(opts.path).equals(before)).toBe(true);
    v.lock();
    await expect(v.verifyPassword(PASSWORD)).rejects.toBeInstanceOf(VaultLockedError);
  });
});

describe('checkCopy', () => {
  it('opens an exact copy with the session key, and refuses a damaged copy or another vault', async () => {
    const v = await create();
    await v.add([totpEntry()]);
    const copy = readFileSync(opts.path);
    await expect(v.checkCopy(copy)).resolves.toBeUndefined();
    const damaged = Uint8Array.from(copy);
    damaged[damaged.length - 5]! ^= 0x01; // inside the sealed payload
    await expect(v.checkCopy(damaged)).rejects.toBeInstanceOf(VaultError);
    const other = await create(fastOptions(tmp.dir, { path: `${tmp.dir}/other.tessera` }));
    await expect(v.checkCopy(readFileSync(other.path))).rejects.toMatchObject({ kind: 'corrupt' });
  });
});
