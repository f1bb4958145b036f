// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeSnapshot } from '../../../electron/domain';
import {
  currentCode,
  nextRollAt,
  shownCode,
  staleCodes,
  timingRepresentatives,
} from '../../../renderer/codes/rollover';

const code = (id: string, validUntil: number | null, next?: string) => ({
  id,
  code: '111111',
  validFrom: validUntil === null ? 5 : validUntil - 30_000,
  validUntil,
  ...(next ? { next } : {}),
});

describe('code rollover', () => {
  it('shows an ended code’s next code, keeping the period, as one object per pushed code', () => {
    const a = code('a', 60_000, '222222');
    expect(currentCode(a, 59_999)).toBe(a);
    const rolled = currentCode(a, 60_000);
    expect(rolled).toEqual({ id: 'a', code: '222222', validFrom: 60_000, validUntil: 90_000 });
    expect(currentCode(a, 75_000)).toBe(rolled); // selectors see no change between rollovers
    const hotp = code('h', null);
    expect(currentCode(hotp, 1e15)).toBe(hotp);
    expect([shownCode(a, 59_999), shownCode(a, 60_000)]).toEqual(['111111', '222222']);
    const last = code('b', 60_000);
    expect(currentCode(last, 70_000)).toBe(last); // nothing to promote: it stays, and is stale
  });

  it('reports ended codes without a next code as stale, as they show', () => {
    const codes = [code('a', 60_000), code('b', 60_000, '2'), code('c', 90_000), code('h', null)];
    expect(staleCodes(codes, 59_999)).toEqual([]);
    expect(staleCodes(codes, 61_000)).toEqual([codes[0]]);
    // b's next code ran out too: stale as the promoted code it shows.
    expect(staleCodes(codes, 95_000)).toEqual([
      codes[0],
      { id: 'b', code: '2', validFrom: 60_000, validUntil: 90_000 },
      codes[2],
    ]);
  });

  it('aims the one timer at the next end, never at a stale code', () => {
    expect(nextRollAt([code('a', 60_000), code('b', 90_000), code('h', null)], 0, 10_000)).toBe(60_000);
    expect(nextRollAt([code('a', 60_000), code('b', 90_000)], 70_000, 70_000)).toBe(90_000);
    expect(nextRollAt([code('a', 60_000)], 70_000, 70_000)).toBeNull();
  });

  it('fires at once for a next code still waiting, then at the promoted code’s end', () => {
    const codes = [code('a', 60_000, '2')];
    expect(nextRollAt(codes, 0, 70_000)).toBe(70_000); // missed (e.g. the machine slept): roll now
    expect(nextRollAt(codes, 70_000, 70_000)).toBe(90_000); // rolled: its successor ends at 90 s
    expect(nextRollAt(codes, 95_000, 95_000)).toBeNull(); // and then it is stale
  });

  it('answers the timer’s questions from one code per validity window exactly as from every code', () => {
    // Codes from a few periods and phases, some with a next code, some HOTP; any rollover and now.
    const window = fc.record({
      period: fc.constantFrom(30_000, 60_000, 90_000),
      end: fc.integer({ min: 1, max: 6 }).map((k) => k * 30_000),
      next: fc.boolean(),
      hotp: fc.boolean(),
    });
    const codes = fc.array(window, { maxLength: 40 }).map((ws) =>
      ws.map((w, i): CodeSnapshot => ({
        id: `e${i}`,
        code: String(100000 + i),
        validFrom: w.hotp ? 0 : w.end - w.period,
        validUntil: w.hotp ? null : w.end,
        ...(w.next && !w.hotp ? { next: String(200000 + i) } : {}),
      })),
    );
    const time = fc.integer({ min: 0, max: 300_000 });
    fc.assert(
      fc.property(codes, time, time, (all, rolledAt, later) => {
        const now = Math.max(rolledAt, later);
        const few = timingRepresentatives(all);
        expect(few.length).toBeLessThanOrEqual(all.length);
        expect(nextRollAt(few, rolledAt, now)).toBe(nextRollAt(all, rolledAt, now));
        expect(staleCodes(few, now).length > 0).toBe(staleCodes(all, now).length > 0);
      }),
    );
    const same = Array.from({ length: 1_000 }, (_, i) => code(`e${i}`, 60_000, i % 2 ? '2' : undefined));
    expect(timingRepresentatives(same)).toEqual([same[0], same[1]]);
  });
});
