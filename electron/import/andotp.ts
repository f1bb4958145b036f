// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * andOTP backups (docs/formats.md §4): a plain JSON array, or encrypted without magic bytes —
 * current format `iterations(4, BE) ‖ salt(12) ‖ nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16)`
 * with PBKDF2-HMAC-SHA1, old format (before andOTP 0.6.3) `nonce ‖ ciphertext ‖ tag` with key
 * SHA-256(password). Entries without an `issuer` (andOTP before 0.7.0) have their label
 * "Issuer - account" split at the first " - ", as Aegis does.
 *
 * Detection (registry.ts's scale): a plain backup by its fields; the current encrypted format by
 * its iteration count, which andOTP 0.7.1 and later draw from 140,000–160,000 (no tolerance: the
 * draw is uniform within that inclusive range and nothing else writes it), in front of at least one
 * byte of ciphertext and cipher-like bytes. The other encrypted files — the old format, and the
 * current one from andOTP 0.6.3–0.7.0 (1,000–5,000 iterations) — carry nothing but ciphertext and
 * are recognised only by a name andOTP gives its backups (`otp_accounts….json.aes`, or one naming
 * the app) together with cipher-like content; `--format andotp` reads them whatever their name.
 */
import { WorkBudget } from './budget';
import { PBKDF2_ITERATION_WORK } from './budget-limits';
import { chargeJson } from './prescan';
import { aesGcmDecrypt, passwordRequired, pbkdf2Key, sha256Key, wrongPassword, type KdfCharge } from './crypto';
import { EntryCollector, describe, secretFromBase32, type EntryDraft } from './entries';
import {
  baseName,
  decodeUtf8,
  EntryProblem,
  isRecord,
  looksLikeCiphertext,
  optStr,
  otpParameterFields,
  parseJson,
  sniffJson,
  str,
  tryDecodeUtf8,
  type JsonRecord,
} from './fields';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'andOTP';
/** Aegis's bound on the count (AndOtpImporter): above it, the bytes are not andOTP's. */
const MAX_ITERATIONS = 10_000_000;
/** The counts andOTP 0.7.1 and later draw from (Constants.PBKDF2_MIN/MAX_ITERATIONS, later …_BACKUP_ITERATIONS). */
export const ANDOTP_ITERATIONS = Object.freeze({ min: 140_000, max: 160_000 });
/** The counts andOTP 0.6.3–0.7.0 drew from (the same constants then; Aegis bounded them at 10,000 until its PR #454). */
const EARLY_ITERATIONS = Object.freeze({ min: 1_000, max: 5_000 });
const HEADER = 4 + 12 + 12;
const NONCE = 12;
const TAG = 16;
/** The shortest old-format file: nonce, tag and the two bytes of `[]`. */
const MIN_OLD = NONCE + TAG + 2;
/** The shortest current-format file. */
const MIN_CURRENT = HEADER + TAG + 2;
/** Names andOTP gives its encrypted backups (Constants.BACKUP_FILENAME_CRYPT[_FORMAT]), or naming the app. */
const ENCRYPTED_NAME = /^otp_accounts(?:_[^/\\]*)?\.json\.aes$|andotp/i;
/** Names andOTP gives its OpenPGP backups. */
const PGP_NAME = /^otp_accounts(?:_[^/\\]*)?\.json\.(?:gpg|pgp|asc)$|andotp.*\.(?:gpg|pgp|asc)$/i;

const VARIANT = {
  plain: 'plain backup',
  current: 'encrypted backup',
  old: 'encrypted backup, old format (before andOTP 0.6.3)',
} as const;

/**
 * A non-empty JSON list whose first item has andOTP's fields: `secret` and `label` (every version
 * writes both) and one of its parameters.
 */
function looksLikeAndOtp(value: unknown): value is readonly unknown[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const first: unknown = value[0];
  return (
    isRecord(first) &&
    typeof first['secret'] === 'string' &&
    typeof first['label'] === 'string' &&
    ('type' in first || 'period' in first || 'digits' in first) &&
    !('otpGenerator' in first)
  );
}

function iterationsOf(bytes: Uint8Array): number {
  return bytes.length >= 4 ? Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0) : 0;
}

const within = (n: number, range: { readonly min: number; readonly max: number }): boolean =>
  n >= range.min && n <= range.max;

