// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The merge's laws over random edit histories (merge-arbitraries.ts): replicas of one vault edited
 * through the vault's own entry functions, on skewed clocks that go back, receiving each other's
 * copies now and then. Every law is checked on the states those histories leave behind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, sortEntries } from '../../../electron/vault/payload';
import { mergeReport, mergeVaultStates, type VaultState } from '../../../electron/vault/merge';
import { notesDigest } from '../../../electron/vault/notes-digest';
import { validateEntry } from '../../../electron/vault/validate';
import {
  historyArb,
  mergeAll,
  runHistory,
  snapshot,
  stateDifference,
  stateEquals,
  type Outcome,
} from './merge-arbitraries';

const RUNS = { numRuns: 120 };

/** Expects two states to be equal, saying how they differ when not. */
function expectSame(actual: VaultState, expected: VaultState): void {
  expect(stateDifference(actual, expected)).toBeNull();
}

function pairs<T>(list: readonly T[]): [T, T][] {
  return list.flatMap((a, i) => list.slice(i + 1).map((b): [T, T] => [a, b]));
}

function histories(check: (outcome: Outcome) => void, options = {}): void {
  fc.assert(
    fc.property(historyArb(options), (history) => check(runHistory(history))),
    RUNS,
  );
}

describe('mergeVaultStates: laws over random edit histories', () => {
  it('the histories are what the laws need: edits, merges, conflicts and deletions all happen', () => {
    // A guard against a generator that quietly stopped producing the interesting cases.
    let conflicts = 0;
    let deletions = 0;
    let ties = 0;
    fc.assert(
      fc.property(historyArb(), (history) => {
        const outcome = runHistory(history);
        expect(outcome.problems).toEqual([]);
        const all = mergeAll(outcome.states);
        conflicts += all.entries.filter((e) => e.conflictNotes.length > 0).length;
        deletions += outcome.deleted.size;
        for (const [a, b] of pairs(outcome.states)) {
          for (const e of a.entries) {
            const f = b.entries.find((x) => x.id === e.id);
            if (f && f.changed.notes === e.changed.notes && f.notes !== e.notes) ties++;
          }
        }
      }),
      { numRuns: 150, seed: 20261206 },
    );
    expect(conflicts).toBeGreaterThan(10);
    expect(deletions).toBeGreaterThan(10);
    expect(ties).toBeGreaterThan(0);
  });

  it('is commutative: merge(a, b) ≡ merge(b, a), in the same order', () => {
    histories(({ states }) => {
      for (const [a, b] of pairs(states)) {
        const ab = mergeVaultStates(a, b);
        const ba = mergeVaultStates(b, a);
        expectSame(ab, ba);
        expect(ab.entries.map((e) => e.id)).toEqual(ba.entries.map((e) => e.id));
        expect(ab.tombstones.map((t) => t.id)).toEqual(ba.tombstones.map((t) => t.id));
        expect([...ab.icons.keys()]).toEqual([...ba.icons.keys()]);
      }
    });
  });

  it('is associative: merge(merge(a, b), c) ≡ merge(a, merge(b, c))', () => {
    histories(({ states, seen }) => {
      // The final states, and a mix of final and earlier ones (some of them each other's past).
      const triples = [states, [states[0], seen[Math.floor(seen.length / 2)], states[1]]];
      for (const [a, b, c] of triples) {
        if (!a || !b || !c) continue;
        expectSame(mergeVaultStates(mergeVaultStates(a, b), c), mergeVaultStates(a, mergeVaultStates(b, c)));
      }
    });
  });

  it('is idempotent on the states the vault produces: merge(a, a) ≡ a, and merge(a, merge(a, b)) ≡ merge(a, b)', () => {
    histories(({ states, seen }) => {
      for (const a of seen) expectSame(mergeVaultStates(a, a), a);
      for (const [a, b] of pairs(states)) {
        const ab = mergeVaultStates(a, b);
        expectSame(mergeVaultStates(a, ab), ab);
        expectSame(mergeVaultStates(ab, b), ab);
        expectSame(mergeVaultStates(ab, ab), ab);
      }
    });
  });

  it('loses nothing but by deletion: every account added and never deleted is there, none deleted is', () => {
    histories(({ states, created, deleted }) => {
      const all = mergeAll(states);
      const expected = [...created].filter((id) => !deleted.has(id)).sort();
      expect(all.entries.map((e) => e.id).sort()).toEqual(expected);
      for (const [a, b] of pairs(states)) {
        const merged = mergeVaultStates(a, b);
        const gone = new Set([...a.tombstones, ...b.tombstones].map((t) => t.id));
        const kept = [...new Set([...a.entries, ...b.entries].map((e) => e.id))].filter((id) => !gone.has(id));
        expect(merged.entries.map((e) => e.id).sort()).toEqual(kept.sort());
        expect(merged.tombstones.map((t) => t.id)).toEqual([...gone].sort());
      }
    });
  });

  it('loses no notes text: each copy’s notes and conflict notes are in the merge, or were knowingly replaced', () => {
    histories(({ states }) => {
      const all = mergeAll(states);
      for (const e of all.entries) {
        const superseded = new Set(e.notesSuperseded);
        for (const s of states) {
          const copy = s.entries.find((x) => x.id === e.id);
          if (!copy) continue;
          for (const text of [copy.notes, ...copy.conflictNotes]) {
            const kept = text === '' || text === e.notes || e.conflictNotes.includes(text);
            expect(kept || superseded.has(notesDigest(text)), `${JSON.stringify(text)} of ${e.id}`).toBe(true);
          }
        }
      }
    });
  });

  it('never lowers an HOTP counter, on one computer or in a merge', () => {
    histories(({ states, problems }) => {
      expect(problems).toEqual([]);
      for (const [a, b] of pairs(states)) {
        const merged = mergeVaultStates(a, b);
        for (const e of merged.entries) {
          for (const copy of [...a.entries, ...b.entries].filter((x) => x.id === e.id)) {
            if (copy.counter !== null) expect(e.counter).toBeGreaterThanOrEqual(copy.counter);
          }
        }
      }
    });
  });

  it('adds no conflict note when only one computer edits notes (the others are only ever behind)', () => {
    histories(
      ({ states, seen }) => {
        for (const s of seen) for (const e of s.entries) expect(e.conflictNotes).toEqual([]);
        for (const [a, b] of pairs(states)) {
          for (const e of mergeVaultStates(a, b).entries) expect(e.conflictNotes).toEqual([]);
        }
      },
      { notesEditor: 0 },
    );
  });

  it('gives a state the vault can save and read back: valid entries, sorted, frozen, inputs untouched', () => {
    histories(({ states }) => {
      for (const [a, b] of pairs(states)) {
        const before = [snapshot(a), snapshot(b)] as const;
        const merged = mergeVaultStates(a, b);
        expectSame(a, before[0]);
        expectSame(b, before[1]);
        merged.entries.forEach(validateEntry);
        expect(merged.entries.map((e) => e.id)).toEqual(sortEntries(merged.entries).map((e) => e.id));
        expect(merged.tombstones.map((t) => t.id)).toEqual(merged.tombstones.map((t) => t.id).sort());
        expect(Object.isFrozen(merged.entries)).toBe(true);
        for (const e of merged.entries) expect(Object.isFrozen(e)).toBe(true);
        const encoded = encodePayload(merged);
        const decoded = decodePayload(encoded.buffer.slice(), 2);
        expectSame(decoded, merged);
      }
    });
  });

  it('reports what it changed: unchanged exactly when nothing differs, counts by account', () => {
    histories(({ states }) => {
      for (const [a, b] of pairs(states)) {
        const merged = mergeVaultStates(a, b);
        const report = mergeReport(a, merged);
        expect(report.unchanged).toBe(stateEquals(a, merged));
        const before = new Set(a.entries.map((e) => e.id));
        const after = new Set(merged.entries.map((e) => e.id));
        expect(report.added).toBe([...after].filter((id) => !before.has(id)).length);
        expect(report.removed).toBe([...before].filter((id) => !after.has(id)).length);
        expect(mergeReport(merged, mergeVaultStates(merged, a)).unchanged).toBe(true);
      }
    });
  });
});
