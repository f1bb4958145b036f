// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Salsa20/20 with a 256-bit key and a 64-bit nonce (D. J. Bernstein, "Salsa20 specification"),
 * the inner random stream of KDBX 3.1 (Node's crypto has no Salsa20). Only the keystream is
 * produced: callers XOR it themselves. The 64-bit block counter lets {@link Salsa20.seek} jump to any
 * byte, so values Tessera does not need are passed over without computing their keystream.
 * Checked against the eSTREAM test vectors in test/electron/kdbx/salsa20.test.ts.
 */

/** "expand 32-byte k" as four little-endian words. */
const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] as const;

export class Salsa20 {
  private readonly input = new Uint32Array(16);
  private readonly block = new Uint8Array(64);
  private readonly blockWords = new Uint32Array(16);
  /** Bytes of `block` already used (64: none left). */
  private used = 64;

  constructor(key: Uint8Array, nonce: Uint8Array) {
    if (key.length !== 32 || nonce.length !== 8) throw new Error('Salsa20 needs a 32-byte key and an 8-byte nonce');
    const k = new DataView(key.buffer, key.byteOffset, 32);
    const n = new DataView(nonce.buffer, nonce.byteOffset, 8);
    const s = this.input;
    s[0] = SIGMA[0];
    s[1] = k.getUint32(0, true);
    s[2] = k.getUint32(4, true);
    s[3] = k.getUint32(8, true);
    s[4] = k.getUint32(12, true);
    s[5] = SIGMA[1];
    s[6] = n.getUint32(0, true);
    s[7] = n.getUint32(4, true);
    s[8] = 0;
    s[9] = 0;
    s[10] = SIGMA[2];
    s[11] = k.getUint32(16, true);
    s[12] = k.getUint32(20, true);
    s[13] = k.getUint32(24, true);
    s[14] = k.getUint32(28, true);
    s[15] = SIGMA[3];
  }

  /** XORs the next `data.length` keystream bytes into `data` (in place) and returns it. */
  xor(data: Uint8Array): Uint8Array {
    for (let i = 0; i < data.length; i++) {
      if (this.used === 64) this.next();
      data[i] = (data[i] ?? 0) ^ (this.block[this.used++] ?? 0);
    }
    return data;
  }

  /** The next `length` keystream bytes. */
  keystream(length: number): Uint8Array {
    return this.xor(new Uint8Array(length));
  }

  /** Moves to keystream byte `offset` (from the start of the stream). */
  seek(offset: number): void {
    const blockIndex = Math.floor(offset / 64);
    this.input[8] = blockIndex >>> 0;
    this.input[9] = Math.floor(blockIndex / 0x1_0000_0000) >>> 0;
    this.used = 64;
    const within = offset % 64;
    if (within > 0) {
      this.next();
      this.used = within;
    }
  }

  /** Overwrites the key and the current block. */
  wipe(): void {
    this.input.fill(0);
    this.block.fill(0);
    this.blockWords.fill(0);
  }

  /** Computes the block at the current counter into `block`, then increments the counter. */
  private next(): void {
    const s = this.input;
    let x0 = s[0]!,
      x1 = s[1]!,
      x2 = s[2]!,
      x3 = s[3]!,
      x4 = s[4]!,
      x5 = s[5]!,
      x6 = s[6]!,
      x7 = s[7]!;
    let x8 = s[8]!,
      x9 = s[9]!,
      x10 = s[10]!,
      x11 = s[11]!,
      x12 = s[12]!,
      x13 = s[13]!,
      x14 = s[14]!,
      x15 = s[15]!;
    for (let i = 0; i < 10; i++) {
      // column round
      x4 ^= rotl(x0 + x12, 7);
      x8 ^= rotl(x4 + x0, 9);
      x12 ^= rotl(x8 + x4, 13);
      x0 ^= rotl(x12 + x8, 18);
      x9 ^= rotl(x5 + x1, 7);
      x13 ^= rotl(x9 + x5, 9);
      x1 ^= rotl(x13 + x9, 13);
      x5 ^= rotl(x1 + x13, 18);
      x14 ^= rotl(x10 + x6, 7);
      x2 ^= rotl(x14 + x10, 9);
      x6 ^= rotl(x2 + x14, 13);
      x10 ^= rotl(x6 + x2, 18);
      x3 ^= rotl(x15 + x11, 7);
      x7 ^= rotl(x3 + x15, 9);
      x11 ^= rotl(x7 + x3, 13);
      x15 ^= rotl(x11 + x7, 18);
      // row round
      x1 ^= rotl(x0 + x3, 7);
      x2 ^= rotl(x1 + x0, 9);
      x3 ^= rotl(x2 + x1, 13);
      x0 ^= rotl(x3 + x2, 18);
      x6 ^= rotl(x5 + x4, 7);
      x7 ^= rotl(x6 + x5, 9);
      x4 ^= rotl(x7 + x6, 13);
      x5 ^= rotl(x4 + x7, 18);
      x11 ^= rotl(x10 + x9, 7);
      x8 ^= rotl(x11 + x10, 9);
      x9 ^= rotl(x8 + x11, 13);
      x10 ^= rotl(x9 + x8, 18);
      x12 ^= rotl(x15 + x14, 7);
      x13 ^= rotl(x12 + x15, 9);
      x14 ^= rotl(x13 + x12, 13);
      x15 ^= rotl(x14 + x13, 18);
    }
    const w = this.blockWords;
    w[0] = x0 + s[0]!;
    w[1] = x1 + s[1]!;
    w[2] = x2 + s[2]!;
    w[3] = x3 + s[3]!;
    w[4] = x4 + s[4]!;
    w[5] = x5 + s[5]!;
    w[6] = x6 + s[6]!;
    w[7] = x7 + s[7]!;
    w[8] = x8 + s[8]!;
    w[9] = x9 + s[9]!;
    w[10] = x10 + s[10]!;
    w[11] = x11 + s[11]!;
    w[12] = x12 + s[12]!;
    w[13] = x13 + s[13]!;
    w[14] = x14 + s[14]!;
    w[15] = x15 + s[15]!;
    const view = new DataView(this.block.buffer);
    for (let i = 0; i < 16; i++) view.setUint32(i * 4, w[i]!, true);
    this.used = 0;
    // 64-bit block counter in words 8 (low) and 9 (high)
    s[8] = (s[8]! + 1) >>> 0;
    if (s[8] === 0) s[9] = (s[9]! + 1) >>> 0;
  }
}

function rotl(v: number, c: number): number {
  return ((v << c) | (v >>> (32 - c))) >>> 0;
}
