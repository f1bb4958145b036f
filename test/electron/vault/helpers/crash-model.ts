// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The crash test's deterministic history. The vault is created at generation 1; step k (k ≥ 1)
 * is exactly one save, so the file at generation g holds the state after step g − 1:
 *   odd k:  add entry s<k> (TOTP when k ≡ 1 mod 4, else HOTP with counter k), notes "added k";
 *   even k: remove s<k−5> when k ≥ 6, else set the notes of s<k−1> to "touched k".
 * So after step k the vault holds exactly the odd j in (k − 5, k], each with known fields and
 * secret. Any mix of two generations, a torn write or a lost entry fails `checkCrashState`.
 */
import { createHash } from 'node:crypto';
import type { UnlockedVault, VaultEntry } from '../../../../electron/vault';

function secretOf(j: number): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`secret ${j}`).digest().subarray(0, 20));
}

/** The step whose result a file of generation `g` holds. */
export function stepOfGeneration(g: number): number {
  return g - 1;
}

/** Performs step `k` (one save). */
export async function applyCrashStep(vault: UnlockedVault, k: number): Promise<void> {
  if (k % 2 === 1) {
    const hotp = k % 4 === 3;
    await vault.add([
      {
        type: hotp ? 'hotp' : 'totp',
        issuer: `s${k}`,
        account: `account ${k}`,
        algorithm: 'SHA1',
        digits: 6,
        period: hotp ? null : 30,
        counter: hotp ? k : null,
        secret: secretOf(k),
        notes: `added ${k}`,
      },
    ]);
    return;
  }
  const target = vault.entries().find((e) => e.issuer === (k >= 6 ? `s${k - 5}` : `s${k - 1}`));
  if (!target) throw new Error(`step ${k}: entry missing`);
  if (k >= 6) await vault.remove(target.id);
  else await vault.update(target.id, { notes: `touched ${k}` });
}

interface Expected {
  readonly issuer: string;
  readonly notes: string;
  readonly secret: string;
  readonly counter: number | null;
}

function expectedAfter(k: number): Expected[] {
  const out: Expected[] = [];
  for (let j = Math.max(1, k - 4); j <= k; j++) {
    if (j % 2 === 0) continue;
    const touched = j + 1 < 6 && j + 1 <= k;
    out.push({
      issuer: `s${j}`,
      notes: touched ? `touched ${j + 1}` : `added ${j}`,
      secret: Buffer.from(secretOf(j)).toString('hex'),
      counter: j % 4 === 3 ? j : null,
    });
  }
  return out;
}

function actual(e: VaultEntry): Expected {
  return { issuer: e.issuer, notes: e.notes, secret: Buffer.from(e.secret).toString('hex'), counter: e.counter };
}

/** Checks that the open vault holds exactly the state of its generation; returns that step. */
export function checkCrashState(vault: UnlockedVault): number {
  const k = stepOfGeneration(vault.generation);
  const want = JSON.stringify(expectedAfter(k));
  const got = JSON.stringify(vault.entries().map(actual));
  if (want !== got) throw new Error(`generation ${vault.generation}: expected ${want}, found ${got}`);
  return k;
}
