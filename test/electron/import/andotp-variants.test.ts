// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * andOTP's variants beyond the fixtures (electron/import/andotp.ts, docs/formats.md §4): what makes
 * an encrypted backup recognised (the iteration count andOTP draws, cipher-like bytes behind it, or
 * a name andOTP gives its backups for the variants without a telling header), the OpenPGP backup
 * refused by name, old-style labels, wrong passwords, and a fuzz of the old format's content after
 * decryption.
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, importFormat } from '../../../electron/import';
import { ANDOTP_ITERATIONS } from '../../../electron/import/andotp';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const te = new TextEncoder();
const PLAIN = te.encode(
  JSON.stringify([
    {
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Example',
      label: 'alice',
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA1',
      period: 30,
    },
  ]),
);

/** Deterministic bytes for salts and nonces. */
const bytes = (label: string, n: number): Buffer =>
  Buffer.concat(
    Array.from({ length: Math.ceil(n / 32) }, (_, i) => createHash('sha256').update(`${label}:${i}`).digest()),
  ).subarray(0, n);

function gcm(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

/** docs/formats.md §4, current format. */
function current(plain: Uint8Array, password: string, iterations: number): Uint8Array {
  const salt = bytes('salt', 12);
  const nonce = bytes('nonce', 12);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations);
  return Uint8Array.from(
    Buffer.concat([head, salt, nonce, gcm(pbkdf2Sync(password, salt, iterations, 32, 'sha1'), nonce, plain)]),
  );
}

/** docs/formats.md §4, old format. */
function old(plain: Uint8Array, password: string, nonceLabel = 'old'): Uint8Array {
  const key = createHash('sha256').update(password, 'utf8').digest();
  const nonce = bytes(nonceLabel, 12);
  return Uint8Array.from(Buffer.concat([nonce, gcm(key, nonce, plain)]));
}

/** A header with the given count in front of random bytes. */
function withCount(count: number, rest: Uint8Array): Uint8Array {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(count);
  return Uint8Array.from(Buffer.concat([head, rest]));
}

const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

describe('andOTP encrypted backups: the evidence', () => {
  const body = bytes('body', 200);

  it('recognises the count andOTP 0.7.1+ draws (140,000–160,000, no tolerance) in front of cipher-like bytes', () => {
    for (const n of [ANDOTP_ITERATIONS.min, 150_000, ANDOTP_ITERATIONS.max]) {
      expect(detectFormat(withCount(n, body))?.format, String(n)).toBe('andotp');
    }
    for (const n of [ANDOTP_ITERATIONS.min - 1, ANDOTP_ITERATIONS.max + 1, 4096, 1, 10_000_000]) {
      expect(detectFormat(withCount(n, body)), String(n)).toBeNull();
    }
  });

  it('not when what follows the count is not cipher-like, or too short to hold salt, nonce and tag', () => {
    expect(detectFormat(withCount(150_000, new Uint8Array(200)))).toBeNull();
    expect(detectFormat(withCount(150_000, te.encode('x'.repeat(200))))).toBeNull();
    expect(detectFormat(withCount(150_000, bytes('short', 40)))).toBeNull();
  });

  it('andOTP 0.6.3–0.7.0 (1,000–5,000 iterations) and the old format: only with a name andOTP gives its backups', () => {
    const early = current(PLAIN, 'pw', 3000);
    const before = old(PLAIN, 'pw');
    for (const file of [early, before]) {
      expect(detectFormat(file)).toBeNull();
      expect(detectFormat(file, 'data.bin')).toBeNull();
      expect(detectFormat(file, 'otp_accounts.json.aes')?.format).toBe('andotp');
      expect(detectFormat(file, '/sdcard/andOTP/otp_accounts_2019-12-01_10-00-00.json.aes')?.format).toBe('andotp');
      expect(detectFormat(file, 'andotp_encrypted_old.bin')?.format).toBe('andotp');
    }
  });

  it('a name alone is not enough: text, zeros and short files named like andOTP backups are not recognised', () => {
    expect(detectFormat(te.encode('Milk\nEggs\nBread\n'), 'otp_accounts.json.aes')).toBeNull();
    expect(detectFormat(new Uint8Array(4096), 'otp_accounts.json.aes')).toBeNull();
    expect(detectFormat(bytes('tiny', 29), 'otp_accounts.json.aes')).toBeNull();
    expect(detectFormat(bytes('enough', 30), 'otp_accounts.json.aes')?.format).toBe('andotp');
  });

  it('a name that only hints at andOTP does not make random bytes andOTP without the header', () => {
    // Hints (otp_accounts.json, andotp.json) break near-ties; they are evidence only for the encrypted names.
    expect(detectFormat(bytes('random', 500), 'otp_accounts.json')).toBeNull();
  });
});

