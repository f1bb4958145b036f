// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The KDF that main and the CLI use: the native Argon2id where it loads and passes its self-test
 * (kdf-native.ts), else libsodium's WebAssembly build in a worker thread (kdf-worker.ts), so the
 * window and the prompt stay responsive either way. The choice is made once, at the first
 * derivation, and `engine()` says which one it is and why.
 */
import type { KdfEngine } from '../domain';
import { assertDeriveInput, type Kdf } from './kdf';
import { createNativeKdf, loadNativeArgon2, type NativeArgon2 } from './kdf-native';
import { createWorkerKdf } from './kdf-worker';

/** A `Kdf` that may own a thread: `close()` ends it (the CLI closes before exiting). */
export type ClosableKdf = Kdf & { close(): Promise<void> };

export interface DefaultKdfOptions {
  /** Loads and self-tests the native module; default `loadNativeArgon2`. */
  readonly loadNative?: () => Promise<NativeArgon2>;
  /** The fallback; default the WebAssembly Argon2id in a worker thread. */
  readonly fallback?: () => Kdf & { close?(): Promise<void> };
}

interface Choice {
  readonly kdf: Kdf & { close?(): Promise<void> };
  readonly engine: KdfEngine;
}

/** The reason a native module did not load, in one line (no stack, no paths beyond the message's). */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 300) || 'unknown error';
}

/** The native Argon2id if it loads, else the fallback; see the file comment. */
export function createDefaultKdf(options: DefaultKdfOptions = {}): ClosableKdf {
  let choice: Promise<Choice> | null = null;
  const choose = (): Promise<Choice> =>
    (choice ??= (options.loadNative ?? loadNativeArgon2)().then(
      (argon2): Choice => ({ kdf: createNativeKdf(argon2), engine: { name: 'native', fallbackReason: null } }),
      (error: unknown): Choice => ({
        kdf: (options.fallback ?? createWorkerKdf)(),
        engine: { name: 'webassembly', fallbackReason: `the native Argon2id did not load: ${firstLine(error)}` },
      }),
    ));
  return {
    engine: async () => (await choose()).engine,
    async derive(password, salt, params) {
      assertDeriveInput(salt, params);
      return (await choose()).kdf.derive(password, salt, params);
    },
    async close() {
      if (choice) await (await choice).kdf.close?.();
    },
  };
}

let shared: ClosableKdf | null = null;

/** The process-wide default KDF, used when `VaultOptions.kdf` is not given. */
export function sharedDefaultKdf(): ClosableKdf {
  shared ??= createDefaultKdf();
  return shared;
}
