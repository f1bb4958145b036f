// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * andOTP backups (docs/formats.md §4): a plain JSON array, or encrypted without magic bytes —
 * current format `iterations(4, BE) ‖ salt(12) ‖ nonce(12) ‖ AES-256-GCM ciphertext ‖ tag(16)`
 * with PBKDF2-HMAC-SHA1, old format `nonce ‖ ciphertext ‖ tag` with key SHA-256(password).
 * Old-format entries have no issuer: their label "Issuer - account" is split at the first " - ".
 */
import { WorkBudget } from './budget';
import { PBKDF2_ITERATION_WORK } from './budget-limits';
import { chargeJson } from './prescan';
import { aesGcmDecrypt, passwordRequired, pbkdf2Key, sha256Key, wrongPassword, type KdfCharge } from './crypto';
import { EntryCollector, describe, secretFromBase32, type EntryDraft } from './entries';
import {
  decodeUtf8,
  EntryProblem,
  isRecord,
  optStr,
  otpParameterFields,
  parseJson,
  sniffJson,
  str,
  type JsonRecord,
} from './fields';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'andOTP';
const MAX_ITERATIONS = 10_000_000;
const HEADER = 4 + 12 + 12;
const TAG = 16;

function looksLikeAndOtp(value: unknown): value is readonly unknown[] {
  if (!Array.isArray(value)) return false;
  const first: unknown = value[0];
  return (
    value.length === 0 ||
    (isRecord(first) && 'secret' in first && ('label' in first || 'type' in first) && !('otpGenerator' in first))
  );
}

function iterationsOf(bytes: Uint8Array): number {
  return bytes.length >= HEADER + TAG ? Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0) : 0;
}

export const andOtpFormat: ImportFormat = {
  id: 'andotp',
  name: NAME,
  detect(bytes, fileName) {
    const json = sniffJson(bytes);
    if (json !== undefined) return looksLikeAndOtp(json) && Array.isArray(json) && json.length > 0 ? 0.9 : 0;
    // Encrypted files have no magic: a plausible iteration count is all there is.
    const n = iterationsOf(bytes);
    const plausible = n >= 1 && n <= MAX_ITERATIONS ? 0.3 : 0;
    return plausible > 0 && fileName !== undefined && /\.aes$/i.test(fileName) ? 0.45 : plausible;
  },
  needsPassword: (bytes) => sniffJson(bytes) === undefined,
  async parse(bytes, password, budget = new WorkBudget()) {
    const json = sniffJson(bytes);
    if (json !== undefined) {
      if (!Array.isArray(json)) throw new ImportError('corrupt', 'This andOTP backup is not a list of accounts.');
      chargeJson(budget, decodeUtf8(bytes, 'This andOTP backup')); // parsed once already, by sniffJson
      return readEntries(json, false, budget);
    }
    if (bytes.length < 12 + TAG)
      throw new ImportError('corrupt', 'This andOTP backup is too short to be encrypted data.');
    if (password === undefined) throw passwordRequired(NAME);
    const plain = await decrypt(bytes, password, { budget, format: 'andotp' });
    if (plain === null) throw wrongPassword(NAME);
    const what = 'The decrypted andOTP backup';
    const list = parseJson(decodeUtf8(plain.data, what), what, budget);
    if (!Array.isArray(list))
      throw new ImportError('corrupt', 'The decrypted andOTP backup is not a list of accounts.');
    return readEntries(list, plain.oldFormat, budget);
  },
};

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
  const current = affordable ? await decryptCurrent(bytes, password, iterations, charge) : null;
  if (current !== null) return { data: current, oldFormat: false };
  const old = decryptOld(bytes, password, charge);
  if (old !== null) return { data: old, oldFormat: true };
  if (!affordable && iterations >= 1 && iterations <= MAX_ITERATIONS) {
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
  const plain = aesGcmDecrypt(key, bytes.subarray(0, 12), bytes.subarray(12, -TAG), bytes.subarray(-TAG));
  key.fill(0);
  return plain;
}

function readEntries(list: readonly unknown[], oldFormat: boolean, budget: WorkBudget): ImportResult {
  const collector = new EntryCollector('andotp', budget);
  list.forEach((raw, index) => {
    const e = isRecord(raw) ? raw : {};
    collector.add(
      index,
      () => describe(e['issuer'], e['label']),
      () => draft(raw, oldFormat),
    );
  });
  return collector.result();
}

function draft(raw: unknown, oldFormat: boolean): EntryDraft {
  if (!isRecord(raw)) throw new EntryProblem('the entry is not an object');
  const names = oldFormat && raw['issuer'] === undefined ? splitOldLabel(optStr(raw, 'label') ?? '') : namesOf(raw);
  const tags = Array.isArray(raw['tags']) ? (raw['tags'] as unknown[]) : [];
  return {
    type: str(raw, 'type'),
    ...names,
    secret: secretFromBase32(str(raw, 'secret')),
    ...otpParameterFields(raw, 'algorithm'),
    group: tags.find((t): t is string => typeof t === 'string' && t.trim() !== ''),
  };
}

function namesOf(raw: JsonRecord): { issuer: string | undefined; account: string | undefined } {
  return { issuer: optStr(raw, 'issuer'), account: optStr(raw, 'label') };
}

function splitOldLabel(label: string): { issuer: string; account: string } {
  const at = label.indexOf(' - ');
  return at < 0 ? { issuer: '', account: label } : { issuer: label.slice(0, at), account: label.slice(at + 3) };
}
