// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * TOTP Authenticator (BinaryBoot, `com.authenticator.authservice2`; docs/formats.md §8), two files:
 *
 * - **Encrypted export** (`*.bin`): base64 text of AES-256-CBC with key SHA-256(password) and a
 *   zero IV, over a JSON object whose first key is the JSON text of the entry list (objects, or
 *   JSON strings of them) `{base: 16|32|64, key, name, issuer, digits, period, isFavorite, …}`.
 *   A backup made without a password of the user's own is encrypted under the app's built-in
 *   password "TotpAuthenticator" (Aegis `TotpAuthenticatorImporter.java` offers it): tried first
 *   when no password is given.
 * - **Internal storage** (`shared_prefs/TOTP_Authenticator_Preferences.xml`, from a rooted phone or
 *   an app-data backup): the same entries as a JSON array in the `STATIC_TOTP_CODES_LIST` string.
 *
 * Every entry is TOTP SHA1/6/30, as Aegis reads it (the `digits` and `period` strings the app
 * stores are not read; docs/formats.md §8 says why).
 *
 * Detection is on positive evidence only: the shared_prefs map with `STATIC_TOTP_CODES_LIST`, or
 * text that is exactly what the app writes — canonical base64 on one line, of at least two whole
 * AES blocks, with the mix of letter cases and digits random bytes give.
 */
import { createHash } from 'node:crypto';
import { looksLikePrefs, readSharedPrefs } from './android-prefs';
import { WorkBudget } from './budget';
import { aesCbcDecrypt, aesCbcPeek, passwordRequired, sha256Key, wrongPassword } from './crypto';
import { chargeJson } from './prescan';
import { EntryCollector, describe, secretFromBase32, secretFromBase64, secretFromHex } from './entries';
import { EntryProblem, int, isRecord, optStr, str, tryDecodeUtf8, type JsonRecord } from './fields';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'TOTP Authenticator';
const ZERO_IV = new Uint8Array(16);
const PREF_KEY = 'STATIC_TOTP_CODES_LIST';
/** The app's built-in backup password (Aegis `TotpAuthenticatorImporter.PASSWORD`). */
const DEFAULT_PASSWORD = 'TotpAuthenticator';
/** SHA-256 of the built-in password: a constant, so trying it derives nothing from the file. */
const DEFAULT_KEY = createHash('sha256').update(DEFAULT_PASSWORD, 'utf8').digest();
/** Largest text taken for an export: far above any real one, and a bound on detection's work. */
const MAX_TEXT_BYTES = 16 * 1024 * 1024;

export const VARIANTS = Object.freeze({
  encrypted: 'encrypted export',
  defaultPassword: 'encrypted export (the app’s built-in password)',
  internal: 'internal storage (shared_prefs XML)',
});

/**
 * The ciphertext, when the bytes are canonical base64 of whole AES blocks as the app writes it: one
 * line without line breaks (the app's `Base64.NO_WRAP`; one final line feed, as an editor may add,
 * is allowed); null for anything else — a shopping list, a word on each line, wrapped base64 (a MIME
 * or PEM dump), a length that is not whole blocks.
 */
export function ciphertextOf(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 44 || bytes.length > MAX_TEXT_BYTES) return null;
  let end = bytes.length;
  if (bytes[end - 1] === 0x0a) end--;
  if (bytes[end - 1] === 0x0d) end--;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] ?? 0;
    const ok =
      (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2b || b === 0x2f;
    if (!ok && !(b === 0x3d && i >= end - 2)) return null;
  }
  const compact = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('latin1');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  // Random bytes in base64 show all three kinds of character; words and numbers rarely do.
  if (!/[A-Z]/.test(compact) || !/[a-z]/.test(compact) || !/[0-9]/.test(compact)) return null;
  const data = Buffer.from(compact, 'base64');
  if (data.toString('base64') !== compact) return null; // canonical: padding and spare bits as an encoder writes them
  return data.length >= 32 && data.length % 16 === 0 ? Uint8Array.from(data) : null;
}

const isInternal = (bytes: Uint8Array): boolean => looksLikePrefs(bytes, `name="${PREF_KEY}"`);

/** Whether the app's built-in password opens the export: padding and a JSON object, from two blocks. */
function opensWithDefault(data: Uint8Array): boolean {
  const peek = aesCbcPeek(DEFAULT_KEY, ZERO_IV, data);
  return peek !== null && peek.padded && peek.head[0] === 0x7b; // '{'
}

