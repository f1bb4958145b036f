// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * LastPass Authenticator's JSON export (docs/formats.md §8) beyond its golden fixtures: edited names
 * over the QR code's, push-notification-only accounts, LastPass's built-in sections against the user's
 * folders, parameters and their defaults, detection on LastPass's own fields, damaged files and the
 * work budget.
 */
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { lastPassFormat } from '../../../electron/import/lastpass';
import { base32Encode } from '../../../electron/otp';
import { androidExport, iosExport } from '../../../scripts/fixtures/lastpass';
import { fakeSecret } from '../../../scripts/fixtures/lib';

const te = new TextEncoder();
const SECRET = fakeSecret('lastpass-unit');
const acc = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  accountID: '',
  issuerName: 'Example',
  originalIssuerName: 'Example Original',
  userName: 'alice',
  originalUserName: 'alice-original',
  pushNotification: false,
  secret: SECRET,
  timeStep: 30,
  digits: 6,
  creationTimestamp: 1714557600000,
  isFavorite: false,
  algorithm: 'SHA1',
  folderData: { folderId: 0, position: 0 },
  ...over,
});
const file = (accounts: unknown[], extra: Record<string, unknown> = {}): Uint8Array =>
  te.encode(JSON.stringify({ version: 3, localDeviceId: 'device', accounts, folders: [], ...extra }));
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

describe('LastPass Authenticator accounts', () => {
  it('the names the user edited win; blank ones fall back to the original names', async () => {
    const result = await importFile(
      file([
        acc(),
        acc({ issuerName: '', userName: '  ' }),
        acc({ issuerName: '', originalIssuerName: '', userName: '', originalUserName: '' }),
        acc({ issuerName: null, userName: 5 }),
      ]),
    );
    expect(result.variant).toBe('JSON export');
    expect(result.entries.map((e) => [e.issuer, e.account])).toEqual([
      ['Example', 'alice'],
      ['Example Original', 'alice-original'],
      ['', 'Account 3'],
      ['Example Original', 'alice-original'],
    ]);
  });

  it('reads algorithm, digits and time step, with TOTP defaults when absent', async () => {
    const result = await importFile(
      file([
        acc({ algorithm: 'SHA512', digits: 8, timeStep: 60 }),
        acc({ algorithm: undefined, digits: undefined, timeStep: undefined }),
        acc({ algorithm: '', digits: '7', timeStep: '15' }),
        acc({ secret: ` ${SECRET.toLowerCase().replace(/(.{4})/g, '$1 ')}` }),
      ]),
    );
    expect(result.entries.map((e) => [e.type, e.algorithm, e.digits, e.period])).toEqual([
      ['totp', 'SHA512', 8, 60],
      ['totp', 'SHA1', 6, 30],
      ['totp', 'SHA1', 7, 15],
      ['totp', 'SHA1', 6, 30],
    ]);
    expect(base32Encode(result.entries[3]!.secret)).toBe(SECRET);
  });

  it('push-notification-only accounts are skipped with the reason; with a key they import', async () => {
    const result = await importFile(
      file([
        acc({ issuerName: 'LastPass', userName: 'me', secret: '', pushNotification: true }),
        acc({ issuerName: 'LastPass', userName: 'you', secret: undefined, pushNotification: true }),
        acc({ issuerName: 'LastPass', userName: 'both', pushNotification: true }),
        acc({ issuerName: 'Example', userName: 'empty', secret: '' }),
      ]),
    );
    expect(result.entries.map((e) => e.account)).toEqual(['both']);
    expect(result.skipped.map((s) => [s.index, s.label])).toEqual([
      [0, 'LastPass (me)'],
      [1, 'LastPass (you)'],
      [3, 'Example (empty)'],
    ]);
    expect(result.skipped[0]?.reason).toMatch(/push notification/);
    expect(result.skipped[2]?.reason).toMatch(/secret key is empty/);
  });

  it('the user’s folders are groups; the built-in sections are not, Favorites marks a favourite', async () => {
    const folders = [
      { id: 1, name: 'Favorites', isOpened: true },
      { id: 0, name: 'Other Accounts', isOpened: true },
      { id: 5, name: 'Work', isOpened: false },
      { id: '6', name: 'Text id' },
    ];
    const result = await importFile(
      file(
        [
          acc({ folderData: { folderId: 5, position: 0 } }),
          acc({ folderData: { folderId: 1, position: 0 } }),
          acc({ folderData: { folderId: 0, position: 1 }, isFavorite: true }),
          acc({ folderData: { folderId: 9, position: 0 } }),
          acc({ folderData: null }),
          acc({ folderData: { folderId: '6' } }),
        ],
        { folders },
      ),
    );
    expect(result.entries.map((e) => [e.tags, e.favourite])).toEqual([
      [['Work'], undefined],
      [undefined, true],
      [undefined, true],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('damaged accounts are skipped, the rest imports', async () => {
    const result = await importFile(
      file([
        'not an account',
        acc({ secret: 'not base32!' }),
        acc({ algorithm: 'MD5' }),
        acc({ digits: 'six' }),
        acc(),
      ]),
    );
    expect(result.entries).toHaveLength(1);
    expect(result.skipped.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(result.skipped[2]?.details).toMatch(/MD5/);
    for (const s of result.skipped) expect(s.reason).not.toContain(SECRET);
  });
});

describe('LastPass Authenticator: detection and damaged files', () => {
  it('recognises both apps’ exports from LastPass’s own fields', () => {
    expect(detectFormat(te.encode(androidExport()))?.format).toBe('lastpass');
    expect(detectFormat(te.encode(iosExport()))?.format).toBe('lastpass');
    expect(lastPassFormat.detect(file([]))).toBe(0.9); // no accounts, but LastPass's device fields
    expect(lastPassFormat.detect(te.encode(JSON.stringify({ accounts: [acc()] })))).toBe(0.95);
  });

  it('does not claim other files', () => {
    for (const value of [
      { accounts: [] },
      { accounts: { '123': { shared_secret: 'x', account_name: 'a' } } },
      { accounts: [{ secret: SECRET, issuer: 'A', label: 'b' }] },
      { version: 3, accounts: [], deviceName: 'phone' },
      [acc()],
    ]) {
      expect(lastPassFormat.detect(te.encode(JSON.stringify(value))), JSON.stringify(value)).toBe(0);
    }
  });

  it('a file without a list of accounts is corrupt when read as LastPass', async () => {
    const options = { format: 'lastpass' } as const;
    expect(await kind(importFile(te.encode('{"accounts": {}}'), options))).toBe('corrupt');
    expect(await kind(importFile(te.encode('[]'), options))).toBe('corrupt');
    expect(await kind(importFile(te.encode('{"accounts": [}'), options))).toBe('corrupt');
    expect((await importFile(file([]))).entries).toEqual([]);
  });

  it('charges every account, kept or skipped, to the accounts limit', async () => {
    const accounts = Array.from({ length: 12 }, (_, i) =>
      acc(i % 2 ? { secret: '', pushNotification: true } : { userName: `user${i}` }),
    );
    const error = await importFile(file(accounts), { budget: new WorkBudget({ limits: { accounts: 10 } }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).limit.name).toBe('accounts');
  });
});
