// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the codec makes of a KeePass database: groups with their names, entries with their string
 * fields (and whether each was protected), the recycle bin. Times, icons, attachments, auto-type,
 * custom data and history are not kept.
 */

export interface KdbxField {
  readonly value: string;
  /** Stored protected (`Protected="True"` in a KDBX file, `ProtectInMemory="True"` in plain XML). */
  readonly protected: boolean;
}

export interface KdbxEntry {
  /** The UUID as 32 hex digits ('' when missing or malformed). */
  readonly uuid: string;
  /** String fields by key (Title, UserName, Password, URL, Notes, custom fields), in file order. */
  readonly fields: ReadonlyMap<string, KdbxField>;
  readonly tags: readonly string[];
  /** Names of the groups from below the root group down to the entry's group ([] in the root). */
  readonly groupPath: readonly string[];
  /** The entry is in the recycle bin group or one of its subgroups. */
  readonly inRecycleBin: boolean;
}

export interface KdbxGroup {
  readonly uuid: string;
  readonly name: string;
  readonly entries: readonly KdbxEntry[];
  readonly groups: readonly KdbxGroup[];
}

export interface KdbxDatabase {
  readonly generator: string;
  readonly name: string;
  /** Meta/RecycleBinUUID as hex, null when unset. */
  readonly recycleBinUuid: string | null;
  /** KDBX 3.x: Meta/HeaderHash (SHA-256 of the outer header), when present. */
  readonly headerHash: Uint8Array | null;
  readonly root: KdbxGroup | null;
  /** Every entry of the tree (history excluded), in file order. */
  readonly entries: readonly KdbxEntry[];
}
