// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The key-derivation functions of KDBX: AES-KDF (KDBX 3.1's only one, also in KDBX 4), Argon2d and
 * Argon2id (KDBX 4). Parameters are read from the file, so they are checked for shape here and their
 * cost is measured ({@link kdfCost}) for the caller to charge BEFORE {@link deriveTransformedKey}
 * runs: a hostile file cannot make Tessera derive for hours.
 *
 * AES-KDF encrypts each 16-byte half of the composite key `rounds` times with AES-256-ECB under the
 * seed, then hashes the 32 bytes with SHA-256. Encrypting a block again and again is exactly
 * AES-256-CBC over zero blocks with the half as the IV (C₁ = E(IV), Cₖ = E(Cₖ₋₁)), so Node's
 * native CBC does the rounds in one call per chunk instead of one call per round.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html (KDF parameters), keepassxreboot/keepassxc
 *   src/crypto/kdf/AesKdf.cpp and Argon2Kdf.cpp.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { argon2d, argon2id } from 'hash-wasm';
import { equalBytes, wipe } from './bytes';
import { corrupt, KdbxError } from './errors';
import type { VariantValue } from './variant-dict';

/** `$UUID` of AES-KDF as KeePass 2 writes it (also KDBX 3.1's implicit KDF). */
export const KDF_AES_KDBX3 = hex('c9d9f39a628a4460bf740d08c18a4fea');
/** `$UUID` of AES-KDF as KeePassXC writes it in KDBX 4. */
export const KDF_AES_KDBX4 = hex('7c02bb8279a74ac0927d114a00648238');
export const KDF_ARGON2D = hex('ef636ddf8c29444b91f7a9a403e30a0c');
export const KDF_ARGON2ID = hex('9e298b1956db4773b23dfc3ec6f0a1e6');

export type KdfParams =
  | { readonly kind: 'aes-kdf'; readonly rounds: bigint; readonly seed: Uint8Array }
  | {
      readonly kind: 'argon2d' | 'argon2id';
      readonly salt: Uint8Array;
      readonly memoryBytes: bigint;
      readonly iterations: bigint;
      readonly parallelism: number;
      readonly version: number;
      readonly secret: Uint8Array | null;
    };

/** The name users see in KeePass's settings: "AES-KDF", "Argon2d", "Argon2id". */
export function kdfName(params: KdfParams): string {
  return params.kind === 'aes-kdf' ? 'AES-KDF' : params.kind === 'argon2d' ? 'Argon2d' : 'Argon2id';
}

/**
 * What one AES-KDF round costs, in the budget's unit (bytes × passes of Argon2 memory): a round is
 * two AES-256 blocks through Node's CBC, 45–62 ns here, as hash-wasm's Argon2 spends ~1.4 ns on a
 * byte-pass (1.4 µs per KiB-pass): about 40 byte-passes.
 */
export const AES_KDF_ROUND_WORK = 40;

/** A derivation's cost for the budget: the memory it holds and its work (bytes × passes). */
export function kdfCost(params: KdfParams): { memoryBytes: number; work: number } {
  if (params.kind === 'aes-kdf') return { memoryBytes: 0, work: Number(params.rounds) * AES_KDF_ROUND_WORK };
  const memoryBytes = Number(params.memoryBytes);
  return { memoryBytes, work: memoryBytes * Number(params.iterations) };
}

const ARGON2_VERSION_13 = 0x13;
const ARGON2_VERSION_10 = 0x10;
const MAX_U32 = 0xffff_ffffn;

/** The KDF of a KDBX 3.x header (TransformSeed, TransformRounds). */
export function kdbx3Kdf(seed: Uint8Array | undefined, rounds: bigint | undefined): KdfParams {
  if (seed === undefined || rounds === undefined) throw corrupt('its header lacks the key-derivation settings');
  if (seed.length !== 32)
    throw corrupt('its key-derivation seed has the wrong size', `TransformSeed: ${seed.length} bytes`);
  return { kind: 'aes-kdf', rounds, seed };
}

