// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Conflict-copy names (electron/vault/conflict-copies.ts): each tool's documented form is recognised
 * with its device and time, copies of copies are traced back, and names that only look close are
 * refused (a backup, `vault2.tessera`, another vault, impossible dates). The generators below build
 * names the way each tool's code does (Syncthing's conflictName, the Qt clients'
 * makeConflictFileName, …), so the properties test the recogniser against the tools, not itself.
 */
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conflictCopyOf,
  syncIgnorePatterns,
  vaultCandidate,
  type ConflictCopy,
  type SyncTool,
} from '../../../electron/vault/conflict-copies';
import { lockFilePath } from '../../../electron/vault/lock-file';
import { isOwnTempFile, vaultTempPath } from '../../../electron/vault/storage';
import { thisComputer } from '../../../electron/vault/this-computer';

const VAULT = 'vault.tessera';
const MY_VAULT = 'My Vault.tessera';

describe('conflictCopyOf: the documented forms', () => {
  it.each<[string, string, ConflictCopy]>([
    // Syncthing: marker before the last extension; measured with 1.19.2 in test/sync.
    [
      'vault.sync-conflict-20261205-101010-ABCDEF1.tessera',
      VAULT,
      { tool: 'syncthing', device: 'ABCDEF1', when: '2026-12-05T10:10:10' },
    ],
    [
      'My Vault.sync-conflict-20261206-180815-MMOHJN6.tessera',
      MY_VAULT,
      { tool: 'syncthing', device: 'MMOHJN6', when: '2026-12-06T18:08:15' },
    ],
    // Files older Syncthing wrote without a "modified by" device.
    [
      'vault.sync-conflict-20261205-101010-.tessera',
      VAULT,
      { tool: 'syncthing', device: null, when: '2026-12-05T10:10:10' },
    ],
    [
      'vault.sync-conflict-20261205-101010.tessera',
      VAULT,
      { tool: 'syncthing', device: null, when: '2026-12-05T10:10:10' },
    ],
    // Go's filepath.Ext: no extension, and a leading-dot name that is all extension.
    [
      'vault.sync-conflict-20261205-101010-ABCDEF1',
      'vault',
      { tool: 'syncthing', device: 'ABCDEF1', when: '2026-12-05T10:10:10' },
    ],
    [
      '.sync-conflict-20261205-101010-ABCDEF1.tessera',
      '.tessera',
      { tool: 'syncthing', device: 'ABCDEF1', when: '2026-12-05T10:10:10' },
    ],
    // Dropbox: the editor's (or computer's) name, English only; same-day numbering either side.
    [
      "vault (Alice's conflicted copy 2026-12-05).tessera",
      VAULT,
      { tool: 'dropbox', device: 'Alice', when: '2026-12-05' },
    ],
    [
      "My Vault (Alice Example's MacBook Pro's conflicted copy 2026-12-05).tessera",
      MY_VAULT,
      { tool: 'dropbox', device: "Alice Example's MacBook Pro", when: '2026-12-05' },
    ],
    [
      "vault (Alice's conflicted copy 2026-12-05 (1)).tessera",
      VAULT,
      { tool: 'dropbox', device: 'Alice', when: '2026-12-05' },
    ],
    [
      "vault (Alice's conflicted copy 2026-12-05) (2).tessera",
      VAULT,
      { tool: 'dropbox', device: 'Alice', when: '2026-12-05' },
    ],
    [
      'vault (Alice\u2019s conflicted copy 2026-12-05).tessera',
      VAULT,
      { tool: 'dropbox', device: 'Alice', when: '2026-12-05' },
    ],
    // Nextcloud / ownCloud desktop clients, with and without the user; a case clash.
    [
      'vault (conflicted copy 2026-12-05 101010).tessera',
      VAULT,
      { tool: 'nextcloud', device: null, when: '2026-12-05T10:10:10' },
    ],
    [
      'My Vault (conflicted copy alice 2026-12-05 101010).tessera',
      MY_VAULT,
      { tool: 'nextcloud', device: 'alice', when: '2026-12-05T10:10:10' },
    ],
    [
      'vault (conflicted copy Alice Example 2026-12-05 235959).tessera',
      VAULT,
      { tool: 'nextcloud', device: 'Alice Example', when: '2026-12-05T23:59:59' },
    ],
    [
      'vault (case clash from 2026-12-05 101010).tessera',
      VAULT,
      { tool: 'nextcloud', device: null, when: '2026-12-05T10:10:10' },
    ],
    // Older ownCloud clients.
    ['vault_conflict-20261205-101010.tessera', VAULT, { tool: 'owncloud', device: null, when: '2026-12-05T10:10:10' }],
    [
      'vault_conflict_alice-20261205-101010.tessera',
      VAULT,
      { tool: 'owncloud', device: 'alice', when: '2026-12-05T10:10:10' },
    ],
    // OneDrive: the computer's name after a dash.
    ['vault-DESKTOP-ABC.tessera', VAULT, { tool: 'onedrive', device: 'DESKTOP-ABC', when: null }],
    ["vault-Alice's MacBook.tessera", VAULT, { tool: 'onedrive', device: "Alice's MacBook", when: null }],
    ['My Vault-LAPTOP-7.tessera', MY_VAULT, { tool: 'onedrive', device: 'LAPTOP-7', when: null }],
    // iCloud Drive.
    ['vault 2.tessera', VAULT, { tool: 'icloud', device: null, when: null }],
    ['My Vault 13.tessera', MY_VAULT, { tool: 'icloud', device: null, when: null }],
    // Resilio Sync (name clashes).
    ['vault.Conflict.tessera', VAULT, { tool: 'resilio', device: null, when: null }],
    ['vault.Conflict1.tessera', VAULT, { tool: 'resilio', device: null, when: null }],
    ['vault.Conflict 2.tessera', VAULT, { tool: 'resilio', device: null, when: null }],
  ])('%s (vault %s)', (file, vault, expected) => {
    expect(conflictCopyOf(file, vault)).toEqual(expected);
  });

  it('takes the last path segment of either argument, and compares in Unicode NFC', () => {
    expect(conflictCopyOf('/home/a/Sync/vault 2.tessera', 'C:\\Users\\a\\Sync\\vault.tessera')).toEqual({
      tool: 'icloud',
      device: null,
      when: null,
    });
    // macOS hands out decomposed names: "é" as "e" + combining accent.
    expect(conflictCopyOf('Cle\u0301s 2.tessera', 'Cl\u00e9s.tessera')?.tool).toBe('icloud');
  });

  it('traces a copy of a copy back to the vault, reporting the outermost marker', () => {
    expect(
      conflictCopyOf("vault (Alice's conflicted copy 2026-12-05) (Bob's conflicted copy 2026-12-06).tessera", VAULT),
    ).toEqual({ tool: 'dropbox', device: 'Bob', when: '2026-12-06' });
    expect(
      conflictCopyOf(
        'vault (conflicted copy 2026-12-05 101010) (conflicted copy bob 2026-12-06 111111).tessera',
        VAULT,
      ),
    ).toEqual({ tool: 'nextcloud', device: 'bob', when: '2026-12-06T11:11:11' });
    expect(conflictCopyOf('vault-PC (conflicted copy 2026-12-05 101010).tessera', VAULT)).toEqual({
      tool: 'nextcloud',
      device: null,
      when: '2026-12-05T10:10:10',
    });
    // An inner name that is no copy of this vault is not traced.
    expect(conflictCopyOf("work (Alice's conflicted copy 2026-12-05).tessera", VAULT)).toBeNull();
  });
});

