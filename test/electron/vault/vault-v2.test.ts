// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * An open vault and format 2: custom icons and tombstones are kept by every save (including one
 * that re-reads a file another session saved meanwhile), a format 1 file becomes format 2 on its
 * first save with its `.prev` left as it was, and tombstones expire after 180 days.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInlineKdf,
  createVault,
  EntryValidationError,
  inspectVault,
  previousGenerationPath,
  TOMBSTONE_RETENTION_MS,
  unlockVault,
  type IconImageInput,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { iconIdOf } from '../../../electron/vault/stored-icons';
import { ROOT } from './helpers/bundle';
import { fastOptions, makeTempDir, totpEntry } from './helpers/fakes';
import { TEST_VECTOR_ICON } from './helpers/test-vector';

const PASSWORD = 'format two password';
const T0 = 1_767_225_600_000;
const DAY = 24 * 60 * 60 * 1000;

let tmp: ReturnType<typeof makeTempDir>;
let clock: number;
let opts: VaultOptions;
const open: UnlockedVault[] = [];

beforeEach(() => {
  tmp = makeTempDir();
  clock = T0;
  opts = fastOptions(tmp.dir, { now: () => clock });
});
afterEach(() => {
  open.splice(0).forEach((v) => v.lock());
  tmp.cleanup();
});

async function track(p: Promise<UnlockedVault>): Promise<UnlockedVault> {
  const v = await p;
  open.push(v);
  return v;
}

const png: IconImageInput = { mime: 'image/png', bytes: TEST_VECTOR_ICON };

describe('custom icons in an open vault', () => {
  it('setCustomIcon stores the image and sets the choice in one save; the icon survives unlocking', async () => {
    const v = await track(createVault(opts, PASSWORD));
    const [a, b] = await v.add([totpEntry(), totpEntry({ issuer: 'Other' })]);
    const before = v.generation;
    const updated = await v.setCustomIcon(a!.id, png);
    const id = iconIdOf(TEST_VECTOR_ICON);
    expect(v.generation).toBe(before + 1);
    expect(updated.icon).toEqual({ kind: 'custom', id });
    await v.setCustomIcon(b!.id, { mime: 'image/png', bytes: TEST_VECTOR_ICON.slice() });
    expect([...v.icons().keys()]).toEqual([id]);
    const again = await track(unlockVault(opts, PASSWORD));
    expect(Buffer.from(again.icons().get(id)!.bytes).equals(Buffer.from(TEST_VECTOR_ICON))).toBe(true);
    expect(again.get(b!.id)?.icon).toEqual({ kind: 'custom', id });
  });

  it('refuses a bad image or an unknown entry and saves nothing', async () => {
    const v = await track(createVault(opts, PASSWORD));
    const [a] = await v.add([totpEntry()]);
    const generation = v.generation;
    const gif = { mime: 'image/gif', bytes: new Uint8Array([0x47, 0x49, 0x46, 0x38]) } as unknown as IconImageInput;
    await expect(v.setCustomIcon(a!.id, gif)).rejects.toBeInstanceOf(EntryValidationError);
    await expect(v.setCustomIcon('00000000-0000-4000-8000-000000000000', png)).rejects.toMatchObject({ field: 'id' });
    await expect(v.update(a!.id, { icon: { kind: 'custom', id: 'a'.repeat(64) } })).rejects.toMatchObject({
      field: 'icon',
    });
    expect([v.generation, v.icons().size, v.get(a!.id)?.icon]).toEqual([generation, 0, null]);
  });

  it('add with an iconImage stores it; removing the last entry that uses it drops it from the file', async () => {
    const v = await track(createVault(opts, PASSWORD));
    const [a] = await v.add([totpEntry({ iconImage: png })]);
    expect(v.icons().size).toBe(1);
    await v.remove(a!.id);
    expect(v.icons().size).toBe(0);
    const again = await track(unlockVault(opts, PASSWORD));
    expect(again.icons().size).toBe(0);
  });
});

