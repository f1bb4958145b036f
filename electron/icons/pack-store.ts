// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Aegis icon packs kept on this computer, in the app data folder (never in the vault: a pack
 * belongs to a computer; an icon picked from it is copied into the vault as a custom icon):
 *
 *   icon-packs/<uuid>/pack.json        the pack as Tessera kept it (below)
 *   icon-packs/<uuid>/icons/<n>.<ext>  each accepted icon, as checkIconImage left it
 *
 * pack.json is Aegis's own shape plus, per icon, `stored` (the file above; pack paths are never
 * used as file names, so no ZIP name can reach outside the folder or collide on a case-blind disk)
 * and a top-level `"tessera": 1`.
 *
 * An import is written whole into a hidden temporary folder, then renamed into place, so a crash
 * leaves the old pack or the new one, never half of either. A pack already kept is replaced by the
 * same or a higher version (the same version again repairs a damaged copy); a lower version is
 * refused with a sentence and the newer one stays. Packs are consulted in name order: when two
 * packs both name an issuer, the first one's icon is shown.
 *
 * The index (names, issuers) is read once, at first use; pictures are read when the window asks
 * for them, checked again, and cached.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IconPackInfo, IconSearchHit } from '../domain';
import type { IconImageInput } from '../vault/entry';
import { iconNameOf, PACK_JSON_MAX_BYTES, readAegisPack, type PackIconEntry } from './aegis-pack';
import { checkIconImage } from './image-check';
import { issuerKey } from './issuer-key';

/** The folder of the packs in this computer's app data folder. */
export const ICON_PACKS_FOLDER = 'icon-packs';
/** The version of Tessera's own pack.json additions. */
const STORE_FORMAT = 1;
/** Pictures kept decoded in memory. */
const PICTURE_CACHE = 256;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STORED = /^icons\/[0-9]{1,6}\.(?:png|jpg|svg)$/;
const EXTENSION: Readonly<Record<IconImageInput['mime'], string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/svg+xml': 'svg',
};

/** `icon-packs` in `dataFolder`. */
export function iconPacksPathIn(dataFolder: string): string {
  return path.join(dataFolder, ICON_PACKS_FOLDER);
}

/** One kept icon of a pack. */
interface KeptIcon extends PackIconEntry {
  /** Its file, relative to the pack's folder ("icons/12.svg"). */
  readonly stored: string;
}

interface KeptPack {
  readonly info: IconPackInfo;
  /** By path inside the pack. */
  readonly icons: ReadonlyMap<string, KeptIcon>;
}

/** What an import did. */
export interface ImportedPack {
  readonly info: IconPackInfo;
  /** Icons pack.json listed that were not kept. */
  readonly skipped: number;
  /** The version it replaced, or null when the pack was new. */
  readonly replaced: number | null;
  /** Why the first few icons were skipped (for `details`). */
  readonly reasons: readonly string[];
}

export interface PackStore {
  /** The packs kept, in the order they are consulted (by name). */
  list(): IconPackInfo[];
  /** The pack icon (`<uuid>/<path>`) whose pack lists this issuer (issuerKey equality), or null. */
  match(issuer: string): string | null;
  has(id: string): boolean;
  /** The icon's name ("Google"), or null when unknown. */
  title(id: string): string | null;
  /** The icon's checked picture, or null when unknown or no longer readable. */
  picture(id: string): IconImageInput | null;
  /** Icons whose name or issuers match the query (issuerKey: exact first, then prefix, then anywhere). */
  search(query: string, limit: number): { readonly exact: IconSearchHit[]; readonly partial: IconSearchHit[] };
  /**
   * Reads the pack in `bytes` and keeps it (aegis-pack.ts checks it).
   * @throws IconError when it is refused; a file-system error when it cannot be written (nothing kept).
   */
  importPack(bytes: Uint8Array): Promise<ImportedPack>;
  /** Removes a pack (nothing happens when it is not kept); the packs left. */
  remove(id: string): Promise<IconPackInfo[]>;
}

export interface PackStoreDeps {
  /** iconPacksPathIn(dataFolder). */
  readonly folder: string;
  /** Default: node:crypto. */
  readonly randomHex?: () => string;
  /**
   * Whether loading may tidy what an interrupted import left (put a set-aside pack back, remove
   * temp folders). Only the app imports packs, so only the app tidies: a CLI command reading the
   * packs while the app imports one must not remove the import's temp folder. Default false.
   */
  readonly tidy?: boolean;
}

