// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tessera and the published recovery test vector (test/fixtures/vault/test-vector-recovery.*,
 * docs/vault-format.md §4 "Recovery key"): `recoverVault` opens it with the documented recovery
 * key and sets a new master password by a re-key, after which the recovery key still works and the
 * old password does not. The reference decryptors' side is in reference.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInlineKdf,
  formatRecoveryKey,
  KDF_FLOOR,
  recoverVault,
  unlockVault,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { ROOT } from './helpers/bundle';
import { makeTempDir } from './helpers/fakes';
import { base32 } from './helpers/test-vector';

const FIXTURES = path.join(ROOT, 'test/fixtures/vault');
const vector = JSON.parse(readFileSync(path.join(FIXTURES, 'test-vector-recovery.json'), 'utf8')) as {
  password: string;
  vaultId: string;
  generation: number;
  recovery: { recoveryKey: string; publicKeyHex: string };
  entries: Record<string, unknown>[];
};
const NEW_PASSWORD = 'a new master password after recovery';
const ANOTHER_PASSWORD = 'and another one';

let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
beforeEach(() => {
  tmp = makeTempDir('tessera-recovery-vector-');
  const copy = path.join(tmp.dir, 'copy.tessera');
  copyFileSync(path.join(FIXTURES, 'test-vector-recovery.tessera'), copy);
  opts = { path: copy, kdf: createInlineKdf(), kdfParams: KDF_FLOOR };
});
afterEach(() => tmp.cleanup());

/** The entries as the vector's JSON describes them; locks the vault. */
function described(v: UnlockedVault): Record<string, unknown>[] {
  try {
    return v.entries().map(({ secret, ...rest }) => ({
      ...rest,
      secretHex: Buffer.from(secret).toString('hex'),
      secretBase32: base32(secret),
    }));
  } finally {
    v.lock();
  }
}

/** The copy's header: its generation and recovery slot. */
function header(): { vaultId: string; generation: number; slots: Record<string, string>[] } {
  const file = readFileSync(opts.path);
  return JSON.parse(file.subarray(14, 14 + file.readUInt32LE(10)).toString('utf8')) as ReturnType<typeof header>;
}

describe('recovering the recovery test vector with Tessera', () => {
  it('opens with the documented recovery key and a new password, to the documented entries', async () => {
    expect(described(await unlockVault(opts, vector.password))).toEqual(vector.entries);
    expect(described(await recoverVault(opts, vector.recovery.recoveryKey, NEW_PASSWORD))).toEqual(vector.entries);

    // A re-key: same vault, one generation later, the recovery slot re-sealed to the same public key.
    const after = header();
    expect([after.vaultId, after.generation]).toEqual([vector.vaultId, vector.generation + 1]);
    const recovery = after.slots.find((s) => s['type'] === 'recovery');
    expect(Buffer.from(recovery?.['publicKey'] ?? '', 'base64').toString('hex')).toBe(vector.recovery.publicKeyHex);

    // The old password no longer opens the copy; the new one does.
    await expect(unlockVault(opts, vector.password)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    expect(described(await unlockVault(opts, NEW_PASSWORD))).toEqual(vector.entries);

    // The recovery key still does, for another new password.
    expect(described(await recoverVault(opts, vector.recovery.recoveryKey, ANOTHER_PASSWORD))).toEqual(vector.entries);
    await expect(unlockVault(opts, NEW_PASSWORD)).rejects.toMatchObject({ kind: 'wrong-password-or-tampered' });
    expect(described(await unlockVault(opts, ANOTHER_PASSWORD))).toEqual(vector.entries);
  });

  it('leaves a file the reference decryptor still opens with the same recovery key', async () => {
    (await recoverVault(opts, vector.recovery.recoveryKey, NEW_PASSWORD)).lock();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'docs/decrypt-vault.mjs'), '--recovery-key', opts.path], {
      env: { ...process.env, TESSERA_RECOVERY_KEY: vector.recovery.recoveryKey },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ generation: vector.generation + 1, entries: vector.entries });
  });

  it('refuses a typo and another vault’s key, and changes nothing', async () => {
    const before = readFileSync(opts.path);
    const typo = vector.recovery.recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(recoverVault(opts, typo, NEW_PASSWORD)).rejects.toMatchObject({ reason: 'typo' });
    const other = await formatRecoveryKey(new Uint8Array(20).fill(7));
    await expect(recoverVault(opts, other, NEW_PASSWORD)).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
    expect(readFileSync(opts.path).equals(before)).toBe(true);
    expect(described(await unlockVault(opts, vector.password))).toEqual(vector.entries);
  });

  it('refuses the recovery key on the first test vector, which has no recovery slot', async () => {
    copyFileSync(path.join(FIXTURES, 'test-vector.tessera'), opts.path);
    await expect(recoverVault(opts, vector.recovery.recoveryKey, NEW_PASSWORD)).rejects.toMatchObject({
      kind: 'wrong-password-or-tampered',
    });
  });
});
