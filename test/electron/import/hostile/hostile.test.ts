// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14: files under 50 MB that made `tessera import` and `tessera scan` spend seconds to hours
 * and gigabytes, each built here at the size reported and run through the real CLI in a child
 * process. Each must be refused with a plain message naming the limit, exit 1 (bad input), the
 * limit's name and value in `--json`, and the vault untouched. As a hang detector (not a
 * performance target), each run must end within 30 s and the child's peak memory stay under
 * 512 MiB plus the format's one legitimate key derivation.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KDF_CEILINGS, type ImportFormatId } from '../../../../electron/import';
import { createFixtureVault, PASSWORD, runCli, tempDir } from '../../cli/harness';
import {
  aegisSlots,
  enteExport,
  freeOtpReferences,
  linkList,
  qrGrid,
  sqliteRows,
  xmlAttributes,
  xmlCharacterReferences,
  xmlElements,
  zipBomb,
  zipWithEntries,
} from './files';
import { cliBundle, runTessera, type ChildRun } from './harness';

const MiB = 1024 * 1024;
const WALL_MS = 30_000;

let dir: string;
let vault: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  vault = path.join(dir, 'vault.tessera');
  await createFixtureVault(vault);
  await cliBundle();
}, 120_000);
afterAll(() => cleanup());

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function entryCount(): Promise<number> {
  const r = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], { stdin: `${PASSWORD}\n` });
  return (JSON.parse(r.stdout) as { entries: unknown[] }).entries.length;
}

/** Peak memory allowed: 512 MiB plus the format's own key derivation. */
function memoryBound(format: ImportFormatId | null): number {
  const kdf = format === null ? 0 : (KDF_CEILINGS[format]?.legitimateMemoryBytes ?? 0);
  return 512 + kdf / MiB;
}

function report(name: string, run: ChildRun): void {
  console.log(`[hostile] ${name}: exit ${run.code}, ${run.wallMs} ms, peak ${run.maxRssMiB.toFixed(0)} MiB`);
}

interface ImportCase {
  readonly name: string;
  /** Builds the file (bytes or text). */
  readonly build: () => Promise<Uint8Array | string> | Uint8Array | string;
  readonly fileName: string;
  /** The format whose KDF memory is allowed on top of 512 MiB (null: none). */
  readonly format: ImportFormatId | null;
  readonly limit: string;
  readonly value: number;
  readonly message: RegExp;
  /** The export's own password, when the refusal comes after it is asked. */
  readonly filePassword?: string;
}

const IMPORT_CASES: readonly ImportCase[] = [
  {
    name: 'a ZIP of 480,000 entries (43 MB)',
    build: () => zipWithEntries(480_000),
    fileName: 'authenticator-plus.zip',
    format: 'authenticator-plus',
    limit: 'archive-entries',
    value: 1_000,
    message:
      /^tessera: This ZIP file holds more than 1,000 files; an Authenticator Plus export holds one or two\. Tessera stopped reading it: nothing was imported\.\nDetails: Limit 'archive-entries' \(1000\) exceeded/,
  },
  {
    name: 'a ZIP whose Accounts.txt inflates to 100 MB',
    build: () => zipBomb(100 * MiB, 100 * MiB),
    fileName: 'bomb.zip',
    format: 'authenticator-plus',
    limit: 'archive-bytes',
    value: 16 * MiB,
    message: /This ZIP file unpacks to more than 16 MB; .*nothing was imported\./,
  },
  {
    name: 'XML of 1.55 million elements',
    build: () => xmlElements(1_550_000),
    fileName: 'authy.xml',
    format: 'authy',
    limit: 'xml-elements',
    value: 200_000,
    message:
      /This file has more than 200,000 XML elements; exports from authenticator apps have a few hundred\. Tessera stopped reading it: nothing was imported\./,
  },
  {
    name: 'XML of 3 million attributes',
    build: () => xmlAttributes(187_500, 16),
    fileName: 'authy.xml',
    format: 'authy',
    limit: 'xml-attributes',
    value: 400_000,
    message: /This file has more than 400,000 XML attributes; .*nothing was imported\./,
  },
  {
    name: 'XML of 10 million character references',
    build: () => xmlCharacterReferences(10_000_000),
    fileName: 'authy.xml',
    format: 'authy',
    limit: 'xml-references',
    value: 500_000,
    message: /This file has more than 500,000 escaped characters in its XML; .*nothing was imported\./,
  },
  {
    name: 'an SQLite database of 3 million rows',
    build: () => sqliteRows(3_000_000),
    fileName: 'databases',
    format: 'google-authenticator',
    limit: 'database-rows',
    value: 10_000,
    message: /This database has more than 10,000 rows of accounts; .*nothing was imported\./,
  },
  {
    name: 'a list of a million links',
    build: () => linkList(1_000_000),
    fileName: 'links.txt',
    format: 'otpauth-uri-list',
    limit: 'lines',
    value: 50_000,
    message:
      /This file has more than 50,000 lines; a list of links has one line per account\. .*nothing was imported\./,
  },
  {
    name: 'an Aegis vault of 2,000 password slots at N=2^20, p=16',
    build: () => aegisSlots(2_000, { n: 2 ** 20, r: 8, p: 16 }),
    fileName: 'aegis.json',
    format: 'aegis',
    limit: 'key-slots',
    value: 16,
    message: /This file has more than 16 password slots; Aegis writes one, or two with a backup password\./,
  },
  {
    name: 'an Aegis vault of 4 password slots at N=2^20, p=16 (with a password)',
    build: () => aegisSlots(4, { n: 2 ** 20, r: 8, p: 16 }),
    fileName: 'aegis.json',
    format: 'aegis',
    limit: 'kdf-work',
    value: 512 * MiB,
    message:
      /This Aegis file asks for far more password-checking work than Aegis itself uses \(about 256 times as much\)\./,
    filePassword: 'any password',
  },
  {
    name: 'an Ente export at 20 passes over 1 GiB',
    build: () => enteExport(20, 1024 * MiB),
    fileName: 'ente-auth-codes.txt',
    format: 'ente',
    limit: 'kdf-work',
    value: 6 * 1024 * MiB,
    message:
      /This Ente Auth file asks for far more password-checking work than Ente Auth itself uses \(about 5 times as much\)\./,
  },
  {
    name: 'a FreeOTP 2 backup of 20,000 references to one 8 MB string',
    build: () => freeOtpReferences(20_000, 8 * MiB),
    fileName: 'freeotp-backup.xml',
    format: 'freeotp',
    limit: 'reference-expansion',
    value: 16_000_000,
    message: /This file’s text adds up to more than 16,000,000 characters once its repeated parts are counted; /,
  },
];

