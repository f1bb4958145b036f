// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Writing a KDBX 4.0 file protected by a password alone: fresh random master seed, IV, KDF salt and
 * inner-stream key from node:crypto for every file, Argon2d/Argon2id or AES-KDF, AES-256 or ChaCha20
 * outside, ChaCha20 inside (protected values), gzip, HMAC block stream. Every intermediate key is
 * wiped once used.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html, keepassxreboot/keepassxc src/format/Kdbx4Writer.cpp
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { concatBytes, wipe } from './bytes';
import { writeHmacBlocks } from './blocks';
import { encryptPayload } from './cipher';
import { gzip } from './gzip';
import { writeHeader4, type OuterCipher } from './header';
import { writeInnerHeader } from './inner-header';
import { innerStream, type InnerStream } from './inner-stream';
import { deriveTransformedKey, KDF_AES_KDBX3, KDF_ARGON2D, KDF_ARGON2ID, type KdfParams } from './kdf';
import { blockHmacKey, compositeKey, HEADER_BLOCK_INDEX, hmacBaseKey, masterKey } from './keys';
import type { VariantValue } from './variant-dict';
import { keePassXml, type WriteDatabase } from './xml-write';

export type KdfSettings =
  | {
      readonly kind: 'argon2id' | 'argon2d';
      readonly memoryBytes: number;
      readonly iterations: number;
      readonly parallelism: number;
    }
  | { readonly kind: 'aes-kdf'; readonly rounds: number };

export interface KdbxWriteOptions {
  readonly password: string;
  readonly kdf: KdfSettings;
  readonly cipher: OuterCipher;
  /** gzip the payload (KeePass's default); default true. */
  readonly compress?: boolean;
  /** Random bytes; default node:crypto's. Tests pass a seeded source for reproducible files. */
  readonly random?: (length: number) => Uint8Array;
  /** The time written into the XML; default now. */
  readonly now?: Date;
}

const INNER_STREAM_CHACHA20 = 3;

/** A KDBX 4.0 file of `db`. */
export function writeKdbx(db: WriteDatabase, options: KdbxWriteOptions): Promise<Uint8Array> {
  const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const now = options.now ?? new Date();
  return writeKdbxPayload((stream) => keePassXml(db, { stream, random, now }), { ...options, random });
}

/**
 * A KDBX 4.0 file around the XML that `xml` returns; `xml` gets the inner random stream to XOR its
 * protected values with (tests use this to encrypt any XML, even a broken one).
 */
export async function writeKdbxPayload(
  xml: (stream: InnerStream) => string,
  options: KdbxWriteOptions,
): Promise<Uint8Array> {
  const random = options.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const masterSeed = random(32);
  const encryptionIv = random(options.cipher === 'aes256' ? 16 : 12);
  const salt = random(32);
  const innerKey = random(64);
  const { params, dictionary } = kdfOf(options.kdf, salt);
  const header = writeHeader4({
    cipher: options.cipher,
    compressed: options.compress !== false,
    masterSeed,
    encryptionIv,
    kdfParameters: dictionary,
  });

  const composite = compositeKey(options.password);
  const transformed = await deriveTransformedKey(composite, params).finally(() => wipe(composite));
  const key = masterKey(masterSeed, transformed);
  const base = hmacBaseKey(masterSeed, transformed);
  wipe(transformed);
  const stream = innerStream(INNER_STREAM_CHACHA20, innerKey);
  try {
    const text = new TextEncoder().encode(xml(stream));
    const plain = concatBytes([writeInnerHeader(INNER_STREAM_CHACHA20, innerKey), text]);
    wipe(text);
    const packed = options.compress === false ? plain : gzip(plain);
    const ciphertext = encryptPayload(options.cipher, key, encryptionIv, packed);
    wipe(plain, packed);
    const headerKey = blockHmacKey(HEADER_BLOCK_INDEX, base);
    const headerMac = new Uint8Array(createHmac('sha256', headerKey).update(header).digest());
    wipe(headerKey);
    const blocks = writeHmacBlocks(ciphertext, base);
    return concatBytes([header, new Uint8Array(createHash('sha256').update(header).digest()), headerMac, blocks]);
  } finally {
    stream.wipe();
    wipe(key, base, innerKey);
  }
}

function kdfOf(settings: KdfSettings, salt: Uint8Array): { params: KdfParams; dictionary: Map<string, VariantValue> } {
  if (settings.kind === 'aes-kdf') {
    const rounds = BigInt(settings.rounds);
    return {
      params: { kind: 'aes-kdf', rounds, seed: salt },
      dictionary: new Map<string, VariantValue>([
        ['$UUID', { type: 'bytes', value: KDF_AES_KDBX3 }],
        ['R', { type: 'u64', value: rounds }],
        ['S', { type: 'bytes', value: salt }],
      ]),
    };
  }
  const params: KdfParams = {
    kind: settings.kind,
    salt,
    memoryBytes: BigInt(settings.memoryBytes),
    iterations: BigInt(settings.iterations),
    parallelism: settings.parallelism,
    version: 0x13,
    secret: null,
  };
  return {
    params,
    dictionary: new Map<string, VariantValue>([
      ['$UUID', { type: 'bytes', value: settings.kind === 'argon2id' ? KDF_ARGON2ID : KDF_ARGON2D }],
      ['S', { type: 'bytes', value: salt }],
      ['P', { type: 'u32', value: settings.parallelism }],
      ['M', { type: 'u64', value: BigInt(settings.memoryBytes) }],
      ['I', { type: 'u64', value: BigInt(settings.iterations) }],
      ['V', { type: 'u32', value: 0x13 }],
    ]),
  };
}
