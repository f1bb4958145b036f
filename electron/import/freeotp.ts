// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * FreeOTP files (docs/formats.md §8).
 *
 * - Version 1 (and FreeOTP+ before its database): the app's internal `shared_prefs/tokens.xml`, from
 *   a rooted phone or an app-data backup — one JSON token per string (secret as signed bytes), plus
 *   `tokenOrder`. The first versions stored each token as an `otpauth://` link instead (with
 *   `issueralt`/`labelalt` for names edited in the app); those are read too.
 * - Version 2 backup (`externalBackup.xml` by name, but a serialized Java HashMap<String, String>):
 *   `masterKey` (PBKDF2-HMAC-SHA1/SHA512 → AES-GCM unwrap, AAD mToken) and per token `<uuid>` (its
 *   secret, AES-GCM under the master key) and `<uuid>-token` (parameters).
 *
 * A token's names: the one edited in the app (`issuerAlt`, `labelAlt`) wins, then `issuerExt` (the
 * label's prefix), then `issuerInt` (the link's `issuer`) — FreeOTP's own Token.getIssuer/getLabel.
 *
 * Detection: the Java serialization magic (`AC ED 00 05`) with a HashMap class behind it; or a
 * shared_prefs `<map>` with FreeOTP's token fields (`issuerExt`), or its `tokenOrder` beside links.
 */
import { looksLikePrefs, readSharedPrefs } from './android-prefs';
import { WorkBudget } from './budget';
import { aesGcmDecrypt, passwordRequired, pbkdf2Key, wrongPassword } from './crypto';
import { EntryCollector, describe, secretFromByteArray, type EntryDraft } from './entries';
import {
  DAMAGED_ENTRY,
  EntryProblem,
  fileLevel,
  int,
  isRecord,
  optStr,
  otpParameterFields,
  rec,
  str,
  type JsonRecord,
} from './fields';
import { isJavaSerialized, JavaSerializationError, readJavaStringMap } from './java-serialized';
import { draftFromLink } from './links';
import { chargeJson } from './prescan';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'FreeOTP';
const KDFS: Readonly<Record<string, 'sha1' | 'sha512'>> = {
  PBKDF2withHmacSHA1: 'sha1',
  PBKDF2withHmacSHA512: 'sha512',
};

export const freeOtpFormat: ImportFormat = {
  id: 'freeotp',
  name: NAME,
  detect(bytes) {
    if (isJavaSerialized(bytes)) return isSerializedHashMap(bytes) ? 0.95 : 0;
    return looksLikeFreeOtpPrefs(bytes) ? 0.9 : 0;
  },
  needsPassword: (bytes) => isJavaSerialized(bytes),
  async parse(bytes, password, budget = new WorkBudget()) {
    return isJavaSerialized(bytes) ? readV2(bytes, password, budget) : readTokensXml(bytes, 'freeotp', budget);
  },
};

/** A shared_prefs map of FreeOTP tokens: JSON tokens (`issuerExt`), or `tokenOrder` beside `otpauth://` links. */
export function looksLikeFreeOtpPrefs(bytes: Uint8Array): boolean {
  return (
    looksLikePrefs(bytes, 'issuerExt') || (looksLikePrefs(bytes, 'tokenOrder') && looksLikePrefs(bytes, 'otpauth://'))
  );
}

/** `AC ED 00 05`, a new object of a new class named java.util.HashMap (what FreeOTP 2 writes). */
function isSerializedHashMap(bytes: Uint8Array): boolean {
  const name = 'java.util.HashMap';
  if (bytes[4] !== 0x73 || bytes[5] !== 0x72 || bytes[6] !== 0 || bytes[7] !== name.length) return false;
  return Buffer.from(bytes.subarray(8, 8 + name.length)).toString('latin1') === name;
}

