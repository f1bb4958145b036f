// SPDX-License-Identifier: GPL-3.0-or-later
/** The one order of the codes list (electron/domain/codes-order.ts), held to its rule for every order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES_SORTS, sortEntries, type CodesSort, type SortableEntry, type UsageMap } from '../../../electron/domain';
import * as generated from '../../../renderer/shared/domain-values';

interface Row extends SortableEntry {
  /** Where the row was in the input, to check stability. */
  readonly at: number;
}

const NAMES = ['', 'GitHub', 'github', 'Gitlab', 'Éclair', 'eclair', 'Server 2', 'Server 10', 'Zed', 'AWS'];

const rowsArb: fc.Arbitrary<Row[]> = fc
  .array(
    fc.record({
      issuer: fc.constantFrom(...NAMES),
      account: fc.constantFrom(...NAMES),
      favourite: fc.boolean(),
      // Few distinct values, so ties in the manual order happen too.
      sortOrder: fc.integer({ min: 0, max: 6 }),
    }),
    { maxLength: 30 },
  )
  .map((rows) => rows.map((r, i) => ({ ...r, id: `id-${i}`, at: i })));

/** Usage for some of the rows; few distinct counts and times, so ties happen. */
function usageArb(rows: readonly Row[]): fc.Arbitrary<UsageMap> {
  return fc
    .array(
      fc.record({
        pick: fc.nat({ max: Math.max(0, rows.length - 1) }),
        count: fc.integer({ min: 1, max: 4 }),
        lastUsed: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: rows.length },
    )
    .map((uses) => Object.fromEntries(uses.map((u) => [`id-${u.pick}`, { count: u.count, lastUsed: u.lastUsed }])));
}

const caseArb = rowsArb.chain((rows) =>
  fc.record({ rows: fc.constant(rows), usage: usageArb(rows), sort: fc.constantFrom(...CODES_SORTS) }),
);

const collator = new Intl.Collator([], { numeric: true });

/** Names: the empty one after the others, else the collator. */
function byName(a: string, b: string): number {
  if ((a === '') !== (b === '')) return a === '' ? 1 : -1;
  return collator.compare(a, b);
}

/** The rule written out again, for comparing neighbours: negative when `a` must come before `b`. */
function key(sort: CodesSort, usage: UsageMap, a: Row, b: Row): number {
  if (a.favourite !== b.favourite) return a.favourite ? -1 : 1;
  const ua = usage[a.id];
  const ub = usage[b.id];
  let by = 0;
  if (sort === 'issuer') by = byName(a.issuer, b.issuer) || byName(a.account, b.account);
  if (sort === 'account') by = byName(a.account, b.account) || byName(a.issuer, b.issuer);
  if (sort === 'usage') by = (ub?.count ?? 0) - (ua?.count ?? 0) || (ub?.lastUsed ?? -1) - (ua?.lastUsed ?? -1);
  if (sort === 'recent') by = (ub?.lastUsed ?? -1) - (ua?.lastUsed ?? -1);
  return (
    by || a.sortOrder - b.sortOrder || collator.compare(a.issuer, b.issuer) || collator.compare(a.account, b.account)
  );
}

describe('sortEntries', () => {
  it('returns a permutation of the input and leaves the input alone', () => {
    fc.assert(
      fc.property(caseArb, ({ rows, usage, sort }) => {
        const before = [...rows];
        const sorted = sortEntries(rows, sort, usage);
        expect(rows).toEqual(before);
        expect(sorted).not.toBe(rows);
        expect([...sorted].sort((a, b) => a.at - b.at)).toEqual(rows);
      }),
    );
  });

  it('puts favourites first in every order', () => {
    fc.assert(
      fc.property(caseArb, ({ rows, usage, sort }) => {
        const flags = sortEntries(rows, sort, usage).map((r) => r.favourite);
        expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
      }),
    );
  });

  it('follows each order’s rule, and keeps the input order among equals (stable)', () => {
    fc.assert(
      fc.property(caseArb, ({ rows, usage, sort }) => {
        const sorted = sortEntries(rows, sort, usage);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]!;
          const b = sorted[i]!;
          const k = key(sort, usage, a, b);
          expect(k, `${sort}: ${JSON.stringify(a)} before ${JSON.stringify(b)}`).toBeLessThanOrEqual(0);
          if (k === 0) expect(a.at).toBeLessThan(b.at);
        }
      }),
    );
  });

  it('is idempotent, and the manual order ignores usage', () => {
    fc.assert(
      fc.property(caseArb, ({ rows, usage, sort }) => {
        const once = sortEntries(rows, sort, usage);
        expect(sortEntries(once, sort, usage)).toEqual(once);
        expect(sortEntries(rows, 'manual', usage)).toEqual(sortEntries(rows, 'manual', {}));
      }),
    );
  });

  it('is the very function the window runs (the generated copy gives the same answers)', () => {
    fc.assert(
      fc.property(caseArb, ({ rows, usage, sort }) => {
        expect(generated.sortEntries(rows, sort, usage)).toEqual(sortEntries(rows, sort, usage));
      }),
    );
  });

  const entry = (id: string, issuer: string, account: string, sortOrder: number, favourite = false): Row => ({
    id,
    issuer,
    account,
    sortOrder,
    favourite,
    at: sortOrder,
  });
  const A = entry('a', 'Server 10', 'root', 0);
  const B = entry('b', 'Server 2', 'admin', 1);
  const C = entry('c', '', 'zoe', 2);
  const D = entry('d', 'amazon', 'bob', 3, true);
  const E = entry('e', 'Éclair', 'amy', 4);
  const usage: UsageMap = {
    a: { count: 2, lastUsed: 100 },
    b: { count: 5, lastUsed: 50 },
    e: { count: 2, lastUsed: 300 },
  };
  const order = (sort: CodesSort): string[] => sortEntries([A, B, C, D, E], sort, usage).map((r) => r.id);

  it.each([
    ['manual', ['d', 'a', 'b', 'c', 'e']],
    // Numbers by value, accents after the letter, no issuer last.
    ['issuer', ['d', 'e', 'b', 'a', 'c']],
    ['account', ['d', 'b', 'e', 'a', 'c']],
    // b used most; a and e tie on count, e more lately; c never, in the manual order.
    ['usage', ['d', 'b', 'e', 'a', 'c']],
    ['recent', ['d', 'e', 'a', 'b', 'c']],
  ] as const)('%s: %j', (sort, expected) => {
    expect(order(sort)).toEqual(expected);
  });

  it('reads only the usage map’s own keys', () => {
    const proto = entry('constructor', 'x', 'y', 0);
    const other = entry('z', 'x', 'y', 1);
    expect(sortEntries([proto, other], 'usage', { z: { count: 1, lastUsed: 1 } }).map((r) => r.id)).toEqual([
      'z',
      'constructor',
    ]);
  });
});
