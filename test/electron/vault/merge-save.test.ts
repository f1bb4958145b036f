// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Saves and reloads merge (issue #18): two sessions on two copies of one vault file, one per
 * "computer", and a sync tool simulated by copying one file over the other (write beside, rename
 * in). Each computer has its own clock. What one computer did is never lost by the other's save or
 * reload, except by a deletion; copies under another key or of another vault are handled as the
 * vault API says (docs/dev/vault-api.md, "Merging copies").
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ICON_LIMITS } from '../../../electron/domain';
import {
  createVault,
  EntryValidationError,
  inspectVault,
  readVaultId,
  unlockVault,
  VaultError,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { isUnmergedCopyName } from '../../../electron/vault/unmerged-copy';
import { fastOptions, hotpEntry, makeTempDir, totpEntry } from './helpers/fakes';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a new password for both';
const T0 = Date.UTC(2026, 5, 1);

/** One computer: its folder, its clock, its options. */
interface Computer {
  readonly name: string;
  readonly dir: string;
  readonly opts: VaultOptions;
  /** Moves this computer's clock on. */
  tick(ms?: number): void;
}

let tmp: ReturnType<typeof makeTempDir>;
const sessions: UnlockedVault[] = [];

beforeEach(() => {
  tmp = makeTempDir('tessera-merge-save-');
});
afterEach(() => {
  sessions.splice(0).forEach((v) => v.lock());
  tmp.cleanup();
});

function computer(name: string, skewMs = 0, extra: Partial<VaultOptions> = {}): Computer {
  const dir = path.join(tmp.dir, name);
  let clock = T0 + skewMs;
  return {
    name,
    dir,
    opts: fastOptions(dir, { now: () => clock, ...extra }),
    tick(ms = 1000) {
      clock += ms;
    },
  };
}

/** What a sync tool does: the other computer's file, written beside ours and renamed over it. */
function deliver(from: Computer, to: Computer): void {
  const bytes = readFileSync(from.opts.path);
  const temp = path.join(to.dir, '.syncthing.vault.tessera.tmp');
  writeFileSync(temp, bytes);
  renameSync(temp, to.opts.path);
}

async function unlock(c: Computer, password = PASSWORD): Promise<UnlockedVault> {
  const v = await unlockVault(c.opts, password);
  sessions.push(v);
  return v;
}

/** Two computers sharing one vault (created on the first, with `seed` accounts, copied to the second), both unlocked. */
async function twoComputers(
  seed = 1,
  extra: Partial<VaultOptions> = {},
): Promise<{ a: Computer; b: Computer; A: UnlockedVault; B: UnlockedVault }> {
  const a = computer('a', 0, extra);
  const b = computer('b', 7, extra);
  const made = await createVault(a.opts, PASSWORD);
  if (seed > 0) {
    await made.add(Array.from({ length: seed }, (_, i) => totpEntry({ issuer: `Seed ${i}` })));
  }
  made.lock();
  mkdirSync(b.dir, { recursive: true });
  writeFileSync(b.opts.path, readFileSync(a.opts.path));
  a.tick();
  b.tick();
  return { a, b, A: await unlock(a), B: await unlock(b) };
}

function issuers(v: UnlockedVault): string[] {
  return v
    .entries()
    .map((e) => e.issuer)
    .sort();
}

/** The accounts in the file at `c`, opened afresh with `password`. */
async function onDisk(c: Computer, password = PASSWORD): Promise<string[]> {
  const v = await unlockVault(c.opts, password);
  try {
    return issuers(v);
  } finally {
    v.lock();
  }
}

function unmergedFiles(c: Computer): string[] {
  return readdirSync(c.dir).filter((name) => isUnmergedCopyName(name, c.opts.path));
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('reload merges the file into the session', () => {
  it('keeps both computers’ additions, saves once for the other computer, and settles', async () => {
    const { a, b, A, B } = await twoComputers();
    await A.add([totpEntry({ issuer: 'From A' })]);
    await B.add([totpEntry({ issuer: 'From B' })]);
    deliver(a, b);
    expect(await B.reloadIfChangedOnDisk()).toBe(true);
    expect(issuers(B)).toEqual(['From A', 'From B', 'Seed 0']);
    // B's reload saved the merge, so B's file has A's part and B's part
    expect(await onDisk(b)).toEqual(['From A', 'From B', 'Seed 0']);
    deliver(b, a);
    const before = readFileSync(a.opts.path);
    expect(await A.reloadIfChangedOnDisk()).toBe(true);
    expect(issuers(A)).toEqual(['From A', 'From B', 'Seed 0']);
    // A has nothing the file lacks: no save
    expect(readFileSync(a.opts.path).equals(before)).toBe(true);
    expect(await A.reloadIfChangedOnDisk()).toBe(false);
    expect(await B.reloadIfChangedOnDisk()).toBe(false);
  });

  it('answers false when the file changed but holds nothing new', async () => {
    const { a, b, A, B } = await twoComputers();
    await A.add([totpEntry({ issuer: 'From A' })]);
    deliver(a, b);
    expect(await B.reloadIfChangedOnDisk()).toBe(true);
    await A.reorder(A.entries().map((e) => e.id)); // the same order: a save of the same contents
    deliver(a, b); // the same contents in other bytes (a later generation)
    expect(await B.reloadIfChangedOnDisk()).toBe(false);
    expect(issuers(B)).toEqual(['From A', 'Seed 0']);
  });

  it('never drops what only the session has, even from a file that lacks it', async () => {
    const { a, b, A, B } = await twoComputers();
    await B.add([totpEntry({ issuer: 'Only B' })]);
    a.tick();
    await A.update(A.entries()[0]!.id, { notes: 'from A' });
    deliver(a, b);
    await B.reloadIfChangedOnDisk();
    expect(issuers(B)).toEqual(['Only B', 'Seed 0']);
    expect(B.entries().find((e) => e.issuer === 'Seed 0')?.notes).toBe('from A');
  });

  it('lets a deletion on one computer win over an edit on the other', async () => {
    const { a, b, A, B } = await twoComputers();
    const id = A.entries()[0]!.id;
    await B.update(id, { issuer: 'Renamed on B' });
    a.tick(5000); // the deletion is even later than the edit: it wins either way
    await A.remove(id);
    deliver(a, b);
    expect(await B.reloadIfChangedOnDisk()).toBe(true);
    expect(B.entries()).toHaveLength(0);
    expect(B.tombstones().map((t) => t.id)).toEqual([id]);
    deliver(b, a);
    await A.reloadIfChangedOnDisk();
    expect(A.entries()).toHaveLength(0);
  });

  it('keeps the higher HOTP counter', async () => {
    const { a, b, A, B } = await twoComputers(0);
    const [entry] = await A.add([hotpEntry()]);
    deliver(a, b);
    await B.reloadIfChangedOnDisk();
    await A.setCounter(entry!.id, 5);
    await B.setCounter(entry!.id, 3);
    deliver(a, b);
    await B.reloadIfChangedOnDisk();
    expect(B.get(entry!.id)?.counter).toBe(5);
    deliver(b, a);
    await A.reloadIfChangedOnDisk();
    expect(A.get(entry!.id)?.counter).toBe(5);
  });
});

describe('a save merges the file on disk', () => {
  it('keeps the other computer’s edit delivered between two saves', async () => {
    const { a, b, A, B } = await twoComputers();
    const id = A.entries()[0]!.id;
    await A.update(id, { tags: ['Work'] });
    deliver(a, b);
    // B never reloads: its next save merges the file first
    await B.update(id, { notes: 'written on B' });
    const [entry] = B.entries();
    expect(entry?.tags).toEqual(['Work']);
    expect(entry?.notes).toBe('written on B');
    deliver(b, a);
    await A.reloadIfChangedOnDisk();
    expect(A.get(id)?.notes).toBe('written on B');
    expect(A.get(id)?.tags).toEqual(['Work']);
  });

  it('refuses an edit of an account the other computer deleted, writing nothing', async () => {
    const { a, b, A, B } = await twoComputers();
    const id = A.entries()[0]!.id;
    await A.remove(id);
    deliver(a, b);
    const before = readFileSync(b.opts.path);
    const error = await caught(B.update(id, { notes: 'too late' }));
    expect(error).toBeInstanceOf(EntryValidationError);
    expect(readFileSync(b.opts.path).equals(before)).toBe(true);
  });

  it('counts generations on from the higher of the two copies', async () => {
    const { a, b, A, B } = await twoComputers();
    for (let i = 0; i < 3; i++) await A.update(A.entries()[0]!.id, { notes: `n${i}` });
    await B.add([totpEntry({ issuer: 'B' })]);
    const high = (await inspectVault(a.opts.path)).generation;
    deliver(a, b);
    await B.add([totpEntry({ issuer: 'B2' })]);
    expect((await inspectVault(b.opts.path)).generation).toBe(high + 1);
  });

  it('refuses a merge over the account limit with a sentence, and shows the merged accounts', async () => {
    const { a, b, A, B } = await twoComputers(0);
    await A.add(Array.from({ length: 5_001 }, (_, i) => totpEntry({ issuer: `A${i}` })));
    await B.add(Array.from({ length: 5_000 }, (_, i) => totpEntry({ issuer: `B${i}` })));
    deliver(a, b);
    const before = readFileSync(b.opts.path);
    const error = await caught(B.update(B.entries()[0]!.id, { notes: 'an edit' }));
    expect(error).toBeInstanceOf(EntryValidationError);
    expect((error as Error).message).toMatch(/10,001 accounts.*Remove at least 1 account,/);
    expect(readFileSync(b.opts.path).equals(before)).toBe(true);
    // The session shows the merge, so the user can remove accounts; a removal then saves it.
    expect(B.entries()).toHaveLength(10_001);
    await B.remove(B.entries()[0]!.id);
    expect(B.entries()).toHaveLength(10_000);
    const merged = await unlockVault(b.opts, PASSWORD);
    expect(merged.entries()).toHaveLength(10_000);
    merged.lock();
  }, 60_000);

  it('refuses a merge whose custom icons together exceed the vault-wide cap', async () => {
    const { a, b, A, B } = await twoComputers(0);
    const icon = (n: number): { mime: 'image/png'; bytes: Uint8Array } => {
      const bytes = new Uint8Array(ICON_LIMITS.storedMaxBytes);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      new DataView(bytes.buffer).setUint32(8, n);
      return { mime: 'image/png', bytes };
    };
    const half = Math.floor(ICON_LIMITS.storedTotalMaxBytes / ICON_LIMITS.storedMaxBytes / 2) + 1;
    await A.add(Array.from({ length: half }, (_, i) => totpEntry({ issuer: `A${i}`, iconImage: icon(i) })));
    await B.add(Array.from({ length: half }, (_, i) => totpEntry({ issuer: `B${i}`, iconImage: icon(1000 + i) })));
    deliver(a, b);
    const before = readFileSync(b.opts.path);
    const error = await caught(B.add([totpEntry({ issuer: 'one more' })]));
    expect(error).toBeInstanceOf(EntryValidationError);
    expect((error as Error).message).toMatch(/custom icons.*8 MB/);
    expect(readFileSync(b.opts.path).equals(before)).toBe(true);
  }, 60_000);
});

describe('a missing vault file is being replaced, not deleted', () => {
  function waitingComputer(restoreAfter: number | null): {
    c: Computer;
    sleeps: number[];
    setFile: (bytes: Buffer) => void;
  } {
    let clock = 0;
    const sleeps: number[] = [];
    let bytes: Buffer | null = null;
    const c = computer('w', 0, {
      monotonicNow: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
        if (restoreAfter !== null && sleeps.length === restoreAfter && bytes) writeFileSync(c.opts.path, bytes);
      },
    });
    return { c, sleeps, setFile: (b) => (bytes = b) };
  }

  it('waits for the file to come back on a reload and on a save', async () => {
    const { c, sleeps, setFile } = waitingComputer(3);
    const made = await createVault(c.opts, PASSWORD);
    sessions.push(made);
    await made.add([totpEntry({ issuer: 'kept' })]);
    setFile(readFileSync(c.opts.path));
    rmSync(c.opts.path);
    expect(await made.reloadIfChangedOnDisk()).toBe(false);
    expect(sleeps).toHaveLength(3);
    rmSync(c.opts.path);
    sleeps.length = 0;
    await made.add([totpEntry({ issuer: 'added while missing' })]);
    expect(sleeps).toHaveLength(3);
    expect(await onDisk(c)).toEqual(['added while missing', 'kept']);
  });

  it('gives up after the bounded wait with the usual error, and writes nothing', async () => {
    const { c, sleeps } = waitingComputer(null);
    const made = await createVault(c.opts, PASSWORD);
    sessions.push(made);
    rmSync(c.opts.path);
    const error = await caught(made.add([totpEntry()]));
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).reason).toBe('absent');
    expect(sleeps.reduce((s, ms) => s + ms, 0)).toBe(3000);
    expect(existsSync(c.opts.path)).toBe(false);
    expect(made.locked).toBe(false);
    await expect(made.reloadIfChangedOnDisk()).rejects.toMatchObject({ reason: 'absent' });
  });
});

