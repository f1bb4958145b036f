// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Steam's variants beyond the fixtures (electron/import/steam.ts, docs/formats.md §8): the variant
 * each layout gets, and what detection requires.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../electron/import';

const te = new TextEncoder();
const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));
const account = { shared_secret: 'THIl8+Jl6ugxr8x0X6eRMg==', account_name: 'example' };

describe('Steam variants', () => {
  it('names each layout', async () => {
    expect((await importFile(json({ accounts: { a: account } }))).variant).toBe('internal storage (Steamguard file)');
    expect((await importFile(json({ ...account, steamguard_scheme: '2' }))).variant).toBe(
      'internal storage, older layout (one account)',
    );
    expect((await importFile(json({ ...account, device_id: 'android:x', fully_enrolled: true }))).variant).toBe(
      'maFile (Steam Desktop Authenticator or steamguard-cli)',
    );
  });

  it('needs a shared_secret text: other objects, and encrypted maFiles (base64 text), are not recognised', () => {
    expect(detectFormat(json({ accounts: { a: { account_name: 'x' } } }))).toBeNull();
    expect(detectFormat(json({ shared_secret: 42 }))).toBeNull();
    expect(
      detectFormat(te.encode('VGhpcyBpcyBub3QgYSByZWFsIGVuY3J5cHRlZCBtYUZpbGUsIGp1c3QgdGV4dC4='), 'example.maFile'),
    ).toBeNull();
  });
});
