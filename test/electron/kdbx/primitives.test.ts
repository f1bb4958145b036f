// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codec's primitives against independent references: ChaCha20 (RFC 7539 §2.3.2 and A.1) through
 * OpenSSL's 16-byte IV, the inner random streams (pieces and skips stay aligned), AES-KDF's CBC
 * shortcut against the plain ECB loop KeePass describes, Argon2d/Argon2id (hash-wasm) against the
 * reference test vector and against the native `@node-rs/argon2`, and the KDF parameter checks.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { chachaIv, decryptPayload, encryptPayload } from '../../../electron/kdbx/cipher';
import { KdbxError } from '../../../electron/kdbx/errors';
import { innerStream } from '../../../electron/kdbx/inner-stream';
import {
  deriveTransformedKey,
  kdbx4Kdf,
  kdfCost,
  KDF_AES_KDBX3,
  KDF_AES_KDBX4,
  KDF_ARGON2D,
  KDF_ARGON2ID,
  type KdfParams,
} from '../../../electron/kdbx/kdf';
import { compositeKey } from '../../../electron/kdbx/keys';
import { readVariantDictionary, writeVariantDictionary, type VariantValue } from '../../../electron/kdbx/variant-dict';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('ChaCha20 through OpenSSL (RFC 7539)', () => {
  it('§2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, block 1', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const nonce = Buffer.from('000000090000004a00000000', 'hex');
    const block = createCipheriv('chacha20', key, chachaIv(nonce, 1)).update(new Uint8Array(64));
    expect(hex(block)).toBe(
      '10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4ed2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e',
    );
  });

  it('A.1 test vector 1: zero key and nonce, block 0', () => {
    const block = createCipheriv('chacha20', new Uint8Array(32), chachaIv(new Uint8Array(12))).update(
      new Uint8Array(64),
    );
    expect(hex(block)).toBe(
      '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586',
    );
  });

  it('the payload ciphers round-trip; AES-CBC with a wrong key gives null (bad padding) nearly always', () => {
    const key = new Uint8Array(32).fill(7);
    const data = new TextEncoder().encode('payload '.repeat(40));
    for (const [cipher, iv] of [
      ['aes256', new Uint8Array(16).fill(1)],
      ['chacha20', new Uint8Array(12).fill(2)],
    ] as const) {
      const sealed = encryptPayload(cipher, key, iv, data);
      expect(hex(decryptPayload(cipher, key, iv, sealed) ?? new Uint8Array())).toBe(hex(data));
    }
    const sealed = encryptPayload('aes256', key, new Uint8Array(16), data);
    expect(decryptPayload('aes256', new Uint8Array(32).fill(8), new Uint8Array(16), sealed)).toBeNull();
    expect(decryptPayload('aes256', key, new Uint8Array(16), sealed.subarray(1))).toBeNull();
  });
});

describe('inner random streams', () => {
  const key = Uint8Array.from({ length: 64 }, (_, i) => 255 - i);

  for (const id of [2, 3] as const) {
    it(`${id === 2 ? 'Salsa20' : 'ChaCha20'}: pieces, skips and whole runs stay aligned`, () => {
      const whole = innerStream(id, key).xor(new Uint8Array(700));
      const s = innerStream(id, key);
      const got: number[] = [];
      let at = 0;
      for (const [op, n] of [
        ['xor', 5],
        ['skip', 59],
        ['xor', 64],
        ['skip', 1],
        ['xor', 130],
        ['skip', 200],
        ['xor', 241],
      ] as const) {
        if (op === 'xor') got.push(...s.xor(new Uint8Array(n)));
        else got.push(...whole.subarray(at, at + n)); // what a skip passes over
        if (op === 'skip') s.skip(n);
        at += n;
      }
      expect(hex(Uint8Array.from(got))).toBe(hex(whole));
    });
  }

  it('Salsa20 (KDBX 3.1) keys with SHA-256 of the key and the fixed nonce E8 30 09 4B 97 20 5D 2A', async () => {
    const { Salsa20 } = await import('../../../electron/kdbx/salsa20');
    const expected = new Salsa20(
      new Uint8Array(createHash('sha256').update(key).digest()),
      Uint8Array.of(0xe8, 0x30, 0x09, 0x4b, 0x97, 0x20, 0x5d, 0x2a),
    ).keystream(100);
    expect(hex(innerStream(2, key).xor(new Uint8Array(100)))).toBe(hex(expected));
  });

  it('ChaCha20 (KDBX 4) keys with SHA-512 of the key: its first 32 bytes the key, the next 12 the nonce', () => {
    const h = createHash('sha512').update(key).digest();
    const expected = createCipheriv('chacha20', h.subarray(0, 32), chachaIv(h.subarray(32, 44))).update(
      new Uint8Array(100),
    );
    expect(hex(innerStream(3, key).xor(new Uint8Array(100)))).toBe(hex(expected));
  });

  it('stream 0 leaves values as they are', () => {
    expect(hex(innerStream(0, new Uint8Array(0)).xor(Uint8Array.of(1, 2, 3)))).toBe('010203');
  });
});

