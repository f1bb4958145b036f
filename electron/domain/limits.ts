// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one table of bounds and defaults for an entry, read by the vault's validation and payload
 * reader, the OTP validator and link parser, the importers, the CLI and the IPC validators. One
 * table, so a value the vault stores passes every layer that handles it (a backup's 10,000-character
 * notes can be restored, edited and exported, and the export imported again).
 */
import type { OtpAlgorithm } from './entry';
import { TAG_LIMITS } from './tags';

/** The longest secret the vault stores, in bytes. */
const SECRET_MAX_BYTES = 1024;

/** Every bound an entry must respect, and the OTP defaults. Lengths are in UTF-16 code units (JavaScript `length`). */
export const ENTRY_LIMITS = Object.freeze({
  /** The issuer and the account name, each. */
  nameMaxLength: 256,
  /** One tag, and how many tags one account has. */
  tagMaxLength: TAG_LIMITS.maxLength,
  maxTags: TAG_LIMITS.maxTags,
  notesMaxLength: 10_000,
  secretMinBytes: 1,
  secretMaxBytes: SECRET_MAX_BYTES,
  /** Secret text (base32): the longest secret with its `=` padding, 1640 characters. */
  secretTextMaxLength: Math.ceil(SECRET_MAX_BYTES / 5) * 8,
  /** An `otpauth://` link. */
  uriMaxLength: 4096,
  /** RFC 4226 §5.3 allows 6–8; real services use 5–10 (5 is Steam's length, 10 the 31-bit maximum). */
  digitsMin: 5,
  digitsMax: 10,
  defaultDigits: 6,
  /** Seconds. RFC 6238 §5.2 recommends 30; a few services use 60 or longer. */
  periodMin: 1,
  periodMax: 3600,
  defaultPeriod: 30,
  defaultAlgorithm: 'SHA1' as OtpAlgorithm,
  /** Steam Guard codes are fixed: 5 characters, SHA-1, 30 s. */
  steamDigits: 5,
  steamPeriod: 30,
  steamAlgorithm: 'SHA1' as OtpAlgorithm,
  /** Accounts in one vault. */
  maxEntries: 10_000,
  /** Secrets shorter than this (80 bits, Google's default) are accepted with a warning. RFC 4226 §4 asks for ≥ 128 bits. */
  weakSecretBytes: 10,
});

/** Minimum length of a master password (and of a Tessera backup's password); the window adds strength feedback. */
export const MIN_PASSWORD_LENGTH = 10;

/** Bounds on icons a user brings: images set as an account's icon, and Aegis icon packs. */
export const ICON_LIMITS = Object.freeze({
  /** An image file chosen as an icon is refused above this size before it is read whole. */
  fileMaxBytes: 5 * 1024 * 1024,
  /** A custom icon as stored in the vault (after an SVG is sanitised), each. */
  storedMaxBytes: 128 * 1024,
  /** All custom icons of one vault together. */
  storedTotalMaxBytes: 8 * 1024 * 1024,
  /** Width and height of a PNG or JPEG icon, each. */
  maxPixels: 1024,
  /** An icon pack ZIP on disk. */
  packFileMaxBytes: 64 * 1024 * 1024,
  /** All files of a pack once unpacked (a ZIP bomb stops here), and one file of it. */
  packUnpackedMaxBytes: 128 * 1024 * 1024,
  packMemberMaxBytes: 1024 * 1024,
  /** Icons in one pack. */
  packMaxIcons: 20_000,
});
