// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The pieces around a merge-save, one rule at a time: which copy's header (key, password) a merge
 * continues under (session-merge.ts), the vault-wide limits a merge may reach, the patient read of
 * a file a sync tool is replacing (patient-read.ts), and the unmerged copy's name (unmerged-copy.ts).
 */
import { describe, expect, it } from 'vitest';
import { ENTRY_LIMITS, ICON_LIMITS } from '../../../electron/domain';
import { VaultError, type StoredIcon } from '../../../electron/vault';
import type { PasswordSlot, VaultHeader } from '../../../electron/vault/format';
import { readVaultBytesPatiently } from '../../../electron/vault/patient-read';
import {
  assertWithinVaultLimits,
  headerOrder,
  mergeInto,
  sameSlots,
  type MergeBase,
  type OpenedCopy,
} from '../../../electron/vault/session-merge';
import { encodePayload } from '../../../electron/vault/payload';
import { isUnmergedCopyName, unmergedCopyName } from '../../../electron/vault/unmerged-copy';
import { contentsOf, storedEntry } from './helpers/fakes';

const SLOT_ID = '0b1e3c5a-7f2d-4e6a-9c8b-1a2b3c4d5e6f';

function slot(fill: number, id = SLOT_ID): PasswordSlot {
  return {
    id,
    type: 'password',
    kdf: { alg: 'argon2id13', opslimit: 2, memlimit: 64 * 1024 * 1024, salt: new Uint8Array(16).fill(fill) },
    nonce: new Uint8Array(24).fill(fill),
    wrappedKey: new Uint8Array(48).fill(fill),
  };
}

function header(savedAt: number, generation: number, s: PasswordSlot): VaultHeader {
  return {
    vaultId: '4ac1499c-7c03-48ec-9e45-829565cade05',
    generation,
    createdAt: 1,
    savedAt,
    aead: 'xchacha20poly1305-ietf',
    slots: [s],
  };
}

const OURS_KEY = new Uint8Array(32).fill(1);
const THEIR_KEY = new Uint8Array(32).fill(2);

function base(h: VaultHeader, s: PasswordSlot, slotToWrite = s): MergeBase {
  return {
    contents: contentsOf([storedEntry({ issuer: 'ours' })]),
    header: h,
    diskSlot: s,
    slotToWrite,
    key: OURS_KEY,
    passwordFrom: 'this',
  };
}

function copy(h: VaultHeader, opened: OpenedCopy['opened']): OpenedCopy {
  const other = storedEntry({ id: '9d4e28ba-2fa1-4d2e-883f-0016d3cca427', issuer: 'theirs' });
  return { header: h, payload: encodePayload(contentsOf([other])), opened };
}

describe('which header a merge continues under', () => {
  it('orders headers by savedAt, then generation', () => {
    expect(headerOrder(header(10, 1, slot(1)), header(9, 5, slot(1)))).toBe(1);
    expect(headerOrder(header(10, 1, slot(1)), header(10, 2, slot(1)))).toBe(-1);
    expect(headerOrder(header(10, 2, slot(1)), header(10, 2, slot(2)))).toBe(0);
  });

  it('keeps ours for an older copy or a tie, with the higher generation, and merges the contents', () => {
    const ours = base(header(100, 3, slot(1)), slot(1));
    for (const theirs of [header(50, 9, slot(2)), header(100, 3, slot(2))]) {
      const merged = mergeInto(ours, copy(theirs, { kind: 'password', key: THEIR_KEY, slot: slot(2) }));
      expect(merged.key).toBe(OURS_KEY);
      expect(merged.diskSlot).toBe(ours.diskSlot);
      expect(merged.passwordFrom).toBe('this');
      expect(merged.header.slots).toEqual(ours.header.slots);
      expect(merged.header.generation).toBe(Math.max(3, theirs.generation));
      expect(merged.contents.entries.map((e) => e.issuer).sort()).toEqual(['ours', 'theirs']);
    }
  });

  it('takes a newer copy’s key and password when it opened with its own password', () => {
    const theirSlot = slot(2);
    const merged = mergeInto(
      base(header(100, 3, slot(1)), slot(1)),
      copy(header(200, 2, theirSlot), { kind: 'password', key: THEIR_KEY, slot: theirSlot }),
    );
    expect(merged).toMatchObject({ key: THEIR_KEY, diskSlot: theirSlot, slotToWrite: theirSlot, passwordFrom: 'copy' });
    expect(merged.header.savedAt).toBe(200);
    expect(merged.header.generation).toBe(3);
  });

  it('never takes the header of a copy that opened with a former key, however late it was saved', () => {
    const ours = base(header(100, 3, slot(1)), slot(1));
    const merged = mergeInto(ours, copy(header(999, 9, slot(2)), { kind: 'former' }));
    expect(merged.key).toBe(OURS_KEY);
    expect(merged.header.slots).toEqual(ours.header.slots);
    expect(merged.passwordFrom).toBe('this');
  });

  it('under the same key, takes a newer copy’s slots, and keeps our pending KDF upgrade only when the slot is ours', () => {
    const upgrade = slot(7);
    const same = mergeInto(
      base(header(100, 3, slot(1)), slot(1), upgrade),
      copy(header(200, 4, slot(1)), { kind: 'current' }),
    );
    expect(same.slotToWrite).toBe(upgrade);
    expect(same.passwordFrom).toBe('this');
    const changed = mergeInto(
      base(header(100, 3, slot(1)), slot(1), upgrade),
      copy(header(200, 4, slot(3)), { kind: 'current' }),
    );
    expect(changed.diskSlot.nonce[0]).toBe(3);
    expect(changed.slotToWrite).toBe(changed.diskSlot);
    expect(changed.key).toBe(OURS_KEY);
    expect(changed.passwordFrom).toBe('copy');
  });

  it('compares slots, not generations or times', () => {
    expect(sameSlots(header(1, 1, slot(1)), header(5, 9, slot(1)))).toBe(true);
    expect(sameSlots(header(1, 1, slot(1)), header(1, 1, slot(2)))).toBe(false);
  });
});

