// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proton Authenticator beyond the fixtures: the password-protected export (detection by its exact
 * shape, the associated data, wrong passwords, damaged headers, versions, the fixed Argon2id cost
 * charged to the budget) and a fuzz of the content behind the password.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, KDF_CEILINGS, WorkBudget } from '../../../electron/import';
import { protonAuthenticatorFormat, readExport, VARIANTS } from '../../../electron/import/proton-authenticator';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const te = new TextEncoder();
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const plain = JSON.stringify({
  version: 1,
  entries: [
    {
      id: 'x',
      content: {
        uri: `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`,
        entry_type: 'Totp',
        name: 'alice',
      },
      note: 'n',
    },
  ],
});

/** One salt for every file of these tests, so each password's key is derived once (Argon2id is slow in tests). */
const SALT = randomBytes(16);
const keys = new Map<string, Uint8Array>();
beforeAll(async () => {
  await sodium.ready;
  for (const password of ['pw']) {
    keys.set(
      password,
      sodium.crypto_pwhash(32, password, SALT, 2, 19 * 1024 * 1024, sodium.crypto_pwhash_ALG_ARGON2ID13),
    );
  }
});

/** password_exporter.rs: Argon2id t=2 m=19 MiB p=1 (libsodium), AES-256-GCM, nonce ‖ ct ‖ tag. */
function encrypted(text: string, password: string, aad: string | null = 'proton.authenticator.export.v1'): Uint8Array {
  const salt = SALT;
  const key = keys.get(password);
  if (key === undefined) throw new Error(`no key derived for ${password}`);
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  if (aad !== null) c.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  const content = Buffer.concat([nonce, ct, c.getAuthTag()]).toString('base64');
  return te.encode(JSON.stringify({ version: 1, salt: salt.toString('base64'), content }));
}

describe('Proton Authenticator: the password-protected export', () => {
  it('is recognised by its exact shape and needs a password', () => {
    const file = encrypted(plain, 'pw');
    expect(protonAuthenticatorFormat.detect(file)).toBe(0.95);
    expect(detectFormat(file)?.format).toBe('proton-authenticator');
    expect(protonAuthenticatorFormat.needsPassword(file)).toBe(true);
    expect(protonAuthenticatorFormat.needsPassword(te.encode(plain))).toBe(false);
    const b64 = (n: number): string => randomBytes(n).toString('base64');
    for (const other of [
      { version: 1, salt: b64(8), content: b64(64) },
      { version: 1, salt: b64(16), content: b64(20) },
      { version: 1, salt: b64(16), content: b64(64), kdf: 'x' },
      { salt: b64(16), content: b64(64) },
      { version: 1, salt: 'not base64!', content: b64(64) },
    ]) {
      expect(protonAuthenticatorFormat.detect(te.encode(JSON.stringify(other)))).toBe(0);
    }
  });

  it('opens with the password; a wrong one or none is refused; older files without associated data open too', async () => {
    const file = encrypted(plain, 'pw');
    expect(await kind(importFile(file))).toBe('password-required');
    expect(await kind(importFile(file, { password: 'nope' }))).toBe('wrong-password');
    const result = await importFile(file, { password: 'pw' });
    expect(result.variant).toBe(VARIANTS.encrypted);
    expect(result.entries.map((e) => [e.issuer, e.account, e.notes])).toEqual([['Example', 'alice', 'n']]);
    expect((await importFile(encrypted(plain, 'pw', null), { password: 'pw' })).entries).toHaveLength(1);
    expect(await kind(importFile(encrypted(plain, 'pw', 'other'), { password: 'pw' }))).toBe('wrong-password');
  });

  it('refuses other versions and damaged content', async () => {
    const v2 = JSON.stringify({
      version: 2,
      salt: randomBytes(16).toString('base64'),
      content: randomBytes(64).toString('base64'),
    });
    expect(await kind(importFile(te.encode(v2), { format: 'proton-authenticator', password: 'pw' }))).toBe(
      'unsupported',
    );
    const inner2 = encrypted(JSON.stringify({ version: 2, entries: [] }), 'pw');
    expect(await kind(importFile(inner2, { password: 'pw' }))).toBe('unsupported');
    const badSalt = JSON.stringify({ version: 1, salt: 'AAAA', content: randomBytes(64).toString('base64') });
    expect(await kind(importFile(te.encode(badSalt), { format: 'proton-authenticator', password: 'pw' }))).toBe(
      'corrupt',
    );
    const notJson = encrypted('not json', 'pw');
    expect(await kind(importFile(notJson, { password: 'pw' }))).toBe('corrupt');
  });

  it('charges the fixed Argon2id cost (19 MiB × 2) to its KDF ceiling before deriving', async () => {
    expect(KDF_CEILINGS['proton-authenticator']?.legitimateWork).toBe(2 * 19 * 1024 * 1024);
    const file = encrypted(plain, 'pw');
    const budget = new WorkBudget({
      kdf: {
        'proton-authenticator': {
          app: 'Proton Authenticator',
          defaults: 'x',
          legitimateMemoryBytes: 0,
          legitimateWork: 1024,
          margin: 1,
          why: 'test',
        },
      },
    });
    await expect(importFile(file, { password: 'pw', budget })).rejects.toMatchObject({
      kind: 'too-large',
      limit: { name: 'kdf-work' },
    });
  });
});

describe('Proton Authenticator after decryption (fuzz)', () => {
  it('200 mutated exports through the reader behind the password', async () => {
    const probe = prober(new Set([SECRET]));
    const rnd = prng(seedOf('proton content'));
    const tally = newTally();
    const td = new TextDecoder();
    for (let i = 0; i < 200; i++) {
      const text = td.decode(mutate(te.encode(plain), rnd));
      await probe(`proton content #${i}`, async () => readExport(text), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