describe('tombstones in an open vault', () => {
  it('remove and removeMany write tombstones that the file keeps', async () => {
    const v = await track(createVault(opts, PASSWORD));
    const [a, b, c] = await v.add([totpEntry(), totpEntry(), totpEntry()]);
    clock = T0 + 1000;
    await v.remove(a!.id);
    clock = T0 + 2000;
    await v.removeMany([b!.id, c!.id]);
    const again = await track(unlockVault(opts, PASSWORD));
    expect([...again.tombstones()].sort((x, y) => x.deletedAt - y.deletedAt || (x.id < y.id ? -1 : 1))).toEqual([
      { id: a!.id, deletedAt: T0 + 1000 },
      ...[b!.id, c!.id].sort().map((id) => ({ id, deletedAt: T0 + 2000 })),
    ]);
  });

  it('a save more than 180 days after a deletion drops its tombstone', async () => {
    const v = await track(createVault(opts, PASSWORD));
    const [a, b] = await v.add([totpEntry(), totpEntry()]);
    await v.remove(a!.id);
    clock = T0 + TOMBSTONE_RETENTION_MS;
    await v.update(b!.id, { favourite: true });
    expect(v.tombstones()).toHaveLength(1); // exactly 180 days: kept
    clock = T0 + TOMBSTONE_RETENTION_MS + 1;
    await v.update(b!.id, { favourite: false });
    expect(v.tombstones()).toEqual([]);
    expect((await track(unlockVault(opts, PASSWORD))).tombstones()).toEqual([]);
  });
});

describe('saving on top of another session’s save', () => {
  it('keeps the other session’s tombstones and icons, and its own change', async () => {
    const first = await track(createVault(opts, PASSWORD));
    const [a, b, c] = await first.add([
      totpEntry({ issuer: 'A' }),
      totpEntry({ issuer: 'B' }),
      totpEntry({ issuer: 'C' }),
    ]);
    const second = await track(unlockVault(opts, PASSWORD));
    // The second session (another window, the CLI) saves an icon and a removal.
    await second.setCustomIcon(b!.id, png);
    await second.remove(c!.id);
    // The first still holds the older file; its save re-reads and re-applies.
    clock = T0 + 5;
    await first.update(a!.id, { tags: ['Mine'] });
    expect(first.get(b!.id)?.icon).toEqual({ kind: 'custom', id: iconIdOf(TEST_VECTOR_ICON) });
    expect(first.icons().size).toBe(1);
    expect(first.tombstones().map((t) => t.id)).toEqual([c!.id]);
    expect(first.get(c!.id)).toBeUndefined();
    const third = await track(unlockVault(opts, PASSWORD));
    expect(third.get(a!.id)?.tags).toEqual(['Mine']);
    expect(third.icons().size).toBe(1);
    expect(third.tombstones()).toHaveLength(1);
  });
});

describe('a format 1 vault', () => {
  const V1 = path.join(ROOT, 'test/fixtures/vault/test-vector-v1.tessera');
  const V1_PASSWORD = 'Tessera test vector: pässwörd';

  it('opens without being written, and its first save writes format 2, keeping the format 1 file as .prev', async () => {
    const file = path.join(tmp.dir, 'old.tessera');
    copyFileSync(V1, file);
    const o: VaultOptions = {
      path: file,
      kdf: createInlineKdf(),
      kdfParams: { opslimit: 2, memlimit: 64 * 1024 * 1024 },
      now: () => clock,
    };
    const v = await track(unlockVault(o, V1_PASSWORD));
    expect((await inspectVault(file)).formatVersion).toBe(1);
    const first = v.entries()[0]!;
    expect(first.tags).toEqual(['Test vectors']);
    clock = T0 + DAY;
    await v.update(first.id, { tags: ['Test vectors', 'Added'] });
    expect((await inspectVault(file)).formatVersion).toBe(2);
    expect(readFileSync(previousGenerationPath(file)).equals(readFileSync(V1))).toBe(true);
    const again = await track(unlockVault(o, V1_PASSWORD));
    expect(again.get(first.id)).toMatchObject({
      tags: ['Test vectors', 'Added'],
      changed: { tags: T0 + DAY, names: first.updatedAt },
    });
    expect(again.entries()).toHaveLength(5);
  });
});
