// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Conflict copies in the CLI (issue #18): a command that opens the vault first merges the copies a
 * sync tool left beside it and moves them to the backups folder (the app's on this computer, else
 * its default in this computer's data folder, never beside the vault), with one line on stderr; `tessera info` says what it found; a dry
 * run changes nothing.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KDF_FLOOR, unlockVault, type UnlockedVault } from '../../../electron/vault';
import { fixtureEntries, inlineKdf, NOW, PASSWORD, runCli, useTemplateVault } from './harness';

const made = useTemplateVault();
const DROPBOX = "vault (DESKTOP-ABC's conflicted copy 2026-12-05).tessera";
const SYNCTHING = 'vault.sync-conflict-20261205-101010-ABCDEF1.tessera';

let folder: string;
let vault: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(made.dir, 'synced-'));
  vault = path.join(folder, 'vault.tessera');
  await copyFile(made.template, vault);
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** A copy of the vault edited on "another computer", left beside it as `name`, an hour old. */
async function conflictCopy(name: string, edit: (other: UnlockedVault) => Promise<unknown>): Promise<string> {
  const there = path.join(folder, '..', `${path.basename(folder)}-elsewhere.tessera`);
  await copyFile(vault, there);
  const other = await unlockVault(
    { path: there, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW + 60_000 },
    PASSWORD,
  );
  try {
    await edit(other);
  } finally {
    other.lock();
  }
  const file = path.join(folder, name);
  await copyFile(there, file);
  await rm(there);
  const hourAgo = new Date(Date.now() - 3_600_000);
  await utimes(file, hourAgo, hourAgo);
  return file;
}

const addAccount = (account: string) => (other: UnlockedVault) =>
  other.add([{ ...fixtureEntries()[5]!, issuer: 'Elsewhere', account }]);

function tessera(argv: readonly string[], env: Record<string, string> = {}) {
  return runCli(['--vault', vault, '--password-stdin', ...argv], { stdin: `${PASSWORD}\n`, env });
}

describe('conflict copies in the CLI', () => {
  it('`tessera list` merges a copy beside the vault first, says so on stderr and moves it to the backups folder', async () => {
    await conflictCopy(DROPBOX, addAccount('from-desktop'));
    // This computer's data folder (XDG_CONFIG_HOME/Tessera): its default backups folder is there.
    const config = path.join(folder, '..', `${path.basename(folder)}-config`);
    const env = { XDG_CONFIG_HOME: config };
    const r = await tessera(['list', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const backups = path.join(config, 'Tessera', 'backups');
    expect(r.stderr).toBe(`Merged 1 conflict copy from DESKTOP-ABC (moved to ${backups}).\n`);
    const accounts = (JSON.parse(r.stdout) as { entries: { account: string }[] }).entries.map((e) => e.account);
    expect(accounts).toContain('from-desktop');
    expect(await readdir(folder)).not.toContain(DROPBOX);
    expect(await readdir(backups)).toEqual([DROPBOX]);

    // The next command finds nothing and says nothing.
    const again = await tessera(['list'], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('moves merged copies to the app’s backups folder on this computer when one is set', async () => {
    const config = path.join(folder, 'config');
    const chosen = path.join(folder, 'elsewhere-backups');
    await mkdir(path.join(config, 'Tessera'), { recursive: true });
    await writeFile(
      path.join(config, 'Tessera', 'settings.json'),
      JSON.stringify({ version: 1, backupFolder: chosen }),
    );
    await conflictCopy(SYNCTHING, addAccount('x'));
    const r = await tessera(['code', 'GitHub'], { XDG_CONFIG_HOME: config });
    expect(r.code, r.stderr).toBe(0);
    // Syncthing names the device whose change won, not where the copy came from: no "from".
    expect(r.stderr).toBe(`Merged 1 conflict copy (moved to ${chosen}).\n`);
    expect(await readdir(chosen)).toEqual([SYNCTHING]);
  });

  it('`tessera info` prints what it found: merged, needing a password, other vaults', async () => {
    await conflictCopy(DROPBOX, addAccount('merged-by-info'));
    await conflictCopy(SYNCTHING, (other) => other.changePassword(PASSWORD, 'another password entirely'));
    const r = await tessera(['info']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /Sync conflicts: +1 merged \(moved to the backups folder\); need their password: vault\.sync-conflict-20261205-101010-ABCDEF1\.tessera\n/,
    );
    expect(r.stderr).toContain(`${SYNCTHING} is a copy of this vault saved with another password`);

    const json = await tessera(['info', '--json']);
    expect(JSON.parse(json.stdout).conflictCopies).toEqual({
      merged: [],
      needPassword: [SYNCTHING],
      otherVaults: [],
      failed: [],
    });
  });

  it('`tessera info` says so when there is nothing', async () => {
    const r = await tessera(['info']);
    expect(r.stdout).toMatch(/Sync conflicts: +none found\n/);
    expect(r.stderr).toBe('');
  });

  it('`tessera import --dry-run` changes nothing, conflict copies included', async () => {
    const copy = await conflictCopy(DROPBOX, addAccount('untouched'));
    const links = path.join(folder, 'links.txt');
    await writeFile(links, 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n');
    const r = await tessera(['import', links, '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/Merged/);
    expect(await readdir(folder)).toContain(path.basename(copy));
  });
});
