// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Recognises, by name alone, the copies a file-synchronisation tool leaves beside the vault when two
 * computers changed it before they had seen each other's change (issue #18: one vault on several
 * computers), and says which names Tessera's own save machinery makes that another computer never
 * needs. Pure: no file system, no clock; the caller lists the folder and reads each candidate's
 * header, whose vault id decides whether it is a copy of this vault at all.
 *
 * The name forms, with their sources (docs/dev/sync-testing.md has the full table):
 *
 * - Syncthing: `vault.sync-conflict-YYYYMMDD-HHMMSS-ABCDEF1.tessera`, the marker before the last
 *   extension, the time in the local time of the computer that made the copy, the 7-character short
 *   id of a device (base32, A-Z and 2-7; any of A-Z and 0-9 is taken, as examples in the wild use
 *   them), empty in copies of files older Syncthing wrote without one (Syncthing FAQ "What if
 *   there is a conflict?", quoted in forum.syncthing.net/t/15113; lib/model/folder_sendrecv.go,
 *   moveForConflict/conflictName). Measured with Syncthing 1.19.2 (test/sync/syncthing.test.ts): the
 *   device named is the one whose change *won* (the copy holds the other one's bytes), and the time
 *   is that of the computer where the copy appeared.
 * - Dropbox: `vault (Alice's conflicted copy 2026-12-05).tessera`: the editor's name (or the
 *   computer's), "conflicted copy" and the date (help.dropbox.com/syncing-uploads/conflicted-copy);
 *   a number ` (1)` inside or after the parentheses is accepted too (Dropbox documents neither;
 *   both are reported for several copies on one day). Only the English form is
 *   recognised; Dropbox writes it in the user's language, so other languages fall to the rule below.
 * - Nextcloud and ownCloud desktop clients: `vault (conflicted copy 2026-12-05 101010).tessera`,
 *   with the user's name before the date in newer clients (nextcloud/desktop src/common/utility.cpp,
 *   makeConflictFileName; docs.nextcloud.com …/desktop/conflicts.html; doc.owncloud.com/desktop/next/
 *   conflicts.html); a name clash on a case-insensitive disk gives `vault (case clash from 2026-12-05
 *   101010).tessera` (same file, makeCaseClashConflictFileName).
 * - Older ownCloud (and early Nextcloud) clients: `vault_conflict-20261205-101010.tessera`, or
 *   `vault_conflict_<user>-20261205-101010.tessera` when CSYNC_CONFLICT_FILE_USERNAME was set
 *   (owncloud/client src/libsync/propagatedownload.cpp, makeConflictFileName).
 * - OneDrive: the kept copy gets the computer's name after a dash, `vault-DESKTOP-ABC.tessera`
 *   (reported in skilion/onedrive#265, #338 and abraunegg/onedrive#207 for the clients that imitate
 *   it; Microsoft documents no format). Any `vault-<something>.tessera` matches, so a file the user
 *   named `vault-old.tessera` is reported as OneDrive's too: the vault id decides.
 * - iCloud Drive: `vault 2.tessera`, `vault 3.tessera` (observed and described at
 *   mentalfaculty.tumblr.com/post/102519824251; Apple documents no format). Finder names a duplicate
 *   the same way.
 * - Resilio Sync: `vault.Conflict.tessera` (also `.Conflict1`, `.Conflict 2`) when two names clash
 *   (help.resilio.com/hc/en-us/articles/204753629); for two edits of one file it keeps the newer and
 *   moves the older to `.sync/Archive` (…/articles/204754239), so nothing appears beside the vault.
 *
 * Whatever the name, any other file with the vault's extension in the folder is a candidate too
 * ({@link vaultCandidate}): names are translated, renamed by hand, or made by tools not listed here.
 */

export type SyncTool = 'syncthing' | 'dropbox' | 'nextcloud' | 'owncloud' | 'onedrive' | 'icloud' | 'resilio';

