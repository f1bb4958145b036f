// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bundles a TypeScript entry into one CommonJS file with rolldown (the bundler inside Vite), with
 * dependencies left as `require()` calls exactly as electron-vite's externalised main build does.
 * The output goes under node_modules/.cache so those requires resolve from the project.
 */
import { mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { rolldown } from 'rolldown';

export const ROOT = path.resolve(__dirname, '../../../..');
export const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'tessera-vault-tests');

/** The libsodium stand-in that children may be bundled with (see sodium-lite.ts). */
export const SODIUM_LITE = path.join(ROOT, 'test/electron/vault/helpers/sodium-lite.ts');

/**
 * Bundles `entry` (relative to the repository root) to `<cache>/<name>.cjs` and returns its path.
 * With `sodiumLite`, `libsodium-wrappers-sumo` is replaced by the stand-in (short-lived children).
 */
export async function bundleCjs(entry: string, name: string, options: { sodiumLite?: boolean } = {}): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const outFile = path.join(CACHE_DIR, `${name}-${process.pid}.cjs`);
  const bundle = await rolldown({
    input: path.join(ROOT, entry),
    platform: 'node',
    external: [/^node:/, /^@node-rs\//, ...builtinModules, ...(options.sodiumLite ? [] : ['libsodium-wrappers-sumo'])],
    ...(options.sodiumLite ? { resolve: { alias: { 'libsodium-wrappers-sumo': SODIUM_LITE } } } : {}),
    logLevel: 'warn',
  });
  try {
    await bundle.write({ file: outFile, format: 'cjs', codeSplitting: false });
  } finally {
    await bundle.close();
  }
  return outFile;
}
