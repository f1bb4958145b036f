// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * 2FAS's variants beyond the fixtures (electron/import/two-fas.ts, docs/formats.md §3): the variant
 * name for every schema, plain and encrypted, detection's required fields, and a fuzz of the
 * encrypted content after decryption (the app's own 10,000 PBKDF2 iterations cost milliseconds).
 */
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../electron/import';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const te = new TextEncoder();
const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));
const service = {
  name: 'Example',
  secret: 'JBSWY3DPEHPK3PXP',
  otp: { account: 'alice', digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' },
  order: { position: 0 },
};

const SALT = createHash('sha256').update('2fas salt').digest();
const keys = new Map<string, Buffer>();

/** docs/formats.md §3.2: b64(ciphertext‖tag):b64(salt):b64(iv), PBKDF2-HMAC-SHA256 10,000 (one salt here). */
function encrypted(text: string, password: string, label: string): string {
  const iv = createHash('sha256').update(`iv:${label}`).digest().subarray(0, 12);
  const key = keys.get(password) ?? pbkdf2Sync(password, SALT, 10_000, 32, 'sha256');
  keys.set(password, key);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
  return `${sealed.toString('base64')}:${SALT.toString('base64')}:${iv.toString('base64')}`;
}

describe('2FAS variants', () => {
  it('names the schema and whether the backup was encrypted', async () => {
    for (const schema of [1, 2, 3, 4]) {
      const result = await importFile(json({ services: [service], schemaVersion: schema }));
      expect(result.variant).toBe(`backup schema ${schema} (plain)`);
      const file = json({
        services: [],
        schemaVersion: schema,
        servicesEncrypted: encrypted(JSON.stringify([service]), 'pw', `s${schema}`),
      });
      expect(detectFormat(file)?.format).toBe('2fas');
      expect((await importFile(file, { password: 'pw' })).variant).toBe(`backup schema ${schema} (encrypted)`);
    }
  });

  it('is detected by its required fields: a services list and a numeric schemaVersion', () => {
    expect(detectFormat(json({ services: [], schemaVersion: 4 }))?.format).toBe('2fas');
    expect(detectFormat(json({ services: [] }))).toBeNull();
    expect(detectFormat(json({ services: {}, schemaVersion: 4 }))).toBeNull();
    expect(detectFormat(json({ services: [], schemaVersion: '4' }))).toBeNull();
    expect(detectFormat(json({ services: [], schemaVersion: 4, servicesEncrypted: 42 }))).toBeNull();
  });

  it('after decryption: 200 mutated service lists re-encrypted (seeded) never crash, hang or leak', async () => {
    const plain = te.encode(
      JSON.stringify([
        service,
        { ...service, secret: 'KRSXG5CTMVRXEZLU', otp: { ...service.otp, tokenType: 'HOTP', counter: 3 } },
        { ...service, name: 'Steam', secret: 'GEZDGNBVGY3TQOJQ', otp: { tokenType: 'STEAM' } },
      ]),
    );
    const probe = prober(new Set(['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQ']));
    const rnd = prng(seedOf('2fas content'));
    const tally = newTally();
    const td = new TextDecoder();
    for (let i = 0; i < 200; i++) {
      const file = json({
        services: [],
        schemaVersion: 4,
        servicesEncrypted: encrypted(td.decode(mutate(plain, rnd)), 'pw', `f${i}`),
      });
      await probe(`2fas content #${i}`, () => importFile(file, { password: 'pw' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
