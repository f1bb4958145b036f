// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The add form's own check of a typed entry uses the domain's bounds (ENTRY_LIMITS), the ones main
 * checks against, and says what main says: the secret's text and byte bounds, the names' length.
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_LIMITS } from '../../../electron/domain';
import { validateEntryInput } from '../../../electron/otp/validate';
import { checkNewEntry, MANUAL_DEFAULTS, type ManualFields } from '../../../renderer/codes/account-dialogs/new-entry';

const fields: ManualFields = { ...MANUAL_DEFAULTS, issuer: 'GitHub', account: 'alice' };

/** Main's message for each field it refuses ({} when it accepts the entry). */
function mainSays(secret: string, entry: ManualFields = fields): Record<string, string> {
  const result = validateEntryInput({ type: 'totp', issuer: entry.issuer, account: entry.account, secret });
  return result.ok ? {} : Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
}

describe('the add form checks an entry against the domain’s bounds', () => {
  it('takes a secret up to the domain’s text bound (1,640 characters with padding), as main does', () => {
    expect(ENTRY_LIMITS.secretTextMaxLength).toBe(1640);
    // 1,632 letters make 1,020 bytes; with padding the text is exactly at the bound.
    const atBound = `${'A'.repeat(1632)}${'='.repeat(8)}`;
    expect(atBound).toHaveLength(ENTRY_LIMITS.secretTextMaxLength);
    expect(checkNewEntry(fields, atBound)).toEqual({});
    expect(mainSays(atBound)).toEqual({});
  });

  it('refuses a longer text, and a text holding more bytes than the vault stores, in main’s words', () => {
    const tooLong = 'A'.repeat(ENTRY_LIMITS.secretTextMaxLength + 1);
    expect(checkNewEntry(fields, tooLong)['secret']).toBe(
      'The secret key is too long (over 1640 characters): copy only the key.',
    );
    expect(checkNewEntry(fields, tooLong)).toEqual(mainSays(tooLong));
    // 1,640 letters without padding hold 1,025 bytes: one more than the vault stores.
    const tooManyBytes = 'A'.repeat(ENTRY_LIMITS.secretTextMaxLength);
    expect(checkNewEntry(fields, tooManyBytes)['secret']).toBe('The secret key is too long: copy only the key.');
    expect(checkNewEntry(fields, tooManyBytes)).toEqual(mainSays(tooManyBytes));
  });

  it('bounds the names as main does', () => {
    const long: ManualFields = { ...fields, issuer: 'x'.repeat(ENTRY_LIMITS.nameMaxLength + 1) };
    expect(checkNewEntry(long, 'JBSWY3DPEHPK3PXP')).toEqual(mainSays('JBSWY3DPEHPK3PXP', long));
    expect(checkNewEntry({ ...fields, issuer: 'x'.repeat(ENTRY_LIMITS.nameMaxLength) }, 'JBSWY3DPEHPK3PXP')).toEqual(
      {},
    );
  });
});