describe('vault-wide limits after a merge', () => {
  it('refuses more accounts than a vault holds, saying how many to remove', () => {
    const entry = storedEntry();
    const many = (n: number) => contentsOf(Array.from({ length: n }, () => entry));
    expect(() => assertWithinVaultLimits(many(ENTRY_LIMITS.maxEntries))).not.toThrow();
    expect(() => assertWithinVaultLimits(many(ENTRY_LIMITS.maxEntries + 3))).toThrow(
      /10,003 accounts, more than the 10,000 .*Remove at least 3 accounts, then try again/,
    );
  });

  it('refuses custom icons over the total cap', () => {
    const icons = new Map<string, StoredIcon>();
    const count = ICON_LIMITS.storedTotalMaxBytes / ICON_LIMITS.storedMaxBytes + 1;
    for (let i = 0; i < count; i++) {
      icons.set(`${i}`, { id: `${i}`, mime: 'image/png', bytes: new Uint8Array(ICON_LIMITS.storedMaxBytes) });
    }
    expect(() => assertWithinVaultLimits(contentsOf([], { icons }))).toThrow(/custom icons/);
  });
});

describe('reading a vault file a sync tool is replacing', () => {
  const absent = (): VaultError => new VaultError('io', 'There is no vault file at x.', { reason: 'absent' });

  it('tries again while the file is missing, within the bound, and returns it once back', async () => {
    let clock = 0;
    let tries = 0;
    const sleeps: number[] = [];
    const bytes = await readVaultBytesPatiently('x', {
      waitMs: 3000,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      read: async () => {
        if (++tries < 5) throw absent();
        return new Uint8Array([1]);
      },
    });
    expect(Array.from(bytes)).toEqual([1]);
    expect(sleeps).toEqual([25, 50, 100, 200]);
  });

  it('gives up with the original error once the bound has passed, and never waits past it', async () => {
    let clock = 0;
    const sleeps: number[] = [];
    const error = await readVaultBytesPatiently('x', {
      waitMs: 1000,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      read: async () => {
        throw absent();
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'io', reason: 'absent' });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('does not retry other failures', async () => {
    let tries = 0;
    const failure = new VaultError('corrupt', 'damaged');
    await expect(
      readVaultBytesPatiently('x', {
        waitMs: 3000,
        now: () => 0,
        sleep: async () => undefined,
        read: async () => {
          tries++;
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    expect(tries).toBe(1);
  });
});

describe('the unmerged copy’s name', () => {
  const at = Date.UTC(2026, 11, 5, 10, 10, 10);

  it('is the vault’s name with a marker, the UTC time and a tag, keeping the extension', () => {
    expect(unmergedCopyName('/data/vault.tessera', at, 'ab12cd34')).toBe(
      'vault.tessera-unmerged-20261205-101010-ab12cd34.tessera',
    );
    expect(unmergedCopyName('/data/keys', at, 'ab12cd34')).toBe(
      'keys.tessera-unmerged-20261205-101010-ab12cd34.tessera',
    );
  });

  it('is recognised for its vault only', () => {
    const name = unmergedCopyName('vault.tessera', at, '0011aabb');
    expect(isUnmergedCopyName(name, '/x/vault.tessera')).toBe(true);
    expect(isUnmergedCopyName(name, '/x/other.tessera')).toBe(false);
    expect(isUnmergedCopyName('vault.tessera', '/x/vault.tessera')).toBe(false);
    expect(isUnmergedCopyName('vault.sync-conflict-20261205-101010-ABCDEF1.tessera', 'vault.tessera')).toBe(false);
  });
});
