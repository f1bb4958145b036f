// SPDX-License-Identifier: GPL-3.0-or-later
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createVault,
  inspectVault,
  KDF_DEFAULT,
  KDF_FLOOR,
  kdfConfigPath,
  machineKdfParams,
  machineKdfRaiser,
  readMachineKdfParams,
  unlockVault,
  writeMachineKdfParams,
  type Kdf,
} from '../../../electron/vault';

const MiB = 1024 * 1024;
let dir: string;
/** This computer's app data folder (created by the first write). */
let dataFolder: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-kdfcfg-'));
  dataFolder = path.join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const neverKdf: Kdf = { derive: () => Promise.reject(new Error('must not derive')) };

describe('machine KDF parameters', () => {
  it('calibrates once, stores the result (0600) and reuses it', async () => {
    const calibrate = vi.fn(async () => ({ opslimit: 2, memlimit: 128 * 1024 * 1024 }));
    expect(readMachineKdfParams(dataFolder)).toBeNull();
    expect(await machineKdfParams(dataFolder, { kdf: neverKdf, calibrate })).toEqual({
      opslimit: 2,
      memlimit: 128 * 1024 * 1024,
    });
    expect(await machineKdfParams(dataFolder, { kdf: neverKdf, calibrate })).toEqual({
      opslimit: 2,
      memlimit: 128 * 1024 * 1024,
    });
    expect(calibrate).toHaveBeenCalledTimes(1);
    if (process.platform !== 'win32') expect(statSync(kdfConfigPath(dataFolder)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(kdfConfigPath(dataFolder), 'utf8'))).toEqual({ opslimit: 2, memlimit: 134217728 });
  });

  it.each([
    ['below the floor', '{"opslimit":1,"memlimit":8192}'],
    ['above the ceiling', '{"opslimit":11,"memlimit":67108864}'],
    ['not JSON', 'opslimit=2'],
    ['wrong types', '{"opslimit":"2","memlimit":67108864}'],
    ['null', 'null'],
  ])('ignores a stored file %s', async (_name, content) => {
    await writeMachineKdfParams(dataFolder, KDF_FLOOR);
    writeFileSync(kdfConfigPath(dataFolder), content);
    expect(readMachineKdfParams(dataFolder)).toBeNull();
  });
});

describe('raising the parameters after a fast unlock', () => {
  /** A stand-in KDF that takes `ms` on a fake monotonic clock per derivation. */
  function timed(ms: number): { kdf: Kdf; clock: () => number } {
    let t = 0;
    return {
      kdf: {
        derive: async () => {
          t += ms;
          return new Uint8Array(32).fill(9);
        },
      },
      clock: () => t,
    };
  }

  it('stores the next rung and re-wraps only the key slot with it', async () => {
    const file = path.join(dir, 'synced', 'vault.tessera');
    const { kdf, clock } = timed(200); // 3 passes over 256 MiB in 0.2 s: 512 MiB fits with room
    (await createVault({ path: file, kdf, kdfParams: KDF_DEFAULT }, 'a long password')).lock();
    await writeMachineKdfParams(dataFolder, KDF_DEFAULT);
    const options = {
      path: file,
      kdf,
      kdfParams: KDF_DEFAULT,
      monotonicNow: clock,
      raiseKdfParams: machineKdfRaiser(dataFolder),
    };
    const vault = await unlockVault(options, 'a long password');
    expect(vault.deriveMs).toBe(200);
    vault.lock();
    const raised = { opslimit: 3, memlimit: 512 * MiB };
    expect(readMachineKdfParams(dataFolder)).toEqual(raised);
    expect((await inspectVault(file)).kdf).toEqual(raised);
    // Per-computer: nothing was written beside the vault.
    expect(readMachineKdfParams(path.dirname(file))).toBeNull();
  });

  it('never lowers them after a slow unlock', async () => {
    const file = path.join(dir, 'vault.tessera');
    const { kdf, clock } = timed(4000);
    (await createVault({ path: file, kdf, kdfParams: KDF_DEFAULT }, 'a long password')).lock();
    await writeMachineKdfParams(dataFolder, KDF_DEFAULT);
    const raise = machineKdfRaiser(dataFolder);
    (await unlockVault({ path: file, kdf, monotonicNow: clock, raiseKdfParams: raise }, 'a long password')).lock();
    expect(readMachineKdfParams(dataFolder)).toEqual(KDF_DEFAULT);
    expect((await inspectVault(file)).kdf).toEqual(KDF_DEFAULT);
  });
});