export function createPackStore(deps: PackStoreDeps): PackStore {
  const { folder } = deps;
  const randomHex = deps.randomHex ?? (() => randomBytes(8).toString('hex'));
  let packs: KeptPack[] | null = null;
  let byIssuer = new Map<string, string>();
  const pictures = new Map<string, IconImageInput | null>();
  let queue: Promise<unknown> = Promise.resolve();

  function loaded(): KeptPack[] {
    if (packs === null) setPacks(loadPacks(folder, deps.tidy ?? false));
    return packs ?? [];
  }

  function setPacks(next: KeptPack[]): void {
    packs = [...next].sort(
      (a, b) =>
        a.info.name.localeCompare(b.info.name, 'en', { sensitivity: 'base' }) || a.info.id.localeCompare(b.info.id),
    );
    byIssuer = new Map();
    for (const pack of packs) {
      for (const icon of pack.icons.values()) {
        for (const issuer of icon.issuers) {
          const key = issuerKey(issuer);
          if (key !== '' && !byIssuer.has(key)) byIssuer.set(key, `${pack.info.id}/${icon.path}`);
        }
      }
    }
  }

  function find(id: string): { pack: KeptPack; icon: KeptIcon } | null {
    const slash = id.indexOf('/');
    if (slash < 0) return null;
    const pack = loaded().find((p) => p.info.id === id.slice(0, slash));
    const icon = pack?.icons.get(id.slice(slash + 1));
    return pack && icon ? { pack, icon } : null;
  }

  function inTurn<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  }

  function forgetPictures(uuid: string): void {
    for (const id of [...pictures.keys()]) if (id.startsWith(`${uuid}/`)) pictures.delete(id);
  }

  return {
    list: () => loaded().map((p) => p.info),
    match(issuer) {
      loaded();
      const key = issuerKey(issuer);
      return key === '' ? null : (byIssuer.get(key) ?? null);
    },
    has: (id) => find(id) !== null,
    title: (id) => find(id)?.icon.name ?? null,
    picture(id) {
      if (pictures.has(id)) {
        const cached = pictures.get(id) ?? null;
        pictures.delete(id);
        pictures.set(id, cached);
        return cached;
      }
      const found = find(id);
      if (found === null) return null;
      const picture = readPicture(path.join(folder, found.pack.info.id, found.icon.stored));
      pictures.set(id, picture);
      if (pictures.size > PICTURE_CACHE) pictures.delete(pictures.keys().next().value as string);
      return picture;
    },
    search(query, limit) {
      const key = issuerKey(query);
      const exact: IconSearchHit[] = [];
      const prefix: IconSearchHit[] = [];
      const anywhere: IconSearchHit[] = [];
      if (key === '') return { exact, partial: [] };
      for (const pack of loaded()) {
        for (const icon of pack.icons.values()) {
          const keys = [issuerKey(icon.name), ...icon.issuers.map(issuerKey)];
          const hit = { ref: { source: 'pack' as const, id: `${pack.info.id}/${icon.path}` }, title: icon.name };
          if (keys.includes(key)) exact.push(hit);
          else if (keys.some((k) => k.startsWith(key))) prefix.push(hit);
          else if (keys.some((k) => k.includes(key))) anywhere.push(hit);
        }
      }
      return { exact: exact.slice(0, limit), partial: [...prefix, ...anywhere].slice(0, limit) };
    },
    importPack: (bytes) =>
      inTurn(async () => {
        const current = loaded();
        await mkdir(folder, { recursive: true, mode: 0o700 });
        const temp = path.join(folder, `.tmp-${randomHex()}`);
        await mkdir(path.join(temp, 'icons'), { recursive: true, mode: 0o700 });
        try {
          const kept: KeptIcon[] = [];
          const read = await readAegisPack(bytes, {
            installedVersion: (uuid) => current.find((p) => p.info.id === uuid)?.info.version ?? null,
            keep: async (icon, image) => {
              const stored = `icons/${kept.length}.${EXTENSION[image.mime]}`;
              await writeFile(path.join(temp, stored), image.bytes, { mode: 0o600 });
              kept.push({ ...icon, stored });
            },
          });
          const { info } = read;
          await writeFile(path.join(temp, 'pack.json'), serialisePack(info, kept), { mode: 0o600 });
          const previous = current.find((p) => p.info.id === info.id) ?? null;
          await swapInto(folder, info.id, temp, randomHex());
          forgetPictures(info.id);
          setPacks([
            ...current.filter((p) => p.info.id !== info.id),
            { info, icons: new Map(kept.map((k) => [k.path, k])) },
          ]);
          return { info, skipped: read.skipped, replaced: previous?.info.version ?? null, reasons: read.reasons };
        } finally {
          await rm(temp, { recursive: true, force: true }).catch(() => undefined);
        }
      }),
    remove: (id) =>
      inTurn(async () => {
        const current = loaded();
        if (!UUID.test(id) || !current.some((p) => p.info.id === id)) return current.map((p) => p.info);
        const gone = path.join(folder, `.del-${randomHex()}`);
        await rename(path.join(folder, id), gone);
        forgetPictures(id);
        setPacks(current.filter((p) => p.info.id !== id));
        await rm(gone, { recursive: true, force: true }).catch(() => undefined);
        return loaded().map((p) => p.info);
      }),
  };
}

