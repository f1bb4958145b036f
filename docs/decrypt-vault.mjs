#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reference decryptor for Tessera vault files (formats 1 and 2), independent of Tessera's code.
 * Needs Node.js ≥ 18 and one package: `npm install libsodium-wrappers-sumo`.
 *
 *   node decrypt-vault.mjs VAULT_FILE                 # password from TESSERA_PASSWORD, else first line of stdin
 *   node decrypt-vault.mjs --recovery-key VAULT_FILE  # recovery key from TESSERA_RECOVERY_KEY, else first line of stdin
 *
 * With --recovery-key the vault is opened with its recovery key (§4, "Recovery key") instead of the
 * password: `XXXX-XXXX-…` as written down, any case, spaces and hyphens ignored, O read as 0 and I
 * or L as 1. A key whose check characters do not match (a typo) is refused before any cryptography.
 * TESSERA_PASSWORD is not read then, nor TESSERA_RECOVERY_KEY without the option.
 *
 * Prints the vault as JSON with every secret in hex and in base32 (the form authenticator apps
 * take), e.g. to move your accounts elsewhere, each entry's tags and icon choice, and the custom
 * icons (base64). A format 1 entry's group is printed as its one tag (`tags`), with `icon` null.
 * The output contains your secrets: keep it private.
 * Specification: docs/vault-format.md; this makes every refusal its §8 requires of any reader (and
 * none of Tessera's extra ones). A Python translation: docs/decrypt_vault.py.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sodium from 'libsodium-wrappers-sumo';

const MAGIC = Buffer.from([0x89, 0x54, 0x53, 0x56, 0x0d, 0x0a, 0x1a, 0x0a]);
const FLOOR = { opslimit: 2, memlimit: 64 * 1024 * 1024 };
const CEILING = { opslimit: 10, memlimit: 1024 * 1024 * 1024 };
const MAX_PASSWORD_SLOTS = 1; // so the total work is at most one derivation at CEILING (§4)
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // the recovery key's alphabet (§4)

function fail(message) {
  console.error(`decrypt-vault: ${message}`);
  process.exit(1);
}

/** The first member name repeated inside one object of (valid) JSON text, or null (§3). */
function repeatedName(text) {
  const frames = []; // a Set of names per open object, null per open array
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (expectName) {
        const name = JSON.parse(text.slice(i, end + 1));
        if (frames.at(-1).has(name)) return name;
        frames.at(-1).add(name);
        expectName = false;
      }
      i = end;
    } else if (c === '{') {
      frames.push(new Set());
      expectName = true;
    } else if (c === '[') frames.push(null);
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',') expectName = frames.at(-1) instanceof Set;
  }
  return null;
}

/** Strict UTF-8 (a BOM is not skipped), JSON, no repeated names. */
function parseJson(bytes, what) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    fail(`the ${what} is not valid UTF-8`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    fail(`the ${what} is not valid JSON`);
  }
  const name = repeatedName(text);
  if (name !== null) fail(`the ${what} repeats the name '${name}'`);
  return value;
}

/** base64 of exactly `length` bytes. */
function b64(value, length, what) {
  const bytes = Buffer.from(typeof value === 'string' ? value : '', 'base64');
  if (bytes.length !== length) fail(what);
  return bytes;
}

const u16 = (n) => Buffer.from([n & 0xff, n >> 8]);
const lp = (bytes) => Buffer.concat([u16(bytes.length), bytes]); // u16le length ‖ bytes

function slotAad(slot, salt) {
  const ops = Buffer.alloc(4);
  ops.writeUInt32LE(slot.kdf.opslimit);
  const mem = Buffer.alloc(8);
  mem.writeBigUInt64LE(BigInt(slot.kdf.memlimit));
  const utf8 = (s) => Buffer.from(s, 'utf8');
  return Buffer.concat([
    MAGIC,
    u16(1),
    lp(utf8(slot.id)),
    lp(utf8(slot.type)),
    lp(utf8(slot.kdf.alg)),
    ops,
    mem,
    lp(salt),
  ]);
}

