// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera restore` in-process (harness.ts): merge adds only what the vault lacks; --replace leaves
 * exactly the backup's accounts, adds before it removes, and asks (or wants --yes) before losing
 * accounts; --dry-run and every failure leave the vault file byte for byte as it was; the JSON
 * shape; the backup's password from a file, stdin line 2 or a prompt where Enter means the vault's;
 * and no secret on stdout or stderr unless --json --show-secrets.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeTesseraBackup } from '../../../electron/export';
import { base32Encode } from '../../../electron/otp';
import { KDF_FLOOR, VaultError, type NewVaultEntry } from '../../../electron/vault';
import { VaultSession } from '../../../electron/vault/session';
import {
  copyVault,
  createFixtureVault,
  fixtureEntries,
  HELLO_B32,
  inlineKdf,
  NOW,
  PASSWORD,
  runCli,
  secretForms,
  tempDir,
  type RunOptions,
  type RunResult,
} from './harness';

const BACKUP_PW = 'backup password 42';
const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Two accounts the fixture vault lacks. */
const NEW_ENTRIES: NewVaultEntry[] = [
  {
    type: 'totp',
    algorithm: 'SHA256',
    digits: 6,
    period: 30,
    counter: null,
    secret: ascii('restore-only totp secret'),
    issuer: 'Example',
    account: 'carol',
    tags: ['Work', 'Lab'],
  },
  {
    type: 'hotp',
    algorithm: 'SHA1',
    digits: 6,
    period: null,
    counter: 7,
    secret: ascii('restore-only hotp secret'),
    issuer: 'Lab',
    account: 'door',
  },
];

/** GitHub (renamed since: still a duplicate), Example (new), RFC6238 sha1 (duplicate), Lab (new). */
function backupEntries(): NewVaultEntry[] {
  const f = fixtureEntries();
  const [github, sha1] = [f[5], f[0]];
  if (!github || !sha1) throw new Error('fixture changed');
  return [{ ...github, issuer: 'GitHub renamed' }, NEW_ENTRIES[0]!, sha1, NEW_ENTRIES[1]!];
}
const BACKUP_NAMES = ['GitHub renamed/alice', 'Example/carol', 'RFC6238/sha1', 'Lab/door'];

let dir = '';
let template = '';
let backup = '';
let backupPwFile = '';
let cleanup: () => Promise<void> = async () => undefined;
/** Runs whose output must hold no secret. */
const outputs: RunResult[] = [];

async function makeBackup(name: string, entries: readonly NewVaultEntry[], password = BACKUP_PW): Promise<string> {
  const out = path.join(dir, name);
  await writeTesseraBackup(entries, out, password, { kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW });
  return out;
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = path.join(dir, 'template.tessera');
  await createFixtureVault(template);
  backup = await makeBackup('backup.tessera', backupEntries());
  backupPwFile = path.join(dir, 'backup-pw');
  await writeFile(backupPwFile, `${BACKUP_PW}\n`);
  await chmod(backupPwFile, 0o600);
});
afterAll(() => cleanup());
afterEach(() => vi.restoreAllMocks());

/** `tessera restore ARGV` with the vault password on stdin line 1 and the backup's on line 2. */
async function restore(vault: string, argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const stdinArgs = options.tty ? [] : ['--password-stdin'];
  const r = await runCli(['--vault', vault, ...stdinArgs, 'restore', ...argv], {
    stdin: `${PASSWORD}\n${BACKUP_PW}\n`,
    ...options,
  });
  outputs.push(r);
  return r;
}

async function names(vault: string): Promise<string[]> {
  const r = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], { stdin: `${PASSWORD}\n` });
  return (JSON.parse(r.stdout) as { entries: { issuer: string; account: string }[] }).entries.map(
    (e) => `${e.issuer}/${e.account}`,
  );
}

const FIXTURE_NAMES = fixtureEntries().map((e) => `${e.issuer}/${e.account}`);