describe('conflictCopyOf: names that look close but are not conflict copies', () => {
  it.each([
    ['the vault itself', VAULT, VAULT],
    ['a backup', 'vault.tessera.bak', VAULT],
    ["Tessera's previous generation", 'vault.tessera.prev', VAULT],
    ["Tessera's temp file", 'vault.tessera.tmp-0123456789abcdef', VAULT],
    ["Tessera's lock", 'vault.tessera.lock', VAULT],
    ["Tessera's lock since issue 18", '.~vault.tessera.0a1b2c3d.lock', VAULT],
    ["Tessera's temp file since issue 18", '.~vault.tessera.0a1b2c3d.0123456789abcdef.tmp', VAULT],
    ['a number glued on', 'vault2.tessera', VAULT],
    ['another vault', 'work.tessera', VAULT],
    ["another vault's conflict copy", 'work.sync-conflict-20261205-101010-ABCDEF1.tessera', VAULT],
    ['a longer vault name', 'vaults.tessera', VAULT],
    ['another extension', 'vault.sync-conflict-20261205-101010-ABCDEF1.json', VAULT],
    ['a month 13', 'vault.sync-conflict-20261305-101010-ABCDEF1.tessera', VAULT],
    ['a 30 February', 'vault (conflicted copy 2026-02-30 101010).tessera', VAULT],
    ['hour 24', 'vault_conflict-20261205-241010.tessera', VAULT],
    ['a lower-case Syncthing id', 'vault.sync-conflict-20261205-101010-abcdef1.tessera', VAULT],
    ['a Syncthing id with 8 characters', 'vault.sync-conflict-20261205-101010-ABCDEF12.tessera', VAULT],
    ['a Syncthing id with punctuation', 'vault.sync-conflict-20261205-101010-ABC_EF1.tessera', VAULT],
    ['a Dropbox copy without a name', 'vault (conflicted copy 2026-12-05).tessera', VAULT],
    ['a Dropbox copy numbered twice', "vault (Alice's conflicted copy 2026-12-05 (1)) (2).tessera", VAULT],
    ['a translated Dropbox copy', 'vault (Konfliktkopie von Alice 2026-12-05).tessera', VAULT],
    ['iCloud never numbers 1', 'vault 1.tessera', VAULT],
    ['a number with a leading zero', 'vault 02.tessera', VAULT],
    ['a bare dash', 'vault-.tessera', VAULT],
    ['a computer name with a path character', 'vault-a:b.tessera', VAULT],
    ['a computer name padded with spaces', 'vault- PC.tessera', VAULT],
    ['a computer name with a control character', 'vault-PC\u0001.tessera', VAULT],
    ['a marker after the extension', 'vault.tessera 2', VAULT],
    ['the extension alone', '.tessera', VAULT],
    ['an empty name', '', VAULT],
  ])('%s: %s', (_, file, vault) => {
    expect(conflictCopyOf(file, vault)).toBeNull();
  });
});

