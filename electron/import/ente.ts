// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ente Auth exports (docs/formats.md §6). Plain: one `otpauth://` link per line with an extra
 * `codeDisplay` parameter (percent-encoded JSON: pinned, trashed, note, tags); trashed codes are
 * listed as skipped, pinned become favourites, the note and first tag are kept. Encrypted: JSON
 * with Argon2id parameters and a libsodium secretstream (docs/formats.md §6, ✘ there: implemented from
 * the description and tested against libsodium's own encryption). The file chooses its own
 * Argon2id cost: it is charged to the budget (Ente's ceiling in budget-limits.ts) before the
 * password is asked for, and refused by name above it.
 */
import sodium from 'libsodium-wrappers-sumo';
import { WorkBudget } from './budget';
import { passwordRequired, wrongPassword } from './crypto';
import { chargeJson } from './prescan';
import { decodeUtf8, fileLevel, int, isRecord, rec, sniffJson, str } from './fields';
import { strictBase64 } from './entries';
import type { LinkContext } from './links';
import { readLinkList, linkShare } from './uri-list';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Ente Auth';
/** Ente's largest memory (its "sensitive" preset, 1 GiB); how much work a file may ask for is its KDF ceiling. */
const MAX_MEM_BYTES = 1024 * 1024 * 1024;

function isEncryptedExport(value: unknown): boolean {
  return isRecord(value) && isRecord(value['kdfParams']) && typeof value['encryptedData'] === 'string';
}

export const enteFormat: ImportFormat = {
  id: 'ente',
  name: NAME,
  detect(bytes) {
    if (isEncryptedExport(sniffJson(bytes))) return 0.95;
    const { links, lines } = linkShare(bytes);
    if (links === 0) return 0;
    return lines.some((l) => /^otpauth:\/\/[^\s]*[?&]codeDisplay=/i.test(l.trim())) ? 0.9 : 0;
  },
  needsPassword: (bytes) => isEncryptedExport(sniffJson(bytes)),
  async parse(bytes, password, budget = new WorkBudget()) {
    const json = sniffJson(bytes);
    const encrypted = isEncryptedExport(json);
    const text = encrypted ? await decrypt(json, password, budget) : decodeUtf8(bytes, 'This Ente Auth export');
    const variant = encrypted ? VARIANTS.encrypted : VARIANTS.plain;
    return readLinkList('ente', text, budget, (line) => codeDisplay(line, budget), variant);
  },
};

/** What each file is called in results (ImportResult.variant). */
export const VARIANTS = Object.freeze({
  plain: 'plain text export',
  encrypted: 'encrypted export (Argon2id)',
});

/** Container metadata from the `codeDisplay` parameter; a malformed one is ignored (it holds no OTP data). */
function codeDisplay(line: string, budget: WorkBudget): LinkContext | { readonly skip: string } {
  const raw = /[?&]codeDisplay=([^&]*)/i.exec(line)?.[1];
  if (raw === undefined) return {};
  let text: string;
  try {
    text = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return {};
  }
  chargeJson(budget, text);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return {};
  }
  if (!isRecord(value)) return {};
  if (value['trashed'] === true) return { skip: 'this code is in Ente’s trash' };
  const tags = Array.isArray(value['tags']) ? (value['tags'] as unknown[]) : [];
  const note = value['note'];
  return {
    favourite: value['pinned'] === true,
    ...(typeof note === 'string' && note !== '' ? { notes: note } : {}),
    tags: tags.filter((t): t is string => typeof t === 'string'),
  };
}

async function decrypt(json: unknown, password: string | undefined, budget: WorkBudget): Promise<string> {
  if (isRecord(json) && typeof json['version'] === 'number' && json['version'] !== 1) {
    throw new ImportError(
      'unsupported',
      `Ente Auth encrypted export version ${json['version']} is not supported (version 1 is): update Tessera.`,
    );
  }
  const header = fileLevel('The Ente Auth export header', () => {
    if (!isRecord(json)) throw new ImportError('corrupt', 'Not an Ente Auth export.');
    const kdf = rec(json, 'kdfParams');
    return {
      memLimit: int(kdf, 'memLimit'),
      opsLimit: int(kdf, 'opsLimit'),
      salt: strictBase64(str(kdf, 'salt')),
      data: strictBase64(str(json, 'encryptedData')),
      nonce: strictBase64(str(json, 'encryptionNonce')),
    };
  });
  await sodium.ready;
  const { salt, data, nonce } = header;
  if (
    salt === null ||
    data === null ||
    nonce === null ||
    salt.length !== sodium.crypto_pwhash_SALTBYTES ||
    nonce.length !== sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
  ) {
    throw new ImportError('corrupt', 'The Ente Auth export header is damaged (salt, nonce or data).');
  }
  const { memLimit, opsLimit } = header;
  if (memLimit < 8192 || memLimit > MAX_MEM_BYTES || opsLimit < 1) {
    throw new ImportError(
      'unsupported',
      'The Ente Auth export asks for key-derivation work outside what Tessera accepts.',
    );
  }
  // Charged before the password is asked for: a refused file costs no prompt and no derivation.
  const release = budget.kdf('ente', { memoryBytes: memLimit, work: memLimit * opsLimit });
  if (password === undefined) {
    release();
    throw passwordRequired(NAME);
  }
  let key: Uint8Array;
  try {
    key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  } finally {
    release();
  }
  try {
    return pull(key, nonce, data);
  } finally {
    sodium.memzero(key);
  }
}

/** Opens a secretstream: chunks of at most 4 MiB + 17 bytes, the last one tagged FINAL. */
function pull(key: Uint8Array, header: Uint8Array, data: Uint8Array): string {
  const CHUNK = 4 * 1024 * 1024 + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
  let state;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  } catch {
    throw wrongPassword(NAME);
  }
  const parts: Uint8Array[] = [];
  let final = false;
  for (let pos = 0; pos < data.length && !final; pos += CHUNK) {
    let res: { message: Uint8Array; tag: number } | false;
    try {
      res = sodium.crypto_secretstream_xchacha20poly1305_pull(state, data.subarray(pos, pos + CHUNK), null);
    } catch {
      res = false;
    }
    if (!res) {
      if (pos === 0) throw wrongPassword(NAME);
      throw new ImportError('corrupt', 'The Ente Auth export is damaged after its first part.');
    }
    parts.push(res.message);
    final = res.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  }
  if (!final) throw new ImportError('corrupt', 'The Ente Auth export is cut off.');
  return decodeUtf8(Buffer.concat(parts), 'The decrypted Ente Auth export');
}
