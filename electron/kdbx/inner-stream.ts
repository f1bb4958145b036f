// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The inner random stream: the keystream that KDBX XORs over protected values (passwords, OTP
 * secrets) inside the XML, consumed in document order by every value marked `Protected="True"`.
 *
 * - Salsa20 (id 2, KDBX 3.1): key SHA-256(inner key), fixed nonce E8 30 09 4B 97 20 5D 2A;
 * - ChaCha20 (id 3, KDBX 4): SHA-512(inner key), its first 32 bytes the key, the next 12 the nonce;
 * - none (id 0): values are stored as they are.
 *
 * {@link InnerStream.skip} passes over a value without computing its keystream (both ciphers seek by
 * block counter), so passwords, history and attachments are never decrypted.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html ("Inner header"), keepassxreboot/keepassxc
 *   src/format/KeePass2RandomStream.cpp
 */
import { createCipheriv, createHash, type Cipher } from 'node:crypto';
import { wipe } from './bytes';
import { chachaIv } from './cipher';
import type { InnerStreamId } from './header';
import { Salsa20 } from './salsa20';

const SALSA20_NONCE = Uint8Array.of(0xe8, 0x30, 0x09, 0x4b, 0x97, 0x20, 0x5d, 0x2a);

export interface InnerStream {
  /** XORs the next keystream bytes into `data` (in place) and returns it. */
  xor(data: Uint8Array): Uint8Array;
  /** Passes over the next `length` keystream bytes. */
  skip(length: number): void;
  wipe(): void;
}

export function innerStream(id: InnerStreamId, key: Uint8Array): InnerStream {
  switch (id) {
    case 0:
      return { xor: (data) => data, skip: () => undefined, wipe: () => undefined };
    case 2:
      return salsaStream(key);
    case 3:
      return new ChaChaStream(key);
  }
}

function salsaStream(innerKey: Uint8Array): InnerStream {
  const key = new Uint8Array(createHash('sha256').update(innerKey).digest());
  const salsa = new Salsa20(key, SALSA20_NONCE);
  wipe(key);
  let position = 0;
  return {
    xor(data) {
      position += data.length;
      return salsa.xor(data);
    },
    skip(length) {
      position += length;
      salsa.seek(position);
    },
    wipe: () => salsa.wipe(),
  };
}

/** ChaCha20 through OpenSSL; a skip re-creates the cipher at the right block (lazily). */
class ChaChaStream implements InnerStream {
  private readonly key: Uint8Array;
  private readonly nonce: Uint8Array;
  private position = 0;
  private cipher: Cipher | null = null;
  /** Where `cipher` stands (it is at `position` when this equals it). */
  private cipherAt = 0;

  constructor(innerKey: Uint8Array) {
    const hash = new Uint8Array(createHash('sha512').update(innerKey).digest());
    this.key = hash.slice(0, 32);
    this.nonce = hash.slice(32, 44);
    wipe(hash);
  }

  xor(data: Uint8Array): Uint8Array {
    if (this.cipher === null || this.cipherAt !== this.position) this.reposition();
    const out = (this.cipher as Cipher).update(data);
    data.set(out);
    wipe(out);
    this.position += data.length;
    this.cipherAt = this.position;
    return data;
  }

  skip(length: number): void {
    this.position += length;
  }

  private reposition(): void {
    const block = Math.floor(this.position / 64);
    const cipher = createCipheriv('chacha20', this.key, chachaIv(this.nonce, block));
    const within = this.position % 64;
    if (within > 0) wipe(cipher.update(new Uint8Array(within)));
    this.cipher = cipher;
    this.cipherAt = this.position;
  }

  wipe(): void {
    wipe(this.key, this.nonce);
    this.cipher = null;
  }
}
