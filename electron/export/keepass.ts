// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export to KeePassXC (and KeePass 2.48+): a KDBX 4.0 database written by electron/kdbx, protected by
 * a password alone. The root group "Tessera" holds the accounts without tags and one subgroup per
 * first tag; each account is an entry with Title = issuer (the account when there is no issuer),
 * UserName = account, an empty Password, Notes = notes, Tags = its tags (and "Favourite" for a
 * favourite, as KeePassXC marks one; written separated by `,`), and its
 * `otpauth://` link in KeePassXC's protected `otp` field (keepassxreboot/keepassxc src/core/Totp.cpp):
 * Steam as KeePassXC writes it, `otpauth://totp/…&digits=5&encoder=steam`; HOTP keeps its counter in
 * the link (KeePassXC 2.7 computes only TOTP: it shows no correct code for such an entry, Tessera
 * reads it back exactly).
 *
 * Fixed KDF parameters, KeePassXC-like ({@link KEEPASS_EXPORT_KDF}). Seeds, IVs, salt and the
 * inner-stream key are fresh from node:crypto for every file.
 */
import { writeKdbx, type KdfSettings, type WriteDatabase, type WriteEntry, type WriteGroup } from '../kdbx';
import { toOtpauthUri } from '../otp';
import type { ExportEntry } from './types';

/**
 * Argon2id with KeePassXC's memory and lanes for a 2-core machine (64 MiB, parallelism 2) and 16
 * passes: about 1.1 s to open in Tessera (hash-wasm, one thread, ~65 ms a pass) and about 0.8 s of CPU
 * over two threads (~0.5 s) in keepassxc-cli on the 2-core machine this was measured on. KeePassXC's
 * own 1-second setting there is ~35 passes; 16 keeps Tessera's import of its own export near a second.
 */
export const KEEPASS_EXPORT_KDF: KdfSettings = Object.freeze({
  kind: 'argon2id',
  memoryBytes: 64 * 1024 * 1024,
  iterations: 16,
  parallelism: 2,
});

const ROOT_NAME = 'Tessera';
const FAVOURITE_TAG = 'Favourite';

interface MutableGroup extends WriteGroup {
  readonly entries: WriteEntry[];
  readonly groups: MutableGroup[];
}

/**
 * A KDBX 4 database (Argon2id KDF) holding one entry per account, its otpauth:// link in KeePassXC's
 * `otp` attribute, protected by `password`.
 */
export function exportKeePass(entries: readonly ExportEntry[], password: string): Promise<Uint8Array> {
  return writeKdbx(keePassDatabase(entries), { password, kdf: KEEPASS_EXPORT_KDF, cipher: 'aes256' });
}

/** The database the export writes: root "Tessera", one subgroup per first tag, in first-seen order. */
export function keePassDatabase(entries: readonly ExportEntry[]): WriteDatabase {
  const root: MutableGroup = { name: ROOT_NAME, entries: [], groups: [] };
  const groups = new Map<string, MutableGroup>();
  for (const entry of entries) {
    const name = entry.tags?.[0] ?? '';
    let target = root;
    if (name !== '') {
      target = groups.get(name) ?? { name, entries: [], groups: [] };
      if (!groups.has(name)) {
        groups.set(name, target);
        root.groups.push(target);
      }
    }
    target.entries.push(keePassEntry(entry));
  }
  return { generator: 'Tessera', name: ROOT_NAME, root };
}

function keePassEntry(entry: ExportEntry): WriteEntry {
  return {
    fields: [
      { key: 'Title', value: entry.issuer !== '' ? entry.issuer : entry.account },
      { key: 'UserName', value: entry.account },
      { key: 'Password', value: '', protected: true },
      { key: 'URL', value: '' },
      { key: 'Notes', value: entry.notes ?? '' },
      { key: 'otp', value: keePassXcLink(entry), protected: true },
    ],
    tags: [...(entry.tags ?? []), ...(entry.favourite === true ? [FAVOURITE_TAG] : [])],
  };
}

/** The account's link as KeePassXC reads it: Steam as a 5-digit TOTP with `encoder=steam`. */
export function keePassXcLink(entry: ExportEntry): string {
  if (entry.type === 'steam') return `${toOtpauthUri({ ...entry, type: 'totp', digits: 5 })}&encoder=steam`;
  return toOtpauthUri(entry);
}
