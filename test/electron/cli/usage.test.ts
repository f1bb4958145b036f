// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera code` counts the codes it shows in the desktop app's usage.json on this computer (never
 * the vault), and `tessera list --sort` orders by the app's one rule (favourites first), printing
 * each account's use in `--json`.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsageStore, parseUsageFile, USAGE_FILE_NAME } from '../../../electron/services/usage-store';
import { inspectVault, KDF_FLOOR, unlockVault } from '../../../electron/vault';
import { appUsagePath } from '../../../electron/cli/usage';
import { copyVault, createFixtureVault, inlineKdf, NOW, PASSWORD, runCli, tempDir, type RunResult } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let template: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = path.join(dir, 'template.tessera');
  await createFixtureVault(template);
});
afterAll(() => cleanup());

let configs = 0;
/** A fresh `$XDG_CONFIG_HOME` whose Tessera folder exists (or not); the env and the usage file. */
function appData(made = true): { env: Record<string, string>; file: string } {
  const config = path.join(dir, `config-${++configs}`);
  if (made) mkdirSync(path.join(config, 'Tessera'), { recursive: true });
  return { env: { XDG_CONFIG_HOME: config }, file: path.join(config, 'Tessera', USAGE_FILE_NAME) };
}

function tessera(vault: string, env: Record<string, string>, ...argv: string[]): Promise<RunResult> {
  return runCli(['--vault', vault, '--password-stdin', ...argv], { stdin: `${PASSWORD}\n`, env });
}

interface Listed {
  id: string;
  issuer: string;
  account: string;
  favourite: boolean;
  usage: { count: number; lastUsed: number } | null;
}

async function list(vault: string, env: Record<string, string>, ...argv: string[]): Promise<Listed[]> {
  const r = await tessera(vault, env, 'list', '--json', ...argv);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { entries: Listed[] }).entries;
}

const label = (e: Listed): string => `${e.issuer}:${e.account}`;

