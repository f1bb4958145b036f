// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 5: a file must not make Tessera derive more than once at the format's own
 * ceiling. Tessera writes one password slot, so a file with more, or with more Argon2id work in
 * total than one derivation at the ceiling, is refused from its header, before anything is derived,
 * on every path that opens a vault or a backup (unlock, inspect, the backup checks, restore).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBackupBytes, readBackupBytes } from '../../../electron/export/tessera-backup';
import {
  checkVaultBytes,
  createVault,
  inspectVault,
  KDF_CEILING,
  KDF_FLOOR,
  readVaultEntries,
  unlockVault,
  VaultError,
  type VaultOptions,
} from '../../../electron/vault';
import { passwordBytes } from '../../../electron/vault/crypto';
import { parseContainer, type VaultHeader } from '../../../electron/vault/format';
import { openPayload, sealVault } from '../../../electron/vault/sealing';
import { unwrapWithPassword } from '../../../electron/vault/slots';
import {
  createFakeKdf,
  fastOptions,
  makeTempDir,
  oneEntryVault,
  seededRandom,
  spyKdf,
  totpEntry,
} from './helpers/fakes';
import { headerJson, passwordSlotJson, runCliWith, withHeader } from './helpers/hostile';

const PASSWORD = 'budget test password';
const TOO_MUCH = /asks for more password work than Tessera ever writes: it is damaged or was made to slow Tessera down/;

let tmp: ReturnType<typeof makeTempDir>;
let opts: VaultOptions;
let original: Uint8Array;

beforeAll(async () => {
  ({ tmp, opts, original } = await oneEntryVault(PASSWORD));
});
afterAll(() => tmp.cleanup());

/** The original vault with its slots replaced by `n` password slots at `params`. */
function manySlots(n: number, params = KDF_CEILING): Uint8Array {
  const header = headerJson(original);
  header.slots = Array.from({ length: n }, (_, i) => passwordSlotJson(i + 1, params));
  return withHeader(original, header);
}

async function refusal(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => new Error('accepted'),
    (e: unknown) => e,
  );
  if (!(error instanceof VaultError)) throw error;
  return error;
}

describe('the password work a file may ask for', () => {
  it('16 slots at ops 10 / 1 GiB: refused from the header on every path, nothing derived', async () => {
    const hostile = manySlots(16);
    const spy = spyKdf(createFakeKdf());
    writeFileSync(opts.path, hostile);

    const unlock = await refusal(unlockVault({ ...opts, kdf: spy }, PASSWORD));
    expect(unlock).toMatchObject({ kind: 'corrupt', reason: 'kdf-work-exceeded' });
    expect(unlock.message).toMatch(TOO_MUCH);
    expect(await refusal(inspectVault(opts.path))).toMatchObject({ kind: 'corrupt', reason: 'kdf-work-exceeded' });
    expect(() => checkVaultBytes(hostile)).toThrow(TOO_MUCH);
    expect(() => checkBackupBytes(hostile)).toThrow(TOO_MUCH);
    expect(await refusal(readVaultEntries(hostile, PASSWORD, { kdf: spy }))).toMatchObject({
      reason: 'kdf-work-exceeded',
    });
    expect(await refusal(readBackupBytes(hostile, PASSWORD, { kdf: spy }))).toMatchObject({
      reason: 'kdf-work-exceeded',
    });
    expect(spy.calls).toHaveLength(0);
  });

  it('two password slots are refused even at the floor (Tessera writes one)', async () => {
    const spy = spyKdf(createFakeKdf());
    writeFileSync(opts.path, manySlots(2, KDF_FLOOR));
    expect(await refusal(unlockVault({ ...opts, kdf: spy }, PASSWORD))).toMatchObject({
      kind: 'corrupt',
      reason: 'kdf-work-exceeded',
    });
    expect(spy.calls).toHaveLength(0);
  });

  it('the check is local too: unwrapping two password slots derives nothing', async () => {
    const parsed = parseContainer(original);
    const [slot] = parsed.header.slots;
    const spy = spyKdf(createFakeKdf());
    const twice = [slot!, { ...slot!, id: '00000000-0000-4000-8000-000000000002' }];
    expect(await refusal(unwrapWithPassword(spy, twice, passwordBytes(PASSWORD)))).toMatchObject({
      reason: 'kdf-work-exceeded',
    });
    expect(spy.calls).toHaveLength(0);
  });

  it('slots that cost no derivation do not count: one password slot and 15 others open with one derivation', async () => {
    const parsed = parseContainer(original);
    const { dataKey } = await unwrapWithPassword(createFakeKdf(), parsed.header.slots, passwordBytes(PASSWORD));
    const others = Array.from({ length: 15 }, (_, i) => {
      const json = { id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, type: 'future-kind', n: i };
      return { id: json.id, type: json.type, json };
    });
    const header: VaultHeader = { ...parsed.header, slots: [...parsed.header.slots, ...others] };
    const payload = await openPayload(parsed, dataKey);
    writeFileSync(opts.path, await sealVault(header, payload.buffer, dataKey, seededRandom('budget')));
    const spy = spyKdf(createFakeKdf());
    const v = await unlockVault({ ...opts, kdf: spy }, PASSWORD);
    expect(v.entries()).toHaveLength(1);
    v.lock();
    expect(spy.calls.map((c) => c.params)).toEqual([KDF_FLOOR]);
  });

  it('one slot at the ceiling is the legitimate maximum: accepted, derived exactly once', async () => {
    const t = makeTempDir();
    try {
      const file = path.join(t.dir, 'ceiling.tessera');
      const v = await createVault({ ...fastOptions(t.dir), path: file, kdfParams: KDF_CEILING }, PASSWORD);
      await v.add([totpEntry()]);
      v.lock();
      const spy = spyKdf(createFakeKdf());
      const again = await unlockVault({ ...fastOptions(t.dir), path: file, kdf: spy }, PASSWORD);
      again.lock();
      expect(spy.calls.map((c) => c.params)).toEqual([KDF_CEILING]);
      spy.calls.length = 0;
      expect(await readVaultEntries(new Uint8Array(readFileSync(file)), PASSWORD, { kdf: spy })).toHaveLength(1);
      expect(spy.calls.map((c) => c.params)).toEqual([KDF_CEILING]);
    } finally {
      t.cleanup();
    }
  });
});

describe('tessera restore --dry-run of a crafted backup', () => {
  it('a 2-slot backup at the ceiling: exit 3 with the reason, before any derivation of the backup', async () => {
    const t = makeTempDir();
    try {
      const vault = path.join(t.dir, 'vault.tessera');
      (await createVault({ ...fastOptions(t.dir), path: vault }, PASSWORD)).lock();
      const backup = path.join(t.dir, 'crafted.tessera');
      const header = headerJson(original);
      header.slots = [passwordSlotJson(1, KDF_CEILING), passwordSlotJson(2, KDF_CEILING)];
      writeFileSync(backup, withHeader(original, header));

      const spy = spyKdf(createFakeKdf());
      const r = await runCliWith(
        ['restore', backup, '--dry-run', '--vault', vault, '--password-stdin'],
        spy,
        `${PASSWORD}\n${PASSWORD}\n`,
      );
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('crafted.tessera asks for more password work than Tessera ever writes');
      expect(r.stderr).toMatch(/damaged or was made to slow Tessera down/);
      expect(spy.calls.filter((c) => c.params.memlimit === KDF_CEILING.memlimit)).toHaveLength(0);
    } finally {
      t.cleanup();
    }
  });
});
