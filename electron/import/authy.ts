// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authy's Android token store (docs/formats.md §8): a shared_prefs XML whose string
 * `com.authy.storage.tokens.authenticator.key` holds a JSON array of tokens. Tokens carry either a
 * `decryptedSecret` (base32) or an `encryptedSecret` + `salt`: PBKDF2-HMAC-SHA1(password, UTF-8
 * salt, 1000) → AES-256-CBC with a zero IV → base32 text. Authy stores no algorithm or period:
 * SHA1 and 30 s. Issuer and name follow Aegis's rules (originalName "Issuer:…", else name
 * "Issuer - …", else the account type).
 */
import { WorkBudget } from './budget';
import { aesCbcDecrypt, passwordRequired, pbkdf2Key, wrongPassword } from './crypto';
import { looksLikePrefs, readSharedPrefs } from './android-prefs';
import { EntryCollector, describe, secretFromBase32, strictBase64 } from './entries';
import { EntryProblem, isRecord, optInt, optStr, parseJson, str, tryDecodeUtf8, type JsonRecord } from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Authy';
const KEY = 'com.authy.storage.tokens.authenticator.key';
const ITERATIONS = 1000;
const ZERO_IV = new Uint8Array(16);

function tokens(bytes: Uint8Array, budget: WorkBudget): readonly unknown[] {
  const pref = readSharedPrefs(bytes, NAME, budget).get(KEY);
  if (pref === undefined) {
    throw new ImportError('corrupt', 'This Authy file holds no accounts: it may be another file of the app.', {
      details: `This Authy file has no '${KEY}' entry.`,
    });
  }
  const list = parseJson(pref.value, 'The Authy token list', budget);
  if (!Array.isArray(list)) throw new ImportError('corrupt', 'The Authy token list is not a list.');
  return list;
}

const isEncryptedToken = (t: unknown): boolean =>
  isRecord(t) && typeof t['encryptedSecret'] === 'string' && typeof t['decryptedSecret'] !== 'string';

export const authyFormat: ImportFormat = {
  id: 'authy',
  name: NAME,
  detect: (bytes) => (looksLikePrefs(bytes, KEY) ? 0.98 : 0),
  needsPassword(bytes) {
    try {
      return tokens(bytes, new WorkBudget()).some(isEncryptedToken);
    } catch {
      return false;
    }
  },
  async parse(bytes, password, budget = new WorkBudget()) {
    const list = tokens(bytes, budget);
    budget.atMost('accounts', list.length);
    const secrets = await decryptSecrets(list, password, budget);
    const collector = new EntryCollector('authy', budget);
    list.forEach((raw, index) => {
      const t = isRecord(raw) ? raw : {};
      collector.add(
        index,
        () => describe(t['originalIssuer'], t['name']),
        () => {
          if (!isRecord(raw)) throw new EntryProblem('the token is not an object');
          const secretText = secrets.get(index) ?? str(raw, 'decryptedSecret');
          return {
            type: 'totp',
            ...names(raw),
            secret: secretFromBase32(secretText),
            algorithm: 'SHA1',
            digits: optInt(raw, 'digits'),
            period: 30,
          };
        },
      );
    });
    return collector.result();
  },
};

/** Base32 text of each encrypted token, by index. A password that opens none of them is wrong. */
async function decryptSecrets(
  list: readonly unknown[],
  password: string | undefined,
  budget: WorkBudget,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const encrypted = list.flatMap((t, i) => (isEncryptedToken(t) && isRecord(t) ? [{ t, i }] : []));
  if (encrypted.length === 0) return out;
  if (password === undefined) throw passwordRequired(NAME);
  for (const { t, i } of encrypted) {
    const data = strictBase64(String(t['encryptedSecret']));
    const salt = typeof t['salt'] === 'string' ? t['salt'] : '';
    if (data === null || salt === '') continue;
    const key = await pbkdf2Key(password, Buffer.from(salt, 'utf8'), ITERATIONS, 32, 'sha1', {
      budget,
      format: 'authy',
    });
    const plain = aesCbcDecrypt(key, ZERO_IV, data);
    key.fill(0);
    const text = plain === null ? null : tryDecodeUtf8(plain);
    if (text !== null && /^[A-Za-z2-7=\s-]+$/.test(text)) out.set(i, text);
  }
  if (out.size === 0) throw wrongPassword(NAME);
  return out;
}

function names(raw: JsonRecord): { issuer: string; account: string } {
  const originalName = optStr(raw, 'originalName') ?? '';
  const name = optStr(raw, 'name') ?? '';
  let issuer: string;
  let separator = '';
  if (originalName.includes(':')) {
    issuer = originalName.slice(0, originalName.indexOf(':'));
    separator = ':';
  } else if (name.includes(' - ')) {
    issuer = name.slice(0, name.indexOf(' - '));
    separator = ' - ';
  } else {
    const type = optStr(raw, 'accountType') ?? '';
    issuer = type.charAt(0).toUpperCase() + type.slice(1);
  }
  return { issuer, account: name.split(issuer + separator).join('') };
}
