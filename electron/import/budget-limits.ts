// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How much work one import may cost, declared once (policy as data): every count, size and key
 * derivation a foreign file can make Tessera perform has a row here, with why it is that value.
 * The values sit far above what any real export needs (a few hundred accounts, kilobytes) and far
 * below what hurts a 2-core laptop: each was measured with the worst file it admits (scripts/bench/
 * hostile.ts). budget.ts reads the table; nothing else holds a limit.
 *
 * Memory is counted here, not left to a worker's `resourceLimits`: those cap the JavaScript heap
 * only, while the big allocations of an import (inflated ZIP data, the SQLite engine's copy of a
 * database, a key derivation's memory) are ArrayBuffers, WebAssembly and native memory.
 */
import { ENTRY_LIMITS } from '../domain';
import type { ImportFormatId } from './types';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The name of a limit: stable, shown in `details` and in `--json`. */
export type LimitName =
  | 'file-bytes'
  | 'archive-entries'
  | 'archive-bytes'
  | 'xml-elements'
  | 'xml-attributes'
  | 'xml-attributes-per-element'
  | 'xml-references'
  | 'json-depth'
  | 'json-values'
  | 'json-text'
  | 'database-rows'
  | 'lines'
  | 'csv-cells'
  | 'reference-expansion'
  | 'accounts'
  | 'key-slots'
  | 'memory'
  | 'qr-codes';

/** One row: the value, and the words of the message that names it. */
export interface Limit {
  readonly value: number;
  /** How the value is written for people: a count ("200,000") or a size ("16 MB"). */
  readonly unit: 'count' | 'bytes';
  /** The start of the message, `{limit}` standing for the value: "This file has more than {limit} XML elements". */
  readonly exceeded: string;
  /** What real files have, after a semicolon: "exports from authenticator apps have a few hundred". */
  readonly usual: string;
  /** Why this value (for the docs, the benchmark and reviewers; never shown as an error). */
  readonly why: string;
}

/** Every limit of one import. A row's value may be lowered for a test through WorkBudget's options. */
export const IMPORT_LIMITS: Readonly<Record<LimitName, Limit>> = Object.freeze({
  'file-bytes': {
    value: 50 * MiB,
    unit: 'bytes',
    exceeded: 'This file is larger than {limit}',
    usual: 'exports from authenticator apps are a few kilobytes, a few megabytes with icons',
    why: 'Refused before a byte is parsed; every other limit is measured on files up to this size.',
  },
  'archive-entries': {
    value: 1_000,
    unit: 'count',
    exceeded: 'This ZIP file holds more than {limit} files',
    usual: 'an Authenticator Plus export holds one or two',
    why: 'Read from the ZIP central directory before any entry is listed or inflated (480,000 entries took 3.8 GB).',
  },
  'archive-bytes': {
    value: 16 * MiB,
    unit: 'bytes',
    exceeded: 'This ZIP file unpacks to more than {limit}',
    usual: 'an Authenticator Plus export unpacks to a few kilobytes',
    why: 'Declared sizes are checked first and every inflate stops at what is left, whatever the header claims.',
  },
  'xml-elements': {
    value: 200_000,
    unit: 'count',
    exceeded: 'This file has more than {limit} XML elements',
    usual: 'exports from authenticator apps have a few hundred',
    why: 'Counted before parsing; 200,000 elements parse in ~1.6 s and ~160 MB (1.55 million took 21 s, 2.3 GB).',
  },
  'xml-attributes': {
    value: 400_000,
    unit: 'count',
    exceeded: 'This file has more than {limit} XML attributes',
    usual: 'Android settings files have two per element',
    why: 'Two per element at the element limit; counted before parsing (3 million took 41 s, 3.1 GB).',
  },
  'xml-attributes-per-element': {
    value: 16,
    unit: 'count',
    exceeded: 'This file has an XML element with more than {limit} attributes',
    usual: 'Android settings files have at most two',
    why: 'The parser spends ~1 KB per distinct attribute of one element: 400,000 on one element took 4 s, 480 MB.',
  },
  'xml-references': {
    value: 500_000,
    unit: 'count',
    exceeded: 'This file has more than {limit} escaped characters in its XML',
    usual: 'an Authy file of a thousand accounts has about 40,000',
    why: 'Entity and character references, counted before parsing (10 million took 7.3 s, 1.9 GB); DOCTYPE is refused.',
  },
  'json-depth': {
    value: 64,
    unit: 'count',
    exceeded: 'This file nests its data more than {limit} levels deep',
    usual: 'exports from authenticator apps nest five or six',
    why: 'Checked by a scan before JSON.parse, so no parser or reader recurses deeper.',
  },
  'json-values': {
    value: 1_000_000,
    unit: 'count',
    exceeded: 'This file has more than {limit} values in its data',
    usual: 'an export of a thousand accounts has about 20,000',
    why: 'Counted by the same scan; a million small values parse in ~0.5 s and ~200 MB.',
  },
  'json-text': {
    value: 64_000_000,
    unit: 'count',
    exceeded: 'This file asks Tessera to read more than {limit} characters of data',
    usual: 'an export is a few thousand to a few million',
    why: 'Every JSON text parsed in one import, added up: nested and repeated texts cannot multiply the work.',
  },
  'database-rows': {
    value: ENTRY_LIMITS.maxEntries,
    unit: 'count',
    exceeded: 'This database has more than {limit} rows of accounts',
    usual: 'an authenticator app keeps one row per account, and a vault holds at most that many',
    why: 'Counted with SELECT count(*) before a row is read (3 million rows took 28.8 s, 1.6 GB).',
  },
  lines: {
    value: 50_000,
    unit: 'count',
    exceeded: 'This file has more than {limit} lines',
    usual: 'a list of links has one line per account',
    why: 'Counted before the text is split; five lines per account of the vault maximum (1 million took 13.7 s, 1.7 GB).',
  },
  'csv-cells': {
    value: 1_000_000,
    unit: 'count',
    exceeded: 'This file has more than {limit} cells',
    usual: 'a Bitwarden export of a thousand logins has about 20,000',
    why: 'Fields of a Bitwarden CSV export, counted as they are read.',
  },
  'reference-expansion': {
    value: 16_000_000,
    unit: 'count',
    exceeded: 'This file’s text adds up to more than {limit} characters once its repeated parts are counted',
    usual: 'a FreeOTP backup of a hundred accounts adds up to about 100,000',
    why: 'A Java back-reference counts its string’s length each time it is used (20,000 uses of 8 MB took 140 s).',
  },
  accounts: {
    value: ENTRY_LIMITS.maxEntries,
    unit: 'count',
    exceeded: 'This file has more than {limit} accounts',
    usual: 'a Tessera vault holds at most that many',
    why: 'The vault’s own maximum (ENTRY_LIMITS.maxEntries): entries and skipped entries alike.',
  },
  'key-slots': {
    value: 16,
    unit: 'count',
    exceeded: 'This file has more than {limit} password slots',
    usual: 'Aegis writes one, or two with a backup password',
    why: 'Each slot is a key derivation; 2,000 slots at the largest scrypt cost would take about 22 hours.',
  },
  memory: {
    value: 512 * MiB,
    unit: 'bytes',
    exceeded: 'Reading this file would take more than {limit} of memory',
    usual: 'exports from authenticator apps take a few megabytes',
    why: 'Inflated data, database copies and key-derivation memory beyond the format’s one legitimate derivation.',
  },
  'qr-codes': {
    value: 50,
    unit: 'count',
    exceeded: 'This image holds more than {limit} QR codes',
    usual: 'Tessera reads at most that many in one image: crop it into smaller parts and scan each',
    why: 'Past about 50 codes in one picture the decoder (ZXing) finds fewer, not more, so a larger picture is refused.',
  },
});

/** One key derivation's cost: the memory it holds and its work (memory × passes; see KDF_CEILINGS). */
export interface KdfCost {
  readonly memoryBytes: number;
  /** Bytes × passes. scrypt: 128·r·N·p; Argon2id: memory × passes; PBKDF2: 1 KiB per iteration. */
  readonly work: number;
}

/** What a PBKDF2-HMAC iteration counts as (≈ 0.2–0.6 µs here, as Argon2id spends on 1 KiB-pass ≈ 1.4 µs). */
export const PBKDF2_ITERATION_WORK = KiB;

/** The KDF work a format may ask for: its app's real defaults × a stated margin. */
export interface KdfCeiling {
  /** The app, for messages: "Aegis". */
  readonly app: string;
  /** What the app itself writes, in words for `details`. */
  readonly defaults: string;
  /** Memory of the app's own derivation: allowed on top of the `memory` limit. */
  readonly legitimateMemoryBytes: number;
  /** Work of everything a real file of the app makes Tessera derive (every slot, every token). */
  readonly legitimateWork: number;
  /** How far above the app's own work a file may go, and why. */
  readonly margin: number;
  readonly why: string;
}

const pbkdf2 = (iterations: number): number => iterations * PBKDF2_ITERATION_WORK;

/**
 * Per format, the key-derivation work of one import, summed over every slot and attempt. Formats
 * without a row derive no key from a password (plain exports, or ZipCrypto's trivial key setup).
 */
export const KDF_CEILINGS: Readonly<Partial<Record<ImportFormatId, KdfCeiling>>> = Object.freeze({
  aegis: {
    app: 'Aegis',
    defaults: 'scrypt N=2^15, r=8, p=1 (32 MiB) per password slot, at most two password slots',
    legitimateMemoryBytes: 32 * MiB,
    legitimateWork: 2 * 32 * MiB,
    margin: 8,
    why: 'Aegis hard-codes its scrypt cost; ×8 admits other writers (N up to 2^18) and is ~1.7 s here.',
  },
  ente: {
    app: 'Ente Auth',
    defaults: 'Argon2id 1 GiB × 4 passes (or 256 MiB × 16: Ente keeps memory × passes constant)',
    legitimateMemoryBytes: 1 * GiB,
    legitimateWork: 4 * GiB,
    margin: 1.5,
    why: 'Ente’s product is fixed at 4 GiB-passes (~5.8 s here); ×1.5 allows rounding and a stronger preset, not 20 passes.',
  },
  andotp: {
    app: 'andOTP',
    defaults: 'PBKDF2-HMAC-SHA1, a random 140,000–160,000 iterations',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(160_000 + 1),
    margin: 10,
    why: '1.6 million iterations (~0.7 s); the old format’s single SHA-256 counts as one iteration.',
  },
  freeotp: {
    app: 'FreeOTP',
    defaults: 'PBKDF2-HMAC-SHA1 or SHA-512, 100,000 iterations',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(100_000),
    margin: 10,
    why: 'One master-key derivation per backup; 1 million iterations is ~0.6 s.',
  },
  authy: {
    app: 'Authy',
    defaults: 'PBKDF2-HMAC-SHA1, 1,000 iterations per encrypted account',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(1_000) * 5_000,
    margin: 1,
    why:
      'The cost per account is fixed by Tessera, not the file: 5,000 encrypted accounts (~2.2 s) is far beyond ' +
      'any real Authy backup, and keeps a crafted one within a few seconds.',
  },
  '2fas': {
    app: '2FAS',
    defaults: 'PBKDF2-HMAC-SHA256, 10,000 iterations',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(10_000),
    margin: 1,
    why: 'Fixed by the format, never read from the file.',
  },
  stratum: {
    app: 'Stratum',
    defaults: 'Argon2id 64 MiB × 3 passes, 4 lanes (legacy backups: PBKDF2-HMAC-SHA1, 64,000 iterations)',
    legitimateMemoryBytes: 64 * MiB,
    legitimateWork: 3 * 64 * MiB,
    margin: 1,
    why: 'Fixed by the format, never read from the file.',
  },
  'totp-authenticator': {
    app: 'TOTP Authenticator',
    defaults: 'one SHA-256 of the password',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(1),
    margin: 1,
    why: 'Fixed by the format, never read from the file.',
  },
  'proton-authenticator': {
    app: 'Proton Authenticator',
    defaults: 'Argon2id 19 MiB × 2 passes, 1 lane (password-protected export)',
    legitimateMemoryBytes: 19 * MiB,
    legitimateWork: 2 * 19 * MiB,
    margin: 1,
    why: 'Fixed by the format (proton-pass-common password_exporter.rs), never read from the file.',
  },
  // Rows for issue #17's formats: each importer's owner sets the real figures.
  keepass: {
    app: 'KeePass',
    defaults:
      'KeePassXC: Argon2d or Argon2id, 64 MiB, one lane per core, passes tuned to 1 s of its native multi-threaded ' +
      'Argon2 (about 35 on a 2-core laptop, 40–130 on 4–8-core desktops), or AES-KDF tuned to 1 s (83 million rounds ' +
      'here); KeePass 2: AES-KDF or Argon2 64 MiB × 2. An AES-KDF round counts as 40 byte-passes (electron/kdbx/kdf.ts)',
    legitimateMemoryBytes: 1 * GiB,
    legitimateWork: 64 * MiB * 128,
    margin: 1.5,
    why:
      'A KeePass file sets its own cost, tuned to 1 s of native multi-threaded Argon2 on the machine that saved it: ' +
      '64 MiB × 128 passes is KeePassXC’s 1-second setting on an 8-thread desktop (keepassxreboot/keepassxc#7487), ' +
      '~9 s in single-threaded hash-wasm here; ×1.5 admits 1 GiB × 12 passes or 320 million AES-KDF rounds (~13 s) ' +
      'and nothing slower. Memory up to 1 GiB, a setting KeePassXC and KeePass offer.',
  },
  bitwarden: {
    app: 'Bitwarden',
    defaults:
      'PBKDF2-HMAC-SHA256 600,000 iterations (a user may choose up to 2,000,000), or Argon2id 64 MiB × 3 passes, ' +
      '4 lanes (up to 1,024 MiB, 10 passes, 16 lanes); one derivation per export',
    legitimateMemoryBytes: 1 * GiB,
    legitimateWork: pbkdf2(2_000_000),
    margin: 2,
    why:
      'The base is Bitwarden’s largest PBKDF2 setting (2,000,000 iterations, ~0.35 s here), ten times its default ' +
      'Argon2id (64 MiB × 3, ~0.25 s); ×2 admits every PBKDF2 export and Argon2id up to ~3.8 GiB-passes ' +
      '(1 GiB × 3 ~5 s, 512 MiB × 7, 256 MiB × 10). Bitwarden’s extreme Argon2id settings (1 GiB × 4 to 10 ' +
      'passes, up to ~27 s here) are refused by name; 1 GiB of memory, Bitwarden’s maximum, is allowed.',
  },
  'proton-pass': {
    app: 'Proton Pass',
    defaults:
      'one OpenPGP passphrase packet: iterated and salted S2K, SHA-256, count byte 255 (65,011,712 bytes hashed), AES-256',
    legitimateMemoryBytes: 64 * MiB,
    legitimateWork: 65_011_712,
    margin: 4,
    why:
      'Proton Pass asks OpenPGP.js for the largest iteration count there is (WebClients ' +
      'packages/pass/lib/crypto/utils/export.ts), ~0.15 s here; ×4 admits an Argon2 S2K at OpenPGP.js’s ' +
      'default (64 MiB × 3 passes, ~0.4 s) or a second passphrase packet, not a message of sixteen. Work is ' +
      'bytes hashed (iterated S2K, held in one buffer) or memory × passes (Argon2), charged per packet before deriving.',
  },
  'authenticator-plus': {
    app: 'Authenticator Plus',
    defaults:
      'ZipCrypto (no key derivation), or ZIP AES-256 (WinZip AE-2): PBKDF2-HMAC-SHA1, 1,000 iterations, 4 blocks',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(4 * 1_000),
    margin: 1,
    why: 'Fixed by the ZIP format, never read from the file; one member (Accounts.txt) is decrypted.',
  },
  raivo: {
    app: 'Raivo OTP',
    defaults: 'ZIP AES-256 (WinZip AE-2): PBKDF2-HMAC-SHA1, 1,000 iterations, 66 bytes derived (4 blocks)',
    legitimateMemoryBytes: 0,
    legitimateWork: pbkdf2(4 * 1_000),
    margin: 1,
    why:
      'Fixed by the ZIP format, never read from the file: WinZip AES derives 2 × key length + 2 bytes, so ' +
      'AES-256 runs PBKDF2’s 1,000 iterations for each of 4 SHA-1 blocks. One member (the JSON) is decrypted.',
  },
});
