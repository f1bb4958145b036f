// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Opening a vault that a sync tool is replacing: Syncthing deletes the vault and renames its temp
 * file (`.syncthing.<name>.tmp`) in, so for a moment there is none. Unlocking waits for it like a
 * save does, and the CLI's "no vault here" check waits while such a temp file is beside it, but
 * answers at once for a vault that is simply not there.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vaultFilePresentPatiently } from '../../../electron/vault/patient-read';
import { createVault, KDF_FLOOR, unlockVault, vaultFileState } from '../../../electron/vault';
import { createFakeKdf } from './helpers/fakes';

const fakeKdf = createFakeKdf();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-patient-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A fake clock whose sleep moves time and may run a step (the sync tool finishing). */
function fakeTime(onSleep: (t: number) => Promise<void> = async () => undefined) {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      await onSleep(t);
    },
  };
}

const exists = async (file: string) => (await vaultFileState(file)) === 'present';

describe('vaultFilePresentPatiently', () => {
  it('answers at once when the vault is simply not there', async () => {
    let slept = 0;
    const time = fakeTime(async () => void slept++);
    expect(await vaultFilePresentPatiently(path.join(dir, 'vault.tessera'), { ...time, waitMs: 3000, exists })).toBe(
      false,
    );
    expect(slept).toBe(0);
  });

  it('waits while Syncthing renames its new copy in, and finds it', async () => {
    const vault = path.join(dir, 'vault.tessera');
    const temp = path.join(dir, '.syncthing.vault.tessera.tmp');
    await writeFile(temp, 'new');
    const time = fakeTime(async (t) => {
      if (t >= 100) await rename(temp, vault).catch(() => undefined);
    });
    expect(await vaultFilePresentPatiently(vault, { ...time, waitMs: 3000, exists })).toBe(true);
    expect(time.now()).toBeGreaterThanOrEqual(100);
  });

  it('gives up after the wait when the replacement never lands', async () => {
    await writeFile(path.join(dir, '.syncthing.vault.tessera.tmp'), 'stuck');
    const time = fakeTime();
    expect(await vaultFilePresentPatiently(path.join(dir, 'vault.tessera'), { ...time, waitMs: 500, exists })).toBe(
      false,
    );
    expect(time.now()).toBe(500);
  });
});

describe('unlockVault', () => {
  it('waits for a vault missing for a moment and opens it', async () => {
    const vault = path.join(dir, 'vault.tessera');
    const away = path.join(dir, 'elsewhere.tessera');
    const made = await createVault({ path: vault, kdf: fakeKdf, kdfParams: KDF_FLOOR }, 'correct horse battery');
    made.lock();
    await rename(vault, away);
    const time = fakeTime(async (t) => {
      if (t >= 50) await rename(away, vault).catch(() => undefined);
    });
    const opened = await unlockVault(
      { path: vault, kdf: fakeKdf, kdfParams: KDF_FLOOR, missingFileWaitMs: 3000, sleep: time.sleep },
      'correct horse battery',
    );
    expect(opened.entries()).toEqual([]);
    opened.lock();
  });
});
