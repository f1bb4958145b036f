// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { defaultVaultPath, resolveVaultPath } from '../../../electron/cli/paths';
import { VAULT_FILE_NAME } from '../../../electron/domain';
import { findEntries, shortId } from '../../../electron/cli/query';

describe('defaultVaultPath: the desktop app’s userData folder + vault.tessera', () => {
  it.each([
    ['linux', {}, '/home/ann', '/home/ann/.config/Tessera/vault.tessera'],
    ['linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/ann', '/data/cfg/Tessera/vault.tessera'],
    ['linux', { XDG_CONFIG_HOME: '' }, '/home/ann', '/home/ann/.config/Tessera/vault.tessera'],
    ['freebsd', {}, '/home/ann', '/home/ann/.config/Tessera/vault.tessera'],
    [
      'darwin',
      { XDG_CONFIG_HOME: '/ignored' },
      '/Users/ann',
      '/Users/ann/Library/Application Support/Tessera/vault.tessera',
    ],
    [
      'win32',
      { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' },
      'C:\\Users\\ann',
      'C:\\Users\\ann\\AppData\\Roaming\\Tessera\\vault.tessera',
    ],
    ['win32', {}, 'C:\\Users\\ann', 'C:\\Users\\ann\\AppData\\Roaming\\Tessera\\vault.tessera'],
  ] as const)('%s %j', (platform, env, homedir, expected) => {
    expect(defaultVaultPath({ platform, env, homedir })).toBe(expected);
  });

  it('the file name the desktop app uses too', () => {
    expect(VAULT_FILE_NAME).toBe('vault.tessera');
  });

  it('--vault beats TESSERA_VAULT beats the default; relative paths resolve against the cwd', () => {
    const ctx = { platform: 'linux' as const, env: { TESSERA_VAULT: 'env.tessera' }, homedir: '/h' };
    expect(resolveVaultPath('flag.tessera', ctx, '/work')).toBe('/work/flag.tessera');
    expect(resolveVaultPath(undefined, ctx, '/work')).toBe('/work/env.tessera');
    expect(resolveVaultPath(undefined, { ...ctx, env: {} }, '/work')).toBe('/h/.config/Tessera/vault.tessera');
  });
});

describe('findEntries', () => {
  const entries = [
    { id: '0a1b2c3d-0000-4000-8000-000000000001', issuer: 'GitHub', account: 'alice' },
    { id: '0a1b2c3d-0000-4000-8000-000000000002', issuer: 'GitHub', account: 'bob' },
    { id: 'ffeeddcc-0000-4000-8000-000000000003', issuer: 'GitHub Enterprise', account: 'alice' },
    { id: 'beefbeef-0000-4000-8000-000000000004', issuer: '', account: 'beef' },
  ];
  const ids = (q: string) => findEntries(entries, q).map((e) => e.id.slice(-1));

  it.each([
    ['github', ['1', '2']],
    ['GITHUB:ALICE', ['1']],
    ['alice', ['1', '3']],
    ['enterprise', ['3']],
    ['hub', ['1', '2', '3']],
    ['ffeeddcc', ['3']],
    ['0a1b2c3d', ['1', '2']],
    ['0a1b2c3d-0000-4000-8000-000000000002', ['2']],
    ['beef', ['4']],
    ['nothing', []],
    ['   ', []],
  ])('%s → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('short ids are 8 characters', () => {
    expect(shortId(entries[0]!.id)).toBe('0a1b2c3d');
  });
});
