// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export to KeePassXC (electron/export/keepass.ts): Tessera's importer reads the export back exactly
 * (the real export with its fixed Argon2id, and random vaults through the same database with a cheap
 * KDF), every file has fresh seeds, and — when keepassxc-cli is installed — KeePassXC itself opens
 * the file, holds each account's link in its `otp` attribute and computes the same TOTP and Steam
 * codes as Tessera.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportEntry } from '../../../electron/export';
import { exportKeePass, KEEPASS_EXPORT_KDF, keePassDatabase, keePassXcLink } from '../../../electron/export/keepass';
import { keePassTagProblem } from '../../../electron/services/export-formats';
import { importFile, type ImportedEntry } from '../../../electron/import';
import { readHeader, writeKdbx } from '../../../electron/kdbx';
import { base32Decode, generateCode } from '../../../electron/otp';
import { full, vaultArb } from './arbitraries';

const PASSWORD = 'export pässword';

const secret = (text: string): Uint8Array => base32Decode(text);

const VAULT: ExportEntry[] = [
  {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: secret('JBSWY3DPEHPK3PXP'),
    issuer: 'Example',
    account: 'alice@example.com',
    tags: [],
    notes: 'two\nlines & <markup>',
    favourite: true,
  },
  {
    type: 'totp',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
    counter: null,
    secret: secret('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    issuer: 'Ünïcødé 例え',
    account: 'zoë',
    tags: ['Work', 'Side project'],
    notes: '',
    favourite: false,
  },
  {
    type: 'steam',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: null,
    secret: secret('BWH4XEUL3EQCOWV2AFM7AK2YDU3R6HTP'),
    issuer: 'Steam',
    account: 'gamer',
    tags: ['Games'],
    notes: 'Steam Guard',
    favourite: false,
  },
  {
    type: 'hotp',
    algorithm: 'SHA256',
    digits: 7,
    period: null,
    counter: 41,
    secret: secret('AABSRDLYPKG4233QEVYR3MPBC5ONYYPG'),
    issuer: '',
    account: 'no-issuer',
    tags: ['Work'],
    notes: '',
    favourite: true,
  },
];

/** An imported entry in the exporter's input shape, for `full()`. */
function asExport(e: ImportedEntry): ExportEntry {
  return {
    type: e.type,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
    secret: e.secret,
    issuer: e.issuer,
    account: e.account,
    tags: e.tags ?? [],
    notes: e.notes ?? '',
    favourite: e.favourite ?? false,
  };
}

const sorted = (list: readonly ExportEntry[]): string[] => list.map(full).sort();

describe('KeePass export', () => {
  it('Tessera reads the real export back exactly (Argon2id 64 MiB, AES-256)', async () => {
    const bytes = await exportKeePass(VAULT, PASSWORD);
    const header = readHeader(bytes);
    expect(header.kdf).toMatchObject({ kind: 'argon2id', memoryBytes: 64n << 20n, parallelism: 2 });
    expect(KEEPASS_EXPORT_KDF).toMatchObject({ kind: 'argon2id', memoryBytes: 64 << 20, parallelism: 2 });
    const result = await importFile(bytes, { password: PASSWORD });
    expect(result.variant).toBe('KDBX 4.0 (Argon2id, AES-256)');
    expect(result.skipped).toEqual([]);
    expect(sorted(result.entries.map(asExport))).toEqual(sorted(VAULT));
    // Root entries first, then one group per first tag in first-seen order; every tag in <Tags>.
    expect(result.entries.map((e) => e.tags ?? [])).toEqual([[], ['Work', 'Side project'], ['Work'], ['Games']]);
  });

  it('fresh seeds, IVs and salts every time', async () => {
    const [a, b] = await Promise.all([
      exportKeePass(VAULT.slice(0, 1), PASSWORD),
      exportKeePass(VAULT.slice(0, 1), PASSWORD),
    ]);
    const ha = readHeader(a);
    const hb = readHeader(b);
    expect(Buffer.from(ha.masterSeed).equals(Buffer.from(hb.masterSeed))).toBe(false);
    expect(Buffer.from(ha.encryptionIv).equals(Buffer.from(hb.encryptionIv))).toBe(false);
    expect(
      ha.kdf.kind !== 'aes-kdf' &&
        hb.kdf.kind !== 'aes-kdf' &&
        Buffer.from(ha.kdf.salt).equals(Buffer.from(hb.kdf.salt)),
    ).toBe(false);
  });

  it('random vaults read back exactly through the exported database (fast-check, cheap KDF)', async () => {
    await fc.assert(
      fc.asyncProperty(vaultArb, async (vault) => {
        const bytes = await writeKdbx(keePassDatabase(vault), {
          password: PASSWORD,
          kdf: { kind: 'aes-kdf', rounds: 1 },
          cipher: 'aes256',
        });
        const result = await importFile(bytes, { password: PASSWORD });
        expect(result.skipped).toEqual([]);
        expect(sorted(result.entries.map(asExport))).toEqual(sorted(vault));
      }),
      { numRuns: 50 },
    );
  });

  it('Steam is written as KeePassXC writes it; HOTP keeps its counter in the link', () => {
    expect(keePassXcLink(VAULT[2]!)).toMatch(/^otpauth:\/\/totp\/Steam:gamer\?.*digits=5.*&encoder=steam$/);
    expect(keePassXcLink(VAULT[3]!)).toMatch(/^otpauth:\/\/hotp\/no-issuer\?.*counter=41/);
  });

  const cli = spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' });
  const installed = cli.status === 0;
  const title = installed
    ? `keepassxc-cli (${cli.stdout.trim()}) opens the export: the otp attributes, the tags and the codes are Tessera's`
    : 'keepassxc-cli not installed (apt install keepassxc)';

  it.skipIf(!installed)(title, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-keepass-export-'));
    try {
      const file = path.join(dir, 'export.kdbx');
      writeFileSync(file, await exportKeePass(VAULT, PASSWORD));
      const run = (args: string[]): string => {
        const r = spawnSync('keepassxc-cli', args, { input: `${PASSWORD}\n`, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return r.stdout;
      };
      const where = (e: ExportEntry): string => `${e.tags?.[0] ? `${e.tags[0]}/` : ''}${e.issuer || e.account}`;
      // One opening per account (each derives the key again): its attributes, and its code unless HOTP,
      // which KeePassXC 2.7 computes as TOTP.
      for (const e of VAULT) {
        const totp = e.type !== 'hotp';
        const before = generateCode(e, Date.now());
        const shown = run([
          'show',
          '-q',
          '-a',
          'otp',
          '-a',
          'UserName',
          '-a',
          'Tags',
          ...(totp ? ['-t'] : []),
          file,
          where(e),
        ])
          .trim()
          .split('\n');
        const after = generateCode(e, Date.now());
        expect(shown.slice(0, 2)).toEqual([keePassXcLink(e), e.account]);
        // KeePassXC's own tags: every tag, and "Favourite" for a favourite (it lists them sorted).
        const tags = (shown[2] ?? '').split(',').filter((t) => t !== '');
        expect(tags.sort()).toEqual([...(e.tags ?? []), ...(e.favourite === true ? ['Favourite'] : [])].sort());
        if (totp) expect([before, after], `${where(e)}: KeePassXC shows ${shown[3]}`).toContain(shown[3]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('KeePass tags', () => {
  it('names a tag KeePass would read differently', () => {
    expect(keePassTagProblem('Work')).toBeNull();
    expect(keePassTagProblem('Side project')).toBeNull();
    for (const tag of ['a,b', 'a;b', 'a:b']) expect(keePassTagProblem(tag)).toMatch(/splits the tag/);
    expect(keePassTagProblem('favourite')).toMatch(/favourite mark/);
  });

  it('the first tag is the entry’s group; every tag is in its Tags, after the group’s on re-import', async () => {
    const vault: ExportEntry[] = [
      { ...VAULT[0]!, tags: ['Home', 'Work'] },
      { ...VAULT[1]!, tags: ['Work'] },
    ];
    const db = keePassDatabase(vault);
    expect(db.root.groups.map((g) => [g.name, g.entries.length])).toEqual([
      ['Home', 1],
      ['Work', 1],
    ]);
    const bytes = await writeKdbx(db, { password: PASSWORD, kdf: { kind: 'aes-kdf', rounds: 1 }, cipher: 'aes256' });
    const result = await importFile(bytes, { password: PASSWORD });
    expect(result.entries.map((e) => e.tags)).toEqual([['Home', 'Work'], ['Work']]);
  });
});