describe('vaultCandidate: which files beside the vault get their vault id checked', () => {
  it('takes recognised copies, and any other file with the vault extension', () => {
    expect(vaultCandidate('vault 2.tessera', VAULT)).toEqual({
      kind: 'conflict-copy',
      copy: { tool: 'icloud', device: null, when: null },
    });
    expect(vaultCandidate('vault (Konfliktkopie von Alice 2026-12-05).tessera', VAULT)).toEqual({
      kind: 'same-extension',
    });
    expect(vaultCandidate('vault2.tessera', VAULT)).toEqual({ kind: 'same-extension' });
    expect(vaultCandidate('work.tessera', VAULT)).toEqual({ kind: 'same-extension' });
    // A Syncthing copy of an extension-less vault keeps no extension, yet is a copy.
    expect(vaultCandidate('vault.sync-conflict-20261205-101010-ABCDEF1', 'vault')?.kind).toBe('conflict-copy');
  });

  it("leaves out the vault itself, Tessera's side files and other files", () => {
    for (const name of [
      VAULT,
      'vault.tessera.prev',
      'vault.tessera.lock',
      'vault.tessera.tmp-0123456789abcdef',
      '.~vault.tessera.0a1b2c3d.lock',
      '.~vault.tessera.0a1b2c3d.0123456789abcdef.tmp',
      'settings.json',
      '.tessera',
    ]) {
      expect(vaultCandidate(name, VAULT)).toBeNull();
    }
    expect(vaultCandidate('notes.txt', 'vault')).toBeNull();
  });
});

// ---- properties ----

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateArb = fc.date({
  min: new Date('1971-01-01T00:00:00Z'),
  max: new Date('2099-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const iso = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
const compact = (d: Date) => iso(d).replace(/[-:]/g, '').replace('T', '-');
const spaced = (d: Date) => `${iso(d).slice(0, 10)} ${iso(d).slice(11).replace(/:/g, '')}`;

/** Stems a user could give a vault: letters, digits, spaces, dots, dashes, accents; not all dots. */
const stemArb = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._\-éü]{0,24}$/)
  .filter((s) => s.trim() === s && !s.endsWith('.'));
const extArb = fc.constantFrom('.tessera', '.vault', '');
const shortIdArb = fc.stringMatching(/^[A-Z2-7]{7}$/);
const personArb = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[A-Za-z]$/);

