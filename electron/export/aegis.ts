// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Aegis vault JSON, plain and encrypted (docs/formats.md §1), so Android users can take their accounts
 * to Aegis. Content is db version 3 (§1.3) with entries as in §1.4; the encrypted form follows
 * "Writing an encrypted vault" (§1.2): a random 32-byte master key encrypts the content with
 * AES-256-GCM (tag stored apart in `header.params`), and one password slot wraps the master key
 * under scrypt(N = 2^15, r = 8, p = 1) with AES-256-GCM.
 *
 * @see docs/formats.md §1
 */
import { createCipheriv, createHash, randomBytes as nodeRandomBytes, scrypt } from 'node:crypto';
import { ENTRY_LIMITS } from '../domain';
import { base32Encode } from '../otp';
import type { ExportEntry } from './types';
import { uuidV4 } from './uuid';

/** Aegis's default password-slot parameters (docs/formats.md §1.2). */
export const AEGIS_SCRYPT = Object.freeze({ n: 2 ** 15, r: 8, p: 1 });

export interface AegisExportOptions {
  /** CSPRNG; default node:crypto. Tests inject a deterministic one. */
  readonly randomBytes?: (n: number) => Uint8Array;
  /**
   * scrypt N for the password slot; default 2^15 (Aegis's). Only tests lower it (Aegis reads any
   * power of two); never lower it for a real export.
   */
  readonly scryptN?: number;
}

interface AegisEntryJson {
  readonly type: string;
  readonly uuid: string;
  readonly name: string;
  readonly issuer: string;
  readonly note: string;
  readonly favorite: boolean;
  readonly icon: string | null;
  readonly icon_mime?: string;
  readonly icon_hash?: string;
  readonly info: Readonly<Record<string, string | number>>;
  readonly groups: readonly string[];
}

function entryInfo(e: ExportEntry): Record<string, string | number> {
  const info: Record<string, string | number> = { secret: base32Encode(e.secret), algo: e.algorithm, digits: e.digits };
  if (e.type === 'hotp') info['counter'] = e.counter ?? 0;
  else info['period'] = e.period ?? ENTRY_LIMITS.defaultPeriod;
  return info;
}

/** The entry's icon as Aegis embeds it (base64, MIME type, SHA-256 of the bytes), or `icon: null`. */
function entryIcon(e: ExportEntry): Pick<AegisEntryJson, 'icon' | 'icon_mime' | 'icon_hash'> {
  if (e.iconImage === undefined) return { icon: null };
  const bytes = Buffer.from(e.iconImage.bytes.buffer, e.iconImage.bytes.byteOffset, e.iconImage.bytes.byteLength);
  return {
    icon: bytes.toString('base64'),
    icon_mime: e.iconImage.mime,
    icon_hash: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * The Aegis content object (db version 3, docs/formats.md §1.3–1.4): one group object per distinct
 * tag (Aegis's groups are Tessera's tags: several per entry), in first-seen order; one entry per
 * account with a fresh uuid, its tags' group uuids and its icon. Holds every secret (base32).
 */
export function aegisContent(
  entries: readonly ExportEntry[],
  randomBytes: (n: number) => Uint8Array = nodeRandomBytes,
): { version: 3; entries: AegisEntryJson[]; groups: { uuid: string; name: string }[] } {
  const groups = new Map<string, string>();
  for (const e of entries) {
    for (const tag of e.tags ?? []) if (!groups.has(tag)) groups.set(tag, uuidV4(randomBytes));
  }
  const list = entries.map((e): AegisEntryJson => ({
    type: e.type,
    uuid: uuidV4(randomBytes),
    name: e.account,
    issuer: e.issuer,
    note: e.notes ?? '',
    favorite: e.favourite ?? false,
    ...entryIcon(e),
    info: entryInfo(e),
    groups: (e.tags ?? []).map((tag) => groups.get(tag) ?? ''),
  }));
  return { version: 3, entries: list, groups: [...groups].map(([name, uuid]) => ({ uuid, name })) };
}

/** An unencrypted Aegis vault file (`header.slots` and `header.params` null, `db` an object). */
export function exportAegisPlain(entries: readonly ExportEntry[], options: AegisExportOptions = {}): Uint8Array {
  const db = aegisContent(entries, options.randomBytes);
  const file = { version: 1, header: { slots: null, params: null }, db };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 4)}\n`);
}

function gcmSeal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): { ct: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ct, tag: cipher.getAuthTag() };
}

function scryptKey(password: string, salt: Uint8Array, n: number): Promise<Buffer> {
  const { r, p } = AEGIS_SCRYPT;
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(password, 'utf8'), salt, 32, { N: n, r, p, maxmem: 256 * n * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * An encrypted Aegis vault file with one password slot (docs/formats.md §1.2). Aegis opens it with
 * `password`; the file reveals nothing but the entry count's order of magnitude.
 * @throws TypeError for an empty password.
 */
export async function exportAegisEncrypted(
  entries: readonly ExportEntry[],
  password: string,
  options: AegisExportOptions = {},
): Promise<Uint8Array> {
  if (password === '') throw new TypeError('The export password must not be empty.');
  const random = options.randomBytes ?? nodeRandomBytes;
  const n = options.scryptN ?? AEGIS_SCRYPT.n;
  const masterKey = Buffer.from(random(32));
  const salt = Buffer.from(random(32));
  const kek = await scryptKey(password, salt, n);
  const slotNonce = Buffer.from(random(12));
  const slot = gcmSeal(kek, slotNonce, masterKey);
  kek.fill(0);
  const content = new TextEncoder().encode(JSON.stringify(aegisContent(entries, random)));
  const nonce = Buffer.from(random(12));
  const db = gcmSeal(masterKey, nonce, content);
  masterKey.fill(0);
  content.fill(0);
  const passwordSlot = {
    type: 1,
    uuid: uuidV4(random),
    key: slot.ct.toString('hex'),
    key_params: { nonce: slotNonce.toString('hex'), tag: slot.tag.toString('hex') },
    n,
    r: AEGIS_SCRYPT.r,
    p: AEGIS_SCRYPT.p,
    salt: salt.toString('hex'),
    repaired: true,
    is_backup: false,
  };
  const file = {
    version: 1,
    header: { slots: [passwordSlot], params: { nonce: nonce.toString('hex'), tag: db.tag.toString('hex') } },
    db: db.ct.toString('base64'),
  };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 4)}\n`);
}
