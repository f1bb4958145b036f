// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reads an Aegis icon pack: a ZIP file with a `pack.json` naming the pack (`uuid`, `name`,
 * `version`) and its icons (`filename` relative to the ZIP's root, `category`, and the `issuer`
 * names each icon is suggested for). Only the files pack.json names are read; each passes
 * checkIconImage (content, size, dimensions, SVG sanitising) or is skipped and counted.
 *
 * Everything is bounded before it is done: the file's size, the ZIP's entry count and declared
 * unpacked size (from its central directory, before zip.js lists an entry: zip-directory.ts), each
 * member's declared size before it is inflated, and what inflating really produces (per member and
 * in total, whatever the headers claim). A pack that passes a limit, has no valid pack.json, or of
 * whose icons none passes, is refused with a sentence; nothing of it is kept.
 *
 * @see https://github.com/beemdevelopment/Aegis/blob/master/docs/iconpacks.md (the format)
 */
import { Writer, type Entry, type FileEntry } from '@zip.js/zip.js';
import { ICON_LIMITS, type IconPackInfo } from '../domain';
import { BudgetExceededError, WorkBudget } from '../import/budget';
import { ImportError } from '../import/types';
import { openZip } from '../import/zip-member';
import type { IconImageInput } from '../vault/entry';
import { IconError } from './icon-error';
import { checkIconImage } from './image-check';

/** A pack lists this many icons and more besides (folders, pack.json, a read-me): its ZIP may hold as many entries. */
export const PACK_MAX_ZIP_ENTRIES = ICON_LIMITS.packMaxIcons + 1_000;
/** pack.json itself: 20,000 icons of ~200 bytes each is 4 MB. */
export const PACK_JSON_MAX_BYTES = 8 * 1024 * 1024;
/** Issuer names per icon, and the length of any name in pack.json. */
const MAX_ISSUERS = 64;
const MAX_TEXT = 200;
const MAX_PATH = 512;
/** Reasons kept for `details` when icons are skipped. */
const MAX_REASONS = 5;

/** One icon as pack.json describes it, once its fields are checked. */
export interface PackIconEntry {
  /** The file's path inside the ZIP, as pack.json writes it ("services/Google.png"). */
  readonly path: string;
  /** The icon's name: its file name without the extension ("Google"). */
  readonly name: string;
  readonly category: string | null;
  readonly issuers: readonly string[];
}

/** pack.json, once checked. */
export interface PackManifest {
  /** The pack's UUID, lower-case: the same for every version of the pack. */
  readonly uuid: string;
  readonly name: string;
  readonly version: number;
  readonly icons: readonly PackIconEntry[];
  /** Icons pack.json lists that were skipped already (a bad path, a name that is not text…). */
  readonly invalid: number;
}

/** What reading a pack gives (the accepted icons went to `keep` one by one). */
export interface ReadPack {
  readonly info: IconPackInfo;
  readonly manifest: PackManifest;
  /** Icons listed but not kept: missing, too large, damaged, refused by the image check. */
  readonly skipped: number;
  /** The first few reasons, for `details`. */
  readonly reasons: readonly string[];
}

export interface ReadPackOptions {
  /** Called with each accepted icon, in pack.json's order; its promise is awaited. */
  readonly keep: (icon: PackIconEntry, image: IconImageInput) => Promise<void>;
  /** A pack already kept with this uuid (to refuse an older version before reading its icons). */
  readonly installedVersion?: (uuid: string) => number | null;
}

const NOT_A_PACK =
  'This file is not an Aegis icon pack: an icon pack is a ZIP file with a pack.json inside. Nothing was imported.';
const BAD_MANIFEST =
  'This icon pack’s pack.json is not valid: it must give the pack’s uuid, name, version and icons. Nothing was imported.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;

