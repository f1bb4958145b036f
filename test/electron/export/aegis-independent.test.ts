// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Decrypts our encrypted Aegis export with an implementation written here from docs/formats.md §1.2
 * (node:crypto only, no code from electron/), at Aegis's real parameters (scrypt N = 2^15).
 */
import { createDecipheriv, createHash, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportAegisEncrypted, type ExportEntry } from '../../../electron/export';
import { PNG_1X1 } from './arbitraries';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32ToHex(text: string): string {
  let bits = '';
  for (const c of text) bits += ALPHABET.indexOf(c).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes).toString('hex');
}

function gcmOpen(key: Buffer, nonceHex: string, ct: Buffer, tagHex: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceHex, 'hex'));
  d.setAuthTag(Buffer.from(tagHex, 'hex'));
  return Buffer.concat([d.update(ct), d.final()]);
}

interface Slot {
  type: number;
  key: string;
  key_params: { nonce: string; tag: string };
  n: number;
  r: number;
  p: number;
  salt: string;
}
interface AegisFile {
  version: number;
  header: { slots: Slot[]; params: { nonce: string; tag: string } };
  db: string;
}

/** docs/formats.md §1.2 "Unlocking with a password", steps 1–3. */
function decryptAegis(text: string, password: string): { version: number; entries: Record<string, unknown>[] } {
  const file = JSON.parse(text) as AegisFile;
  for (const slot of file.header.slots.filter((s) => s.type === 1)) {
    const kek = scryptSync(Buffer.from(password, 'utf8'), Buffer.from(slot.salt, 'hex'), 32, {
      N: slot.n,
      r: slot.r,
      p: slot.p,
      maxmem: 128 * slot.n * slot.r + 16 * 1024 * 1024,
    });
    let master: Buffer;
    try {
      master = gcmOpen(kek, slot.key_params.nonce, Buffer.from(slot.key, 'hex'), slot.key_params.tag);
    } catch {
      continue;
    }
    const db = gcmOpen(master, file.header.params.nonce, Buffer.from(file.db, 'base64'), file.header.params.tag);
    return JSON.parse(db.toString('utf8')) as { version: number; entries: Record<string, unknown>[] };
  }
  throw new Error('wrong password');
}

const entries: ExportEntry[] = [
  {
    type: 'totp',
    issuer: 'GitHub',
    account: 'alice',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: null,
    secret: Buffer.from('12345678901234567890'),
    tags: ['Work', 'Home'],
    icon: { kind: 'custom', id: createHash('sha256').update(PNG_1X1).digest('hex') },
    iconImage: { mime: 'image/png', bytes: PNG_1X1 },
    notes: 'n',
    favourite: true,
  },
  {
    type: 'hotp',
    issuer: '',
    account: 'bob',
    algorithm: 'SHA1',
    digits: 6,
    period: null,
    counter: 42,
    secret: Buffer.from('abcdefghij'),
  },
];

describe('encrypted Aegis export, checked independently', () => {
  it('has Aegis default slot parameters and decrypts to the entries (docs/formats.md §1.2, §1.4)', async () => {
    const bytes = await exportAegisEncrypted(entries, 'pässword');
    const text = new TextDecoder().decode(bytes);
    const file = JSON.parse(text) as AegisFile;
    expect(file.version).toBe(1);
    const slot = file.header.slots[0];
    expect(slot).toMatchObject({ type: 1, n: 32768, r: 8, p: 1 });
    expect(slot?.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(slot?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(file.header.params.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(file.header.params.tag).toMatch(/^[0-9a-f]{32}$/);
    expect(text).not.toContain(Buffer.from('12345678901234567890').toString('hex'));

    const db = decryptAegis(text, 'pässword');
    expect(db.version).toBe(3);
    expect(db.entries).toHaveLength(2);
    const [a, b] = db.entries;
    expect(a).toMatchObject({ type: 'totp', name: 'alice', issuer: 'GitHub', note: 'n', favorite: true });
    expect(a?.['info']).toMatchObject({ algo: 'SHA256', digits: 8, period: 60 });
    expect(base32ToHex((a?.['info'] as { secret: string }).secret)).toBe(
      Buffer.from('12345678901234567890').toString('hex'),
    );
    expect(b).toMatchObject({ type: 'hotp', name: 'bob', issuer: '' });
    expect(b?.['info']).toMatchObject({ algo: 'SHA1', digits: 6, counter: 42 });
    expect(a?.['uuid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a?.['uuid']).not.toBe(b?.['uuid']);
    // Tags are Aegis's groups (§1.3): one group object per tag, each entry lists its groups' uuids.
    const groups = (db as unknown as { groups: { uuid: string; name: string }[] }).groups;
    expect(groups.map((g) => g.name)).toEqual(['Work', 'Home']);
    expect(a?.['groups']).toEqual(groups.map((g) => g.uuid));
    expect(b?.['groups']).toEqual([]);
    // The icon as Aegis embeds it (§1.4): base64, MIME type, SHA-256 of the bytes.
    expect(a).toMatchObject({
      icon: Buffer.from(PNG_1X1).toString('base64'),
      icon_mime: 'image/png',
      icon_hash: createHash('sha256').update(PNG_1X1).digest('hex'),
    });
    expect(b?.['icon']).toBeNull();
    expect(() => decryptAegis(text, 'password')).toThrow('wrong password');
  });
});