/** One FreeOTP token (v1 XML value, v2 `-token` value, FreeOTP+ `tokens[]` item) with its secret bytes. */
export function freeOtpTokenDraft(token: JsonRecord, secret: Uint8Array): EntryDraft {
  const type = str(token, 'type');
  const issuer = nonEmpty(token, 'issuerAlt') ?? optStr(token, 'issuerExt') ?? optStr(token, 'issuerInt');
  const steam = type.toLowerCase() === 'totp' && (optStr(token, 'issuerExt') ?? issuer) === 'Steam';
  return {
    type: steam ? 'steam' : type,
    issuer,
    account: optStr(token, 'labelAlt') ?? optStr(token, 'label'),
    secret,
    ...otpParameterFields(token, 'algo'),
  };
}

/** The text at `key` unless absent, null or empty. */
function nonEmpty(obj: JsonRecord, key: string): string | undefined {
  const value = optStr(obj, key);
  return value === '' ? undefined : value;
}

/**
 * FreeOTP's `tokens.xml` (FreeOTP 1.x, and FreeOTP+ before its database): every string but
 * `tokenOrder` is one token, as JSON or, in the first versions, as an `otpauth://` link.
 */
export function readTokensXml(bytes: Uint8Array, format: 'freeotp' | 'freeotp-plus', budget: WorkBudget): ImportResult {
  const prefs = readSharedPrefs(bytes, NAME, budget);
  const collector = new EntryCollector(format, budget);
  let index = 0;
  let links = 0;
  for (const [name, pref] of prefs) {
    if (name === 'tokenOrder' || pref.kind !== 'string') continue;
    const link = /^\s*otpauth:\/\//i.test(pref.value);
    if (link) links++;
    collector.add(
      index++,
      () => name,
      () => {
        if (link) return tokenFromLink(pref.value);
        const token = parseTokenJson(pref.value, budget);
        return freeOtpTokenDraft(token, secretFromByteArray(token['secret']));
      },
    );
  }
  return collector.result(
    links > 0 ? 'internal storage, tokens as links (shared_prefs XML)' : 'internal storage (shared_prefs XML)',
  );
}

/**
 * A token stored as a link (FreeOTP's first versions): names edited in the app in `issueralt` and
 * `labelalt`, and the HOTP counter one ahead of the stored one (FreeOTP's Token(Uri) subtracts 1).
 */
function tokenFromLink(text: string): EntryDraft {
  const draft = draftFromLink(text.trim());
  const params = new URLSearchParams(text.slice(text.indexOf('?') + 1));
  const issuer = params.get('issueralt');
  const account = params.get('labelalt');
  const steam = draft.type === 'totp' && draft.issuer === 'Steam';
  return {
    ...draft,
    ...(steam ? { type: 'steam' } : {}),
    ...(issuer !== null && issuer !== '' ? { issuer } : {}),
    ...(account !== null ? { account } : {}),
    ...(draft.type === 'hotp' && draft.counter !== undefined ? { counter: Math.max(0, draft.counter - 1) } : {}),
  };
}

/** One token's JSON, charged to the budget. @throws EntryProblem; BudgetExceededError. */
function parseTokenJson(text: string, budget: WorkBudget): JsonRecord {
  chargeJson(budget, text);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new EntryProblem('the token is not valid JSON');
  }
  if (!isRecord(value)) throw new EntryProblem('the token is not an object');
  return value;
}

interface Sealed {
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
  readonly nonce: Uint8Array;
  readonly aad: Uint8Array;
}

/** An `{mCipher, mCipherText, mParameters, mToken}` object (Java GCM appends the tag to the ciphertext). */
function sealed(obj: JsonRecord): Sealed {
  if (str(obj, 'mCipher') !== 'AES/GCM/NoPadding') throw new EntryProblem('the cipher is not AES/GCM/NoPadding');
  const data = secretFromByteArray(obj['mCipherText']);
  if (data.length < 16) throw new EntryProblem('the ciphertext is too short');
  return {
    ciphertext: data.subarray(0, -16),
    tag: data.subarray(-16),
    nonce: gcmNonce(secretFromByteArray(obj['mParameters'])),
    aad: Buffer.from(str(obj, 'mToken'), 'utf8'),
  };
}

