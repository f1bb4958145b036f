// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Fuzzing every importer with seeded mutations of Tessera's own fixtures (fixtures.ts), with the
 * corpus fuzzing's budget (fuzz.test.ts): 600 mutated inputs per format, at least 200 per file, each
 * also fed to detection every fourth time. Files whose KDF is cheap (`cheapKdf`) are fuzzed with their
 * password; the others up to the password check — their parsers' tests fuzz the content behind it.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../electron/import';
import { allFixtures } from './fixtures';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const PER_FORMAT = 600;
const MIN_PER_FILE = 200;
const SEED_SALT = process.env.TESSERA_FUZZ_SEED ?? '';

describe('importer fuzzing of the fixtures (seeded, deterministic)', () => {
  const fixtures = allFixtures();
  const secrets = new Set(fixtures.flatMap((f) => f.entries.map((e) => e.secret)));
  const probe = prober(secrets);
  const perFormat = new Map<string, number>();
  for (const f of fixtures) perFormat.set(f.format, (perFormat.get(f.format) ?? 0) + 1);

  it('has fixtures to fuzz', () => expect(fixtures.length).toBeGreaterThan(0));

  for (const fx of fixtures) {
    const runs = Math.max(MIN_PER_FILE, Math.ceil(PER_FORMAT / (perFormat.get(fx.format) ?? 1)));
    const withPassword = typeof fx.password === 'string' && fx.cheapKdf === true;
    it(`${fx.rel}: ${runs} mutated inputs${withPassword ? ' (with the password)' : ''}`, async () => {
      const rnd = prng(seedOf(SEED_SALT + fx.rel));
      const tally = newTally();
      for (let i = 0; i < runs; i++) {
        const input = mutate(fx.bytes, rnd);
        const options = { format: fx.format, ...(withPassword ? { password: fx.password ?? '' } : {}) };
        await probe(`${fx.rel} #${i}`, () => importFile(input, options), tally);
        if (i % 4 === 0)
          await probe(`${fx.rel} #${i} (detected)`, () => importFile(input, { fileName: fx.file }), tally);
      }
      expect(tally.ok + Object.values(tally.errors).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(runs);
    });
  }
});
