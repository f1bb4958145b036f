// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The binary container and its JSON header (docs/vault-format.md §2–3):
 *
 *   magic (8) ‖ u16le formatVersion ‖ u32le headerLen ‖ header (headerLen bytes, UTF-8 JSON)
 *   ‖ payload nonce (24) ‖ payload ciphertext ‖ tag (16)
 *
 * The payload AAD is the exact prefix up to the end of the header, so every header byte (version,
 * cipher, slots, KDF parameters, generation) is authenticated. Parsing never re-serialises the
 * header: the bytes read are the bytes authenticated.
 */
import { corrupt, VaultError } from './errors';
import { NONCE_BYTES, SALT_BYTES, TAG_BYTES } from './crypto';
import { KDF_CEILING, KDF_FLOOR, kdfParamsInBounds, type KdfParams } from './kdf';
import { assertKdfWorkBudget } from './kdf-budget';
import {
  parseJsonBytes,
  readArray,
  readBase64,
  readEnum,
  readInt,
  readObject,
  readString,
  toBase64,
} from './json-fields';

/** "\x89TSV\r\n\x1a\n": PNG-style, so text-mode transfers (CRLF, 7-bit, EOF) are detected as `corrupt`. */
export const MAGIC = Uint8Array.of(0x89, 0x54, 0x53, 0x56, 0x0d, 0x0a, 0x1a, 0x0a);
/**
 * The container version this build writes. Format 2 changed only the payload's `meta`
 * (docs/vault-format.md §6); the container, header and cryptography are those of format 1.
 */
export const FORMAT_VERSION = 2;
/** The container versions this build reads (a format 1 file is saved again as format 2). */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];
/**
 * Highest version a later Tessera will ever write (the u16's high byte stays 0). A version above
 * it, or 0, is a damaged field, not a newer file (docs/vault-format.md §2).
 */
export const MAX_PLAUSIBLE_FORMAT_VERSION = 255;
/** magic + u16 version + u32 header length. */
export const FIXED_PREFIX_BYTES = 14;
/** Upper bound on the header, checked before reading it. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** Upper bound on a whole vault file (10,000 entries are ~3 MiB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** At most this many key slots. */
export const MAX_SLOTS = 16;
/** The only payload cipher of format versions 1 and 2. */
export const AEAD_ID = 'xchacha20poly1305-ietf';
/** The only KDF algorithm of format versions 1 and 2 (libsodium `crypto_pwhash_ALG_ARGON2ID13`). */
export const KDF_ALG = 'argon2id13';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLOT_TYPE_RE = /^[a-z][a-z0-9-]{0,31}$/;

/** Argon2id parameters and salt of a password slot. */
export interface SlotKdf extends KdfParams {
  readonly alg: typeof KDF_ALG;
  readonly salt: Uint8Array;
}

/** Unlock by master password: the data key wrapped under Argon2id(password, salt). */
export interface PasswordSlot {
  readonly id: string;
  readonly type: 'password';
  readonly kdf: SlotKdf;
  readonly nonce: Uint8Array;
  /** XChaCha20-Poly1305 IETF of the 32-byte data key: 48 bytes. */
  readonly wrappedKey: Uint8Array;
}

/** A slot type this build does not know (a later os-keychain or recovery slot): kept as it was. */
export interface OpaqueSlot {
  readonly id: string;
  readonly type: string;
  readonly json: Readonly<Record<string, unknown>>;
}

export type Slot = PasswordSlot | OpaqueSlot;

/** The authenticated, non-secret header. */
export interface VaultHeader {
  /** Random UUID fixed at creation: tells "another save of this vault" from "another vault". */
  readonly vaultId: string;
  /** 1 at creation, +1 per save. */
  readonly generation: number;
  readonly createdAt: number;
  readonly savedAt: number;
  readonly aead: typeof AEAD_ID;
  readonly slots: readonly Slot[];
}