function sizeText(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** The refusal of a pack file larger than ICON_LIMITS.packFileMaxBytes (also before it is read). */
export function packFileTooLarge(size: number): IconError {
  return new IconError(
    `This file is larger than ${sizeText(ICON_LIMITS.packFileMaxBytes)}, far larger than any icon pack. Choose another file.`,
    `${size} bytes; limit ${ICON_LIMITS.packFileMaxBytes}.`,
  );
}

/**
 * A path inside the ZIP that may name an icon: relative, `/`-separated, no `.` or `..` part, no
 * drive, no backslash, no control character.
 */
export function isSafePackPath(path: string): boolean {
  if (path.length === 0 || path.length > MAX_PATH || path.startsWith('/')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\:\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * Checks pack.json. Top-level problems refuse the pack; a bad icon entry is only counted.
 * @throws IconError
 */
export function parsePackManifest(text: string): PackManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new IconError(BAD_MANIFEST, `pack.json is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(raw)) throw new IconError(BAD_MANIFEST, 'pack.json is not an object.');
  const { uuid, name, version, icons } = raw;
  if (typeof uuid !== 'string' || !UUID.test(uuid)) throw new IconError(BAD_MANIFEST, "'uuid' is not a UUID.");
  if (!isText(name) || name.trim() === '') throw new IconError(BAD_MANIFEST, "'name' is not a short text.");
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new IconError(BAD_MANIFEST, "'version' is not a whole number.");
  }
  if (!Array.isArray(icons)) throw new IconError(BAD_MANIFEST, "'icons' is not a list.");
  if (icons.length > ICON_LIMITS.packMaxIcons) {
    throw new IconError(
      `This icon pack lists more than ${ICON_LIMITS.packMaxIcons.toLocaleString('en-US')} icons, more than Tessera keeps. Nothing was imported.`,
      `${icons.length} icons.`,
    );
  }
  const seen = new Set<string>();
  const kept: PackIconEntry[] = [];
  for (const icon of icons) {
    const entry = packIcon(icon);
    if (entry === null || seen.has(entry.path)) continue;
    seen.add(entry.path);
    kept.push(entry);
  }
  return { uuid: uuid.toLowerCase(), name: name.trim(), version, icons: kept, invalid: icons.length - kept.length };
}

/** An icon's name: its file name without the extension ("services/Google.png" → "Google"). */
export function iconNameOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function packIcon(raw: unknown): PackIconEntry | null {
  if (!isRecord(raw)) return null;
  const { filename, category, issuer } = raw;
  if (!isText(filename, MAX_PATH) || !isSafePackPath(filename)) return null;
  if (category !== undefined && category !== null && !isText(category)) return null;
  const issuers = issuer === undefined ? [] : issuer;
  if (!Array.isArray(issuers) || issuers.length > MAX_ISSUERS || !issuers.every((i) => isText(i))) return null;
  return {
    path: filename,
    name: iconNameOf(filename),
    category: typeof category === 'string' && category.trim() !== '' ? category.trim() : null,
    issuers: issuers as string[],
  };
}

/**
 * Reads the pack in `bytes`: pack.json, then each icon it lists, handing each accepted one to
 * `options.keep`.
 * @throws IconError: not a pack, a limit passed, pack.json invalid, an older version than the one
 *   kept, or no icon usable.
 */
export async function readAegisPack(bytes: Uint8Array, options: ReadPackOptions): Promise<ReadPack> {
  if (bytes.byteLength > ICON_LIMITS.packFileMaxBytes) throw packFileTooLarge(bytes.byteLength);
  const budget = new WorkBudget({
    limits: { 'archive-entries': PACK_MAX_ZIP_ENTRIES, 'archive-bytes': ICON_LIMITS.packUnpackedMaxBytes },
  });
  const zip = await openPack(bytes, budget);
  try {
    const manifestEntry = zip.find('pack.json');
    if (manifestEntry === undefined) throw new IconError(NOT_A_PACK, 'The ZIP file has no pack.json at its root.');
    const manifest = parsePackManifest(await readManifest(manifestEntry, budget));
    const installed = options.installedVersion?.(manifest.uuid) ?? null;
    if (installed !== null && installed > manifest.version) {
      throw new IconError(
        `A newer version of the icon pack “${manifest.name}” (version ${installed}) is already on this computer, so it was kept. Nothing was imported.`,
        `This file is version ${manifest.version}.`,
      );
    }
    const byName = new Map<string, FileEntry>();
    for (const e of zip.entries) if (isFile(e)) byName.set(e.filename, e);
    const reasons: string[] = [];
    let accepted = 0;
    for (const icon of manifest.icons) {
      const image = await readIcon(byName.get(icon.path), icon, budget, reasons);
      if (image === null) continue;
      await options.keep(icon, image);
      accepted += 1;
    }
    const skipped = manifest.invalid + manifest.icons.length - accepted;
    if (accepted === 0) {
      throw new IconError(
        'None of the icons in this pack can be used: each must be a PNG, JPEG or SVG image that Tessera accepts. Nothing was imported.',
        reasons.join(' ') || 'pack.json lists no usable icon.',
      );
    }
    return {
      info: { id: manifest.uuid, name: manifest.name, version: manifest.version, icons: accepted },
      manifest,
      skipped,
      reasons,
    };
  } catch (error) {
    throw asPackError(error);
  } finally {
    await zip.close();
  }
}

/** pack.json's text. @throws IconError when it cannot be extracted or is not UTF-8. */
async function readManifest(entry: FileEntry, budget: WorkBudget): Promise<string> {
  let data: Uint8Array;
  try {
    data = await inflate(entry, budget, PACK_JSON_MAX_BYTES);
  } catch (error) {
    if (error instanceof MemberTooLargeError || budgetError(error) !== null) throw error;
    throw new IconError(BAD_MANIFEST, `pack.json cannot be extracted: ${(error as Error).message}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new IconError(BAD_MANIFEST, 'pack.json is not UTF-8 text.');
  }
}

const isFile = (e: Entry): e is FileEntry => !e.directory;

async function openPack(bytes: Uint8Array, budget: WorkBudget): Promise<Awaited<ReturnType<typeof openZip>>> {
  try {
    return await openZip(bytes, budget, 'This file');
  } catch (error) {
    throw asPackError(error);
  }
}

/** One icon's checked picture, or null (the reason added to `reasons`) when it cannot be used. */
async function readIcon(
  entry: FileEntry | undefined,
  icon: PackIconEntry,
  budget: WorkBudget,
  reasons: string[],
): Promise<IconImageInput | null> {
  const skip = (why: string): null => {
    if (reasons.length < MAX_REASONS) reasons.push(`${icon.path}: ${why}`);
    return null;
  };
  if (entry === undefined) return skip('not in the ZIP file.');
  if (entry.encrypted) return skip('encrypted.');
  if (entry.uncompressedSize > ICON_LIMITS.packMemberMaxBytes) return skip(`${entry.uncompressedSize} bytes.`);
  let data: Uint8Array;
  try {
    data = await inflate(entry, budget, ICON_LIMITS.packMemberMaxBytes);
  } catch (error) {
    if (error instanceof MemberTooLargeError) return skip('larger once unpacked than its header says.');
    if (budgetError(error) !== null) throw error;
    return skip('cannot be extracted (damaged).');
  }
  try {
    return checkIconImage(data);
  } catch (error) {
    if (error instanceof IconError) return skip(error.details ?? error.message);
    throw error;
  }
}

/** A member inflated past its own limit (its header lied, or did not say). */
class MemberTooLargeError extends Error {}

/**
 * A zip.js writer bounded twice: this member may not pass `max` bytes, and every chunk is charged
 * to the pack's `archive-bytes` before it is kept, so a bomb stops whatever its headers claim.
 */
class PackMemberWriter extends Writer<Uint8Array> {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  constructor(
    private readonly budget: WorkBudget,
    private readonly max: number,
  ) {
    super();
  }

  override async writeUint8Array(array: Uint8Array): Promise<void> {
    this.length += array.length;
    if (this.length > this.max) throw new MemberTooLargeError(`More than ${this.max} bytes.`);
    this.budget.spend('archive-bytes', array.length);
    this.chunks.push(array.slice());
  }

  override async getData(): Promise<Uint8Array> {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

async function inflate(entry: FileEntry, budget: WorkBudget, max: number): Promise<Uint8Array> {
  if (entry.uncompressedSize > max)
    throw new MemberTooLargeError(`${entry.filename}: ${entry.uncompressedSize} bytes.`);
  budget.atMost('archive-bytes', entry.uncompressedSize);
  try {
    return await entry.getData(new PackMemberWriter(budget, max), { checkSignature: true, useWebWorkers: false });
  } catch (error) {
    const limit = budgetError(error);
    if (limit !== null) throw limit;
    for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
      if (e instanceof MemberTooLargeError) throw e;
    }
    throw error;
  }
}

/** The budget's refusal, also when zip.js's streams wrapped it in another error. */
function budgetError(error: unknown): BudgetExceededError | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof BudgetExceededError) return e;
  }
  return null;
}

