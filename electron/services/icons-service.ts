// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issuer icons as the window asks for them (`icons:*`): the pictures of the icons the lists show,
 * the picker's search, setting an account's icon (automatic, the letter tile, a bundled icon, a
 * custom icon already in the vault, an icon of a pack, or an image file chosen in main's open
 * dialog), and this computer's Aegis icon packs (import, remove, list).
 *
 * Every picture that enters the vault or a pack passes icons/image-check.ts first; a file is
 * refused by its size before it is read. Nothing is ever fetched: the window names no path and no
 * address, main's dialog picks the file. After a change the window is told the entries again, since
 * the picture an entry shows may have changed (a pack can change every automatic icon).
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  ICON_LIMITS,
  type EntrySummary,
  type IconImage,
  type IconPackInfo,
  type IconPick,
  type IconRef,
  type IconSearchHit,
} from '../domain';
import type { BundledIcons } from '../icons/bundled';
import { packFileTooLarge } from '../icons/aegis-pack';
import { checkIconImage, fileTooLarge, IconError } from '../icons/image-check';
import type { PackStore } from '../icons/pack-store';
import type { IconResolver } from '../icons/resolver';
import type { UnlockedVault } from '../vault';
import type { StoredIcon } from '../vault/entry';
import type { DesktopPorts, FileFilter } from './desktop-ports';
import type { EntriesService } from './entries-service';
import { unreadableFileMessage } from './import-sources';
import { InvalidEntryError, NotFoundError } from './errors';
import type { VaultService } from './vault-service';

/** The open dialog's filters for an icon image (the content decides, the names only help). */
export const ICON_FILE_FILTERS: readonly FileFilter[] = Object.freeze([
  { name: 'Images (PNG, JPEG, SVG)', extensions: ['png', 'jpg', 'jpeg', 'svg'] },
]);

/** The open dialog's filters for an Aegis icon pack. */
export const ICON_PACK_FILTERS: readonly FileFilter[] = Object.freeze([
  { name: 'Aegis icon packs (ZIP)', extensions: ['zip'] },
]);

/** What the window calls (`icons:*`). */
export interface IconsApi {
  images(refs: readonly IconRef[]): IconImage[];
  search(query: string): IconSearchHit[];
  set(id: string, pick: IconPick): Promise<EntrySummary>;
  setFromFile(id: string): Promise<{ entry: EntrySummary | null }>;
  packs(): IconPackInfo[];
  importPack(): Promise<{ pack: IconPackInfo | null }>;
  removePack(id: string): Promise<IconPackInfo[]>;
}

export interface IconsServiceDeps {
  readonly vault: Pick<VaultService, 'open' | 'isUnlocked'>;
  /** The open vault, first brought up to date with the file (vault-sync.ts). */
  readonly openFresh: () => Promise<UnlockedVault>;
  readonly entries: Pick<EntriesService, 'find' | 'summary' | 'push'>;
  readonly resolver: IconResolver;
  readonly bundled: Pick<BundledIcons, 'has'>;
  readonly packs: PackStore;
  readonly desktop: Pick<DesktopPorts, 'pickFiles'>;
  /** The vault was saved with a change: a backup is due. */
  readonly saved: () => void;
}

const NO_ICONS: ReadonlyMap<string, StoredIcon> = new Map();

export function createIconsService(deps: IconsServiceDeps): IconsApi {
  const { vault, entries, packs } = deps;

  /** Sets the icon of `id` on the freshly read vault; tells the window. */
  async function apply(id: string, change: (v: UnlockedVault) => Promise<unknown>): Promise<EntrySummary> {
    const v = await deps.openFresh();
    entries.find(v, id);
    await change(v);
    entries.push();
    deps.saved();
    return entries.summary(entries.find(v, id));
  }

  /** The entries may show other pictures now: tell the window, when it shows any. */
  function packsChanged(): void {
    if (vault.isUnlocked()) entries.push();
  }

  return {
    images: (refs) => deps.resolver.images(refs, vault.isUnlocked() ? vault.open().icons() : NO_ICONS),
    search: (query) => deps.resolver.search(query),
    async set(id, pick) {
      if (pick === null || pick.kind === 'letter') return apply(id, (v) => v.update(id, { icon: pick }));
      if (pick.kind === 'bundled') {
        if (!deps.bundled.has(pick.id))
          throw new InvalidEntryError('icon', 'Tessera does not know that icon. Choose another.');
        return apply(id, (v) => v.update(id, { icon: pick }));
      }
      if (pick.kind === 'custom') {
        return apply(id, async (v) => {
          if (!v.icons().has(pick.id)) throw new NotFoundError('That custom icon');
          return v.update(id, { icon: pick });
        });
      }
      const picture = packs.picture(pick.id);
      if (picture === null) throw new NotFoundError('That icon of an icon pack');
      return apply(id, (v) => v.setCustomIcon(id, picture));
    },
    async setFromFile(id) {
      entries.find(vault.open(), id);
      const chosen = await deps.desktop.pickFiles({ title: 'Choose an icon', filters: ICON_FILE_FILTERS });
      const file = chosen?.[0];
      if (file === undefined) return { entry: null };
      const image = checkIconImage(await readCapped(file, ICON_LIMITS.fileMaxBytes, fileTooLarge));
      return { entry: await apply(id, (v) => v.setCustomIcon(id, image)) };
    },
    packs: () => packs.list(),
    async importPack() {
      vault.open();
      const chosen = await deps.desktop.pickFiles({ title: 'Import an icon pack', filters: ICON_PACK_FILTERS });
      const file = chosen?.[0];
      if (file === undefined) return { pack: null };
      const imported = await packs.importPack(await readCapped(file, ICON_LIMITS.packFileMaxBytes, packFileTooLarge));
      packsChanged();
      return { pack: imported.info };
    },
    async removePack(id) {
      vault.open();
      const left = await packs.remove(id);
      packsChanged();
      return left;
    },
  };
}

/**
 * The file's bytes, refused by its size before they are read (and again while reading, should it
 * grow meanwhile).
 * @throws IconError: too large, missing, a folder, not readable.
 */
export async function readCapped(
  file: string,
  max: number,
  tooLarge: (size: number) => IconError,
): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new IconError(`${path.basename(file)} is a folder, not a file.`);
    if (info.size > max) throw tooLarge(info.size);
    const buffer = Buffer.alloc(Math.min(info.size, max) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > max) throw tooLarge(length);
      if (length === buffer.length) break;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
  } catch (error) {
    if (error instanceof IconError) throw error;
    throw fileError(file, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function fileError(file: string, error: unknown): IconError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return new IconError(unreadableFileMessage(path.basename(file), error), typeof code === 'string' ? code : undefined);
}