describe('key derivation', () => {
  const composite = compositeKey('correct horse');
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 100);

  it('the composite key of a password is SHA-256(SHA-256(UTF-8 password))', () => {
    const inner = createHash('sha256').update('pässwörd', 'utf8').digest();
    expect(hex(compositeKey('pässwörd'))).toBe(createHash('sha256').update(inner).digest('hex'));
  });

  /** AES-KDF as KeePass describes it: each half encrypted `rounds` times with AES-256-ECB, then SHA-256. */
  function aesKdfReference(key: Uint8Array, rounds: number): string {
    const out = Buffer.from(key);
    const ecb = createCipheriv('aes-256-ecb', seed, null);
    ecb.setAutoPadding(false);
    for (let r = 0; r < rounds; r++) out.set(ecb.update(out));
    return createHash('sha256').update(out).digest('hex');
  }

  it('AES-KDF through CBC over zero blocks equals the ECB loop (0, 1, 2, 4,095–4,097 and 10,000 rounds)', async () => {
    for (const rounds of [0, 1, 2, 4095, 4096, 4097, 10_000]) {
      const params: KdfParams = { kind: 'aes-kdf', rounds: BigInt(rounds), seed };
      expect(hex(await deriveTransformedKey(composite, params)), `${rounds} rounds`).toBe(
        aesKdfReference(composite, rounds),
      );
    }
  });

  it('Argon2id: the reference implementation’s test vector (password/somesalt, t=2, m=64 MiB, p=1)', async () => {
    expect(
      await argon2id({
        password: 'password',
        salt: 'somesalt',
        iterations: 2,
        memorySize: 65536,
        parallelism: 1,
        hashLength: 32,
      }),
    ).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });

  it('Argon2d and Argon2id with several lanes (KeePassXC’s parallelism) agree with the native @node-rs/argon2', async () => {
    for (const [kind, algorithm] of [
      ['argon2d', 0],
      ['argon2id', 2],
    ] as const) {
      for (const parallelism of [1, 2, 4]) {
        const params: KdfParams = {
          kind,
          salt: seed,
          memoryBytes: 256n * 1024n,
          iterations: 3n,
          parallelism,
          version: 0x13,
          secret: null,
        };
        const native = await hashRaw(composite, {
          algorithm,
          version: 1,
          timeCost: 3,
          memoryCost: 256,
          parallelism,
          outputLen: 32,
          salt: seed,
        });
        expect(hex(await deriveTransformedKey(composite, params)), `${kind} p=${parallelism}`).toBe(hex(native));
      }
    }
  });

  it('costs: AES-KDF 40 byte-passes a round, Argon2 memory × passes', () => {
    expect(kdfCost({ kind: 'aes-kdf', rounds: 1000n, seed })).toEqual({ memoryBytes: 0, work: 40_000 });
    expect(
      kdfCost({
        kind: 'argon2d',
        salt: seed,
        memoryBytes: 64n << 20n,
        iterations: 10n,
        parallelism: 2,
        version: 0x13,
        secret: null,
      }),
    ).toEqual({ memoryBytes: 64 << 20, work: 640 << 20 });
  });
});

