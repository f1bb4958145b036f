// SPDX-License-Identifier: GPL-3.0-or-later
/** usage.json: its shape, what a damaged file reads as, its bounds, and the store's order of reads and writes. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRY_LIMITS } from '../../../electron/domain';
import {
  createUsageStore,
  parseUsageFile,
  recordUse,
  serializeUsageFile,
  USAGE_MAX_VAULTS,
  usagePathIn,
  type UsageByVault,
} from '../../../electron/services/usage-store';

const V1 = '11111111-1111-4111-8111-111111111111';
const V2 = '22222222-2222-4222-8222-222222222222';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-usage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the usage file', () => {
  it('round-trips through its text', () => {
    const vaults: UsageByVault = { [V1]: { [A]: { count: 3, lastUsed: 1_700_000_000_000 } }, [V2]: {} };
    const text = serializeUsageFile(vaults);
    expect(JSON.parse(text)).toEqual({ version: 1, vaults });
    expect(parseUsageFile(text)).toEqual(vaults);
  });

  it.each([
    ['empty', ''],
    ['not JSON', '{"version": 1, "vaults": {'],
    ['a list', '[]'],
    ['another version', JSON.stringify({ version: 2, vaults: { [V1]: { [A]: { count: 1, lastUsed: 1 } } } })],
    ['no vaults', JSON.stringify({ version: 1 })],
    ['vaults as a list', JSON.stringify({ version: 1, vaults: [] })],
  ])('reads a damaged or foreign file (%s) as empty', (_, text) => {
    expect(parseUsageFile(text)).toEqual({});
  });

  it('drops the records that are not a count and a time, keeping the rest', () => {
    const text = JSON.stringify({
      version: 1,
      vaults: {
        [V1]: {
          [A]: { count: 2, lastUsed: 5 },
          [B]: { count: 0, lastUsed: 5 },
          [C]: { count: 1.5, lastUsed: 5 },
          x: { count: 1, lastUsed: -1 },
          y: { count: '1', lastUsed: 5 },
          z: null,
          ['w'.repeat(65)]: { count: 1, lastUsed: 5 },
        },
        [V2]: 'nothing',
      },
    });
    expect(parseUsageFile(text)).toEqual({ [V1]: { [A]: { count: 2, lastUsed: 5 } }, [V2]: {} });
  });

  it('keeps "__proto__" and other odd ids as plain data', () => {
    const parsed = parseUsageFile(`{"version":1,"vaults":{"${V1}":{"__proto__":{"count":1,"lastUsed":2}}}}`);
    const own = parsed[V1]!;
    expect(Object.keys(own)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(own)).toBe(Object.prototype);
    const next = recordUse(parsed, V1, ['__proto__'], new Set(['__proto__']), 9);
    expect(Object.getOwnPropertyDescriptor(next[V1], '__proto__')?.value).toEqual({ count: 2, lastUsed: 9 });
    expect(({} as Record<string, unknown>).count).toBeUndefined();
  });

  it('never reads more than a vault can hold', () => {
    const many = Object.fromEntries(
      Array.from({ length: ENTRY_LIMITS.maxEntries + 5 }, (_, i) => [`e${i}`, { count: 1, lastUsed: i }]),
    );
    const parsed = parseUsageFile(JSON.stringify({ version: 1, vaults: { [V1]: many } }));
    expect(Object.keys(parsed[V1]!)).toHaveLength(ENTRY_LIMITS.maxEntries);
  });
});

describe('recordUse', () => {
  it('counts a use, sets its time, and drops the accounts no longer in the vault', () => {
    const before: UsageByVault = { [V1]: { [A]: { count: 2, lastUsed: 10 }, [B]: { count: 7, lastUsed: 20 } } };
    const after = recordUse(before, V1, [A], new Set([A, C]), 30);
    expect(after).toEqual({ [V1]: { [A]: { count: 3, lastUsed: 30 } } });
    expect(before[V1]![A]).toEqual({ count: 2, lastUsed: 10 });
  });

  it('keeps each vault’s counts apart', () => {
    const one = recordUse({}, V1, [A], new Set([A]), 1);
    const two = recordUse(one, V2, [A], new Set([A]), 2);
    expect(two).toEqual({ [V1]: { [A]: { count: 1, lastUsed: 1 } }, [V2]: { [A]: { count: 1, lastUsed: 2 } } });
  });

  it('counts only accounts in the vault', () => {
    expect(recordUse({}, V1, [A, B], new Set([B]), 1)).toEqual({ [V1]: { [B]: { count: 1, lastUsed: 1 } } });
  });

  it('stays bounded: at most the vault’s accounts, at most USAGE_MAX_VAULTS vaults (the least recent go)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ vault: fc.nat({ max: USAGE_MAX_VAULTS + 4 }), entry: fc.nat({ max: 9 }) }), {
          maxLength: 80,
        }),
        fc.integer({ min: 1, max: 10 }),
        (uses, liveCount) => {
          const live = new Set(Array.from({ length: liveCount }, (_, i) => `e${i}`));
          let vaults: UsageByVault = {};
          uses.forEach((u, t) => {
            vaults = recordUse(vaults, `v${u.vault}`, [`e${u.entry}`], live, t);
          });
          expect(Object.keys(vaults).length).toBeLessThanOrEqual(USAGE_MAX_VAULTS);
          for (const usage of Object.values(vaults)) {
            expect(Object.keys(usage).length).toBeLessThanOrEqual(liveCount);
          }
          const last = uses.at(-1);
          if (last !== undefined && live.has(`e${last.entry}`)) {
            expect(vaults[`v${last.vault}`]?.[`e${last.entry}`]?.lastUsed).toBe(uses.length - 1);
          }
        },
      ),
    );
  });

  it('forgets the vault copied from longest ago first', () => {
    let vaults: UsageByVault = {};
    for (let i = 0; i <= USAGE_MAX_VAULTS; i++) vaults = recordUse(vaults, `v${i}`, [A], new Set([A]), 100 + i);
    expect(Object.keys(vaults)).toHaveLength(USAGE_MAX_VAULTS);
    expect(vaults).not.toHaveProperty('v0');
    expect(vaults).toHaveProperty(`v${USAGE_MAX_VAULTS}`);
  });
});

describe('the store', () => {
  const file = (): string => usagePathIn(dir);

  it('writes usage.json privately in the folder it is given, and reads it back', async () => {
    let now = 1_000;
    const store = createUsageStore({ path: file(), now: () => now });
    expect(await store.read(V1, [A])).toEqual({});
    await store.record(V1, [A], [A, B]);
    now = 2_000;
    await store.record(V1, [A], [A, B]);
    expect(await store.read(V1, [A, B])).toEqual({ [A]: { count: 2, lastUsed: 2_000 } });
    expect(path.basename(file())).toBe('usage.json');
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual({
      version: 1,
      vaults: { [V1]: { [A]: { count: 2, lastUsed: 2_000 } } },
    });
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o777).toBe(0o600);
  });

  it('reads only the accounts still in the vault, without writing', async () => {
    writeFileSync(
      file(),
      serializeUsageFile({ [V1]: { [A]: { count: 1, lastUsed: 1 }, [B]: { count: 1, lastUsed: 1 } } }),
    );
    const store = createUsageStore({ path: file(), now: () => 5 });
    expect(await store.read(V1, [B])).toEqual({ [B]: { count: 1, lastUsed: 1 } });
    expect(await store.read(V2, [A, B])).toEqual({});
    expect(Object.keys(parseUsageFile(readFileSync(file(), 'utf8'))[V1]!)).toEqual([A, B]);
  });

  it('starts again over a damaged file', async () => {
    writeFileSync(file(), '\u0000garbage');
    const store = createUsageStore({ path: file(), now: () => 7 });
    expect(await store.read(V1, [A])).toEqual({});
    await store.record(V1, [A], [A]);
    expect(parseUsageFile(readFileSync(file(), 'utf8'))).toEqual({ [V1]: { [A]: { count: 1, lastUsed: 7 } } });
  });

  it('never rejects: a write that fails is dropped, and the next one works', async () => {
    let failing = true;
    const written: string[] = [];
    const store = createUsageStore({
      path: file(),
      now: () => 1,
      readText: async () => written.at(-1) ?? '',
      writeText: async (_, text) => {
        if (failing) throw Object.assign(new Error('read-only'), { code: 'EROFS' });
        written.push(text);
      },
    });
    await expect(store.record(V1, [A], [A])).resolves.toBeUndefined();
    failing = false;
    await store.record(V1, [A], [A]);
    expect(await store.read(V1, [A])).toEqual({ [A]: { count: 1, lastUsed: 1 } });
  });

  it('runs reads and writes one at a time, in order: a read sees every use before it', async () => {
    let text = '';
    const releases: (() => void)[] = [];
    const store = createUsageStore({
      path: file(),
      now: () => 1,
      readText: async () => text,
      writeText: (_, next) =>
        new Promise<void>((resolve) => {
          releases.push(() => {
            text = next;
            resolve();
          });
        }),
    });
    const uses = [store.record(V1, [A], [A, B]), store.record(V1, [B], [A, B]), store.record(V1, [A], [A, B])];
    const read = store.read(V1, [A, B]);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    await Promise.all(uses);
    expect(await read).toEqual({ [A]: { count: 2, lastUsed: 1 }, [B]: { count: 1, lastUsed: 1 } });
  });

  it('leaves a missing folder alone when told to (the CLI)', async () => {
    const missing = path.join(dir, 'no-such-folder', 'usage.json');
    await createUsageStore({ path: missing, now: () => 1, createFolder: false }).record(V1, [A], [A]);
    expect(() => statSync(path.dirname(missing))).toThrow();
    await createUsageStore({ path: missing, now: () => 1 }).record(V1, [A], [A]);
    expect(parseUsageFile(readFileSync(missing, 'utf8'))).toEqual({ [V1]: { [A]: { count: 1, lastUsed: 1 } } });
  });
});
