// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The app's default watch of the vault's folder (vault-sync.ts, watchFolderOrPoll): fs.watch hears
 * a conflict copy renamed into the folder, as sync tools deliver it; a folder that cannot be watched
 * falls back to polling instead of failing, and stopping stops it.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFolderOrPoll } from '../../../electron/services/vault-sync';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-watch-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('watchFolderOrPoll', () => {
  it('hears a file renamed into the folder', async () => {
    let heard: () => void = () => undefined;
    const changed = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const stop = watchFolderOrPoll(dir, () => heard());
    try {
      const temp = path.join(os.tmpdir(), `tessera-watch-${process.pid}-${Date.now()}.tmp`);
      await writeFile(temp, 'a copy');
      await rename(temp, path.join(dir, 'vault.sync-conflict-20261205-101010-ABCDEF1.tessera'));
      await changed;
    } finally {
      stop();
    }
  });

  it('falls back to polling a folder fs.watch cannot watch, and stops cleanly', () => {
    const stop = watchFolderOrPoll(path.join(dir, 'not there yet'), () => undefined);
    expect(typeof stop).toBe('function');
    stop();
    stop();
  });
});