export interface ConflictCopy {
  /** The tool whose naming the file follows (`nextcloud` covers the ownCloud clients that name alike). */
  readonly tool: SyncTool;
  /** The device, user or computer the name carries, or null when it carries none. */
  readonly device: string | null;
  /**
   * The date (`YYYY-MM-DD`) or date and time (`YYYY-MM-DDTHH:MM:SS`) the name carries, as written:
   * local time of some computer, no zone. Null when the name carries none.
   */
  readonly when: string | null;
}

/** Why a file in the vault's folder may be a copy of the vault; its vault id decides. */
export type VaultCandidate =
  { readonly kind: 'conflict-copy'; readonly copy: ConflictCopy } | { readonly kind: 'same-extension' };

/** How deep copies of copies are followed back to the vault's name. */
const MAX_NESTING = 4;
const MAX_NAME_LENGTH = 1024;

/** The last path segment (either separator), in Unicode NFC so macOS's decomposed names compare equal. */
function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return name.slice(cut + 1).normalize('NFC');
}

interface Split {
  readonly stem: string;
  /** With its dot, or '' when there is none. */
  readonly ext: string;
}

/**
 * Stem and extension. Go's filepath.Ext (Syncthing) takes a leading dot as an extension; the Qt
 * clients and the others do not.
 */