/** The nonce in DER `GCMParameters ::= SEQUENCE { OCTET STRING nonce, INTEGER tagLength }` (or a bare OCTET STRING). */
function gcmNonce(der: Uint8Array): Uint8Array {
  const read = (at: number): { tag: number; start: number; end: number } => {
    const tag = der[at];
    let len = der[at + 1];
    let start = at + 2;
    if (len === 0x81) {
      len = der[at + 2];
      start = at + 3;
    }
    if (tag === undefined || len === undefined || len > 0x80 || start + len > der.length) {
      throw new EntryProblem('the GCM parameters are damaged');
    }
    return { tag, start, end: start + len };
  };
  let node = read(0);
  if (node.tag === 0x30) node = read(node.start);
  if (node.tag !== 0x04 || node.end - node.start < 8) throw new EntryProblem('the GCM parameters hold no nonce');
  return der.subarray(node.start, node.end);
}

async function readV2(bytes: Uint8Array, password: string | undefined, budget: WorkBudget): Promise<ImportResult> {
  let map: Map<string, string>;
  try {
    map = readJavaStringMap(bytes, budget);
  } catch (error) {
    if (!(error instanceof JavaSerializationError)) throw error;
    throw new ImportError('corrupt', `This FreeOTP backup is damaged (${error.message}).`, { cause: error });
  }
  const master = fileLevel('The FreeOTP master key', () => {
    const json = map.get('masterKey');
    if (json === undefined) throw new EntryProblem(DAMAGED_ENTRY, { details: "'masterKey' is missing" });
    const mk = parseTokenJson(json, budget);
    const digest = KDFS[str(mk, 'mAlgorithm')];
    if (digest === undefined) throw new EntryProblem('the key derivation is not PBKDF2 with SHA-1 or SHA-512');
    return {
      digest,
      iterations: int(mk, 'mIterations'),
      salt: secretFromByteArray(mk['mSalt']),
      key: sealed(rec(mk, 'mEncryptedKey')),
    };
  });
  if (password === undefined) throw passwordRequired(NAME);
  const charge = { budget, format: 'freeotp' } as const;
  const passKey = await pbkdf2Key(password, master.salt, master.iterations, 32, master.digest, charge);
  const { ciphertext, nonce, tag, aad } = master.key;
  const masterKey = aesGcmDecrypt(passKey, nonce, ciphertext, tag, aad);
  passKey.fill(0);
  if (masterKey === null) throw wrongPassword(NAME);
  try {
    return readTokens(map, masterKey, budget).result('encrypted backup (FreeOTP 2)');
  } finally {
    masterKey.fill(0);
  }
}

function readTokens(map: ReadonlyMap<string, string>, masterKey: Uint8Array, budget: WorkBudget): EntryCollector {
  const collector = new EntryCollector('freeotp', budget);
  let index = 0;
  for (const [uuid, value] of map) {
    if (uuid === 'masterKey' || uuid.endsWith('-token')) continue;
    const tokenJson = map.get(`${uuid}-token`);
    const token = tokenJson === undefined ? null : safeJson(tokenJson, budget);
    collector.add(
      index++,
      () => (token === null ? uuid : describe(token['issuerExt'], token['label'])),
      () => {
        if (token === null) throw new EntryProblem('the token parameters are missing or damaged');
        const box = sealed(parseTokenJson(str(parseTokenJson(value, budget), 'key'), budget));
        const secret = aesGcmDecrypt(masterKey, box.nonce, box.ciphertext, box.tag, box.aad);
        if (secret === null) throw new EntryProblem('the secret does not decrypt: the backup was modified');
        return freeOtpTokenDraft(token, secret);
      },
    );
  }
  return collector;
}

function safeJson(text: string, budget: WorkBudget): JsonRecord | null {
  try {
    return parseTokenJson(text, budget);
  } catch (error) {
    if (error instanceof EntryProblem) return null;
    throw error;
  }
}