function base32(bytes) {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += abc[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + abc[(value << (5 - bits)) & 31] : out;
}

/** §2 container and version, §3 header, §4 password-slot bounds: everything checked before any key. */
function readContainer(file) {
  // Only versions 3 … 255 with an intact container are newer files.
  if (file.length < 14 || !file.subarray(0, 8).equals(MAGIC)) fail('not a Tessera vault file');
  const version = file.readUInt16LE(8);
  const headerLen = file.readUInt32LE(10);
  const framed = headerLen >= 1 && headerLen <= 65536 && file.length >= 14 + headerLen + 24 + 16;
  if (version === 0 || version > 255 || !framed) fail(`the file is damaged or truncated (format version ${version})`);
  const aad = file.subarray(0, 14 + headerLen); // the payload AAD: magic ‖ version ‖ headerLen ‖ header
  const header = parseJson(file.subarray(14, 14 + headerLen), 'header');
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is damaged');
  if (version !== 1 && version !== 2) {
    fail(`written by a newer Tessera (format ${version}); this decryptor reads formats 1 and 2`);
  }
  const nonce = file.subarray(14 + headerLen, 14 + headerLen + 24);
  const ciphertext = file.subarray(14 + headerLen + 24);
  if (header.aead !== 'xchacha20poly1305-ietf') fail(`unknown cipher ${header.aead}`);

  // §4 password slots: how many and how much work, all checked before deriving anything.
  const slots = Array.isArray(header.slots) ? header.slots : [];
  const passwordSlots = slots.filter((s) => s && s.type === 'password');
  if (passwordSlots.length > MAX_PASSWORD_SLOTS) {
    fail(`the file asks for more password work than Tessera ever writes (${passwordSlots.length} password slots)`);
  }
  for (const slot of passwordSlots) {
    const { alg, opslimit, memlimit } = slot.kdf ?? {};
    if (alg !== 'argon2id13') fail(`unknown key derivation ${alg}`);
    const whole = Number.isSafeInteger(opslimit) && Number.isSafeInteger(memlimit) && memlimit % 1024 === 0;
    if (
      !whole ||
      opslimit < FLOOR.opslimit ||
      opslimit > CEILING.opslimit ||
      memlimit < FLOOR.memlimit ||
      memlimit > CEILING.memlimit
    ) {
      fail('key-derivation parameters out of bounds');
    }
  }
  return { version, header, aad, nonce, ciphertext, slots, passwordSlots };
}

/** §4: the data key from the password slot. */
function passwordDataKey(passwordSlots, password) {
  if (passwordSlots.length === 0) fail('no password slot');
  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  let dataKey = null;
  for (const slot of passwordSlots) {
    const { opslimit, memlimit } = slot.kdf;
    const salt = b64(slot.kdf.salt, 16, 'the salt is not 16 bytes');
    const slotNonce = b64(slot.nonce, 24, 'the slot nonce is not 24 bytes');
    const wrapped = b64(slot.wrappedKey, 48, 'the password slot does not hold a 32-byte data key');
    const kek = sodium.crypto_pwhash(32, pw, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    try {
      dataKey = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped, slotAad(slot, salt), slotNonce, kek);
      break;
    } catch {
      // wrong password for this slot (or the slot was edited): try the next one
    }
  }
  if (!dataKey) fail('wrong password, or the file was modified');
  if (dataKey.length !== 32) fail('the password slot does not hold a 32-byte data key');
  return dataKey;
}

/** Crockford base32 (MSB first) of `bytes`, the first `chars` characters. */
function crockford(bytes, chars) {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff; // at most 12 bits are pending
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/**
 * §4 "Recovery key": the 20-byte secret of a recovery key as written down. Refuses a wrong
 * character or length, and a key whose 4 check characters do not match (a typo).
 */
export function parseRecoveryKey(typed) {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if ([...text].some((c) => !CROCKFORD.includes(c))) {
    fail('a recovery key has only the digits 0-9 and the letters A-Z except I, L, O and U');
  }
  if (text.length !== 36) fail(`a recovery key has 36 characters (9 groups of 4), not ${text.length}`);
  const secret = Buffer.alloc(20);
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const c of text.slice(0, 32)) {
    value = ((value << 5) | CROCKFORD.indexOf(c)) & 0xfff; // at most 12 bits are pending
    bits += 5;
    if (bits >= 8) {
      secret[i++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  const check = sodium.crypto_generichash(32, Buffer.from('tessera recovery key check v1'), secret);
  if (crockford(check, 4) !== text.slice(32)) {
    fail(
      'the recovery key has a typo: its check characters do not match (compare each group with what you wrote down)',
    );
  }
  return secret;
}

/** §4 "Recovery key": the data key from the recovery slot. */
function recoveryDataKey(slots, recoveryKey) {
  const secret = parseRecoveryKey(recoveryKey);
  const recovery = slots.filter((s) => s && s.type === 'recovery');
  if (recovery.length === 0) fail('this vault has no recovery slot: it opens only with its password');
  if (recovery.length > 1) fail('the file has more than one recovery slot');
  const publicKey = b64(recovery[0].publicKey, 32, 'the recovery slot public key is not 32 bytes');
  const sealed = b64(recovery[0].sealedKey, 80, 'the recovery slot does not hold a sealed 32-byte data key');
  const seed = sodium.crypto_generichash(32, Buffer.from('tessera recovery key v1'), secret);
  const pair = sodium.crypto_box_seed_keypair(seed);
  if (!sodium.memcmp(pair.publicKey, publicKey))
    fail('this is not the recovery key of this vault (or the file was modified)');
  let dataKey;
  try {
    dataKey = sodium.crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey);
  } catch {
    fail('the recovery slot does not open with this recovery key: the file was modified');
  }
  if (dataKey.length !== 32) fail('the recovery slot does not hold a 32-byte data key');
  return dataKey;
}

/** §5 payload decryption, §6 payload. */
function openPayload({ version, header, aad, nonce, ciphertext }, dataKey, what) {
  let plaintext;
  try {
    plaintext = Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, aad, nonce, dataKey));
  } catch {
    fail(`the ${what} is right but the file was modified (payload authentication failed)`);
  }
  // §6 payload: metaLen within the plaintext, every secret range inside the table.
  if (plaintext.length < 4) fail('the payload is damaged');
  const metaLen = plaintext.readUInt32LE(0);
  if (metaLen > plaintext.length - 4) fail('the payload metadata length is out of range');
  const meta = parseJson(plaintext.subarray(4, 4 + metaLen), 'payload metadata');
  const table = plaintext.subarray(4 + metaLen);
  const entries = meta.entries.map(({ secretOffset, secretLength, ...fields }) => {
    const ok = Number.isSafeInteger(secretOffset) && Number.isSafeInteger(secretLength) && secretOffset >= 0;
    if (!ok || secretLength < 1 || secretOffset + secretLength > table.length) {
      fail('a secret range is outside the secret table');
    }
    const secret = table.subarray(secretOffset, secretOffset + secretLength);
    const entry = version === 1 ? fromFormat1(fields) : fields;
    return { ...entry, secretHex: secret.toString('hex'), secretBase32: base32(secret) };
  });
  // §6: format 2 keeps custom icons (not secret) in the meta; format 1 has none.
  const icons = version === 1 ? [] : meta.icons;
  return { formatVersion: version, generation: header.generation, vaultId: header.vaultId, entries, icons };
}

/** §6 "Reading format 1": the group becomes the one tag, in its place, and the icon is automatic (null). */
function fromFormat1(fields) {
  const out = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === 'group') {
      out.tags = value === null ? [] : [value];
      out.icon = null;
    } else out[name] = value;
  }
  return out;
}

