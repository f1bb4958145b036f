// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Builds the published format 2 test vectors from fixed randomness, a fixed clock and real Argon2id
 * at the floor parameters: test/fixtures/vault/test-vector.tessera (a password slot) and
 * test-vector-recovery.tessera (a password slot and a recovery slot), each with its description
 * (.json). scripts/make-vault-fixture.mjs writes them; a test rebuilds them and checks the committed
 * bytes are identical, so any change to the format shows up as a failing test.
 *
 * test-vector-v1.{tessera,json} is the format 1 vector as this code wrote it before format 2; this
 * build can no longer write format 1, so it is kept as committed (reading format 1 stays tested).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type Sodium from 'libsodium-wrappers-sumo';
import {
  createInlineKdf,
  createVault,
  KDF_FLOOR,
  parseRecoveryKey,
  recoveryKeyPair,
  type NewVaultEntry,
  type StoredIcon,
  type Tombstone,
  type UnlockedVault,
  type VaultEntry,
} from '../../../../electron/vault';
import { getSodium, passwordBytes } from '../../../../electron/vault/crypto';
import { isPasswordSlot, parseContainer } from '../../../../electron/vault/format';
import { passwordSlotAad, unwrapWithPassword } from '../../../../electron/vault/slots';
import { seededRandom } from './fakes';

/** The password of the test vector (non-ASCII on purpose: it pins NFC + UTF-8). */
export const TEST_VECTOR_PASSWORD = 'Tessera test vector: pässwörd';
/** 2026-01-01T00:00:00Z, the vector's fixed clock. */
export const TEST_VECTOR_TIME = 1_767_225_600_000;

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A 1×1 PNG: entry 0's custom icon, so the vector holds one stored icon. */
export const TEST_VECTOR_ICON = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

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
    tags: ['Test vectors', 'RFC 6238'],
    favourite: true,
    notes: 'RFC 6238 Appendix B, SHA-1 seed',
    iconImage: { mime: 'image/png', bytes: TEST_VECTOR_ICON },
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
    tags: ['Test vectors'],
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
    tags: ['Test vectors'],
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
    notes: 'first draft',
  },
];

/** Entry 4's notes after the vector's edit (the first draft's digest is then superseded). */
const STEAM_NOTES = 'Ünïcödé ✓ notes\nsecond line';

/** One minute after TEST_VECTOR_TIME: when the vector's edits happen. */
export const TEST_VECTOR_EDIT_TIME = TEST_VECTOR_TIME + 60_000;

/**
 * The vector's edits after adding the entries, at TEST_VECTOR_EDIT_TIME: a bundled icon for the
 * Steam entry and the letter tile for the HOTP one, the Steam notes replaced, and a sixth entry added
 * (with the same image as entry 0, which is stored once) and removed, leaving its tombstone.
 */
async function editTestVector(
  vault: UnlockedVault,
  ids: readonly string[],
  setClock: (t: number) => void,
): Promise<void> {
  const [, , , hotp, steam] = ids;
  setClock(TEST_VECTOR_EDIT_TIME);
  await vault.update(hotp as string, { icon: { kind: 'letter' } });
  await vault.update(steam as string, { icon: { kind: 'bundled', id: 'steam' }, notes: STEAM_NOTES });
  const [gone] = await vault.add([
    { ...(TEST_VECTOR_ENTRIES[0] as NewVaultEntry), issuer: 'Removed', account: 'removed@example.com' },
  ]);
  await vault.remove((gone as VaultEntry).id);
}

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

type Description = Record<string, unknown>;

/** The expected entries as the reference decryptors print them (secrets in hex and base32). */
function describeEntries(entries: readonly VaultEntry[]): Description[] {
  return entries.map((e) => ({
    id: e.id,
    type: e.type,
    issuer: e.issuer,
    account: e.account,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
    tags: e.tags,
    icon: e.icon,
    favourite: e.favourite,
    notes: e.notes,
    conflictNotes: e.conflictNotes,
    notesSuperseded: e.notesSuperseded,
    sortOrder: e.sortOrder,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    changed: e.changed,
    secretHex: hex(e.secret),
    secretBase32: base32(e.secret),
  }));
}