export const totpAuthenticatorFormat: ImportFormat = {
  id: 'totp-authenticator',
  name: NAME,
  detect(bytes) {
    if (isInternal(bytes)) return 0.95;
    return ciphertextOf(bytes) === null ? 0 : 0.55;
  },
  needsPassword(bytes) {
    if (isInternal(bytes)) return false;
    const data = ciphertextOf(bytes);
    return data === null || !opensWithDefault(data);
  },
  async parse(bytes, password, budget = new WorkBudget()) {
    if (isInternal(bytes)) return readInternal(bytes, budget);
    const data = ciphertextOf(bytes);
    if (data === null) {
      throw new ImportError('corrupt', 'This TOTP Authenticator backup is damaged: export it from the app again.', {
        details: 'The file is not canonical base64 of whole AES-256-CBC blocks.',
      });
    }
    if (password === undefined) {
      const list = opensWithDefault(data) ? decrypt(DEFAULT_KEY, data, budget) : null;
      if (list === null) throw passwordRequired(NAME);
      return readEntries(list, budget, VARIANTS.defaultPassword);
    }
    const key = sha256Key(password, { budget, format: 'totp-authenticator' });
    const list = decrypt(key, data, budget);
    key.fill(0);
    if (list === null) throw wrongPassword(NAME); // CBC: a wrong key shows as bad padding or garbage
    return readEntries(list, budget, VARIANTS.encrypted);
  },
};

function decrypt(key: Uint8Array, data: Uint8Array, budget: WorkBudget): readonly unknown[] | null {
  const plain = aesCbcDecrypt(key, ZERO_IV, data);
  return plain === null ? null : entryList(plain, budget);
}

/** The entry strings: the first key of the decrypted object, parsed as a JSON array. Null if not that shape. */
function entryList(plain: Uint8Array, budget: WorkBudget): readonly unknown[] | null {
  const text = tryDecodeUtf8(plain);
  if (text === null || !/^\s*\{/.test(text)) return null;
  chargeJson(budget, text);
  try {
    const obj = JSON.parse(text) as unknown;
    if (!isRecord(obj)) return null;
    const first = Object.keys(obj)[0];
    if (first === undefined) return [];
    chargeJson(budget, first);
    const list = JSON.parse(first) as unknown;
    return Array.isArray(list) ? list : null;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

function readInternal(bytes: Uint8Array, budget: WorkBudget): ImportResult {
  const prefs = readSharedPrefs(bytes, NAME, budget);
  const value = prefs.get(PREF_KEY);
  if (value === undefined || value.kind !== 'string') {
    throw new ImportError('corrupt', 'This TOTP Authenticator settings file holds no accounts.', {
      details: `The '${PREF_KEY}' string is missing.`,
    });
  }
  chargeJson(budget, value.value);
  let list: unknown;
  try {
    list = JSON.parse(value.value) as unknown;
  } catch (cause) {
    throw new ImportError('corrupt', 'The accounts in this TOTP Authenticator settings file are damaged.', {
      cause,
      details: `'${PREF_KEY}' is not valid JSON.`,
    });
  }
  if (!Array.isArray(list)) {
    throw new ImportError('corrupt', 'The accounts in this TOTP Authenticator settings file are damaged.', {
      details: `'${PREF_KEY}' is not a list.`,
    });
  }
  return readEntries(list, budget, VARIANTS.internal);
}

function readEntries(list: readonly unknown[], budget: WorkBudget, variant: string): ImportResult {
  const collector = new EntryCollector('totp-authenticator', budget);
  list.forEach((raw, index) => {
    const e = parseEntry(raw, budget);
    collector.add(
      index,
      () => (e === null ? '' : describe(e['issuer'], e['name'])),
      () => {
        if (e === null) throw new EntryProblem('the entry is not a JSON object');
        return {
          type: 'totp',
          issuer: optStr(e, 'issuer'),
          account: optStr(e, 'name'),
          secret: secret(e),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          favourite: e['isFavorite'] === true,
        };
      },
    );
  });
  return collector.result(variant);
}

/** An entry: a JSON string in the export, an object in internal storage (org.json reads both). */
function parseEntry(raw: unknown, budget: WorkBudget): JsonRecord | null {
  if (typeof raw !== 'string') return isRecord(raw) ? raw : null;
  chargeJson(budget, raw);
  try {
    const value = JSON.parse(raw) as unknown;
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function secret(e: JsonRecord): Uint8Array {
  const base = int(e, 'base');
  const text = str(e, 'key');
  if (base === 16) return secretFromHex(text);
  if (base === 32) return secretFromBase32(text);
  if (base === 64) return secretFromBase64(text);
  throw new EntryProblem(`its secret key is written in a way Tessera does not know (base ${base})`);
}
