// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The KDBX outer header: signatures, version, then `id · length · data` fields up to the end field
 * (a 2-byte length in KDBX 3.x, 4 bytes in KDBX 4). Reading checks what must be there and its size;
 * unknown fields are passed over, as KeePass does. Writing produces a KDBX 4.0 header.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html, https://keepass.info/help/kb/kdbx.html,
 *   keepassxreboot/keepassxc src/format/KdbxReader.cpp, Kdbx3Reader.cpp, Kdbx4Reader.cpp.
 */
import { ByteReader, ByteWriter, equalBytes } from './bytes';
import { corrupt, KdbxError } from './errors';
import { kdbx3Kdf, kdbx4Kdf, type KdfParams } from './kdf';
import { readVariantDictionary, writeVariantDictionary, type VariantValue } from './variant-dict';

export const SIGNATURE_1 = 0x9aa2d903;
/** KeePass 2.x, KDBX 2 to 4. */
export const SIGNATURE_2_KDBX = 0xb54bfb67;
/** KeePass 1.x `.kdb` (keepassxreboot/keepassxc src/format/KeePass1.h). */
export const SIGNATURE_2_KDB = 0xb54bfb65;
/** The KeePass 2.x pre-release format (before 2.00). */
export const SIGNATURE_2_PRERELEASE = 0xb54bfb66;

export type Signature = 'kdbx' | 'kdb' | 'kdbx-prerelease';

/** What the first 8 bytes say, or null when they are not a KeePass signature. Never throws. */
export function readSignature(bytes: Uint8Array): Signature | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  if (view.getUint32(0, true) !== SIGNATURE_1) return null;
  switch (view.getUint32(4, true)) {
    case SIGNATURE_2_KDBX:
      return 'kdbx';
    case SIGNATURE_2_KDB:
      return 'kdb';
    case SIGNATURE_2_PRERELEASE:
      return 'kdbx-prerelease';
    default:
      return null;
  }
}

export const CIPHER_AES256 = hex('31c1f2e6bf714350be5805216afc5aff');
export const CIPHER_CHACHA20 = hex('d6038a2b8b6f4cb5a524339a31dbb59a');
export const CIPHER_TWOFISH = hex('ad68f29f576f4bb9a36ad47af965346c');

export type OuterCipher = 'aes256' | 'chacha20';

/** The name KeePass shows: "AES-256", "ChaCha20". */
export function cipherName(cipher: OuterCipher): string {
  return cipher === 'aes256' ? 'AES-256' : 'ChaCha20';
}

/** Inner random stream ids (protected values): 0 none, 1 ArcFour variant, 2 Salsa20, 3 ChaCha20. */
export type InnerStreamId = 0 | 2 | 3;

export interface KdbxHeader {
  readonly major: number;
  readonly minor: number;
  readonly cipher: OuterCipher;
  readonly compressed: boolean;
  readonly masterSeed: Uint8Array;
  readonly encryptionIv: Uint8Array;
  readonly kdf: KdfParams;
  /** KDBX 3.x only (KDBX 4 keeps them in the inner header). */
  readonly protectedStreamKey?: Uint8Array;
  readonly streamStartBytes?: Uint8Array;
  readonly innerStream?: InnerStreamId;
  /** The header's bytes, from the signature to the end field included (what its hashes cover). */
  readonly bytes: Uint8Array;
}

const FIELD = {
  end: 0,
  comment: 1,
  cipherId: 2,
  compression: 3,
  masterSeed: 4,
  transformSeed: 5,
  transformRounds: 6,
  encryptionIv: 7,
  protectedStreamKey: 8,
  streamStartBytes: 9,
  innerRandomStreamId: 10,
  kdfParameters: 11,
  publicCustomData: 12,
} as const;

const WHAT = 'the file header';

/**
 * Reads the outer header of a KDBX file (the signature already checked by the caller or not).
 * @throws KdbxError `corrupt` for a damaged header, `unsupported` for a version, cipher or inner
 *   stream Tessera does not read.
 */
