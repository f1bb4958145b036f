// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Icons in the app's exports (electron/services/export-service.ts over export-entries.ts): given the
 * vault's custom icons and the pictures the lists show, an Aegis file carries each account's icon
 * (custom as stored, bundled or pack as their picture, none for the letter tile); a Tessera backup
 * keeps the choices; formats without icons say which custom icons they leave out. Without those
 * deps an export carries no icon, as before.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IconChoice, IconImage } from '../../../electron/domain';
import { readBackup } from '../../../electron/export';
import { importFile } from '../../../electron/import';
import { createExportService, type ExportableEntry } from '../../../electron/services/export-service';
import { KDF_FLOOR } from '../../../electron/vault';
import type { StoredIcon } from '../../../electron/vault/entry';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeKdf, iconId, PNG_1X1 } from '../export/arbitraries';
import { EXPORT_PASSWORD, T0, totp } from './export-harness';

const CUSTOM: StoredIcon = { id: iconId({ mime: 'image/png', bytes: PNG_1X1 }), mime: 'image/png', bytes: PNG_1X1 };
const GLYPH: IconImage = {
  ref: { source: 'bundled', id: 'github' },
  kind: 'path',
  title: 'GitHub',
  path: 'M0 0h24v24H0z',
  background: '#181717',
  foreground: '#ffffff',
};

const account = (issuer: string, seed: number, icon: IconChoice | null, tags: string[] = []): ExportableEntry => ({
  ...totp(issuer, 'alice', seed, { tags }),
  id: `0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5${seed}`,
  icon,
});

const ENTRIES: ExportableEntry[] = [
  account('GitHub', 1, null, ['Work']),
  account('Custom', 2, { kind: 'custom', id: CUSTOM.id }),
  account('Letter', 3, { kind: 'letter' }),
  account('Chosen', 4, { kind: 'bundled', id: 'github' }),
];

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-export-icons-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function service(withIcons: boolean) {
  let next = '';
  const s = createExportService({
    clock: new FakeClock(T0),
    desktop: { pickSavePath: async () => path.join(dir, next) },
    vaultPath: path.join(dir, 'vault.tessera'),
    verifyPassword: async () => undefined,
    entries: () => ENTRIES,
    backupOptions: () => ({ kdf: fakeKdf, kdfParams: KDF_FLOOR }),
    ...(withIcons
      ? {
          vaultIcons: () => new Map([[CUSTOM.id, CUSTOM]]),
          shownPicture: ({ icon }: { icon: IconChoice | null }) => (icon?.kind === 'letter' ? null : GLYPH),
        }
      : {}),
  });
  return {
    async save(format: Parameters<typeof s.save>[0], name: string, password?: string) {
      next = name;
      await s.authorize('pw');
      return s.save(format, password);
    },
  };
}

describe('exports carry icons', () => {
  it('Aegis: the custom icon as stored, other shown icons as their picture, none for the letter tile', async () => {
    const saved = await service(true).save('aegis-plain', 'aegis.json');
    expect(saved).toMatchObject({ status: 'saved', warnings: [] });
    const result = await importFile(readFileSync(path.join(dir, 'aegis.json')));
    expect(result.entries.map((e) => e.iconImage?.mime ?? null)).toEqual([
      'image/svg+xml',
      'image/png',
      null,
      'image/svg+xml',
    ]);
    expect(Buffer.from(result.entries[1]?.iconImage?.bytes ?? []).equals(Buffer.from(PNG_1X1))).toBe(true);
    expect(result.entries.map((e) => e.tags ?? [])).toEqual([['Work'], [], [], []]);
  });

  it('a Tessera backup keeps the choices: bundled and letter as they are, automatic as none', async () => {
    await service(true).save('tessera', 'backup.tessera', EXPORT_PASSWORD);
    const back = await readBackup(path.join(dir, 'backup.tessera'), EXPORT_PASSWORD, { kdf: fakeKdf });
    expect(back.map((e) => (e.icon === undefined ? null : e.icon))).toEqual([
      null,
      null, // a custom icon travels as its image (readBackup does not bring images back yet)
      { kind: 'letter' },
      { kind: 'bundled', id: 'github' },
    ]);
  });

  it('a format without icons names the custom icons it leaves out', async () => {
    const saved = await service(true).save('ente', 'ente.txt');
    expect(saved.status === 'saved' && saved.warnings).toEqual([
      'Ente Auth does not take icons from a file: 1 account loses its custom icon here.',
    ]);
  });

  it('without the icon deps, no export carries an icon', async () => {
    await service(false).save('aegis-plain', 'aegis.json');
    const result = await importFile(readFileSync(path.join(dir, 'aegis.json')));
    expect(result.entries.every((e) => e.iconImage === undefined)).toBe(true);
  });
});