/** The KDF of a KDBX 4 header's KdfParameters dictionary. */
export function kdbx4Kdf(dict: ReadonlyMap<string, VariantValue>): KdfParams {
  const uuid = bytesOf(dict, '$UUID');
  if (uuid === undefined || uuid.length !== 16) throw corrupt('its key-derivation settings are missing');
  if (equalBytes(uuid, KDF_AES_KDBX3) || equalBytes(uuid, KDF_AES_KDBX4)) {
    const seed = bytesOf(dict, 'S');
    const rounds = u64Of(dict, 'R');
    return kdbx3Kdf(seed, rounds);
  }
  const kind = equalBytes(uuid, KDF_ARGON2D) ? 'argon2d' : equalBytes(uuid, KDF_ARGON2ID) ? 'argon2id' : null;
  if (kind === null) {
    throw new KdbxError(
      'unsupported',
      'This KeePass database uses a key-derivation method Tessera does not know. In KeePassXC or KeePass, choose another one in the database’s encryption settings, save, and import again.',
      { details: `KDF $UUID ${Buffer.from(uuid).toString('hex')}` },
    );
  }
  const salt = bytesOf(dict, 'S');
  const memoryBytes = u64Of(dict, 'M');
  const iterations = u64Of(dict, 'I');
  const parallelism = u32Of(dict, 'P');
  const version = u32Of(dict, 'V');
  if (
    salt === undefined ||
    memoryBytes === undefined ||
    iterations === undefined ||
    parallelism === undefined ||
    version === undefined
  ) {
    throw corrupt('its key-derivation settings are incomplete', 'KDF parameters: S, M, I, P and V are required');
  }
  const assoc = bytesOf(dict, 'A');
  if (assoc !== undefined && assoc.length > 0) {
    throw new KdbxError(
      'unsupported',
      'This KeePass database uses key-derivation settings Tessera cannot compute (associated data).',
      {
        details: "KDF parameter 'A' is not empty",
      },
    );
  }
  if (version === ARGON2_VERSION_10) {
    throw new KdbxError(
      'unsupported',
      'This KeePass database uses an old version of its key derivation that Tessera cannot compute. Save it again in a current KeePassXC or KeePass, and import the new copy.',
      { details: 'Argon2 version 0x10' },
    );
  }
  if (version !== ARGON2_VERSION_13)
    throw corrupt('its key-derivation settings are invalid', `Argon2 version 0x${version.toString(16)}`);
  if (salt.length < 8 || salt.length > 1024)
    throw corrupt('its key-derivation settings are invalid', `salt of ${salt.length} bytes`);
  if (parallelism < 1 || parallelism > 0xff_ffff)
    throw corrupt('its key-derivation settings are invalid', `parallelism ${parallelism}`);
  if (iterations < 1n || iterations > MAX_U32)
    throw corrupt('its key-derivation settings are invalid', `iterations ${iterations}`);
  if (memoryBytes < 8n * 1024n * BigInt(parallelism)) {
    throw corrupt(
      'its key-derivation settings are invalid',
      `memory ${memoryBytes} bytes for parallelism ${parallelism}`,
    );
  }
  const secret = bytesOf(dict, 'K');
  return {
    kind,
    salt,
    memoryBytes,
    iterations,
    parallelism,
    version,
    secret: secret && secret.length > 0 ? secret : null,
  };
}

/**
 * The transformed key: the KDF applied to the composite key (which stays the caller's to wipe).
 * Charge {@link kdfCost} first: this runs as long as the parameters say.
 */
export async function deriveTransformedKey(compositeKey: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  if (params.kind === 'aes-kdf') return aesKdf(compositeKey, params.seed, params.rounds);
  const options = {
    password: compositeKey,
    salt: params.salt,
    iterations: Number(params.iterations),
    parallelism: params.parallelism,
    memorySize: Number(params.memoryBytes / 1024n),
    hashLength: 32,
    outputType: 'binary' as const,
    ...(params.secret !== null ? { secret: params.secret } : {}),
  };
  try {
    return params.kind === 'argon2d' ? await argon2d(options) : await argon2id(options);
  } catch (cause) {
    throw new KdbxError(
      'unsupported',
      'Tessera cannot compute this KeePass database’s key with its key-derivation settings.',
      {
        details: cause instanceof Error ? cause.message : String(cause),
        cause,
      },
    );
  }
}

/** Zero blocks fed to the CBC chain per call: 4,096 rounds. */
const CHUNK = new Uint8Array(16 * 4096);

function aesKdf(compositeKey: Uint8Array, seed: Uint8Array, rounds: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (const half of [0, 16]) {
    let block: Uint8Array = compositeKey.subarray(half, half + 16);
    if (rounds > 0n) {
      const chain = createCipheriv('aes-256-cbc', seed, block);
      chain.setAutoPadding(false);
      let left = rounds;
      let last: Buffer = Buffer.alloc(0);
      while (left > 0n) {
        const n = left >= 4096n ? 4096 : Number(left);
        last = chain.update(n === 4096 ? CHUNK : CHUNK.subarray(0, n * 16));
        left -= BigInt(n);
      }
      chain.final();
      block = last.subarray(last.length - 16);
      out.set(block, half);
      wipe(last);
    } else {
      out.set(block, half);
    }
  }
  const key = new Uint8Array(createHash('sha256').update(out).digest());
  wipe(out);
  return key;
}

function bytesOf(dict: ReadonlyMap<string, VariantValue>, name: string): Uint8Array | undefined {
  const v = dict.get(name);
  if (v === undefined) return undefined;
  if (v.type !== 'bytes') throw corrupt('its key-derivation settings are malformed', `'${name}' is not a byte array`);
  return v.value;
}

function u64Of(dict: ReadonlyMap<string, VariantValue>, name: string): bigint | undefined {
  const v = dict.get(name);
  if (v === undefined) return undefined;
  if (v.type === 'u64') return v.value;
  if (v.type === 'u32') return BigInt(v.value);
  throw corrupt('its key-derivation settings are malformed', `'${name}' is not an unsigned number`);
}

function u32Of(dict: ReadonlyMap<string, VariantValue>, name: string): number | undefined {
  const v = dict.get(name);
  if (v === undefined) return undefined;
  if (v.type === 'u32') return v.value;
  if (v.type === 'u64' && v.value <= MAX_U32) return Number(v.value);
  throw corrupt('its key-derivation settings are malformed', `'${name}' is not a 32-bit number`);
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}