/** A parsed file: the header, the exact AAD bytes, and the sealed payload. */
export interface ParsedContainer {
  readonly formatVersion: number;
  readonly header: VaultHeader;
  /** magic ‖ version ‖ headerLen ‖ header bytes: the payload AAD. */
  readonly aad: Uint8Array;
  readonly nonce: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export function isPasswordSlot(slot: Slot): slot is PasswordSlot {
  return slot.type === 'password' && 'kdf' in slot;
}

/** Serialises the header in the fixed key order of docs/vault-format.md §3. */
export function encodeHeader(header: VaultHeader): Uint8Array {
  const slots = header.slots.map((slot) =>
    isPasswordSlot(slot)
      ? {
          id: slot.id,
          type: slot.type,
          kdf: {
            alg: slot.kdf.alg,
            opslimit: slot.kdf.opslimit,
            memlimit: slot.kdf.memlimit,
            salt: toBase64(slot.kdf.salt),
          },
          nonce: toBase64(slot.nonce),
          wrappedKey: toBase64(slot.wrappedKey),
        }
      : slot.json,
  );
  const json = JSON.stringify({
    vaultId: header.vaultId,
    generation: header.generation,
    createdAt: header.createdAt,
    savedAt: header.savedAt,
    aead: header.aead,
    slots,
  });
  const bytes = new TextEncoder().encode(json);
  if (bytes.length > MAX_HEADER_BYTES) throw new RangeError('Vault header too large');
  return bytes;
}

/** magic ‖ u16le version ‖ u32le length ‖ header: the prefix that is also the payload AAD. */
export function containerPrefix(headerBytes: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(FIXED_PREFIX_BYTES + headerBytes.length);
  const view = new DataView(prefix.buffer);
  prefix.set(MAGIC, 0);
  view.setUint16(8, FORMAT_VERSION, true);
  view.setUint32(10, headerBytes.length, true);
  prefix.set(headerBytes, FIXED_PREFIX_BYTES);
  return prefix;
}

/** The whole file: prefix ‖ nonce ‖ ciphertext‖tag. */
export function assembleContainer(prefix: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + nonce.length + ciphertext.length);
  out.set(prefix, 0);
  out.set(nonce, prefix.length);
  out.set(ciphertext, prefix.length + nonce.length);
  return out;
}

/**
 * Parses and validates a whole file without any key, in the order of docs/vault-format.md §8:
 * container, version, header JSON, header fields, KDF bounds and the password-work budget. Every
 * refusal happens here, before anything is derived.
 *
 * A version this build does not read is `unsupported-version` only when it is a plausible later one (3 … 255)
 * and the container around it holds (header length, file length, a strict UTF-8 JSON object as
 * header), which every later format keeps; otherwise the version field is damaged: `corrupt`.
 */
export function parseContainer(file: Uint8Array): ParsedContainer {
  if (file.length > MAX_FILE_BYTES) throw corrupt('file larger than 64 MiB');
  if (file.length < FIXED_PREFIX_BYTES) throw corrupt('file too short');
  for (let i = 0; i < MAGIC.length; i++) if (file[i] !== MAGIC[i]) throw corrupt('not a Tessera vault file');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const formatVersion = view.getUint16(8, true);
  if (formatVersion === 0 || formatVersion > MAX_PLAUSIBLE_FORMAT_VERSION) {
    throw corrupt(`its format version field is damaged (${formatVersion})`);
  }
  const headerLen = view.getUint32(10, true);
  if (headerLen === 0 || headerLen > MAX_HEADER_BYTES) throw corrupt('header length out of range');
  const headerEnd = FIXED_PREFIX_BYTES + headerLen;
  if (file.length < headerEnd + NONCE_BYTES + TAG_BYTES) throw corrupt('file truncated');
  const aad = file.slice(0, headerEnd);
  const json = parseJsonBytes(aad.subarray(FIXED_PREFIX_BYTES), 'header');
  if (!READABLE_FORMAT_VERSIONS.includes(formatVersion)) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw corrupt('header is not an object');
    throw new VaultError(
      'unsupported-version',
      `This vault was saved by a newer version of Tessera (format ${formatVersion}; this version reads ` +
        `formats ${READABLE_FORMAT_VERSIONS.join(' and ')}). Update Tessera to open it.`,
    );
  }
  const header = parseHeader(json);
  return {
    formatVersion,
    header,
    aad,
    nonce: file.slice(headerEnd, headerEnd + NONCE_BYTES),
    ciphertext: file.slice(headerEnd + NONCE_BYTES),
  };
}