describe('KDF parameters (a VariantDictionary)', () => {
  const dict = (entries: [string, VariantValue][]): Map<string, VariantValue> =>
    readVariantDictionary(writeVariantDictionary(new Map(entries)), 'test');
  const argon = (over: [string, VariantValue][] = []): Map<string, VariantValue> =>
    dict([
      ['$UUID', { type: 'bytes', value: KDF_ARGON2ID }],
      ['S', { type: 'bytes', value: new Uint8Array(32) }],
      ['P', { type: 'u32', value: 2 }],
      ['M', { type: 'u64', value: 1n << 20n }],
      ['I', { type: 'u64', value: 2n }],
      ['V', { type: 'u32', value: 0x13 }],
      ...over,
    ]);
  const kindOf = (run: () => unknown): string => {
    try {
      run();
      return 'ok';
    } catch (e) {
      return e instanceof KdbxError ? e.kind : String(e);
    }
  };

  it('every value type survives writing and reading', () => {
    const items: [string, VariantValue][] = [
      ['a', { type: 'u32', value: 0xffffffff }],
      ['b', { type: 'u64', value: 0xffffffffffffffffn }],
      ['c', { type: 'bool', value: true }],
      ['d', { type: 'i32', value: -5 }],
      ['e', { type: 'i64', value: -(2n ** 40n) }],
      ['f', { type: 'string', value: 'ünï' }],
      ['g', { type: 'bytes', value: Uint8Array.of(1, 2) }],
    ];
    expect([...dict(items)]).toEqual(items);
  });

  it('reads AES-KDF under both UUIDs, Argon2d and Argon2id', () => {
    for (const uuid of [KDF_AES_KDBX3, KDF_AES_KDBX4]) {
      const p = kdbx4Kdf(
        dict([
          ['$UUID', { type: 'bytes', value: uuid }],
          ['R', { type: 'u64', value: 6000n }],
          ['S', { type: 'bytes', value: new Uint8Array(32) }],
        ]),
      );
      expect(p).toMatchObject({ kind: 'aes-kdf', rounds: 6000n });
    }
    expect(kdbx4Kdf(argon([['$UUID', { type: 'bytes', value: KDF_ARGON2D }]]))).toMatchObject({ kind: 'argon2d' });
    expect(kdbx4Kdf(argon())).toMatchObject({ kind: 'argon2id', parallelism: 2, memoryBytes: 1n << 20n });
  });

  it('refuses what it cannot derive (unsupported) and what is malformed (corrupt)', () => {
    expect(kindOf(() => kdbx4Kdf(argon([['$UUID', { type: 'bytes', value: new Uint8Array(16).fill(9) }]])))).toBe(
      'unsupported',
    );
    expect(kindOf(() => kdbx4Kdf(argon([['V', { type: 'u32', value: 0x10 }]])))).toBe('unsupported');
    expect(kindOf(() => kdbx4Kdf(argon([['A', { type: 'bytes', value: Uint8Array.of(1) }]])))).toBe('unsupported');
    expect(kindOf(() => kdbx4Kdf(argon([['V', { type: 'u32', value: 0x12 }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(argon([['P', { type: 'u32', value: 0 }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(argon([['I', { type: 'u64', value: 0n }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(argon([['M', { type: 'u64', value: 1024n }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(argon([['S', { type: 'bytes', value: new Uint8Array(4) }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(argon([['M', { type: 'string', value: 'x' }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(dict([['$UUID', { type: 'bytes', value: KDF_ARGON2D }]])))).toBe('corrupt');
    expect(kindOf(() => kdbx4Kdf(dict([])))).toBe('corrupt');
    expect(kindOf(() => readVariantDictionary(Uint8Array.of(0x00, 0x02, 0x00), 'test'))).toBe('unsupported');
    expect(kindOf(() => readVariantDictionary(Uint8Array.of(0x00, 0x01, 0x04, 1, 0, 0, 0), 'test'))).toBe('corrupt');
    expect(kindOf(() => readVariantDictionary(Uint8Array.of(0x00, 0x01, 0x99, 0, 0, 0, 0, 0, 0, 0, 0), 'test'))).toBe(
      'corrupt',
    );
  });
});
