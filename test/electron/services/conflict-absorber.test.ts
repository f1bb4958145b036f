// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Absorbing conflict copies (issue #18, item 4) on real temporary folders with real vault files:
 * copies named as Syncthing, Dropbox and Nextcloud name them, each edited on "another computer",
 * are merged into the open vault (nothing lost) and moved into the backups folder; a second run does
 * nothing; another vault with a copy's name, a copy saved under another password, a file still being
 * written, a symbolic link, the backups folder inside the vault's folder, and a move across devices.
 */
import {
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  absorbConflictCopies,
  absorbConflictCopy,
  type AbsorbDeps,
} from '../../../electron/services/conflict-absorber';
import {
  createVault,
  inspectVault,
  unlockVault,
  VaultError,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { fastOptions, makeTempDir, totpEntry } from '../vault/helpers/fakes';

const PASSWORD = 'our master password';
const OTHER_PASSWORD = 'a password changed elsewhere';
const T0 = 1_767_225_600_000;

const SYNCTHING = 'vault.sync-conflict-20261205-101010-ABCDEF1.tessera';
const DROPBOX = "vault (DESKTOP-ABC's conflicted copy 2026-12-05).tessera";
const NEXTCLOUD = 'vault (conflicted copy alice 2026-12-05 101010).tessera';

let tmp: ReturnType<typeof makeTempDir>;
let folder: string;
let elsewhere: string;
let backups: string;
let clock: number;
const open: UnlockedVault[] = [];

beforeEach(async () => {
  tmp = makeTempDir('tessera-absorb-');
  folder = path.join(tmp.dir, 'Sync');
  elsewhere = path.join(tmp.dir, 'other-computer');
  backups = path.join(folder, 'backups');
  await mkdir(folder);
  await mkdir(elsewhere);
  clock = T0;
});
afterEach(() => {
  open.splice(0).forEach((v) => v.lock());
  tmp.cleanup();
});

const optionsAt = (file: string): VaultOptions =>
  fastOptions(path.dirname(file), {
    path: file,
    now: () => (clock += 1000),
  });

async function track(p: Promise<UnlockedVault>): Promise<UnlockedVault> {
  const v = await p;
  open.push(v);
  return v;
}

/** Our vault in the synced folder, with one account, open. */
async function ourVault(): Promise<UnlockedVault> {
  const v = await track(createVault(optionsAt(path.join(folder, 'vault.tessera')), PASSWORD));
  await v.add([totpEntry({ issuer: 'Shared', account: 'base' })]);
  return v;
}

/**
 * A copy of the vault as it is now, edited on another computer by `edit`, then left in the synced
 * folder as `name` (an hour old, as a sync tool delivers it).
 */
async function conflictCopy(
  name: string,
  edit: (other: UnlockedVault) => Promise<unknown>,
  password = PASSWORD,
): Promise<string> {
  const there = path.join(elsewhere, `${Math.random().toString(36).slice(2)}.tessera`);
  await copyFile(path.join(folder, 'vault.tessera'), there);
  const other = await unlockVault(optionsAt(there), password);
  try {
    await edit(other);
  } finally {
    other.lock();
  }
  const file = path.join(folder, name);
  await copyFile(there, file);
  await makeOld(file);
  return file;
}

async function makeOld(file: string): Promise<void> {
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(file, hourAgo, hourAgo);
}

const addAccount = (account: string) => (other: UnlockedVault) =>
  other.add([totpEntry({ issuer: 'Elsewhere', account })]);

function deps(vault: UnlockedVault, extra: Partial<AbsorbDeps> = {}): AbsorbDeps {
  return { vault, backupsFolder: backups, wait: async () => undefined, ...extra };
}

/** The accounts the vault FILE holds (a fresh unlock), as "issuer/account". */
async function accountsOnDisk(): Promise<string[]> {
  const v = await unlockVault(optionsAt(path.join(folder, 'vault.tessera')), PASSWORD);
  try {
    return v
      .entries()
      .map((e) => `${e.issuer}/${e.account}`)
      .sort();
  } finally {
    v.lock();
  }
}

const exists = (file: string): Promise<boolean> =>
  lstat(file).then(
    () => true,
    () => false,
  );

describe('absorbConflictCopies', () => {
  it('merges Syncthing, Dropbox and Nextcloud copies with different edits, then moves each into the backups folder', async () => {
    const v = await ourVault();
    const copies = {
      [SYNCTHING]: await conflictCopy(SYNCTHING, addAccount('from-syncthing')),
      [DROPBOX]: await conflictCopy(DROPBOX, addAccount('from-dropbox')),
      [NEXTCLOUD]: await conflictCopy(NEXTCLOUD, async (other) => {
        const base = other.entries()[0]!;
        await other.update(base.id, { notes: 'written on the laptop' });
      }),
    };
    const bytes = Object.fromEntries(
      await Promise.all(Object.entries(copies).map(async ([n, f]) => [n, await readFile(f)] as const)),
    );
    await v.add([totpEntry({ issuer: 'Here', account: 'ours' })]);

    const result = await absorbConflictCopies(deps(v));

    expect(result.failed).toEqual([]);
    expect(result.needPassword).toEqual([]);
    expect(result.otherVaults).toEqual([]);
    expect(result.changed).toBe(true);
    expect(result.merged.map((m) => [m.file, m.tool, m.device]).sort()).toEqual(
      [
        [DROPBOX, 'dropbox', 'DESKTOP-ABC'],
        [NEXTCLOUD, 'nextcloud', 'alice'],
        [SYNCTHING, 'syncthing', 'ABCDEF1'],
      ].sort(),
    );
    // Nothing lost: every computer's account, and the notes written elsewhere, in the session and the file.
    const want = ['Elsewhere/from-dropbox', 'Elsewhere/from-syncthing', 'Here/ours', 'Shared/base'];
    expect(
      v
        .entries()
        .map((e) => `${e.issuer}/${e.account}`)
        .sort(),
    ).toEqual(want);
    expect(await accountsOnDisk()).toEqual(want);
    expect(v.entries().find((e) => e.account === 'base')!.notes).toBe('written on the laptop');
    // Moved, byte for byte, not deleted.
    for (const [name, file] of Object.entries(copies)) {
      expect(await exists(file)).toBe(false);
      const moved = result.merged.find((m) => m.file === name)!.movedTo!;
      expect(path.dirname(moved)).toBe(await realBackups());
      expect(path.basename(moved)).toBe(name);
      expect(Buffer.compare(await readFile(moved), bytes[name]!)).toBe(0);
    }
  });

  it('is idempotent: a second run finds nothing, saves nothing and moves nothing', async () => {
    const v = await ourVault();
    await conflictCopy(SYNCTHING, addAccount('x'));
    expect((await absorbConflictCopies(deps(v))).merged).toHaveLength(1);
    const generation = (await inspectVault(path.join(folder, 'vault.tessera'))).generation;
    const inBackups = await readdir(backups);

    const again = await absorbConflictCopies(deps(v));
    expect(again).toEqual({ merged: [], needPassword: [], otherVaults: [], failed: [], busy: [], changed: false });
    expect((await inspectVault(path.join(folder, 'vault.tessera'))).generation).toBe(generation);
    expect(await readdir(backups)).toEqual(inBackups);
  });

  it('a copy that adds nothing is still moved, and the vault is not saved', async () => {
    const v = await ourVault();
    await conflictCopy(DROPBOX, async () => undefined);
    const generation = v.generation;
    const result = await absorbConflictCopies(deps(v));
    expect(result.merged).toHaveLength(1);
    expect(result.changed).toBe(false);
    expect(v.generation).toBe(generation);
  });

  it('leaves another vault with a copy’s name where it is and says so; ignores another vault by another name', async () => {
    const v = await ourVault();
    const stranger = await track(createVault(optionsAt(path.join(elsewhere, 'stranger.tessera')), PASSWORD));
    await stranger.add([totpEntry({ issuer: 'Stranger' })]);
    const named = path.join(folder, DROPBOX);
    const plain = path.join(folder, 'work.tessera');
    await copyFile(stranger.path, named);
    await copyFile(stranger.path, plain);
    await makeOld(named);
    await makeOld(plain);

    const result = await absorbConflictCopies(deps(v));
    expect(result.otherVaults).toEqual([DROPBOX]);
    expect(result.merged).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(await exists(named)).toBe(true);
    expect(await exists(plain)).toBe(true);
    expect(await accountsOnDisk()).toEqual(['Shared/base']);
  });

  it('a copy of this vault under any other *.tessera name is merged too', async () => {
    const v = await ourVault();
    await conflictCopy('vault (Kopie in Konflikt).tessera', addAccount('translated'));
    const result = await absorbConflictCopies(deps(v));
    expect(result.merged).toMatchObject([{ file: 'vault (Kopie in Konflikt).tessera', tool: null, device: null }]);
    expect(await accountsOnDisk()).toContain('Elsewhere/translated');
  });

  it('a copy saved under another password waits for it; the wrong one changes nothing, the right one merges it', async () => {
    const v = await ourVault();
    const file = await conflictCopy(SYNCTHING, async (other) => {
      await other.add([totpEntry({ issuer: 'Elsewhere', account: 'after-password-change' })]);
      await other.changePassword(PASSWORD, OTHER_PASSWORD);
    });

    const first = await absorbConflictCopies(deps(v));
    expect(first.needPassword).toEqual([SYNCTHING]);
    expect(first.merged).toEqual([]);
    expect(await exists(file)).toBe(true);
    // The password typed for the vault is tried too (the CLI passes it): it does not open this one.
    expect((await absorbConflictCopies(deps(v, { password: PASSWORD }))).needPassword).toEqual([SYNCTHING]);

    await expect(absorbConflictCopy(deps(v), SYNCTHING, 'not it at all')).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    expect(await exists(file)).toBe(true);
    expect(v.entries()).toHaveLength(1);

    const merged = await absorbConflictCopy(deps(v), SYNCTHING, OTHER_PASSWORD);
    expect(merged.merged).toMatchObject([{ file: SYNCTHING }]);
    expect(await exists(file)).toBe(false);
    expect(
      v
        .entries()
        .map((e) => e.account)
        .sort(),
    ).toEqual(['after-password-change', 'base']);
  });

  it('tries the typed password on a copy re-keyed with the same password elsewhere', async () => {
    const v = await ourVault();
    await conflictCopy(NEXTCLOUD, async (other) => {
      await other.add([totpEntry({ issuer: 'Elsewhere', account: 'rekeyed' })]);
      // A new data key, the password kept (a recovery key replaced elsewhere does the same).
      await other.changePassword(PASSWORD, PASSWORD);
    });
    expect((await absorbConflictCopies(deps(v))).needPassword).toEqual([NEXTCLOUD]);
    const result = await absorbConflictCopies(deps(v, { password: PASSWORD }));
    expect(result.merged).toMatchObject([{ file: NEXTCLOUD }]);
    expect(v.entries().map((e) => e.account)).toContain('rekeyed');
  });

  it('leaves a file that is still being written for the next run', async () => {
    const v = await ourVault();
    const file = await conflictCopy(SYNCTHING, addAccount('late'));
    const bytes = await readFile(file);
    // Written just now and growing between the two looks.
    await writeFile(file, bytes.subarray(0, 100));
    let waits = 0;
    const growing = deps(v, {
      now: () => Date.now(),
      wait: async (ms) => {
        waits++;
        expect(ms).toBe(300);
        await writeFile(file, bytes);
      },
    });
    const first = await absorbConflictCopies(growing);
    expect(waits).toBe(1);
    expect(first.busy).toEqual([SYNCTHING]);
    expect(first.merged).toEqual([]);
    expect(first.failed).toEqual([]);
    expect(v.entries()).toHaveLength(1);

    // Next time it holds still: merged.
    const second = await absorbConflictCopies(deps(v, { now: () => Date.now() }));
    expect(second.merged).toMatchObject([{ file: SYNCTHING }]);
    expect(v.entries().map((e) => e.account)).toContain('late');
  });

  it('does not wait when every candidate is old', async () => {
    const v = await ourVault();
    await conflictCopy(SYNCTHING, addAccount('old'));
    let waited = false;
    await absorbConflictCopies(
      deps(v, {
        now: () => Date.now(),
        wait: async () => {
          waited = true;
        },
      }),
    );
    expect(waited).toBe(false);
  });

  it('never follows a symbolic link named like a copy', async () => {
    const v = await ourVault();
    await conflictCopy('real copy elsewhere.tessera', addAccount('behind-link'));
    const target = path.join(elsewhere, 'target.tessera');
    await copyFile(path.join(folder, 'real copy elsewhere.tessera'), target);
    await rm(path.join(folder, 'real copy elsewhere.tessera'));
    const link = path.join(folder, SYNCTHING);
    await symlink(target, link);

    const result = await absorbConflictCopies(deps(v));
    expect(result).toMatchObject({ merged: [], needPassword: [], otherVaults: [], failed: [] });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await exists(target)).toBe(true);
    expect(v.entries()).toHaveLength(1);
  });

  it('never touches the backups folder inside the vault folder, nor an automatic backup beside the vault', async () => {
    const v = await ourVault();
    await mkdir(backups, { recursive: true });
    const inBackups = path.join(backups, SYNCTHING);
    await conflictCopy(SYNCTHING, addAccount('in-backups'));
    await rename(path.join(folder, SYNCTHING), inBackups);
    const autoBackup = path.join(folder, 'tessera-backup-20261205-101010.tessera');
    await conflictCopy('tessera-backup-20261205-101010.tessera', addAccount('auto-backup'));

    const result = await absorbConflictCopies(deps(v));
    expect(result).toMatchObject({ merged: [], needPassword: [], otherVaults: [], failed: [] });
    expect(await exists(inBackups)).toBe(true);
    expect(await exists(autoBackup)).toBe(true);
    expect(v.entries()).toHaveLength(1);
  });

  it('absorbs nothing when the backups folder is the vault folder itself', async () => {
    const v = await ourVault();
    const file = await conflictCopy(SYNCTHING, addAccount('x'));
    const result = await absorbConflictCopies(deps(v, { backupsFolder: folder }));
    expect(result.merged).toEqual([]);
    expect(await exists(file)).toBe(true);
  });

  it('moves across devices (EXDEV) by a copy that is flushed and compared, then unlinks the original', async () => {
    const v = await ourVault();
    const file = await conflictCopy(DROPBOX, addAccount('exdev'));
    const bytes = await readFile(file);
    const renames: string[] = [];
    const result = await absorbConflictCopies(
      deps(v, {
        rename: async (from) => {
          renames.push(from);
          throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
        },
      }),
    );
    expect(renames).toEqual([file]);
    expect(result.failed).toEqual([]);
    const moved = result.merged[0]!.movedTo!;
    expect(Buffer.compare(await readFile(moved), bytes)).toBe(0);
    expect(await exists(file)).toBe(false);
  });

  it('a move that fails leaves the merged copy where it is and says so; the next run moves it', async () => {
    const v = await ourVault();
    const file = await conflictCopy(DROPBOX, addAccount('stuck'));
    const refused = await absorbConflictCopies(
      deps(v, {
        rename: async () => {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        },
      }),
    );
    expect(refused.merged).toMatchObject([{ file: DROPBOX, movedTo: null }]);
    expect(refused.failed).toHaveLength(1);
    expect(refused.failed[0]!.message).toMatch(/was merged into your vault, but Tessera could not move it .*EACCES/);
    expect(await exists(file)).toBe(true);
    expect(v.entries().map((e) => e.account)).toContain('stuck');

    const next = await absorbConflictCopies(deps(v));
    expect(next.merged).toMatchObject([{ file: DROPBOX }]);
    expect(next.changed).toBe(false);
    expect(await exists(file)).toBe(false);
  });

  it('keeps an earlier copy of the same name in the backups folder: the new one gets " (2)"', async () => {
    const v = await ourVault();
    await mkdir(backups, { recursive: true });
    await writeFile(path.join(backups, SYNCTHING), 'an earlier copy');
    await conflictCopy(SYNCTHING, addAccount('second'));
    const result = await absorbConflictCopies(deps(v));
    expect(path.basename(result.merged[0]!.movedTo!)).toBe('vault.sync-conflict-20261205-101010-ABCDEF1 (2).tessera');
    expect(await readFile(path.join(backups, SYNCTHING), 'utf8')).toBe('an earlier copy');
  });

  it('a file with a copy’s name that is not a vault is reported and left; other files are ignored', async () => {
    const v = await ourVault();
    await writeFile(path.join(folder, DROPBOX), 'not a vault');
    await writeFile(path.join(folder, 'notes.tessera'), 'not a vault either');
    await writeFile(path.join(folder, 'vault.tessera.bak'), 'not a candidate');
    await Promise.all([DROPBOX, 'notes.tessera', 'vault.tessera.bak'].map((n) => makeOld(path.join(folder, n))));
    const result = await absorbConflictCopies(deps(v));
    expect(result.failed.map((f) => f.file)).toEqual([DROPBOX]);
    expect(result.failed[0]!.message).toMatch(/is not a Tessera vault .*left it where it is/);
    expect(await exists(path.join(folder, DROPBOX))).toBe(true);
  });

  it('a wrong password for absorbConflictCopy is the vault’s own error, with nothing changed', async () => {
    const v = await ourVault();
    await conflictCopy(SYNCTHING, (other) => other.changePassword(PASSWORD, OTHER_PASSWORD));
    const error = await absorbConflictCopy(deps(v), SYNCTHING, 'wrong').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
  });
});

const realBackups = (): Promise<string> => realpath(backups);