describe('tessera code counts a use', () => {
  it('of each code it shows, in usage.json in the app data folder, keyed by the vault’s id', async () => {
    const vault = await copyVault(template, dir);
    const { env, file } = appData();
    const bytes = readFileSync(vault);
    expect((await tessera(vault, env, 'code', 'GitHub')).code).toBe(0);
    expect((await tessera(vault, env, 'code', 'rfc6238')).code).toBe(0);
    expect((await tessera(vault, env, 'code', 'github')).code).toBe(0);
    const { vaultId } = await inspectVault(vault);
    const byLabel = Object.fromEntries((await list(vault, env)).map((e) => [label(e), e.usage]));
    expect(byLabel).toEqual({
      'GitHub:alice': { count: 2, lastUsed: NOW },
      'RFC6238:sha1': { count: 1, lastUsed: NOW },
      'RFC6238:sha256': { count: 1, lastUsed: NOW },
      'RFC6238:sha512': { count: 1, lastUsed: NOW },
      'RFC4226:hotp': null,
      'Steam:gaben': null,
    });
    expect(Object.keys(parseUsageFile(readFileSync(file, 'utf8')))).toEqual([vaultId]);
    // The vault itself did not change: counting is no save.
    expect(readFileSync(vault).equals(bytes)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('with this computer’s clock, for HOTP too; not for codes shown --at another instant', async () => {
    const vault = await copyVault(template, dir);
    const { env } = appData();
    await runCli(['--vault', vault, '--password-stdin', 'code', 'RFC4226'], {
      stdin: `${PASSWORD}\n`,
      env,
      now: NOW + 5,
    });
    await tessera(vault, env, 'code', 'GitHub', '--at', '59000');
    const used = (await list(vault, env)).filter((e) => e.usage !== null);
    expect(used.map((e) => [label(e), e.usage])).toEqual([['RFC4226:hotp', { count: 1, lastUsed: NOW + 5 }]]);
  });

  it('only where the app data folder exists, and says nothing either way', async () => {
    const vault = await copyVault(template, dir);
    const { env, file } = appData(false);
    const r = await tessera(vault, env, 'code', 'GitHub');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(path.dirname(file))).toBe(false);
    expect((await list(vault, env)).every((e) => e.usage === null)).toBe(true);
  });

  it('starts again over a damaged usage.json', async () => {
    const vault = await copyVault(template, dir);
    const { env, file } = appData();
    writeFileSync(file, '{"version":1,"vaults":{"x":');
    expect((await list(vault, env)).every((e) => e.usage === null)).toBe(true);
    const r = await tessera(vault, env, 'code', 'GitHub');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((await list(vault, env)).find((e) => e.issuer === 'GitHub')?.usage).toEqual({ count: 1, lastUsed: NOW });
  });
});

describe('tessera list --sort', () => {
  /** A vault whose Steam account is a favourite, with uses counted as the desktop app counts them. */
  async function sortedVault(): Promise<{ vault: string; env: Record<string, string> }> {
    const vault = await copyVault(template, dir);
    const open = await unlockVault({ path: vault, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW }, PASSWORD);
    const ids = Object.fromEntries(open.entries().map((e) => [`${e.issuer}:${e.account}`, e.id]));
    await open.update(ids['Steam:gaben']!, { favourite: true });
    const live = open.entries().map((e) => e.id);
    open.lock();
    const { env } = appData();
    const { vaultId } = await inspectVault(vault);
    let now = 0;
    const store = createUsageStore({
      path: appUsagePath({ platform: 'linux', env, homedir: '/nowhere' }),
      now: () => now,
    });
    // sha512 used 3 times long ago, hotp twice lately, GitHub once, latest of all.
    for (const [key, at] of [
      ['RFC6238:sha512', 10],
      ['RFC6238:sha512', 11],
      ['RFC6238:sha512', 12],
      ['RFC4226:hotp', 50],
      ['RFC4226:hotp', 60],
      ['GitHub:alice', 70],
    ] as const) {
      now = at;
      await store.record(vaultId, [ids[key]!], live);
    }
    return { vault, env };
  }

  it.each([
    [[], ['Steam:gaben', 'RFC6238:sha1', 'RFC6238:sha256', 'RFC6238:sha512', 'RFC4226:hotp', 'GitHub:alice']],
    [
      ['--sort', 'manual'],
      ['Steam:gaben', 'RFC6238:sha1', 'RFC6238:sha256', 'RFC6238:sha512', 'RFC4226:hotp', 'GitHub:alice'],
    ],
    [
      ['--sort', 'issuer'],
      ['Steam:gaben', 'GitHub:alice', 'RFC4226:hotp', 'RFC6238:sha1', 'RFC6238:sha256', 'RFC6238:sha512'],
    ],
    [
      ['--sort', 'account'],
      ['Steam:gaben', 'GitHub:alice', 'RFC4226:hotp', 'RFC6238:sha1', 'RFC6238:sha256', 'RFC6238:sha512'],
    ],
    [
      ['--sort', 'usage'],
      ['Steam:gaben', 'RFC6238:sha512', 'RFC4226:hotp', 'GitHub:alice', 'RFC6238:sha1', 'RFC6238:sha256'],
    ],
    [
      ['--sort', 'RECENT'],
      ['Steam:gaben', 'GitHub:alice', 'RFC4226:hotp', 'RFC6238:sha512', 'RFC6238:sha1', 'RFC6238:sha256'],
    ],
  ])('%j: favourites first, then the order’s rule', async (argv, expected) => {
    const { vault, env } = await sortedVault();
    const entries = await list(vault, env, ...argv);
    expect(entries.map(label)).toEqual(expected);
    expect(entries[0]).toMatchObject({ favourite: true, usage: null });
    expect(entries.find((e) => e.issuer === 'GitHub')?.usage).toEqual({ count: 1, lastUsed: 70 });
    // The table follows the same order.
    const table = await tessera(vault, env, 'list', ...argv);
    const rows = table.stdout.trimEnd().split('\n').slice(1);
    expect(
      rows.map((row) =>
        row
          .split(/\s{2,}/)
          .slice(2, 4)
          .join(':'),
      ),
    ).toEqual(expected);
  });

  it('refuses an unknown order before asking for the password', async () => {
    const vault = await copyVault(template, dir);
    const r = await runCli(['--vault', vault, 'list', '--sort', 'popular'], { tty: [] });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Unknown --sort 'popular'. Orders: manual, issuer, account, usage, recent.");
    expect(r.stderr).not.toMatch(/password/i);
    expect(r.stdout).toBe('');
  });
});
