// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Argon2id in native code: `@node-rs/argon2` (the Rust `argon2` crate behind Node-API, prebuilt
 * for Windows, macOS and Linux on x64 and arm64; Node-API modules load in Electron without a
 * rebuild). With parallelism 1, no secret and no associated data it computes the same key as
 * libsodium's `crypto_pwhash` (ALG_ARGON2ID13): memoryCost is memlimit in KiB, timeCost is
 * opslimit; test/electron/vault/kdf-native.test.ts proves it both ways.
 *
 * About 1.5× faster than libsodium's WebAssembly build here, and it runs on libuv's thread pool,
 * so neither the window's main process nor the CLI needs a worker thread to stay responsive.
 */
import { assertDeriveInput, KDF_ENGINE_NATIVE, type Kdf } from './kdf';
import { KEY_BYTES } from './crypto';

/** The one function used from `@node-rs/argon2` (its `hashRaw`), so tests can stand in for it. */
export interface NativeArgon2 {
  hashRaw(
    password: Uint8Array,
    options: {
      algorithm: number;
      version: number;
      timeCost: number;
      memoryCost: number;
      parallelism: number;
      outputLen: number;
      salt: Uint8Array;
    },
  ): Promise<Uint8Array>;
}

/** `Algorithm.Argon2id` and `Version.V0x13` of `@node-rs/argon2` (const enums, so spelled out here). */
const ARGON2ID = 2;
const VERSION_0X13 = 1;

/**
 * A known answer, computed with libsodium: Argon2id of "tessera self-test" with salt 00 01 … 0f,
 * 2 passes over 64 KiB. A binary that loads but computes another function must never wrap a key:
 * the vault would open nowhere else.
 */
const SELF_TEST = {
  password: 'tessera self-test',
  salt: Uint8Array.from({ length: 16 }, (_, i) => i),
  timeCost: 2,
  memoryCost: 64,
  key: '7033aa3b1a11a198759d9c69f78503e21ad7212698ab1b2d53e42aa65062cb03',
};

/** Loads `@node-rs/argon2`: `require` in the built CommonJS bundles (~10 ms sooner than `import()` of
 * a CommonJS package, which the ES module loader first scans for its exports), `import()` elsewhere. */
async function loadModule(): Promise<NativeArgon2> {
  const module: typeof import('@node-rs/argon2') =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    typeof require === 'function' ? require('@node-rs/argon2') : await import('@node-rs/argon2');
  return { hashRaw: module.hashRaw };
}

/** Resolves when `argon2` reproduces the known answer; rejects otherwise. */
async function selfTest(argon2: NativeArgon2): Promise<void> {
  const key = await argon2.hashRaw(new TextEncoder().encode(SELF_TEST.password), {
    algorithm: ARGON2ID,
    version: VERSION_0X13,
    timeCost: SELF_TEST.timeCost,
    memoryCost: SELF_TEST.memoryCost,
    parallelism: 1,
    outputLen: KEY_BYTES,
    salt: SELF_TEST.salt,
  });
  if (Buffer.from(key).toString('hex') !== SELF_TEST.key) {
    throw new Error('the native Argon2id gave a wrong answer to its self-test');
  }
}

/**
 * Loads the native module and checks it against the known answer (~1 ms). Rejects when no
 * prebuilt binary fits this platform, it fails to load, or it computes a different key.
 */
export async function loadNativeArgon2(load: () => Promise<NativeArgon2> = loadModule): Promise<NativeArgon2> {
  const argon2 = await load();
  await selfTest(argon2);
  return argon2;
}

/** A `Kdf` over a loaded native Argon2id. The returned key is a fresh copy; the binding's buffer is wiped. */
export function createNativeKdf(argon2: NativeArgon2): Kdf {
  return {
    engine: async () => KDF_ENGINE_NATIVE,
    async derive(password, salt, params) {
      assertDeriveInput(salt, params);
      const out = await argon2.hashRaw(password, {
        algorithm: ARGON2ID,
        version: VERSION_0X13,
        timeCost: params.opslimit,
        memoryCost: params.memlimit / 1024,
        parallelism: 1,
        outputLen: KEY_BYTES,
        salt,
      });
      const key = Uint8Array.from(out);
      out.fill(0);
      if (key.length !== KEY_BYTES) throw new Error(`native Argon2id returned ${key.length} bytes, not ${KEY_BYTES}`);
      return key;
    },
  };
}
