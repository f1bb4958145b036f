// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Crash safety: a child process saving in a loop is SIGKILLed at random moments, 200 times in two
 * parallel lanes; after every kill the vault opens to a complete state no older than the last
 * acknowledged save (see helpers/crash-runner.ts). `node scripts/crash-test.mjs` runs 1,000.
 * The children use a libsodium stand-in (helpers/sodium-lite.ts, checked below) to start faster;
 * the parent opens every file they leave with the real libsodium.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCjs } from './helpers/bundle';
import { runCrashLane } from './helpers/crash-runner';
import { memoryTempDir, seededRandom } from './helpers/fakes';
import sodiumLite from './helpers/sodium-lite';
import sodium from 'libsodium-wrappers-sumo';

const KILLS_PER_LANE = 100;
const LANES = 2;

let childScript: string;
let tmp: ReturnType<typeof memoryTempDir>;

beforeAll(async () => {
  childScript = await bundleCjs('test/electron/vault/helpers/child.ts', 'crash-child', { sodiumLite: true });
  tmp = memoryTempDir('tessera-crash-');
});
afterAll(() => {
  tmp.cleanup();
  rmSync(childScript, { force: true });
});

describe('crash safety', () => {
  it("the children's libsodium stand-in is byte-compatible with libsodium", async () => {
    await sodium.ready;
    const random = seededRandom('sodium-lite');
    for (const size of [0, 1, 15, 16, 63, 64, 65, 1000, 70_000]) {
      const [key, nonce, message, aad] = [random(32), random(24), random(size), random(size % 97)];
      const real = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(message, aad, null, nonce, key);
      const lite = sodiumLite.crypto_aead_xchacha20poly1305_ietf_encrypt(message, aad, null, nonce, key);
      expect(Buffer.from(lite).equals(Buffer.from(real))).toBe(true);
      expect(Buffer.from(sodiumLite.crypto_aead_xchacha20poly1305_ietf_decrypt(null, real, aad, nonce, key))).toEqual(
        Buffer.from(message),
      );
      real[0] = (real[0] ?? 0) ^ 1;
      expect(() => sodiumLite.crypto_aead_xchacha20poly1305_ietf_decrypt(null, real, aad, nonce, key)).toThrow();
    }
  });

  it(`survives ${KILLS_PER_LANE * LANES} SIGKILLs at random moments while saving`, { timeout: 240_000 }, async () => {
    const seed = Date.now() % 1_000_000;
    const results = await Promise.all(
      Array.from({ length: LANES }, (_, lane) =>
        runCrashLane({
          childScript,
          dir: path.join(tmp.dir, `lane-${lane}`),
          kills: KILLS_PER_LANE,
          seed: seed + lane,
        }),
      ),
    );
    const kills = results.reduce((n, r) => n + r.kills, 0);
    expect(kills).toBeGreaterThanOrEqual(200);
    // The children made progress (the kills did not all land before any save).
    for (const r of results) expect(r.finalStep).toBeGreaterThan(KILLS_PER_LANE / 2);
  });
});