/** Stem and extension of a vault name as the tool splits it (Go's filepath.Ext for Syncthing). */
function toolSplit(name: string, goExt: boolean): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || (dot === 0 && !goExt)) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

interface MadeCopy {
  readonly tool: SyncTool;
  /** The copy's name for a vault called `vault`, built as the tool's code builds it. */
  readonly make: (vault: string) => string;
  readonly device: string | null;
  readonly when: string | null;
}
const marked = (goExt: boolean, marker: string) => (vault: string) => {
  const [stem, ext] = toolSplit(vault, goExt);
  return `${stem}${marker}${ext}`;
};

const copyArb: fc.Arbitrary<MadeCopy> = fc.oneof(
  fc.record({ d: dateArb, id: shortIdArb }).map(({ d, id }) => ({
    tool: 'syncthing' as const,
    make: marked(true, `.sync-conflict-${compact(d)}-${id}`),
    device: id,
    when: iso(d),
  })),
  fc
    .record({ d: dateArb, who: personArb, n: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }) })
    .map(({ d, who, n }) => ({
      tool: 'dropbox' as const,
      make: marked(false, ` (${who}'s conflicted copy ${iso(d).slice(0, 10)}${n === undefined ? '' : ` (${n})`})`),
      device: who,
      when: iso(d).slice(0, 10),
    })),
  fc.record({ d: dateArb, user: fc.option(personArb, { nil: undefined }) }).map(({ d, user }) => ({
    tool: 'nextcloud' as const,
    make: marked(false, ` (conflicted copy ${user ? `${user} ` : ''}${spaced(d)})`),
    device: user ?? null,
    when: iso(d),
  })),
  dateArb.map((d) => ({
    tool: 'owncloud' as const,
    make: marked(false, `_conflict-${compact(d)}`),
    device: null,
    when: iso(d),
  })),
  fc.stringMatching(/^[A-Z][A-Z0-9-]{0,13}[A-Z0-9]$/).map((pc) => ({
    tool: 'onedrive' as const,
    make: marked(false, `-${pc}`),
    device: pc,
    when: null,
  })),
  fc.integer({ min: 2, max: 999 }).map((n) => ({
    tool: 'icloud' as const,
    make: marked(false, ` ${n}`),
    device: null,
    when: null,
  })),
);

