// SPDX-License-Identifier: GPL-3.0-or-later
/** Round trips: random vault → export → import (electron/import, or readBackup) → the same entries. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportAegisEncrypted,
  exportAegisPlain,
  exportMigration,
  exportUriList,
  migrationProblem,
  planRestore,
  readBackup,
  writeTesseraBackup,
  type ExportEntry,
} from '../../../electron/export';
import { importFile } from '../../../electron/import';
import { KDF_FLOOR } from '../../../electron/vault';
import { core, fakeKdf, full, vaultArb, withPicture } from './arbitraries';
import { png } from '../icons/custom-icon-fixtures';
import { SAMPLE } from './export-test-helpers';

const RUNS = { numRuns: 20 };
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-export-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('export round trips', () => {
  it('uri-list → otpauth-uri-list importer', async () => {
    await fc.assert(
      fc.asyncProperty(
        vaultArb.filter((v) => v.length > 0),
        async (entries) => {
          const result = await importFile(exportUriList(entries), { format: 'otpauth-uri-list' });
          expect(result.skipped).toEqual([]);
          expect(result.entries.map(core)).toEqual(entries.map(core));
        },
      ),
      RUNS,
    );
  });

  it('aegis-plain → aegis importer (with tags as groups, icons, notes, favourites)', async () => {
    await fc.assert(
      fc.asyncProperty(vaultArb, async (entries) => {
        const bytes = exportAegisPlain(entries);
        const result = await importFile(bytes);
        expect(result.format).toBe('aegis');
        expect(result.notices).toBeUndefined();
        expect(result.entries.map(withPicture)).toEqual(entries.map(withPicture));
      }),
      RUNS,
    );
  });

  it('aegis encrypted → aegis importer; a wrong password is wrong-password', async () => {
    await fc.assert(
      fc.asyncProperty(vaultArb, fc.string({ minLength: 1, maxLength: 20 }), async (entries, password) => {
        const bytes = await exportAegisEncrypted(entries, password, { scryptN: 16 });
        const result = await importFile(bytes, { password });
        expect(result.entries.map(withPicture)).toEqual(entries.map(withPicture));
        await expect(importFile(bytes, { password: `${password}x` })).rejects.toMatchObject({ kind: 'wrong-password' });
      }),
      RUNS,
    );
  });

  it('migration links → importer: every entry that can travel, in order, with its batch', async () => {
    await fc.assert(
      fc.asyncProperty(vaultArb, async (entries) => {
        const out = exportMigration(entries);
        const fit = entries.filter((e) => migrationProblem(e) === null);
        if (fit.length === 0) {
          expect(out.uris).toEqual([]);
          return;
        }
        const result = await importFile(new TextEncoder().encode(out.uris.join('\n')), { format: 'otpauth-uri-list' });
        expect(result.entries.map(core)).toEqual(fit.map(core));
        result.entries.forEach((e, i) =>
          expect(e.batch).toEqual({ id: out.batch.id, index: Math.floor(i / 10), size: out.uris.length }),
        );
      }),
      RUNS,
    );
  });

  it('tessera backup → readBackup, under its own password; merge and replace plans', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(vaultArb, async (entries) => {
        const file = path.join(dir, `backup-${++n}.tessera`);
        const options = { kdf: fakeKdf, kdfParams: KDF_FLOOR };
        await writeTesseraBackup(entries, file, 'export pw', options);
        const back = await readBackup(file, 'export pw', { kdf: fakeKdf });
        expect(back.map(full)).toEqual(entries.map(full));
        await expect(readBackup(file, 'wrong', { kdf: fakeKdf })).rejects.toMatchObject({
          kind: 'wrong-password-or-tampered',
        });
        await expect(writeTesseraBackup(entries, file, 'x', options)).rejects.toMatchObject({ code: 'EEXIST' });
        const merge = planRestore(back, [], 'merge');
        expect(merge.remove).toEqual([]);
        expect(merge.add.length).toBe(merge.duplicates.filter((d) => d === null).length);
      }),
      { numRuns: 10 },
    );
  });

  it('tessera backup keeps each icon choice: bundled and letter as they are, automatic as none', async () => {
    const entries: ExportEntry[] = [
      { ...SAMPLE.github, icon: { kind: 'bundled', id: 'github' } },
      { ...SAMPLE.bank, icon: { kind: 'letter' } },
      { ...SAMPLE.steam, icon: null },
    ];
    const file = path.join(dir, 'icons.tessera');
    await writeTesseraBackup(entries, file, 'export pw', { kdf: fakeKdf, kdfParams: KDF_FLOOR });
    const back = await readBackup(file, 'export pw', { kdf: fakeKdf });
    expect(back.map((e) => e.icon ?? null)).toEqual([{ kind: 'bundled', id: 'github' }, { kind: 'letter' }, null]);
    expect(back.map(full)).toEqual(entries.map(full));
  });

  it('tessera backup → readBackup brings a custom icon back as its image', async () => {
    const picture = { mime: 'image/png' as const, bytes: await png(32, 32, '#123456') };
    const entries: ExportEntry[] = [{ ...SAMPLE.github, icon: { kind: 'custom', id: 'x' }, iconImage: picture }];
    const file = path.join(dir, 'custom-icon.tessera');
    await writeTesseraBackup(entries, file, 'export pw', { kdf: fakeKdf, kdfParams: KDF_FLOOR });
    const [back] = await readBackup(file, 'export pw', { kdf: fakeKdf });
    expect(back?.iconImage?.mime).toBe('image/png');
    expect(Buffer.from(back?.iconImage?.bytes ?? []).equals(Buffer.from(picture.bytes))).toBe(true);
  });
});
