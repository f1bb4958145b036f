// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ente Auth beyond the fixtures: the variant names, versions of the encrypted export, and a fuzz of
 * the content behind the password (mutated link lists, some re-encrypted with cheap Argon2id).
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile } from '../../../electron/import';
import { VARIANTS } from '../../../electron/import/ente';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';
import { enteEncrypted } from './writers';

const te = new TextEncoder();
const td = new TextDecoder();
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const SECRET = 'KRUGS4ZANFZSAYJAMZQWWZJAMJQXGZJT';
const display = (d: Record<string, unknown>): string => encodeURIComponent(JSON.stringify(d));
const text = [
  `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example&codeDisplay=${display({ pinned: true, tags: ['Work'], note: 'n' })}`,
  `otpauth://hotp/VPN:bob?secret=${SECRET}&issuer=VPN&counter=2&period=30&codeDisplay=${display({ trashed: false })}`,
].join('\n');

describe('Ente Auth: variants', () => {
  it('names the plain and the encrypted export', async () => {
    const plain = te.encode(text);
    expect(detectFormat(plain)?.format).toBe('ente');
    expect((await importFile(plain)).variant).toBe(VARIANTS.plain);
    const encrypted = await enteEncrypted(text, 'pw');
    expect((await importFile(encrypted, { password: 'pw' })).variant).toBe(VARIANTS.encrypted);
  });

  it('a link list without codeDisplay is a plain link list, not Ente’s', () => {
    expect(detectFormat(te.encode(`otpauth://totp/A:a?secret=${SECRET}`))?.format).toBe('otpauth-uri-list');
  });

  it('refuses encrypted exports of another version before asking for a password', async () => {
    const file = JSON.parse(td.decode(await enteEncrypted(text, 'pw'))) as Record<string, unknown>;
    const v2 = te.encode(JSON.stringify({ ...file, version: 2 }));
    expect(await kind(importFile(v2))).toBe('unsupported');
  });
});

describe('Ente Auth after decryption (fuzz)', () => {
  it('200 mutated link lists through the reader, 20 of them re-encrypted with 8 MiB × 1 Argon2id', async () => {
    const probe = prober(new Set([SECRET]));
    const rnd = prng(seedOf('ente content'));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const mutated = mutate(te.encode(text), rnd);
      if (i % 10 === 0) {
        const file = await enteEncrypted(td.decode(mutated), 'pw');
        await probe(`ente encrypted content #${i}`, () => importFile(file, { password: 'pw' }), tally);
      } else {
        await probe(`ente content #${i}`, () => importFile(mutated, { format: 'ente' }), tally);
      }
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
