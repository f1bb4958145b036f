// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The CLI finds a moved vault the way the app does: --vault, then TESSERA_VAULT, then this
 * computer's setting (vault-location.json in the app's data folder, the folder Electron calls
 * userData), then the default; `tessera info` says which folder and why. A damaged setting is said
 * and the default used; a setting naming a file that is not there is said, never replaced by the
 * default or by a hint to make a new vault.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDataFolder } from '../../../electron/cli/paths';
import { writeVaultLocation } from '../../../electron/services/vault-location';
import { createFixtureVault, PASSWORD, runCli, tempDir } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let template: string;
let n = 0;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = path.join(dir, 'template.tessera');
  await createFixtureVault(template);
});
afterAll(() => cleanup());

/** A fresh computer: its own config folder (XDG_CONFIG_HOME), so its own app data folder. */
async function computer() {
  n += 1;
  const config = path.join(dir, `config-${n}`);
  const env = { XDG_CONFIG_HOME: config };
  const data = appDataFolder({ platform: 'linux', env, homedir: '/nonexistent-home' });
  await mkdir(data, { recursive: true });
  const sync = path.join(dir, `sync-${n}`);
  await mkdir(sync);
  return { env, data, sync };
}

const info = (argv: readonly string[], env: Record<string, string>) =>
  runCli(['info', '--json', '--password-stdin', ...argv], { stdin: `${PASSWORD}\n`, env });

describe('which vault the CLI opens', () => {
  it('the app data folder is Electron’s userData: $XDG_CONFIG_HOME/Tessera', async () => {
    const { data, env } = await computer();
    expect(data).toBe(path.join(env.XDG_CONFIG_HOME, 'Tessera'));
  });

  it('this computer’s setting, when the app moved the vault; info names the folder and the setting', async () => {
    const { env, data, sync } = await computer();
    const moved = path.join(sync, 'vault.tessera');
    await copyFile(template, moved);
    await writeVaultLocation(data, moved);
    const json = await info([], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ path: moved, folder: sync, locationSource: 'computer' });
    const text = await runCli(['info', '--password-stdin'], { stdin: `${PASSWORD}\n`, env });
    expect(text.stdout).toMatch(new RegExp(`Vault folder: +${escape(sync)}\\n`));
    expect(text.stdout).toMatch(
      new RegExp(`Found through: +this computer's setting \\(${escape(path.join(data, 'vault-location.json'))}\\)\\n`),
    );
  });

  it('TESSERA_VAULT beats the setting, and --vault beats both', async () => {
    const { env, data, sync } = await computer();
    // Each in a folder of its own: copies of one vault side by side would be taken for conflict copies.
    const pointed = path.join(sync, 'pointed', 'vault.tessera');
    const fromEnv = path.join(sync, 'env', 'env.tessera');
    const fromFlag = path.join(sync, 'flag', 'flag.tessera');
    for (const file of [pointed, fromEnv, fromFlag]) {
      await mkdir(path.dirname(file));
      await copyFile(template, file);
    }
    await writeVaultLocation(data, pointed);
    const withEnv = { ...env, TESSERA_VAULT: fromEnv };
    expect(JSON.parse((await info([], withEnv)).stdout)).toMatchObject({
      path: fromEnv,
      locationSource: 'environment',
    });
    expect(JSON.parse((await info(['--vault', fromFlag], withEnv)).stdout)).toMatchObject({
      path: fromFlag,
      locationSource: 'option',
    });
  });

  it('no setting: the default file in the app data folder', async () => {
    const { env, data } = await computer();
    await copyFile(template, path.join(data, 'vault.tessera'));
    const r = await info([], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: path.join(data, 'vault.tessera'), locationSource: 'default' });
    const text = await runCli(['info', '--password-stdin'], { stdin: `${PASSWORD}\n`, env });
    expect(text.stdout).toMatch(/Found through: +the default: the desktop app's data folder\n/);
  });

  it('a damaged setting is said on stderr, and the default is used', async () => {
    const { env, data } = await computer();
    await copyFile(template, path.join(data, 'vault.tessera'));
    await writeFile(path.join(data, 'vault-location.json'), '{"version":1,"vault":');
    const r = await info([], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      `tessera: warning: This computer's record of where the vault is (${path.join(data, 'vault-location.json')}) is damaged`,
    );
    expect(r.stderr).toContain(`This run uses ${path.join(data, 'vault.tessera')}.`);
    expect(JSON.parse(r.stdout)).toMatchObject({ path: path.join(data, 'vault.tessera') });
  });

  it('a setting naming a file that is not there: exit 4, said in words, never the default', async () => {
    const { env, data, sync } = await computer();
    // A vault at the default too: it must not be opened instead.
    await copyFile(template, path.join(data, 'vault.tessera'));
    const gone = path.join(sync, 'not-yet-synchronised', 'vault.tessera');
    await writeVaultLocation(data, gone);
    const r = await runCli(['list', '--password-stdin'], { stdin: `${PASSWORD}\n`, env });
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      `tessera: Tessera's vault was at ${gone}, which is not there now (a drive not connected, or a sync folder not ` +
        'yet synchronised). Connect it, or pass --vault FILE (the app can choose the vault again).\n',
    );
    expect(r.stdout).toBe('');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
