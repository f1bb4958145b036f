// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key (electron/vault/recovery.ts, docs/vault-format.md §4 "Recovery key"): how it is
 * written and read back, and the way back in when the master password is forgotten.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatRecoveryKey,
  inspectVault,
  parseRecoveryKey,
  recoverVault,
  RecoveryKeyFormatError,
  unlockVault,
  VaultError,
  type VaultOptions,
} from '../../../electron/vault';
import { parseContainer } from '../../../electron/vault/format';
import { openRecoverySlot } from '../../../electron/vault/recovery';
import { openPayload } from '../../../electron/vault/sealing';
import { oneEntryVault, type makeTempDir } from './helpers/fakes';

const PASSWORD = 'forgotten password';
const NEW_PASSWORD = 'a brand new password';
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('writing a recovery key down and reading it back', () => {
  it('round-trips any 20 bytes, in 9 groups of 4 from the Crockford alphabet', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 20, maxLength: 20 }), async (secret) => {
        const text = await formatRecoveryKey(secret);
        expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/);
        expect(hex(await parseRecoveryKey(text))).toBe(hex(secret));
      }),
      { numRuns: 200 },
    );
  });

  it('forgives case, spaces, missing hyphens and the look-alikes O/0, I/1, L/1', async () => {
    const secret = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    const text = await formatRecoveryKey(secret);
    const sloppy = ` ${text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
    expect(hex(await parseRecoveryKey(sloppy))).toBe(hex(secret));
  });

  it('catches every single-character typo by its check group', async () => {
    const secret = Uint8Array.from({ length: 20 }, (_, i) => 255 - i);
    const text = (await formatRecoveryKey(secret)).replace(/-/g, '');
    for (let i = 0; i < 32; i++) {
      const wrong = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
      await expect(parseRecoveryKey(wrong)).rejects.toMatchObject({ reason: 'typo' });
    }
  });

  it('says what is wrong with a key that is not one', async () => {
    await expect(parseRecoveryKey('ABCD-EFGH')).rejects.toMatchObject({ reason: 'length' });
    await expect(parseRecoveryKey('UUUU-'.repeat(9))).rejects.toMatchObject({ reason: 'character' });
    await expect(parseRecoveryKey('')).rejects.toBeInstanceOf(RecoveryKeyFormatError);
  });
});

describe('the way back in', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let opts: VaultOptions;
  beforeEach(async () => {
    ({ tmp, opts } = await oneEntryVault(PASSWORD));
  });
  afterEach(() => tmp.cleanup());

  async function makeKey(hadOne = false): Promise<string> {
    const vault = await unlockVault(opts, PASSWORD);
    expect(vault.hasRecoveryKey).toBe(hadOne);
    const key = await vault.createRecoveryKey(PASSWORD);
    expect(vault.hasRecoveryKey).toBe(true);
    vault.lock();
    return key;
  }

  it('opens the vault with the recovery key and sets a new password; the old one opens nothing any more', async () => {
    const key = await makeKey();
    expect((await inspectVault(opts.path)).slotTypes).toEqual(['password', 'recovery']);
    const recovered = await recoverVault(opts, key, NEW_PASSWORD);
    expect(recovered.entries().map((e) => e.issuer)).toEqual(['Example']);
    recovered.lock();
    await expect(unlockVault(opts, PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    const reopened = await unlockVault(opts, NEW_PASSWORD);
    expect(reopened.hasRecoveryKey).toBe(true);
    reopened.lock();
    // The recovery key still works (its slot was re-sealed for the new data key).
    (await recoverVault(opts, key, 'a third password here')).lock();
  });

  it('keeps working across a password change, which re-keys the vault', async () => {
    const key = await makeKey();
    const vault = await unlockVault(opts, PASSWORD);
    await vault.changePassword(PASSWORD, NEW_PASSWORD);
    vault.lock();
    (await recoverVault(opts, key, 'yet another password')).lock();
  });

  it('a new recovery key replaces the old one, which then opens nothing', async () => {
    const first = await makeKey();
    const second = await makeKey(true);
    expect(second).not.toBe(first);
    expect((await inspectVault(opts.path)).slotTypes).toEqual(['password', 'recovery']);
    await expect(recoverVault(opts, first, NEW_PASSWORD)).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
      message: expect.stringContaining('does not open this vault'),
    });
    (await recoverVault(opts, second, NEW_PASSWORD)).lock();
  });

  it('replacing or removing the key re-keys the vault: the old key with an old copy opens nothing saved after', async () => {
    const first = await makeKey();
    const oldCopy = readFileSync(opts.path);
    const oldDataKey = await openRecoverySlot(parseContainer(oldCopy).header.slots, await parseRecoveryKey(first));
    await makeKey(true);
    await expect(openPayload(parseContainer(readFileSync(opts.path)), oldDataKey)).rejects.toMatchObject({
      kind: 'payload-tampered',
    });
    const vault = await unlockVault(opts, PASSWORD);
    await expect(vault.removeRecoveryKey('not the password')).rejects.toMatchObject({
      message: 'The master password is wrong. Nothing was changed.',
    });
    expect(vault.hasRecoveryKey).toBe(true);
    vault.lock();
  });

  it('a removed recovery key opens nothing, and says the vault has none', async () => {
    const key = await makeKey();
    const vault = await unlockVault(opts, PASSWORD);
    await vault.removeRecoveryKey(PASSWORD);
    expect(vault.hasRecoveryKey).toBe(false);
    vault.lock();
    await expect(recoverVault(opts, key, NEW_PASSWORD)).rejects.toMatchObject({
      message: expect.stringContaining('has no recovery key'),
    });
    (await unlockVault(opts, PASSWORD)).lock();
  });

  it('a mistyped key is refused before anything is read or written', async () => {
    const key = await makeKey();
    const before = readFileSync(opts.path);
    const typo = key.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(recoverVault(opts, typo, NEW_PASSWORD)).rejects.toBeInstanceOf(RecoveryKeyFormatError);
    expect(readFileSync(opts.path).equals(before)).toBe(true);
  });

  it('an edited recovery slot opens nothing and sets no password; the file is left as it was', async () => {
    const key = await makeKey();
    const bytes = readFileSync(opts.path);
    // Swap the sealed key's first base64 character: the header no longer matches the payload tag,
    // or the sealed box no longer opens; either way no new password is set.
    const text = bytes.toString('latin1');
    const at = text.indexOf('"sealedKey":"') + '"sealedKey":"'.length;
    const edited = Buffer.from(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1), 'latin1');
    writeFileSync(opts.path, edited);
    const error = await recoverVault(opts, key, NEW_PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect(readFileSync(opts.path).equals(edited)).toBe(true);
    // Any edit of the header is caught by the payload tag, with the password too: restore a backup.
    await expect(unlockVault(opts, PASSWORD)).rejects.toMatchObject({ kind: 'payload-tampered' });
  });
});