/** The stored icons as the reference decryptors print them (the meta's own form). */
function describeIcons(icons: ReadonlyMap<string, StoredIcon>): Description[] {
  return [...icons.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((i) => ({ id: i.id, mime: i.mime, data: Buffer.from(i.bytes).toString('base64') }));
}

/**
 * Creates a vault with the test-vector password and entries in a temporary folder from the seed,
 * lets `extra` change it while unlocked, and returns the file, the entries and the password slot's
 * documented values (common to both vectors' descriptions).
 */
async function buildVault<T>(
  fileName: string,
  seed: string,
  extra: (vault: UnlockedVault) => Promise<T>,
): Promise<{
  file: Uint8Array;
  entries: Description[];
  icons: Description[];
  tombstones: Tombstone[];
  extra: T;
  common: Description;
  intermediate: Description;
}> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-vector-'));
  try {
    const vaultPath = path.join(dir, fileName);
    let clock = TEST_VECTOR_TIME;
    const vault = await createVault(
      {
        path: vaultPath,
        kdf: createInlineKdf(),
        kdfParams: KDF_FLOOR,
        now: () => clock,
        randomBytes: seededRandom(seed),
      },
      TEST_VECTOR_PASSWORD,
    );
    const added = await vault.add(TEST_VECTOR_ENTRIES);
    await editTestVector(
      vault,
      added.map((e) => e.id),
      (t) => (clock = t),
    );
    const entries = describeEntries(vault.entries());
    const icons = describeIcons(vault.icons());
    const tombstones = [...vault.tombstones()];
    const result = await extra(vault);
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
    return {
      file,
      entries,
      icons,
      tombstones,
      extra: result,
      common: {
        file: fileName,
        sha256: createHash('sha256').update(file).digest('hex'),
        password: TEST_VECTOR_PASSWORD,
        passwordUtf8Hex: hex(passwordBytes(TEST_VECTOR_PASSWORD)),
        formatVersion: parsed.formatVersion,
        headerLength: parsed.aad.length - 14,
        generation: parsed.header.generation,
        vaultId: parsed.header.vaultId,
        kdf: {
          alg: slot.kdf.alg,
          opslimit: slot.kdf.opslimit,
          memlimit: slot.kdf.memlimit,
          saltHex: hex(slot.kdf.salt),
        },
      },
      intermediate: {
        keyEncryptionKeyHex: hex(kek),
        slotAadHex: hex(passwordSlotAad(slot)),
        dataKeyHex: hex(dataKey),
        payloadNonceHex: hex(parsed.nonce),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the vault file and its JSON description. Deterministic: same bytes every run. */
export async function buildTestVector(): Promise<{ file: Uint8Array; description: Description }> {
  const { file, entries, icons, tombstones, common, intermediate } = await buildVault(
    'test-vector.tessera',
    'tessera test vector v1',
    async () => undefined,
  );
  const description = {
    description:
      'Tessera vault format 2 test vector. Decrypt test-vector.tessera with the password; the result must equal ' +
      '"entries" and "icons" ("tombstones" is what the payload holds besides).',
    ...common,
    intermediate,
    entries,
    icons,
    tombstones,
  };
  return { file, description };
}

type SodiumLib = typeof Sodium;

/**
 * Makes `crypto_box_seal` draw its ephemeral key pair from `random` instead of the OS, so a vault
 * with a recovery slot comes out byte-identical on every run; returns the undo. It is libsodium's
 * own construction (ephemeral pk ‖ crypto_box_easy(m, nonce = BLAKE2b-192(ephemeral pk ‖ pk), pk,
 * ephemeral sk)), so `crypto_box_seal_open` opens the result like any sealed box: only the
 * ephemeral key's origin differs. Test fixtures only.
 */
function sealWithSeededEphemeralKey(sodium: SodiumLib, random: (n: number) => Uint8Array): () => void {
  const original = Object.getOwnPropertyDescriptor(sodium, 'crypto_box_seal');
  const seal = (message: Uint8Array, publicKey: Uint8Array): Uint8Array => {
    const ephemeral = sodium.crypto_box_seed_keypair(random(sodium.crypto_box_SEEDBYTES));
    const nonceInput = new Uint8Array([...ephemeral.publicKey, ...publicKey]);
    const nonce = sodium.crypto_generichash(sodium.crypto_box_NONCEBYTES, nonceInput, null);
    const boxed = sodium.crypto_box_easy(message, nonce, publicKey, ephemeral.privateKey);
    ephemeral.privateKey.fill(0);
    return new Uint8Array([...ephemeral.publicKey, ...boxed]);
  };
  Object.defineProperty(sodium, 'crypto_box_seal', { value: seal, writable: true, configurable: true });
  return () => {
    if (original) Object.defineProperty(sodium, 'crypto_box_seal', original);
  };
}

const RECOVERY_SEED_CONTEXT = 'tessera recovery key v1';
const RECOVERY_CHECK_CONTEXT = 'tessera recovery key check v1';

/**
 * Builds the second vector, test-vector-recovery.{tessera,json}: the same password and entries,
 * then `createRecoveryKey(password)`, so the header holds a password slot and a recovery slot. The recovery
 * key comes from the seeded randomness like everything else, and so does the sealed box's
 * ephemeral key (see sealWithSeededEphemeralKey). Deterministic: same bytes every run.
 */
export async function buildRecoveryTestVector(): Promise<{ file: Uint8Array; description: Description }> {
  const sodium = await getSodium();
  const undo = sealWithSeededEphemeralKey(sodium, seededRandom('tessera recovery test vector v1: sealed box'));
  let built;
  try {
    built = await buildVault('test-vector-recovery.tessera', 'tessera recovery test vector v1', (vault) =>
      vault.createRecoveryKey(TEST_VECTOR_PASSWORD),
    );
  } finally {
    undo();
  }
  const { file, entries, icons, tombstones, common, intermediate, extra: recoveryKey } = built;
  const slot = parseContainer(file).header.slots.find((s) => s.type === 'recovery');
  if (!slot || !('json' in slot)) throw new Error('no recovery slot');
  const secret = await parseRecoveryKey(recoveryKey);
  const seed = sodium.crypto_generichash(32, new TextEncoder().encode(RECOVERY_SEED_CONTEXT), secret);
  const check = sodium.crypto_generichash(32, new TextEncoder().encode(RECOVERY_CHECK_CONTEXT), secret);
  const { publicKey, privateKey } = await recoveryKeyPair(secret);
  const sealedKey = Buffer.from(slot.json.sealedKey as string, 'base64');
  if (Buffer.from(slot.json.publicKey as string, 'base64').compare(publicKey) !== 0) {
    throw new Error('the recovery slot does not hold the recovery key’s public key');
  }
  const description = {
    description:
      'Tessera vault format 2 test vector with a recovery slot. Decrypt test-vector-recovery.tessera with the ' +
      'recovery key (or the password); the result must equal "entries" and "icons".',
    ...common,
    recovery: {
      recoveryKey,
      slotId: slot.id,
      secretHex: hex(secret),
      checkHashHex: hex(check),
      seedHex: hex(seed),
      publicKeyHex: hex(publicKey),
      privateKeyHex: hex(privateKey),
      sealedKeyHex: hex(sealedKey),
    },
    intermediate,
    entries,
    icons,
    tombstones,
  };
  return { file, description };
}
