// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * This computer's pointer to its vault (vault-location.json in the app's data folder): written
 * privately and atomically, read back exactly, a damaged one reported in words, and the order in
 * which the app and the CLI decide the vault's path: --vault, TESSERA_VAULT, the pointer, the default.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readVaultLocation,
  resolveVaultLocation,
  VAULT_LOCATION_FILE_NAME,
  VaultLocationError,
  vaultOptionFromArgv,
  writeVaultLocation,
} from '../../../electron/services/vault-location';

let dir: string;
let dataFolder: string;
let defaultPath: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-location-'));
  dataFolder = path.join(dir, 'data');
  defaultPath = path.join(dataFolder, 'vault.tessera');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pointerFile = (): string => path.join(dataFolder, VAULT_LOCATION_FILE_NAME);

/** A vault file (any bytes: resolving only asks whether something is there). */
function someFile(name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, 'x');
  return file;
}

describe('the pointer file', () => {
  it('is absent at first: null', () => {
    expect(readVaultLocation(dataFolder)).toBeNull();
  });

  it('reads back the path written (the folder made on the way), private to the user', async () => {
    const file = path.join(dir, 'Sync', 'Tessera vault', 'vault.tessera');
    await writeVaultLocation(dataFolder, file);
    expect(readVaultLocation(dataFolder)).toBe(file);
    if (process.platform !== 'win32') expect(statSync(pointerFile()).mode & 0o777).toBe(0o600);
    await writeVaultLocation(dataFolder, null);
    expect(readVaultLocation(dataFolder)).toBeNull();
  });

  it('reads back any absolute .tessera path exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[^\0/\\]{1,20}$/), { minLength: 1, maxLength: 4 }),
        async (parts) => {
          const file = path.join(dir, ...parts.map((p) => (p === '.' || p === '..' ? `_${p}` : p))) + '.tessera';
          await writeVaultLocation(dataFolder, file);
          expect(readVaultLocation(dataFolder)).toBe(file);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses to remember a path that is not an absolute .tessera file, and keeps the one it had', async () => {
    const kept = path.join(dir, 'a', 'vault.tessera');
    await writeVaultLocation(dataFolder, kept);
    for (const bad of [
      'vault.tessera',
      'relative/vault.tessera',
      path.join(dir, 'vault.txt'),
      path.join(dir, '.tessera'),
      '',
    ]) {
      await expect(writeVaultLocation(dataFolder, bad)).rejects.toThrow(/cannot remember/);
    }
    expect(readVaultLocation(dataFolder)).toBe(kept);
  });

  it.each([
    ['not JSON', '{"version": 1, "vault": '],
    ['an array', '[]'],
    ['another version', JSON.stringify({ version: 2, vault: '/a/vault.tessera' })],
    ['no path', JSON.stringify({ version: 1 })],
    ['a relative path', JSON.stringify({ version: 1, vault: 'vault.tessera' })],
    ['another file type', JSON.stringify({ version: 1, vault: '/a/vault.json' })],
    ['a NUL in the path', JSON.stringify({ version: 1, vault: '/a/\u0000/vault.tessera' })],
    ['too large', JSON.stringify({ version: 1, vault: '/a/vault.tessera', pad: 'x'.repeat(20_000) })],
  ])('a damaged pointer (%s) is reported in words, naming the file', (_what, text) => {
    mkdirSync(dataFolder, { recursive: true });
    writeFileSync(pointerFile(), text);
    let thrown: unknown;
    try {
      readVaultLocation(dataFolder);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VaultLocationError);
    const error = thrown as VaultLocationError;
    expect(error.message).toContain(pointerFile());
    expect(error.message).toMatch(/damaged.*Choose the vault file again/);
    expect(error.details).toContain(pointerFile());
  });
});

describe('which vault: --vault, then TESSERA_VAULT, then this computer’s pointer, then the default', () => {
  it('takes the strongest one given, whatever else is set', async () => {
    const pointed = someFile('pointed.tessera');
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.boolean(), fc.boolean(), async (hasOption, hasEnv, hasPointer) => {
        await writeVaultLocation(dataFolder, hasPointer ? pointed : null);
        const found = resolveVaultLocation({
          option: hasOption ? 'opt.tessera' : undefined,
          environment: hasEnv ? 'env.tessera' : undefined,
          dataFolder,
          defaultPath,
          cwd: '/work',
        });
        const expected = hasOption
          ? { path: path.resolve('/work', 'opt.tessera'), source: 'option' }
          : hasEnv
            ? { path: path.resolve('/work', 'env.tessera'), source: 'environment' }
            : hasPointer
              ? { path: pointed, source: 'computer' }
              : { path: defaultPath, source: 'default' };
        expect(found).toEqual({ ...expected, problem: null });
      }),
    );
  });

  it('an empty option or variable counts as not given', async () => {
    const pointed = someFile('pointed.tessera');
    await writeVaultLocation(dataFolder, pointed);
    expect(resolveVaultLocation({ option: '', environment: '', dataFolder, defaultPath }).path).toBe(pointed);
  });

  it('a pointer naming a file that is not there gives that file, never the default, and says so', async () => {
    const gone = path.join(dir, 'usb-stick', 'vault.tessera');
    await writeVaultLocation(dataFolder, gone);
    someFile('default-exists.tessera');
    const found = resolveVaultLocation({ dataFolder, defaultPath });
    expect(found.path).toBe(gone);
    expect(found.source).toBe('computer');
    expect(found.problem).toEqual({
      kind: 'missing',
      message:
        `Tessera's vault was at ${gone}, which is not there now (a drive not connected, or a sync folder not yet ` +
        'synchronised). Connect it, or choose the vault again.',
    });
  });

  it('a damaged pointer gives the default, with the problem in words', () => {
    mkdirSync(dataFolder, { recursive: true });
    writeFileSync(pointerFile(), 'not json');
    const found = resolveVaultLocation({ dataFolder, defaultPath });
    expect(found.path).toBe(defaultPath);
    expect(found.source).toBe('default');
    expect(found.problem?.kind).toBe('damaged');
    expect(found.problem?.message).toContain(pointerFile());
    expect(found.problem?.details).toMatch(/not JSON/);
  });

  it('the option and the variable are used even when the pointer is damaged', () => {
    mkdirSync(dataFolder, { recursive: true });
    writeFileSync(pointerFile(), 'not json');
    expect(resolveVaultLocation({ option: '/x/a.tessera', dataFolder, defaultPath })).toEqual({
      path: path.resolve('/x/a.tessera'),
      source: 'option',
      problem: null,
    });
  });
});

describe('the desktop app’s --vault', () => {
  it.each([
    [['/opt/Tessera/tessera'], undefined],
    [['/opt/Tessera/tessera', '--vault', '/a/v.tessera'], '/a/v.tessera'],
    [['electron', '.', '--vault=/b/v.tessera'], '/b/v.tessera'],
    [['x', '--vault=/a.tessera', '--vault', '/b.tessera'], '/b.tessera'],
    [['x', '--vault'], undefined],
    [['x', '--vault='], undefined],
    [['x', '--vaults=/a.tessera'], undefined],
  ])('%j → %s', (argv, expected) => {
    expect(vaultOptionFromArgv(argv)).toBe(expected);
  });
});