function parseHeader(value: unknown): VaultHeader {
  const h = readObject(value, 'header', ['vaultId', 'generation', 'createdAt', 'savedAt', 'aead', 'slots']);
  const slots = readArray(h.slots, 'header.slots', MAX_SLOTS).map((s, i) => parseSlot(s, `slot ${i + 1}`));
  if (slots.length === 0) throw corrupt('no key slots');
  if (new Set(slots.map((s) => s.id)).size !== slots.length) throw corrupt('duplicate slot ids');
  // §4: one recovery key at most, so "the vault's recovery key" is never ambiguous.
  if (slots.filter((s) => s.type === 'recovery').length > 1) throw corrupt('more than one recovery slot');
  const header: VaultHeader = {
    vaultId: readUuid(h.vaultId, 'header.vaultId'),
    generation: readInt(h.generation, 'header.generation', 1, Number.MAX_SAFE_INTEGER),
    createdAt: readInt(h.createdAt, 'header.createdAt', 0, Number.MAX_SAFE_INTEGER),
    savedAt: readInt(h.savedAt, 'header.savedAt', 0, Number.MAX_SAFE_INTEGER),
    aead: readEnum(h.aead, 'header.aead', [AEAD_ID] as const),
    slots,
  };
  // After every field (§8 step 6), and before anything is derived.
  assertKdfWorkBudget(slots.filter(isPasswordSlot).map((s) => s.kdf));
  return header;
}

function parseSlot(value: unknown, where: string): Slot {
  const loose = readObject(value, where, ['id', 'type'], Object.keys(value ?? {}));
  const id = readUuid(loose.id, `${where} id`);
  const type = loose.type;
  if (typeof type !== 'string' || !SLOT_TYPE_RE.test(type)) throw corrupt(`${where} has an invalid type`);
  if (type !== 'password') return { id, type, json: loose };
  const s = readObject(value, where, ['id', 'type', 'kdf', 'nonce', 'wrappedKey']);
  const k = readObject(s.kdf, `${where} kdf`, ['alg', 'opslimit', 'memlimit', 'salt']);
  const alg = readEnum(k.alg, `${where} kdf.alg`, [KDF_ALG] as const);
  const opslimit = readInt(k.opslimit, `${where} kdf.opslimit`, 0, 0xffffffff);
  const memlimit = readInt(k.memlimit, `${where} kdf.memlimit`, 0, Number.MAX_SAFE_INTEGER);
  if (!kdfParamsInBounds({ opslimit, memlimit })) {
    throw new VaultError(
      'corrupt',
      `The vault's key-derivation settings (Argon2id ops ${opslimit}, ${memlimit / 1048576} MiB) are outside the ` +
        `range Tessera accepts (ops ${KDF_FLOOR.opslimit}–${KDF_CEILING.opslimit}, ` +
        `${KDF_FLOOR.memlimit / 1048576}–${KDF_CEILING.memlimit / 1048576} MiB). The file was altered or made by ` +
        'other software; restore a backup or the previous version.',
      { reason: 'kdf-out-of-bounds' },
    );
  }
  return {
    id,
    type,
    kdf: { alg, opslimit, memlimit, salt: readBase64(k.salt, `${where} kdf.salt`, SALT_BYTES) },
    nonce: readBase64(s.nonce, `${where} nonce`, NONCE_BYTES),
    wrappedKey: readBase64(s.wrappedKey, `${where} wrappedKey`, 32 + TAG_BYTES),
  };
}

function readUuid(value: unknown, where: string): string {
  const s = readString(value, where, 36);
  if (!UUID_RE.test(s)) throw corrupt(`${where} is not a UUID`);
  return s;
}