describe('andOTP encrypted backups: reading', () => {
  it('reads all three with --format, whatever the name, and names the variant', async () => {
    const early = await importFile(current(PLAIN, 'pw', 2000), { format: 'andotp', password: 'pw' });
    expect(early.variant).toBe('encrypted backup');
    const before = await importFile(old(PLAIN, 'pw'), { format: 'andotp', password: 'pw' });
    expect(before.variant).toBe('encrypted backup, old format (before andOTP 0.6.3)');
    expect(before.entries[0]).toMatchObject({ issuer: 'Example', account: 'alice' });
  });

  it('a wrong password is wrong-password for both formats; none is password-required', async () => {
    expect(await kind(importFile(old(PLAIN, 'pw'), { format: 'andotp', password: 'nope' }))).toBe('wrong-password');
    expect(await kind(importFile(current(PLAIN, 'pw', 1000), { format: 'andotp', password: 'nope' }))).toBe(
      'wrong-password',
    );
    expect(await kind(importFile(old(PLAIN, 'pw'), { format: 'andotp' }))).toBe('password-required');
  });

  it('a file shorter than nonce and tag is damaged', async () => {
    expect(await kind(importFile(bytes('x', 27), { format: 'andotp', password: 'pw' }))).toBe('corrupt');
  });

  it('splits "Issuer - account" labels of entries without an issuer, plain or encrypted (as Aegis)', async () => {
    const list = te.encode(
      JSON.stringify([
        {
          secret: 'JBSWY3DPEHPK3PXP',
          label: 'Example - alice - work',
          digits: 6,
          type: 'TOTP',
          algorithm: 'SHA1',
          period: 30,
        },
        { secret: 'JBSWY3DPEHPK3PXP', label: 'no issuer', period: 30 },
      ]),
    );
    expect(detectFormat(list)?.format).toBe('andotp');
    const result = await importFile(list);
    expect(result.variant).toBe('plain backup');
    expect(result.entries.map((e) => [e.type, e.issuer, e.account])).toEqual([
      ['totp', 'Example', 'alice - work'],
      ['totp', '', 'no issuer'],
    ]);
  });
});

describe('andOTP OpenPGP backups', () => {
  const armoured = te.encode(
    '-----BEGIN PGP MESSAGE-----\n\nhQEMA1234567890ABAQf/abcdefgh\n=abcd\n-----END PGP MESSAGE-----\n',
  );
  // A public-key encrypted session key packet (old format, tag 1, version 3), then more packets.
  const binary = Uint8Array.from([0x85, 0x01, 0x0c, 0x03, ...bytes('pgp', 300)]);

  it('are recognised only by andOTP’s names (otp_accounts….json.gpg), and refused with what to do', async () => {
    for (const file of [armoured, binary]) {
      expect(detectFormat(file)).toBeNull();
      expect(detectFormat(file, 'message.gpg')).toBeNull();
      expect(detectFormat(file, 'otp_accounts_2020-01-01.json.gpg')?.format).toBe('andotp');
      const error = await importFile(file, { fileName: 'otp_accounts.json.gpg', password: 'pw' }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        kind: 'unsupported',
        message: expect.stringMatching(/OpenPGP.*OpenKeychain or GnuPG/),
      });
    }
    expect(importFormat('andotp').needsPassword(armoured)).toBe(false);
  });
});

describe('andOTP old format after decryption: 200 mutated plaintexts (seeded)', () => {
  it('never crashes, hangs or leaks a secret', async () => {
    const plain = te.encode(
      JSON.stringify([
        {
          secret: 'JBSWY3DPEHPK3PXP',
          label: 'Example - alice',
          digits: 6,
          type: 'TOTP',
          algorithm: 'SHA1',
          period: 30,
          tags: ['Work'],
        },
        { secret: 'KRSXG5CTMVRXEZLU', label: 'Forge - bob', digits: 8, type: 'HOTP', algorithm: 'SHA512', counter: 5 },
        { secret: 'GEZDGNBVGY3TQOJQ', label: 'Steam - carol', digits: 5, type: 'STEAM', algorithm: 'SHA1', period: 30 },
      ]),
    );
    const probe = prober(new Set(['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQ']));
    const rnd = prng(seedOf('andotp old content'));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const file = old(mutate(plain, rnd), 'pw', `fuzz-${i}`);
      await probe(`andotp old #${i}`, () => importFile(file, { format: 'andotp', password: 'pw' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