function split(name: string, leadingDotIsExtension: boolean): Split {
  const dot = name.lastIndexOf('.');
  if (dot < 0 || (dot === 0 && !leadingDotIsExtension)) return { stem: name, ext: '' };
  return { stem: name.slice(0, dot), ext: name.slice(dot) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` if the parts make a real calendar date, else null. */
function calendarDate(y: string, m: string, d: string): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${y}-${m}-${d}`;
}

/** `YYYY-MM-DDTHH:MM:SS` if the parts make a real date and clock time, else null. */
function dateTime(y: string, mo: string, d: string, h: string, mi: string, s: string): string | null {
  const date = calendarDate(y, mo, d);
  if (!date || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${date}T${h}:${mi}:${s}`;
}

/** One tool's naming: given the vault's stem and extension, the copy's marker or null. */
interface Rule {
  readonly tool: SyncTool;
  readonly leadingDotIsExtension: boolean;
  /** Loose forms are tried last, after copies of copies, since they also match those. */
  readonly loose?: true;
  /** Matches `marker` (what stands between the stem and the extension); returns device and time. */
  readonly marker: (marker: string) => Omit<ConflictCopy, 'tool'> | null;
}

const RULES: readonly Rule[] = [
  {
    tool: 'syncthing',
    leadingDotIsExtension: true,
    marker(marker) {
      const m = /^\.sync-conflict-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-([A-Z0-9]{7})?)?$/.exec(marker);
      if (!m) return null;
      const when = dateTime(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!);
      return when ? { device: m[7] ?? null, when } : null;
    },
  },
  {
    tool: 'nextcloud',
    leadingDotIsExtension: false,
    marker(marker) {
      const m =
        /^ \((?:conflicted copy (?:([^()/\\]+?) )?|case clash from )(\d{4})-(\d{2})-(\d{2}) (\d{2})(\d{2})(\d{2})\)$/.exec(
          marker,
        );
      if (!m) return null;
      const when = dateTime(m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!);
      return when ? { device: m[1] ?? null, when } : null;
    },
  },
  {
    tool: 'dropbox',
    leadingDotIsExtension: false,
    marker(marker) {
      const m =
        /^ \(([^()/\\]+?)['\u2019]s conflicted copy (\d{4})-(\d{2})-(\d{2})(?: \((\d+)\))?\)(?: \((\d+)\))?$/.exec(
          marker,
        );
      if (!m || (m[5] !== undefined && m[6] !== undefined)) return null;
      const when = calendarDate(m[2]!, m[3]!, m[4]!);
      return when ? { device: m[1]!, when } : null;
    },
  },
  {
    tool: 'owncloud',
    leadingDotIsExtension: false,
    marker(marker) {
      const m = /^_conflict(?:_([^/\\]+?))?-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(marker);
      if (!m) return null;
      const when = dateTime(m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!);
      return when ? { device: m[1] ?? null, when } : null;
    },
  },
  {
    tool: 'resilio',
    leadingDotIsExtension: false,
    marker: (marker) => (/^\.Conflict(?: ?[1-9]\d{0,3})?$/.test(marker) ? { device: null, when: null } : null),
  },
  {
    tool: 'icloud',
    leadingDotIsExtension: false,
    marker: (marker) => (/^ (?:[2-9]|[1-9]\d{1,3})$/.test(marker) ? { device: null, when: null } : null),
  },
  {
    // Last: the loosest form. A computer name is at most 63 characters and holds no character
    // Windows forbids in a file name.
    tool: 'onedrive',
    leadingDotIsExtension: false,
    loose: true,
    marker(marker) {
      const m = /^-([^/\\:*?"<>|]{1,63})$/.exec(marker);
      const name = m?.[1];
      if (!name || name.trim() !== name || [...name].some((c) => c.charCodeAt(0) < 0x20)) return null;
      return { device: name, when: null };
    },
  },
];

/** `file` as one tool's copy of `vault`, the marker standing right between stem and extension. */
function matchDirect(file: string, vault: string, loose: boolean): ConflictCopy | null {
  for (const rule of RULES) {
    if ((rule.loose ?? false) !== loose) continue;
    const { stem, ext } = split(vault, rule.leadingDotIsExtension);
    if (file.length <= vault.length || !file.startsWith(stem) || !file.endsWith(ext)) continue;
    const found = rule.marker(file.slice(stem.length, file.length - ext.length));
    if (found) return { tool: rule.tool, ...found };
  }
  return null;
}

/** The tools that mark a copy of a copy again, and where their marker starts. */
const NESTING: readonly (readonly [Rule, string])[] = RULES.flatMap((rule): (readonly [Rule, string])[] => {
  if (rule.tool === 'dropbox' || rule.tool === 'nextcloud') return [[rule, ' (']];
  if (rule.tool === 'owncloud') return [[rule, '_conflict']];
  // Syncthing never copies a conflict copy again (moveForConflict); the others are not known to.
  return [];
});

function match(file: string, vault: string, depth: number): ConflictCopy | null {
  return matchDirect(file, vault, false) ?? matchNested(file, vault, depth) ?? matchDirect(file, vault, true);
}

/** A copy of a copy: the outermost marker names the last conflict, so it is the one reported. */
function matchNested(file: string, vault: string, depth: number): ConflictCopy | null {
  if (depth >= MAX_NESTING) return null;
  const { ext } = split(vault, false);
  if (!file.endsWith(ext)) return null;
  const body = file.slice(0, file.length - ext.length);
  for (const [rule, token] of NESTING) {
    for (let at = body.indexOf(token, 1); at > 0; at = body.indexOf(token, at + 1)) {
      const outer = rule.marker(body.slice(at));
      if (!outer) continue;
      const inner = body.slice(0, at) + ext;
      if (inner !== vault && match(inner, vault, depth + 1)) return { tool: rule.tool, ...outer };
    }
  }
  return null;
}

/**
 * The sync tool whose conflict copy of `vaultFileName` the file `fileName` looks like, with the
 * device and time its name carries; null when the name is not such a copy (the vault itself, a
 * backup `vault.tessera.bak`, `vault2.tessera`, another vault's name). Both arguments may be paths:
 * only the last segment counts.
 */
export function conflictCopyOf(fileName: string, vaultFileName: string): ConflictCopy | null {
  const file = baseName(fileName);
  const vault = baseName(vaultFileName);
  if (!file || !vault || file === vault || file.length > MAX_NAME_LENGTH || vault.length > MAX_NAME_LENGTH) {
    return null;
  }
  return match(file, vault, 0);
}

/**
 * Whether `fileName`, beside the vault, may be a copy of it: a recognised conflict copy, or any
 * other file with the vault's extension (translated Dropbox names, a copy renamed by hand, tools not
 * listed). The caller opens each candidate's header and keeps those with this vault's id.
 */
export function vaultCandidate(fileName: string, vaultFileName: string): VaultCandidate | null {
  const copy = conflictCopyOf(fileName, vaultFileName);
  if (copy) return { kind: 'conflict-copy', copy };
  const file = baseName(fileName);
  const vault = baseName(vaultFileName);
  const { ext } = split(vault, false);
  if (!ext || file === vault || file === ext || !file.endsWith(ext)) return null;
  return { kind: 'same-extension' };
}

/** Names Tessera's save machinery makes beside the vault (electron/vault/storage.ts, docs/vault-format.md §7). */
export interface TesseraSideFiles {
  /** In-flight temp files: `.~<vault>.<computer tag>.<16 hex>.tmp`. */
  readonly temp: readonly string[];
  /** Each computer's lock, held for the length of one save: `.~<vault>.<computer tag>.lock`. */
  readonly lock: string;
  /** The previous generation, kept on each computer to recover from a damaged save. */
  readonly previous: string;
  /**
   * A session's accounts written beside the vault when the file there had changed to a key this
   * computer does not hold (electron/vault/unmerged-copy.ts): merged here after the next unlock,
   * so no other computer needs it (it would ask there for this computer's older password).
   */
  readonly unmerged: string;
}

export interface SyncIgnorePatterns {
  /** Tessera's own files beside the vault, as glob patterns on a file name. */
  readonly tessera: TesseraSideFiles;
  /**
   * Lines for Syncthing's `.stignore` at the root of the shared folder. `(?d)` lets Syncthing delete
   * them when their folder is removed; no leading `/`, so they match in any subfolder.
   */
  readonly syncthing: readonly string[];
  /**
   * Lines for the Nextcloud (and ownCloud) desktop client's ignore list (Settings → General → Edit
   * ignored files, which is `sync-exclude.lst`; or a `.sync-exclude.lst` in the synchronised
   * folder). A leading `]` lets the client delete them when their folder is removed.
   */
  readonly nextcloud: readonly string[];
  /**
   * Dropbox cannot exclude files by pattern: its ignore mark (`com.dropbox.ignored`) is set file by
   * file, and temp files have new random names each save. (An ignore-rules file is in open beta,
   * for individual accounts only, since December 2025.) Names starting with `.~`, as the temp files
   * and locks do, are reported to be skipped by Dropbox itself.
   */
  readonly dropbox: null;
}

/**
 * A file name as a glob pattern matching only itself, as nearly as these tools allow: characters
 * that are special in `.stignore` or `sync-exclude.lst` (wildcards, ranges, escapes, the `!`, `#`,
 * `(`, `]` that start a special line) become `?`, which matches exactly one character.
 */
/** The vault's name without its extension, as unmerged-copy.ts names its files. */
function unmergedStem(name: string): string {
  return split(name, false).stem;
}

function literalGlob(name: string): string {
  return name.replace(/[*?[\]{}\\!#()|]/g, '?');
}

/**
 * The names Tessera makes beside `vaultFileName` and the lines that keep them out of each sync tool:
 * `.~<vault>.*` (the temp files and every computer's lock; the Nextcloud and ownCloud clients skip
 * these unasked, by their `]*.~*` rule) and `<vault>.prev`. None needs to reach another computer,
 * and each sync of them is noise: two computers' `.prev` files conflict on every save, and a temp
 * file caught mid-save is transferred for nothing (a lock from another computer no longer makes a
 * save wait: each computer has its own, lock-file.ts).
 */
export function syncIgnorePatterns(vaultFileName: string): SyncIgnorePatterns {
  const vault = literalGlob(baseName(vaultFileName));
  const tessera: TesseraSideFiles = {
    temp: [`.~${vault}.*.tmp`],
    lock: `.~${vault}.*.lock`,
    previous: `${vault}.prev`,
    unmerged: `${unmergedStem(vault)}.tessera-unmerged-*`,
  };
  const all = [`.~${vault}.*`, tessera.previous, tessera.unmerged];
  return {
    tessera,
    syncthing: all.map((p) => `(?d)${p}`),
    nextcloud: all.map((p) => `]${p}`),
    dropbox: null,
  };
}
