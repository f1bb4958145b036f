// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { nextRollAt, rollCodes } from '../../../renderer/lib/rollover';

const code = (id: string, validUntil: number | null, next?: string) => ({
  id,
  code: '111111',
  validFrom: validUntil === null ? 5 : validUntil - 30_000,
  validUntil,
  ...(next ? { next } : {}),
});

describe('code rollover', () => {
  it('promotes expired codes that carry their next code, keeping the period', () => {
    const byId = { a: code('a', 60_000, '222222'), b: code('b', 90_000, '333333'), h: code('h', null) };
    expect(rollCodes(byId, 59_999)).toEqual({ codes: null, stale: [] });
    const rolled = rollCodes(byId, 60_000);
    expect(rolled.stale).toEqual([]);
    expect(rolled.codes).toEqual([{ id: 'a', code: '222222', validFrom: 60_000, validUntil: 90_000 }, byId.b, byId.h]);
  });

  it('reports expired codes without a next code as stale', () => {
    expect(rollCodes({ a: code('a', 60_000) }, 61_000)).toEqual({ codes: null, stale: [code('a', 60_000)] });
  });

  it('aims the one timer at the next expiry, never at a stale code', () => {
    expect(nextRollAt({ a: code('a', 60_000), b: code('b', 90_000), h: code('h', null) }, 10_000)).toBe(60_000);
    expect(nextRollAt({ a: code('a', 60_000), b: code('b', 90_000) }, 70_000)).toBe(90_000);
    expect(nextRollAt({ a: code('a', 60_000, '2') }, 70_000)).toBe(70_000);
    expect(nextRollAt({ a: code('a', 60_000) }, 70_000)).toBeNull();
  });
});