export async function decryptVault(file, password) {
  await sodium.ready;
  const container = readContainer(file);
  return openPayload(container, passwordDataKey(container.passwordSlots, password), 'password');
}

/** Like decryptVault, with the recovery key (§4, "Recovery key") instead of the password. */
export async function decryptVaultWithRecoveryKey(file, recoveryKey) {
  await sodium.ready;
  const container = readContainer(file);
  return openPayload(container, recoveryDataKey(container.slots, recoveryKey), 'recovery key');
}

/** The password or recovery key: from the environment variable, else the first line of stdin. */
async function readSecret(variable) {
  if (process.env[variable] !== undefined) return process.env[variable];
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const withRecoveryKey = args[0] === '--recovery-key';
  const file = withRecoveryKey ? args[1] : args[0];
  if (!file || args.length !== (withRecoveryKey ? 2 : 1)) {
    fail(
      'usage: node decrypt-vault.mjs VAULT_FILE  (password in TESSERA_PASSWORD or on stdin)\n' +
        '       node decrypt-vault.mjs --recovery-key VAULT_FILE  (recovery key in TESSERA_RECOVERY_KEY or on stdin)',
    );
  }
  const bytes = readFileSync(file);
  const result = withRecoveryKey
    ? await decryptVaultWithRecoveryKey(bytes, await readSecret('TESSERA_RECOVERY_KEY'))
    : await decryptVault(bytes, await readSecret('TESSERA_PASSWORD'));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
