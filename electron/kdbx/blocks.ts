// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The block streams that carry a KDBX payload, with their integrity checks.
 *
 * - KDBX 3.x, inside the encryption: the hashed block stream, `u32 index · SHA-256(data) · i32 size
 *   · data`, ended by a block of size 0 whose hash is all zeros.
 * - KDBX 4, outside the encryption: the HMAC block stream, `HMAC-SHA-256 · i32 size · data`, the
 *   HMAC of block i over `u64le(i) ‖ i32le(size) ‖ data` with block i's key (keys.ts), ended by an
 *   authenticated block of size 0.
 *
 * The key is already confirmed when these are read (the stream start bytes in 3.x, the header HMAC
 * in 4), so a failed check means a damaged file: KdbxError `corrupt`.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html ("HMAC"), keepassxreboot/keepassxc
 *   src/streams/HashedBlockStream.cpp and HmacBlockStream.cpp.
 */
import { createHash, createHmac } from 'node:crypto';
import { ByteReader, ByteWriter, concatBytes, equalBytes, u64le, wipe } from './bytes';
import { corrupt } from './errors';
import { blockHmacKey } from './keys';

const ZERO_HASH = new Uint8Array(32);

/** The payload of a KDBX 3.x hashed block stream. */
export function readHashedBlocks(data: Uint8Array): Uint8Array {
  const r = new ByteReader(data, 'a data block');
  const parts: Uint8Array[] = [];
  for (let index = 0; ; index++) {
    const at = r.u32();
    const hash = r.take(32);
    const size = r.i32();
    if (at !== index || size < 0)
      throw corrupt('its data blocks are out of order', `block ${index}: index ${at}, size ${size}`);
    if (size === 0) {
      if (!equalBytes(hash, ZERO_HASH))
        throw corrupt('its last data block is damaged', `block ${index}: end block with a hash`);
      return concatBytes(parts);
    }
    const block = r.take(size);
    if (!equalBytes(new Uint8Array(createHash('sha256').update(block).digest()), hash)) {
      throw corrupt('a data block failed its integrity check', `block ${index}: SHA-256 mismatch`);
    }
    parts.push(block);
  }
}

function blockHmac(index: bigint, size: number, data: Uint8Array, baseKey: Uint8Array): Uint8Array {
  const key = blockHmacKey(index, baseKey);
  const mac = createHmac('sha256', key)
    .update(u64le(index))
    .update(new ByteWriter().i32(size).result())
    .update(data)
    .digest();
  wipe(key);
  return new Uint8Array(mac);
}

/**
 * The ciphertext carried by a KDBX 4 HMAC block stream starting at `offset` of `file`.
 * @throws KdbxError `corrupt` when a block is cut short or fails its HMAC.
 */
export function readHmacBlocks(file: Uint8Array, offset: number, baseKey: Uint8Array): Uint8Array {
  const r = new ByteReader(file, 'a data block', offset);
  const parts: Uint8Array[] = [];
  for (let index = 0n; ; index++) {
    const mac = r.take(32);
    const size = r.i32();
    if (size < 0) throw corrupt('a data block has an invalid size', `block ${index}: size ${size}`);
    const block = r.take(size);
    if (!equalBytes(blockHmac(index, size, block, baseKey), mac)) {
      throw corrupt('a data block failed its integrity check', `block ${index}: HMAC mismatch`);
    }
    if (size === 0) return concatBytes(parts);
    parts.push(block);
  }
}

/** KeePass's and KeePassXC's block size: 1 MiB. */
export const HMAC_BLOCK_SIZE = 1024 * 1024;

/** The HMAC block stream of `ciphertext` (its last block empty). */
export function writeHmacBlocks(ciphertext: Uint8Array, baseKey: Uint8Array, blockSize = HMAC_BLOCK_SIZE): Uint8Array {
  const w = new ByteWriter();
  let index = 0n;
  for (let at = 0; at < ciphertext.length; at += blockSize, index++) {
    const block = ciphertext.subarray(at, at + blockSize);
    w.bytes(blockHmac(index, block.length, block, baseKey))
      .i32(block.length)
      .bytes(block);
  }
  w.bytes(blockHmac(index, 0, new Uint8Array(0), baseKey)).i32(0);
  return w.result();
}
