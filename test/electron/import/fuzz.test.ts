// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Fuzzing every importer with seeded, deterministic mutations of its corpus files (bit flips,
 * truncation, insertions, structural JSON edits): no crash, no hang (a generous per-input time bound,
 * a hang detector only), only ImportError or skipped entries — and no secret in any message.
 * Files behind expensive KDFs are fuzzed up to the password check, and again after decryption by
 * re-encrypting mutated plaintexts with cheap parameters (test/electron/import/writers.ts).
 */
import { expect, it } from 'vitest';
import { importFile, type ImportFormatId } from '../../../electron/import';
import { readJson as readStratumJson } from '../../../electron/import/stratum';
import { describeCorpus } from '../../helpers/corpus';
import { corpusBytes, expectedCorpus } from './expected';
import { newTally, mutate, prober } from './fuzz-probe';
import { mutateBytes, mutateJson, prng, seedOf } from './mutate';
import { aegisEncrypted, andOtpEncrypted, freeOtpV2 } from './writers';

/** Mutated inputs per importer (split over its corpus files). */
const PER_FORMAT = 600;
const MIN_PER_FILE = 200;
/** Encrypted files whose KDF costs 50 ms–1 s: fuzzed without the password (container only). */
const EXPENSIVE: ReadonlySet<string> = new Set(['aegis', 'andotp', 'freeotp', 'stratum']);
/** Fixed by default (deterministic); set TESSERA_FUZZ_SEED to explore other mutations locally. */
const SEED_SALT = process.env.TESSERA_FUZZ_SEED ?? '';

const te = new TextEncoder();
const td = new TextDecoder();

describeCorpus('importer fuzzing (seeded, deterministic)', () => {
  const expected = expectedCorpus();
  const secrets = new Set(Object.values(expected.files).flatMap((f) => f.entries.map((e) => e.secret)));
  const files = Object.entries(expected.files);
  const perFormat = new Map<string, number>();
  for (const [, spec] of files) perFormat.set(spec.format, (perFormat.get(spec.format) ?? 0) + 1);

  const probe = prober(secrets);

  for (const [rel, spec] of files) {
    const runs = Math.max(MIN_PER_FILE, Math.ceil(PER_FORMAT / (perFormat.get(spec.format) ?? 1)));
    const withPassword = typeof spec.password === 'string' && !EXPENSIVE.has(spec.format);
    it(`${rel}: ${runs} mutated inputs${withPassword ? ' (with the password)' : ''}`, async () => {
      const original = corpusBytes(rel);
      const rnd = prng(seedOf(SEED_SALT + rel));
      const tally = newTally();
      for (let i = 0; i < runs; i++) {
        const input = mutate(original, rnd);
        const options = {
          format: spec.format as ImportFormatId,
          ...(withPassword ? { password: spec.password ?? '' } : {}),
        };
        await probe(`${rel} #${i}`, () => importFile(input, options), tally);
        if (i % 4 === 0) await probe(`${rel} #${i} (detected)`, () => importFile(input), tally);
      }
      expect(tally.ok + Object.values(tally.errors).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(runs);
    });
  }

  it('Aegis after decryption: 200 mutated contents re-encrypted with scrypt N=16', async () => {
    const plain = JSON.parse(td.decode(corpusBytes('aegis/aegis_plain.json'))) as { db: unknown };
    const content = te.encode(JSON.stringify(plain.db));
    const rnd = prng(seedOf(SEED_SALT) + 1);
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const file = aegisEncrypted(mutate(content, rnd), 'pw');
      await probe(`aegis content #${i}`, () => importFile(file, { password: 'pw' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('andOTP after decryption: 200 mutated plaintexts re-encrypted with 1 PBKDF2 iteration', async () => {
    const plain = corpusBytes('andotp/andotp_plain.json');
    const rnd = prng(seedOf(SEED_SALT) + 2);
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const file = andOtpEncrypted(mutate(plain, rnd), 'pw');
      await probe(`andotp content #${i}`, () => importFile(file, { password: 'pw', format: 'andotp' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('FreeOTP 2 after decryption: 200 backups of mutated tokens with 1 PBKDF2 iteration', async () => {
    const plus = JSON.parse(td.decode(corpusBytes('freeotp-plus/freeotp_plus.json'))) as {
      tokens: ({ secret: number[] } & Record<string, unknown>)[];
    };
    const rnd = prng(seedOf(SEED_SALT) + 3);
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const tokens = plus.tokens.map(({ secret, ...token }) => {
        const mutated = rnd() < 0.5 ? (JSON.parse(mutateJson(JSON.stringify(token), rnd) ?? '{}') as unknown) : token;
        const bytes = Uint8Array.from(secret, (b) => b & 0xff);
        return {
          token: (typeof mutated === 'object' && mutated !== null ? mutated : {}) as Record<string, unknown>,
          secret: rnd() < 0.2 ? mutateBytes(bytes, rnd) : bytes,
        };
      });
      const file = freeOtpV2(tokens, 'pw');
      const input = rnd() < 0.3 ? mutateBytes(file, rnd) : file;
      await probe(`freeotp2 content #${i}`, () => importFile(input, { password: 'pw', format: 'freeotp' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('Stratum after decryption: 200 mutated JSON contents (the code path behind Argon2id)', async () => {
    const text = td.decode(corpusBytes('stratum/stratum_plain.json'));
    const rnd = prng(seedOf(SEED_SALT) + 4);
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const mutated = td.decode(mutate(te.encode(text), rnd));
      await probe(`stratum content #${i}`, async () => readStratumJson(mutated), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('random bytes and oversize input: unknown-format or too-large, never a crash', async () => {
    const rnd = prng(seedOf(SEED_SALT) + 5);
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 2048) }, () => Math.floor(rnd() * 256));
      await probe(`random #${i}`, () => importFile(bytes), tally);
    }
    await expect(importFile(new Uint8Array(50 * 1024 * 1024 + 1))).rejects.toMatchObject({ kind: 'too-large' });
  });
});