describe('mergeCopy', () => {
  it('merges a conflict copy under the same key and saves once', async () => {
    const { a, A, B } = await twoComputers();
    await A.add([totpEntry({ issuer: 'In the copy' })]);
    await B.add([totpEntry({ issuer: 'Here' })]);
    const copy = new Uint8Array(readFileSync(a.opts.path));
    const outcome = await B.mergeCopy(copy);
    expect(outcome).toEqual({
      added: 1,
      changed: 0,
      removed: 0,
      conflictNotes: 0,
      saved: true,
      passwordNowFrom: 'this',
    });
    expect(issuers(B)).toEqual(['Here', 'In the copy', 'Seed 0']);
    const again = await B.mergeCopy(copy);
    expect(again).toMatchObject({ added: 0, changed: 0, saved: false, passwordNowFrom: 'this' });
  });

  it('reports a concurrent notes edit as a conflict note', async () => {
    const { a, A, B } = await twoComputers();
    const id = A.entries()[0]!.id;
    await A.update(id, { notes: 'text from A' });
    await B.update(id, { notes: 'text from B' });
    const outcome = await B.mergeCopy(new Uint8Array(readFileSync(a.opts.path)));
    expect(outcome).toMatchObject({ changed: 1, conflictNotes: 1, saved: true });
    const merged = B.get(id)!;
    expect([merged.notes, ...merged.conflictNotes].sort()).toEqual(['text from A', 'text from B']);
  });

  it('refuses a copy of another vault, and readVaultId tells them apart', async () => {
    const { a, B } = await twoComputers();
    const other = computer('other');
    const o = await createVault(other.opts, PASSWORD);
    o.lock();
    const bytes = new Uint8Array(readFileSync(other.opts.path));
    const error = await caught(B.mergeCopy(bytes));
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'corrupt', reason: 'other-vault' });
    expect((error as Error).message).toMatch(/different vault.*merges only copies of the same vault/);
    expect(readVaultId(bytes)).not.toBe(B.vaultId);
    expect(readVaultId(new Uint8Array(readFileSync(a.opts.path)))).toBe(B.vaultId);
    expect(readVaultId(new TextEncoder().encode('not a vault'))).toBeNull();
  });

  it('asks for the password of a copy under another key, and continues under the newer key', async () => {
    const { a, b, A, B } = await twoComputers();
    await B.add([totpEntry({ issuer: 'Here' })]);
    a.tick(60_000); // A's copy is saved later
    await A.changePassword(PASSWORD, NEW_PASSWORD);
    await A.add([totpEntry({ issuer: 'After the change' })]);
    const copy = new Uint8Array(readFileSync(a.opts.path));

    const needs = await caught(B.mergeCopy(copy));
    expect(needs).toMatchObject({ kind: 'wrong-password-or-tampered', reason: 'other-key' });
    expect((needs as Error).message).toMatch(/Enter the password the copy was saved with/);
    const wrong = await caught(B.mergeCopy(copy, { password: 'not it' }));
    expect(wrong).toMatchObject({ reason: 'other-key' });
    expect(B.locked).toBe(false);

    const outcome = await B.mergeCopy(copy, { password: NEW_PASSWORD });
    expect(outcome).toMatchObject({ added: 1, saved: true, passwordNowFrom: 'copy' });
    expect(issuers(B)).toEqual(['After the change', 'Here', 'Seed 0']);
    // B's file now opens with the newer password only, and the session's password is that one
    expect(await onDisk(b, NEW_PASSWORD)).toEqual(['After the change', 'Here', 'Seed 0']);
    await expect(unlockVault(b.opts, PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    await B.verifyPassword(NEW_PASSWORD);
    // and A, receiving B's file, opens it with its own (current) key: no password asked
    deliver(b, a);
    expect(await A.reloadIfChangedOnDisk()).toBe(true);
    expect(issuers(A)).toEqual(['After the change', 'Here', 'Seed 0']);
  });

  it('keeps this session’s key when the copy under another key was saved earlier', async () => {
    const { a, b, A, B } = await twoComputers();
    await A.changePassword(PASSWORD, NEW_PASSWORD);
    const copy = new Uint8Array(readFileSync(a.opts.path));
    b.tick(60_000);
    await B.add([totpEntry({ issuer: 'Later here' })]);
    const outcome = await B.mergeCopy(copy, { password: NEW_PASSWORD });
    expect(outcome).toMatchObject({ added: 0, passwordNowFrom: 'this' });
    expect(await onDisk(b, PASSWORD)).toEqual(['Later here', 'Seed 0']);
  });

  it('opens a copy from before its own password change with the key it held then', async () => {
    const { a, b, A, B } = await twoComputers();
    await B.add([totpEntry({ issuer: 'Old key' })]); // B still has the old key
    await A.changePassword(PASSWORD, NEW_PASSWORD);
    const outcome = await A.mergeCopy(new Uint8Array(readFileSync(b.opts.path)));
    expect(outcome).toMatchObject({ added: 1, saved: true, passwordNowFrom: 'this' });
    expect(await onDisk(a, NEW_PASSWORD)).toEqual(['Old key', 'Seed 0']);
  });
});

