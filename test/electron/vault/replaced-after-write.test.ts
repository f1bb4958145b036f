// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A save that a sync tool replaces right after it was written (another computer's save of the same
 * vault lands between our rename and our read-back; seen with Syncthing in test/sync): not a failing
 * disk. The session takes its save as done and saves again, merging the file now there, so both
 * computers' accounts are in the vault and nobody is told the disk may be failing.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVault, unlockVault, type UnlockedVault } from '../../../electron/vault';
import { fastOptions, makeTempDir, totpEntry } from './helpers/fakes';

/** When set, the next vault write is followed at once by these bytes over the file (the "sync tool"). */
const sync = vi.hoisted(() => ({ overwriteWith: [] as Uint8Array[] }));

vi.mock('../../../electron/vault/storage', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/vault/storage')>();
  return {
    ...real,
    writeVaultAtomically: async (...args: Parameters<typeof real.writeVaultAtomically>) => {
      await real.writeVaultAtomically(...args);
      const other = sync.overwriteWith.shift();
      if (other) await writeFile(args[0], other);
    },
  };
});

const PASSWORD = 'correct horse battery';
let temp: { dir: string; cleanup: () => void };
beforeEach(() => {
  temp = makeTempDir();
  sync.overwriteWith = [];
});
afterEach(() => temp.cleanup());

/** A vault at `here` and a second computer's copy of it, each with its own session. */
async function twoComputers(): Promise<{ here: UnlockedVault; there: UnlockedVault; therePath: string }> {
  const opts = fastOptions(temp.dir);
  const made = await createVault(opts, PASSWORD);
  await made.add([totpEntry({ issuer: 'Shared' })]);
  made.lock();
  const therePath = path.join(temp.dir, 'other-computer.tessera');
  await copyFile(opts.path, therePath);
  const here = await unlockVault(opts, PASSWORD);
  const there = await unlockVault({ ...fastOptions(temp.dir), path: therePath }, PASSWORD);
  return { here, there, therePath };
}

describe('a save replaced right after it was written', () => {
  it('is saved again with the other save merged in: both accounts kept, no error', async () => {
    const { here, there, therePath } = await twoComputers();
    await there.add([totpEntry({ issuer: 'From the other computer' })]);
    sync.overwriteWith.push(new Uint8Array(await readFile(therePath)));

    await here.add([totpEntry({ issuer: 'From here' })]);

    const issuers = (v: UnlockedVault) =>
      v
        .entries()
        .map((e) => e.issuer)
        .sort();
    expect(issuers(here)).toEqual(['From here', 'From the other computer', 'Shared']);
    here.lock();
    const reopened = await unlockVault(fastOptions(temp.dir), PASSWORD);
    expect(issuers(reopened)).toEqual(['From here', 'From the other computer', 'Shared']);
    reopened.lock();
    there.lock();
  });

  it('gives up with a plain sentence when it keeps happening, and keeps the change in the session', async () => {
    const { here, there, therePath } = await twoComputers();
    await there.add([totpEntry({ issuer: 'Elsewhere' })]);
    const theirs = new Uint8Array(await readFile(therePath));
    for (let i = 0; i < 10; i++) sync.overwriteWith.push(theirs);

    await expect(here.add([totpEntry({ issuer: 'Mine' })])).rejects.toMatchObject({
      kind: 'io',
      reason: 'replaced-after-write',
      message: expect.stringContaining('replaced'),
    });
    expect(here.entries().map((e) => e.issuer)).toContain('Mine');
    sync.overwriteWith = [];
    // The next save (or reload) writes it.
    await here.reloadIfChangedOnDisk();
    here.lock();
    const reopened = await unlockVault(fastOptions(temp.dir), PASSWORD);
    expect(
      reopened
        .entries()
        .map((e) => e.issuer)
        .sort(),
    ).toEqual(['Elsewhere', 'Mine', 'Shared']);
    reopened.lock();
    there.lock();
  });
});