export function readHeader(file: Uint8Array): KdbxHeader {
  const signature = readSignature(file);
  if (signature === 'kdb') {
    throw new KdbxError(
      'unsupported',
      'This is a KeePass 1 database (.kdb), which Tessera cannot read. Open it in KeePassXC or KeePass 2, save it as a .kdbx database, and import that.',
      { details: 'signature 0xB54BFB65 (KeePass 1.x)' },
    );
  }
  if (signature === 'kdbx-prerelease') {
    throw new KdbxError(
      'unsupported',
      'This database was saved by a pre-release of KeePass 2, which Tessera cannot read. Open it in KeePass 2, save it again, and import the new copy.',
      { details: 'signature 0xB54BFB66 (KeePass 2 pre-release)' },
    );
  }
  if (signature !== 'kdbx') throw corrupt('it does not start like a KeePass database');
  const r = new ByteReader(file, WHAT, 8);
  const minor = r.u16();
  const major = r.u16();
  if (major > 4) {
    throw new KdbxError(
      'unsupported',
      `This KeePass database was saved in a newer format (KDBX ${major}.${minor}) that Tessera cannot read yet.`,
      { details: `file version ${major}.${minor}` },
    );
  }
  if (major < 2) throw corrupt('its format version is invalid', `file version ${major}.${minor}`);
  const v4 = major >= 4;

  const fields = new Map<number, Uint8Array>();
  for (;;) {
    const id = r.u8();
    const size = v4 ? r.u32() : r.u16();
    const data = r.take(size);
    if (id === FIELD.end) break;
    if (!fields.has(id)) fields.set(id, data);
  }
  const bytes = file.subarray(0, r.position);

  const cipherId = fields.get(FIELD.cipherId);
  const cipher = outerCipher(cipherId);
  const compression = fields.get(FIELD.compression);
  if (compression === undefined || compression.length !== 4) throw corrupt('its compression setting is missing');
  const compressionFlag = new ByteReader(compression, WHAT).u32();
  if (compressionFlag > 1) {
    throw new KdbxError('unsupported', 'This KeePass database uses a compression Tessera does not know.', {
      details: `compression ${compressionFlag}`,
    });
  }
  const masterSeed = fields.get(FIELD.masterSeed);
  if (masterSeed === undefined || masterSeed.length !== 32)
    throw corrupt('its master seed is missing or the wrong size');
  const encryptionIv = fields.get(FIELD.encryptionIv);
  const ivLength = cipher === 'aes256' ? 16 : 12;
  if (encryptionIv === undefined || encryptionIv.length !== ivLength) {
    throw corrupt('its encryption IV is missing or the wrong size', `IV of ${encryptionIv?.length ?? 0} bytes`);
  }
  const common = {
    major,
    minor,
    cipher,
    compressed: compressionFlag === 1,
    masterSeed,
    encryptionIv,
    bytes,
  };

  if (v4) {
    const kdfField = fields.get(FIELD.kdfParameters);
    if (kdfField === undefined) throw corrupt('its key-derivation settings are missing');
    const kdf = kdbx4Kdf(readVariantDictionary(kdfField, 'the key-derivation settings'));
    return { ...common, kdf };
  }

  const seed = fields.get(FIELD.transformSeed);
  const roundsField = fields.get(FIELD.transformRounds);
  const rounds = roundsField?.length === 8 ? new ByteReader(roundsField, WHAT).u64() : undefined;
  const kdf = kdbx3Kdf(seed, rounds);
  const protectedStreamKey = fields.get(FIELD.protectedStreamKey);
  const streamStartBytes = fields.get(FIELD.streamStartBytes);
  const streamIdField = fields.get(FIELD.innerRandomStreamId);
  if (protectedStreamKey === undefined || protectedStreamKey.length === 0)
    throw corrupt('its protected-stream key is missing');
  if (streamStartBytes === undefined || streamStartBytes.length !== 32)
    throw corrupt('its stream start bytes are missing');
  if (streamIdField === undefined || streamIdField.length !== 4)
    throw corrupt('its protected-stream setting is missing');
  const innerStream = innerStreamId(new ByteReader(streamIdField, WHAT).u32());
  return { ...common, kdf, protectedStreamKey, streamStartBytes, innerStream };
}

function outerCipher(id: Uint8Array | undefined): OuterCipher {
  if (id === undefined || id.length !== 16) throw corrupt('its cipher setting is missing');
  if (equalBytes(id, CIPHER_AES256)) return 'aes256';
  if (equalBytes(id, CIPHER_CHACHA20)) return 'chacha20';
  if (equalBytes(id, CIPHER_TWOFISH)) {
    throw new KdbxError(
      'unsupported',
      'This KeePass database is encrypted with Twofish, which Tessera cannot read. In KeePassXC or KeePass, change the encryption to AES-256 or ChaCha20 in the database settings, save, and import again.',
      { details: 'cipher Twofish (ad68f29f…)' },
    );
  }
  throw new KdbxError(
    'unsupported',
    'This KeePass database uses an encryption Tessera does not know (a plugin’s cipher?). In KeePassXC or KeePass, change the encryption to AES-256 or ChaCha20, save, and import again.',
    { details: `cipher ${Buffer.from(id).toString('hex')}` },
  );
}

/** The inner random stream id of a header (KDBX 3.x) or inner header (KDBX 4). */
export function innerStreamId(id: number): InnerStreamId {
  if (id === 0 || id === 2 || id === 3) return id;
  if (id === 1) {
    throw new KdbxError(
      'unsupported',
      'This KeePass database protects its fields with the old ArcFour stream, which Tessera does not read. Save it again in a current KeePassXC or KeePass, and import the new copy.',
      { details: 'inner random stream 1 (ArcFour variant)' },
    );
  }
  throw corrupt('its protected-field setting is invalid', `inner random stream ${id}`);
}

/** What a KDBX 4.0 header holds. */
export interface Kdbx4HeaderFields {
  readonly cipher: OuterCipher;
  readonly compressed: boolean;
  readonly masterSeed: Uint8Array;
  readonly encryptionIv: Uint8Array;
  readonly kdfParameters: ReadonlyMap<string, VariantValue>;
}

/** A KDBX 4.0 outer header, from the signature to the end field, in KeePassXC's field order. */
export function writeHeader4(h: Kdbx4HeaderFields): Uint8Array {
  const w = new ByteWriter().u32(SIGNATURE_1).u32(SIGNATURE_2_KDBX).u16(0).u16(4);
  const field = (id: number, data: Uint8Array): void => {
    w.u8(id).u32(data.length).bytes(data);
  };
  field(FIELD.cipherId, h.cipher === 'aes256' ? CIPHER_AES256 : CIPHER_CHACHA20);
  field(FIELD.compression, new ByteWriter().u32(h.compressed ? 1 : 0).result());
  field(FIELD.masterSeed, h.masterSeed);
  field(FIELD.encryptionIv, h.encryptionIv);
  field(FIELD.kdfParameters, writeVariantDictionary(h.kdfParameters));
  field(FIELD.end, Uint8Array.of(0x0d, 0x0a, 0x0d, 0x0a));
  return w.result();
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}
