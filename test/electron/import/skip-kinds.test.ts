// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What kind of problem skipped an entry (SkippedEntry.kind): `unsupported` for a kind of account
 * Tessera does not support (an OTP type, an algorithm), `malformed` for damaged or out-of-range data,
 * as the importer said for `skip()`, absent when it did not.
 */
import { describe, expect, it } from 'vitest';
import { WorkBudget } from '../../../electron/import';
import { EntryCollector, UnsupportedEntry, type EntryDraft } from '../../../electron/import/entries';
import { EntryProblem } from '../../../electron/import/fields';
import { base32Decode } from '../../../electron/otp';

const SECRET = 'JBSWY3DPEHPK3PXP';

function draft(overrides: Partial<EntryDraft> = {}): EntryDraft {
  return { type: 'totp', issuer: 'Example', account: 'alice', secret: base32Decode(SECRET), ...overrides };
}

/** The skipped entries of a collector fed `builds`, one entry each. */
function skippedOf(...builds: (() => EntryDraft)[]) {
  const collector = new EntryCollector('aegis', new WorkBudget());
  builds.forEach((build, i) => collector.add(i, () => `Example ${i}`, build));
  return collector.result('test').skipped;
}

describe('skipped entry kinds', () => {
  it('an OTP type or an algorithm Tessera does not support is `unsupported`', () => {
    const skipped = skippedOf(
      () => draft({ type: 'motp' }),
      () => draft({ type: 'YANDEX' }),
      () => draft({ algorithm: 'MD5' }),
      () => draft({ algorithm: 'sha-384' }),
    );
    expect(skipped.map((s) => [s.index, s.kind])).toEqual([
      [0, 'unsupported'],
      [1, 'unsupported'],
      [2, 'unsupported'],
      [3, 'unsupported'],
    ]);
    expect(skipped[0]?.reason).toMatch(/“motp” codes are not supported/);
    expect(skipped[2]?.details).toMatch(/'algorithm'/);
  });

  it('damaged, incomplete or out-of-range data is `malformed`', () => {
    const skipped = skippedOf(
      () => draft({ secret: new Uint8Array(0) }),
      () => draft({ digits: 11 }),
      () => draft({ period: 0 }),
      () => draft({ type: 'steam', algorithm: 'SHA256' }),
      () => {
        throw new EntryProblem('its data in the file is incomplete or damaged', { details: "'secret' is missing" });
      },
      () => {
        base32Decode('not base32!');
        return draft();
      },
    );
    expect(skipped.map((s) => s.kind)).toEqual(Array(6).fill('malformed'));
    expect(skipped[5]?.details).toMatch(/not valid base32/);
  });

  it('an importer may throw UnsupportedEntry for what it knows Tessera cannot use', () => {
    const [skipped] = skippedOf(() => {
      throw new UnsupportedEntry('this account signs in by notification and has no one-time-password secret');
    });
    expect(skipped).toEqual({
      index: 0,
      label: 'Example 0',
      reason: 'this account signs in by notification and has no one-time-password secret',
      kind: 'unsupported',
    });
  });

  it('skip() passes the importer’s kind through, and leaves it out when none is given', () => {
    const collector = new EntryCollector('otpauth-uri-list', new WorkBudget());
    collector.skip(0, 'line 1', 'this line is not an account link');
    collector.skip(1, 'line 2', 'this code is in the trash', 'deleted: true', 'unsupported');
    collector.skip(undefined, 'an entry', 'its data is damaged', undefined, 'malformed');
    expect(collector.result('link list').skipped).toEqual([
      { index: 0, label: 'line 1', reason: 'this line is not an account link' },
      { index: 1, label: 'line 2', reason: 'this code is in the trash', details: 'deleted: true', kind: 'unsupported' },
      { label: 'an entry', reason: 'its data is damaged', kind: 'malformed' },
    ]);
  });

  it('a good entry is kept, not skipped', () => {
    const collector = new EntryCollector('aegis', new WorkBudget());
    collector.add(
      0,
      () => 'Example',
      () => draft({ algorithm: 'HmacSHA256' }),
    );
    const result = collector.result('plain backup');
    expect(result.skipped).toEqual([]);
    expect(result.entries[0]).toMatchObject({ algorithm: 'SHA256', issuer: 'Example' });
    expect(result.variant).toBe('plain backup');
  });
});