/** Puts `temp` in place as the pack `uuid`, the old copy set aside first and removed after. */
async function swapInto(folder: string, uuid: string, temp: string, random: string): Promise<void> {
  const target = path.join(folder, uuid);
  const old = path.join(folder, `.old-${uuid}-${random}`);
  let hadOld = true;
  try {
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadOld = false;
  }
  try {
    await rename(temp, target);
  } catch (error) {
    if (hadOld) await rename(old, target).catch(() => undefined);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true }).catch(() => undefined);
}

function serialisePack(info: IconPackInfo, icons: readonly KeptIcon[]): string {
  const pack = {
    tessera: STORE_FORMAT,
    uuid: info.id,
    name: info.name,
    version: info.version,
    icons: icons.map((i) => ({ filename: i.path, category: i.category, issuer: i.issuers, stored: i.stored })),
  };
  return `${JSON.stringify(pack, null, 1)}\n`;
}

function readPicture(file: string): IconImageInput | null {
  try {
    return checkIconImage(new Uint8Array(readFileSync(file)));
  } catch {
    return null;
  }
}

/**
 * Every pack in the folder. Leftovers of an interrupted import or removal are tidied first: a
 * set-aside old copy whose pack is missing is put back, the rest removed. A pack that cannot be
 * read is left out (and left on disk).
 */
function loadPacks(folder: string, tidy: boolean): KeptPack[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  for (const name of tidy ? names.filter((n) => n.startsWith('.')) : []) {
    const old = /^\.old-([0-9a-f-]{36})-/.exec(name);
    try {
      if (old?.[1] !== undefined && !names.includes(old[1])) {
        renameSync(path.join(folder, name), path.join(folder, old[1]));
        names.push(old[1]);
      } else if (/^\.(?:old|tmp|del)-/.test(name)) {
        rmSync(path.join(folder, name), { recursive: true, force: true });
      }
    } catch {
      // Tidying is best effort; the next start tries again.
    }
  }
  const packs: KeptPack[] = [];
  for (const name of names) {
    if (!UUID.test(name)) continue;
    const pack = loadPack(path.join(folder, name), name);
    if (pack !== null) packs.push(pack);
  }
  return packs;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function loadPack(dir: string, uuid: string): KeptPack | null {
  try {
    const file = path.join(dir, 'pack.json');
    if (statSync(file).size > PACK_JSON_MAX_BYTES) return null;
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isRecord(raw) || raw.tessera !== STORE_FORMAT || raw.uuid !== uuid) return null;
    const { name, version, icons } = raw;
    if (typeof name !== 'string' || typeof version !== 'number' || !Array.isArray(icons)) return null;
    const kept = new Map<string, KeptIcon>();
    for (const icon of icons) {
      const k = keptIcon(icon);
      if (k !== null && !kept.has(k.path)) kept.set(k.path, k);
    }
    return { info: { id: uuid, name, version, icons: kept.size }, icons: kept };
  } catch {
    return null;
  }
}

function keptIcon(raw: unknown): KeptIcon | null {
  if (!isRecord(raw)) return null;
  const { filename, category, issuer, stored } = raw;
  if (typeof filename !== 'string' || typeof stored !== 'string' || !STORED.test(stored)) return null;
  if (!Array.isArray(issuer) || !issuer.every((i) => typeof i === 'string')) return null;
  return {
    path: filename,
    name: iconNameOf(filename),
    category: typeof category === 'string' ? category : null,
    issuers: issuer as string[],
    stored,
  };
}