/** Cipher-like bytes behind a 4-byte header (the header itself is mostly zero bytes). */
const cipherAfterHeader = (bytes: Uint8Array): boolean => looksLikeCiphertext(bytes.subarray(4), MIN_CURRENT - 4);

/** The score of an encrypted backup (registry.ts's scale); `name` only for the variants without magic. */
function encryptedEvidence(bytes: Uint8Array, fileName: string | undefined): number {
  const n = iterationsOf(bytes);
  if (bytes.length >= MIN_CURRENT && within(n, ANDOTP_ITERATIONS) && cipherAfterHeader(bytes)) return 0.6;
  if (fileName === undefined || !ENCRYPTED_NAME.test(baseName(fileName))) return 0;
  if (bytes.length >= MIN_CURRENT && within(n, EARLY_ITERATIONS) && cipherAfterHeader(bytes)) return 0.55;
  return looksLikeCiphertext(bytes, MIN_OLD) ? 0.5 : 0;
}

/** An ASCII-armoured OpenPGP message. */
function isArmoredPgp(bytes: Uint8Array): boolean {
  const head = tryDecodeUtf8(bytes.subarray(0, 64));
  return head !== null && head.trimStart().startsWith('-----BEGIN PGP MESSAGE-----');
}

/**
 * A binary OpenPGP message as gpg and OpenKeychain write one (RFC 9580 §4–5): it opens with a
 * public-key (tag 1, version 3 or 6) or symmetric-key (tag 3, version 4–6) encrypted session key
 * packet whose length fits the file.
 */