describe('hostile files through `tessera import` (child process)', () => {
  for (const c of IMPORT_CASES) {
    it(`${c.name}: refused by '${c.limit}', nothing imported`, async () => {
      const file = path.join(dir, c.fileName);
      const built = await c.build();
      writeFileSync(file, built);
      const before = digest(vault);
      try {
        const stdin = c.filePassword === undefined ? `${PASSWORD}\n` : `${PASSWORD}\n${c.filePassword}\n`;
        const run = await runTessera(['--vault', vault, '--password-stdin', 'import', file, '--json'], {
          stdin,
          timeoutMs: WALL_MS,
        });
        report(c.name, run);
        expect(run.timedOut, 'ended within 30 s').toBe(false);
        expect(run.stderr).toMatch(c.message);
        expect(run.stderr).toContain(`Limit '${c.limit}'`);
        expect(run.code).toBe(1);
        expect(JSON.parse(run.stdout)).toMatchObject({
          error: { kind: 'too-large', limit: { name: c.limit, value: c.value } },
        });
        expect(run.maxRssMiB).toBeLessThan(memoryBound(c.format));
        expect(digest(vault)).toBe(before);
      } finally {
        rmSync(file, { force: true });
      }
    }, 90_000);
  }

  it('a database of 5,000 unusable rows: one line per skipped row for 20 rows, then a summary', async () => {
    const file = path.join(dir, 'databases');
    writeFileSync(file, await sqliteRows(5_000));
    try {
      const run = await runTessera(['--vault', vault, '--password-stdin', 'import', file], {
        stdin: `${PASSWORD}\n`,
        timeoutMs: WALL_MS,
      });
      report('5,000 unusable rows', run);
      expect(run.code).toBe(4);
      expect(run.stderr).toMatch(/Skipped 5000 that cannot be imported:/);
      expect(run.stderr).toMatch(/…and 4,980 more skipped\.\n/);
      expect(run.stderr.split('\n').length).toBeLessThan(60);
      expect(await entryCount()).toBe(6); // unlocking may re-wrap the vault's key: compare its accounts
    } finally {
      rmSync(file, { force: true });
    }
  }, 90_000);
});

describe('hostile images through `tessera scan` (child process)', () => {
  it('an image of 588 QR codes: refused as more than 50, with how many were seen', async () => {
    const file = path.join(dir, 'grid.png');
    writeFileSync(file, await qrGrid(588, 21));
    try {
      const run = await runTessera(['scan', file, '--json'], { timeoutMs: WALL_MS });
      report('588 QR codes', run);
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /grid\.png: This image holds more than 50 QR codes \(about \d{3}\); Tessera reads at most that many in one image: crop it into smaller parts and scan each\./,
      );
      expect(run.stderr).not.toMatch(/no QR code/i);
      expect(JSON.parse(run.stdout)).toMatchObject({ error: { limit: { name: 'qr-codes', value: 50 } } });
      expect(run.maxRssMiB).toBeLessThan(memoryBound(null));
    } finally {
      rmSync(file, { force: true });
    }
  }, 120_000);
});