/** Any failure of reading a pack, as the sentence the user reads. */
function asPackError(error: unknown): unknown {
  if (error instanceof IconError) return error;
  const limit = budgetError(error);
  if (limit !== null) {
    const { name } = limit.limit;
    if (name === 'archive-entries') {
      return new IconError(
        `This file holds more than ${PACK_MAX_ZIP_ENTRIES.toLocaleString('en-US')} files, far more than any icon pack. Tessera stopped reading it: nothing was imported.`,
        limit.details,
      );
    }
    return new IconError(
      `This file unpacks to more than ${sizeText(ICON_LIMITS.packUnpackedMaxBytes)}, far more than any icon pack. Tessera stopped reading it: nothing was imported.`,
      limit.details,
    );
  }
  if (error instanceof MemberTooLargeError) {
    return new IconError(
      'This icon pack’s pack.json is far larger than any icon pack needs. Nothing was imported.',
      error.message,
    );
  }
  if (error instanceof ImportError) {
    // zip.js refuses a whole ZIP whose member names climb out of it ("../x"); say so in words.
    const cause = error.cause instanceof Error ? error.cause.message : '';
    if (/unsafe file ?name/i.test(cause)) {
      return new IconError(
        'This file names a path outside itself, which no icon pack needs. Nothing was imported.',
        cause,
      );
    }
    return new IconError(NOT_A_PACK, error.message);
  }
  return error;
}
