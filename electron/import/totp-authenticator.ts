// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * TOTP Authenticator (BinaryBoot) backups (docs/formats.md §8): base64 text of AES-256-CBC with key
 * SHA-256(password) and a zero IV, over a JSON object whose first key is itself a JSON array of
 * JSON strings, one per entry `{base: 16|32|64, key, name, issuer}`. Every entry is TOTP SHA1/6/30.
 */
import { WorkBudget } from './budget';
import { aesCbcDecrypt, passwordRequired, sha256Key, wrongPassword } from './crypto';
import { chargeJson } from './prescan';
import { EntryCollector, describe, secretFromBase32, secretFromBase64, secretFromHex, strictBase64 } from './entries';
import { EntryProblem, int, isRecord, optStr, str, tryDecodeUtf8, type JsonRecord } from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = 'TOTP Authenticator';
const ZERO_IV = new Uint8Array(16);

function ciphertextOf(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length > 64 * 1024 * 1024) return null;
  const text = tryDecodeUtf8(bytes);
  if (text === null || !/^[A-Za-z0-9+/=\s]+$/.test(text)) return null;
  const data = strictBase64(text);
  return data !== null && data.length >= 16 && data.length % 16 === 0 ? data : null;
}

export const totpAuthenticatorFormat: ImportFormat = {
  id: 'totp-authenticator',
  name: NAME,
  detect(bytes, fileName) {
    if (ciphertextOf(bytes) === null) return 0;
    return fileName !== undefined && /\.bin$/i.test(fileName) ? 0.6 : 0.5;
  },
  needsPassword: () => true,
  async parse(bytes, password, budget = new WorkBudget()) {
    const data = ciphertextOf(bytes);
    if (data === null) {
      throw new ImportError('corrupt', 'This TOTP Authenticator backup is damaged: export it from the app again.', {
        details: 'This TOTP Authenticator backup is not base64 of encrypted data.',
      });
    }
    if (password === undefined) throw passwordRequired(NAME);
    const key = sha256Key(password, { budget, format: 'totp-authenticator' });
    const plain = aesCbcDecrypt(key, ZERO_IV, data);
    key.fill(0);
    const list = plain === null ? null : entryList(plain, budget);
    if (list === null) throw wrongPassword(NAME); // CBC: a wrong key shows as bad padding or garbage
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
          };
        },
      );
    });
    return collector.result();
  },
};

/** The entry strings: the first key of the decrypted object, parsed as a JSON array. Null if not that shape. */
function entryList(plain: Uint8Array, budget: WorkBudget): readonly unknown[] | null {
  const text = tryDecodeUtf8(plain);
  if (text === null) return null;
  chargeJson(budget, text);
  try {
    const obj = JSON.parse(text) as unknown;
    const first = isRecord(obj) ? Object.keys(obj)[0] : undefined;
    if (first === undefined) return isRecord(obj) ? [] : null;
    chargeJson(budget, first);
    const list = JSON.parse(first) as unknown;
    return Array.isArray(list) ? list : null;
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

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
  throw new EntryProblem(`unknown secret encoding base ${base}`);
}
