// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The domain's closed sets and its one limits table: the lists derive from their records, and the
 * bounds the vault enforces are the bounds every other layer enforces (the OTP validator, the
 * importers and the IPC validators), so a value the vault stores passes all of them.
 */
import { describe, expect, it } from 'vitest';
import {
  ENTRY_LIMITS,
  EXPORT_FILE_FORMATS,
  EXPORT_QR_KINDS,
  isOtpAlgorithm,
  isOtpType,
  isRestoreMode,
  isThemePreference,
  OTP_ALGORITHMS,
  OTP_TYPES,
  RESTORE_MODES,
  THEME_PREFERENCES,
} from '../../../electron/domain';
import { toImportedEntry } from '../../../electron/import/entries';
import { LIMITS, validators } from '../../../electron/ipc/validators';
import { base32Encode, validateEntryInput } from '../../../electron/otp';
import { EntryValidationError } from '../../../electron/vault';
import { validateNewEntry, validatePatch } from '../../../electron/vault/validate';
import { totpEntry } from '../vault/helpers/fakes';

const SECRET = 'JBSWY3DPEHPK3PXP';
const ID = '0b0e4f38-6d55-4a3e-9d8b-7f7a3c1e2d10';

function vaultRefusal(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof EntryValidationError) return error.field;
    throw error;
  }
}

describe('closed sets', () => {
  it('list their members once, in the order the records write them', () => {
    expect(OTP_TYPES).toEqual(['totp', 'hotp', 'steam']);
    expect(OTP_ALGORITHMS).toEqual(['SHA1', 'SHA256', 'SHA512']);
    expect(RESTORE_MODES).toEqual(['merge', 'replace']);
    expect(EXPORT_FILE_FORMATS).toEqual([
      'tessera',
      'aegis',
      'aegis-plain',
      '2fas',
      '2fas-plain',
      'bitwarden',
      'ente',
      'keepass',
      'uri-list',
    ]);
    expect(EXPORT_QR_KINDS).toEqual(['migration', 'entry']);
    expect(THEME_PREFERENCES).toEqual(['system', 'light', 'dark']);
    expect(Object.isFrozen(OTP_TYPES)).toBe(true);
  });

  it('recognise members by own keys only, in the exact spelling', () => {
    expect(isOtpType('steam')).toBe(true);
    expect(isOtpType('TOTP')).toBe(false);
    expect(isOtpType('toString')).toBe(false);
    expect(isOtpAlgorithm('SHA256')).toBe(true);
    expect(isOtpAlgorithm('sha256')).toBe(false);
    expect(isOtpAlgorithm('__proto__')).toBe(false);
    expect(isRestoreMode('replace')).toBe(true);
    expect(isRestoreMode(1)).toBe(false);
    expect(isThemePreference('dark')).toBe(true);
    expect(isThemePreference('constructor')).toBe(false);
  });
});

describe('one limits table', () => {
  const notes = (length: number): string => 'n'.repeat(length);
  const longest = ENTRY_LIMITS.notesMaxLength;

  it('sets the notes bound at the 10,000 characters the vault stores', () => {
    expect(longest).toBe(10_000);
    expect(LIMITS.notes).toBe(longest);
  });

  it('accepts the longest notes everywhere: vault, OTP validator, IPC validators', () => {
    expect(vaultRefusal(() => validateNewEntry(totpEntry({ notes: notes(longest) })))).toBeNull();
    expect(vaultRefusal(() => validatePatch({ notes: notes(longest) }))).toBeNull();
    expect(
      validateEntryInput({ type: 'totp', issuer: 'A', account: 'b', secret: SECRET, notes: notes(longest) }).ok,
    ).toBe(true);
    const add = { type: 'totp', issuer: 'A', account: 'b', secret: SECRET, notes: notes(longest) };
    expect(validators['entries:add'](add).ok).toBe(true);
    expect(validators['entries:update']({ id: ID, patch: { notes: notes(longest) } }).ok).toBe(true);
  });

  it('refuses one character more everywhere', () => {
    expect(vaultRefusal(() => validateNewEntry(totpEntry({ notes: notes(longest + 1) })))).toBe('notes');
    expect(vaultRefusal(() => validatePatch({ notes: notes(longest + 1) }))).toBe('notes');
    const otp = validateEntryInput({
      type: 'totp',
      issuer: 'A',
      account: 'b',
      secret: SECRET,
      notes: notes(longest + 1),
    });
    expect(otp.ok ? null : otp.field).toBe('notes');
    const add = { type: 'totp', issuer: 'A', account: 'b', secret: SECRET, notes: notes(longest + 1) };
    expect(validators['entries:add'](add).ok).toBe(false);
    expect(validators['entries:update']({ id: ID, patch: { notes: notes(longest + 1) } }).ok).toBe(false);
  });

  it('keeps an imported account’s notes up to the same bound', () => {
    const entry = toImportedEntry({
      type: 'totp',
      issuer: 'A',
      account: 'b',
      secret: new Uint8Array(20),
      notes: notes(longest + 5),
    });
    expect(entry.notes).toHaveLength(longest);
  });

  it('lets the longest secret the vault stores through every layer, as bytes and as text', () => {
    const bytes = new Uint8Array(ENTRY_LIMITS.secretMaxBytes).fill(9);
    const text = base32Encode(bytes);
    expect(text.length).toBeLessThanOrEqual(ENTRY_LIMITS.secretTextMaxLength);
    expect(text.length).toBeLessThanOrEqual(LIMITS.secret);
    expect(vaultRefusal(() => validateNewEntry(totpEntry({ secret: bytes })))).toBeNull();
    const checked = validateEntryInput({ type: 'totp', issuer: 'A', account: 'b', secret: text });
    expect(checked.ok && checked.value.params.secret.length).toBe(ENTRY_LIMITS.secretMaxBytes);
    expect(toImportedEntry({ type: 'totp', issuer: 'A', account: 'b', secret: bytes }).secret).toHaveLength(
      ENTRY_LIMITS.secretMaxBytes,
    );
  });

  it('refuses a secret of one byte more in the vault and in the OTP validator', () => {
    const bytes = new Uint8Array(ENTRY_LIMITS.secretMaxBytes + 1).fill(9);
    expect(vaultRefusal(() => validateNewEntry(totpEntry({ secret: bytes })))).toBe('secret');
    const checked = validateEntryInput({ type: 'totp', issuer: 'A', account: 'b', secret: base32Encode(bytes) });
    expect(checked.ok ? null : checked.field).toBe('secret');
    expect(() => toImportedEntry({ type: 'totp', issuer: 'A', account: 'b', secret: bytes })).toThrow();
  });
});
