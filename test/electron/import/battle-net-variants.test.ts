// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Battle.net's variants beyond the fixtures (electron/import/battle-net.ts, docs/formats.md §8):
 * credentials encrypted with a key kept on the phone are refused by name, and the older Mobile
 * Authenticator's store is checked for length.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile } from '../../../electron/import';

const te = new TextEncoder();
const prefs = (...lines: string[]): Uint8Array =>
  te.encode(
    `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${lines.map((l) => `    ${l}`).join('\n')}\n</map>\n`,
  );
const SECRET =
  '<string name="com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET">09ec179861450806035080d113c5f05e62f67316110eec1bd495a9cdb65a3cb3f93b1f80b80b4507</string>';

describe('Battle.net variants', () => {
  it('reads MASK credentials, refuses another encryption type with what to do', async () => {
    const masked = await importFile(
      prefs('<string name="com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE">MASK</string>', SECRET),
    );
    expect(masked.variant).toBe('internal storage (shared_prefs XML)');
    expect(masked.entries).toHaveLength(1);
    const file = prefs(
      '<string name="com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE">KEYSTORE</string>',
      SECRET,
    );
    expect(detectFormat(file)?.format).toBe('battle-net');
    const error = await importFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ kind: 'unsupported', details: expect.stringMatching(/KEYSTORE/) });
  });

  it('skips an older Mobile Authenticator store too short to hold secret and serial', async () => {
    const result = await importFile(prefs('<string name="com.blizzard.bma.AUTH_STORE.HASH">398e27fc</string>'));
    expect(result.entries).toEqual([]);
    expect(result.skipped).toHaveLength(1);
  });
});
