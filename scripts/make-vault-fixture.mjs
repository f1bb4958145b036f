#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Regenerates the published format 2 test vectors: `node scripts/make-vault-fixture.mjs`.
 * Writes test/fixtures/vault/test-vector.{tessera,json} (a password slot) and
 * test-vector-recovery.{tessera,json} (a password slot and a recovery slot) from fixed randomness,
 * a fixed clock and real Argon2id (test/electron/vault/helpers/test-vector.ts, bundled with
 * rolldown). The output only changes when the format does; then update docs/vault-format.md too.
 * test-vector-v1.{tessera,json}, the format 1 vector, is not written here: this build writes only
 * format 2, so that file stays as committed (reading format 1 stays tested).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'tessera-fixture');
mkdirSync(cache, { recursive: true });
const bundled = path.join(cache, 'test-vector.cjs');
const bundle = await rolldown({
  input: path.join(root, 'test/electron/vault/helpers/test-vector.ts'),
  platform: 'node',
  external: [/^node:/, /^@node-rs\//, 'libsodium-wrappers-sumo', ...builtinModules],
  logLevel: 'warn',
});
await bundle.write({ file: bundled, format: 'cjs', codeSplitting: false });
await bundle.close();

const { buildTestVector, buildRecoveryTestVector } = createRequire(import.meta.url)(bundled);
const out = path.join(root, 'test', 'fixtures', 'vault');
mkdirSync(out, { recursive: true });
for (const [name, build] of [
  ['test-vector', buildTestVector],
  ['test-vector-recovery', buildRecoveryTestVector],
]) {
  const { file, description } = await build();
  writeFileSync(path.join(out, `${name}.tessera`), file);
  writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(description, null, 2)}\n`);
  console.log(
    `wrote ${path.relative(root, out)}/${name}.{tessera,json} (${file.length} bytes, sha256 ${description.sha256})`,
  );
}
rmSync(cache, { recursive: true, force: true });
