// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authy's Android token stores (docs/formats.md §8), the files a rooted phone or an app-data backup
 * yields from `shared_prefs/`:
 *
 * - `com.authy.storage.tokens.authenticator.xml`: the string `com.authy.storage.tokens.authenticator.key`
 *   holds a JSON array of the user's own accounts. Each carries either a `decryptedSecret` (base32)
 *   or an `encryptedSecret` + `salt` (when Authy's backups are on): PBKDF2-HMAC-SHA1(backup password,
 *   UTF-8 salt, 1000) → AES-256-CBC with a zero IV → base32 text. Authy stores no algorithm or
 *   period: SHA1 and 30 s. Names follow Aegis's rules (originalIssuer, else originalName
 *   "Issuer:…", else name "Issuer - …", else the account type).
 * - `com.authy.storage.tokens.authy.xml`: the string `com.authy.storage.tokens.authy.key` holds the
 *   accounts of sites that use Authy itself: `secretSeed` (hex), `digits` (7), 10-second codes; the
 *   `name` is the site (issuer), with no account name (as Aegis).
 *
 * Detection: a shared_prefs `<map>` holding one of the two keys.
 */
import { WorkBudget } from './budget';
import { aesCbcDecrypt, passwordRequired, pbkdf2Key, wrongPassword } from './crypto';
import { looksLikePrefs, readSharedPrefs } from './android-prefs';
import { EntryCollector, describe, secretFromBase32, secretFromHex, strictBase64, type EntryDraft } from './entries';
import { EntryProblem, isRecord, optInt, optStr, parseJson, str, tryDecodeUtf8, type JsonRecord } from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Authy';
const AUTHENTICATOR_KEY = 'com.authy.storage.tokens.authenticator.key';
const AUTHY_KEY = 'com.authy.storage.tokens.authy.key';
const ITERATIONS = 1000;
const ZERO_IV = new Uint8Array(16);
/** Authy's own codes (Aegis's AuthyImporter): SHA1, the token's digits, 10 s. */
const AUTHY_PERIOD = 10;

interface TokenList {
  readonly list: readonly unknown[];
  /** Which store: the user's own accounts, or the accounts of sites that use Authy. */
  readonly store: 'authenticator' | 'authy';
}

function tokens(bytes: Uint8Array, budget: WorkBudget): TokenList {
  const prefs = readSharedPrefs(bytes, NAME, budget);
  const authenticator = prefs.get(AUTHENTICATOR_KEY);
  const authy = prefs.get(AUTHY_KEY);
  const pref = authenticator ?? authy;
  if (pref === undefined) {
    throw new ImportError('corrupt', 'This Authy file holds no accounts: it may be another file of the app.', {
      details: `This Authy file has neither '${AUTHENTICATOR_KEY}' nor '${AUTHY_KEY}'.`,
    });
  }
  const list = parseJson(pref.value, 'The Authy token list', budget);
  if (!Array.isArray(list)) throw new ImportError('corrupt', 'The Authy token list is not a list.');
  return { list, store: authenticator === undefined ? 'authy' : 'authenticator' };
}

const isEncryptedToken = (t: unknown): boolean =>
  isRecord(t) && typeof t['encryptedSecret'] === 'string' && typeof t['decryptedSecret'] !== 'string';

export const authyFormat: ImportFormat = {
  id: 'authy',
  name: NAME,
  detect: (bytes) => (looksLikePrefs(bytes, AUTHENTICATOR_KEY) || looksLikePrefs(bytes, AUTHY_KEY) ? 0.98 : 0),
  needsPassword(bytes) {
    try {
      return tokens(bytes, new WorkBudget()).list.some(isEncryptedToken);
    } catch {
      return false;
    }
  },
  async parse(bytes, password, budget = new WorkBudget()) {
    const { list, store } = tokens(bytes, budget);
    budget.atMost('accounts', list.length);
    const secrets =
      store === 'authenticator' ? await decryptSecrets(list, password, budget) : new Map<number, string>();
    const collector = new EntryCollector('authy', budget);
    list.forEach((raw, index) => {
      const t = isRecord(raw) ? raw : {};
      collector.add(
        index,
        () => describe(t['originalIssuer'] ?? (store === 'authy' ? t['name'] : undefined), t['name']),
        () => {
          if (!isRecord(raw)) throw new EntryProblem('the token is not an object');
          return store === 'authy' ? authyToken(raw) : authenticatorToken(raw, secrets.get(index));
        },
      );
    });
    return collector.result(variantOf(store, secrets.size > 0));
  },
};

function variantOf(store: TokenList['store'], encrypted: boolean): string {
  if (store === 'authy') return 'internal storage, accounts of sites using Authy (shared_prefs XML)';
  return encrypted ? 'internal storage, encrypted accounts (shared_prefs XML)' : 'internal storage (shared_prefs XML)';
}

function authenticatorToken(raw: JsonRecord, decrypted: string | undefined): EntryDraft {
  return {
    type: 'totp',
    ...names(raw),
    secret: secretFromBase32(decrypted ?? str(raw, 'decryptedSecret')),
    algorithm: 'SHA1',
    digits: optInt(raw, 'digits'),
    period: 30,
  };
}

function authyToken(raw: JsonRecord): EntryDraft {
  return {
    type: 'totp',
    issuer: optStr(raw, 'name'),
    account: '',
    secret: secretFromHex(str(raw, 'secretSeed')),
    algorithm: 'SHA1',
    digits: optInt(raw, 'digits'),
    period: AUTHY_PERIOD,
  };
}

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

/** Aegis's AuthyImporter.sanitizeEntryInfo for the user's own accounts. */
function names(raw: JsonRecord): { issuer: string; account: string } {
  const originalIssuer = optStr(raw, 'originalIssuer');
  const originalName = optStr(raw, 'originalName') ?? '';
  const name = optStr(raw, 'name') ?? '';
  let issuer: string;
  let separator = '';
  if (originalIssuer !== undefined) {
    issuer = originalIssuer;
  } else if (originalName.includes(':')) {
    issuer = originalName.slice(0, originalName.indexOf(':'));
    separator = ':';
  } else if (name.includes(' - ')) {
    issuer = name.slice(0, name.indexOf(' - '));
    separator = ' - ';
  } else {
    const type = optStr(raw, 'accountType') ?? '';
    issuer = type.charAt(0).toUpperCase() + type.slice(1);
  }
  let account = issuer + separator === '' ? name : name.split(issuer + separator).join('');
  if (account.startsWith(': ')) account = account.slice(2);
  return { issuer, account };
}