describe('a file under another key on disk', () => {
  it('is merged when it predates this session’s own re-key (a former key)', async () => {
    const { a, b, A, B } = await twoComputers();
    await A.changePassword(PASSWORD, NEW_PASSWORD);
    await B.add([totpEntry({ issuer: 'From B, old key' })]);
    deliver(b, a); // the sync tool hands A the file B saved under the old key
    expect(await A.reloadIfChangedOnDisk()).toBe(true);
    expect(A.locked).toBe(false);
    expect(await onDisk(a, NEW_PASSWORD)).toEqual(['From B, old key', 'Seed 0']);
  });

  it('makes the session keep its state beside the vault, lock, and say so; unlocking merges it back', async () => {
    const { a, b, A, B } = await twoComputers();
    await B.add([totpEntry({ issuer: 'Only on B' })]);
    a.tick(60_000);
    await A.changePassword(PASSWORD, NEW_PASSWORD);
    deliver(a, b); // B's own save is gone from B's folder
    const error = await caught(B.add([totpEntry({ issuer: 'Typed on B just now' })]));
    expect(error).toMatchObject({ kind: 'wrong-password-or-tampered', reason: 'password-changed-elsewhere' });
    expect((error as Error).message).toMatch(/kept in .*tessera-unmerged-.*Unlock it again/);
    expect(B.locked).toBe(true);
    const [unmerged] = unmergedFiles(b);
    expect(unmerged).toBeDefined();
    const copy = new Uint8Array(readFileSync(path.join(b.dir, unmerged!)));
    expect(readVaultId(copy)).toBe(A.vaultId);

    // The user unlocks with the new password; the absorber merges the unmerged copy with the old one.
    const again = await unlock(b, NEW_PASSWORD);
    await expect(again.mergeCopy(copy)).rejects.toMatchObject({ reason: 'other-key' });
    const outcome = await again.mergeCopy(copy, { password: PASSWORD });
    expect(outcome).toMatchObject({ added: 2, saved: true, passwordNowFrom: 'this' });
    expect(await onDisk(b, NEW_PASSWORD)).toEqual(['Only on B', 'Seed 0', 'Typed on B just now']);
  });

  it('on a reload, writes the unmerged copy before locking too', async () => {
    const { a, b, A, B } = await twoComputers();
    await B.add([totpEntry({ issuer: 'Only on B' })]);
    await A.changePassword(PASSWORD, NEW_PASSWORD);
    deliver(a, b);
    await expect(B.reloadIfChangedOnDisk()).rejects.toMatchObject({ reason: 'password-changed-elsewhere' });
    expect(B.locked).toBe(true);
    expect(unmergedFiles(b)).toHaveLength(1);
    const again = await unlock(b, NEW_PASSWORD);
    const copy = new Uint8Array(readFileSync(path.join(b.dir, unmergedFiles(b)[0]!)));
    expect(await again.mergeCopy(copy, { password: PASSWORD })).toMatchObject({ added: 1 });
  });

  it('keeps the unmerged state beside a file that is now another vault', async () => {
    const { b, B } = await twoComputers();
    await B.add([totpEntry({ issuer: 'Only on B' })]);
    const other = computer('other');
    (await createVault(other.opts, PASSWORD)).lock();
    writeFileSync(b.opts.path, readFileSync(other.opts.path));
    await expect(B.reloadIfChangedOnDisk()).rejects.toMatchObject({ reason: 'password-changed-elsewhere' });
    const copy = new Uint8Array(readFileSync(path.join(b.dir, unmergedFiles(b)[0]!)));
    expect(readVaultId(copy)).not.toBe(readVaultId(new Uint8Array(readFileSync(b.opts.path))));
  });
});
