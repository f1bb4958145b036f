// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The sync tests' reference model (model.ts) on hand-made journals: it accepts what the merge rules
 * allow and names each thing they forbid (a lost or resurrected account, a value older than the
 * last write, a notes text lost to a conflict, an HOTP counter going back, an unexplained failure),
 * so the real and simulated sync tests can fail.
 */
import { describe, expect, it } from 'vitest';
import {
  checkAgainstJournal,
  effectivePatch,
  hotp,
  hotpCounterOf,
  possibleLastWrites,
  SyncJournal,
  type FinalEntry,
} from './model';

const SECRET = new TextEncoder().encode('12345678901234567890');
const at = (start: number, end = start + 10) => ({ start, end });

function journalWithOne(type: 'totp' | 'hotp' = 'totp'): SyncJournal {
  const j = new SyncJournal();
  j.added('A', at(100), { account: 'acct-A-0001', issuer: 'Issuer', tags: ['work'], type, digits: 6, secret: SECRET });
  return j;
}

function final(overrides: Partial<FinalEntry> = {}): FinalEntry {
  return {
    account: 'acct-A-0001',
    issuer: 'Issuer',
    tags: ['work'],
    favourite: false,
    notes: '',
    conflictNotes: [],
    counter: null,
    ...overrides,
  };
}

