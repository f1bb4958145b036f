// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The native Argon2id (@node-rs/argon2) and libsodium's WebAssembly one must derive the same key,
 * or a vault written on one computer would not open on another: checked on the committed test
 * vector, on random inputs (fast-check), and end to end (a vault made with one opens with the
 * other). Then the choice between them: native when it loads and passes its self-test, else the
 * fallback, with the reason.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createDefaultKdf,
  createInlineKdf,
  createNativeKdf,
  createVault,
  inspectVault,
  KDF_FLOOR,
  loadNativeArgon2,
  unlockVault,
  type Kdf,
  type NativeArgon2,
} from '../../../electron/vault';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const FIXTURES = path.join(__dirname, '../../fixtures/vault');

const wasm = createInlineKdf();
let native: Kdf;
beforeEach(async () => {
  native = createNativeKdf(await loadNativeArgon2());
});

describe('native and WebAssembly Argon2id agree', () => {
  it('on the committed test vector: both give its key-encryption key', async () => {
    const vector = JSON.parse(readFileSync(path.join(FIXTURES, 'test-vector.json'), 'utf8'));
    const password = fromHex(vector.passwordUtf8Hex);
    const salt = fromHex(vector.kdf.saltHex);
    const params = { opslimit: vector.kdf.opslimit, memlimit: vector.kdf.memlimit };
    expect(hex(await native.derive(password, salt, params))).toBe(vector.intermediate.keyEncryptionKeyHex);
    expect(hex(await wasm.derive(password, salt, params))).toBe(vector.intermediate.keyEncryptionKeyHex);
  });

  it('on random passwords, salts and parameters (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 80 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 64 * 1024, max: 72 * 1024 }),
        async (password, salt, opslimit, memKiB) => {
          const params = { opslimit, memlimit: memKiB * 1024 };
          expect(hex(await native.derive(password, salt, params))).toBe(hex(await wasm.derive(password, salt, params)));
        },
      ),
      { numRuns: 8 },
    );
  }, 60_000);

  describe('a vault made with one opens with the other', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-native-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      ['native → WebAssembly', () => native, () => wasm],
      ['WebAssembly → native', () => wasm, () => native],
    ])('%s', async (_name, writer, reader) => {
      const file = path.join(dir, 'v.tessera');
      const made = await createVault({ path: file, kdf: writer(), kdfParams: KDF_FLOOR }, 'correct horse battery');
      await made.add([
        {
          type: 'totp',
          issuer: 'Example',
          account: 'a@example.com',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: null,
          secret: new Uint8Array(20).fill(7),
        },
      ]);
      made.lock();
      const opened = await unlockVault({ path: file, kdf: reader(), kdfParams: KDF_FLOOR }, 'correct horse battery');
      expect(opened.entries().map((e) => e.issuer)).toEqual(['Example']);
      opened.lock();
      expect((await inspectVault(file)).kdf).toEqual(KDF_FLOOR);
    });
  });
});

describe('choosing the implementation', () => {
  it('uses the native one when it loads, and says so', async () => {
    const kdf = createDefaultKdf();
    expect(await kdf.engine?.()).toEqual({ name: 'native', fallbackReason: null });
    await kdf.close();
  });

  it('falls back to the WebAssembly one when the native module cannot load, with the reason', async () => {
    const kdf = createDefaultKdf({
      loadNative: () =>
        Promise.reject(new Error("Cannot find module '@node-rs/argon2-linux-x64-gnu'\nRequire stack: …")),
      fallback: createInlineKdf,
    });
    expect(await kdf.engine?.()).toEqual({
      name: 'webassembly',
      fallbackReason: "the native Argon2id did not load: Cannot find module '@node-rs/argon2-linux-x64-gnu'",
    });
    const salt = new Uint8Array(16).fill(1);
    const pw = new TextEncoder().encode('pw');
    expect(hex(await kdf.derive(pw, salt, KDF_FLOOR))).toBe(hex(await wasm.derive(pw, salt, KDF_FLOOR)));
    await kdf.close();
  });

  it('refuses a native module that computes another function (its self-test)', async () => {
    const real = await loadNativeArgon2();
    const wrong: NativeArgon2 = {
      hashRaw: async (password, options) => real.hashRaw(password, { ...options, version: 0 }), // Argon2 v1.0
    };
    await expect(loadNativeArgon2(async () => wrong)).rejects.toThrow('wrong answer to its self-test');
    const kdf = createDefaultKdf({ loadNative: () => loadNativeArgon2(async () => wrong), fallback: createInlineKdf });
    expect((await kdf.engine?.())?.name).toBe('webassembly');
  });

  it('checks its input before deriving, like every implementation', async () => {
    await expect(native.derive(new Uint8Array(1), new Uint8Array(16), { opslimit: 1, memlimit: 8192 })).rejects.toThrow(
      RangeError,
    );
    await expect(native.derive(new Uint8Array(1), new Uint8Array(15), KDF_FLOOR)).rejects.toThrow(RangeError);
  });
});