describe('conflictCopyOf: properties', () => {
  it("recognises every tool's copy of any vault name", () => {
    fc.assert(
      fc.property(stemArb, extArb, copyArb, (stem, ext, copy) => {
        // With an unusual stem (one ending like another tool's marker) the name may read as another
        // tool's copy: still a copy, which is what matters to the caller.
        expect(conflictCopyOf(copy.make(`${stem}${ext}`), `${stem}${ext}`)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('names the exact tool, device and time for a plain vault name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,16}$/), extArb, copyArb, (stem, ext, copy) => {
        expect(conflictCopyOf(copy.make(`${stem}${ext}`), `${stem}${ext}`)).toEqual({
          tool: copy.tool,
          device: copy.device,
          when: copy.when,
        });
      }),
      { numRuns: 500 },
    );
  });

  it("never takes another vault's copy for this vault's", () => {
    fc.assert(
      fc.property(stemArb, stemArb, copyArb, (mine, other, copy) => {
        fc.pre(!other.startsWith(mine));
        expect(conflictCopyOf(copy.make(`${other}.tessera`), `${mine}.tessera`)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses the vault name with anything appended after its extension', () => {
    fc.assert(
      fc.property(stemArb, fc.string({ minLength: 1, maxLength: 30 }), (stem, tail) => {
        fc.pre(!tail.endsWith('.tessera'));
        expect(conflictCopyOf(`${stem}.tessera${tail}`, `${stem}.tessera`)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('refuses names whose date or time cannot exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 13, max: 99 }),
        fc.integer({ min: 24, max: 99 }),
        fc.constantFrom<(m: string, h: string) => string>(
          (m, h) => `vault.sync-conflict-2026${m}05-${h}1010-ABCDEF1.tessera`,
          (m, h) => `vault (conflicted copy 2026-${m}-05 ${h}1010).tessera`,
          (m, h) => `vault_conflict-2026${m}05-${h}1010.tessera`,
        ),
        (month, hour, make) => {
          expect(conflictCopyOf(make(String(month), '10'), VAULT)).toBeNull();
          expect(conflictCopyOf(make('12', String(hour)), VAULT)).toBeNull();
        },
      ),
    );
  });

  it('never throws, whatever the names', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        (a, b) => {
          const found = conflictCopyOf(a, b);
          if (found)
            expect(['syncthing', 'dropbox', 'nextcloud', 'owncloud', 'onedrive', 'icloud', 'resilio']).toContain(
              found.tool,
            );
          vaultCandidate(a, b);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('stays quick on long names full of markers', () => {
    const name = `vault${' (conflicted copy 2026-12-05 101010)'.repeat(25)}${'-x'.repeat(300)}.tessera`;
    const started = performance.now();
    conflictCopyOf(name, VAULT);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('syncIgnorePatterns', () => {
  it("lists Tessera's side files as storage.ts names them, and the lines for each tool", () => {
    const p = syncIgnorePatterns(VAULT);
    expect(p.tessera).toEqual({
      temp: ['.~vault.tessera.*.tmp'],
      lock: '.~vault.tessera.*.lock',
      previous: 'vault.tessera.prev',
      unmerged: 'vault.tessera-unmerged-*',
    });
    expect(p.syncthing).toEqual(['(?d).~vault.tessera.*', '(?d)vault.tessera.prev', '(?d)vault.tessera-unmerged-*']);
    expect(p.nextcloud).toEqual(['].~vault.tessera.*', ']vault.tessera.prev', ']vault.tessera-unmerged-*']);
    expect(p.dropbox).toBeNull();
  });

  it('makes characters special to the ignore files match only one character, and takes the base name', () => {
    expect(syncIgnorePatterns('/x/[work]*!.tessera').tessera.lock).toBe('.~?work???.tessera.*.lock');
    expect(syncIgnorePatterns('C:\\Sync\\My Vault.tessera').syncthing[0]).toBe('(?d).~My Vault.tessera.*');
  });

  // The glob rules of .stignore and sync-exclude.lst for a pattern without '/': '*' is any run of
  // characters, '?' one character.
  const globToRegExp = (glob: string) =>
    new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );

  it('covers every temp file storage.ts makes and cleans up, and every lock (vaultTempPath, lockFilePath)', () => {
    fc.assert(
      fc.property(
        stemArb,
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.stringMatching(/^[0-9a-f]{8}$/),
        (stem, bytes, tag) => {
          const vault = `${stem}.tessera`;
          const computer = { ...thisComputer(), tag };
          const temp = path.basename(vaultTempPath(`/sync/${vault}`, () => bytes, computer));
          const lock = path.basename(lockFilePath(`/sync/${vault}`, computer));
          const p = syncIgnorePatterns(vault);
          expect(isOwnTempFile(`/sync/${vault}`, temp, computer)).toBe(true);
          expect(p.tessera.temp.some((g) => globToRegExp(g).test(temp))).toBe(true);
          expect(globToRegExp(p.tessera.lock).test(lock)).toBe(true);
          for (const line of [p.syncthing[0]!.slice('(?d)'.length), p.nextcloud[0]!.slice(1)]) {
            expect(globToRegExp(line).test(temp) && globToRegExp(line).test(lock)).toBe(true);
          }
        },
      ),
    );
  });

  it('the patterns match the temp-file names storage.ts makes, and not the vault or its copies', () => {
    fc.assert(
      fc.property(stemArb, fc.stringMatching(/^[0-9a-f]{16}$/), (stem, hex) => {
        const vault = `${stem}.tessera`;
        const p = syncIgnorePatterns(vault);
        const all = p.syncthing.map((line) => globToRegExp(line.slice('(?d)'.length)));
        const matches = (name: string) => all.some((re) => re.test(name));
        for (const side of [
          `.~${vault}.${hex.slice(0, 8)}.${hex}.tmp`,
          `.~${vault}.${hex.slice(8)}.lock`,
          `${vault}.prev`,
        ]) {
          expect(matches(side)).toBe(true);
        }
        for (const kept of [vault, `${stem}.sync-conflict-20261205-101010-ABCDEF1.tessera`, `${stem} 2.tessera`]) {
          expect(matches(kept)).toBe(false);
        }
      }),
    );
  });
});