function isBinaryPgp(bytes: Uint8Array): boolean {
  const first = bytes[0] ?? 0;
  if ((first & 0x80) === 0) return false;
  let tag: number;
  let length: number;
  let body: number;
  if ((first & 0x40) !== 0) {
    tag = first & 0x3f;
    const l = bytes[1] ?? 0xff;
    if (l < 192) [length, body] = [l, 2];
    else if (l < 224) [length, body] = [((l - 192) << 8) + (bytes[2] ?? 0) + 192, 3];
    else return false;
  } else {
    tag = (first >> 2) & 0x0f;
    const type = first & 0x03;
    if (type === 0) [length, body] = [bytes[1] ?? 0, 2];
    else if (type === 1) [length, body] = [((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0), 3];
    else return false;
  }
  const version = bytes[body] ?? 0;
  const fits = length >= 4 && body + length < bytes.length;
  return fits && ((tag === 1 && (version === 3 || version === 6)) || (tag === 3 && version >= 4 && version <= 6));
}

export const andOtpFormat: ImportFormat = {
  id: 'andotp',
  name: NAME,
  detect(bytes, fileName) {
    const json = sniffJson(bytes);
    if (json !== undefined) return looksLikeAndOtp(json) ? 0.9 : 0;
    if (fileName !== undefined && PGP_NAME.test(baseName(fileName)) && (isArmoredPgp(bytes) || isBinaryPgp(bytes))) {
      return 0.5;
    }
    return encryptedEvidence(bytes, fileName);
  },
  needsPassword: (bytes) => sniffJson(bytes) === undefined && !isArmoredPgp(bytes),
  async parse(bytes, password, budget = new WorkBudget()) {
    const json = sniffJson(bytes);
    if (json !== undefined) {
      if (!Array.isArray(json)) throw new ImportError('corrupt', 'This andOTP backup is not a list of accounts.');
      chargeJson(budget, decodeUtf8(bytes, 'This andOTP backup')); // parsed once already, by sniffJson
      return readEntries(json, VARIANT.plain, budget);
    }
    if (isArmoredPgp(bytes)) throw openPgpRefused();
    if (bytes.length < NONCE + TAG)
      throw new ImportError('corrupt', 'This andOTP backup is too short to be encrypted data.');
    if (password === undefined) throw passwordRequired(NAME);
    const plain = await decrypt(bytes, password, { budget, format: 'andotp' });
    // Nothing tells a binary OpenPGP message from andOTP's ciphertext for sure: only when neither opens.
    if (plain === null) throw isBinaryPgp(bytes) ? openPgpRefused() : wrongPassword(NAME);
    const what = 'The decrypted andOTP backup';
    const list = parseJson(decodeUtf8(plain.data, what), what, budget);
    if (!Array.isArray(list))
      throw new ImportError('corrupt', 'The decrypted andOTP backup is not a list of accounts.');
    return readEntries(list, plain.oldFormat ? VARIANT.old : VARIANT.current, budget);
  },
};

const openPgpRefused = (): ImportError =>
  new ImportError(
    'unsupported',
    'This andOTP backup is encrypted with OpenPGP, which Tessera does not read. Decrypt it with OpenKeychain or GnuPG, then import the otp_accounts.json it gives.',
  );

/**
 * Tries the current format, then the old one. The files carry no magic: an old-format file's first
 * bytes read as a random iteration count. A count above andOTP's KDF ceiling is not derived first:
 * the cheap old format is tried, and only when it fails is the count refused as the budget's limit.
 */
async function decrypt(
  bytes: Uint8Array,
  password: string,
  charge: KdfCharge,
): Promise<{ data: Buffer; oldFormat: boolean } | null> {
  const iterations = iterationsOf(bytes);
  const affordable = charge.budget.canAfford(charge.format, iterations * PBKDF2_ITERATION_WORK);
  const current =
    affordable && bytes.length >= HEADER + TAG ? await decryptCurrent(bytes, password, iterations, charge) : null;
  if (current !== null) return { data: current, oldFormat: false };
  const old = decryptOld(bytes, password, charge);
  if (old !== null) return { data: old, oldFormat: true };
  if (!affordable && iterations >= 1 && iterations <= MAX_ITERATIONS && bytes.length >= HEADER + TAG) {
    await decryptCurrent(bytes, password, iterations, charge); // throws the budget's kdf-work refusal
  }
  return null;
}

async function decryptCurrent(
  bytes: Uint8Array,
  password: string,
  iterations: number,
  charge: KdfCharge,
): Promise<Buffer | null> {
  if (iterations < 1 || iterations > MAX_ITERATIONS) return null;
  const key = await pbkdf2Key(password, bytes.subarray(4, 16), iterations, 32, 'sha1', charge);
  const plain = aesGcmDecrypt(key, bytes.subarray(16, 28), bytes.subarray(HEADER, -TAG), bytes.subarray(-TAG));
  key.fill(0);
  return plain;
}

function decryptOld(bytes: Uint8Array, password: string, charge: KdfCharge): Buffer | null {
  const key = sha256Key(password, charge);
  const plain = aesGcmDecrypt(key, bytes.subarray(0, NONCE), bytes.subarray(NONCE, -TAG), bytes.subarray(-TAG));
  key.fill(0);
  return plain;
}

function readEntries(list: readonly unknown[], variant: string, budget: WorkBudget): ImportResult {
  const collector = new EntryCollector('andotp', budget);
  list.forEach((raw, index) => {
    const e = isRecord(raw) ? raw : {};
    collector.add(
      index,
      () => describe(e['issuer'], e['label']),
      () => draft(raw),
    );
  });
  return collector.result(variant);
}

function draft(raw: unknown): EntryDraft {
  if (!isRecord(raw)) throw new EntryProblem('the entry is not an object');
  const names = raw['issuer'] === undefined ? splitOldLabel(optStr(raw, 'label') ?? '') : namesOf(raw);
  const tags = Array.isArray(raw['tags']) ? (raw['tags'] as unknown[]) : [];
  return {
    type: optStr(raw, 'type') ?? 'TOTP', // andOTP before 0.6.0 made TOTP only and wrote no type
    ...names,
    secret: secretFromBase32(str(raw, 'secret')),
    ...otpParameterFields(raw, 'algorithm'),
    tags: tags.filter((t): t is string => typeof t === 'string'),
  };
}

function namesOf(raw: JsonRecord): { issuer: string | undefined; account: string | undefined } {
  return { issuer: optStr(raw, 'issuer'), account: optStr(raw, 'label') };
}

/** andOTP before 0.7.0 had no issuer field: its label "Issuer - account" splits at the first " - ". */
function splitOldLabel(label: string): { issuer: string; account: string } {
  const at = label.indexOf(' - ');
  return at < 0 ? { issuer: '', account: label } : { issuer: label.slice(0, at), account: label.slice(at + 3) };
}
