#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reference decryptor for Tessera vault files (format 1), independent of Tessera's code.
 * Needs Node.js ≥ 18 and one package: `npm install libsodium-wrappers-sumo`.
 *
 *   node decrypt-vault.mjs VAULT_FILE            # password from TESSERA_PASSWORD, else first line of stdin
 *
 * Prints the vault as JSON with every secret in hex and in base32 (the form authenticator apps
 * take), e.g. to move your accounts elsewhere. The output contains your secrets: keep it private.
 * Specification: docs/vault-format.md. A Python translation: docs/decrypt_vault.py.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sodium from 'libsodium-wrappers-sumo';

const MAGIC = Buffer.from([0x89, 0x54, 0x53, 0x56, 0x0d, 0x0a, 0x1a, 0x0a]);
const FLOOR = { opslimit: 2, memlimit: 64 * 1024 * 1024 };
const CEILING = { opslimit: 10, memlimit: 1024 * 1024 * 1024 };

function fail(message) {
  console.error(`decrypt-vault: ${message}`);
  process.exit(1);
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

export async function decryptVault(file, password) {
  await sodium.ready;
  if (file.length < 14 || !file.subarray(0, 8).equals(MAGIC)) fail('not a Tessera vault file');
  const version = file.readUInt16LE(8);
  if (version !== 1) fail(`format version ${version} is not supported by this decryptor`);
  const headerLen = file.readUInt32LE(10);
  if (headerLen === 0 || headerLen > 65536 || file.length < 14 + headerLen + 24 + 16) fail('truncated or corrupt');
  const aad = file.subarray(0, 14 + headerLen); // the payload AAD: magic ‖ version ‖ headerLen ‖ header
  const header = JSON.parse(file.subarray(14, 14 + headerLen).toString('utf8'));
  const nonce = file.subarray(14 + headerLen, 14 + headerLen + 24);
  const ciphertext = file.subarray(14 + headerLen + 24);
  if (header.aead !== 'xchacha20poly1305-ietf') fail(`unknown cipher ${header.aead}`);

  const pw = Buffer.from(password.normalize('NFC'), 'utf8');
  let dataKey = null;
  for (const slot of header.slots.filter((s) => s.type === 'password')) {
    const { alg, opslimit, memlimit } = slot.kdf;
    if (alg !== 'argon2id13') continue;
    if (
      opslimit < FLOOR.opslimit ||
      opslimit > CEILING.opslimit ||
      memlimit < FLOOR.memlimit ||
      memlimit > CEILING.memlimit
    ) {
      fail('KDF parameters out of bounds'); // checked before deriving
    }
    const salt = Buffer.from(slot.kdf.salt, 'base64');
    const kek = sodium.crypto_pwhash(32, pw, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    try {
      const wrapped = Buffer.from(slot.wrappedKey, 'base64');
      const slotNonce = Buffer.from(slot.nonce, 'base64');
      dataKey = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped, slotAad(slot, salt), slotNonce, kek);
      break;
    } catch {
      // wrong password for this slot (or the slot was edited): try the next one
    }
  }
  if (!dataKey) fail('wrong password, or the file was modified');

  let plaintext;
  try {
    plaintext = Buffer.from(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, aad, nonce, dataKey));
  } catch {
    fail('the password is right but the file was modified (payload authentication failed)');
  }
  const metaLen = plaintext.readUInt32LE(0);
  const meta = JSON.parse(plaintext.subarray(4, 4 + metaLen).toString('utf8'));
  const table = plaintext.subarray(4 + metaLen);
  const entries = meta.entries.map(({ secretOffset, secretLength, ...entry }) => {
    const secret = table.subarray(secretOffset, secretOffset + secretLength);
    return { ...entry, secretHex: secret.toString('hex'), secretBase32: base32(secret) };
  });
  return { formatVersion: version, generation: header.generation, vaultId: header.vaultId, entries };
}

async function readPassword() {
  if (process.env.TESSERA_PASSWORD !== undefined) return process.env.TESSERA_PASSWORD;
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) fail('usage: node decrypt-vault.mjs VAULT_FILE  (password in TESSERA_PASSWORD or on stdin)');
  const result = await decryptVault(readFileSync(file), await readPassword());
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
