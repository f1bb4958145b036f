// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Builds the published test-vector vault (test/fixtures/vault/test-vector.tessera) and its
 * description (test-vector.json) from fixed randomness, a fixed clock and real Argon2id at the
 * floor parameters. scripts/make-vault-fixture.mjs writes them; a test rebuilds them and checks
 * the committed bytes are identical, so any change to the format shows up as a failing test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createInlineKdf, createVault, KDF_FLOOR, type NewVaultEntry } from '../../../../electron/vault';
import { passwordBytes } from '../../../../electron/vault/crypto';
import { isPasswordSlot, parseContainer } from '../../../../electron/vault/format';
import { passwordSlotAad, unwrapWithPassword } from '../../../../electron/vault/slots';
import { seededRandom } from './fakes';

/** The password of the test vector (non-ASCII on purpose: it pins NFC + UTF-8). */
export const TEST_VECTOR_PASSWORD = 'Tessera test vector: pässwörd';
/** 2026-01-01T00:00:00Z, the vector's fixed clock. */
export const TEST_VECTOR_TIME = 1_767_225_600_000;

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The entries, in order: the RFC 6238 and RFC 4226 seeds, a Steam entry, Unicode metadata. */
export const TEST_VECTOR_ENTRIES: readonly NewVaultEntry[] = [
  {
    type: 'totp',
    issuer: 'RFC 6238',
    account: 'sha1@example.com',
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
    counter: null,
    secret: ascii('12345678901234567890'),
    group: 'Test vectors',
    favourite: true,
    notes: 'RFC 6238 Appendix B, SHA-1 seed',
  },
  {
    type: 'totp',
    issuer: 'RFC 6238',
    account: 'sha256@example.com',
    algorithm: 'SHA256',
    digits: 8,
    period: 30,
    counter: null,
    secret: ascii('12345678901234567890123456789012'),
    group: 'Test vectors',
  },
  {
    type: 'totp',
    issuer: 'RFC 6238',
    account: 'sha512@example.com',
    algorithm: 'SHA512',
    digits: 8,
    period: 30,
    counter: null,
    secret: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
    group: 'Test vectors',
  },
  {
    type: 'hotp',
    issuer: 'RFC 4226',
    account: 'hotp@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: null,
    counter: 5,
    secret: ascii('12345678901234567890'),
  },
  {
    type: 'steam',
    issuer: 'Steam',
    account: 'gamer',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: null,
    secret: Uint8Array.from({ length: 20 }, (_, i) => i),
    notes: 'Ünïcödé ✓ notes\nsecond line',
  },
];

/** RFC 4648 base32, upper case, no padding (how authenticator apps show secrets). */
export function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Builds the vault file and its JSON description. Deterministic: same bytes every run. */
export async function buildTestVector(): Promise<{ file: Uint8Array; description: Record<string, unknown> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-vector-'));
  try {
    const vaultPath = path.join(dir, 'test-vector.tessera');
    const vault = await createVault(
      {
        path: vaultPath,
        kdf: createInlineKdf(),
        kdfParams: KDF_FLOOR,
        now: () => TEST_VECTOR_TIME,
        randomBytes: seededRandom('tessera test vector v1'),
      },
      TEST_VECTOR_PASSWORD,
    );
    const entries = await vault.add(TEST_VECTOR_ENTRIES);
    vault.lock();
    const file = new Uint8Array(readFileSync(vaultPath));
    const parsed = parseContainer(file);
    const slot = parsed.header.slots.find(isPasswordSlot);
    if (!slot) throw new Error('no password slot');
    const kek = await createInlineKdf().derive(passwordBytes(TEST_VECTOR_PASSWORD), slot.kdf.salt, slot.kdf);
    const { dataKey } = await unwrapWithPassword(
      createInlineKdf(),
      parsed.header.slots,
      passwordBytes(TEST_VECTOR_PASSWORD),
    );
    const description = {
      description:
        'Tessera vault format 1 test vector. Decrypt test-vector.tessera with the password; the result must equal "entries".',
      file: 'test-vector.tessera',
      sha256: createHash('sha256').update(file).digest('hex'),
      password: TEST_VECTOR_PASSWORD,
      passwordUtf8Hex: hex(passwordBytes(TEST_VECTOR_PASSWORD)),
      formatVersion: parsed.formatVersion,
      headerLength: parsed.aad.length - 14,
      generation: parsed.header.generation,
      vaultId: parsed.header.vaultId,
      kdf: { alg: slot.kdf.alg, opslimit: slot.kdf.opslimit, memlimit: slot.kdf.memlimit, saltHex: hex(slot.kdf.salt) },
      intermediate: {
        keyEncryptionKeyHex: hex(kek),
        slotAadHex: hex(passwordSlotAad(slot)),
        dataKeyHex: hex(dataKey),
        payloadNonceHex: hex(parsed.nonce),
      },
      entries: entries.map((e) => ({
        id: e.id,
        type: e.type,
        issuer: e.issuer,
        account: e.account,
        algorithm: e.algorithm,
        digits: e.digits,
        period: e.period,
        counter: e.counter,
        group: e.group,
        favourite: e.favourite,
        notes: e.notes,
        sortOrder: e.sortOrder,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
        secretHex: hex(TEST_VECTOR_ENTRIES[e.sortOrder]?.secret ?? new Uint8Array()),
        secretBase32: base32(TEST_VECTOR_ENTRIES[e.sortOrder]?.secret ?? new Uint8Array()),
      })),
    };
    return { file, description };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
