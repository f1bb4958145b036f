// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proton Authenticator exports (docs/formats.md §8; proton-pass-common
 * `proton-authenticator/src/entry/exporter.rs` and `password_exporter.rs`):
 *
 * - **plain**: `{version: 1, entries: [{id, content: {uri, entry_type, name?}, note}]}`; each `uri`
 *   is an `otpauth://` (or `steam://`) link, `note` is kept;
 * - **password-protected**: `{version: 1, salt: b64(16 bytes), content: b64(nonce 12 ‖ AES-256-GCM
 *   ciphertext ‖ tag 16)}`, key Argon2id v1.3 (t = 2, m = 19 MiB, p = 1, 32 bytes) of the password
 *   with the salt, associated data `proton.authenticator.export.v1`; the plaintext is the plain
 *   export. The Argon2id cost is fixed by the format and charged to the budget before deriving.
 */
import { WorkBudget } from './budget';
import { aesGcmDecrypt, argon2idKey, passwordRequired, wrongPassword } from './crypto';
import { EntryCollector, strictBase64 } from './entries';
import { arr, decodeUtf8, fileLevel, isRecord, parseJson, sniffJson, type JsonRecord } from './fields';
import { draftFromLink } from './links';
import { DAMAGED_ENTRY, EntryProblem } from './fields';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'Proton Authenticator';
const ARGON2 = Object.freeze({ iterations: 2, memoryKiB: 19 * 1024, parallelism: 1 });
const AAD = Buffer.from('proton.authenticator.export.v1', 'utf8');
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** What each file is called in results (ImportResult.variant). */
export const VARIANTS = Object.freeze({
  plain: 'plain export',
  encrypted: 'password-protected export (Argon2id)',
});

function looksLikeProton(value: unknown): value is JsonRecord {
  if (!isRecord(value) || !Array.isArray(value['entries'])) return false;
  const first: unknown = (value['entries'] as unknown[])[0];
  return isRecord(first) && isRecord(first['content']);
}

/** The password-protected export: exactly `version`, `salt` (16 bytes) and `content` (nonce, tag and more). */
function encryptedParts(value: unknown): { salt: Uint8Array; content: Uint8Array } | null {
  if (!isRecord(value) || typeof value['version'] !== 'number') return null;
  const salt = value['salt'];
  const content = value['content'];
  if (typeof salt !== 'string' || typeof content !== 'string') return null;
  if (Object.keys(value).some((k) => k !== 'version' && k !== 'salt' && k !== 'content')) return null;
  const s = strictBase64(salt);
  const c = strictBase64(content);
  return s !== null && c !== null && s.length === SALT_BYTES && c.length >= NONCE_BYTES + TAG_BYTES
    ? { salt: s, content: c }
    : null;
}

export const protonAuthenticatorFormat: ImportFormat = {
  id: 'proton-authenticator',
  name: NAME,
  detect(bytes) {
    const json = sniffJson(bytes);
    return looksLikeProton(json) || encryptedParts(json) !== null ? 0.95 : 0;
  },
  needsPassword: (bytes) => encryptedParts(sniffJson(bytes)) !== null,
  async parse(bytes, password, budget = new WorkBudget()) {
    const what = 'This Proton Authenticator export';
    const file = parseJson(decodeUtf8(bytes, what), what, budget);
    if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a Proton Authenticator export (no entries).');
    checkVersion(file);
    if (typeof file['salt'] === 'string' || typeof file['content'] === 'string') {
      const plain = await decrypt(file, password, budget);
      return readExport(decodeUtf8(plain, 'The decrypted Proton Authenticator export'), budget, VARIANTS.encrypted);
    }
    return readEntries(file, budget, VARIANTS.plain);
  },
};

/**
 * The plain export's text (also what a password-protected export decrypts to). Exported for tests
 * that exercise it without Argon2id.
 */
export function readExport(
  text: string,
  budget: WorkBudget = new WorkBudget(),
  variant: string = VARIANTS.plain,
): ImportResult {
  const file = parseJson(text, 'The Proton Authenticator export', budget);
  if (!isRecord(file)) throw new ImportError('corrupt', 'The Proton Authenticator export is damaged (no entries).');
  checkVersion(file);
  return readEntries(file, budget, variant);
}

function checkVersion(file: JsonRecord): void {
  if (typeof file['version'] === 'number' && file['version'] !== 1) {
    throw new ImportError(
      'unsupported',
      `Proton Authenticator export version ${file['version']} is not supported (version 1 is): update Tessera.`,
    );
  }
}

async function decrypt(file: JsonRecord, password: string | undefined, budget: WorkBudget): Promise<Uint8Array> {
  const parts = encryptedParts(file);
  if (parts === null) {
    throw new ImportError('corrupt', 'The password-protected Proton Authenticator export is damaged.', {
      details: "'salt' must be base64 of 16 bytes and 'content' base64 of a nonce, the ciphertext and a tag.",
    });
  }
  if (password === undefined) throw passwordRequired(NAME);
  const key = await argon2idKey(password, parts.salt, ARGON2, 32, { budget, format: 'proton-authenticator' });
  const { content } = parts;
  const nonce = content.subarray(0, NONCE_BYTES);
  const ciphertext = content.subarray(NONCE_BYTES, -TAG_BYTES);
  const tag = content.subarray(-TAG_BYTES);
  // The associated data of proton-pass-common's EncryptionTag::PasswordExport; its crypto.rs once
  // had none, so a file that fails with it is tried without (a second GCM check, no second derivation).
  const plain = aesGcmDecrypt(key, nonce, ciphertext, tag, AAD) ?? aesGcmDecrypt(key, nonce, ciphertext, tag);
  key.fill(0);
  if (plain === null) throw wrongPassword(NAME);
  return plain;
}

function readEntries(file: JsonRecord, budget: WorkBudget, variant: string): ImportResult {
  const entries = fileLevel('The Proton Authenticator export', () => arr(file, 'entries'));
  const collector = new EntryCollector('proton-authenticator', budget);
  entries.forEach((raw, index) => {
    const content = isRecord(raw) && isRecord(raw['content']) ? raw['content'] : {};
    const name = typeof content['name'] === 'string' ? content['name'] : undefined;
    collector.add(
      index,
      () => name ?? '',
      () => {
        const uri = content['uri'];
        if (typeof uri !== 'string') throw new EntryProblem(DAMAGED_ENTRY, { details: "'uri' is missing" });
        const note = isRecord(raw) && typeof raw['note'] === 'string' ? raw['note'] : undefined;
        const draft = draftFromLink(uri, { fallbackAccount: name, notes: note });
        // A `steam://` link carries no name: the entry's own name is the account's.
        return /^steam:/i.test(uri.trim()) && name !== undefined && name.trim() !== ''
          ? { ...draft, account: name }
          : draft;
      },
    );
  });
  return collector.result(variant);
}
