// SPDX-License-Identifier: GPL-3.0-or-later
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KDF_FLOOR,
  kdfConfigPath,
  machineKdfParams,
  readMachineKdfParams,
  writeMachineKdfParams,
  type Kdf,
} from '../../../electron/vault';

let dir: string;
let vaultPath: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-kdfcfg-'));
  vaultPath = path.join(dir, 'data', 'vault.tessera');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const neverKdf: Kdf = { derive: () => Promise.reject(new Error('must not derive')) };

describe('machine KDF parameters', () => {
  it('calibrates once, stores the result (0600) and reuses it', async () => {
    const calibrate = vi.fn(async () => ({ opslimit: 2, memlimit: 128 * 1024 * 1024 }));
    expect(readMachineKdfParams(vaultPath)).toBeNull();
    expect(await machineKdfParams(vaultPath, { kdf: neverKdf, calibrate })).toEqual({
      opslimit: 2,
      memlimit: 128 * 1024 * 1024,
    });
    expect(await machineKdfParams(vaultPath, { kdf: neverKdf, calibrate })).toEqual({
      opslimit: 2,
      memlimit: 128 * 1024 * 1024,
    });
    expect(calibrate).toHaveBeenCalledTimes(1);
    if (process.platform !== 'win32') expect(statSync(kdfConfigPath(vaultPath)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(kdfConfigPath(vaultPath), 'utf8'))).toEqual({ opslimit: 2, memlimit: 134217728 });
  });

  it.each([
    ['below the floor', '{"opslimit":1,"memlimit":8192}'],
    ['above the ceiling', '{"opslimit":11,"memlimit":67108864}'],
    ['not JSON', 'opslimit=2'],
    ['wrong types', '{"opslimit":"2","memlimit":67108864}'],
    ['null', 'null'],
  ])('ignores a stored file %s', async (_name, content) => {
    await writeMachineKdfParams(vaultPath, KDF_FLOOR);
    writeFileSync(kdfConfigPath(vaultPath), content);
    expect(readMachineKdfParams(vaultPath)).toBeNull();
  });
});
