// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { EntryValidationError, type NewVaultEntry } from '../../../electron/vault';
import { isEntryId, validateNewEntry, validatePatch } from '../../../electron/vault/validate';
import { hotpEntry, steamEntry, totpEntry } from './helpers/fakes';

function fieldOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof EntryValidationError) return error.field;
    throw error;
  }
}

const bad = (o: Record<string, unknown>, base: NewVaultEntry = totpEntry()): NewVaultEntry =>
  ({ ...base, ...o }) as unknown as NewVaultEntry;

describe('validateNewEntry', () => {
  it('accepts valid TOTP, HOTP and Steam entries at the limits', () => {
    for (const e of [
      totpEntry(),
      totpEntry({ digits: 5 }),
      totpEntry({ digits: 10, algorithm: 'SHA256', period: 1 }),
      totpEntry({ period: 3600, algorithm: 'SHA512', secret: new Uint8Array(1024) }),
      totpEntry({ secret: new Uint8Array(1), issuer: '', account: '' }),
      totpEntry({
        issuer: 'x'.repeat(256),
        account: 'y'.repeat(256),
        tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(64, 't')),
        notes: 'n\n\t'.repeat(3333),
      }),
      hotpEntry({ counter: 0 }),
      hotpEntry({ counter: Number.MAX_SAFE_INTEGER }),
      steamEntry(),
    ]) {
      expect(fieldOf(() => validateNewEntry(e))).toBeNull();
    }
  });

  it.each([
    ['type', bad({ type: 'motp' })],
    ['algorithm', bad({ algorithm: 'MD5' })],
    ['algorithm', bad({ algorithm: 'sha1' })],
    ['digits', bad({ digits: 4 })],
    ['digits', bad({ digits: 11 })],
    ['digits', bad({ digits: 6.5 })],
    ['digits', bad({ digits: '6' })],
    ['digits', bad({ digits: 6 }, steamEntry())],
    ['period', bad({ period: 0 })],
    ['period', bad({ period: 3601 })],
    ['period', bad({ period: null })],
    ['period', bad({ period: 1.5 })],
    ['period', bad({ period: 30 }, hotpEntry())],
    ['counter', bad({ counter: 1 })],
    ['counter', bad({ counter: -1 }, hotpEntry())],
    ['counter', bad({ counter: 2 ** 53 }, hotpEntry())],
    ['counter', bad({ counter: null }, hotpEntry())],
    ['counter', bad({ counter: 0.5 }, hotpEntry())],
    ['secret', bad({ secret: new Uint8Array(0) })],
    ['secret', bad({ secret: new Uint8Array(1025) })],
    ['secret', bad({ secret: 'JBSWY3DPEHPK3PXP' })],
    ['issuer', bad({ issuer: 'x'.repeat(257) })],
    ['issuer', bad({ issuer: 'tab\there' })],
    ['issuer', bad({ issuer: 42 })],
    ['issuer', bad({ issuer: '\ud800' })],
    ['account', bad({ account: 'y'.repeat(257) })],
    ['account', bad({ account: 'new\nline' })],
    ['tags', bad({ tags: ['t'.repeat(65)] })],
    ['tags', bad({ tags: Array.from({ length: 21 }, (_, i) => `tag ${i}`) })],
    ['tags', bad({ tags: ['bell\u0007'] })],
    ['tags', bad({ tags: 'Work' })],
    ['tags', bad({ tags: [1] })],
    ['iconImage', bad({ iconImage: { mime: 'image/gif', bytes: new Uint8Array([0x47, 0x49, 0x46]) } })],
    ['iconImage', bad({ iconImage: { mime: 'image/png', bytes: new Uint8Array([1, 2, 3]) } })],
    ['iconImage', bad({ iconImage: { mime: 'image/png', bytes: new Uint8Array(0) } })],
    ['notes', bad({ notes: 'n'.repeat(10_001) })],
    ['notes', bad({ notes: 'bell\u0007' })],
    ['favourite', bad({ favourite: 'yes' })],
  ])('names %s', (field, entry) => {
    expect(fieldOf(() => validateNewEntry(entry))).toBe(field);
  });

  it('says what is allowed', () => {
    expect(() => validateNewEntry(bad({ digits: 11 }))).toThrow(/from 5 to 10/);
    expect(() => validateNewEntry(bad({ period: 0 }))).toThrow(/1 to 3600/);
  });
});

describe('validatePatch and ids', () => {
  it('checks only the fields present', () => {
    expect(fieldOf(() => validatePatch({}))).toBeNull();
    expect(fieldOf(() => validatePatch({ tags: [] }))).toBeNull();
    expect(fieldOf(() => validatePatch({ icon: null }))).toBeNull();
    expect(fieldOf(() => validatePatch({ icon: { kind: 'letter' } }))).toBeNull();
    expect(fieldOf(() => validatePatch({ icon: { kind: 'bundled', id: 'github' } }))).toBeNull();
    expect(fieldOf(() => validatePatch({ icon: { kind: 'custom', id: 'a'.repeat(64) } }))).toBeNull();
    expect(fieldOf(() => validatePatch({ favourite: 1 as unknown as boolean }))).toBe('favourite');
  });
  it('normalises tags given in a patch before checking them', () => {
    // Forty spellings of two tags normalise to two tags: allowed.
    const many = Array.from({ length: 40 }, (_, i) => (i % 2 ? ' Work ' : 'HOME'));
    expect(fieldOf(() => validatePatch({ tags: many }))).toBeNull();
    expect(fieldOf(() => validatePatch({ tags: ['  a   b  '] }))).toBeNull();
  });

  it.each([
    [{ kind: 'letter', id: 'x' }],
    [{ kind: 'bundled' }],
    [{ kind: 'bundled', id: 'GitHub' }],
    [{ kind: 'bundled', id: '' }],
    [{ kind: 'custom', id: 'A'.repeat(64) }],
    [{ kind: 'custom', id: 'a'.repeat(63) }],
    [{ kind: 'pack', id: 'x' }],
    ['letter'],
    [[]],
  ])('refuses the icon choice %j', (icon) => {
    expect(fieldOf(() => validatePatch({ icon: icon as never }))).toBe('icon');
  });

  it('recognises lowercase v4 UUIDs only', () => {
    expect(isEntryId('1b4e28ba-2fa1-4d2e-883f-0016d3cca427')).toBe(true);
    expect(isEntryId('1B4E28BA-2FA1-4D2E-883F-0016D3CCA427')).toBe(false);
    expect(isEntryId('1b4e28ba-2fa1-1d2e-883f-0016d3cca427')).toBe(false);
    expect(isEntryId('1b4e28ba-2fa1-4d2e-c83f-0016d3cca427')).toBe(false);
    expect(isEntryId(42)).toBe(false);
  });
});