describe('the sync reference model', () => {
  it('accepts the result the journal allows', () => {
    const j = journalWithOne();
    j.edited('B', at(200), 'acct-A-0001', { names: 'Renamed', notes: 'hello' });
    expect(checkAgainstJournal(j, [final({ issuer: 'Renamed', notes: 'hello' })]).problems).toEqual([]);
  });

  it('names a lost, a resurrected, a duplicated and an invented account', () => {
    const j = journalWithOne();
    j.added('B', at(150), { account: 'acct-B-0001', issuer: 'X', tags: [], type: 'totp', digits: 6, secret: SECRET });
    j.removed('B', at(300), 'acct-B-0001');
    const { problems } = checkAgainstJournal(j, [
      final({ account: 'acct-B-0001', issuer: 'X', tags: [] }),
      final({ account: 'acct-Z-0001' }),
      final({ account: 'acct-Z-0001' }),
    ]);
    expect(problems.join('\n')).toMatch(/acct-A-0001 was lost/);
    expect(problems.join('\n')).toMatch(/acct-B-0001 came back/);
    expect(problems.join('\n')).toMatch(/acct-Z-0001 is in the vault 2 times/);
    expect(problems.join('\n')).toMatch(/acct-Z-0001 is in the vault but no side ever added it/);
  });

  it('wants the last write of each part, and either of two that overlap', () => {
    const j = journalWithOne();
    j.edited('A', at(200, 210), 'acct-A-0001', { tags: ['home'] });
    j.edited('B', at(300, 310), 'acct-A-0001', { tags: ['bank'] });
    expect(checkAgainstJournal(j, [final({ tags: ['home'] })]).problems).toEqual([
      'acct-A-0001 tags: is ["home"], the last write was ["bank"] (B, 300–310).',
    ]);
    j.edited('A', at(305, 400), 'acct-A-0001', { favourite: true });
    j.edited('B', at(320, 330), 'acct-A-0001', { favourite: false });
    for (const favourite of [true, false]) {
      expect(checkAgainstJournal(j, [final({ tags: ['bank'], favourite })]).problems).toEqual([]);
    }
    expect(possibleLastWrites(j.accounts.get('acct-A-0001')!.writes.favourite).map((w) => w.side)).toEqual(['A', 'B']);
  });

  it('keeps one of two notes written while isolated as a conflict note, unless both sides wrote again', () => {
    const j = journalWithOne();
    j.isolated({ start: 1000, end: 2000 });
    j.edited('A', at(1100), 'acct-A-0001', { notes: 'from A' });
    j.edited('B', at(1200), 'acct-A-0001', { notes: 'from B' });
    expect(checkAgainstJournal(j, [final({ notes: 'from B', conflictNotes: ['from A'] })]).problems).toEqual([]);
    const lost = checkAgainstJournal(j, [final({ notes: 'from B' })]);
    expect(lost.problems.join('\n')).toMatch(/while isolated; neither is a conflict note/);
    expect(
      checkAgainstJournal(j, [final({ notes: 'from B', conflictNotes: ['invented'] })]).problems.join('\n'),
    ).toMatch(/conflict note no side wrote/);
    // Both sides replaced their own text afterwards: a sequential replacement, nothing to keep.
    j.edited('A', at(2100), 'acct-A-0001', { notes: 'A again' });
    j.edited('B', at(2200), 'acct-A-0001', { notes: 'B again' });
    const after = checkAgainstJournal(j, [final({ notes: 'B again', conflictNotes: [] })]);
    expect(after.problems).toEqual([]);
    expect(after.figures.concurrentNotes).toBe(0);
    // ... but not when the two had met (merged each other's state) before writing again.
    j.met(2050);
    expect(checkAgainstJournal(j, [final({ notes: 'B again', conflictNotes: [] })]).problems.join('\n')).toMatch(
      /neither is a conflict note/,
    );
    expect(checkAgainstJournal(j, [final({ notes: 'B again', conflictNotes: ['from A'] })]).problems).toEqual([]);
  });

  it('wants HOTP counters past every value used, never going back on one side', () => {
    const j = journalWithOne('hotp');
    expect(j.codeShown('A', at(200), 'acct-A-0001', hotp(SECRET, 0, 6))).toBe(0);
    j.codeShown('A', at(300), 'acct-A-0001', hotp(SECRET, 1, 6));
    j.codeShown('B', at(310), 'acct-A-0001', hotp(SECRET, 1, 6));
    expect(checkAgainstJournal(j, [final({ counter: 2 })]).figures.countersUsedTwice).toBe(1);
    expect(checkAgainstJournal(j, [final({ counter: 2 })]).problems).toEqual([]);
    expect(checkAgainstJournal(j, [final({ counter: 1 })]).problems).toEqual([
      'acct-A-0001: HOTP counter is 1, but counter 1 was already used.',
    ]);
    j.codeShown('A', at(400), 'acct-A-0001', hotp(SECRET, 1, 6));
    expect(checkAgainstJournal(j, [final({ counter: 2 })]).problems).toEqual([
      'acct-A-0001: A showed the code of counter 1 after that of 1 (went back).',
    ]);
  });

  it('explains only a not-found for an account the other side removed, and a refusal while the file was replaced', () => {
    const j = journalWithOne();
    j.added('A', at(110), { account: 'acct-A-0002', issuer: 'Y', tags: [], type: 'totp', digits: 6, secret: SECRET });
    j.removed('B', at(200), 'acct-A-0002');
    const failure = { kind: 'edit', exitCode: 4, message: "No account matches 'x'.", ...at(300) } as const;
    j.failed({ ...failure, side: 'A', account: 'acct-A-0002', why: 'not-found' });
    j.failed({ ...failure, side: 'B', account: 'acct-A-0001', why: 'not-found' });
    j.failed({ ...failure, side: 'A', account: 'acct-A-0001', why: 'file-being-replaced' });
    j.failed({ ...failure, side: 'B', account: 'acct-A-0001', why: 'other', message: 'disk full' });
    const { problems, figures } = checkAgainstJournal(j, [final()]);
    expect(problems).toEqual([
      "B: 'edit acct-A-0001' failed (exit 4): No account matches 'x'.",
      "B: 'edit acct-A-0001' failed (exit 4): disk full",
    ]);
    expect(figures).toMatchObject({ explainedFailures: 1, refusedWhileReplaced: 1 });
  });

  it('counts only the parts an edit really changed', () => {
    const changed = { names: 50, tags: 120, favourite: 99, notes: 100 };
    expect(effectivePatch({ names: 'x', tags: ['a'], favourite: true, notes: 'n' }, changed, 100)).toEqual({
      tags: ['a'],
      notes: 'n',
    });
  });

  it('computes HOTP as RFC 4226 does and finds the counter of a code', () => {
    // RFC 4226 appendix D.
    expect([0, 1, 2, 9].map((c) => hotp(SECRET, c, 6))).toEqual(['755224', '287082', '359152', '520489']);
    expect(hotpCounterOf(SECRET, 6, '359152')).toBe(2);
    expect(hotpCounterOf(SECRET, 6, 'nope')).toBeNull();
  });
});