describe('tessera restore (merge)', () => {
  it('is listed in the help, after import, with its options', async () => {
    const general = await runCli(['--help']);
    expect(general.stdout).toMatch(/\n {2}import .*\n {2}restore +Restore a Tessera backup/);
    const help = await runCli(['restore', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--replace', '--yes', '--backup-password-file F', '--dry-run', '--json', '--show-secrets']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('adds only the accounts the vault lacks, in one save, and says how many were already there', async () => {
    const vault = await copyVault(template, dir);
    const r = await restore(vault, [backup]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Restored 2 accounts (2 already in the vault).');
    expect(r.stdout).toMatch(/GitHub renamed\s+alice\s+already in the vault/);
    expect(r.stdout).toMatch(/Example\s+carol\s+added/);
    expect(await names(vault)).toEqual([...FIXTURE_NAMES, 'Example/carol', 'Lab/door']);
    // The backup's tags come with its accounts.
    const listed = await runCli(['--vault', vault, '--password-stdin', 'list', '--tag', 'lab', '--json'], {
      stdin: `${PASSWORD}\n`,
    });
    expect((JSON.parse(listed.stdout) as { entries: { tags: string[] }[] }).entries.map((e) => e.tags)).toEqual([
      ['Work', 'Lab'],
    ]);
  });

  it('fails with exit 4, nothing on stdout, when every account is already in the vault', async () => {
    const vault = await copyVault(template, dir);
    expect((await restore(vault, [backup])).code).toBe(0);
    const before = await readFile(vault);
    const again = await restore(vault, [backup]);
    expect(again.code).toBe(4);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/Nothing was restored: every account in the backup is already in the vault/);
    expect(await readFile(vault)).toEqual(before);
  });

  it('--dry-run changes nothing (same bytes) and says what would happen', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const r = await restore(vault, [backup, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Example\s+carol\s+new/);
    expect(r.stdout).toContain('Would restore 2 accounts (2 already in the vault).\nDry run: nothing was changed.');
    expect(await readFile(vault)).toEqual(before);
  });

  it('--dry-run --json: the stable shape, no secret', async () => {
    const vault = await copyVault(template, dir);
    const r = await restore(vault, [backup, '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['mode', 'add', 'remove', 'duplicates', 'lost']);
    expect(out).toEqual({
      mode: 'merge',
      add: [
        {
          type: 'totp',
          issuer: 'Example',
          account: 'carol',
          algorithm: 'SHA256',
          digits: 6,
          period: 30,
          counter: null,
          tags: ['Work', 'Lab'],
        },
        {
          type: 'hotp',
          issuer: 'Lab',
          account: 'door',
          algorithm: 'SHA1',
          digits: 6,
          period: null,
          counter: 7,
          tags: [],
        },
      ],
      remove: [],
      duplicates: 2,
      lost: 0,
    });
    expect(r.stdout).not.toMatch(/secret/i);
  });

  it('--json without --dry-run adds the counts after mode; --show-secrets adds base32 secrets', async () => {
    const vault = await copyVault(template, dir);
    const r = await runCli(['--vault', vault, '--password-stdin', 'restore', backup, '--json', '--show-secrets'], {
      stdin: `${PASSWORD}\n${BACKUP_PW}\n`,
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { add: { secret: string }[] };
    expect(Object.keys(out)).toEqual(['mode', 'added', 'removed', 'add', 'remove', 'duplicates', 'lost']);
    expect(out).toMatchObject({ mode: 'merge', added: 2, removed: 0 });
    expect(out.add.map((e) => e.secret)).toEqual(NEW_ENTRIES.map((e) => base32Encode(e.secret)));
    const bad = await restore(vault, [backup, '--dry-run', '--show-secrets']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--show-secrets needs --json/);
  });

  it('refuses an empty backup with exit 4 and changes nothing', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const empty = await makeBackup('empty.tessera', []);
    const r = await restore(vault, [empty, '--replace', '--yes']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/holds no accounts; nothing was changed/);
    expect(await readFile(vault)).toEqual(before);
  });
});

describe('tessera restore --replace', () => {
  it('leaves exactly the backup’s accounts, in the backup’s order, with --yes', async () => {
    const vault = await copyVault(template, dir);
    const r = await restore(vault, [backup, '--replace', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Replaced 6 accounts with 4 from the backup.');
    expect(r.stdout).toMatch(/Not in the backup \(removed\):\n {2}RFC6238 \(sha256\)\n/);
    expect(await names(vault)).toEqual(BACKUP_NAMES);
  });

  it('without --yes off a terminal: refuses (exit 1) and changes nothing', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const r = await restore(vault, [backup, '--replace']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /--replace would remove 4 accounts that are not in the backup \(see --dry-run\); add --yes to confirm\./,
    );
    expect(await readFile(vault)).toEqual(before);
  });

  it('needs no confirmation when every current account is in the backup', async () => {
    const vault = await copyVault(template, dir);
    const superset = await makeBackup('superset.tessera', [...fixtureEntries().reverse(), ...NEW_ENTRIES]);
    const r = await restore(vault, [superset, '--replace']);
    expect(r.code).toBe(0);
    expect(await names(vault)).toEqual([...[...FIXTURE_NAMES].reverse(), 'Example/carol', 'Lab/door']);
  });

  it('asks on a terminal: "n" cancels (exit 130, same bytes), "y" replaces', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const no = await restore(vault, [backup, '--replace'], { tty: [`${PASSWORD}\r`, `${BACKUP_PW}\r`, 'n\n'] });
    expect(no.code).toBe(130);
    expect(no.stderr).toContain('Not in the backup (would be removed):\n  RFC6238 (sha256)\n');
    expect(no.stderr).toContain('Replace 6 accounts with 4 from the backup? [y/N] ');
    expect(await readFile(vault)).toEqual(before);
    const yes = await restore(vault, [backup, '--replace'], { tty: [`${PASSWORD}\r`, `${BACKUP_PW}\r`, 'y\n'] });
    expect(yes.code).toBe(0);
    expect(await names(vault)).toEqual(BACKUP_NAMES);
  });

  it('--dry-run --json lists what would be removed, with ids, and changes nothing', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const r = await restore(vault, [backup, '--replace', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { mode: string; add: unknown[]; remove: Record<string, unknown>[] };
    expect(out).toMatchObject({ mode: 'replace', duplicates: 0, lost: 4 });
    expect(out.add).toHaveLength(4);
    expect(out.remove.map((e) => `${String(e.issuer)}/${String(e.account)}`)).toEqual(FIXTURE_NAMES);
    expect(Object.keys(out.remove[0] ?? {})).toEqual([
      'id',
      'type',
      'issuer',
      'account',
      'algorithm',
      'digits',
      'period',
      'counter',
      'tags',
    ]);
    expect(await readFile(vault)).toEqual(before);
  });

  it('adds before it removes: when removing fails, every account is still there (exit 5)', async () => {
    const vault = await copyVault(template, dir);
    vi.spyOn(VaultSession.prototype, 'removeMany').mockRejectedValueOnce(new VaultError('io', 'Disk full.'));
    const r = await restore(vault, [backup, '--replace', '--yes']);
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/accounts were added, but the previous ones could not be removed: Disk full\./);
    expect(r.stderr).toMatch(/No account was lost/);
    expect(await names(vault)).toEqual([...FIXTURE_NAMES, ...BACKUP_NAMES]);
    vi.restoreAllMocks();
    const again = await restore(vault, [backup, '--replace', '--yes']);
    expect(again.code).toBe(0);
    expect(await names(vault)).toEqual(BACKUP_NAMES);
  });

  it('when adding fails, nothing changes (same bytes)', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const add = vi.spyOn(VaultSession.prototype, 'add').mockRejectedValueOnce(new VaultError('io', 'Disk full.'));
    const remove = vi.spyOn(VaultSession.prototype, 'removeMany');
    const r = await restore(vault, [backup, '--replace', '--yes']);
    expect(r.code).toBe(5);
    expect(add).toHaveBeenCalledOnce();
    expect(remove).not.toHaveBeenCalled();
    expect(await readFile(vault)).toEqual(before);
  });
});

describe('tessera restore: passwords and bad files', () => {
  it('reads the backup password from --backup-password-file', async () => {
    const vault = await copyVault(template, dir);
    const r = await runCli(
      ['--vault', vault, '--password-stdin', 'restore', backup, '--backup-password-file', backupPwFile],
      { stdin: `${PASSWORD}\n` },
    );
    outputs.push(r);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Restored 2 accounts');
  });

  it('a wrong backup password: exit 2, the backup named, the vault unchanged', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const r = await restore(vault, [backup], { stdin: `${PASSWORD}\nnot the backup password\n` });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("The backup's password is wrong (or the file was modified).");
    expect(await readFile(vault)).toEqual(before);
  });

  it('a wrong vault password is reported as the vault’s, not the backup’s', async () => {
    const vault = await copyVault(template, dir);
    const r = await restore(vault, [backup], { stdin: `wrong vault password\n${BACKUP_PW}\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/The password is wrong/);
    expect(r.stderr).not.toContain("The backup's password");
  });

  it('on a terminal, Enter at the backup prompt means the vault password (automatic backups)', async () => {
    const vault = await copyVault(template, dir);
    const auto = await makeBackup('tessera-backup-20240101-000000.tessera', NEW_ENTRIES, PASSWORD);
    const r = await restore(vault, [auto], { tty: [`${PASSWORD}\r`, '\r'] });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Backup password (Enter for the vault password): ');
    expect(r.stdout).toContain('Restored 2 accounts.');
    expect(r.rawMode).toEqual([true, false, true, false]);
    const other = await copyVault(template, dir);
    const wrong = await restore(other, [backup], { tty: [`${PASSWORD}\r`, '\r'] });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/password is wrong.*It is not the vault's password/);
  });

  it('--password-stdin without line 2 is a usage error naming the backup password', async () => {
    const vault = await copyVault(template, dir);
    const r = await restore(vault, [backup], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/expected the backup's password on line 2/);
  });

  it('another app’s export is pointed to `tessera import` (exit 3), before any password', async () => {
    const vault = await copyVault(template, dir);
    const aegis = path.join(dir, 'aegis-plain.json');
    const exported = await runCli(
      ['--vault', vault, '--password-stdin', 'export', '--format', 'aegis-plain', '--out', aegis],
      { stdin: `${PASSWORD}\n` },
    );
    expect(exported.code).toBe(0);
    const r = await restore(vault, [aegis], { stdin: '' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /is not a Tessera backup\. It looks like an export of Aegis: add its accounts with 'tessera import .*aegis-plain\.json'/,
    );
    const text = path.join(dir, 'notes.txt');
    await writeFile(text, 'hello\n');
    const other = await restore(vault, [text], { stdin: '' });
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(
      /not a Tessera backup\. To add the accounts of another app's export, use 'tessera import FILE'/,
    );
  });

  it('a truncated backup is refused as damaged (exit 3): a cut header before any password', async () => {
    const vault = await copyVault(template, dir);
    const before = await readFile(vault);
    const bytes = await readFile(backup);
    const headerCut = path.join(dir, 'header-cut.tessera');
    await writeFile(headerCut, bytes.subarray(0, 40));
    const early = await restore(vault, [headerCut], { stdin: '' });
    expect(early.code).toBe(3);
    expect(early.stderr).toContain('header-cut.tessera is damaged or truncated; it cannot be restored.');
    // A cut payload is only found when it does not decrypt: the password was right, so it is damaged too.
    const half = path.join(dir, 'half.tessera');
    await writeFile(half, bytes.subarray(0, bytes.length - 20));
    const late = await restore(vault, [half]);
    expect(late.code).toBe(3);
    expect(late.stderr).toContain('half.tessera is damaged or truncated (its password is right)');
    expect(await readFile(vault)).toEqual(before);
  });

  it('a backup from a newer Tessera asks for an update (exit 3)', async () => {
    const vault = await copyVault(template, dir);
    const bytes = Buffer.from(await readFile(backup));
    bytes.writeUInt16LE(99, 8);
    const file = path.join(dir, 'newer.tessera');
    await writeFile(file, bytes);
    const r = await restore(vault, [file], { stdin: '' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/written by a newer version of Tessera; update Tessera/);
  });

  it('a missing backup file: exit 4', async () => {
    const vault = await copyVault(template, dir);
    const r = await restore(vault, [path.join(dir, 'nope.tessera')]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/No file at/);
  });

  it('prints no secret without --json --show-secrets', () => {
    const forms = [...secretForms(), HELLO_B32];
    for (const e of NEW_ENTRIES) {
      const b32 = base32Encode(e.secret);
      forms.push(b32, b32.replace(/=+$/, ''), Buffer.from(e.secret).toString('latin1'));
    }
    const all = outputs.map((r) => r.stdout + r.stderr).join('\n');
    expect(outputs.length).toBeGreaterThan(15);
    for (const form of forms) expect(all).not.toContain(form);
  });
});
